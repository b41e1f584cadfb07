"""Round trips with Label Studio, doccano and spaCy: export -> the tool's format (checked
against samples of it kept in tests/data/labelling, from each tool's documentation) ->
import -> the same labels, character spans, coder ids and text; a person's change in
between (a label removed, a region span added) comes back; bad labels are named."""
import copy
import json
import sys
import zipfile
from pathlib import Path

import pytest

from reformtrace.cli import main as cli
from reformtrace.labelling import doccano, label_studio
from reformtrace.labelling.items import read_items, software_coding
from reformtrace.labelling.records import LabellingError, read_jsonl

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = Path(__file__).resolve().parent / "data" / "labelling"
CODED = ("goals", "interventions", "regions", "spans", "coder")
EDITED = "Vårdcentralen i Sunderbyn har startat mobila team för äldre i Luleå kommun."  # Sunderbyn: a village the gazetteer lacks


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def annotations(tmp_path_factory) -> Path:
    """A real annotation file: unseen test passages by four coders, one with a region span."""
    every = [json.loads(line) for line in (ROOT / "annotations" / "unseen" / "test.jsonl").read_text(encoding="utf-8").splitlines()]
    rows = [r for r in every if r["regions"]][:12] + [r for r in every if not r["regions"]][:100]
    rows[0]["spans"] = [{"start": rows[0]["text"].index("Växjö"), "end": rows[0]["text"].index("Växjö") + 5, "label": "07"}]
    return write_jsonl(tmp_path_factory.mktemp("annotations") / "test.jsonl", rows)


@pytest.fixture(scope="module")
def passages(tmp_path_factory) -> Path:
    """Bare passages: OCR-damaged ones of report 000 as extracted, and one the gazetteer misses a place in."""
    rows = [json.loads(line) for line in (ROOT / "annotations" / "passages.jsonl").read_text(encoding="utf-8").splitlines()]
    damaged = [r for r in rows if r["report"].startswith("000") and r["regions"]][:8]
    bare = [{"id": r["id"], "report": r["report"], "page": r["page"], "text": r["text"]} for r in damaged]
    bare.append({"id": "exempel:0001", "report": "exempel", "page": 1, "text": EDITED})
    return write_jsonl(tmp_path_factory.mktemp("passages") / "passages.jsonl", bare)


def coded(rows: list[dict]) -> list[tuple]:
    return [(row["id"], row["text"], *(row.get(key, []) for key in CODED)) for row in rows]


# ---------------------------------------------------------------- Label Studio


def label_studio_export(tasks: list[dict], importer: str = "anna.lind@example.se", edit=None) -> list[dict]:
    """What Label Studio's JSON export holds after the tasks were imported and each labelled:
    a task's own annotation kept (credited to the account of its e-mail), else the
    prediction accepted by `importer`; `edit(task_number, result)` changes a result as a
    person would in the interface."""
    users: dict[str, int] = {}
    out = []
    for n, task in enumerate(tasks, 1):
        given = task.get("annotations") or [{"result": task["predictions"][0]["result"], "completed_by": {"email": importer}}]
        annotations = []
        for k, annotation in enumerate(given, 1):
            email = annotation.get("completed_by", {}).get("email", importer)
            user = users.setdefault(email, len(users) + 1)
            result = [dict(copy.deepcopy(r), origin="prediction") for r in annotation["result"]]
            if edit:
                edit(n, result)
            annotations.append({
                "id": 100 * n + k, "completed_by": user, "created_username": f" {email}, {user}", "result": result,
                "was_cancelled": False, "ground_truth": False, "created_at": "2026-12-07T08:00:00.000000Z",
                "updated_at": f"2026-12-07T09:{n % 60:02d}:00.000000Z", "lead_time": 12.5, "task": n, "project": 1,
            })
        out.append({"id": n, "data": copy.deepcopy(task["data"]), "annotations": annotations, "predictions": [n], "project": 1})
    return out


def test_label_studio_tasks_have_the_documented_shape_and_fit_the_generated_config(passages):
    import xml.etree.ElementTree as ET

    items = read_items(passages)
    tasks = label_studio.tasks(items)
    config = ET.fromstring(label_studio.labelling_config())
    [text] = config.iter("Text")
    controls = {tag.get("name"): tag for tag in config if tag.tag in ("Choices", "Labels")}
    assert text.get("value") == "$text" and set(controls) == {"goals", "interventions", "regions", "region_mentions"}
    assert all(tag.get("toName") == text.get("name") for tag in controls.values())
    values = {name: {child.get("value") for child in tag} for name, tag in controls.items()}
    sample = json.loads((SAMPLES / "label_studio_export.json").read_text(encoding="utf-8"))
    sample_result = sample[0]["annotations"][0]["result"]
    for task, item in zip(tasks, items):
        assert set(task) == {"data", "predictions"} and task["data"]["text"] == item.text
        [prediction] = task["predictions"]
        assert prediction["model_version"].startswith("reformtrace ") and 0 <= prediction["score"] <= 1
        for result in prediction["result"]:
            like = next(r for r in sample_result if r["type"] == result["type"])
            assert set(like) - {"origin"} == set(result) and set(like["value"]) == set(result["value"])
            shown = result["value"].get("choices") or result["value"]["labels"]
            assert set(shown) <= values[result["from_name"]]
            if result["type"] == "labels":
                assert item.text[result["value"]["start"]:result["value"]["end"]] == result["value"]["text"]
    assert len({r["id"] for task in tasks for r in task["predictions"][0]["result"]}) == sum(len(t["predictions"][0]["result"]) for t in tasks)
    damaged = next(task for task in tasks if task["data"]["passage_id"].endswith(":0048"))
    mentions = [r["value"]["text"] for r in damaged["predictions"][0]["result"] if r["type"] == "labels"]
    assert "Jonkdping" in mentions and "Skane" in mentions  # spans on the text as extracted, found after repair


def test_label_studio_round_trip_of_the_softwares_coding_with_a_person_removing_a_label_and_adding_a_span(passages, tmp_path):
    tasks_file = tmp_path / "tasks.json"
    assert cli(["export", "--format", "label-studio", str(passages), "-o", str(tasks_file)]) == 0
    assert (tmp_path / "tasks.config.xml").read_text(encoding="utf-8").startswith("<View>")
    tasks = json.loads(tasks_file.read_text(encoding="utf-8"))
    items = read_items(passages)
    last = len(tasks)

    def edit(n: int, result: list[dict]) -> None:
        if n == last:  # the person drops mobila_team and marks the village the gazetteer lacks
            for r in result:
                if r["from_name"] == "interventions":
                    r["value"]["choices"].remove("mobila_team")
            start = EDITED.index("Sunderbyn")
            result.append({"id": "mAn1234567", "from_name": "region_mentions", "to_name": "text", "type": "labels", "origin": "manual",
                           "value": {"start": start, "end": start + 9, "text": "Sunderbyn", "labels": ["25"]}})

    exported = tmp_path / "export.json"
    exported.write_text(json.dumps(label_studio_export(tasks, edit=edit), ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "corrected.jsonl"
    assert cli(["import", "--format", "label-studio", str(exported), "-o", str(out)]) == 0
    rows = [row for _, row in read_jsonl(out)]
    assert len(rows) == len(items)
    for row, item in zip(rows[:-1], items):
        software = software_coding(item)
        assert (row["id"], row["text"], row["report"], row["page"]) == (item.id, item.text, item.meta["report"], item.meta["page"])
        assert (row["goals"], row["interventions"], row["regions"], row["spans"]) == (software.goals, software.interventions, software.regions, software.spans)
        assert row["coder"] == "anna.lind@example.se" and row["annotated_at"].startswith("2026-12-07T09:")
    edited = rows[-1]
    assert "mobila_team" in software_coding(items[-1]).interventions and "mobila_team" not in edited["interventions"]
    assert {"start": EDITED.index("Sunderbyn"), "end": EDITED.index("Sunderbyn") + 9, "label": "25"} in edited["spans"]
    assert edited["regions"] == ["25"]  # Luleå kommun, found by the software, and Sunderbyn, added: both Norrbotten
    from reformtrace.annotate.classify_eval import read_examples
    from reformtrace.annotate.taxonomy import load_taxonomy

    assert len(read_examples(out, load_taxonomy())) == len(rows)  # what train and evaluate read
    assert cli(["evaluate", "regions", "--annotations", str(out)]) == 0


def test_label_studio_round_trip_of_an_annotation_file_keeps_labels_spans_and_coders(annotations, tmp_path):
    coders = tmp_path / "coders.toml"
    coders.write_text("".join(f'coder_{c} = "coder.{c}@example.se"\n' for c in "abcd"), encoding="utf-8")
    tasks_file = tmp_path / "tasks.json"
    assert cli(["export", "-f", "label-studio", str(annotations), "-o", str(tasks_file), "--coders", str(coders)]) == 0
    tasks = json.loads(tasks_file.read_text(encoding="utf-8"))
    assert tasks[0]["annotations"][0]["completed_by"] == {"email": "coder.b@example.se"}
    exported = tmp_path / "export.json"
    exported.write_text(json.dumps(label_studio_export(tasks), ensure_ascii=False), encoding="utf-8")
    back = tmp_path / "back.jsonl"
    assert cli(["import", "-f", "label-studio", str(exported), "-o", str(back), "--coders", str(coders)]) == 0
    original = [row for _, row in read_jsonl(annotations)]
    rows = [row for _, row in read_jsonl(back)]
    assert coded(rows) == coded(original)
    assert all(row[key] == before[key] for row, before in zip(rows, original) for key in ("source", "split", "page", "note"))


def test_the_documented_label_studio_exports_read_as_annotation_rows():
    rows = label_studio.read_export(SAMPLES / "label_studio_export.json")
    assert [(r["id"], r["coder"], r["annotated_at"]) for r in rows] == [
        ("exempel:0001", "anna.lind@example.se", "2026-12-07T08:14:02.551980Z"),
        ("exempel:0002", "erik.berg@example.se", "2026-12-07T09:03:45.000000Z"),  # the skipped annotation left out
    ]
    assert rows[0] == {
        "id": "exempel:0001", "report": "exempel", "page": 3,
        "text": "Region Jönköpings län har infört mobila team som gör hembesök hos multisjuka äldre.",
        "goals": ["nara"], "interventions": ["mobila_team"], "regions": ["06"],
        "spans": [{"start": 0, "end": 21, "label": "06"}], "coder": "anna.lind@example.se", "annotated_at": "2026-12-07T08:14:02.551980Z",
    }
    assert rows[1]["regions"] == ["24", "25"] and [s["label"] for s in rows[1]["spans"]] == ["24", "25"]
    [minimal] = label_studio.read_export(SAMPLES / "label_studio_json_min.json", accounts={"coder_a": "anna.lind@example.se"})
    assert (minimal["coder"], minimal["goals"], minimal["interventions"], minimal["regions"]) == ("coder_a", ["nara"], ["hemsjukvard", "mobila_team"], ["06"])


@pytest.mark.parametrize("tool, name", [("label-studio", "project-1-at-2026-12-07.json"), ("spacy", "passages.spacy")])
def test_an_export_file_that_is_not_there_is_named_as_missing(tmp_path, monkeypatch, capsys, tool, name):
    """A mistyped export name: the file is missing, not "not a Label Studio JSON export"."""
    monkeypatch.chdir(tmp_path)
    assert cli(["import", "-f", tool, name, "-o", "batch.jsonl"]) == 2
    assert capsys.readouterr().err == f"reformtrace: error: {name}: cannot read the file (No such file or directory)\n"
    assert not (tmp_path / "batch.jsonl").exists()


def test_an_export_that_is_no_json_still_says_what_was_expected(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    Path("export.json").write_text("Region Jönköpings län har infört mobila team.\n", encoding="utf-8")
    assert cli(["import", "-f", "label-studio", "export.json", "-o", "batch.jsonl"]) == 2
    assert capsys.readouterr().err == ("reformtrace: error: export.json: not a Label Studio JSON export "
                                       "(Expecting value: line 1 column 1 (char 0))\n")


def test_an_unknown_label_or_a_shifted_span_in_a_label_studio_export_is_named(tmp_path, capsys):
    sample = json.loads((SAMPLES / "label_studio_export.json").read_text(encoding="utf-8"))
    sample[1]["annotations"][1]["result"][0]["value"]["choices"] = ["tillganglighet", "tilgänglighet"]
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(sample, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert cli(["import", "-f", "label-studio", str(bad), "-o", str(out)]) == 2
    error = capsys.readouterr().err
    assert "task 2 (id 2, passage exempel:0002): unknown goal 'tilgänglighet'; goals: tillganglighet, " in error
    assert not out.exists()  # nothing half written
    sample[1]["annotations"][1]["result"][0]["value"]["choices"] = ["tillganglighet"]
    sample[1]["annotations"][1]["result"][1]["value"]["start"] = 3
    bad.write_text(json.dumps(sample, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(LabellingError, match="region mention 3-14 reads 'Västerbotten' in the export but 'ästerbotten' in the text"):
        label_studio.read_export(bad)
    tasks = tmp_path / "tasks.json"  # the file export wrote, fed back before anyone labelled it
    tasks.write_text(json.dumps([{"data": t["data"], "predictions": [{"result": []}]} for t in sample]), encoding="utf-8")
    with pytest.raises(LabellingError, match="no annotations: label the tasks in Label Studio and export them as JSON"):
        label_studio.read_export(tasks)
    tasks.write_text(json.dumps([{"data": t["data"], "annotations": [{"result": []}]} for t in sample]), encoding="utf-8")
    with pytest.raises(LabellingError, match=r"task 1 \(id None, passage exempel:0001\): an annotation names no annotator"):
        label_studio.read_export(tasks)
    assert [row["coder"] for row in label_studio.read_export(tasks, coder="coder_a")] == ["coder_a", "coder_a"]


# ---------------------------------------------------------------- doccano


def doccano_zip(lines: list[dict], path: Path, by: dict[str, list[int]]) -> Path:
    """doccano's export of a project without collaborative annotation: a zip of one JSONL per
    member, named by user name, each line the example's id, text, metadata and labels."""
    with zipfile.ZipFile(path, "w") as archive:
        for user, numbers in by.items():
            body = [{"id": n + 1, "text": lines[n]["text"], **{k: v for k, v in lines[n].items() if k not in ("text", "cats", "entities")},
                     "cats": sorted(lines[n]["cats"]), "entities": sorted(lines[n]["entities"]), "Comments": []} for n in numbers]
            archive.writestr(f"{user}.jsonl", "".join(json.dumps(b, ensure_ascii=False) + "\n" for b in body))
    return path


def test_doccano_lines_have_the_documented_shape_and_labels_for_every_category(passages):
    lines = doccano.lines(read_items(passages))
    files = doccano.label_files()
    categories, span_types = {l["text"] for l in files["categories"]}, {l["text"] for l in files["spans"]}
    assert set(json.loads((SAMPLES / "doccano_export" / "coder_b.jsonl").read_text(encoding="utf-8").splitlines()[0])) - {"id", "Comments"} <= set(lines[0])
    for line in lines:
        assert set(line["cats"]) <= categories and all(len(e) == 3 and e[2] in span_types for e in line["entities"])
        assert all(line["text"][s:e] for s, e, _ in line["entities"])
    assert "06 Jönköping" in [e[2] for line in lines for e in line["entities"]]


def test_doccano_round_trip_of_an_annotation_file_keeps_labels_spans_and_coders(annotations, tmp_path):
    out = tmp_path / "doccano.jsonl"
    assert cli(["export", "-f", "doccano", str(annotations), "-o", str(out)]) == 0
    assert json.loads((tmp_path / "doccano.categories.json").read_text(encoding="utf-8"))[0]["text"] == "tillganglighet"
    lines = [line for _, line in read_jsonl(out)]
    original = [row for _, row in read_jsonl(annotations)]
    by: dict[str, list[int]] = {}
    for n, row in enumerate(original):
        by.setdefault(row["coder"], []).append(n)
    exported = doccano_zip(lines, tmp_path / "export.zip", by)
    back = tmp_path / "back.jsonl"
    assert cli(["import", "-f", "doccano", str(exported), "-o", str(back)]) == 0
    rows = sorted((row for _, row in read_jsonl(back)), key=lambda r: [r["id"] for r in original].index(r["id"]))
    assert coded(rows) == coded(original)


def test_doccano_round_trip_with_a_person_removing_a_label_and_adding_a_span(passages, tmp_path):
    lines = doccano.lines(read_items(passages))
    edited = lines[-1]
    edited["cats"].remove("mobila_team")
    start = EDITED.index("Sunderbyn")
    edited["entities"].append([start, start + 9, "25 Norrbotten"])
    collaborative = tmp_path / "all.jsonl"
    write_jsonl(collaborative, [{"id": n, **line, "Comments": []} for n, line in enumerate(lines, 1)])
    with pytest.raises(LabellingError) as raised:
        doccano.read_export(collaborative)
    assert str(raised.value) == f"{collaborative}: line 1: a collaborative export names no annotator; give the coder with --coder"
    rows = doccano.read_export(collaborative, coder="coder_e")
    assert [r["id"] for r in rows] == [line["passage_id"] for line in lines] and {r["coder"] for r in rows} == {"coder_e"}
    assert "mobila_team" not in rows[-1]["interventions"] and {"start": start, "end": start + 9, "label": "25"} in rows[-1]["spans"]
    assert rows[0]["text"] == lines[0]["text"] and rows[0]["spans"] == sorted(
        ({"start": s, "end": e, "label": label[:2]} for s, e, label in lines[0]["entities"]), key=lambda s: (s["start"], s["end"], s["label"]))


def test_the_documented_doccano_exports_read_as_annotation_rows(tmp_path):
    folder = SAMPLES / "doccano_export"
    with zipfile.ZipFile(tmp_path / "export.zip", "w") as archive:
        for member in sorted(folder.iterdir()):
            archive.write(member, member.name)
    rows = doccano.read_export(tmp_path / "export.zip")
    assert [(r["id"], r["coder"], r["goals"], r["interventions"], r["regions"]) for r in rows] == [
        ("exempel:0001", "coder_b", ["nara"], ["mobila_team"], ["06"]),
        ("exempel:0002", "coder_b", ["tillganglighet"], [], ["24", "25"]),
        ("exempel:0001", "coder_c", [], ["mobila_team"], ["06"]),
    ]
    assert rows[1]["spans"] == [{"start": 2, "end": 14, "label": "24"}, {"start": 19, "end": 29, "label": "25"}]
    assert rows[0]["annotated_at"][:4].isdigit() and rows[0]["report"] == "exempel" and "Comments" not in rows[0]
    [row] = doccano.read_export(SAMPLES / "doccano_text_classification.jsonl", coder="coder_a")
    assert (row["goals"], row["regions"], row["spans"]) == (["tillganglighet"], ["24"], [])


def test_an_unknown_doccano_category_is_named_with_its_line(tmp_path):
    line = json.loads((SAMPLES / "doccano_export" / "coder_b.jsonl").read_text(encoding="utf-8").splitlines()[1])
    line["cats"].append("mobilateam")
    with zipfile.ZipFile(tmp_path / "export.zip", "w") as archive:
        archive.writestr("coder_b.jsonl", json.dumps(line, ensure_ascii=False) + "\n")
    with pytest.raises(LabellingError, match="coder_b.jsonl line 1: unknown category 'mobilateam'; categories are the goals"):
        doccano.read_export(tmp_path / "export.zip")


# ---------------------------------------------------------------- spaCy DocBin


def test_docbin_round_trip_keeps_a_persons_coding_and_carries_the_softwares_on_bare_passages(annotations, passages, tmp_path):
    pytest.importorskip("spacy")
    import spacy
    from spacy.tokens import DocBin

    store = tmp_path / "gold.spacy"
    assert cli(["export", "-f", "spacy", str(annotations), "-o", str(store)]) == 0
    back = tmp_path / "gold.jsonl"
    assert cli(["import", "-f", "spacy", str(store), "-o", str(back)]) == 0
    assert coded([row for _, row in read_jsonl(back)]) == coded([row for _, row in read_jsonl(annotations)])

    store = tmp_path / "software.spacy"
    assert cli(["export", "-f", "spacy", str(passages), "-o", str(store)]) == 0
    nlp = spacy.blank("sv")
    docs = list(DocBin().from_disk(store).get_docs(nlp.vocab))
    items = read_items(passages)
    for doc, item in zip(docs, items):
        assert doc.text == item.text and doc.cats == item.coded.scores
        assert sorted({s.label_ for s in doc.spans["regions"]}) == item.coded.regions
    edited = docs[-1]  # a person edits the Doc: a label off, a region span on
    edited.cats["mobila_team"] = 0.0
    start = EDITED.index("Sunderbyn")
    edited.spans["regions"] = list(edited.spans["regions"]) + [edited.char_span(start, start + 9, label="25")]
    DocBin(store_user_data=True, docs=docs).to_disk(store)
    assert cli(["import", "-f", "spacy", str(store), "-o", str(back), "--coder", "coder_f"]) == 0
    rows = [row for _, row in read_jsonl(back)]
    for row, item in zip(rows[:-1], items):
        software = software_coding(item)
        assert (row["goals"], row["interventions"], row["regions"], row["coder"]) == (software.goals, software.interventions, software.regions, "coder_f")
    assert "mobila_team" not in rows[-1]["interventions"] and {"start": start, "end": start + 9, "label": "25"} in rows[-1]["spans"]


def test_an_export_of_a_file_with_an_unknown_label_names_the_line(tmp_path, capsys):
    rows = [{"id": "a:1", "report": "a", "text": "Mobila team i Region Skåne.", "goals": [], "interventions": ["mobila_team"], "regions": ["12"]},
            {"id": "a:2", "report": "a", "text": "Hälsosamtal i Halland.", "goals": ["forebygande"], "interventions": [], "regions": ["13"]}]
    source = write_jsonl(tmp_path / "in.jsonl", rows)
    assert cli(["export", "-f", "doccano", str(source), "-o", str(tmp_path / "out.jsonl")]) == 2
    assert "line 2 (a:2): unknown goal 'forebygande'; goals: tillganglighet" in capsys.readouterr().err
    assert not (tmp_path / "out.jsonl").exists()


def test_the_spacy_format_without_spacy_installed_says_which_extra_to_install(tmp_path, capsys, monkeypatch):
    """Without the extra, export and import stop at once with the pip command (they ended in a traceback)."""
    source = write_jsonl(tmp_path / "in.jsonl", [{"id": "a:1", "text": "Region Skåne har infört mobila team."}])
    monkeypatch.setitem(sys.modules, "spacy", None)  # `import spacy` raises ImportError, as without the extra
    message = "reformtrace: error: --format spacy: needs spaCy, an optional extra: pip install 'reformtrace[spacy]'\n"
    assert cli(["export", "-f", "spacy", str(source), "-o", str(tmp_path / "out.spacy")]) == 2
    assert capsys.readouterr().err == message
    assert cli(["import", "-f", "spacy", str(tmp_path / "out.spacy"), "-o", str(tmp_path / "rows.jsonl")]) == 2
    assert capsys.readouterr().err == message
    assert not (tmp_path / "out.spacy").exists() and not (tmp_path / "rows.jsonl").exists()


# ---------------------------------------------------------------- passages


def test_passages_writes_a_reports_passages_as_the_input_of_classify_and_export(tmp_path, capsys):
    out = tmp_path / "passages.jsonl"
    assert cli(["passages", "003_skr_delrapport_2022", "-o", str(out), "--corpus", str(ROOT / "corpus"), "--out", str(tmp_path / "run")]) == 0
    rows = [row for _, row in read_jsonl(out)]
    assert len(rows) > 50 and rows[0]["id"] == "003_skr_delrapport_2022:0001"
    assert {k for k in rows[0]} == {"id", "report", "publisher", "year", "page", "printed_page", "section", "text"}
    assert rows[0]["publisher"] == "SKR (Sveriges Kommuner och Regioner)" and rows[0]["year"] == 2022  # from sources.toml
    by_path = tmp_path / "by_path.jsonl"
    assert cli(["passages", str(ROOT / "corpus" / "003_skr_delrapport_2022.md"), "-o", str(by_path), "--corpus", str(ROOT / "corpus"),
                "--out", str(tmp_path / "run")]) == 0
    assert by_path.read_bytes() == out.read_bytes()
    labelled = tmp_path / "labelled.jsonl"
    assert cli(["classify", str(out), "-o", str(labelled), "--jobs", "1"]) == 0
    assert [row["id"] for _, row in read_jsonl(labelled)] == [row["id"] for row in rows]
    corpus = tmp_path / "corpus"  # --all: every report of a corpus
    corpus.mkdir()
    (corpus / "003_skr_delrapport_2022.md").write_bytes((ROOT / "corpus" / "003_skr_delrapport_2022.md").read_bytes())
    every = tmp_path / "every.jsonl"
    assert cli(["passages", "--all", "-o", str(every), "--corpus", str(corpus), "--out", str(tmp_path / "run")]) == 0
    assert [row["text"] for _, row in read_jsonl(every)] == [row["text"] for row in rows]
    assert cli(["passages", "003_skr", "-o", str(tmp_path / "none.jsonl"), "--corpus", str(ROOT / "corpus")]) == 2
    assert "003_skr: no such report; reports in " in capsys.readouterr().err
    assert not (tmp_path / "none.jsonl").exists()


def test_passages_outside_a_corpus_folder_says_how_to_name_one(tmp_path, capsys):
    assert cli(["passages", "009_rapport", "-o", str(tmp_path / "p.jsonl"), "--corpus", str(tmp_path / "ingen")]) == 2
    assert capsys.readouterr().err == (f"reformtrace: error: 009_rapport: no such report and no corpus folder {tmp_path / 'ingen'}: "
                                       "name the reports' folder with --corpus DIR, or give the path of a report file\n")
    assert not (tmp_path / "p.jsonl").exists()


def test_passages_of_a_file_outside_the_corpus_are_described_as_run_describes_it(tmp_path):
    """A path outside the corpus had neither year nor title: run takes the year from the file name."""
    report = tmp_path / "region_halland_uppfoljning_2024.txt"
    report.write_text("Region Halland har infört mobila team i Falkenberg.\n", encoding="utf-8")
    out = tmp_path / "passages.jsonl"
    assert cli(["passages", str(report), "-o", str(out), "--corpus", str(tmp_path / "ingen"), "--out", str(tmp_path / "run")]) == 0
    [row] = [row for _, row in read_jsonl(out)]
    assert row == {"id": "region_halland_uppfoljning_2024:0001", "report": "region_halland_uppfoljning_2024", "publisher": "",
                   "year": 2024, "page": 1, "printed_page": "", "section": "",
                   "text": "Region Halland har infört mobila team i Falkenberg."}


def test_label_studio_offsets_count_utf16_units_after_an_emoji_and_come_back_as_characters(tmp_path):
    text = "🙂 Region Skåne har startat mobila team."
    source = write_jsonl(tmp_path / "in.jsonl", [{"id": "emoji:1", "text": text}])
    [task] = label_studio.tasks(read_items(source))
    [mention] = [r["value"] for r in task["predictions"][0]["result"] if r["type"] == "labels"]
    assert (mention["start"], mention["end"], mention["text"]) == (3, 15, "Region Skåne")  # 🙂 is two UTF-16 units
    exported = tmp_path / "export.json"
    exported.write_text(json.dumps(label_studio_export([task])), encoding="utf-8")
    [row] = label_studio.read_export(exported)
    assert row["spans"] == [{"start": 2, "end": 14, "label": "12"}] and text[2:14] == "Region Skåne"
