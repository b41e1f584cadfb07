"""Text exports of report PDFs in the shapes people make them: page markers,
running lines inline, one line per page, hyphenation left inside lines."""
from pathlib import Path

from reformtrace.extract import extract, extract_text
from reformtrace.extract.pagemarks import split_marked
from reformtrace.extract.runon import break_runon, join_inline_hyphens
from reformtrace.lexicon import is_word
from reformtrace.segment import segment

DATA = Path(__file__).parent / "data"
# Four pages of Socialstyrelsen's "Vård och omsorg om äldre – Lägesrapport 2016" as
# exported by a research group: one line per page, `[[page_pdf=N]]` markers, the
# running header inline at the end of each page with the chapter and page number.
EXPORT = DATA / "export_pages_20-26.txt"


def test_page_markers_give_the_pdf_page_and_the_printed_number():
    doc = extract(EXPORT)
    assert [(p.number, p.label) for p in doc.pages] == [(20, "18"), (22, "20"), (24, "22"), (26, "24")]
    passages = segment(doc)
    assert [(p.page, p.page_label) for p in passages][:3] == [(20, "18"), (20, "18"), (20, "18")]
    assert passages[-1].page == 26 and passages[-1].page_label == "24"


def test_inline_running_header_and_chapter_name_stay_out_of_the_quotes():
    text = "\n".join(p.text for p in segment(extract(EXPORT)))
    assert "LÄGESRAPPORT" not in text and "SOCIALSTYRELSEN" not in text
    # The chapter name stood in the running line of page 22 ("20 Resurser för vård och omsorg").
    assert not text.count("Beds. 20 Resurser")
    assert "Källa: OECD 2015 Data Hospital Beds." in text


def test_one_line_pages_become_passages_of_at_most_about_150_words():
    passages = segment(extract(EXPORT))
    sizes = [len(p.text.split()) for p in passages]
    assert len(passages) == 10
    assert sorted(sizes)[len(sizes) // 2] <= 150
    # Only the table, which has no sentence end, runs longer.
    assert [p.text.split()[:3] for p in passages if len(p.text.split()) > 150] == [["2010", "2011", "2012"]]
    assert passages[0].text.startswith("I det här avsnittet beskriver Socialstyrelsen förändringar i de offentligt finansierade")


def test_a_heading_run_into_the_text_is_a_heading():
    lines = break_runon(["Förord Sedan början av 2000-talet har Socialstyrelsen haft i uppdrag av regeringen att varje år "
                         "lämna lägesrapporter för olika områden inom vård och omsorg. " * 4])
    assert lines[:4] == ["", "Förord", "", "Sedan början av 2000-talet har Socialstyrelsen haft i uppdrag av regeringen att "
                         "varje år lämna lägesrapporter för olika områden inom vård och omsorg."]


def test_hyphenation_inside_a_line_is_joined_and_suspended_compounds_kept():
    line = ("Socialstyrelsen följer kompetensförsörj- ningen inom hälso- och sjukvården, de offentligt finan - sierade "
            "verksamheterna, RSS- strukturernas arbete, vård - omsorg och infl yttningen till särskilt boende.")
    assert join_inline_hyphens(line, is_word) == (
        "Socialstyrelsen följer kompetensförsörjningen inom hälso- och sjukvården, de offentligt finansierade "
        "verksamheterna, RSS-strukturernas arbete, vård - omsorg och inflyttningen till särskilt boende."
    )


def test_words_split_by_a_stray_space_are_joined():
    # Even (tune) pages 12, 36, 40 and 42 of the export: a drop cap or a kerning gap taken for a space.
    lines = {
        "källor: • a ktuella utredningar och rapporter • ö ppna jämförelser • S ocialstyrelsens hälsodataregister":
            "källor: • aktuella utredningar och rapporter • öppna jämförelser • Socialstyrelsens hälsodataregister",
        "2 I d etta område ingår patientfokuserad hälso- och sjukvård.": "2 I detta område ingår patientfokuserad hälso- och sjukvård.",
        "Andra resultat från tillsynen är: • A nsökningar om särskilt boende handläggs ibland inte tillräckligt snabbt.":
            "Andra resultat från tillsynen är: • Ansökningar om särskilt boende handläggs ibland inte tillräckligt snabbt.",
        "Det h ar skett en kraftig utveckling av antalet digitala trygghetslarm.": "Det har skett en kraftig utveckling av antalet digitala trygghetslarm.",
        "• k osttillägg och annat oralt nutritionsstöd • r ådgivning om ätande": "• kosttillägg och annat oralt nutritionsstöd • rådgivning om ätande",
    }
    assert {line: join_inline_hyphens(line, is_word) for line in lines} == lines


def test_a_split_word_after_a_short_word_is_joined_and_ocr_damage_left():
    # The word before a split word is tried as a head first ("i sa" is no word) and must not keep "sa mband" from being
    # tried (a line of the export's shape, written for the test); even page 12 of the export: a compound after one
    # letter. Report 000's OCR damage "ska fa storre" is the repair's ("få större"), not one word "fastorre".
    lines = {
        "Socialstyrelsen har i sa mband med uppdraget besökt ett sä rskilt boende.":
            "Socialstyrelsen har i samband med uppdraget besökt ett särskilt boende.",
        "räkenskaper • s pecialbearbetningar och analyser av intervju- och enkätundersökningar":
            "räkenskaper • specialbearbetningar och analyser av intervju- och enkätundersökningar",
        "samverkan om arbetet med omstéllningen ska fa storre spridning.": "samverkan om arbetet med omstéllningen ska fa storre spridning.",
    }
    assert {line: join_inline_hyphens(line, is_word) for line in lines} == lines


def test_words_and_damage_beside_a_space_are_left_apart():
    # Clean text keeps its words ("i dag", "t ex", a genitive after an abbreviation, English), and report
    # 000's OCR damage is the repair's ("har pa" is "har på", not "harpa").
    for line in ("Regeringen beslutar i dag om 60 miljoner kronor som svar på FN:s nödappell.",
                 "Insatser t ex hemsjukvård och mobila team.", "to continue collaboration on a broad range of issues",
                 "Socialstyrelsen har pa regeringens uppdrag foljt utvecklingen.", "av informa"):
        assert join_inline_hyphens(line, is_word) == line


def test_other_page_marker_forms():
    body = "Regionen har infört mobila team för äldre i hemmet och följer upp arbetet varje år."
    for marker in ("--- Page {n} ---", "=== Sida {n} av 3 ===", "Sida {n} av 3"):
        text = "\n".join(marker.format(n=n) + "\n" + body for n in (1, 2, 3))
        pages = split_marked(text)
        assert [p.number for p in pages] == [1, 2, 3], marker
        assert all(p.lines == [body] for p in pages), marker
    pages = split_marked(f"{body}\f{body}\f{body}")
    assert [(p.number, p.lines) for p in pages] == [(1, [body]), (2, [body]), (3, [body])]


def test_page_number_lines_close_their_pages():
    body = "Vårdcentralen i Kinna erbjuder hälsosamtal till alla som fyller 40 år."
    text = "\n".join(f"{body}\n\n{n}" for n in (7, 8, 9, 10))
    doc = extract_text(text, "r", "r.txt", markdown=False)
    assert [(p.number, p.label) for p in doc.pages] == [(1, "7"), (2, "8"), (3, "9"), (4, "10")]
    assert [b.text for p in doc.pages for b in p.blocks] == [body] * 4


def test_running_header_inline_at_the_start_of_each_page():
    bodies = [
        "Primärvården i regionen har fått fler distriktssköterskor under året och väntetiderna har minskat.",
        "Kommunerna och regionen har tecknat en överenskommelse om hemsjukvård för personer över 18 år.",
        "Mobila team besöker patienter i hemmet på kvällar och helger sedan hösten 2023 i hela länet.",
        "Andelen listade patienter med fast läkarkontakt ökade från 30 till 41 procent mellan 2022 och 2024.",
    ]
    text = "\n".join(f"[[page_pdf={i + 5}]]\nVÅRD OCH OMSORG FÖR ÄLDRE SOCIALSTYRELSEN {i + 3} {b}"
                     for i, b in enumerate(bodies))
    doc = extract_text(text, "r", "r.txt", markdown=False)
    assert [(p.number, p.label) for p in doc.pages] == [(5, "3"), (6, "4"), (7, "5"), (8, "6")]
    assert [b.text for p in doc.pages for b in p.blocks] == bodies


def test_the_printed_page_reaches_the_evidence_rows():
    from reformtrace.annotate import Annotator
    from reformtrace.matrix import evidence_rows, vocabulary, EVIDENCE_COLUMNS
    from reformtrace.model import ReportResult

    doc = extract(EXPORT)
    labelled = Annotator.load().annotate(segment(doc))
    rows = evidence_rows(ReportResult(doc.report_id, {}, len(doc.pages), labelled), vocabulary())
    page, printed = EVIDENCE_COLUMNS.index("page"), EVIDENCE_COLUMNS.index("printed_page")
    assert rows and {(r[page], r[printed]) for r in rows} <= {(20, "18"), (22, "20"), (24, "22"), (26, "24")}


def test_a_paragraph_cut_by_a_page_break_is_one_passage():
    from reformtrace.model import Block, Document, Page

    doc = Document("r", "r.pdf", [
        Page(9, [Block("paragraph", "Enligt riktlinjerna förordas måttlig fysisk aktivitet i", 9)]),
        Page(10, [Block("paragraph", "minst 150 minuter per vecka för alla vuxna.", 10),
                  Block("paragraph", "Region Halland följer upp kompetens-", 10)]),
        Page(11, [Block("paragraph", "försörjningen i primärvården varje år.", 11),
                  Block("paragraph", "och det nya stycket börjar med gemen men står på samma sida.", 11)]),
    ])
    assert [(p.page, p.text) for p in segment(doc)] == [
        (9, "Enligt riktlinjerna förordas måttlig fysisk aktivitet i\nminst 150 minuter per vecka för alla vuxna."),
        (10, "Region Halland följer upp kompetensförsörjningen i primärvården varje år."),
        (11, "och det nya stycket börjar med gemen men står på samma sida."),
    ]
