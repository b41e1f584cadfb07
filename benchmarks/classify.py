"""Passages per second through `reformtrace classify`, and the annotator's load time.

    python benchmarks/classify.py [--passages 10000] [--model models]

The passages are the corpus reports' own (extracted and segmented as `run` does),
repeated to the number asked for. Figures, each on the same passages after one
warm-up pass of the distinct passages (so that spaCy's and the word analyser's
caches hold the corpus vocabulary, as in a long run):
  - load: Annotator.load (taxonomy, spaCy, lemma table, matchers, model);
  - coding: Annotator.decide (goals and interventions, rules and model);
  - classify: the whole command per line: cleaning (clean_passage_text, with OCR
    repair where damaged), coding, and regions (find_regions);
  - the parts of classify alone: cleaning, regions;
  - first pass: coding on the distinct passages with cold caches.
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def corpus_passages() -> list[str]:
    from reformtrace.extract import extract
    from reformtrace.segment import segment

    return [p.text for path in sorted((ROOT / "corpus").glob("0*")) for p in segment(extract(path))]


def rate(n: int, seconds: float) -> str:
    return f"{n / seconds:>9,.0f} passages/s  ({seconds:.2f} s for {n:,})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passages", type=int, default=10_000)
    parser.add_argument("--model", default=str(ROOT / "pipeline" / "data" / "model"))
    args = parser.parse_args()

    distinct = corpus_passages()
    texts = (distinct * (args.passages // len(distinct) + 1))[: args.passages]
    records = [{"id": str(i), "text": text} for i, text in enumerate(texts)]
    print(f"{len(distinct):,} distinct corpus passages, {len(texts):,} in the run")

    start = time.perf_counter()
    from reformtrace.annotate import Annotator

    imported = time.perf_counter()
    annotator = Annotator.load(Path(args.model))
    loaded = time.perf_counter()
    print(f"load: import {imported - start:.2f} s, Annotator.load {loaded - imported:.2f} s "
          f"({'rules + model' if annotator.model else 'rules only'})")

    start = time.perf_counter()
    annotator.decide(distinct)
    print(f"coding, first pass (cold caches): {rate(len(distinct), time.perf_counter() - start)}")

    start = time.perf_counter()
    annotator.decide(texts)
    print(f"coding (Annotator.decide):        {rate(len(texts), time.perf_counter() - start)}")

    from reformtrace.annotate.regions import find_regions
    from reformtrace.commands.classify import BATCH, classify_records
    from reformtrace.segment import clean_passage_text

    classify_records(annotator, records[:BATCH])  # loads the repair lexicon
    start = time.perf_counter()
    for i in range(0, len(records), BATCH):
        classify_records(annotator, records[i : i + BATCH])
    print(f"classify (clean + code + regions): {rate(len(texts), time.perf_counter() - start)}")
    from reformtrace.commands.classify import classify_batches

    start = time.perf_counter()
    batches = (records[i : i + BATCH] for i in range(0, len(records), BATCH))
    for _ in classify_batches(annotator, batches, jobs=2):
        pass
    print(f"classify, 2 worker processes:      {rate(len(texts), time.perf_counter() - start)}")

    start = time.perf_counter()
    for text in texts:
        clean_passage_text(text)
    print(f"  cleaning alone:                 {rate(len(texts), time.perf_counter() - start)}")
    start = time.perf_counter()
    for text in texts:
        find_regions(text)
    print(f"  regions alone:                  {rate(len(texts), time.perf_counter() - start)}")


if __name__ == "__main__":
    main()
