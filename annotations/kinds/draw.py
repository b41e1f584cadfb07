"""Draw labelled passages of the tune side for kind-of-evidence gold (issue 20).

The kind rules (pipeline/data/evidence_kinds.toml) were written from the
attribution tune passages, mostly the bundled reports. This draws passages of
the unseen texts that coders already labelled by reading (unseen/tune.jsonl and
the study side of unseen/train.jsonl, SPLIT.md), each with its coders' labels;
two coders then say, by reading, what kind of evidence the passage gives for
each label (done, planned, measured, mentioned: ../attribution/GUIDE_ATTRIBUTION.md).
Nothing of the software's output is shown. Writes pool.jsonl: id, source, text, labels.

    python annotations/kinds/draw.py
"""
import hashlib
import json
import random
from pathlib import Path

HERE = Path(__file__).parent
UNSEEN = HERE.parent / "unseen"
SEED = "reformtrace-kinds-20261207"
WANT = {"tune.jsonl": 40, "train.jsonl": 80}


def check_side(pid: str) -> bool:
    """train.jsonl's passages only ever measured on (SPLIT.md)."""
    return int(hashlib.sha256(pid.encode()).hexdigest()[:8], 16) % 10 < 4


def main() -> None:
    rng = random.Random(SEED)
    rows = []
    for name, want in WANT.items():
        pool = [d for d in map(json.loads, open(UNSEEN / name, encoding="utf-8"))
                if d["goals"] + d["interventions"] and not (name == "train.jsonl" and check_side(d["id"]))]
        rng.shuffle(pool)
        rows += [{"id": d["id"], "source": name, "text": d["text"], "labels": sorted(d["goals"] + d["interventions"])}
                 for d in pool[:want]]
        print(name, len(pool), "labelled passages,", min(want, len(pool)), "drawn")
    rows.sort(key=lambda r: r["id"])
    with open(HERE / "pool.jsonl", "w", encoding="utf-8") as out:
        for r in rows:
            out.write(json.dumps(r, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
