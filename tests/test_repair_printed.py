"""Defects a real PDF prints (Region Halland's terapirekommendationer 2017): ligatures its
font draws without letters and hyphenation a reflow left inside lines, mended by the
repair stage with the original kept; the text layer keeps them as printed."""
from __future__ import annotations

from pathlib import Path

from reformtrace.extract import extract, extract_text
from reformtrace.repair import repair_document

HALLAND = Path(__file__).parent / "data" / "realpdf" / "terapirekommendationer_p39-41.pdf"


def test_lost_ligatures_and_hyphens_inside_lines_are_mended_with_their_originals():
    printed = extract(HALLAND)
    assert "tillägg av skri lig or- dination eller" in printed.text()
    mended, repairs = repair_document(printed)
    text = mended.text()
    assert "Erbjuda rådgivande samtal med tillägg av skriftlig ordination eller stegräknare" in text
    assert "utgår från officiella nordiska och svenska" in text
    assert "Erbjuda kvalificerat rådgivande samtal individuellt eller i grupp till vuxna personer" in text
    assert {(r.original, r.replacement) for r in repairs} >= {
        ("skri lig", "skriftlig"), ("o ciella", "officiella"), ("kvali cerat", "kvalificerat"),
        ("or- dination", "ordination"), ("el- ler", "eller"), ("a scher", "affischer"),
    }
    for r in repairs:  # each record points at its original in the text before repair
        assert printed.text()[r.offset:r.offset + len(r.original)] == r.original
    assert "hälso- och sjukvården" in text.lower()  # a suspended compound stays


def test_a_document_mends_a_printed_defect_only_where_it_shows_often():
    once = extract_text("Vi erbjuder rådgivning med skri lig ordination.\n", "r", "r.txt")
    assert repair_document(once)[1] == []
    thrice = extract_text(
        "Vi erbjuder rådgivning med skri lig ordination.\n\n"
        "Råden utgår från o ciella nordiska rekommendationer och ges av kvali cerad personal.\n", "r", "r.txt")
    mended, repairs = repair_document(thrice)
    assert [(r.original, r.replacement) for r in repairs] == [
        ("skri lig", "skriftlig"), ("o ciella", "officiella"), ("kvali cerad", "kvalificerad")]
    assert mended.text() == ("Vi erbjuder rådgivning med skriftlig ordination.\n\n"
                             "Råden utgår från officiella nordiska rekommendationer och ges av kvalificerad personal.")
