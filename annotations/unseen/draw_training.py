"""Draw further training passages from the `tune` side only (issue 19, second round).

Same cutting as draw_passages.py (reformtrace's own extraction and segmentation,
no labels involved), from g0vse documents whose split is `tune`, the text
export's even (`tune`) pages, leaving out every passage already in pool.jsonl,
and from documents of the unlabelled collection that speak of health care
(HEALTH_DOC below; see SPLIT.md, "Training passages"). Two in three drawn passages name a care word or a place, so that
labels occur often enough to learn from; the rest are drawn at random. Writes
train_pool.jsonl: id, source, split, page, text. Nothing here is ever measured on.
"""
import gzip
import json
import random
import sys
from pathlib import Path

import regex

from draw_passages import CARE_OR_PLACE, MAX_WORDS, MIN_WORDS, SHARED, export_passages, g0vse_passages, words
from reformtrace.extract import extract_text
from reformtrace.segment import segment

SEED = "reformtrace-unseen-train-20261207"
WANT_TUNE = 700
PER_DOC = 12
WANT_UNLABELLED = 600
PER_UNLABELLED_DOC = 6
HEALTH_DOC = regex.compile(r"vårdcentral|primärvård|nära vård|hälso- och sjukvård|sjukvårdsregion|hemsjukvård|region \w+", regex.I)
HERE = Path(__file__).parent


def unlabelled_passages():
    """Passages of unlabelled documents that name health-care words at least three times."""
    with gzip.open(SHARED / "corpus-dev" / "g0vse-unlabelled.jsonl.gz", "rt", encoding="utf-8") as lines:
        for line in lines:
            doc = json.loads(line)
            if len(HEALTH_DOC.findall(doc["text"])) < 3:
                continue
            name = doc["path"].replace("/", "_")
            try:
                passages = segment(extract_text(doc["text"], name.removesuffix(".md"), name, markdown=True))
            except Exception as err:  # a document that cannot be read gives no passages
                print(f"skip {name}: {err}", file=sys.stderr)
                continue
            for p in passages:
                if MIN_WORDS <= words(p.text) <= MAX_WORDS:
                    yield name, "train", p


def take_per_doc(by_doc: dict, rng: random.Random, limit: int | None) -> list:
    """From each document up to `limit` passages, two in three naming a care word or a place."""
    picked = []
    for source in sorted(by_doc):
        items = sorted(by_doc[source], key=lambda it: it[2].id)
        rng.shuffle(items)
        topical = [it for it in items if CARE_OR_PLACE.search(it[2].text)]
        plain = [it for it in items if not CARE_OR_PLACE.search(it[2].text)]
        take = []
        cap = None if source.endswith(".txt") else limit
        while (cap is None or len(take) < cap) and (plain or topical):
            pool = topical if (len(take) % 3 != 2 and topical) or not plain else plain
            take.append(pool.pop())
        picked += take
    rng.shuffle(picked)
    return picked


def main() -> None:
    seen = {json.loads(line)["id"] for line in open(HERE / "pool.jsonl", encoding="utf-8")}
    rng = random.Random(SEED)
    by_doc: dict[str, list] = {}
    for source, split, p in list(g0vse_passages()) + list(export_passages()):
        if split == "tune" and p.id not in seen:
            by_doc.setdefault(source, []).append((source, split, p))
    rows = take_per_doc(by_doc, rng, PER_DOC)[:WANT_TUNE]
    by_doc = {}
    for source, split, p in unlabelled_passages():
        by_doc.setdefault(source, []).append((source, split, p))
    rows += take_per_doc(by_doc, rng, PER_UNLABELLED_DOC)[:WANT_UNLABELLED]
    rows.sort(key=lambda it: (it[0], it[2].id))
    with open(HERE / "train_pool.jsonl", "w", encoding="utf-8") as out:
        for source, split, p in rows:
            out.write(json.dumps({"id": p.id, "source": source, "split": split, "page": p.page,
                                  "text": p.text}, ensure_ascii=False) + "\n")
    print(len(rows), "passages from", len({r[0] for r in rows}), "sources", file=sys.stderr)


if __name__ == "__main__":
    main()
