"""The README's examples, taken from a run of the bundled corpus, so that they
show real rows with every column: `python -m reformtrace.readme [OUT]` rewrites the
blocks between their markers in README.md; tests/test_evaluator.py checks them
against a fresh run.

An example is whole lines of the file it shows, chosen by a fixed rule: the
shortest rows that tie a region to a label as done, one goal and one
intervention from another passage (short rows keep the README readable).
"""
from __future__ import annotations

import argparse
import csv
import io
import re
import sys
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"
BLOCK = re.compile(r"(<!-- example: (?P<name>[\w.]+) -->\n```csv\n)(?P<body>.*?)(```)", re.DOTALL)


def examples(out_dir: Path) -> dict[str, str]:
    """{block name: its lines} for the README, from the outputs in `out_dir`."""
    lines = (Path(out_dir) / "evidence.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    header, rows = lines[0], lines[1:]
    fields = [next(csv.DictReader(io.StringIO(header + line))) for line in rows]
    chosen: list[int] = []
    for dimension in ("goal", "intervention"):
        candidates = [
            i for i, row in enumerate(fields)
            if row["dimension"] == dimension and row["region_code"] and row["kind"] == "done" and all(row["passage_id"] != fields[j]["passage_id"] for j in chosen)
        ]
        chosen.append(min(candidates, key=lambda i: (len(rows[i]), i)))
    verdicts = ["report_id,passage_id,region_code,label,verdict\n"] + [
        f"{fields[i]['report_id']},{fields[i]['passage_id']},{fields[i]['region_code']},{fields[i]['label']},{verdict}\n"
        for i, verdict in zip(chosen, ("correct", "wrong"))
    ]
    return {"evidence.csv": header + "".join(rows[i] for i in chosen), "verdicts.csv": "".join(verdicts)}


def rewrite(text: str, blocks: dict[str, str]) -> str:
    """README text with each marked block's body replaced."""
    return BLOCK.sub(lambda m: m.group(1) + blocks[m.group("name")] + m.group(4), text)


def blocks_in(text: str) -> dict[str, str]:
    """The marked blocks of a README text."""
    return {m.group("name"): m.group("body") for m in BLOCK.finditer(text)}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m reformtrace.readme", description=__doc__.split("\n\n")[0])
    parser.add_argument("out", nargs="?", type=Path, default=Path("out"), help="a run's output folder (default: out)")
    out = parser.parse_args(argv).out
    if not (out / "evidence.csv").is_file():
        print(f"{out}: no evidence.csv here; run the bundled corpus first (reformtrace run --out {out})", file=sys.stderr)
        return 2
    README.write_text(rewrite(README.read_text(encoding="utf-8"), examples(out)), encoding="utf-8")
    print(f"{README}: examples from {out / 'evidence.csv'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
