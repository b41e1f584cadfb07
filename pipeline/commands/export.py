"""`reformtrace export --format label-studio|doccano|spacy FILE.jsonl -o OUT`: passages out
to a labelling tool, with the software's coding (and a person's, where the file has
one) as pre-annotations in the tool's import format."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

FORMATS = ("label-studio", "doccano", "spacy")


def add_parser(sub) -> argparse.ArgumentParser:
    parser = sub.add_parser(
        "export",
        help="write passages for Label Studio, doccano or spaCy, coded by the software as pre-annotations",
        description=(
            "Code each passage of a JSONL file (bare passages from `reformtrace passages`, `classify` output, "
            "or an annotation file) as `classify` does, and write it in a labelling tool's import format: "
            "label-studio: tasks (JSON) with the coding as predictions, and OUT's .config.xml, the labelling config; "
            "doccano: JSONL for an Intent Detection and Slot Filling project, with OUT's .categories.json and "
            ".spans.json, its labels; spacy: a DocBin. A person's coding in the file goes with it "
            "(Label Studio: as her annotation; doccano and spaCy: in place of the software's)."
        ),
    )
    parser.add_argument("input", help="JSONL file of passages (each with 'id' and 'text')")
    parser.add_argument("--format", "-f", required=True, choices=FORMATS, help="the tool's format")
    parser.add_argument("-o", "--output", required=True, help="the file to write (written whole or not at all)")
    parser.add_argument("--model", help="model folder (default: pipeline/data/model/)")
    parser.add_argument("--coders", help="TOML file of coder = \"account\": the tool's account of each coder (default: the coder id itself)")
    return parser


def main(args: argparse.Namespace) -> int:
    from reformtrace.atomic import atomic_open
    from reformtrace.labelling.items import read_items
    from reformtrace.errors import InputError
    from reformtrace.labelling.records import read_accounts

    if args.model and not Path(args.model).is_dir():  # a mistyped folder would code by the rules alone
        raise InputError(args.model, "no such model folder (one that `reformtrace train --out` wrote)", stage="export")
    if args.format == "spacy":
        from reformtrace.labelling.docbin import require_spacy

        require_spacy()
    accounts = read_accounts(args.coders)
    items = read_items(args.input, args.model)
    out = Path(args.output)
    written = [out]
    if args.format == "label-studio":
        from reformtrace.labelling import label_studio

        with atomic_open(out) as f:
            json.dump(label_studio.tasks(items, accounts), f, ensure_ascii=False, indent=1)
            f.write("\n")
        config = out.with_suffix(".config.xml")
        with atomic_open(config) as f:
            f.write(label_studio.labelling_config())
        written.append(config)
        _warn_unknown_accounts(items, accounts)
    elif args.format == "doccano":
        from reformtrace.labelling import doccano

        with atomic_open(out) as f:
            f.writelines(json.dumps(line, ensure_ascii=False) + "\n" for line in doccano.lines(items, accounts))
        for kind, labels in doccano.label_files().items():
            path = out.with_suffix(f".{kind}.json")
            with atomic_open(path) as f:
                json.dump(labels, f, ensure_ascii=False, indent=1)
                f.write("\n")
            written.append(path)
    else:
        from reformtrace.labelling.docbin import docbin_bytes

        with atomic_open(out, "wb") as f:
            f.write(docbin_bytes(items))
    people = sum(item.human is not None for item in items)
    print(f"{args.input}: {len(items)} passages ({people} coded by a person) -> {', '.join(map(str, written))}", file=sys.stderr)
    return 0


def _warn_unknown_accounts(items, accounts: dict[str, str]) -> None:
    """Label Studio credits an annotation to an account by e-mail; a coder id that is none
    is credited to whoever imports the tasks."""
    unmapped = sorted({item.human.coder for item in items if item.human and "@" not in accounts.get(item.human.coder, item.human.coder)} - {""})
    if unmapped:
        print(f"reformtrace: warning: coders with no e-mail address ({', '.join(unmapped)}): Label Studio will credit their "
              "annotations to the account that imports the tasks; map coders to accounts with --coders", file=sys.stderr)
