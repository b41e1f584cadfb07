"""`reformtrace import --format label-studio|doccano|spacy FILE -o annotations/NAME.jsonl`:
labels corrected in a labelling tool, back into the project's annotation format
(coder, time, labels and region spans as the person left them), checked against
the taxonomy, ready for `reformtrace train` and `evaluate`."""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter


def add_parser(sub) -> argparse.ArgumentParser:
    from reformtrace.commands.export import FORMATS

    parser = sub.add_parser(
        "import",
        help="read a labelling tool's export back into an annotation file (coder, time, labels, spans)",
        description=(
            "Read Label Studio's JSON export (or JSON_MIN), doccano's export (the zip of one JSONL per annotator, "
            "or a collaborative project's all.jsonl) or a spaCy DocBin, and write one annotation line per passage "
            "and coder: id, the passage's fields, text, goals, interventions, regions, spans, coder, annotated_at. "
            "A label the taxonomy does not know is an error naming the task or line. "
            "Exit status: 0 done, 2 unreadable or invalid input."
        ),
    )
    parser.add_argument("input", help="the tool's export file")
    parser.add_argument("--format", "-f", required=True, choices=FORMATS, help="the tool that wrote it")
    parser.add_argument("-o", "--output", required=True, help="annotation JSONL file to write (written whole or not at all)")
    parser.add_argument("--coder", help="the coder id of every annotation (default: the tool's account: e-mail or user name)")
    parser.add_argument("--coders", help="TOML file of coder = \"account\": turns the tool's accounts into coder ids")
    return parser


def main(args: argparse.Namespace) -> int:
    from reformtrace.atomic import atomic_open
    from reformtrace.labelling.records import read_accounts

    if args.format == "spacy":
        from reformtrace.labelling.docbin import require_spacy

        require_spacy()
    accounts = read_accounts(args.coders)
    if args.format == "label-studio":
        from reformtrace.labelling.label_studio import read_export

        rows = read_export(args.input, args.coder, accounts)
    elif args.format == "doccano":
        from reformtrace.labelling.doccano import read_export

        rows = read_export(args.input, args.coder, accounts)
    else:
        from reformtrace.labelling.docbin import read_docbin

        rows = read_docbin(args.input, args.coder)
    with atomic_open(args.output) as out:
        out.writelines(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
    coders = Counter(row["coder"] for row in rows)
    by = ", ".join(f"{coder or '(no coder)'} {n}" for coder, n in sorted(coders.items()))
    print(f"{args.input}: {len(rows)} annotations ({by}) -> {args.output}", file=sys.stderr)
    return 0
