"""`reformtrace extract FILE`: the extraction stage alone, for inspection and scripts."""
from __future__ import annotations

import argparse
import json
import sys


def add_parser(sub) -> argparse.ArgumentParser:
    parser = sub.add_parser(
        "extract",
        help="print a report's text (pages separated by a form feed) or its blocks as JSON",
        description=(
            "Extract the text of one report (.pdf, .txt or .md): running headers, footers and "
            "page numbers dropped, end-of-line hyphenation joined, columns read in order. "
            "Plain text has one blank line between blocks and a form feed between pages; "
            "--json gives the structured document (pages -> blocks with kind, page and section path). "
            "A scanned page is read by Tesseract (swe). Exit status: 0 done, 2 the file cannot be read "
            "(named, with the reason: missing, empty, not a PDF, encrypted, damaged)."
        ),
    )
    parser.add_argument("file", help="the report file")
    parser.add_argument("--json", action="store_true", help="print the document as JSON")
    return parser


def main(args: argparse.Namespace) -> int:
    from reformtrace.extract import extract  # only when the command runs: every command starts faster

    doc = extract(args.file)
    for warning in doc.warnings:
        print(f"reformtrace: warning: {args.file}: {warning}", file=sys.stderr)
    if args.json:
        json.dump(doc.to_dict(), sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(doc.text() + "\n")
    return 0
