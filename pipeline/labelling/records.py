"""The project's annotation rows (annotations/README.md): a passage as a person coded it.

    {"id": "001_…:0042", "report": "001_…", "page": 12, …, "text": "…",
     "goals": ["samordning"], "interventions": ["sip"], "regions": ["06"],
     "spans": [{"start": 0, "end": 21, "label": "06"}],
     "coder": "coder_a", "annotated_at": "2026-12-07T10:15:00Z"}

Lists are sorted; `spans` are region mentions at character offsets of `text` (label: the
county code), and every span's region is among `regions`; `coder` is who coded it and
`annotated_at` when, as the labelling tool recorded it. Fields a row carried besides
these (report, page, source, note …) travel with it unchanged. Labels are checked
against the taxonomy wherever a row comes in: an unknown one is an error naming the
line, never a label dropped in silence.
"""
from __future__ import annotations

import json
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from reformtrace.errors import InputError
from reformtrace.names import label_of, region_code, valid_labels

LABELS = ("goals", "interventions", "regions")
CODING = LABELS + ("spans", "coder", "annotated_at")
SOFTWARE = ("scores", "evidence")  # what `classify` adds: the software's coding, not a person's


@dataclass
class Coding:
    """A person's coding of one passage."""

    goals: list[str] = field(default_factory=list)
    interventions: list[str] = field(default_factory=list)
    regions: list[str] = field(default_factory=list)
    spans: list[dict] = field(default_factory=list)  # {"start", "end", "label": county code}
    coder: str = ""
    annotated_at: str = ""


class LabellingError(InputError):
    """A file in or out of a labelling tool that cannot be read: names the file, the line and why."""

    def __init__(self, path: str | Path, reason: str):
        super().__init__(path, reason, stage="labelling")


def read_jsonl(path: str | Path) -> Iterator[tuple[int, dict]]:
    """Each line's number and object."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as err:
        raise LabellingError(path, f"cannot read the file ({getattr(err, 'strerror', None) or err})") from None
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as err:
            raise LabellingError(path, f"line {number}: not JSON ({err.msg})") from None
        if not isinstance(row, dict):
            raise LabellingError(path, f"line {number}: not a JSON object")
        yield number, row


def is_coded_by_a_person(row: dict) -> bool:
    """A row of an annotation file, not a bare passage nor `classify` output."""
    return all(isinstance(row.get(name), list) for name in ("goals", "interventions")) and not any(name in row for name in SOFTWARE)


def meta_of(row: dict) -> dict:
    """A row's other fields (report, page, section, source, note …), in their order."""
    return {key: value for key, value in row.items() if key not in ("id", "text", *CODING, *SOFTWARE)}


def checked(coding: Coding, text: str, where: str) -> Coding:
    """The coding with label names turned into ids, lists sorted, the spans' regions among
    `regions`; a label the taxonomy does not know, or a span off the text, is an error
    naming `where` (the file and line, or task)."""
    labels: dict[str, set[str]] = {"goals": set(), "interventions": set()}
    for dimension in labels:
        for value in getattr(coding, dimension):
            found = label_of(value) if isinstance(value, str) else None
            if found is None or found[0] != dimension:
                raise ValueError(f"{where}: unknown {dimension[:-1]} {value!r}; {dimension}: {valid_labels(dimension)}")
            labels[dimension].add(found[1])
    spans = []
    for span in coding.spans:
        start, end, label = span.get("start"), span.get("end"), span.get("label")
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
            raise ValueError(f"{where}: span {start}-{end} is not within the text ({len(text)} characters)")
        code = _region(label, where)
        if not code:
            raise ValueError(f"{where}: span {start}-{end} names no region")
        spans.append({"start": start, "end": end, "label": code})
    spans = sorted({(s["start"], s["end"], s["label"]): s for s in spans}.values(), key=lambda s: (s["start"], s["end"], s["label"]))
    regions = {_region(value, where) for value in coding.regions} | {s["label"] for s in spans}
    return Coding(sorted(labels["goals"]), sorted(labels["interventions"]), sorted(regions - {""}), spans, coding.coder, coding.annotated_at)


def _region(value, where: str) -> str:
    try:
        return region_code(value)
    except ValueError as err:
        raise ValueError(f"{where}: {err}") from None


def coding_of(row: dict, where: str) -> Coding | None:
    """The person's coding a row carries, checked; None for a bare passage or classify output."""
    if not is_coded_by_a_person(row):
        return None
    spans = row.get("spans", [])
    if not isinstance(spans, list) or not all(isinstance(s, dict) for s in spans):
        raise ValueError(f"{where}: 'spans' must be a list of objects with start, end and label")
    raw = Coding(row["goals"], row["interventions"], row.get("regions", []), spans, str(row.get("coder", "")), str(row.get("annotated_at", "")))
    return checked(raw, row["text"], where)


def annotation_row(passage_id: str, meta: dict, text: str, coding: Coding) -> dict:
    """One line of an annotation file, its fields in a fixed order."""
    row = {"id": passage_id, **meta, "text": text, "goals": coding.goals, "interventions": coding.interventions,
           "regions": coding.regions, "spans": coding.spans, "coder": coding.coder}
    if coding.annotated_at:
        row["annotated_at"] = coding.annotated_at
    if "report" not in row:  # train and evaluate group passages by report: the id's part before its number
        row = {"id": passage_id, "report": passage_id.rsplit(":", 1)[0], **{k: v for k, v in row.items() if k != "id"}}
    return row


def read_accounts(path: str | Path | None) -> dict[str, str]:
    """`--coders FILE`: coder id -> account in the labelling tool (Label Studio: e-mail,
    doccano: user name), from a TOML table `coder_a = "anna.lind@example.se"`."""
    if path is None:
        return {}
    try:
        table = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
        raise LabellingError(path, f"not a readable TOML table of coder = \"account\" ({err})") from None
    bad = [key for key, value in table.items() if not isinstance(value, str) or not value]
    if bad:
        raise LabellingError(path, f"each coder needs an account name in quotes; not: {', '.join(bad)}")
    accounts = list(table.values())
    if len(set(accounts)) != len(accounts):
        raise LabellingError(path, "two coders share an account: imported labels could not be told apart")
    return dict(table)
