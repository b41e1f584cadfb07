"""`reformtrace kwic TERM`: a concordance of a term across the corpus, its inflected and compound forms too."""
from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

from reformtrace.themes.kwic import WINDOW


def add_parser(sub) -> argparse.ArgumentParser:
    parser = sub.add_parser(
        "kwic",
        help="keyword in context: every place a term stands in the corpus, with report, year, page and section",
        description=(
            "Find a term in every report, in its inflected and compound forms ('mobila team' finds "
            "'mobilt team', 'mobila teamen', 'mobilteamet'), and print each place with the words around it. "
            "Reads the passages the last `reformtrace run` left in its cache; a report it has not seen is read now. "
            "A file that cannot be read is named after the count of lines and left out, as the run leaves it out. "
            "Exit status: 0 done, 2 bad arguments or no corpus folder, 3 some files could not be read."
        ),
    )
    parser.add_argument("term", help="a word or phrase, in any form")
    parser.add_argument("--corpus", type=Path, default=Path("corpus"), help="folder of reports and sources.toml (default: corpus)")
    parser.add_argument("--out", type=Path, default=Path("out"), help="the run's output folder, whose cache is read (default: out)")
    parser.add_argument("--cache", type=Path, default=None, help="the run's cache folder (default: OUT/.cache)")
    parser.add_argument("--window", type=int, default=WINDOW, help=f"words shown on each side (default: {WINDOW})")
    parser.add_argument("--csv", type=Path, default=None, metavar="FILE", help="write the lines to FILE as CSV instead of printing them")
    return parser


def main(args: argparse.Namespace) -> int:
    from reformtrace.errors import InputError
    from reformtrace.report import report_names
    from reformtrace.themes.kwic import KWIC_COLUMNS, kwic
    from reformtrace.themes.passages import corpus_passages

    if args.window < 0:
        raise InputError(str(args.window), "--window must be 0 or more", stage="kwic")
    if not args.term.strip():
        raise InputError(args.term, "the term is empty", stage="kwic")
    reports = corpus_passages(args.corpus, args.cache or args.out / ".cache")
    lines = kwic(args.term, reports, args.window)
    found = f"{len(lines)} lines in {len({line.report_id for line in lines})} reports"
    unread = [r.source.path.name for r in reports if not r.cached and not r.problem]
    if unread:
        found += f"; read now, not from a run's cache: {', '.join(unread)}"
    failed = [f"{r.source.path.name} ({r.problem})" for r in reports if r.problem]
    if failed:
        found += f"; not read: {'; '.join(failed)}"
    if args.csv:
        with open(args.csv, "w", encoding="utf-8", newline="") as f:
            writer = csv.writer(f, lineterminator="\n")
            writer.writerow(KWIC_COLUMNS)
            writer.writerows(["" if v is None else v for v in line.row()] for line in lines)
        print(f"{found}: {args.csv}", file=sys.stderr)
        return 3 if failed else 0
    width = max([len(line.left) for line in lines] + [0])
    names = report_names([r.source.report_id for r in reports])  # as the page and the workbook name them
    for line in lines:
        page = f"p. {line.printed_page}" if line.printed_page else f"PDF p. {line.page}"
        year = f" ({line.year})" if line.year is not None else ""
        print(f"{names[line.report_id]}{year} {page:>10}  {line.left:>{width}} [{line.match}]{line.right}")
    print(found, file=sys.stderr)
    return 3 if failed else 0
