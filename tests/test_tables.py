"""Rows of a table or list of regions take the labels of the text that leads them (tune documents of g0vse
and of the unlabelled collection)."""
import pytest

from reformtrace.annotate import Annotator
from reformtrace.model import Passage

TITLE = "Regeringen fortsätter satsningen för kortare vårdköer – stora skillnader mellan regionerna"
SECTION = [TITLE, "Satsningen fortsätter och utökas med ytterligare vårdområden"]
LEAD = ("Av de 507 miljoner kronor som regionerna kunde kvalificera sig för den andra delen av satsningen, som omfattar "
        "perioden juni-oktober 2025, uppnåddes 243 miljoner kronor (48%) nationellt. I tabellen nedan visas hur stor "
        "andel av det potentiella maxbeloppet som respektive region lyckats uppnå.")


@pytest.fixture(scope="module")
def annotator():
    return Annotator.load()


def passages(texts, section, other=None):
    out = [Passage(f"t:{i:04d}", "t", 1, section, t, 0, len(t)) for i, t in enumerate(texts, 1)]
    if other:  # a passage of another chapter: the title heads no longer the whole text
        out.insert(0, Passage("t:0000", "t", 1, other, "Regionerna har fått medel.", 0, 26))
    return out


def rows(labelled):
    return sorted((lp.passage.text, c.region, c.label, c.kind, c.how) for lp in labelled for c in lp.credits
                  if c.how == "the lead of the table or list")


def test_table_rows_take_the_title_of_a_press_release(annotator):
    texts = [LEAD, "Region | Andel av potentiellt maxbelopp", "Gotland | 100 %", "Stockholm | 10 %", "Riket | 48 %"]
    labelled = annotator.annotate(passages(texts, SECTION))
    assert rows(labelled) == [
        ("Gotland | 100 %", "09", "tillganglighet", "measured", "the lead of the table or list"),
        ("Stockholm | 10 %", "01", "tillganglighet", "measured", "the lead of the table or list"),
    ]
    assert labelled[2].goals[0].evidence[0] == f"from the lead of the rows (heading {TITLE!r})"


def test_a_chapter_heading_gives_no_labels_to_the_tables_of_its_sections(annotator):
    labelled = annotator.annotate(passages([LEAD, "Gotland | 100 %"], SECTION, other=["Inledning"]))
    assert rows(labelled) == []


def test_rows_with_words_of_their_own_or_labels_of_their_own_take_nothing(annotator):
    texts = [LEAD, "Gotland har infört mobila team i hela länet.", "Kalmar Regionen har 47 AT-tjänster."]
    labelled = annotator.annotate(passages(texts, SECTION))
    assert rows(labelled) == []
    assert {c.label for c in labelled[2].credits} == {"kompetensforsorjning", "stark_primarvard"}


def test_rows_take_nothing_from_another_reports_passage(annotator):
    lead = Passage("a:0001", "a", 1, [], LEAD + " Köerna har kortats.", 0, 10)
    row = Passage("b:0001", "b", 1, [], "Gotland | 100 %", 0, 15)
    labelled = annotator.annotate([lead, row])
    assert [g.id for g in labelled[0].goals] == ["tillganglighet"]
    assert rows(labelled) == []


SVF_TITLE = ["182 miljoner betalas ut till regionerna för arbete med standardiserade vårdförlopp i cancervården"]
SVF_LEAD = ("Regionernas arbete med standardiserade vårdförlopp är en viktig del i arbetet för att korta väntetiderna i "
            "cancervården.")


@pytest.mark.parametrize("lead_line, rows_text, expected", [
    # pressmeddelanden/2023/12/182-miljoner-betalas-ut…: the lines of amounts one paragraph after an unlabelled lead
    ("Samtliga regioner har uppfyllt villkoren och utbetalning till regionerna kommer att göras enligt följande:",
     "Stockholm: 42 426 203 kronor Uppsala: 6 983 461 kronor Västra Götalandsregionen: 30 553 294 kronor",
     {"01": [0, 98], "03": [0, 98], "14": [0, 98]}),
    # the same list as lines joined to its lead line: each region's credit ties its own line
    (None, "Utbetalning till regionerna kommer att göras enligt följande:\nStockholm: 42 426 203 kronor\n"
           "Jönköpings län: 6 385 854 kronor", {"01": [62, 90], "06": [91, 123]}),
])
def test_a_list_of_amounts_takes_the_labelled_paragraph_before_it(annotator, lead_line, rows_text, expected):
    texts = [SVF_LEAD] + ([lead_line] if lead_line else []) + [rows_text]
    labelled = annotator.annotate(passages(texts, SVF_TITLE))
    assert {(r[1], r[2]) for r in rows(labelled)} == {(code, "tillganglighet") for code in expected}
    assert {c.region: c.spans[0] for c in labelled[-1].credits} == expected


def test_a_row_names_the_lead_it_takes_its_labels_from_with_the_leads_words(annotator):
    """A bare row ("Gotland | 100 %") can be checked only beside its lead: the evidence quotes it."""
    labelled = annotator.annotate(passages([LEAD + " Köerna har kortats.", "Gotland | 100 %"], SECTION))
    assert [(c.region, c.label, c.how) for c in labelled[1].credits] == [("09", "tillganglighet", "the lead of the table or list")]
    assert labelled[1].goals[0].evidence[0] == (
        "from the lead of the rows (passage t:0001: 'Av de 507 miljoner kronor som regionerna kunde kvalificera sig för den "
        "andra delen av satsningen, som omfattar perioden juni-oktober 2025, uppnåddes 243 miljoner kronor (48%) nationellt. "
        "I tabellen …')")
