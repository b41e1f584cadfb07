"""The taxonomy data file: the package's own is complete, and a broken edit is named precisely."""
from pathlib import Path

import pytest

from reformtrace.annotate.taxonomy import TaxonomyError, load_taxonomy

GOALS = [
    "tillganglighet", "delaktighet", "kontinuitet", "nara", "samordning",
    "primarvard_nav", "forebyggande", "stark_primarvard", "effektivitet",
]
INTERVENTIONS = [
    "mobila_team", "sip", "halsosamtal", "fast_lakarkontakt", "patientkontrakt", "utskrivning",
    "hemsjukvard", "digital_vard", "egenmonitorering", "ambulans", "kompetensforsorjning",
    "styrning_ersattning", "samverkansstruktur", "psykisk_halsa", "informationsutbyte",
]

GOOD = """
[matching]
negations = ["Inga"]
negation_window = 3
clause_negations = ["inte"]

[[goals]]
id = "samordning"
name = "Samordnad vård"
definition = "Samverkan mellan vårdgivare."
cues = ["samverkan", "samordning", "samverkan"]

[[interventions]]
id = "sip"
name = "Samordnad individuell plan (SIP)"
definition = "Samordnade individuella planer."
implies = ["samordning"]
cues = ["SIP", "samordnad  individuell plan"]
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "taxonomy.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_package_taxonomy_has_the_schemes_labels_in_order():
    taxonomy = load_taxonomy()
    assert taxonomy.ids("goals") == GOALS
    assert taxonomy.ids("interventions") == INTERVENTIONS
    sip = next(label for label in taxonomy.labels if label.id == "sip")
    assert sip.name == "Samordnad individuell plan (SIP)"
    assert "SIP" in sip.cues and sip.implies == ("samordning",)
    assert taxonomy.dimension_of("nara") == "goals"


def test_a_researchers_file_is_read_with_cues_cleaned(tmp_path):
    taxonomy = load_taxonomy(write(tmp_path, GOOD))
    assert [label.id for label in taxonomy.labels] == ["samordning", "sip"]
    assert taxonomy.labels[0].cues == ("samverkan", "samordning")  # repeated cue kept once
    assert taxonomy.labels[1].cues == ("SIP", "samordnad individuell plan")  # spaces folded
    assert taxonomy.negations == ("inga",)
    assert taxonomy.negation_window == 3
    assert taxonomy.clause_negations == ("inte",)


@pytest.mark.parametrize(
    "old, new, message",
    [
        ('id = "sip"', 'id = "SIP plan"', r"\(\'SIP plan\'\): id must be lower-case ASCII"),
        ('id = "sip"', 'id = "samordning"', r"label id 'samordning' is used twice"),
        ('name = "Samordnad vård"', 'name = ""', r"\[\[goals\]\] entry 1 \('samordning'\): field 'name' must be a non-empty string"),
        ('cues = ["SIP", "samordnad  individuell plan"]', "cues = []", r"\('sip'\): field 'cues' must list at least one"),
        ('cues = ["SIP", "samordnad  individuell plan"]', 'cues = ["SIP", 3]', r"\('sip'\): cues entry 3 is not a word or phrase"),
        ('implies = ["samordning"]', 'implies = ["samverkan"]', r"'sip': 'implies' names unknown goal\(s\) \['samverkan'\]"),
        ('definition = "Samverkan mellan vårdgivare."', 'definiton = "x"', r"unknown field\(s\) \['definiton'\]"),
        ('cues = ["SIP", "samordnad  individuell plan"]', 'cues = ["SIP"]\nweak_cues = ["plan"]', r"\('sip'\): 'weak_cues' and 'context' go together"),
        ('cues = ["samverkan", "samordning", "samverkan"]', 'cues = ["samverkan"]\nown_cues = ["samråd"]', r"\('samordning'\): only interventions have 'own_cues'"),
        ('cues = ["samverkan", "samordning", "samverkan"]', 'cues = ["samverkan"]\nelsewhere = ["ambulans"]', r"\('samordning'\): only goals with 'context' have 'elsewhere'"),
        ('cues = ["samverkan", "samordning", "samverkan"]', 'cues = ["samordnad vård"]\nloose_cues = ["samverkan"]', r"\('samordning'\): 'loose_cues' and 'topic' go together"),
        ('cues = ["SIP", "samordnad  individuell plan"]', 'cues = ["SIP"]\nimplied_topic = ["kommun"]', r"\('sip'\): only goals have 'implied_topic'"),
        ('cues = ["samverkan", "samordning", "samverkan"]', 'cues = ["samordnad vård"]\ncare_cues = ["samverkan"]', r"\[matching\] needs 'care' phrases where a label has 'care_cues'"),
        ('cues = ["SIP", "samordnad  individuell plan"]', 'cues = ["SIP"]\nweak_care = true', r"\('sip'\): field 'weak_care' must be true or false, and true only beside 'weak_cues'"),
        ("negation_window = 3", "negation_window = -1", r"\[matching\]: negation_window must be a whole number"),
        ('clause_negations = ["inte"]', 'clause_negations = ["inte", "Inga"]', r"\[matching\]: \['inga'\] in both negations and clause_negations"),
        ('[[interventions]]', '[[interventionz]]', r"unknown section\(s\) \['interventionz'\]"),
        ('cues = ["samverkan"', 'cues = ["samverkan', r"not valid TOML"),
    ],
)
def test_a_broken_file_names_the_file_the_entry_and_the_problem(tmp_path, old, new, message):
    path = write(tmp_path, GOOD.replace(old, new, 1))
    with pytest.raises(TaxonomyError, match=message) as err:
        load_taxonomy(path)
    assert str(path) in str(err.value)


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(TaxonomyError, match=r"missing\.toml: no such taxonomy file"):
        load_taxonomy(tmp_path / "missing.toml")


def test_a_goal_cannot_imply(tmp_path):
    text = GOOD.replace('cues = ["samverkan", "samordning", "samverkan"]', 'implies = ["samordning"]\ncues = ["samverkan"]')
    with pytest.raises(TaxonomyError, match=r"\('samordning'\): only interventions can imply goals"):
        load_taxonomy(write(tmp_path, text))
