"""PDF reports: PDFium's characters -> words and lines -> blocks in reading order -> Document.

glyphs.py builds words and line pieces from the characters and their boxes,
ocr.py does the same from Tesseract's word boxes for pages without a text
layer, reading.py orders them (columns, side columns, tables), layout.py
finds the running lines across pages and turns lines into classified
blocks. The printed page number comes from the PDF's page labels, else from
the page number among the running lines.
"""
from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from pipeline.errors import InputError
from pipeline.extract import ocr
from pipeline.extract.charts import chart_text
from pipeline.extract.glyphs import page_words
from pipeline.extract.layout import pages_from_paragraphs, printed_numbers, running_lines
from pipeline.extract.normalize import normalize
from pipeline.extract.reading import Block, body_size, order, page_blocks, page_lines, paragraphs
from pipeline.model import Document

# Blocks of at most this many lines, wholly in this share of the page at its top,
# bottom or sides, can be running lines (headers, footers, page numbers, chapter tabs).
EDGE = 0.12
SIDE_EDGE = 0.1
EDGE_LINES = 2


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


def read_pdf(path: str | Path, is_word=None) -> Document:
    """Read a PDF into a Document; pages without a text layer are OCR'd when Tesseract is there."""
    path = Path(path)
    pdf = _open(path)
    layouts: list[list[Block]] = []
    sizes: list[tuple[float, float]] = []
    labels: list[str] = []
    ocr_pages, warnings = set(), []
    try:
        count = len(pdf)
        if count == 0:
            raise InputError(path, "the PDF has no pages")
        for index in range(count):
            page = pdf[index]
            box = page.get_bbox()
            width, height = box[2] - box[0], box[3] - box[1]
            labels.append(pdf.get_page_label(index))
            textpage = page.get_textpage()
            pieces = page_words(textpage.raw, box)
            textpage.close()
            if not pieces and _has_image(page):
                pieces = _ocr(page, index, ocr_pages, warnings)
            blocks = order(page_blocks(page_lines(pieces)))
            layouts.append(blocks)
            sizes.append((width, height))
            page.close()
    finally:
        pdf.close()
    body = body_size(layouts)
    # Per page: the indices of its blocks that may be running lines.
    edges = [[i for i, b in enumerate(blocks) if _is_edge(b, *size)] for blocks, size in zip(layouts, sizes)]
    edge_lines = [[(" ".join(l.text for l in layouts[p][i].lines), layouts[p][i].y0) for i in idx] for p, idx in enumerate(edges)]
    running = running_lines(edge_lines)
    printed = printed_numbers([[t for k, (t, _) in enumerate(lines) if k in drop] for lines, drop in zip(edge_lines, running)])
    pages_paras = []
    for number, (blocks, idx, drop) in enumerate(zip(layouts, edges, running)):
        dropped = {idx[k] for k in drop} | chart_text(blocks)
        kept = [b for i, b in enumerate(blocks) if i not in dropped]
        paras = paragraphs(kept, body)
        lines = iter(normalize("\n".join(line for _, para in paras for line in para)).split("\n"))
        pages_paras.append([(hint, [next(lines) for _ in para]) for hint, para in paras])
        if not labels[number]:
            labels[number] = printed[number]
    pages = pages_from_paragraphs(pages_paras, across_pages=False, split_words=False)
    for page, label in zip(pages, labels):
        page.ocr = page.number in ocr_pages
        page.label = label
    if not any(p.blocks for p in pages):
        reason = "no text found in the PDF"
        if warnings and not tesseract_available():
            reason = (
                "image-only PDF (no text layer) and Tesseract is not installed; "
                "install tesseract-ocr and tesseract-ocr-swe to OCR it"
            )
        raise InputError(path, reason)
    return Document(path.stem, path.name, pages, warnings=warnings)


def _ocr(page: pdfium.PdfPage, index: int, ocr_pages: set[int], warnings: list[str]):
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
    ocr_pages.add(index + 1)
    return pieces
