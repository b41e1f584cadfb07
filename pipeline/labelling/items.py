"""What an export writes: each passage with the software's coding, and a person's where
the input row carries one.

The input is a JSONL file of passages, one object a line with `id` and `text`: bare
passages (`reformtrace passages`), `classify` output, or an annotation file. Every
passage is coded afresh as `classify` codes it (pipeline/coding.py), which gives the
region mentions and cues their spans in the text as given; `classify`'s own fields are
not needed. An annotation row's labels, spans, coder and time travel beside the
software's coding, checked against the taxonomy.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reformtrace.coding import Coded, code_texts
from reformtrace.labelling.records import Coding, LabellingError, coding_of, meta_of, read_jsonl

BATCH = 1000  # passages coded together: the model scores a batch in one matrix product


@dataclass
class Item:
    """One passage to label."""

    id: str
    text: str
    meta: dict  # the row's other fields: report, page, section, …
    coded: Coded  # the software's coding
    human: Coding | None = None  # a person's, when the row is an annotation


def read_items(path: str | Path, model: str | Path | None = None) -> list[Item]:
    """The passages of a JSONL file, each coded by the software (the model in `model`,
    default the package's) and with the person's coding its row carries."""
    from reformtrace.annotate import Annotator

    rows = []
    for number, row in read_jsonl(path):
        if "id" not in row or not isinstance(row.get("text"), str):
            raise LabellingError(path, f"line {number}: needs an 'id' and a 'text' string")
        try:
            human = coding_of(row, f"line {number} ({row['id']})")
        except ValueError as err:
            raise LabellingError(path, str(err)) from None
        rows.append((str(row["id"]), row["text"], meta_of(row), human))
    if not rows:
        raise LabellingError(path, "no passages")
    annotator = Annotator.load(Path(model) if model else None)
    items = []
    for i in range(0, len(rows), BATCH):
        batch = rows[i : i + BATCH]
        for (passage_id, text, meta, human), coded in zip(batch, code_texts(annotator, [text for _, text, _, _ in batch])):
            items.append(Item(passage_id, text, meta, coded, human))
    return items


def software_coding(item: Item) -> Coding:
    """The software's coding in the shape of a person's: labels given, regions, mention spans."""
    spans = [{"start": m.start, "end": m.end, "label": m.code} for m in item.coded.mentions]
    spans = sorted({(s["start"], s["end"], s["label"]): s for s in spans}.values(), key=lambda s: (s["start"], s["end"], s["label"]))
    return Coding([l.id for l in item.coded.goals], [l.id for l in item.coded.interventions], item.coded.regions, spans)
