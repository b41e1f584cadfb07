"""doccano: JSONL for an "Intent Detection and Slot Filling" project, the one project type
that codes a passage's labels and its text spans together, and doccano's export read back.

A line is doccano's import format for that project type: `text`, `cats` (the goals and
interventions by id, the regions as "06 Jönköping") and `entities` ([start, end,
"06 Jönköping"] per region mention), then the passage's id and other fields, which
doccano keeps as the example's metadata and writes back on export. The labels carried
are a person's where the row has them, else the software's. Two label files go beside
it for doccano's label import (categories, spans).

doccano exports a zip of one JSONL per annotator, named by her user name (the coder),
or, for a project with collaborative annotation, one `all.jsonl` whose lines name no
one: there the coder is `--coder`, else the `coder` the line was exported with. doccano
keeps no time per label: an annotation's time is that of the exported file.
Text classification exports (`label` as a list of categories) are read too.
"""
from __future__ import annotations

import io
import json
import zipfile
from datetime import datetime, timezone
from pathlib import Path

from reformtrace.labelling.items import Item, software_coding
from reformtrace.labelling.records import Coding, LabellingError, annotation_row, checked
from reformtrace.names import label_of, region_code, region_names, tool_label, valid_labels

COLLABORATIVE = "all"  # the file name of a collaborative project's export
DOCCANO_KEYS = ("id", "text", "cats", "entities", "label", "Comments", "annotated_at")  # doccano's own, and the time it replaces
GOAL_COLOUR, INTERVENTION_COLOUR, REGION_COLOUR = "#2d6a4f", "#1d4e89", "#9c2c2c"


def lines(items: list[Item], accounts: dict[str, str] | None = None) -> list[dict]:
    """One JSONL object per passage, in doccano's import format for the project type."""
    accounts = accounts or {}
    out = []
    for item in items:
        coding = item.human or software_coding(item)
        line = {"text": item.text, "cats": coding.goals + coding.interventions + [tool_label(c) for c in coding.regions],
                "entities": [[s["start"], s["end"], tool_label(s["label"])] for s in coding.spans],
                "passage_id": item.id, **{k: v for k, v in item.meta.items() if k not in ("text", "passage_id", "coder")}}
        if item.human is not None and item.human.coder:
            line["coder"] = accounts.get(item.human.coder, item.human.coder)
        out.append(line)
    return out


def label_files() -> dict[str, list[dict]]:
    """doccano's label import files: the category types and the span types."""
    from reformtrace.annotate.taxonomy import load_taxonomy

    def label(text: str, colour: str) -> dict:
        return {"text": text, "suffix_key": None, "background_color": colour, "text_color": "#ffffff"}

    categories = [label(l.id, GOAL_COLOUR if l.dimension == "goals" else INTERVENTION_COLOUR) for l in load_taxonomy().labels]
    regions = [label(tool_label(code), REGION_COLOUR) for code in region_names()]
    return {"categories": categories + regions, "spans": regions}


def read_export(path: str | Path, coder: str | None = None, accounts: dict[str, str] | None = None) -> list[dict]:
    """Annotation rows from doccano's export: a zip of per-annotator JSONL files, or one JSONL file."""
    path = Path(path)
    people = {account: name for name, account in (accounts or {}).items()}
    try:
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as archive:
                members = sorted((m for m in archive.infolist() if m.filename.endswith(".jsonl")), key=lambda m: m.filename)
                files = [(m.filename, archive.read(m).decode("utf-8"), Path(m.filename).stem, _iso(datetime(*m.date_time))) for m in members]
        else:  # a collaborative project's all.jsonl, unzipped
            when = _iso(datetime.fromtimestamp(path.stat().st_mtime, timezone.utc))
            files = [(path.name, path.read_text(encoding="utf-8"), COLLABORATIVE, when)]
    except (OSError, UnicodeDecodeError, zipfile.BadZipFile) as err:
        raise LabellingError(path, f"cannot read doccano's export ({err})") from None
    if not files:
        raise LabellingError(path, "no JSONL file in the zip")
    rows = []
    for name, content, user, when in files:
        annotator = None if user == COLLABORATIVE else people.get(user, user)
        for number, line in enumerate(io.StringIO(content), 1):
            if line.strip():
                rows.append(_row(path, name, number, line, coder or annotator, when))
    return rows


def _row(path: Path, name: str, number: int, line: str, coder: str | None, when: str) -> dict:
    where = f"line {number}" if name == path.name else f"{name} line {number}"  # a zip's member named, a bare file once
    try:
        record = json.loads(line)
    except json.JSONDecodeError as err:
        raise LabellingError(path, f"{where}: not JSON ({err.msg})") from None
    try:
        text = record.get("text") if isinstance(record, dict) else None
        if not isinstance(text, str):
            raise ValueError(f"{where}: no passage text")
        categories, spans = _labels(record, where)
        coding = Coding(coder=coder or str(record.get("coder") or ""), annotated_at=when)
        if not coding.coder:
            raise ValueError(f"{where}: a collaborative export names no annotator; give the coder with --coder")
        for value in categories:
            _categorise(coding, value, where)
        coding.spans = [{"start": start, "end": end, "label": label} for start, end, label in spans]
        coding = checked(coding, text, where)
    except ValueError as err:
        raise LabellingError(path, str(err)) from None
    passage_id = str(record.get("passage_id") or f"doccano:{record.get('id')}")
    meta = {k: v for k, v in record.items() if k not in (*DOCCANO_KEYS, "passage_id", "coder")}
    return annotation_row(passage_id, meta, text, coding)


def _categorise(coding: Coding, value, where: str) -> None:
    """A category into the coding: a goal, an intervention or a region."""
    found = label_of(value) if isinstance(value, str) else None
    if found:
        getattr(coding, found[0]).append(found[1])
        return
    try:
        coding.regions.append(region_code(value))
    except ValueError:
        raise ValueError(f"{where}: unknown category {value!r}; categories are the goals ({valid_labels('goals')}), "
                         f"the interventions ({valid_labels('interventions')}) and the regions (\"06 Jönköping\")") from None


def _labels(record: dict, where: str) -> tuple[list, list[tuple]]:
    """The categories and spans of a line: `cats` and `entities` (Intent Detection and Slot
    Filling), or `label` as categories (Text Classification)."""
    if "cats" in record:
        categories = record["cats"]
    elif isinstance(record.get("label"), list) and all(isinstance(x, str) for x in record["label"]):
        categories = record["label"]
    else:
        raise ValueError(f"{where}: no categories ('cats'): export from an Intent Detection and Slot Filling project")
    spans = []
    for entity in record.get("entities", []):
        if isinstance(entity, dict):  # a project with relations writes spans as objects
            entity = (entity.get("start_offset"), entity.get("end_offset"), entity.get("label"))
        if not isinstance(entity, (list, tuple)) or len(entity) != 3:
            raise ValueError(f"{where}: a span must be [start, end, label], not {entity!r}")
        spans.append(tuple(entity))
    return list(categories), spans


def _iso(moment: datetime) -> str:
    return moment.replace(microsecond=0).isoformat().replace("+00:00", "Z")
