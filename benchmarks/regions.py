"""Throughput of region detection (find_regions) on the passages of the bundled corpus.

    python benchmarks/regions.py [--repeat 5]

Prints the gazetteer load time, the first pass (every token new: OCR fallback and
the wordfreq check loaded on first use), a pass with the token cache emptied
(new text, libraries loaded) and the steady rate over repeated passes.
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

from reformtrace.annotate.gazetteer import load_gazetteer
from reformtrace.annotate.regions import find_regions
from reformtrace.extract import extract
from reformtrace.segment import segment

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def passes(texts: list[str], times: int) -> float:
    """Seconds for `times` passes of find_regions over all texts."""
    start = time.perf_counter()
    for _ in range(times):
        for text in texts:
            find_regions(text)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="passes for the steady rate")
    args = parser.parse_args()
    texts = [p.text for path in sorted(CORPUS.glob("0*")) for p in segment(extract(path))]
    chars = sum(map(len, texts))
    print(f"{len(texts)} passages, {chars / len(texts):.0f} characters on average")

    start = time.perf_counter()
    gazetteer = load_gazetteer()
    print(f"gazetteer load: {time.perf_counter() - start:.3f} s ({len(gazetteer.phrases)} keys)")

    seconds = passes(texts, 1)
    print(f"first pass:     {len(texts) / seconds:>8.0f} passages/s ({seconds:.2f} s)")
    gazetteer.memo.clear()
    seconds = passes(texts, 1)
    print(f"cache emptied:  {len(texts) / seconds:>8.0f} passages/s ({seconds:.2f} s)")
    seconds = passes(texts, args.repeat)
    rate = args.repeat * len(texts) / seconds
    print(f"steady:         {rate:>8.0f} passages/s ({rate * chars / len(texts) / 1e6:.1f} M characters/s)")


if __name__ == "__main__":
    main()
