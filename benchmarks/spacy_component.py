"""The spaCy component beside `reformtrace classify`: passages per second, and agreement.

    python benchmarks/spacy_component.py [--passages 10000] [--batch-size 256]

Speed: the corpus reports' own passages (extracted and segmented as `run` does),
repeated to the number asked for, after one warm-up pass over the distinct ones
(as benchmarks/classify.py does), in one process:
  - classify: classify_records, batch by batch (the anchor);
  - spaCy: spacy.blank("sv") + the reformtrace component, nlp.pipe over the texts
    (tokenising, cleaning, coding, regions, credits, spans);
  - spaCy, tokenizer alone: what spaCy itself costs.
Agreement: every passage of annotations/**/*.jsonl (distinct texts), coded by both;
a passage agrees when its goals, interventions and regions are the same.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # benchmarks.classify, when run as a script


def annotated_texts() -> list[str]:
    """The distinct passage texts of every annotation file, in file order."""
    texts: dict[str, None] = {}
    for path in sorted((ROOT / "annotations").rglob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line) if line.strip() else {}
            if isinstance(row.get("text"), str):
                texts.setdefault(row["text"])
    return list(texts)


def timed(step) -> tuple[float, float]:
    """Wall and CPU seconds of a step (CPU time: this process alone, whatever else runs)."""
    wall, cpu = time.perf_counter(), time.process_time()
    step()
    return time.perf_counter() - wall, time.process_time() - cpu


def rate(n: int, seconds: tuple[float, float]) -> str:
    wall, cpu = seconds
    return f"{n / wall:>7,.0f} passages/s wall, {n / cpu:>7,.0f} per CPU second  ({wall:.2f} s for {n:,})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passages", type=int, default=10_000)
    parser.add_argument("--batch-size", type=int, default=256)
    args = parser.parse_args()

    import spacy

    from benchmarks.classify import corpus_passages
    from reformtrace.commands.classify import BATCH, classify_records

    distinct = corpus_passages()
    texts = (distinct * (args.passages // len(distinct) + 1))[: args.passages]
    records = [{"id": str(i), "text": text} for i, text in enumerate(texts)]
    print(f"{len(distinct):,} distinct corpus passages, {len(texts):,} in the run")

    start = time.perf_counter()
    nlp = spacy.blank("sv")
    component = nlp.add_pipe("reformtrace", config={"batch_size": args.batch_size})
    annotator = component.annotator
    print(f"load: spacy.blank + add_pipe {time.perf_counter() - start:.2f} s")

    classify_records(annotator, [{"id": str(i), "text": t} for i, t in enumerate(distinct)])  # warm-up

    def classify() -> None:
        for i in range(0, len(records), BATCH):
            classify_records(annotator, records[i : i + BATCH])

    print(f"classify (anchor):          {rate(len(texts), timed(classify))}")
    print(f"spaCy component, nlp.pipe:  {rate(len(texts), timed(lambda: list(nlp.pipe(texts, batch_size=args.batch_size))))}")
    print(f"  spaCy's tokenizer alone:  {rate(len(texts), timed(lambda: list(nlp.tokenizer.pipe(texts, batch_size=args.batch_size))))}")

    gold = annotated_texts()
    labelled = classify_records(annotator, [{"id": str(i), "text": t} for i, t in enumerate(gold)])
    same = 0
    for record, doc in zip(labelled, nlp.pipe(gold, batch_size=args.batch_size)):
        same += (record["goals"], record["interventions"], record["regions"]) == (doc._.goals, doc._.interventions, doc._.regions)
    print(f"agreement with classify: {same:,} of {len(gold):,} annotated passages ({same / len(gold):.1%}) "
          f"have the same goals, interventions and regions")


if __name__ == "__main__":
    main()
