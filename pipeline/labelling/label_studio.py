"""Label Studio: tasks with the software's coding as predictions, the labelling config
they need, and the tool's JSON export read back into annotation rows.

A task (Label Studio's "basic JSON format") carries the passage in `data` (text,
passage_id and the row's other fields) and one prediction: the goals, interventions
and regions as choices, each region mention as a labelled text span. A passage a
person coded before also carries her coding as an annotation, credited to her
account by e-mail (`completed_by`), as Label Studio resolves annotators. The export
read back is the project's JSON export (or JSON_MIN): one row per annotation that was
not skipped, coded by the annotation's account (or `--coder`), at its `updated_at`.

Offsets: Label Studio counts text in UTF-16 code units, Python in code points; they
differ only after a character outside the Basic Multilingual Plane (an emoji), and
are converted both ways.
"""
from __future__ import annotations

import hashlib
import json
import xml.etree.ElementTree as ET
from pathlib import Path

from reformtrace import __version__
from reformtrace.labelling.items import Item, software_coding
from reformtrace.labelling.records import Coding, LabellingError, annotation_row, checked
from reformtrace.names import region_names

TEXT = "text"  # the object tag the controls label
CHOICES = ("goals", "interventions", "regions")  # control names, as the annotation fields
MENTIONS = "region_mentions"  # the Labels control: a region's name in the text
MODEL_VERSION = f"reformtrace {__version__}"
TASK_KEYS = ("id", "annotator", "annotation_id", "created_at", "updated_at", "lead_time", "drafts", "predictions")  # JSON_MIN's own


def labelling_config() -> str:
    """The labelling interface, from the taxonomy and the gazetteer: the passage, its region
    mentions to mark, and goals, interventions and regions to tick. Choices show the
    Swedish names; the results keep the ids and county codes."""
    from reformtrace.annotate.taxonomy import load_taxonomy

    taxonomy = load_taxonomy()
    view = ET.Element("View")
    ET.SubElement(view, "Header", value="$passage_id")
    ET.SubElement(view, "Text", name=TEXT, value="$text")
    ET.SubElement(view, "Header", value="Region mentions: select a name in the text, then its region")
    mentions = ET.SubElement(view, "Labels", name=MENTIONS, toName=TEXT)
    for code, name in region_names().items():
        ET.SubElement(mentions, "Label", value=code, html=f"{code} {name}")
    for control, header in zip(CHOICES, ("Goals", "Interventions", "Regions the passage is about")):
        ET.SubElement(view, "Header", value=header)
        choices = ET.SubElement(view, "Choices", name=control, toName=TEXT, choice="multiple", showInline="true")
        if control == "regions":
            for code, name in region_names().items():
                ET.SubElement(choices, "Choice", value=code, html=f"{code} {name}")
        else:
            for label in (label for label in taxonomy.labels if label.dimension == control):
                ET.SubElement(choices, "Choice", value=label.id, html=label.name, hint=label.definition)
    ET.indent(view)
    return ET.tostring(view, encoding="unicode") + "\n"


def tasks(items: list[Item], accounts: dict[str, str] | None = None) -> list[dict]:
    """One task per passage: its data, the software's prediction, a person's annotation."""
    accounts = accounts or {}
    out = []
    for item in items:
        data = {TEXT: item.text, "passage_id": item.id, **{k: v for k, v in item.meta.items() if k not in (TEXT, "passage_id")}}
        coded = software_coding(item)
        task = {"data": data, "predictions": [{"model_version": MODEL_VERSION, "score": certainty(item), "result": results(coded, item, "p")}]}
        if item.human is not None:
            annotation = {"result": results(item.human, item, "a"), "was_cancelled": False, "ground_truth": False}
            account = accounts.get(item.human.coder, item.human.coder)
            if "@" in account:
                annotation["completed_by"] = {"email": account}
            task["annotations"] = [annotation]
        out.append(task)
    return out


def certainty(item: Item) -> float:
    """The prediction's score: how far the least sure label decision is from the threshold
    (0 undecided, 1 sure), so that Label Studio can sort the doubtful passages first."""
    return round(min((abs(score - 0.5) * 2 for score in item.coded.scores.values()), default=1.0), 3)


def results(coding: Coding, item: Item, kind: str) -> list[dict]:
    """A coding as Label Studio result items: choices per control, a labelled span per mention."""
    out = []
    for control in CHOICES:
        values = getattr(coding, control)
        if values:
            out.append(_result(item, kind, control, "choices", {"choices": list(values)}))
    units = _utf16(item.text)
    for n, span in enumerate(coding.spans):
        value = {"start": units[span["start"]], "end": units[span["end"]], "text": item.text[span["start"]:span["end"]], "labels": [span["label"]]}
        out.append(_result(item, kind, MENTIONS, "labels", value, n))
    return out


def _result(item: Item, kind: str, control: str, type_: str, value: dict, n: int = 0) -> dict:
    """A result item; its id is made from the passage, so a rerun writes the same file."""
    rid = hashlib.sha1(f"{item.id}|{kind}|{control}|{n}".encode()).hexdigest()[:10]
    return {"id": rid, "from_name": control, "to_name": TEXT, "type": type_, "value": value}


def _utf16(text: str) -> list[int]:
    """Code point offset -> UTF-16 offset, for every offset up to len(text)."""
    out, at = [0], 0
    for ch in text:
        at += 2 if ord(ch) > 0xFFFF else 1
        out.append(at)
    return out


def read_export(path: str | Path, coder: str | None = None, accounts: dict[str, str] | None = None) -> list[dict]:
    """Annotation rows from Label Studio's JSON (or JSON_MIN) export, one per annotation."""
    try:
        exported = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as err:
        raise LabellingError(path, f"cannot read the file ({err.strerror or err})") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise LabellingError(path, f"not a Label Studio JSON export ({err})") from None
    if not isinstance(exported, list):
        raise LabellingError(path, "not a Label Studio JSON export: expected a list of tasks")
    people = {account: name for name, account in (accounts or {}).items()}
    rows = []
    for number, task in enumerate(exported, 1):
        if not isinstance(task, dict):
            raise LabellingError(path, f"task {number}: not a JSON object")
        data = task.get("data", task)
        where = f"task {number} (id {task.get('id')}, passage {data.get('passage_id')})"
        try:
            rows += _rows(task, data, where, coder, people)
        except ValueError as err:
            raise LabellingError(path, str(err)) from None
    if exported and not rows:
        raise LabellingError(path, "no annotations: label the tasks in Label Studio and export them as JSON "
                             "(a task's predictions are the software's coding, not a person's)")
    return rows


def _rows(task: dict, data: dict, where: str, coder: str | None, people: dict[str, str]) -> list[dict]:
    text = data.get(TEXT)
    if not isinstance(text, str):
        raise ValueError(f"{where}: no passage text (data.{TEXT})")
    passage_id = str(data.get("passage_id") or f"label-studio:{task.get('id')}")
    if "data" in task:  # the JSON export: every annotation with its results (a task no one labelled has none)
        meta = {k: v for k, v in data.items() if k not in (TEXT, "passage_id")}
        return [
            annotation_row(passage_id, meta, text, _coding(annotation.get("result", []), text, where, coder or _who(annotation, people, where),
                                                           annotation.get("updated_at") or annotation.get("created_at") or ""))
            for annotation in task.get("annotations", [])
            if not annotation.get("was_cancelled")
        ]
    # JSON_MIN: one annotation, its controls as keys beside the data
    meta = {k: v for k, v in data.items() if k not in (TEXT, "passage_id", MENTIONS, *CHOICES, *TASK_KEYS)}
    result = [{"from_name": name, "type": "choices", "value": {"choices": _listed(task[name])}} for name in CHOICES if name in task]
    result += [{"from_name": MENTIONS, "type": "labels", "value": value} for value in task.get(MENTIONS, [])]
    if not coder and task.get("annotator") in (None, ""):
        raise ValueError(f"{where}: an annotation names no annotator; give the coder with --coder")
    who = coder or people.get(str(task["annotator"]), str(task["annotator"]))
    return [annotation_row(passage_id, meta, text, _coding(result, text, where, who, task.get("updated_at") or task.get("created_at") or ""))]


def _listed(value) -> list:
    """JSON_MIN writes one choice as a string, several as {"choices": [...]}."""
    if isinstance(value, dict):
        return list(value.get("choices", []))
    return [value] if isinstance(value, str) else list(value)


def _who(annotation: dict, people: dict[str, str], where: str) -> str:
    """The coder of an annotation: the account's e-mail (or its coder id under --coders)."""
    by = annotation.get("completed_by")
    email = by.get("email") if isinstance(by, dict) else None
    if not email and "@" in annotation.get("created_username", ""):  # "First Last anna@example.se, 3"
        email = annotation["created_username"].rsplit(",", 1)[0].split()[-1]
    if email:
        return people.get(email, email)
    user = by.get("id") if isinstance(by, dict) else by
    if user is None:
        raise ValueError(f"{where}: an annotation names no annotator (no completed_by); give the coder with --coder")
    return people.get(str(user), f"label-studio-user-{user}")


def _coding(result: list, text: str, where: str, coder: str, when: str) -> Coding:
    """An annotation's results as a checked coding."""
    coding = Coding(coder=coder, annotated_at=when)
    points = {units: point for point, units in enumerate(_utf16(text))}
    for item in result:
        control, value = item.get("from_name"), item.get("value") or {}
        if control in CHOICES:
            getattr(coding, control).extend(value.get("choices", []))
        elif control == MENTIONS:
            start, end = points.get(value.get("start")), points.get(value.get("end"))
            if start is None or end is None or start >= end:
                raise ValueError(f"{where}: region mention {value.get('start')}-{value.get('end')} is not within the text")
            if "text" in value and value["text"] != text[start:end]:
                raise ValueError(f"{where}: region mention {start}-{end} reads {value['text']!r} in the export but "
                                 f"{text[start:end]!r} in the text: the offsets do not match the passage")
            coding.spans += [{"start": start, "end": end, "label": label} for label in value.get("labels", [])]
        else:
            raise ValueError(f"{where}: unknown control {control!r}; the labelling config has {', '.join((*CHOICES, MENTIONS))}")
    return checked(coding, text, where)
