"""Draw the clean paragraphs on which OCR repair is measured, and damage them.

    python annotations/ocr/unseen/draw.py [--shared ../shared]

From each document of corpus-dev/g0vse, the blocks reformtrace's own
extraction cuts (headings, paragraphs, list items; text a run would repair),
drawn with a fixed seed: the document's title, one more heading when it has
one, and up to PER_DOC paragraphs or list items of any length. Each is damaged
with report 000's learned damage (pipeline/repair/simulate.py), seeded by its
id. The split follows ../../unseen/SPLIT.md: a document is `test` when
int(sha256(file name)[:8], 16) % 10 < 4, `tune` otherwise. Writes
paragraphs.jsonl: id, source, split, kind, clean, damaged.
"""
import argparse
import hashlib
import json
import random
import sys
from pathlib import Path

from reformtrace.extract import extract
from reformtrace.repair.simulate import damage

SEED = "reformtrace-ocr-unseen-20261207"
PER_DOC = 3  # paragraphs or list items per document (besides the headings)
MAX_WORDS = 250  # longer blocks are cut-off tables or lists run together
KINDS = ("heading", "paragraph", "list_item")


def split_of(name: str) -> str:
    return "test" if int(hashlib.sha256(name.encode()).hexdigest()[:8], 16) % 10 < 4 else "tune"


def shared_default() -> Path:
    """The first ancestor of this file that holds shared/corpus-dev."""
    for folder in Path(__file__).resolve().parents:
        if (folder / "shared" / "corpus-dev").is_dir():
            return folder / "shared"
    return Path("../shared")


def drawn(path: Path) -> list[tuple[int, str, str]]:
    """(block index, kind, text) of the blocks drawn from one document."""
    blocks = [(i, b.kind, " ".join(b.text.split())) for i, b in enumerate(b for p in extract(path).pages for b in p.blocks)]
    blocks = [b for b in blocks if b[1] in KINDS and b[2] and len(b[2].split()) <= MAX_WORDS]
    rng = random.Random(f"{SEED}:{path.name}")
    headings = [b for b in blocks if b[1] == "heading"]
    body = [b for b in blocks if b[1] != "heading"]
    take = headings[:1] + rng.sample(headings[1:], min(1, len(headings) - 1)) + rng.sample(body, min(PER_DOC, len(body)))
    return sorted(take)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=shared_default())
    args = parser.parse_args()
    rows = []
    for path in sorted((args.shared / "corpus-dev" / "g0vse").glob("*.md")):
        for index, kind, text in drawn(path):
            item = f"{path.stem}:{index:04d}"
            rows.append({"id": item, "source": path.name, "split": split_of(path.name), "kind": kind, "clean": text, "damaged": damage(text, seed=item)})
    with open(Path(__file__).with_name("paragraphs.jsonl"), "w", encoding="utf-8") as out:
        out.writelines(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
    print(f"{len(rows)} texts ({sum(r['split'] == 'test' for r in rows)} test)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
