"""The spaCy component: registered by the package's entry point, codes as `classify` does
(every annotated passage), spans on the Doc's own text, config options, saving and scoring."""
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

spacy = pytest.importorskip("spacy")

from spacy.tokens import DocBin  # noqa: E402
from spacy.training import Example  # noqa: E402

from reformtrace.annotate.annotator import DECIDE_AT  # noqa: E402
from reformtrace.commands.classify import classify_records  # noqa: E402
from reformtrace.spacy_component import THRESHOLD  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from benchmarks.spacy_component import annotated_texts  # noqa: E402  every annotated passage, once


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("sv")
    nlp.add_pipe("reformtrace")
    return nlp


def test_the_package_registers_the_factory_for_spacy_through_its_entry_point():
    from importlib.metadata import entry_points

    [point] = [p for p in entry_points(group="spacy_factories") if p.name == "reformtrace"]
    assert point.value == "reformtrace.spacy_component:make_reformtrace"
    # a fresh interpreter that never imports the package by name still finds the factory
    code = "import spacy; nlp = spacy.blank('sv'); nlp.add_pipe('reformtrace'); print(nlp('Mobila team i Region Skåne.')._.regions)"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd="/")
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "['12']"


def test_the_component_gives_the_labels_and_regions_of_classify_on_every_annotated_passage(nlp):
    texts = annotated_texts()
    assert len(texts) > 2000
    annotator = nlp.get_pipe("reformtrace").annotator
    lines = classify_records(annotator, [{"id": str(i), "text": t} for i, t in enumerate(texts)])
    differ = [
        (line["id"], (line["goals"], line["interventions"], line["regions"]), (doc._.goals, doc._.interventions, doc._.regions))
        for line, doc in zip(lines, nlp.pipe(texts, batch_size=128))
        if (line["goals"], line["interventions"], line["regions"]) != (doc._.goals, doc._.interventions, doc._.regions)
    ]
    assert differ == []
    for line, doc in zip(lines[:300], nlp.pipe(texts[:300])):  # the scores too, and cats hold them all
        assert doc.cats == line["scores"]
        assert sorted({span.label_ for span in doc.spans["regions"]}) == line["regions"]


def test_regions_are_spans_labelled_with_their_county_code_and_say_what_they_name(nlp):
    doc = nlp("Sunderby sjukhus och Luleå kommun samverkar med Region Jönköpings län om mobila team.")
    spans = [(s.text, s.label_, s._.region_kind, s._.region_entity, s._.region_name) for s in doc.spans["regions"]]
    assert spans == [
        ("Sunderby sjukhus", "25", "hospital", "Sunderby sjukhus", "Norrbotten"),
        ("Luleå kommun", "25", "municipality", "Luleå", "Norrbotten"),
        ("Region Jönköpings län", "06", "county", "Jönköping", "Jönköping"),
    ]
    assert doc._.regions == ["06", "25"]
    assert ("mobila team", "mobila_team") in [(s.text, s.label_) for s in doc.spans["cues"]]
    assert doc.cats["mobila_team"] >= THRESHOLD and "mobila_team" in doc._.interventions
    assert set(doc.cats) == set(nlp.get_pipe("reformtrace").labels)


def test_ocr_damaged_raw_text_is_repaired_for_coding_and_every_span_stands_on_the_text_given(nlp):
    text = "Regionen ska f6lja upp arbetet med fast ldkar-\nkontakt och mobila team 1 Jonkdpings 14n."
    doc = nlp(text)
    assert doc.text == text
    assert doc._.coded_text == "Regionen ska följa upp arbetet med fast läkarkontakt och mobila team i Jönköpings län."
    assert [(r["original"], r["replacement"]) for r in doc._.ocr_repairs] == [
        ("f6lja", "följa"), ("ldkar-\nkontakt", "läkarkontakt"), ("1", "i"), ("Jonkdpings", "Jönköpings"), ("14n", "län")]
    for repair in doc._.ocr_repairs:
        assert text[repair["start"]:repair["end"]] == repair["original"]
    [region] = doc.spans["regions"]
    assert (region.text, region.label_) == ("Jonkdpings 14n", "06")
    assert "fast_lakarkontakt" in doc._.interventions
    assert [s.text for s in doc.spans["cues"] if s.label_ == "fast_lakarkontakt"] == ["fast ldkar-\nkontakt"]
    for credit in doc._.credits:
        for start, end in credit["spans"]:
            assert 0 <= start < end <= len(text)


def verifying_model(folder: Path) -> str:
    """The package's model, its verifiers given a say (a rule hit stands where p >= 0.5), so
    that the threshold matters whatever `train` chose for the shipped model."""
    shutil.copytree(ROOT / "pipeline" / "data" / "model", folder)
    meta = json.loads((folder / "classifier.json").read_text(encoding="utf-8"))
    meta["thresholds"] = {label: {"keep": 0.5} for label in meta["thresholds"]}
    (folder / "classifier.json").write_text(json.dumps(meta), encoding="utf-8")
    return str(folder)


def test_repair_off_codes_the_text_as_it_stands_and_a_lower_threshold_gives_more_labels(tmp_path):
    text = "Regionen ska f6lja upp arbetet med en mer nira vard 1 Jonkdpings 14n."
    raw = spacy.blank("sv")
    raw.add_pipe("reformtrace", config={"repair": False})
    doc = raw(text)
    assert doc._.ocr_repairs is None and doc._.coded_text == text
    model = verifying_model(tmp_path / "model")
    low, default = spacy.blank("sv"), spacy.blank("sv")
    low.add_pipe("reformtrace", config={"threshold": 0.2, "model": model})
    default.add_pipe("reformtrace", config={"model": model})
    texts = annotated_texts()[:400]
    more = fewer = 0
    for a, b in zip(low.pipe(texts), default.pipe(texts)):
        assert set(b._.goals + b._.interventions) <= set(a._.goals + a._.interventions)
        assert all(a.cats[label] >= 0.2 for label in a._.goals + a._.interventions)
        more += len(a._.goals + a._.interventions)
        fewer += len(b._.goals + b._.interventions)
    assert more > fewer
    with pytest.raises(ValueError, match="threshold must be above 0"):
        spacy.blank("sv").add_pipe("reformtrace", config={"threshold": 1.5})


def test_the_default_threshold_is_the_annotators_own_decision():
    assert THRESHOLD == DECIDE_AT


def test_a_saved_pipeline_loads_with_its_config_and_docs_keep_their_spans_in_a_docbin(nlp, tmp_path):
    custom = spacy.blank("sv")
    custom.add_pipe("reformtrace", config={"threshold": 0.4})
    custom.to_disk(tmp_path / "nlp")
    loaded = spacy.load(tmp_path / "nlp")
    assert loaded.get_pipe_config("reformtrace")["threshold"] == 0.4
    doc = loaded("Hälsosamtal erbjuds i Region Gävleborg och i Hudiksvalls kommun.")
    assert doc._.regions == ["21"]
    store = DocBin(store_user_data=True, docs=[doc])
    [back] = store.from_bytes(store.to_bytes()).get_docs(loaded.vocab)
    assert [(s.text, s.label_, s._.region_kind) for s in back.spans["regions"]] == [
        ("Region Gävleborg", "21", "county"), ("Hudiksvalls kommun", "21", "municipality")]
    assert back.cats == doc.cats and list(back._.interventions) == doc._.interventions == ["halsosamtal"]  # msgpack gives tuples


def test_nlp_evaluate_scores_labels_and_region_spans_against_reference_docs(nlp):
    texts = ["Region Skåne har infört mobila team.", "Rapporten vänder sig till regeringen."]
    examples = []
    for doc in nlp.pipe(texts):
        reference = nlp.make_doc(doc.text)
        reference.cats = {label: float(label in doc._.goals + doc._.interventions) for label in doc.cats}
        reference.spans["regions"] = [reference.char_span(s.start_char, s.end_char, label=s.label_) for s in doc.spans["regions"]]
        examples.append(Example(nlp.make_doc(doc.text), reference))
    scores = nlp.evaluate(examples)
    assert scores["cats_micro_f"] == 1.0 and scores["spans_regions_f"] == 1.0


def test_a_model_folder_that_is_not_there_is_refused_not_replaced_by_the_rules_alone(tmp_path):
    missing = tmp_path / "modell"
    with pytest.raises(ValueError, match=f"model '{missing}': no such model folder"):
        spacy.blank("sv").add_pipe("reformtrace", config={"model": str(missing)})


def test_the_collector_is_held_off_while_a_batch_is_coded_and_left_as_it_was_found(nlp):
    import gc

    import reformtrace

    package = str(Path(reformtrace.__file__).parent)
    texts = ["Region Skåne har infört mobila team i hemsjukvården.", "Hälsosamtal erbjuds i Region Gävleborg."]
    component = nlp.get_pipe("reformtrace")
    docs = [nlp.make_doc(text) for text in texts]
    started, inside = [], []

    def watch(phase, info):  # a collection set off while the package's code runs: in which of its functions
        if phase == "start":
            started.append(info["generation"])
            frame = sys._getframe(1)
            while frame and not frame.f_code.co_filename.startswith(package):
                frame = frame.f_back
            if frame:
                inside.append(frame.f_code.co_name)

    threshold = gc.get_threshold()
    gc.callbacks.append(watch)
    try:
        gc.set_threshold(1)  # were the collector on, nearly every allocation would set one off
        coded = list(component.pipe(docs))
        assert started and set(inside) == {"pipe"} and gc.isenabled()  # around the batches (minibatch, yield), never inside
        gc.disable()
        assert component(nlp.make_doc(texts[0]))._.regions == ["12"] and not gc.isenabled()  # a caller's choice kept
    finally:
        gc.enable()
        gc.set_threshold(*threshold)
        gc.callbacks.remove(watch)
    assert [(doc._.regions, doc._.goals, doc._.interventions) for doc in coded] == [
        (["12"], ["nara"], ["hemsjukvard", "mobila_team"]), (["21"], ["forebyggande"], ["halsosamtal"])]
