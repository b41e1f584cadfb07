"""Extraction: generated PDFs, the sample reports' quirks, encodings and bad input."""
from __future__ import annotations

import difflib
from pathlib import Path

import pytest
import regex
from fpdf import FPDF

from reformtrace.cli import main as cli
from reformtrace.errors import InputError
from reformtrace.extract import extract, extract_text
from reformtrace.extract import ocr as ocr_module
from reformtrace.extract.decode import decode
from reformtrace.extract.normalize import normalize
from pdfgen import HEADER, make_report
from system import require

CORPUS = Path(__file__).parent.parent / "corpus"


def corpus_lines(name: str, first: int, last: int) -> str:
    """Lines first..last (1-based, inclusive) of a corpus report, as in the file."""
    path = next(CORPUS.glob(f"{name}*"))
    return "\n".join(path.read_text(encoding="utf-8").split("\n")[first - 1 : last])


def body_words(doc) -> list[str]:
    return regex.findall(r"\S+", " ".join(b.text for b in doc.blocks))


@pytest.mark.parametrize("columns", [1, 2, 3])
def test_generated_report_pdf_comes_out_word_for_word(tmp_path, columns):
    """Three narrow columns share their baselines as a table's rows do, but their
    lines go on in the next: running text, read column by column."""
    path = tmp_path / f"rapport_{columns}.pdf"
    source = make_report(path, pages=4, columns=columns)
    doc = extract(path)
    words = body_words(doc)
    assert words == source
    assert len(doc.pages) == 4
    text = doc.text()
    assert HEADER not in text
    assert not any(regex.fullmatch(r"\d+", b.text) for b in doc.blocks)
    assert "hälso- och sjukvården" in text and "kompetens- och rekryteringsfrågor" in text


def test_pdf_hyphenation_is_joined(tmp_path):
    path = tmp_path / "r.pdf"
    make_report(path, pages=2)
    words = body_words(extract(path))
    split = [w for w in words if w.endswith("-") and w not in ("hälso-", "kompetens-")]
    assert split == []
    assert "tillgängligheten" in words and "informationsöverföringen" in words


def test_pdf_page_numbers_and_sections(tmp_path):
    path = tmp_path / "r.pdf"
    make_report(path, pages=3)
    doc = extract(path)
    assert [p.number for p in doc.pages] == [1, 2, 3]
    assert all(b.page == p.number for p in doc.pages for b in p.blocks)
    assert {b.kind for b in doc.blocks} == {"paragraph"}


def _image_only_pdf(path: Path, tmp_path: Path) -> None:
    """A scanned page: Swedish text rendered to an image, placed in a PDF with no text layer."""
    import pypdfium2 as pdfium

    text_pdf = tmp_path / "text.pdf"
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=16)
    pdf.text(20, 30, "Omställningen till en nära vård")
    pdf.text(20, 42, "Hälso- och sjukvården i Jönköpings län")
    pdf.output(str(text_pdf))
    image = tmp_path / "page.png"
    pdfium.PdfDocument(str(text_pdf))[0].render(scale=300 / 72).to_pil().save(image)
    scan = FPDF()
    scan.add_page()
    scan.image(str(image), x=0, y=0, w=210)
    scan.output(str(path))


def test_image_only_pdf_is_ocred_in_swedish(tmp_path):
    require("tesseract")
    path = tmp_path / "skannad.pdf"
    _image_only_pdf(path, tmp_path)
    doc = extract(path)
    assert doc.pages[0].ocr is True
    text = doc.text()
    assert "Omställningen till en nära vård" in text
    assert "Jönköpings län" in text


def test_image_only_pdf_without_tesseract_names_the_packages(tmp_path, monkeypatch):
    path = tmp_path / "skannad.pdf"
    _image_only_pdf(path, tmp_path)
    monkeypatch.setattr(ocr_module.shutil, "which", lambda name: None)
    with pytest.raises(InputError) as err:
        extract(path)
    assert "skannad.pdf" in str(err.value)
    assert "tesseract-ocr-swe" in err.value.reason


def test_bad_pdfs_raise_one_clear_error(tmp_path):
    good = tmp_path / "good.pdf"
    make_report(good, pages=2)
    cases = {
        "empty.pdf": (b"", "empty"),
        "corrupt.pdf": (b"\x89PNG\r\n" + bytes(range(256)) * 4, "not a PDF"),
        "truncated.pdf": (good.read_bytes()[:1500], "damaged or truncated"),
    }
    for name, (data, reason) in cases.items():
        path = tmp_path / name
        path.write_bytes(data)
        with pytest.raises(InputError) as err:
            extract(path)
        assert err.value.path.endswith(name) and reason in err.value.reason, name


def test_encrypted_pdf(tmp_path):
    path = tmp_path / "locked.pdf"
    pdf = FPDF()
    pdf.set_encryption(owner_password="ägare", user_password="hemligt")
    pdf.add_page()
    pdf.set_font("helvetica", size=11)
    pdf.text(20, 20, "Hemlig rapport om nära vård")
    pdf.output(str(path))
    with pytest.raises(InputError) as err:
        extract(path)
    assert "encrypted" in err.value.reason


def test_cli_reports_bad_input_in_one_line(tmp_path, capsys):
    path = tmp_path / "trasig.txt"
    path.write_bytes(b"\x00\x01\x02binary\x00" * 50)
    assert cli(["extract", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("reformtrace: error: ") and "trasig.txt" in err and "binary" in err
    assert "Traceback" not in err


def test_cli_extract_prints_pages_separated_by_form_feed(tmp_path, capsys):
    path = tmp_path / "r.pdf"
    make_report(path, pages=2)
    assert cli(["extract", str(path)]) == 0
    out = capsys.readouterr().out
    assert out.count("\f") == 1
    assert cli(["extract", "--json", str(path)]) == 0
    assert '"kind": "paragraph"' in capsys.readouterr().out


# --- plain text exported from PDFs: the sample reports' quirks -----------------------


def test_report_000_page_starts_and_hyphenation():
    doc = extract_text(corpus_lines("000", 1, 35), "000", "000.txt")
    assert [p.number for p in doc.pages] == [1, 2]
    assert doc.pages[0].blocks[0].kind == "heading" and doc.pages[0].blocks[0].text == "Forord"
    text = doc.text()
    # OCR-damaged, but the layout is mended: "om-" / "stéllningen" joined, "hdlso- och" kept.
    assert "rapportera hur omstéllningen till en mer néra vard" in text
    assert "En omstdllning av hdlso- och sjukvarden med primdrvdrden som nav." in text


def test_report_001_double_spaced_lines_make_paragraphs():
    doc = extract_text(corpus_lines("001", 1, 31), "001", "001.txt")
    paragraphs = [b.text for b in doc.blocks if b.kind == "paragraph"]
    assert paragraphs[0].startswith("Regeringen beslutade den 4 juli 2019")
    assert paragraphs[0].endswith("God och nära vård 2021 – En omställning av hälso- och sjukvården med primärvården som nav.")
    assert paragraphs[1] == (
        "Rapporten vänder sig till regeringen, huvudmän inom hälso- och sjukvården, företrädare "
        "för professionen och patienter samt andra aktörer som berörs av arbetet med "
        "omställningen till en mer nära vård."
    )


def test_report_004_symbol_font_bullets_become_list_items():
    doc = extract_text(corpus_lines("004", 31, 52), "004", "004.txt")
    items = [b.text for b in doc.blocks if b.kind == "list_item"]
    assert items[0].startswith("Vår samlade bedömning är att inget av omställningens mål uppnås")
    assert items[0].endswith("har påverkat patienternas erfarenheter av vården.")
    assert items[1].startswith("Det pågår mycket arbete med omställningen i regioner och kommuner.")
    assert not any("\t4" in b.text or b.text.startswith("4 ") for b in doc.blocks)


def test_report_004_words_split_without_hyphen_are_joined():
    text = "Vi talar om en primär\nvården som ska vara navet, och om överens\nkommelserna.\n\nPrimärvården och överenskommelserna nämns ofta."
    doc = extract_text(text, "x", "x.txt", markdown=False)
    assert doc.blocks[0].text == "Vi talar om en primärvården som ska vara navet, och om överenskommelserna."
    # Two real words at a line end stay apart.
    doc = extract_text("Det gäller hälso- och sjukvård\noch omsorg i hela landet.", "x", "x.txt", markdown=False)
    assert doc.blocks[0].text == "Det gäller hälso- och sjukvård och omsorg i hela landet."


# --- Markdown ----------------------------------------------------------------------


def test_markdown_report_002():
    doc = extract(next(CORPUS.glob("002*")))
    texts = [b.text for b in doc.blocks]
    assert not any("....." in t for t in texts), "table of contents must be dropped"
    assert "Innehåll" not in [b.text for b in doc.blocks if b.kind == "heading"]
    assert not any("<sup>" in t or "](" in t for t in texts)
    para = next(b for b in doc.blocks if b.text.startswith("Socialstyrelsen har tagit fram en vägledning"))
    assert para.text.endswith("kompetensmål för en fast läkarkontakt.")
    assert para.section[0] == "Sammanfattning"
    contact = next(t for t in texts if "alternativaformat@socialstyrelsen.se" in t)
    assert "mailto:" not in contact
    footnote = next(b for b in doc.blocks if b.kind == "footnote")
    assert footnote.text.startswith("1 Socialstyrelsen. Fast läkarkontakt.")


def test_markdown_sections_and_lists():
    text = "# Kapitel 1\n\nInledning.\n\n## Avsnitt\n\n**Fetstilt rubrik**\n\nTexten här har en [länk](http://x.se).<sup>3</sup>\n\n- punkt ett\n- punkt två\n\n| Region | Antal |\n|---|---|\n| Skåne | 12 |\n"
    doc = extract_text(text, "md", "md.md", markdown=True)
    kinds = [(b.kind, b.text, b.section) for b in doc.blocks]
    assert kinds == [
        ("heading", "Kapitel 1", ["Kapitel 1"]),
        ("paragraph", "Inledning.", ["Kapitel 1"]),
        ("heading", "Avsnitt", ["Kapitel 1", "Avsnitt"]),
        ("heading", "Fetstilt rubrik", ["Kapitel 1", "Avsnitt", "Fetstilt rubrik"]),
        ("paragraph", "Texten här har en länk.", ["Kapitel 1", "Avsnitt", "Fetstilt rubrik"]),
        ("list_item", "punkt ett", ["Kapitel 1", "Avsnitt", "Fetstilt rubrik"]),
        ("list_item", "punkt två", ["Kapitel 1", "Avsnitt", "Fetstilt rubrik"]),
        ("table_row", "Region | Antal", ["Kapitel 1", "Avsnitt", "Fetstilt rubrik"]),
        ("table_row", "Skåne | 12", ["Kapitel 1", "Avsnitt", "Fetstilt rubrik"]),
    ]


# --- encodings and characters ------------------------------------------------------


def test_encodings_are_decoded():
    text = "Hälso- och sjukvården i Västra Götaland är nära."
    assert decode(text.encode("cp1252"), "a.txt") == text
    assert decode(text.encode("latin-1"), "a.txt") == text
    assert decode(b"\xef\xbb\xbf" + text.encode("utf-8"), "a.txt") == text
    assert normalize(text.encode("utf-8").decode("cp1252")) == text


def test_cp1252_file_is_read(tmp_path):
    path = tmp_path / "rapport.txt"
    path.write_bytes("Region Jönköpings län har infört mobila team för äldre.\n".encode("cp1252"))
    assert extract(path).blocks[0].text == "Region Jönköpings län har infört mobila team för äldre."


def test_character_normalisers():
    assert normalize("e\ufb00ektiv ﬁnansiering") == "effektiv finansiering"
    assert normalize("om\u00adställ\u00adningen") == "omställningen"
    assert normalize("nära\u00a0vård\u202f2024") == "nära vård 2024"
    assert normalize("nära\u200bvård\ufeff – i hela\u3000landet") == "näravård – i hela landet"  # invisible marks go; "–" stays
    assert normalize("Nära vård – i hela landet") == "Nära vård – i hela landet"  # no odd space: left as it is
    assert normalize("va\u0308rd och sa\u030a") == "värd och så"
    assert normalize("n\u00a8ara v\u02daard") == "nära vård"


def test_empty_and_binary_text_files(tmp_path):
    empty = tmp_path / "tom.txt"
    empty.write_bytes(b"   \n")
    with pytest.raises(InputError, match="empty"):
        extract(empty)
    fake = tmp_path / "bild.md"
    fake.write_bytes(bytes(range(256)) * 10)
    with pytest.raises(InputError, match="binary"):
        extract(fake)


def test_report_001_body_words_survive_in_order():
    """The words inside each line of report 001 (not split at a line end) come out in
    order; what is lost is the running lines, and footnotes that a paragraph continued
    on the next page now follow instead of splitting it."""
    path = next(CORPUS.glob("001*"))
    raw = [regex.findall(r"\p{L}{4,}", line)[1:-1] for line in path.read_text(encoding="utf-8").split("\n")]
    raw_words = [w for words in raw for w in words]
    got_words = regex.findall(r"\p{L}{4,}", extract(path).text())
    matcher = difflib.SequenceMatcher(None, raw_words, got_words, autojunk=False)
    kept = sum(block.size for block in matcher.get_matching_blocks())
    assert kept / len(raw_words) > 0.97


def test_paragraph_cut_by_a_page_break_is_rejoined_past_footnotes():
    text = (
        " 4. Samverkan\n\nRegionerna har byggt upp gemensamma beslutsorgan och arbetar med\n"
        "mobila team i Region Skåne och i\n\n"
        "12 Socialstyrelsen 2021, s. 54.\n"
        " flera kommuner i länet. Arbetet fortsätter under 2023.\n"
    )
    doc = extract_text(text, "r", "r.txt", markdown=False)
    paragraphs = [(b.page, b.text) for b in doc.blocks if b.kind == "paragraph"]
    assert paragraphs == [(1, (
        "Regionerna har byggt upp gemensamma beslutsorgan och arbetar med mobila team i "
        "Region Skåne och i flera kommuner i länet. Arbetet fortsätter under 2023."
    ))]
    assert [b.text for b in doc.blocks if b.kind == "footnote"] == ["12 Socialstyrelsen 2021, s. 54."]
    assert [b.text for b in doc.blocks if b.kind == "heading"] == ["4. Samverkan"]


def test_a_pdf_table_of_contents_heads_its_page_and_gives_no_passages(tmp_path):
    path = tmp_path / "innehall.pdf"
    pdf = FPDF()
    pdf.set_font("helvetica", size=11)
    pdf.add_page()
    pdf.text(20, 20, "Innehåll")
    for row, (title, page) in enumerate([("Sammanfattning", 3), ("Bakgrund", 5), ("Uppdraget", 7), ("Metod", 9)]):
        pdf.text(20, 32 + 8 * row, title + " " + "." * (60 - 2 * len(title)))
        pdf.text(180, 32 + 8 * row, str(page))
    pdf.add_page()
    pdf.text(20, 20, "Sammanfattning")
    pdf.text(20, 32, "Regionerna har under året arbetat med omställningen till en god och nära vård.")
    pdf.output(str(path))
    doc = extract(path)
    contents = doc.pages[0].blocks
    assert (contents[0].kind, contents[0].text) == ("heading", "Innehåll")
    assert all(b.section == ["Innehåll"] for b in contents) and any("Bakgrund" in b.text for b in contents)
    assert [b.text for b in doc.pages[1].blocks][-1] == "Regionerna har under året arbetat med omställningen till en god och nära vård."
    from reformtrace.segment import segment

    assert [p.text for p in segment(doc)] == ["Regionerna har under året arbetat med omställningen till en god och nära vård."]


@pytest.mark.parametrize("shown_turned", [True, False])
def test_a_page_laid_sideways_is_read(tmp_path, shown_turned):
    """A landscape page: its text drawn turned a quarter round, shown upright by
    the page's /Rotate (or not: then the whole page is sideways). Turned text is
    otherwise left out (a chart's axis), but not when it is most of the page."""
    from pypdf import PdfReader, PdfWriter

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    with pdf.rotation(90, x=60, y=250):
        pdf.text(60, 250, "Regionerna och kommunerna har arbetat med mobila team.")
        pdf.text(60, 258, "Samverkan mellan huvudmannen har starkts under aret.")
    pdf.text(20, 280, "12")
    path = tmp_path / "liggande.pdf"
    pdf.output(str(path))
    if shown_turned:
        writer = PdfWriter(clone_from=PdfReader(path))
        writer.pages[0].rotate(90)
        writer.write(path)
    assert [b.text for b in extract(path).blocks] == [
        "Regionerna och kommunerna har arbetat med mobila team.", "Samverkan mellan huvudmannen har starkts under aret."
    ]


def test_line_end_hyphens_before_capitals_digits_and_web_addresses():
    from reformtrace.extract.layout import join_lines

    assert join_lines(["finansieras av Hjärt-", "Lungfonden och staten"]) == "finansieras av Hjärt-Lungfonden och staten"
    assert join_lines(["enligt NNR-", "2012 och Borgskalan/", "RPE 11-13"]) == "enligt NNR-2012 och Borgskalan/RPE 11-13"
    assert join_lines(["se www.", "regionhalland.se/reklista och"]) == "se www.regionhalland.se/reklista och"
    assert join_lines(["http://www.regionhalland.se/Page-", "Files/37163/Region%20"]) == "http://www.regionhalland.se/PageFiles/37163/Region%20"
    assert join_lines(["hälso- och sjuk-", "vården"]) == "hälso- och sjukvården"


def test_the_word_before_a_line_end_hyphen_is_found_from_the_last_space_or_break():
    from reformtrace.extract.layout import hyphen_end

    assert hyphen_end("arbetet med kompetensförsörj-")[1] == "kompetensförsörj"
    assert hyphen_end("Region Hallands\nvård-\n")[1] == "vård"
    assert hyphen_end("regionernas 2023-") is None
    assert hyphen_end("(SIP-")[1] == "SIP"
    assert hyphen_end("vecka 12ab-")[1] == "ab"
    assert hyphen_end("e-post till regionen") is None
    assert hyphen_end("hälso- och sjukvård") is None
