"""Draw evidence rows at random for a judge to read (issue 20: "evidence rows judged
by reading, drawn at random").

Runs `reformtrace run` on the bundled corpus and on the test documents of
corpus-dev/g0vse (../../unseen/SPLIT.md), then draws rows from each run's
evidence.csv: rows that credit a region from the bundled run, any rows from the
g0vse run (few of its labelled passages name a region; a row without one is
judged on its label alone). Writes, into the folder given:
  rows.jsonl  what the judge sees: the passage, the region, the label, the kind and
              the sentence that ties them (no score, no cues);
  key.jsonl   where each row came from (run, report, passage).
The judge writes verdicts.jsonl ({"row", "label_right", "kind_right", "why"}) by
reading rows.jsonl with GUIDE.md, GUIDE_ATTRIBUTION.md and taxonomy.md.

    python annotations/attribution/judged/draw.py OUT_DIR [--seed S] [--rows 60]
"""
import argparse
import csv
import hashlib
import json
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
SHARED = ROOT.parent / "shared"
SHOWN = ("passage", "region", "label", "label_name", "dimension", "kind", "sentence")


def g0vse_test(name: str) -> bool:
    """The g0vse documents only ever measured on (SPLIT.md)."""
    return int(hashlib.sha256(name.encode()).hexdigest()[:8], 16) % 10 < 4


def run(corpus: Path, out: Path, with_region: bool) -> list[dict]:
    """The evidence rows of a run on `corpus` (only those that credit a region, if asked)."""
    subprocess.run([sys.executable, "-m", "reformtrace.cli", "run", "--corpus", str(corpus), "--out", str(out), "--quiet"],
                   check=True)
    with (out / "evidence.csv").open(encoding="utf-8", newline="") as f:
        return [row for row in csv.DictReader(f) if row["region_code"] or not with_region]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", default="reformtrace-judge-20261207-2")
    parser.add_argument("--rows", type=int, default=60, help="rows drawn from each run")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(args.seed)
    shown, keys = [], []
    with tempfile.TemporaryDirectory() as work:
        unseen = Path(work) / "g0vse_test"
        unseen.mkdir()
        for path in sorted((SHARED / "corpus-dev" / "g0vse").glob("*.md")):
            if g0vse_test(path.name):
                shutil.copy(path, unseen / path.name)
        for source, corpus in (("bundled", ROOT / "corpus"), ("unseen", unseen)):
            rows = run(corpus, Path(work) / f"out_{source}", with_region=source == "bundled")
            for row in sorted(rng.sample(rows, min(args.rows, len(rows))), key=lambda r: (r["passage_id"], r["region_code"], r["label"])):
                name = f"row{len(shown):03d}"
                region = f"{row['region_code']} {row['region']}" if row["region_code"] else ""
                shown.append({"row": name, "passage": row["quote"], "region": region,
                              **{k: row[k] for k in SHOWN if k not in ("passage", "region")}})
                keys.append({"row": name, "source": source, "report_id": row["report_id"], "passage_id": row["passage_id"]})
    order = list(range(len(shown)))
    rng.shuffle(order)  # the judge does not see which run a row came from
    for index, k in enumerate(order):
        shown[k]["row"] = keys[k]["row"] = f"row{index:03d}"
    for name, records in (("rows.jsonl", shown), ("key.jsonl", keys)):
        records = sorted(records, key=lambda r: r["row"])
        (args.out / name).write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    print(f"{len(shown)} rows drawn into {args.out}")


if __name__ == "__main__":
    main()
