"""Segmentation: paragraphs become passages with report, page, section and span."""
from __future__ import annotations

from reformtrace.extract import extract_text
from reformtrace.model import Block, Document, Page
from reformtrace.segment import segment

REPORT = """ 3. Samverkan

Regionerna beskriver flera insatser för att förbättra samverkan med kommunerna
under året. Region Jönköpings län har infört mobila team i samtliga kommuner.

Exempel på insatser som redovisas:

\t4 Mobila team för multisjuka äldre i hemmet.
\t4 Samordnad individuell plan (SIP) vid utskrivning från slutenvården.

 Referenser

Socialstyrelsen (2022). Uppföljning av omställningen till en mer nära vård. Stockholm.
"""


def test_passages_keep_report_page_section_and_span():
    doc = extract_text(REPORT, "rapport_2024", "rapport_2024.txt")
    passages = segment(doc)
    assert [p.id for p in passages] == ["rapport_2024:0001", "rapport_2024:0002"]
    first, second = passages
    assert first.text == (
        "Regionerna beskriver flera insatser för att förbättra samverkan med kommunerna "
        "under året. Region Jönköpings län har infört mobila team i samtliga kommuner."
    )
    assert (first.page, first.section) == (1, ["3. Samverkan"])
    assert doc.text()[first.start : first.end] == first.text
    # The list stays with the paragraph that introduces it.
    assert second.text == (
        "Exempel på insatser som redovisas:\n"
        "Mobila team för multisjuka äldre i hemmet.\n"
        "Samordnad individuell plan (SIP) vid utskrivning från slutenvården."
    )
    assert doc.text()[second.start : second.end].startswith("Exempel på insatser")
    assert doc.text()[second.start : second.end].endswith("från slutenvården.")


def test_reference_lists_headings_and_footnotes_give_no_passages():
    doc = extract_text(REPORT, "r", "r.txt")
    texts = " ".join(p.text for p in segment(doc))
    assert "Referenser" not in texts and "Socialstyrelsen (2022)" not in texts
    doc = Document("r", "r.txt", [Page(1, [
        Block("heading", "Fast läkarkontakt", 1, ["Fast läkarkontakt"]),
        Block("footnote", "12 Se Socialstyrelsen 2021, s. 14 om fast läkarkontakt.", 1, ["Fast läkarkontakt"]),
        Block("paragraph", "Källa: SKR", 1, ["Fast läkarkontakt"]),
    ])])
    assert segment(doc) == []


def test_table_rows_are_passages_of_their_own():
    doc = Document("r", "r.txt", [Page(4, [
        Block("heading", "Bilaga 1: Primärvårdens andel av kostnaderna", 4, ["Bilaga 1: Primärvårdens andel av kostnaderna"]),
        Block("table_row", "Blekinge 17,4% 0,7 17,2% 0,2", 4, ["Bilaga 1: Primärvårdens andel av kostnaderna"]),
        Block("table_row", "Dalarna 22,1% 2,8 18,8% 0,3", 4, ["Bilaga 1: Primärvårdens andel av kostnaderna"]),
    ])])
    passages = segment(doc)
    assert [(p.page, p.section[0][:8], p.text) for p in passages] == [
        (4, "Bilaga 1", "Blekinge 17,4% 0,7 17,2% 0,2"),
        (4, "Bilaga 1", "Dalarna 22,1% 2,8 18,8% 0,3"),
    ]


def test_clean_passage_text_repairs_a_short_damaged_passage_and_leaves_clean_ones():
    from reformtrace.segment import clean_passage_text

    damaged = "Jonkoping foljer bland annat upp genom att lata beréttelser fran patienter, bruk-\nare och personal levandegora resultat."
    assert clean_passage_text(damaged) == (
        "Jönköping följer bland annat upp genom att låta berättelser från patienter, "
        "brukare och personal levandegöra resultat."
    )
    clean = "Region Halland har anställt en hälsosamordnare för att motivera\npatienter till fysisk aktivitet."
    assert clean_passage_text(clean) == (
        "Region Halland har anställt en hälsosamordnare för att motivera patienter till fysisk aktivitet."
    )


def test_clean_passage_folds_spaces_only_where_they_run_and_still_repairs_a_damaged_text():
    from reformtrace.segment import clean_passage

    clean = "Region Halland har anställt en hälsosamordnare."
    assert clean_passage(clean) == (clean, clean, [])  # single spaces, no damage: nothing to fold or repair
    assert clean_passage("Region  Halland\thar anställt  en hälsosamordnare. ") == (clean, clean, [])
    damaged = "Jonkoping  foljer\tbland annat upp genom att lata beréttelser fran patienter levandegora resultat."
    repaired, unrepaired, changes = clean_passage(damaged)
    assert unrepaired == "Jonkoping foljer bland annat upp genom att lata beréttelser fran patienter levandegora resultat."
    assert repaired == "Jönköping följer bland annat upp genom att låta berättelser från patienter levandegöra resultat."
    assert [(c.start, c.end, c.original, c.replacement) for c in changes] == [
        (0, 9, "Jonkoping", "Jönköping"), (10, 16, "foljer", "följer"), (43, 47, "lata", "låta"),
        (48, 59, "beréttelser", "berättelser"), (60, 64, "fran", "från"), (75, 86, "levandegora", "levandegöra"),
    ]
