"""`reformtrace repair FILE... [-o OUT] [--out-dir DIR] [--changes CSV]`

Restores the Swedish letters of OCR-damaged text files. Each page (text
between form feeds) is judged on its own words, whatever its length (a title
or a paragraph alone too), and repaired in place when it reads as damaged;
clean pages and clean files (English ones too) pass through unchanged. Every
change goes to the --changes CSV with file, page, character offset, original,
replacement and score. A file that cannot be read is named with the reason and
the others are repaired all the same. Exit status: 0 done, 2 no file could be
read (or bad arguments), 3 some files could not be read.
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
        print("reformtrace repair: error: -o takes one FILE; use --out-dir for several", file=sys.stderr)
        return 2
    if args.out_dir:
        args.out_dir.mkdir(parents=True, exist_ok=True)
    rows, failed = [], 0
    for path in args.files:
        try:
            text = _read(path)
        except InputError as err:
            print(f"reformtrace: error: {err}", file=sys.stderr)
            failed += 1
            continue
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
    if failed:
        return 2 if failed == len(args.files) else 3
    return 0


def _read(path: Path) -> str:
    """The file's text, or an InputError naming why not (a PDF given here is said to be one)."""
    try:
        data = path.read_bytes()
    except OSError as err:
        raise InputError(path, f"cannot read the file ({err.strerror or err})", stage="repair") from err
    if data.startswith(b"%PDF"):
        raise InputError(path, "a PDF, not a text file: repair takes text (`reformtrace extract FILE` gives a PDF's; "
                               "`reformtrace run` repairs as it goes)", stage="repair")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise InputError(path, f"cannot read as UTF-8 text ({err})", stage="repair") from err
