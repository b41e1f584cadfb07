"""Real published PDFs: one regression test per kind of damage issue 18 found.

The files are pages cut from ../shared/realpdfs/ with pypdf, each page's
content unchanged (tests/data/realpdf/cut.py says which pages of which file).
"""
from __future__ import annotations

import functools
import os
from io import BytesIO
from pathlib import Path

import pytest
import regex
from pypdf import PdfReader, PdfWriter

from reformtrace.extract import extract
from reformtrace.extract.ocr import tesseract_available

REAL = Path(__file__).parent / "data" / "realpdf"
DIRECTIVE = "dir_2016_15_p6-7_13.pdf"  # Regeringen, kommittédirektiv 2016:15, pages 6, 7 and 13
HALLAND = "terapirekommendationer_p39-41.pdf"  # Region Halland, two columns, PrinceXML accents
RIKSBANK = "riksbank_p13_p44-45_p68.pdf"  # side column of charts, footnotes, a table
PROPOSITION = "prop_2013-14_104_p15-17_encrypted.pdf"  # alternating headers, empty user password
NCDSIM = "ncdsim_p11.pdf"  # Folkhälsomyndigheten, a table of risk factors
SCANNED = "prop_1991-92_43_scanned_p1.pdf"  # no text layer, a margin note beside the text
SIMRISHAMN = "simrishamn_p12.pdf"  # Simrishamns kommun, a photo caption set tight
PROPOSITION_45 = "prop_2013-14_104_p45.pdf"  # justified text, a tightly kerned "om"
RIKSBANK_ICKE = "riksbank_p46_p71.pdf"  # "icke-finansiella" inside a line, then at a line end
PROPOSITION_1 = "prop_2013-14_104_p1.pdf"  # the bill's number in the margin beside its title
HALLAND_18 = "terapirekommendationer_p18.pdf"  # two columns of two lines under a heading that spans them
PROPOSITION_54 = "prop_2013-14_104_p54.pdf"  # an indented first line, a word hyphenated at its end
RIKSBANK_7_59 = "riksbank_p7_p59.pdf"  # "lång-" + "samt.", "feno-" + "men,"
RIKSBANK_61 = "riksbank_p61.pdf"  # a diagram whose labels are drawn twice
PROPOSITION_60 = "prop_2013-14_104_p60.pdf"  # two-line paragraphs with an indented first line


@functools.cache
def document(name: str):
    return extract(REAL / name)


def texts(name: str, page: int, kind: str | None = None) -> list[str]:
    return [b.text for b in document(name).pages[page - 1].blocks if kind is None or b.kind == kind]


def test_justified_words_stay_whole():
    """'E n lag', 'art ikel', 'natione ll', 'nödvän digt': words cut at PDFium's text runs."""
    text = document(DIRECTIVE).text()
    assert "administrativa börda inte ökar mer än nödvändigt. En lag som kompletteras av bestämmelser" in text
    assert "i den mån utrymme finns på nationell nivå – hitta lämpliga avvägningar" in text
    assert "de rättsliga grunder som kommer till uttryck i artikel 6.1 c och e i dataskyddsförordningen" in text
    assert not {"E", "n", "art", "ikel", "natione", "ll", "nödvän", "digt"} & set(regex.findall(r"\w+", text))
    # Letter-spaced capitals (the Riksbank's headers) are one word too.
    assert document(RIKSBANK).pages[3].blocks[0].text == "66 APPENDIX"


def test_tightly_kerned_letters_stay_one_word():
    """'o m', 'Sjös tröm': letters 0.06-0.07 of the glyph height apart, with no space character between."""
    assert texts(SIMRISHAMN, 1)[0].endswith("under 2026. Fotograf: Viktor Sjöström")
    assert ("I prop. 2012/13:148 s. 126 anförde regeringen att det är oklart om införandet av ett särskilt "
            "tillstånd för högkvalificerad anställning") in document(PROPOSITION_45).text()


def test_a_compound_the_document_writes_with_a_hyphen_keeps_it_at_a_line_end():
    """'ickefinansiella': 'icke-' ended a line, and the hyphen was taken for the typesetter's."""
    assert texts(RIKSBANK_ICKE, 2)[-3].startswith(
        "TLTRO: Targeted longer-term refinancing operations. ECB erbjuder lån till banker villkorat på "
        "utlåning till icke-finansiella företag och hushåll")
    assert "ickefinansiella" not in document(RIKSBANK_ICKE).text()


def test_a_web_address_keeps_its_own_hyphen_at_a_line_end():
    """'kostradoch-matvanor': the address's path goes on in hyphenated words, so the hyphen is its own."""
    assert ("www.livsmedelsverket.se/matvanor-halsa–miljo/kostrad-och-matvanor/barn-och-ungdomar/"
            in " ".join(texts(HALLAND, 1)).split())


def test_the_parts_of_a_line_come_in_order():
    """'lämna som är sådana författnings förslag behövliga och lämpliga'."""
    assert texts(DIRECTIVE, 3, "list_item") == [
        "analysera om det behövs kompletterande bestämmelser om sådana integritetsskyddsorganisationer "
        "som regleras i förordningen,",
        "analysera om det behövs kompletterande bestämmelser om vilandeförklaring eller skadestånd, och",
        "lämna sådana författningsförslag som är behövliga och lämpliga.",
    ]


def test_a_paragraph_and_the_heading_on_the_next_page_stay_apart():
    """'registerförfattningarna.B ehovet': the last paragraph of a page ran into the next page's heading."""
    assert texts(DIRECTIVE, 1)[-1].endswith("som bl.a. finns i de särskilda registerförfattningarna.")
    first = document(DIRECTIVE).pages[1].blocks[0]
    assert (first.kind, first.text) == (
        "heading", "Behovet av särskilt författningsstöd för behandling av personuppgifter i den offentliga sektorn")


def test_accents_drawn_as_their_own_glyphs_join_their_letters():
    """'Hä lso', '̈ ̊ ̈': PrinceXML draws å, ä and ö as a letter and a combining accent."""
    text = document(HALLAND).text()
    assert not regex.search(r"\p{M}", text)
    assert "Hälso- och sjukvården bör:" in texts(HALLAND, 2, "heading")
    assert "som upplevs måttligt ansträngande (enligt Borgskalan/RPE 11-13, se FYSS)" in text
    assert "5. Äldre eller individer med kroniska sjukdomstillstånd" in text


def test_two_columns_are_read_column_by_column():
    """The two columns of the Region Halland book came out interleaved line by line."""
    blocks = texts(HALLAND, 2)
    starts = [
        "1. Daglig aktivitet som cykling", "2. Minst två, helst tre gånger", "3. Det optimala är en kombination",
        "4. Personer över 65 år", "5. Äldre eller individer", "6. Gravida rekommenderas",
        "7. Långvarigt stillasittande", "8. Daglig aktivitet är viktigast",
    ]
    assert [b[: len(s)] for b, s in zip(blocks, starts)] == starts
    # The paragraph at the foot of the left column goes on at the top of the right one.
    assert ("Nedanstående kostrekommendationer, utgår från o ciella nordiska och svenska "
            "närings-rekommendationer (NNR-2012). Se länk:") in blocks[12]
    assert blocks[13] == "Definition av ohälsosamma matvanor utifrån kostindex"
    assert blocks[-1].startswith("Fördelning av kolhydrat, fett och protein (energiprocentför- delning)")
    assert blocks[-1].endswith("i de nordiska befolkningarna identifierats (se tabell 1.1).")


def test_two_columns_under_a_spanning_heading_are_not_read_across():
    """'förenliga med rik- ation som de från ... Enligt de tlinjer från': the columns' first row was
    read as one line, the heading above crossing their gutter; the row below shows the gutter."""
    text = document(HALLAND_18).text()
    assert "Nedanstående rekommendationer är förenliga med riktlinjer från såväl WHO/FAO, American Heart Associ" in text
    assert "rik- ation" not in text and "Enligt de tlinjer" not in text
    # The paragraph goes on at the top of the right column, level with the left one's first line.
    assert texts(HALLAND_18, 1)[-2] == (
        "Nedanstående rekommendationer är förenliga med riktlinjer från såväl WHO/FAO, American Heart "
        "Association som de från Svenska Läkarsällskapet. Enligt de nationella riktlinjerna förordas "
        "måttlig fysisk aktivitet i")


def test_a_word_hyphenated_at_a_line_end_keeps_its_paragraph_whole():
    """'om etablerings-' / 'insatser för': the second line stood left of the indented first, an outdent."""
    assert ("Härigenom föreskrivs att 7 och 8 §§ lagen (2010:197) om etableringsinsatser för vissa nyanlända "
            "invandrare ska ha följande lydelse.") in texts(PROPOSITION_54, 1)


def test_a_hyphenated_word_whose_end_is_a_conjunction_is_joined():
    """'lång- samt.', 'feno- men,': taken for suspended compounds ('hälso- och sjukvård'); a
    conjunction with punctuation straight after it ends a word, it joins no compound."""
    text = document(RIKSBANK_7_59).text()
    assert "även om den går långsamt. Sedan i december" in text
    assert "antas vara ett tillfälligt fenomen, som delvis hänger samman" in text


def test_text_drawn_twice_is_read_once():
    """'Billigare Billigare IKT- IKT-produkter produkter': every glyph of a diagram's labels drawn twice."""
    blocks = texts(RIKSBANK_61, 1)
    assert "Billigare IKT-produkter för konsumenter" in blocks
    assert "Digital teknisk utveckling" in blocks
    assert not any("Billigare Billigare" in b or "Lägre Lägre" in b for b in blocks)


def test_a_two_line_paragraph_with_an_indented_first_line_is_one_paragraph():
    """'... för den som har avslutat' / 'utbildning i svenska ...': of two lines the indented first
    set the margin, and the second, at the real margin, was an outdent."""
    assert texts(PROPOSITION_60, 1)[-1] == (
        "Den upphävda lagen gäller dock fortfarande för den som har avslutat utbildning i svenska för "
        "invandrare senast den 30 juni 2014.")


def test_a_list_item_is_no_heading():
    """'6. Gravida rekommenderas att vara regelbundet' headed 492 of 511 passages of the book."""
    page = document(HALLAND).pages[1]
    assert [b.text for b in page.blocks if b.kind == "heading"] == [
        "Hälso- och sjukvården bör:", "Hälso- och sjukvården kan:", "Definition av ohälsosamma matvanor utifrån kostindex",
    ]
    item = next(b for b in page.blocks if b.text.startswith("6. Gravida"))
    assert item.kind == "paragraph" and item.section == ["Rekommendationer om fysisk aktivitet"]
    # Headings nest by their font: a chapter's section, a subsection, a bold lead-in.
    last = document(HALLAND).pages[2].blocks[-1]
    assert (last.text, last.section) == (
        "Se vidare kapitel 3, Rökavvänjning.", ["Tobak", "Tobaksfritt i samband med operation", "Hälso- och sjukvården kan"])


def test_running_lines_are_taken_off():
    """A chapter footer, a chapter tab and page numbers (Halland); a header that
    alternates between the left and right side of the page (the proposition)."""
    for number in (1, 2):
        assert not any("Kapitel 5" in t or t in ("5", "39", "40") for t in texts(HALLAND, number))
    for number in (1, 2, 3):
        page = texts(PROPOSITION, number)
        assert not any("Prop. 2013/14:104" in t or t in ("15", "16", "17") for t in page)
    assert texts(PROPOSITION, 1)[0] == "3 Ärendet och dess beredning"


def test_printed_page_numbers_from_the_running_lines():
    assert [p.label for p in document(PROPOSITION).pages] == ["15", "16", "17"]
    assert [p.label for p in document(HALLAND).pages] == ["39", "40", "41"]
    assert [p.number for p in document(HALLAND).pages] == [1, 2, 3]


def test_printed_page_numbers_from_the_pdfs_page_labels(tmp_path):
    writer = PdfWriter(clone_from=PdfReader(REAL / NCDSIM))
    writer.set_page_label(0, 0, style="/r", start=4)
    path = tmp_path / "labelled.pdf"
    writer.write(path)
    assert [p.label for p in extract(path).pages] == ["iv"]


def test_an_encrypted_pdf_with_an_empty_password_opens():
    assert PdfReader(REAL / PROPOSITION).is_encrypted
    assert texts(PROPOSITION, 1)[2].startswith("Regeringen beslutade den 13 oktober 2011 att ge en särskild utredare")


def test_the_side_column_comes_after_the_main_text_without_the_charts_text():
    """Riksbank: charts and their captions beside the main column, read after it;
    axis ticks and legends left out, titles, notes and sources kept."""
    blocks = texts(RIKSBANK, 1)
    assert blocks[0].startswith("och sedan stiga långsamt under prognosperioden")
    assert blocks[6].startswith("Dollarn bedöms vara fortsatt stark de närmaste kvartalen")
    assert blocks[7:] == [
        "Diagram 1:12. BNP i Ryssland Årlig procentuell förändring",
        "Källor: State Committee of the Russian Federation on Statistics och Riksbanken",
        "Diagram 1:13. Konkurrensvägd nominell växelkurs, KIX",
        "Index, 1992-11-18 = 100",
        "Anm. Utfall är dagsdata och prognoser avser kvartalsmedelvärden. KIX är en sammanvägning av "
        "länder som är viktiga för Sveriges transaktioner med omvärlden.",
        "Källa: Riksbanken",
    ]


def test_footnotes_follow_the_body_one_per_note():
    page = document(RIKSBANK).pages[2]
    notes = [b.text for b in page.blocks if b.kind == "footnote"]
    assert [n.split()[0] for n in notes] == ["20", "21", "22"]
    assert page.blocks[-1].kind == "footnote" and notes[2].endswith("och ECB i sitt TLTRO-program.")
    assert "Utlåning till företag via banker" in [b.text for b in page.blocks if b.kind == "heading"]


def test_tables_are_read_row_by_row():
    rows = texts(RIKSBANK, 4, "table_row")
    assert rows[:5] == [
        "Mötesdatum | Beslut (procentenheter) | Reporänta (procent) | Penningpolitisk rapport",
        "2010",
        "10 februari | 0 | 0,25 | Februari 2010",
        "19 april | 0 | 0,25 | Penningpolitisk uppföljning",
        "30 juni | +0,25 | 0,50 | Juli 2010",
    ]
    assert rows[-1] == "15 december | 0 | 0,00 | Penningpolitisk uppföljning" and len(rows) == 36
    rows = texts(NCDSIM, 1, "table_row")
    assert rows[:3] == [
        "Riskfaktor | Män | Kvinnor | Källa | Gräns",
        "Frukt, låg konsumtion | 0.83 | 0.71 | Riksmaten vuxna | < 200 g/dag",
        "Fullkorn, låg konsumtion | 0.89 | 0.94 | Riksmaten vuxna | < 100 g/dag",
    ]
    assert "Kött (rött och processat), hög konsumtion | 0.81 | 0.66 | Riksmaten vuxna | > 50 g/dag" in rows


def test_a_scanned_page_is_read_column_by_column():
    """The scan's margin note stands beside the text; the text is read first, in its order."""
    if not tesseract_available():
        if os.environ.get("CI") == "true":
            pytest.fail("CI must have Tesseract: apt-get install tesseract-ocr tesseract-ocr-swe")
        pytest.skip("needs Tesseract with Swedish: apt-get install tesseract-ocr tesseract-ocr-swe")
    page = document(SCANNED).pages[0]
    assert page.ocr
    text = "\n".join(b.text for b in page.blocks)
    phrases = [
        "Regeringens proposition",
        "Regeringen föreslår riksdagen att anta de förslag",
        "På regeringens vägnar",
        "Propositionens huvudsakliga innehåll",
        "De i propositionen lämnade förslagen berör främst de administrativa",
        "Skatte- och avgiftstillägg föreslås utgå efter en lägre procentsats",
        "Förseningsavgift skall kunna påföras när den skattskyldige",
        "Detsamma föreslås gälla för avgiftstillägg, tulltillägg och förseningsavgift.",
    ]
    positions = [text.find(p) for p in phrases]
    assert -1 not in positions and positions == sorted(positions)
    assert "Prop." not in text[: positions[-1]]  # the margin note, if read, comes after the text


def test_a_scans_margin_label_specks_and_split_line_are_cleaned():
    """Tesseract read the title's last line as two lines ('k illä reliminär', 'skattetillägg, p'),
    rules and specks as '|', and the bill number in the margin ('Prop.') as text."""
    if not tesseract_available():
        pytest.skip("needs Tesseract with Swedish: apt-get install tesseract-ocr tesseract-ocr-swe")
    blocks = texts(SCANNED, 1)
    assert blocks[:2] == [
        "Regeringens proposition 1991/92:43",
        "om vissa ändringar i bestämmelserna om skattetillägg, preliminär B-skatt m. m.",
    ]
    assert blocks[-1].endswith("Detsamma föreslås gälla för avgiftstillägg, tulltillägg och förseningsavgift.")
    assert not any("|" in b or b.startswith("Prop.") for b in blocks)



def test_a_bill_number_in_the_margin_is_a_running_line():
    """'Prop. 2013/14:104' beside the title, on one page only: no recurrence finds it, its form does."""
    blocks = texts(PROPOSITION_1, 1)
    assert blocks[0] == "Regeringens proposition 2013/14:104"
    assert "Prop. 2013/14:104" not in blocks
    assert blocks[blocks.index("Propositionens huvudsakliga innehåll") + 1].startswith("Regeringen föreslår att")


def _broken_encoding_pdf(path: Path) -> None:
    """A page whose font draws the right glyphs but maps them to letters three
    further on ('Rpvwçooqlqjhq' for 'Omställningen'): the font's ToUnicode map
    shifted, as a broken font encoding leaves it."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.add_font("DejaVu", fname=str(Path(__file__).parent.parent / "pipeline/data/report/fonts/DejaVuSans.ttf"))
    pdf.set_font("DejaVu", size=12)
    pdf.multi_cell(170, 7, (
        "Omställningen till en god och nära vård är en reform av hälso- och sjukvården där primärvården ska "
        "vara navet. Regionerna och kommunerna har under året arbetat med mobila team och samordnade "
        "individuella planer. Socialstyrelsen följer upp arbetet varje år och redovisar resultaten till regeringen."
    ))
    writer = PdfWriter(clone_from=PdfReader(BytesIO(pdf.output())))
    for font in writer.pages[0]["/Resources"]["/Font"].values():
        cmap = font.get_object()["/ToUnicode"].get_object()

        def shift(m: regex.Match) -> str:
            code = int(m[2], 16)
            return f"{m[1]}<{code + 3 if chr(code).isalpha() else code:04X}>"

        cmap.set_data(regex.sub(r"(<[0-9A-F]{4}> )<([0-9A-F]{4})>", shift, cmap.get_data().decode("latin-1")).encode("latin-1"))
    writer.write(path)


def test_a_broken_font_encoding_is_read_from_the_page_image(tmp_path, monkeypatch):
    path = tmp_path / "trasig_kodning.pdf"
    _broken_encoding_pdf(path)
    monkeypatch.setattr("reformtrace.extract.pdf.tesseract_available", lambda: False)
    doc = extract(path)  # without Tesseract: the unreadable text layer is kept, with a warning
    assert doc.warnings[0] == "page 1: the text layer is unreadable (a broken font encoding)"
    assert doc.blocks[0].text.startswith("Rpvwçooqlqjhq wloo hq jrg")
    monkeypatch.undo()
    if not tesseract_available():
        if os.environ.get("CI") == "true":
            pytest.fail("CI must have Tesseract: apt-get install tesseract-ocr tesseract-ocr-swe")
        pytest.skip("needs Tesseract with Swedish: apt-get install tesseract-ocr tesseract-ocr-swe")
    doc = extract(path)
    assert doc.pages[0].ocr
    assert doc.text().startswith("Omställningen till en god och nära vård är en reform av hälso- och sjukvården")
    assert "Socialstyrelsen följer upp arbetet varje år" in doc.text()
