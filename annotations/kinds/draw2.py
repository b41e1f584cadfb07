"""Draw a second round of labelled tune-side passages for kind-of-evidence gold (issue 20).

The first round's check side (pool.jsonl, README.md) was looked at, in aggregate, after each
change to the kind rules, so it no longer measures text the rules were not written from.
This draws 120 more passages from the same sources as draw.py (unseen/tune.jsonl and the
study side of unseen/train.jsonl, SPLIT.md), none of them in pool.jsonl, each with its
coders' labels; two coders say, by reading, what kind of evidence each label has. Nothing of
the software's output is shown. Writes pool2.jsonl: id, source, text, labels.

    python annotations/kinds/draw2.py
"""
import json
import random

from draw import HERE, UNSEEN, check_side

SEED = "reformtrace-kinds2-20261207"
WANT = 120


def main() -> None:
    taken = {json.loads(line)["id"] for line in open(HERE / "pool.jsonl", encoding="utf-8")}
    pool = []
    for name in ("tune.jsonl", "train.jsonl"):
        pool += [{"id": d["id"], "source": name, "text": d["text"], "labels": sorted(d["goals"] + d["interventions"])}
                 for d in map(json.loads, open(UNSEEN / name, encoding="utf-8"))
                 if d["goals"] + d["interventions"] and d["id"] not in taken
                 and not (name == "train.jsonl" and check_side(d["id"]))]
    pool.sort(key=lambda r: r["id"])
    random.Random(SEED).shuffle(pool)
    rows = sorted(pool[:WANT], key=lambda r: r["id"])
    print(len(pool), "labelled passages not in pool.jsonl,", len(rows), "drawn")
    with open(HERE / "pool2.jsonl", "w", encoding="utf-8") as out:
        for r in rows:
            out.write(json.dumps(r, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
