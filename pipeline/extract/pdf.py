"""PDF reports: PDFium's characters -> words and lines -> blocks in reading order -> Document.

glyphs.py builds words and line pieces from the characters and their boxes,
ocr.py does the same from Tesseract's word boxes for pages without a text
layer (or with an unreadable one: textlayer.py), lines.py makes lines of
them, reading.py blocks in reading order (columns, side columns, tables),
charts.py finds the text inside charts, paragraphs.py tells headings,
footnotes and paragraphs, layout.py finds the running lines across pages and
joins hyphenation. The printed page number comes from the PDF's page labels,
else from the page number among the running lines.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import regex

from reformtrace.datafiles import data_lines
from reformtrace.errors import InputError
from reformtrace.extract import ocr
from reformtrace.extract.charts import chart_text
from reformtrace.extract.glyphs import page_words
from reformtrace.extract.layout import pages_from_paragraphs, printed_numbers, running_lines
from reformtrace.extract.lines import page_lines
from reformtrace.extract.normalize import normalize
from reformtrace.extract.paragraphs import body_size, paragraphs
from reformtrace.extract.reading import Block, order, page_blocks
from reformtrace.extract.textlayer import unreadable
from reformtrace.model import Document

# Blocks of at most this many lines, wholly in this share of the page at its top,
# bottom or sides, can be running lines (headers, footers, page numbers, chapter tabs).
EDGE = 0.12
SIDE_EDGE = 0.1
EDGE_LINES = 2
# A page of which CONTENTS_SHARE of the lines, and CONTENTS_LINES at least, end in a dot
# leader and a page number (which may stand apart, in a column of its own), or under a
# contents title in a page number, is a table of contents.
DOT_LEADER = regex.compile(r"(?:\.\s?){4,}\s*(?:\|\s*)?(?:\d{1,4}\b|$)|…\s*\d{1,4}\s*$")
CONTENTS_TITLE = regex.compile(r"^(?:innehåll(?:sförteckning)?|contents|table of contents)$", regex.I)
NUMBER_END = regex.compile(r"\s\d{1,4}$")
CONTENTS_LINES = 3
CONTENTS_SHARE = 0.3
# Blocks of at least BODY_LINES lines are the page's running text; a block wholly left or
# right of all of them stands in the side margin.
BODY_LINES = 3
SERIES = "series.txt"  # data/extract/: the publication series whose number is a running label
# The number after a series' abbreviation, as printed or as OCR reads it ("1991/92:43",
# "1991/92: 43"), or nothing (OCR lost it); a section number after it is no part of it.
SERIES_NUMBER = r"(?:\s*\d[\d/]*\s*:\s*\d+)?"


def _open(path: Path) -> pdfium.PdfDocument:
    try:
        size = path.stat().st_size
    except OSError as err:
        raise InputError(path, f"cannot read the file ({err.strerror or err})") from err
    if size == 0:
        raise InputError(path, "the file is empty")
    with path.open("rb") as handle:
        head = handle.read(1024)
    if b"%PDF" not in head:
        raise InputError(path, "not a PDF (no %PDF header): the file is damaged or of another type")
    try:
        return pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as err:
        message = str(err)
        if "password" in message.lower():
            raise InputError(path, "the PDF is encrypted and needs a password") from err
        raise InputError(path, f"the PDF is damaged or truncated ({message})") from err


def _is_edge(block: Block, width: float, height: float) -> bool:
    """Can the block be a running line: a line or two wholly in the page's outer band?"""
    return len(block.lines) <= EDGE_LINES and (
        block.y1 <= EDGE * height
        or block.y0 >= (1 - EDGE) * height
        or block.x1 <= SIDE_EDGE * width
        or block.x0 >= (1 - SIDE_EDGE) * width
    )


@cache
def _series_label() -> regex.Pattern:
    """A line that is only a publication series' number ("Prop. 1991/92:43"), from data/extract/series.txt."""
    names = sorted((regex.escape(n) for n in data_lines("extract", SERIES)), key=len, reverse=True)
    return regex.compile(rf"^(?:{'|'.join(names)})\b\.?,?{SERIES_NUMBER}$")


def _in_margin(block: Block, body: list[Block]) -> bool:
    """Does the block stand wholly beside the page's running text (in its side margin)?"""
    return bool(body) and (block.x0 >= max(b.x1 for b in body) or block.x1 <= min(b.x0 for b in body))


def _series_labels(page: "_Page") -> list[Block]:
    """Blocks at the page's edge or in its side margin that hold only a series number ("Prop. 1991/92:43")."""
    body = [b for b in page.blocks if len(b.lines) >= BODY_LINES]
    label = _series_label()
    return [
        b for b in page.blocks
        if len(b.lines) <= EDGE_LINES
        and (_is_edge(b, page.width, page.height) or _in_margin(b, body))
        and label.match(" ".join(line.text for line in b.lines).strip())
    ]


def _has_image(page: pdfium.PdfPage) -> bool:
    """Does the page draw an image (or a form that may hold one)? A page with
    neither and no text is blank, and nothing to OCR."""
    kinds = (pdfium_c.FPDF_PAGEOBJ_IMAGE, pdfium_c.FPDF_PAGEOBJ_FORM)
    return any(
        pdfium_c.FPDFPageObj_GetType(pdfium_c.FPDFPage_GetObject(page.raw, i)) in kinds
        for i in range(pdfium_c.FPDFPage_CountObjects(page.raw))
    )


def tesseract_available() -> bool:
    return ocr.tesseract_available()


@dataclass
class _Page:
    """One page as laid out: its blocks (in reading order once ordered) and its size."""

    blocks: list[Block]
    width: float
    height: float
    label: str  # the PDF's page label, "" when it has none
    ocr: bool = False


def read_pdf(path: str | Path, is_word=None) -> Document:
    """Read a PDF into a Document; pages without a text layer are OCR'd when Tesseract is there.

    Each page's words -> lines -> blocks; the running lines found across pages
    and taken off; each page's blocks in reading order, tables read row by
    row, less the text inside charts, as paragraphs; then the document model's
    blocks (hyphenation joined, headings giving section paths)."""
    path = Path(path)
    warnings: list[str] = []
    pages = _layout(path, warnings, is_word)
    body = body_size([page.blocks for page in pages])
    printed = _drop_running_lines(pages)
    paras, contents = [], set()
    for number, page in enumerate(pages, start=1):
        blocks = order(page.blocks)
        charts = chart_text(blocks)
        page_paras = paragraphs([b for i, b in enumerate(blocks) if i not in charts], body)
        if _is_contents(page_paras):
            # Kept under its title, a heading (segment makes no passages of it), or going
            # on from the page before; contents without a title are left out.
            titled = [CONTENTS_TITLE.match(" ".join(para).strip()) for _, para in page_paras]
            if any(titled) or number - 1 in contents:
                contents.add(number)
                page_paras = [("heading:1" if title else hint, para) for title, (hint, para) in zip(titled, page_paras)]
            else:
                page_paras = []
        lines = iter(normalize("\n".join(line for _, para in page_paras for line in para)).split("\n"))
        paras.append([(hint, [next(lines) for _ in para]) for hint, para in page_paras])
    doc_pages = pages_from_paragraphs(paras, rejoin=False, split_words=False)
    for doc_page, page, number in zip(doc_pages, pages, printed):
        doc_page.ocr = page.ocr
        doc_page.label = page.label or number
        if doc_page.number not in contents:  # the contents' title heads nothing after its pages
            for block in doc_page.blocks:
                block.section = [title for title in block.section if not CONTENTS_TITLE.match(title)]
    if not any(p.blocks for p in doc_pages):
        reason = "no text found in the PDF"
        if warnings and not tesseract_available():
            reason = (
                "image-only PDF (no text layer) and Tesseract is not installed; "
                "install tesseract-ocr and tesseract-ocr-swe to OCR it"
            )
        raise InputError(path, reason)
    return Document(path.stem, path.name, doc_pages, warnings=warnings)


def _is_contents(paras: list[tuple[str, list[str]]]) -> bool:
    """A table of contents: many of its lines end in a dot leader and a page number,
    or, under a contents title, in a page number."""
    lines = [line for _, para in paras for line in para]
    titled = any(CONTENTS_TITLE.match(line.strip()) for line in lines[:3])
    entries = sum(bool(DOT_LEADER.search(line) or (titled and NUMBER_END.search(line))) for line in lines)
    return entries >= CONTENTS_LINES and entries >= CONTENTS_SHARE * len(lines)


def _layout(path: Path, warnings: list[str], is_word=None) -> list[_Page]:
    """Each page's blocks, not yet in reading order."""
    pdf = _open(path)
    try:
        count = len(pdf)
        if count == 0:
            raise InputError(path, "the PDF has no pages")
        pages = []
        for index in range(count):
            page = pdf[index]
            box, rotation = page.get_bbox(), page.get_rotation()
            textpage = page.get_textpage()
            pieces = page_words(textpage.raw, box, rotation)
            textpage.close()
            ocr = False
            if pieces and unreadable(pieces, is_word):
                warnings.append(f"page {index + 1}: the text layer is unreadable (a broken font encoding)")
                scanned = _ocr(page, index, warnings)
                pieces, ocr = (scanned, True) if scanned else (pieces, False)
            elif not pieces and _has_image(page):
                pieces = _ocr(page, index, warnings)
                ocr = bool(pieces)
            blocks = page_blocks(page_lines(pieces))
            width, height = page.get_size()  # as shown, turned
            pages.append(_Page(blocks, width, height, pdf.get_page_label(index), ocr))
            page.close()
        return pages
    finally:
        pdf.close()


def _drop_running_lines(pages: list[_Page]) -> list[str]:
    """Take the running lines off the pages; return the page numbers printed in them."""
    edges = [[b for b in page.blocks if _is_edge(b, page.width, page.height)] for page in pages]
    lines = [[(" ".join(line.text for line in b.lines), b.y0) for b in blocks] for blocks in edges]
    running = running_lines(lines)
    for page, blocks, drop in zip(pages, edges, running):
        dropped = {id(blocks[k]) for k in drop} | {id(b) for b in _series_labels(page)}
        page.blocks = [b for b in page.blocks if id(b) not in dropped]
    return printed_numbers([[lines[p][k][0] for k in sorted(drop)] for p, drop in enumerate(running)])


def _ocr(page: pdfium.PdfPage, index: int, warnings: list[str]):
    """Word pieces of a page without a text layer, from Tesseract (or none, with a warning)."""
    if not tesseract_available():
        warnings.append(
            f"page {index + 1} has no text layer; install Tesseract with Swedish "
            "(Debian: apt-get install tesseract-ocr tesseract-ocr-swe) to OCR it"
        )
        return []
    try:
        pieces = ocr.page_words(page)
    except RuntimeError as err:
        warnings.append(f"page {index + 1}: OCR failed ({err})")
        return []
    return pieces
