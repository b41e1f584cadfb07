"""`reformtrace repair FILE... [-o OUT] [--out-dir DIR] [--changes CSV]`

Restores the Swedish letters of OCR-damaged text files. Each page (text
between form feeds) is judged on its own words, whatever its length (a title
or a paragraph alone too), and repaired in place when it reads as damaged;
clean pages and clean files (English ones too) pass through unchanged. Every
change goes to the --changes CSV with file, page, character offset, original,
replacement and score.
"""
from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

from reformtrace.errors import InputError

CHANGE_FIELDS = ("file", "page", "offset", "original", "replacement", "score")


def add_parser(sub) -> argparse.ArgumentParser:
    p = sub.add_parser(
        "repair",
        help="restore å/ä/ö and other letters lost by OCR in text files",
        description=__doc__.split("\n\n")[1],
    )
    p.add_argument("files", nargs="+", type=Path, metavar="FILE", help="text file(s), UTF-8")
    out = p.add_mutually_exclusive_group()
    out.add_argument("-o", "--output", type=Path, metavar="OUT", help="write the repaired text here (one FILE only; default stdout)")
    out.add_argument("--out-dir", type=Path, metavar="DIR", help="write each repaired file under its own name in DIR")
    p.add_argument("--changes", type=Path, metavar="CSV", help="write every change to this CSV file")
    p.add_argument("--force", action="store_true", help="repair every page, even pages that read as clean")
    return p


def main(args: argparse.Namespace) -> int:
    from reformtrace.repair import repair_pages  # only when the command runs: every command starts faster

    if args.output and len(args.files) > 1:
        raise SystemExit("reformtrace repair: -o takes one FILE; use --out-dir for several")
    if args.out_dir:
        args.out_dir.mkdir(parents=True, exist_ok=True)
    rows = []
    for path in args.files:
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as err:
            raise InputError(path, f"cannot read the file ({err.strerror or err})", stage="repair") from err
        except UnicodeDecodeError as err:
            raise InputError(path, f"cannot read as UTF-8 text ({err})", stage="repair") from err
        repaired, changes = repair_pages(text, args.force)
        rows += [(str(path), page, start + c.start, c.original, c.replacement, c.score) for page, start, c in changes]
        if args.out_dir:
            (args.out_dir / path.name).write_text(repaired, encoding="utf-8")
        elif args.output:
            args.output.write_text(repaired, encoding="utf-8")
        else:
            sys.stdout.write(repaired)
        print(f"{path}: {len(changes)} change(s)", file=sys.stderr)
    if args.changes:
        with open(args.changes, "w", newline="", encoding="utf-8") as f:
            writer = csv.writer(f)
            writer.writerow(CHANGE_FIELDS)
            writer.writerows(rows)
    return 0
