"""Verdicts as training examples: `reformtrace train --verdicts FILE`.

A verdict names an evidence row: a label said of a region in a passage. The
classifier labels passages, not regions (attribution.py decides the region), so a
`wrong` row is a negative for its label in that passage when no other row of the
passage keeps the label; when another region's row does, the verdict was about
the region only and trains no label. A `correct` row makes its label a positive.

A judged passage that is already hand-labelled (annotations/passages.jsonl) takes
the verdicts' word on the labels judged; any other judged passage joins the
training data with the labels the run gave it, less those judged wrong. Passages
of the held-out files never join: they must stay unseen by training.
"""
from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Iterable, Sequence

import pandas as pd

from reformtrace.errors import InputError
from reformtrace.identity import normalise
from reformtrace.verdicts import Verdict, match

DIMENSION_FIELDS = {"goal": "goals", "intervention": "interventions"}  # the evidence's dimension -> the annotation's list


def load_evidence(out_dir: str | Path) -> pd.DataFrame:
    """The evidence table of a run (its folder of Parquet parts, evidence/), whose rows the verdicts name."""
    from reformtrace.evidence_parts import EVIDENCE_DIR, has_evidence, read_evidence

    if not has_evidence(Path(out_dir)):
        raise InputError(Path(out_dir) / EVIDENCE_DIR, f"no evidence to find the verdicts' rows in; run `reformtrace run --out {out_dir}` first", stage="verdicts")
    return read_evidence(Path(out_dir))


def examples(
    verdicts: Sequence[Verdict], evidence: pd.DataFrame, annotated: list[dict], held_out: Iterable[str], clean=lambda text: text,
) -> tuple[list[dict], dict[str, int]]:
    """The annotated passages with the verdicts' word on them, then the other judged
    passages as new examples; and what the verdicts did, for the model card.
    `held_out`: texts no example may have; `clean`: the annotations' raw text as the run
    has it (segment.clean_passage_text)."""
    matching = match(verdicts, evidence)
    frame = evidence.assign(verdict=matching.verdict)
    judged = frame[frame["verdict"] != ""]
    counts = dict.fromkeys(("negatives", "positives", "region_only", "changed", "added", "held_out"), 0)
    counts.update(verdicts=len(verdicts), unmatched=len(matching.unmatched))
    unseen = {normalise(clean(text)) for text in held_out}
    known = {normalise(clean(row["text"])): i for i, row in enumerate(annotated)}
    rows, added = [dict(row) for row in annotated], []
    for passage_id in sorted(set(judged["passage_id"])):
        passage = frame[frame["passage_id"] == passage_id]
        verdicts_of = defaultdict(list)  # (dimension, label) -> the verdicts on its rows ("" unjudged)
        for dimension, label, verdict in zip(passage["dimension"], passage["label"], passage["verdict"]):
            verdicts_of[dimension, label].append(verdict)
        negatives = {key for key, said in verdicts_of.items() if all(v == "wrong" for v in said)}
        positives = {key for key, said in verdicts_of.items() if "correct" in said}
        counts["region_only"] += sum(said.count("wrong") for key, said in verdicts_of.items() if key not in negatives)
        quote = passage["quote"].iloc[0]
        text = normalise(quote)
        if text in unseen:
            counts["held_out"] += 1
            continue
        counts["negatives"] += len(negatives)
        counts["positives"] += len(positives)
        if text in known:
            row = rows[known[text]]
            for dimension, field in DIMENSION_FIELDS.items():
                labels = set(row[field]) - {label for d, label in negatives if d == dimension}
                row[field] = sorted(labels | {label for d, label in positives if d == dimension})
            counts["changed"] += 1
        else:
            kept = [key for key in verdicts_of if key not in negatives]
            added.append({
                "id": passage_id, "report": passage["report_id"].iloc[0], "page": int(passage["page"].iloc[0]), "text": quote,
                **{field: sorted(label for d, label in kept if d == dimension) for dimension, field in DIMENSION_FIELDS.items()},
                "regions": sorted(set(passage["region_code"]) - {""}),
            })
            counts["added"] += 1
    return rows + added, counts


def card_lines(path: Path | None, sha256: str, counts: dict[str, int] | None) -> str:
    """The model card's paragraph on the verdicts a model was trained with."""
    if not counts:
        return "- Verdicts: none (`reformtrace train --verdicts FILE` takes an evaluator's verdicts as labelled examples)"
    return "\n".join([
        f"- Verdicts: `{path}` (sha256 `{sha256}`): {counts['verdicts']} verdicts, {counts['unmatched']} of them without a row in the run's evidence (not used)",
        f"  - {counts['negatives']} labels taken from their passages as negatives (rows marked wrong), {counts['positives']} confirmed as positives (rows marked correct)",
        f"  - {counts['region_only']} wrong rows about the region only: another region's row of the passage keeps the label, so no label negative (the classifier labels passages; attribution decides regions)",
        f"  - {counts['changed']} hand-labelled passages changed by them; {counts['added']} passages added, with the labels the run gave them less those marked wrong",
        f"  - {counts['held_out']} judged passages left out: they are in a held-out file",
    ])
