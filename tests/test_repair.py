"""The OCR repair stage on real Swedish text damaged the way report 000 is."""
import argparse
import csv
from pathlib import Path

import pytest
import regex

from reformtrace.commands import repair as repair_command
from reformtrace.model import Block, Document, Page
from reformtrace.repair import damage_signals, is_damaged, repair_document, repair_pages, repair_text
from reformtrace.repair.channel import align, load_channel, observed_form
from reformtrace.repair.evaluate import Scores, edit_distance
from reformtrace.repair.simulate import damage

DAMAGED = (
    "Socialstyrelsen har varje ar sedan 2019 f6ljt upp omstéllningen mot en god\n"
    "och niira vard. Arets uppfoljning ska ge en bild av hur langt regionerna och\n"
    "kommunerna hittills har kommit i arbetet. Den bygger bland annat pa redo-\n"
    "visningar dér regioner och kommuner beskrivit vilka insatser som genom-\n"
    "forts, men ocksé pd en fordjupad analys 1 sex lédn. I manga 14n har regioner\n"
    "och kommuner &ven fattat beslut om handlingsplaner for kompetensforsorjning.\n"
)
REPAIRED = (
    "Socialstyrelsen har varje år sedan 2019 följt upp omställningen mot en god\n"
    "och nära vård. Årets uppföljning ska ge en bild av hur långt regionerna och\n"
    "kommunerna hittills har kommit i arbetet. Den bygger bland annat på redo-\n"
    "visningar där regioner och kommuner beskrivit vilka insatser som genom-\n"
    "förts, men också på en fördjupad analys i sex län. I många län har regioner\n"
    "och kommuner även fattat beslut om handlingsplaner för kompetensförsörjning.\n"
)
CLEAN = (
    "Socialstyrelsen har för tredje året följt upp omställningen till en mer nära\n"
    "vård i regionerna och kommunerna. Uppföljningen utgår från överenskommelsen\n"
    "mellan staten och Sveriges Kommuner och Regioner om god och nära vård 2021\n"
    "och bygger främst på skriftliga redovisningar från regioner och kommuner.\n"
)


def test_repairs_a_damaged_paragraph_exactly():
    out, changes = repair_text(DAMAGED)
    assert out == REPAIRED
    assert len(changes) == 21


def test_changes_point_into_the_input_and_rebuild_the_output():
    out, changes = repair_text(DAMAGED)
    rebuilt, pos = [], 0
    for c in changes:
        assert DAMAGED[c.start : c.end] == c.original
        assert 0.0 < c.score <= 1.0
        rebuilt += [DAMAGED[pos : c.start], c.replacement]
        pos = c.end
    assert "".join(rebuilt) + DAMAGED[pos:] == out


def test_only_letters_change():
    out, _ = repair_text(DAMAGED)
    skeleton = regex.compile(r"[\p{L}\p{N}&]+")
    assert skeleton.sub("#", out) == skeleton.sub("#", DAMAGED)


def test_hyphen_split_is_read_joined_and_written_back_split():
    out, changes = repair_text("Myndigheten ska rapportera hur om-\nstéllningen utvecklas.")
    assert out == "Myndigheten ska rapportera hur om-\nställningen utvecklas."
    assert [(c.original, c.replacement) for c in changes] == [("om-\nstéllningen", "om-\nställningen")]


@pytest.mark.parametrize(
    "damaged, repaired",
    [
        ("Ostergotland och Vistmanland", "Östergötland och Västmanland"),
        ("OMSTALLNINGEN TILL EN MER NARA VARD", "OMSTÄLLNINGEN TILL EN MER NÄRA VÅRD"),
        ("hélso- och sjukvarden", "hälso- och sjukvården"),
        ("omstallningsarbetet i Jonkopings lan", "omställningsarbetet i Jönköpings län"),
    ],
)
def test_case_pattern_and_compounds(damaged, repaired):
    assert repair_text(damaged)[0] == repaired


@pytest.mark.parametrize(
    "damaged, repaired",
    [
        ("Det ar viktigt att arbetet gar framat.", "Det är viktigt att arbetet går framåt."),
        ("Vi har gjort det varje ar sedan 2019.", "Vi har gjort det varje år sedan 2019."),
        ("Stodet 1 regionerna okade med 6 procent.", "Stödet i regionerna ökade med 6 procent."),
        ("Sex regioner redovisar cirka 1 procent och 6 regioner 0.1 procent.", "Sex regioner redovisar cirka 1 procent och 6 regioner 0.1 procent."),
    ],
)
def test_context_decides_and_numbers_stay_numbers(damaged, repaired):
    assert repair_text(damaged)[0] == repaired


def test_web_addresses_keep_their_ascii_spelling():
    text = "Se https://www.regionvastmanland.se/nara-\nvard/program.pdf for mer."
    assert repair_text(text)[0] == "Se https://www.regionvastmanland.se/nara-\nvard/program.pdf för mer."


def test_detection_signals():
    damaged, clean = damage_signals(DAMAGED), damage_signals(CLEAN)
    assert damaged.damaged and damaged.swedish_letters == 0.0 and damaged.evidence > 0.1
    assert not clean.damaged and clean.swedish_letters > 0.04 and clean.stripped == 0.0
    assert not damage_signals("for att").damaged  # one "for" may be the verb
    assert damage_signals("for att ga").damaged  # "ga" is no word
    assert not damage_signals("Kontakt: 08-405 10 00").decided
    assert is_damaged(DAMAGED) and not is_damaged(CLEAN)


def test_an_acronym_is_a_code_in_a_text_in_lower_case_and_a_word_in_a_heading_in_capitals():
    # SIP and PAL in running text are no Swedish words and no broken ones: 12 of the 14 words count
    assert damage_signals("Regionen har infort SIP och PAL for patienter som ska ga hem fran sjukhuset.").as_dict() == {
        "words": 14, "swedish_letters": 0.0, "unknown": 0.0, "stripped": 0.2143, "twins": 0.0714, "misread": 0.0,
        "intact": 0.0, "swedish": 0.8571, "english": 0.0, "damaged": True}
    # a heading in capitals: every word is written as an acronym, and each is read as a word ("NARA", "VARD")
    assert damage_signals("OMSTALLNINGEN TILL EN GOD OCH NARA VARD").as_dict() == {
        "words": 7, "swedish_letters": 0.0, "unknown": 0.0, "stripped": 0.2857, "twins": 0.1429, "misread": 0.0,
        "intact": 0.0, "swedish": 1.0, "english": 0.0, "damaged": True}
    # a code ("H2O") is one in any text
    assert damage_signals("Uppföljning av SIP, PAL och H2O i Region Skåne").as_dict() == {
        "words": 9, "swedish_letters": 0.0541, "unknown": 0.0, "stripped": 0.0, "twins": 0.0, "misread": 0.0,
        "intact": 0.2222, "swedish": 0.6667, "english": 0.0, "damaged": False}


def test_the_damage_check_reads_a_word_s_kind_alike_from_its_memo_and_worked_out_and_empties_a_full_memo(monkeypatch):
    from reformtrace.repair import detect

    text = "Regionen har infort SIP och PAL for patienter som ska ga hem fran sjukhuset."
    expected = {"words": 14, "swedish_letters": 0.0, "unknown": 0.0, "stripped": 0.2143, "twins": 0.0714, "misread": 0.0,
                "intact": 0.0, "swedish": 0.8571, "english": 0.0, "damaged": True}
    monkeypatch.setattr(detect, "_KINDS", {})
    monkeypatch.setattr(detect, "KIND_MEMO", 14)
    assert damage_signals(text).as_dict() == expected  # every word worked out: none in the memo
    assert set(detect._KINDS) == set(detect.WORD.findall(text)) and detect._KINDS["SIP"] == detect.ACRONYM
    assert damage_signals(text).as_dict() == expected  # every word from the memo
    assert not damage_signals("Vården i Region Skåne.").damaged
    assert set(detect._KINDS) == {"Vården", "i", "Region", "Skåne"}  # a full memo (14 words) emptied before 4 new ones
    assert detect._KINDS["Vården"] == detect.INTACT and detect._KINDS["i"] == detect.KNOWN


def test_the_damage_check_reads_words_with_digits_and_symbols_in_them_but_no_numbers():
    from reformtrace.repair.detect import WORD

    assert WORD.findall("Regionen ska f6lja upp 1 Jonkdpings 14n, &r 2021 #12 [x") == [
        "Regionen", "ska", "f6lja", "upp", "Jonkdpings", "14n", "&r", "[x"]


def test_repair_pages_leaves_clean_pages_alone():
    text = CLEAN + "\f" + DAMAGED
    out, changes = repair_pages(text)
    assert out == CLEAN + "\f" + REPAIRED
    assert {page for page, _, _ in changes} == {2}
    for _, start, c in changes:
        assert text[start + c.start : start + c.end] == c.original
    assert repair_pages(CLEAN) == (CLEAN, [])


def test_repair_document_by_page_with_offsets_into_the_text():
    clean_page = Page(1, [Block("heading", "Sammanfattning", 1), Block("paragraph", CLEAN.replace("\n", " "), 1)])
    damaged_page = Page(2, [Block("paragraph", DAMAGED.replace("\n", " "), 2, ["Sammanfattning"])], ocr=True)
    doc = Document("000", "000.txt", [clean_page, damaged_page])
    repaired, records = repair_document(doc)
    assert repaired.pages[0] == clean_page
    assert repaired.pages[1].blocks[0].text.startswith("Socialstyrelsen har varje år sedan 2019 följt upp")
    assert repaired.pages[1].blocks[0].section == ["Sammanfattning"]
    assert len(records) == 21 and {r.page for r in records} == {2}
    text = doc.text()
    assert all(text[r.offset : r.offset + len(r.original)] == r.original for r in records)
    assert doc.pages[1].blocks[0].text == DAMAGED.replace("\n", " ")  # the original is never lost


def test_clean_document_comes_back_unchanged():
    doc = Document("001", "001.txt", [Page(1, [Block("paragraph", CLEAN, 1)])])
    assert repair_document(doc) == (doc, [])


def test_cli_writes_files_and_changes(tmp_path):
    (tmp_path / "a.txt").write_text(DAMAGED, encoding="utf-8")
    (tmp_path / "b.txt").write_text(CLEAN, encoding="utf-8")
    parser = argparse.ArgumentParser()
    repair_command.add_parser(parser.add_subparsers())
    args = parser.parse_args(["repair", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--out-dir", str(tmp_path / "out"), "--changes", str(tmp_path / "c.csv")])
    assert repair_command.main(args) == 0
    assert (tmp_path / "out" / "a.txt").read_text(encoding="utf-8") == REPAIRED
    assert (tmp_path / "out" / "b.txt").read_text(encoding="utf-8") == CLEAN
    rows = list(csv.DictReader(open(tmp_path / "c.csv", encoding="utf-8")))
    assert len(rows) == 21
    assert rows[0] == {"file": str(tmp_path / "a.txt"), "page": "1", "offset": "26", "original": "ar", "replacement": "år", "score": rows[0]["score"]}


def test_cli_names_a_missing_file_as_missing_and_a_latin1_file_as_not_utf8(tmp_path, monkeypatch, capsys):
    from reformtrace.cli import main as cli

    monkeypatch.chdir(tmp_path)
    assert cli(["repair", "rapport_2022.txt"]) == 2
    assert capsys.readouterr().err == "reformtrace: error: rapport_2022.txt: cannot read the file (No such file or directory)\n"
    Path("latin1.txt").write_bytes("Målen med omställningen är bland annat".encode("latin-1"))
    assert cli(["repair", "latin1.txt"]) == 2
    assert capsys.readouterr().err == ("reformtrace: error: latin1.txt: cannot read as UTF-8 text ('utf-8' codec can't "
                                       "decode byte 0xe5 in position 1: invalid continuation byte)\n")


def test_cli_names_each_file_it_cannot_read_and_repairs_the_others(tmp_path, monkeypatch, capsys):
    """One unreadable file among several stopped the batch and left no changes CSV."""
    from reformtrace.cli import main as cli

    monkeypatch.chdir(tmp_path)
    Path("a.txt").write_text(DAMAGED, encoding="utf-8")
    Path("b.txt").write_text(CLEAN, encoding="utf-8")
    Path("rapport.pdf").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj")
    assert cli(["repair", "a.txt", "rapport.pdf", "saknas.txt", "b.txt", "--out-dir", "ut", "--changes", "c.csv"]) == 3
    assert capsys.readouterr().err == (
        "a.txt: 21 change(s)\n"
        "reformtrace: error: rapport.pdf: a PDF, not a text file: repair takes text (`reformtrace extract FILE` gives a PDF's; "
        "`reformtrace run` repairs as it goes)\n"
        "reformtrace: error: saknas.txt: cannot read the file (No such file or directory)\n"
        "b.txt: 0 change(s)\n")
    assert Path("ut/a.txt").read_text(encoding="utf-8") == REPAIRED and Path("ut/b.txt").read_text(encoding="utf-8") == CLEAN
    assert len(list(csv.DictReader(open("c.csv", encoding="utf-8")))) == 21
    assert cli(["repair", "a.txt", "b.txt", "-o", "ut.txt"]) == 2
    assert capsys.readouterr().err == "reformtrace repair: error: -o takes one FILE; use --out-dir for several\n"


def test_channel_alignment_and_observed_form():
    assert align("nära", "niira") == [("n", "n"), ("ä", "ii"), ("r", "r"), ("a", "a")]
    assert align("följa", "f6lja") == [("f", "f"), ("ö", "6"), ("l", "l"), ("j", "j"), ("a", "a")]
    assert observed_form("IGkarkontakt") == "Igkarkontakt"
    ch = load_channel()
    assert ch.emission("ä", "é") > ch.emission("ä", "&") > ch.emission("ä", "#")
    assert ch.emission("q", "q") == 0.0 and ch.emission("a", "q") is None


def test_evaluation_measures():
    assert edit_distance("i sex län".split(), "1 sex län".split()) == 1
    scores = Scores()
    scores.add("f6lja ar 1 nira", "följa är i nira", "följa år i nära")
    assert (scores.tokens, scores.errors_before, scores.errors_after) == (4, 4, 2)
    assert (scores.changed, scores.changed_right, scores.needed, scores.fixed) == (3, 2, 4, 2)
    damaged = damage(CLEAN, seed=7)
    assert damaged == damage(CLEAN, seed=7) != damage(CLEAN, seed=8)
    assert not regex.search("[åäöÅÄÖ]", damaged) and len(damaged.split()) == len(CLEAN.split())


def test_section_paths_of_a_damaged_report_are_repaired_like_its_text():
    from reformtrace.extract import extract
    from reformtrace.repair import repair_document

    doc, _ = repair_document(extract(Path(__file__).parents[1] / "corpus" / "000_socialstyrelsen_uppfoljning_2022.txt"))
    titles = {t for b in doc.blocks for t in b.section}
    assert "Kompetensförsörjningen - en förutsättning för att stärka primärvården" in titles
    assert "Kompetensforsdrjningen - en forutsattning for att stérka primarvérden" not in titles
    assert "Arbete med kompetensförsörjning" in titles


def test_the_chosen_readings_are_the_best_path_of_each_sentence():
    """choose() against every path of a short damaged sentence, scored one by one: the
    Viterbi pass, with its shortcut for a token after a token of one reading, finds the best."""
    from itertools import product

    from reformtrace.repair.context import START
    from reformtrace.repair.text import _options, choose, default_model, tokenize

    text = "Regionen ska f6lja upp arbetet med en mer nira vard 1 Jonkdpings 14n."
    model = default_model()
    tokens = tokenize(text, model)
    for tok in tokens:
        tok.options = _options(tok, text, model)
    after_one = [len(b.options) > 1 and len(a.options) == 1 for a, b in zip(tokens, tokens[1:])]
    after_several = [len(a.options) > 1 and len(b.options) > 1 for a, b in zip(tokens, tokens[1:])]
    assert any(after_one) and any(after_several)  # both ways through the pass are taken
    assert not any(tok.boundary for tok in tokens[1:])  # one sentence

    def score(path):
        words = [START] + [tok.options[k].lm for tok, k in zip(tokens, path)]
        return sum(model.context.logp(words[i], tok.options[k].lm, tok.options[k].prior) + tok.options[k].channel
                   for i, (tok, k) in enumerate(zip(tokens, path)))

    best = max(product(*(range(len(tok.options)) for tok in tokens)), key=score)
    chosen = [k for k, _ in choose(tokens, model.context)]
    assert chosen == list(best)
    assert [tokens[i].options[k].form for i, k in enumerate(chosen)] == [
        "regionen", "ska", "följa", "upp", "arbetet", "med", "en", "mer", "nära", "vård", "i", "jönköpings", "län"]
