"""The pooled kind judgements and the features the kind comparison reads (kinds_gold.py, kinds_features.py, kinds_cv.py)."""
import sys
import tomllib
from collections import Counter
from pathlib import Path
from types import SimpleNamespace

from reformtrace.annotate import kinds
from reformtrace.annotate.evidence_eval import kinds2_study

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the comparison is a benchmark, not a stage of the package
from benchmarks.kinds_cv import cues_file, rules_file, simplified_file  # noqa: E402
from benchmarks.kinds_features import features, tense  # noqa: E402
from benchmarks.kinds_gold import _judged_kind, pooled  # noqa: E402

ANNOTATIONS = ROOT / "annotations"


def test_the_pool_holds_every_readable_judgement_and_no_held_out_one():
    examples = pooled(ANNOTATIONS)
    assert Counter(e.set for e in examples) == {"attribution": 305, "kinds": 184, "judged": 115, "kinds2-study": 88}
    assert all(kinds2_study(e.pid) for e in examples if e.set == "kinds2-study")  # kinds2-check left out before reading


def test_a_judges_reason_gives_the_kind_it_names_instead():
    # judged4 (bundled, tune side): the row said done
    assert _judged_kind("done", "Halland intends to hold dialogues and gap analyses before introducing fast "
                                "läkarkontakt: planned, not done.") == "planned"
    # judged3: two kinds named, no one kind to take
    assert _judged_kind("measured", "an impression with no figure, so done/mentioned, not measured") is None


def test_the_tense_of_a_verb_form_from_the_lemma_table():
    words = "införde planerar startat används erbjuder hälsosamtal ska".split()
    assert [tense(w) for w in words] == ["past", "present", "supine", "passive", "present", None, None]


def test_the_features_name_the_cue_group_and_tense_of_the_cues_clause():
    text = "Region Skåne har infört hälsosamtal för alla 40-åringar, men Region Blekinge planerar att göra det."
    cue = text.index("hälsosamtal")
    sentence = SimpleNamespace(start=0, end=len(text), regions=("12", "10"))
    found = features(text, [sentence], [[cue, cue + 11]], "12", True, rules="done")
    # the cue's clause ends at ", men": its cue is done.0 and its tenses "har" (present) and "infört" (supine)
    assert sorted(k for k in found if k.startswith("clause ")) == [
        "clause done", "clause done.0", "clause figure", "clause first finite:present", "clause tense:present",
        "clause tense:supine"]
    assert {"rules: done", "region", "sentence planned", "sentence planned.1", "sentence future"} <= found.keys()
    assert "passage names no region" not in found


def test_the_simplified_rules_are_read_for_a_while_and_the_full_ones_after(tmp_path):
    sentence = "Det finns en stor potential i digitala vårdtjänster."  # potential: the full rules' mentioned, a cue left out
    with rules_file(simplified_file(tmp_path)):
        assert len(kinds.kind_rules().kinds) == 4 and kinds.kind_of(sentence) == "done"
    assert kinds.kind_of(sentence) == "mentioned"


def test_a_cue_left_out_decides_no_more(tmp_path):
    sentence = "Det finns en stor potential i digitala vårdtjänster."
    mentioned = tomllib.loads(kinds.KINDS_FILE.read_text(encoding="utf-8"))["mentioned"]["patterns"]
    potential = next(i for i, p in enumerate(mentioned) if "potential" in p)
    with rules_file(cues_file(tmp_path / "cues.toml", lambda group, i: (group, i) != ("mentioned", potential))):
        assert kinds.kind_of(sentence) == "done"  # "finns en": a service in place
    assert kinds.kind_of(sentence) == "mentioned"
