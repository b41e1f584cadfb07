"""Draw the passages of the unseen sources that coders label by reading.

Passages are cut by reformtrace's own extraction and segmentation (the text a
run would label; no labels are involved), then drawn with a fixed seed:
from each g0vse document at most PER_DOC passages of MIN_WORDS or more words,
half at random and half among passages that name a care word or a place
(so that regions and care measures occur often enough to be measured), and
from the text export passages of both halves of its pages. The split of each
passage follows ../unseen/SPLIT.md. Writes pool.jsonl: id, source, split, text.
"""
import gzip
import hashlib
import json
import random
import sys
from pathlib import Path

import regex
from collections import namedtuple

from reformtrace.extract import extract, extract_text
from reformtrace.segment import segment

SHARED = Path(__file__).resolve().parents[3] / "shared"
SEED = "reformtrace-unseen-20261207"
MIN_WORDS, MAX_WORDS = 15, 220
PER_DOC = 4
WANT_G0VSE = 840
WANT_EXPORT = 110
EXPORT_CHUNK = 110
SENTENCE_END = regex.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ])")
CARE_OR_PLACE = regex.compile(r"vård|omsorg|region|kommun|län\b|sjukhus|hälsa", regex.I)


Chunk = namedtuple("Chunk", "id page text")


def g0vse_split(name: str) -> str:
    return "test" if int(hashlib.sha256(name.encode()).hexdigest()[:8], 16) % 10 < 4 else "tune"


def words(text: str) -> int:
    return len(text.split())


def g0vse_passages():
    for path in sorted((SHARED / "corpus-dev" / "g0vse").glob("*.md")):
        try:
            doc = extract(path)
        except Exception as err:  # a document that cannot be read gives no passages
            print(f"skip {path.name}: {err}", file=sys.stderr)
            continue
        for p in segment(doc):
            if MIN_WORDS <= words(p.text) <= MAX_WORDS:
                yield path.name, g0vse_split(path.name), p


def export_passages():
    """The text export has one line per page and no paragraph breaks: cut each
    page at sentence ends into chunks of at most EXPORT_CHUNK words."""
    path = SHARED / "textexports" / "socialstyrelsen_lagesrapport_aldre_2016.txt"
    pages = regex.split(r"^\[\[page_pdf=(\d+)\]\]$", path.read_text(encoding="utf-8"), flags=regex.M)
    for number, text in zip(pages[1::2], pages[2::2]):
        page, chunk, k = int(number), [], 0
        for sentence in SENTENCE_END.split(" ".join(text.split())) + [None]:
            if sentence is not None and words(" ".join(chunk + [sentence])) <= EXPORT_CHUNK:
                chunk.append(sentence)
                continue
            if chunk and words(" ".join(chunk)) >= MIN_WORDS:
                k += 1
                yield path.name, "test" if page % 2 else "tune", Chunk(f"{path.stem}:p{page:03d}:{k}", page, " ".join(chunk))
            chunk = [sentence] if sentence is not None else []


def draw(passages, want: int, rng: random.Random, per_doc: int | None):
    by_doc: dict[str, list] = {}
    for source, split, p in passages:
        by_doc.setdefault(source, []).append((source, split, p))
    picked = []
    for source in sorted(by_doc):
        items = by_doc[source]
        rng.shuffle(items)
        plain = [it for it in items if not CARE_OR_PLACE.search(it[2].text)]
        topical = [it for it in items if CARE_OR_PLACE.search(it[2].text)]
        take = []
        while (per_doc is None or len(take) < per_doc) and (plain or topical):
            pool = topical if (len(take) % 2 == 0 and topical) or not plain else plain
            take.append(pool.pop())
        picked += take
    rng.shuffle(picked)
    return sorted(picked[:want], key=lambda it: (it[0], it[2].id))


def main() -> None:
    rng = random.Random(SEED)
    rows = draw(g0vse_passages(), WANT_G0VSE, rng, PER_DOC) + draw(export_passages(), WANT_EXPORT, rng, None)
    with open(Path(__file__).with_name("pool.jsonl"), "w", encoding="utf-8") as out:
        for source, split, p in rows:
            out.write(json.dumps({"id": p.id, "source": source, "split": split, "page": p.page,
                                  "text": p.text}, ensure_ascii=False) + "\n")
    print(len(rows), "passages", file=sys.stderr)


if __name__ == "__main__":
    main()
