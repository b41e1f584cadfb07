"""`reformtrace classify IN.jsonl [-o OUT.jsonl]`: code passages by goal, intervention
and region. Each input line needs `id` and `text` (raw: line breaks, end-of-line
hyphens, OCR damage are cleaned as in `run`); each output line repeats the input
and adds `goals`, `interventions`, `regions`, `scores` and `evidence`."""
from __future__ import annotations

import argparse
import json
import multiprocessing
import sys
from concurrent.futures import ProcessPoolExecutor
from collections.abc import Iterator
from pathlib import Path

from reformtrace.atomic import atomic_open
from reformtrace.commands.argtypes import positive_int
from reformtrace.run import available_cores
from reformtrace.errors import InputError

BATCH = 1000


def add_parser(sub) -> argparse.ArgumentParser:
    parser = sub.add_parser(
        "classify",
        help="label passages (JSONL with id and text) by goal, intervention and region",
        description="Label each passage of a JSONL file (one object a line with at least 'id' and 'text') "
        "with reform goals, kinds of intervention and regions, with scores and evidence. "
        "Exit status: 0 done, 2 unreadable input, 141 standard output closed by its reader.",
    )
    parser.add_argument("input", help="JSONL file of passages ('-' for standard input)")
    parser.add_argument("-o", "--output", help="output JSONL file, written whole or not at all (default: standard output)")
    parser.add_argument("--model", help="model folder (default: pipeline/data/model/)")
    parser.add_argument(
        "--jobs", "-j", type=positive_int, default=available_cores(),
        help="worker processes (default: one per core); the output is the same for any number",
    )
    return parser


def main(args: argparse.Namespace) -> int:
    from reformtrace.annotate import Annotator

    if args.model and not Path(args.model).is_dir():  # a mistyped folder would code by the rules alone
        raise InputError(args.model, "no such model folder (one that `reformtrace train --out` wrote)", stage="classify")
    annotator = Annotator.load(Path(args.model) if args.model else None)
    batches = classify_batches(annotator, _batches(_records(args.input)), args.jobs)
    if not args.output:
        _write(batches, sys.stdout)
        return 0
    with atomic_open(args.output) as out:  # a failed run leaves no empty or half file behind
        _write(batches, out)
    return 0


def _write(batches: Iterator[list[dict]], out) -> None:
    for lines in batches:
        for line in lines:
            out.write(json.dumps(line, ensure_ascii=False) + "\n")


_annotator = None  # the loaded annotator, shared with forked workers
WARM_UP = {"id": "warm-up", "text": "Regionen ska f6lja upp arbetet med en mer nira vard 1 Jonkdpings 14n."}


def _classify_in_worker(records: list[dict]) -> list[dict]:
    return classify_records(_annotator, records)


def classify_batches(annotator, batches: Iterator[list[dict]], jobs: int = 1) -> Iterator[list[dict]]:
    """Classify batch after batch, in order; with jobs > 1 in forked workers that
    share the loaded annotator (the cleaning and coding are CPU-bound Python)."""
    global _annotator
    if jobs <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        yield from (classify_records(annotator, batch) for batch in batches)
        return
    _annotator = annotator
    classify_records(annotator, [WARM_UP])  # load the lexicon and repair tables once, before the fork
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(jobs, mp_context=context) as pool:
        yield from pool.map(_classify_in_worker, batches)


def classify_records(annotator, records: list[dict]) -> list[dict]:
    """Input records with their labels, scores, evidence and regions added."""
    from reformtrace.annotate.regions import regions_of
    from reformtrace.segment import clean_passage_text

    texts = [clean_passage_text(record["text"]) for record in records]
    out = []
    for record, (decision, mentions) in zip(records, annotator.code(texts)):
        labels = decision.goals + decision.interventions
        out.append(
            {
                **record,
                "goals": [label.id for label in decision.goals],
                "interventions": [label.id for label in decision.interventions],
                "regions": regions_of(mentions),
                "scores": decision.scores,
                "evidence": {label.id: label.evidence for label in labels},
            }
        )
    return out


def _records(source: str) -> Iterator[dict]:
    try:
        stream = sys.stdin if source == "-" else open(source, encoding="utf-8")
    except OSError as err:
        raise InputError(source, f"cannot read the file ({err.strerror or err})", stage="classify") from err
    with stream:
        for number, line in enumerate(stream, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as err:
                raise InputError(source, f"line {number}: not JSON ({err.msg})", stage="classify") from None
            if not isinstance(record, dict) or "id" not in record or not isinstance(record.get("text"), str):
                raise InputError(source, f"line {number}: needs an 'id' and a 'text' string", stage="classify")
            yield record


def _batches(records: Iterator[dict]) -> Iterator[list[dict]]:
    batch: list[dict] = []
    for record in records:
        batch.append(record)
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch
