"""Draw a second tune batch for region attribution: passages naming two or more
regions that pool.jsonl does not hold, from the `tune` side only (SPLIT.md).

The first tune set is mostly the bundled reports; this one adds pairs of
consecutive passages (each naming one region) of g0vse tune documents and the
unlabelled collection, and leftovers of the bundled reports, so that rules written from
tune.jsonl can be checked on tune text they were not written from before the
test side is scored. Same candidates as draw.py; writes tune2_pool.jsonl.
"""
import json
import random
from pathlib import Path

from draw import CARE, SHARED, ROOT, candidates, g0vse_split, hashed_split, pairs, unlabelled_documents
from reformtrace.extract import extract

SEED = "reformtrace-attribution-tune2-20261207"
WANT = {"bundled": 30, "bundled_pairs": 20, "g0vse": 30, "unlabelled": 70}


def main() -> None:
    here = Path(__file__).parent
    seen = {json.loads(line)["id"] for line in open(here / "pool.jsonl", encoding="utf-8")}
    pools = {name: [] for name in WANT}
    for path in sorted((ROOT / "corpus").glob("0*")):
        doc = extract(path)
        pools["bundled"] += [(path.name, p) for p in candidates(doc) if hashed_split(p.id) == "tune"]
        pools["bundled_pairs"] += [(path.name, p) for p in pairs(doc) if hashed_split(p.id) == "tune"]
    for path in sorted((SHARED / "corpus-dev" / "g0vse").glob("*.md")):
        if g0vse_split(path.name) == "tune":
            doc = extract(path)
            pools["g0vse"] += [(path.name, p) for p in [*candidates(doc), *pairs(doc)]]
    for path, doc in unlabelled_documents():
        pools["unlabelled"] += [(path, p) for p in [*candidates(doc), *pairs(doc)]
                                if CARE.search(p.text) and hashed_split(p.id) == "tune"]
    rng = random.Random(SEED)
    rows = []
    for name, pool in pools.items():
        pool = [(s, p) for s, p in pool if p.id not in seen and p.id.split("+")[0] not in seen]
        rng.shuffle(pool)
        rows += pool[: WANT[name]]
        print(name, len(pool), "new tune candidates,", min(len(pool), WANT[name]), "drawn")
    rows.sort(key=lambda r: r[1].id)
    with open(here / "tune2_pool.jsonl", "w", encoding="utf-8") as out:
        for source, p in rows:
            out.write(json.dumps({"id": p.id, "source": source, "split": "tune2", "page": p.page, "text": p.text},
                                 ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
