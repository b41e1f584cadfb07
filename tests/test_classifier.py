"""The trained layer, the Annotator and the classify/train/evaluate commands, on a small
labelled set of report sentences (three reports, so leave-one-report-out runs)."""
import json
import logging
from argparse import Namespace

import numpy as np
import pytest

from reformtrace.annotate import Annotator, classifier, classify_eval
from reformtrace.annotate.classifier import Model, choose_decisions
from reformtrace.annotate.rules import Rules
from reformtrace.annotate.taxonomy import load_taxonomy
from reformtrace.cli import main as cli
from reformtrace.model import Passage

SENTENCES = [
    ("Hemsjukvården i kommunerna har byggts ut under året.", ["nara"], ["hemsjukvard"]),
    ("Läkarmedverkan i hemsjukvården är en förutsättning för vård i hemmet.", ["nara"], ["hemsjukvard"]),
    ("Flera regioner har infört SIP-samordnare för att stärka samverkan med socialtjänsten.", ["samordning"], ["sip"]),
    ("Antalet upprättade samordnade individuella planer ökade.", ["samordning"], ["sip"]),
    ("Regionen har utökat antalet ST-tjänster i allmänmedicin för att trygga kompetensförsörjningen.", ["stark_primarvard"], ["kompetensforsorjning"]),
    ("Sjuksköterskor erbjuds vidareutbildning till distriktssköterska med bibehållen lön.", ["stark_primarvard"], ["kompetensforsorjning"]),
    ("Rapporten vänder sig till regeringen och till huvudmännen.", [], []),
    ("Utredaren har varit projektledare för arbetet.", [], []),
    ("Kommunerna har samverkan med föreningslivet om idrott.", [], []),  # a cue of samordning on another topic
]


def rows() -> list[dict]:
    """Each sentence in three reports, worded a little differently in each."""
    out = []
    for n, report in enumerate(["rapport_a", "rapport_b", "rapport_c"]):
        for i, (text, goals, interventions) in enumerate(SENTENCES):
            text = text if n == 0 else f"{text} Det framgår av redovisning {n}." if n == 1 else f"Under {2020 + i} gäller att {text[0].lower()}{text[1:]}"
            out.append({"id": f"{report}:{i:04d}", "report": report, "page": 1, "text": text,
                        "goals": goals, "interventions": interventions, "regions": []})
    return out


@pytest.fixture(scope="module")
def rules() -> Rules:
    return Rules(load_taxonomy())


@pytest.fixture(scope="module")
def examples(rules):
    return classify_eval.prepare(rows(), rules)


@pytest.fixture(scope="module")
def model_dir(tmp_path_factory, examples):
    model = classifier.train(examples.analyses, examples.targets, examples.reports, examples.labels, {"note": "test"})
    directory = tmp_path_factory.mktemp("model")
    model.save(directory)
    return directory


def test_training_is_deterministic_and_a_loaded_model_predicts_the_same(examples, model_dir, tmp_path):
    again = classifier.train(examples.analyses, examples.targets, examples.reports, examples.labels, {"note": "test"})
    again.save(tmp_path)
    for name in (classifier.JSON_NAME, classifier.ARRAYS_NAME):
        assert (tmp_path / name).read_bytes() == (model_dir / name).read_bytes()
    loaded = Model.load(model_dir)
    assert np.allclose(loaded.probabilities(examples.analyses), again.probabilities(examples.analyses), atol=1e-6)
    # a label needs three passages where its rules fire rightly and three where wrongly for a
    # verifier; without, it is left to its rules
    column = loaded.labels.index
    assert not loaded.coef[column("hemsjukvard")].any() and loaded.decides("hemsjukvard") == "rules"
    assert loaded.coef[column("samordning")].any()


def test_each_label_keeps_its_rule_hits_by_the_threshold_that_did_best_held_out():
    truth = np.array([[1, 1], [1, 1], [1, 0], [0, 0], [0, 1], [0, 0]])
    hits = np.array([[1, 1], [1, 1], [1, 1], [0, 1], [0, 1], [0, 0]], bool)
    p = np.array([[0.1, 0.9], [0.2, 0.8], [0.1, 0.2], [0.9, 0.1], [0.1, 0.7], [0.1, 0.1]])
    chosen = choose_decisions(p, hits, truth, ["a", "b"])
    # a: the cues are exact, and the model could only take true labels away; b: two of its hits
    # are cues in passages on another topic, which the model vetoes
    assert chosen == {"a": {"keep": 0.0}, "b": {"keep": 0.25}}  # of the equally good thresholds, the lowest


def test_a_gain_below_the_margin_leaves_the_label_to_its_rules():
    # the veto turns one false hit of 51 away: F1 0.990 -> 1.000, a gain of 0.010 < RULES_MARGIN (0.02)
    truth = np.array([[1]] * 50 + [[0]])
    hits = np.ones((51, 1), bool)
    p = np.array([[0.9]] * 50 + [[0.1]])
    assert choose_decisions(p, hits, truth, ["x"])["x"]["keep"] == 0.0
    # one false hit of 11: F1 0.952 -> 1.000, the model has its say
    assert choose_decisions(p[-11:], hits[-11:], truth[-11:], ["x"])["x"]["keep"] > 0


def test_a_threshold_may_not_make_any_part_of_the_data_worse_than_the_rules():
    # the veto removes two false hits in part "new" but a true one in part "old"
    truth = np.array([[1], [1], [0], [0], [1], [1]])
    hits = np.ones((6, 1), bool)
    p = np.array([[0.9], [0.9], [0.1], [0.1], [0.9], [0.1]])
    assert choose_decisions(p, hits, truth, ["x"])["x"]["keep"] > 0
    assert choose_decisions(p, hits, truth, ["x"], parts=["new"] * 4 + ["old"] * 2)["x"]["keep"] == 0.0


def test_a_rule_hit_stands_only_where_the_model_keeps_it_and_the_score_says_why():
    model = Model(["x"], [], np.zeros(0, np.float32), np.zeros((1, 0), np.float32), np.zeros(1, np.float32), {"x": {"keep": 0.2}}, {})

    class Hit:  # an analysis with or without a rule hit for x
        def __init__(self, hit):
            self.labels = frozenset({"x"} if hit else ())

    p = np.array([[0.1], [0.3], [0.9]])
    scores = model.scores([Hit(True), Hit(True), Hit(False)], p)[:, 0]
    assert (scores >= 0.5).tolist() == [False, True, False]  # the model never adds a label
    assert model.decides("x") == "rules where p >= 0.20"


def test_without_a_model_the_rules_decide_and_a_warning_says_so(tmp_path, caplog):
    with caplog.at_level(logging.WARNING, logger="reformtrace.annotate"):
        annotator = Annotator.load(tmp_path)
    assert "no trained model" in caplog.text
    decision = annotator.decide(["Det finns inga mobila team, men hälsosamtalen har blivit fler."])[0]
    assert [label.id for label in decision.interventions] == ["halsosamtal"]
    assert [label.id for label in decision.goals] == ["forebyggande"]
    assert decision.interventions[0].evidence == [
        'rule "hälsosamtal": "hälsosamtalen"', "decided by rules (no model for this label)"
    ]
    assert decision.scores["mobila_team"] == 0.0 and decision.scores["halsosamtal"] == 1.0


def test_the_annotator_labels_passages_with_scores_evidence_and_regions(model_dir):
    annotator = Annotator.load(model_dir)
    text = "Region Jönköpings län har byggt ut hemsjukvården och upprättar fler SIP."
    passage = Passage("r:0001", "r", 4, ["Samverkan"], text, 0, len(text))
    [labelled] = annotator.annotate([passage])
    assert labelled.passage is passage
    assert [label.id for label in labelled.interventions] == ["hemsjukvard", "sip"]
    assert labelled.regions == ["06"]
    assert [m.surface for m in labelled.region_mentions] == ["Region Jönköpings län"]
    sip = labelled.interventions[1]
    assert sip.evidence[0] == 'rule "SIP": "SIP"' and sip.score >= 0.5
    for label in labelled.goals + labelled.interventions:  # the last reason says how the label decided
        assert label.evidence[-1].startswith(("model p=", "decided by rules"))


def test_classify_cleans_raw_text_and_adds_labels_scores_and_evidence(model_dir, tmp_path):
    source = tmp_path / "in.jsonl"
    lines = [
        {"id": "x1", "text": "Hälso-\nsamtalen  erbjuds av\nvårdcentralerna i Region Kronoberg.", "källa": "test"},
        {"id": "x2", "text": "Rapporten vänder sig till regeringen."},
    ]
    source.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert cli(["classify", str(source), "-o", str(out), "--model", str(model_dir)]) == 0
    first, second = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert first["id"] == "x1" and first["källa"] == "test" and first["text"] == lines[0]["text"]
    assert first["interventions"] == ["halsosamtal"] and first["goals"] == ["forebyggande"]
    assert first["regions"] == ["07"]
    assert set(first["scores"]) == set(load_taxonomy().ids("goals") + load_taxonomy().ids("interventions"))
    assert first["evidence"]["halsosamtal"][0] == 'rule "hälsosamtal": "Hälsosamtalen"'
    assert (second["goals"], second["interventions"], second["regions"], second["evidence"]) == ([], [], [], {})


def test_the_console_script_flushes_every_line_and_stops_quietly_when_the_reader_leaves(model_dir, tmp_path):
    import subprocess
    import sys

    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps({"id": f"p{i}", "text": "Mobila team i Region Skåne."}) + "\n" for i in range(3000)), encoding="utf-8")
    command = [sys.executable, "-m", "reformtrace.cli", "classify", str(source), "--model", str(model_dir), "--jobs", "1"]
    whole = subprocess.run(command, capture_output=True, text=True)
    assert whole.returncode == 0 and whole.stdout.count("\n") == 3000
    assert json.loads(whole.stdout.splitlines()[-1])["regions"] == ["12"]
    reader = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    reader.stdout.read(100)
    reader.stdout.close()  # as `| head -c 100` does
    assert reader.wait() == 141 and reader.stderr.read() == b""


def test_classify_in_worker_processes_gives_the_same_lines_in_the_same_order(model_dir):
    from reformtrace.commands.classify import classify_batches

    annotator = Annotator.load(model_dir)
    texts = [
        "Region Jönköpings län har infört mobila team för multisjuka äldre.",
        "Regionen ska f6lja upp arbetet med fast ldkarkontakt 1 primédrvarden.",
        "Vårdcentralerna i Gävleborg erbjuder hälsosamtal till alla 40-åringar.",
        "Rapporten vänder sig till regeringen.",
        "Utskrivningsprocessen från slutenvården har förbättrats i Skåne.",
    ]
    batches = [[{"id": f"p{i}-{j}", "text": t} for j, t in enumerate(texts)] for i in range(3)]
    alone = list(classify_batches(annotator, iter(batches), jobs=1))
    workers = list(classify_batches(annotator, iter(batches), jobs=2))
    assert workers == alone
    assert [line["id"] for batch in workers for line in batch] == [r["id"] for b in batches for r in b]
    assert alone[0][1]["interventions"] == ["fast_lakarkontakt"]  # repaired before coding


def test_classify_names_a_bad_line(tmp_path, capsys):
    source = tmp_path / "in.jsonl"
    source.write_text('{"id": 1, "text": "SIP"}\n{"text": "utan id"}\n', encoding="utf-8")
    assert cli(["classify", str(source), "--model", str(tmp_path)]) == 2
    assert "line 2: needs an 'id' and a 'text' string" in capsys.readouterr().err


@pytest.mark.parametrize("command", [["classify"], ["export", "--format", "doccano"]])
def test_a_model_folder_that_is_not_there_is_an_error_not_the_rules_alone(tmp_path, capsys, command):
    """`--model modle_07/` (a typo): status 2 naming the folder, not labels by the rules alone
    with exit 0 (an existing folder without a model still warns and uses the rules)."""
    source = tmp_path / "in.jsonl"
    source.write_text('{"id": "a:1", "text": "Region Skåne har infört mobila team i Lund."}\n', encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert cli([*command, str(source), "-o", str(out), "--model", str(tmp_path / "modle_07")]) == 2
    assert capsys.readouterr().err == (f"reformtrace: error: {tmp_path / 'modle_07'}: no such model folder "
                                       "(one that `reformtrace train --out` wrote)\n")
    assert not out.exists()


def test_a_classify_run_that_fails_leaves_no_output_file_and_an_earlier_one_intact(tmp_path, model_dir):
    source = tmp_path / "in.jsonl"
    source.write_text('{"id": 1, "text": "SIP i Region Skåne."}\n' * 1500 + "inte JSON\n", encoding="utf-8")
    out = tmp_path / "labelled.jsonl"
    assert cli(["classify", str(source), "-o", str(out), "--model", str(model_dir), "--jobs", "1"]) == 2
    assert not out.exists() and list(tmp_path.iterdir()) == [source]
    out.write_text("earlier\n", encoding="utf-8")
    assert cli(["classify", str(source), "-o", str(out), "--model", str(model_dir), "--jobs", "1"]) == 2
    assert out.read_text(encoding="utf-8") == "earlier\n"


def test_train_writes_the_same_model_and_card_twice(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01
    data = tmp_path / "passages.jsonl"
    data.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows()), encoding="utf-8")
    outputs = []
    for name in ("one", "two"):
        assert cli(["train", "--annotations", str(data), "--out", str(tmp_path / name)]) == 0
        outputs.append({p.name: p.read_bytes() for p in sorted((tmp_path / name).iterdir())})
    assert outputs[0] == outputs[1]
    assert sorted(outputs[0]) == ["MODEL_CARD.md", "classifier.json", "classifier.npz"]
    card = outputs[0]["MODEL_CARD.md"].decode()
    assert "- Trained: 2026-01-01" in card and "27 passages labelled by reading; cross-validation groups: rapport_a, rapport_b, rapport_c" in card
    assert "- mobila_team: rules" in card and "scikit-learn: " in card
    assert "hemsjukvard                  6 |      6" in card  # the cross-validated table: gold, found


def test_train_tests_on_the_held_out_files_beside_it_but_never_on_its_own_data(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    lines = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows())
    (tmp_path / "passages.jsonl").write_text(lines, encoding="utf-8")
    (tmp_path / "heldout.jsonl").write_text(lines, encoding="utf-8")
    assert cli(["train", "--annotations", str(tmp_path), "--out", str(tmp_path / "a")]) == 0
    assert "== held out: heldout.jsonl\n27 held-out passages" in (tmp_path / "a" / "MODEL_CARD.md").read_text(encoding="utf-8")
    assert cli(["train", "--annotations", str(tmp_path / "heldout.jsonl"), "--out", str(tmp_path / "b")]) == 0
    assert "== held out" not in (tmp_path / "b" / "MODEL_CARD.md").read_text(encoding="utf-8")


def test_evaluate_classify_prints_both_tables_and_per_report_figures(tmp_path, capsys):
    data = tmp_path / "passages.jsonl"
    data.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows()), encoding="utf-8")
    assert classify_eval.main(Namespace(annotations=str(data))) == 0
    printed = capsys.readouterr().out
    assert printed.startswith("27 training passages in 3 groups (passages.jsonl), leave one group out")
    assert "== passages.jsonl: 27 passages, leave one report out\n" in printed
    assert "| rules                          | rules + model" in printed
    assert "sip                          6 |      6   1.000   1.000   1.000 |" in printed
    assert "  rapport_b" in printed


def test_an_annotation_with_an_unknown_label_is_named(tmp_path):
    data = tmp_path / "passages.jsonl"
    row = rows()[0] | {"interventions": ["hemsjukvård"]}
    data.write_text(json.dumps(row, ensure_ascii=False) + "\n", encoding="utf-8")
    with pytest.raises(classify_eval.AnnotationError, match=r"passage 1 \(rapport_a:0000\): 'interventions' .* unknown: \['hemsjukvård'\]"):
        classify_eval.read_examples(data, load_taxonomy())


def test_evaluate_classify_scores_the_held_out_file_with_a_model_trained_on_the_rest(tmp_path, capsys):
    (tmp_path / "passages.jsonl").write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows()), encoding="utf-8")
    held_out = [
        {"id": "rapport_d:0001", "report": "rapport_d", "text": "Kommunen har anställt fler sjuksköterskor i hemsjukvården.",
         "goals": ["nara"], "interventions": ["hemsjukvard"], "regions": []},
        {"id": "rapport_d:0002", "report": "rapport_d", "text": "Regionen upprättar en samordnad individuell plan för varje patient.",
         "goals": ["samordning"], "interventions": ["sip"], "regions": []},
        {"id": "rapport_d:0003", "report": "rapport_d", "text": "Rapporten har skrivits av utredaren.",
         "goals": [], "interventions": ["kompetensforsorjning"], "regions": []},
    ]
    (tmp_path / "heldout.jsonl").write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in held_out), encoding="utf-8")
    assert classify_eval.main(Namespace(annotations=str(tmp_path))) == 0
    printed = capsys.readouterr().out.split("== held out: heldout.jsonl\n")[1]
    assert printed.startswith("3 held-out passages (heldout.jsonl), model trained on all of passages.jsonl\n")
    assert "  rules           goals micro F1 1.000 (macro 1.000), interventions micro F1 0.800 (macro 0.667); no-label passages given a label -\n" in printed
    assert "kompetensforsorjning         1 |      0       -   0.000   0.000 |" in printed


def test_evaluate_classify_on_one_file_leaves_the_held_out_files_beside_it_alone(tmp_path, capsys):
    """As `evaluate --help` says: a single JSONL file is measured leave one report out only,
    so work on one file never prints a held-out figure (train on one file still measures them)."""
    lines = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows())
    (tmp_path / "passages.jsonl").write_text(lines, encoding="utf-8")
    (tmp_path / "heldout.jsonl").write_text(lines, encoding="utf-8")
    assert classify_eval.main(Namespace(annotations=str(tmp_path / "passages.jsonl"))) == 0
    printed = capsys.readouterr().out
    assert printed.startswith("27 training passages in 3 groups (passages.jsonl), leave one group out")
    assert "held out" not in printed and "heldout.jsonl" not in printed
    assert classify_eval.main(Namespace(annotations=str(tmp_path))) == 0
    assert "== held out: heldout.jsonl\n27 held-out passages (heldout.jsonl), model trained on all of passages.jsonl\n" in capsys.readouterr().out


def test_a_truncated_compound_has_the_terms_of_its_own_context_whatever_was_read_before(rules):
    # "vård-" takes its units from the compound after the conjunction: the model's terms
    # of a word are those of its form and units, never those of the first context it met
    first, second = rules.analyse(["Insatser i vård- och omsorgsboende.", "En fast vård- eller läkarkontakt."])
    assert first.units[first.tokens.index("vård-")] == ("vård", "bo")
    assert second.units[second.tokens.index("vård-")] == ("vårdkontakt",)
    words = {w for a in (first, second) for w in zip(a.tokens, a.units)}
    vocabulary = sorted({term for word in words for term in classifier.token_terms(*word)})

    def fresh() -> Model:
        return Model([], vocabulary, np.ones(len(vocabulary), np.float32), np.zeros((0, len(vocabulary)), np.float32), np.zeros(0, np.float32), {}, {})

    alone = fresh().tfidf([second])
    primed = fresh()
    primed.tfidf([first])
    together = fresh().tfidf([first, second])
    assert "u:vårdkontakt" in [vocabulary[c] for c in alone[1]]
    for indptr, columns, weights in (primed.tfidf([second]), (together[0][1:] - together[0][1], together[1][together[0][1]:], together[2][together[0][1]:])):
        assert indptr.tolist() == alone[0].tolist() and columns.tolist() == alone[1].tolist() and np.allclose(weights, alone[2])


def test_evaluate_classify_trains_on_the_tune_file_and_scores_the_unseen_test_apart(tmp_path, capsys):
    (tmp_path / "passages.jsonl").write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows()), encoding="utf-8")
    (tmp_path / "unseen").mkdir()
    tune = [{"id": f"pm_{i}:0001", "source": f"pressmeddelanden_{i}.md", "text": text, "goals": goals, "interventions": interventions,
             "regions": []} for i, (text, goals, interventions) in enumerate(SENTENCES)]
    (tmp_path / "unseen" / "tune.jsonl").write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in tune), encoding="utf-8")
    test = [
        {"id": "a:1", "source": "socialstyrelsen_lagesrapport_aldre_2016.txt", "text": "Andelen personer med hemsjukvård ökade.",
         "goals": [], "interventions": [], "regions": []},
        {"id": "a:2", "source": "socialstyrelsen_lagesrapport_aldre_2016.txt", "text": "Kommunen har byggt ut hemsjukvården.",
         "goals": ["nara"], "interventions": ["hemsjukvard"], "regions": []},
        {"id": "b:1", "source": "artiklar_x.md", "text": "Rapporten vänder sig till regeringen och Sjukvårdsministern besökte Kiruna.",
         "goals": [], "interventions": [], "regions": []},
    ]
    (tmp_path / "unseen" / "test.jsonl").write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in test), encoding="utf-8")
    assert classify_eval.main(Namespace(annotations=str(tmp_path))) == 0
    printed = capsys.readouterr().out
    assert printed.startswith("36 training passages in 7 groups (passages.jsonl, unseen/tune.jsonl), leave one group out")
    assert "== unseen/tune.jsonl: 9 passages, cross-validated, a sanity check of the training data (trained on), no test" in printed
    held_out = printed.split("== held out: unseen/test.jsonl\n")[1]
    assert held_out.startswith("3 held-out passages (unseen/test.jsonl), model trained on all of passages.jsonl + unseen/tune.jsonl\n")
    assert "  rules           goals micro F1 1.000 (macro 1.000), interventions micro F1 1.000 (macro 1.000); no-label passages given a label 0/2 (0%)" in held_out
    assert "neighbouring field (2 passages): goals 1.000, interventions 1.000; no-label given a label 0/1 (0%)" in held_out
