"""Draw passages that name two or more regions, for region-attribution gold.

Passages are cut by reformtrace's extraction and segmentation (and, for the
bundled reports, also pairs of consecutive passages of one section that each
name one region) and their
regions found by its gazetteer; that only chooses which passages to read, the
coders never see what the software says about them. The split follows
../unseen/SPLIT.md. Writes pool.jsonl: id, source, split, text.
"""
import gzip
import hashlib
import json
import random
from pathlib import Path

import regex
from dataclasses import replace

from reformtrace.annotate.regions import find_regions, regions_of
from reformtrace.extract import extract, extract_text
from reformtrace.segment import segment

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
SEED = "reformtrace-attribution-20261207"
WANT = {"bundled": 170, "bundled_pairs": 110, "g0vse": 110, "unlabelled": 220}
MIN_WORDS, MAX_WORDS = 12, 200
HEALTH = regex.compile(r"vård|hälsa|sjuk|omsorg|patient|läkare|primärvård", regex.I)  # unlabelled texts are of every topic
CARE = regex.compile(r"vård|hälsa|sjuk|omsorg|patient|läkare|tandvård|äldre|kommun|region", regex.I)  # a passage near the field


def hashed_split(key: str) -> str:
    return "test" if int(hashlib.sha256(key.encode()).hexdigest()[:8], 16) % 10 < 5 else "tune"


def g0vse_split(name: str) -> str:
    return "test" if int(hashlib.sha256(name.encode()).hexdigest()[:8], 16) % 10 < 4 else "tune"


def candidates(doc):
    for p in segment(doc):
        if MIN_WORDS <= len(p.text.split()) <= MAX_WORDS and len(regions_of(find_regions(p.text))) >= 2:
            yield p


def pairs(doc):
    """Two consecutive passages of one section read as one, where each names a
    region: how reports go through the regions one after another."""
    passages = segment(doc)
    for a, b in zip(passages, passages[1:]):
        text = a.text + "\n" + b.text
        if a.section == b.section and len(text.split()) <= MAX_WORDS and regions_of(find_regions(a.text)) \
                and regions_of(find_regions(b.text)) and len(regions_of(find_regions(text))) >= 2 \
                and len(regions_of(find_regions(a.text))) < 2 and len(regions_of(find_regions(b.text))) < 2:
            yield replace(a, id=f"{a.id}+{b.id.rsplit(':', 1)[1]}", text=text)


def unlabelled_documents():
    """(path, Document) of each document of the unlabelled collection that speaks of health care."""
    with gzip.open(SHARED / "corpus-dev" / "g0vse-unlabelled.jsonl.gz", "rt", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            if HEALTH.search(d["text"]):
                rid = "unlabelled_" + hashlib.sha256(d["path"].encode()).hexdigest()[:10]
                yield d["path"], extract_text(d["text"], rid, d["path"], markdown=True)


def main() -> None:
    rng = random.Random(SEED)
    pools = {"bundled": [], "bundled_pairs": [], "g0vse": [], "unlabelled": []}
    for path in sorted((ROOT / "corpus").glob("0*")):
        pools["bundled"] += [(path.name, hashed_split(p.id), p) for p in candidates(extract(path))]
        pools["bundled_pairs"] += [(path.name, hashed_split(p.id), p) for p in pairs(extract(path))]
    for path in sorted((SHARED / "corpus-dev" / "g0vse").glob("*.md")):
        pools["g0vse"] += [(path.name, g0vse_split(path.name), p) for p in candidates(extract(path))]
    for path, doc in unlabelled_documents():
        pools["unlabelled"] += [(path, hashed_split(p.id), p) for p in candidates(doc) if CARE.search(p.text)]
    rows = []
    for name, pool in pools.items():
        rng.shuffle(pool)
        rows += pool[: WANT[name]]
        print(name, len(pool), "candidates,", min(len(pool), WANT[name]), "drawn")
    rows.sort(key=lambda r: r[2].id)
    with open(Path(__file__).with_name("pool.jsonl"), "w", encoding="utf-8") as out:
        for source, split, p in rows:
            out.write(json.dumps({"id": p.id, "source": source, "split": split, "page": p.page, "text": p.text},
                                 ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
