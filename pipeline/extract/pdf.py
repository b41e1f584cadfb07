"""PDF reports: page geometry from PDFium's text runs, OCR for pages without text.

Each text run comes with its box, which is all the layout logic needs: runs
in the top and bottom margins go to the page's edges (where running headers,
footers and page numbers are recognised), a vertical gutter with no text
means two columns (read left, then right), and a vertical gap larger than the
usual line spacing means a new paragraph. pypdfium2 does this at hundreds of
pages per second; see benchmarks/extract.py for the comparison with
pdfplumber's character-level geometry.
"""
from __future__ import annotations

import os
import shutil
import statistics
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium

from pipeline.errors import InputError
from pipeline.extract.layout import build_pages, drop_running_lines
from pipeline.extract.normalize import normalize
from pipeline.model import Document

MARGIN = 0.07  # share of the page height at the top and bottom that holds running lines
LINE_TOLERANCE = 2.5  # points: runs whose baselines differ less are on one line
PARAGRAPH_GAP = 1.45  # a gap this many times the usual line spacing starts a paragraph
MIN_GUTTER = 9.0  # points of empty width that separate two columns
OCR_DPI = 300
OCR_LANGUAGE = "swe"  # never "eng": English OCR is what lost the Swedish letters in report 000


@dataclass
class Run:
    left: float
    bottom: float
    right: float
    top: float
    text: str


def _runs(textpage: pdfium.PdfTextPage) -> list[Run]:
    runs = []
    for i in range(textpage.count_rects()):
        left, bottom, right, top = textpage.get_rect(i)
        text = textpage.get_text_bounded(left, bottom, right, top).replace("\r", "").replace("\n", " ")
        text = text.replace("\x02", "-")  # PDFium marks a hyphen at a line end with \x02
        if text.strip():
            runs.append(Run(left, bottom, right, top, text.strip()))
    return runs


def _gutter(runs: list[Run], width: float) -> float | None:
    """The x of an empty vertical band in the middle of the page, if the body has two columns."""
    if len(runs) < 6:
        return None
    lo, hi = width * 0.3, width * 0.7
    spans = sorted((max(lo, r.left), min(hi, r.right)) for r in runs if r.right > lo and r.left < hi)
    best, edge = (0.0, lo), lo
    for left, right in spans + [(hi, hi)]:
        if left > edge:
            best = max(best, (left - edge, edge))
        edge = max(edge, right)
    size, at = best
    if size < MIN_GUTTER:
        return None
    gutter = at + size / 2
    left = sum(r.right <= gutter for r in runs)
    right = sum(r.left >= gutter for r in runs)
    return gutter if left >= 3 and right >= 3 else None


def _lines(runs: list[Run]) -> list[str]:
    """Runs of one column, top to bottom, grouped into lines; blank lines at paragraph gaps."""
    runs = sorted(runs, key=lambda r: (-r.bottom, r.left))
    rows: list[list[Run]] = []
    for run in runs:
        if rows and abs(rows[-1][0].bottom - run.bottom) <= LINE_TOLERANCE:
            rows[-1].append(run)
        else:
            rows.append([run])
    baselines = [row[0].bottom for row in rows]
    gaps = [a - b for a, b in zip(baselines, baselines[1:])]
    usual = statistics.median(gaps) if gaps else 0
    lines: list[str] = []
    for i, row in enumerate(rows):
        if i and usual and gaps[i - 1] > usual * PARAGRAPH_GAP:
            lines.append("")
        lines.append(" ".join(r.text for r in sorted(row, key=lambda r: r.left)))
    return lines


def page_lines(runs: list[Run], width: float, height: float) -> tuple[list[str], list[str], list[str]]:
    """A page's top-margin lines, body lines in reading order (columns left to
    right) and bottom-margin lines; running lines live in the margins."""
    top = [r for r in runs if r.bottom > height * (1 - MARGIN)]
    bottom = [r for r in runs if r.top < height * MARGIN]
    body = [r for r in runs if r not in top and r not in bottom]
    gutter = _gutter(body, width)
    if gutter is None:
        columns = [body]
    else:
        spanning = [r for r in body if r.left < gutter < r.right]
        columns = [spanning, [r for r in body if r.right <= gutter], [r for r in body if r.left >= gutter]]
    lines: list[str] = []
    for column in columns:
        lines += _lines(column) + [""]
    return _lines(top), lines, _lines(bottom)


def tesseract_available() -> bool:
    return shutil.which("tesseract") is not None


def ocr_page(page: pdfium.PdfPage) -> str:
    """OCR one page image with Tesseract's Swedish model."""
    image = page.render(scale=OCR_DPI / 72).to_pil()
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    from io import BytesIO

    buffer = BytesIO()
    image.save(buffer, format="PNG")
    result = subprocess.run(
        ["tesseract", "stdin", "stdout", "-l", OCR_LANGUAGE, "--psm", "3"],
        input=buffer.getvalue(), capture_output=True, env=env, check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(result.stderr.decode("utf-8", "replace").strip())
    return result.stdout.decode("utf-8")


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


def read_pdf(path: str | Path, is_word=None) -> Document:
    """Read a PDF into a Document; pages without a text layer are OCR'd when Tesseract is there."""
    path = Path(path)
    pdf = _open(path)
    try:
        count = len(pdf)
        if count == 0:
            raise InputError(path, "the PDF has no pages")
        tops, bodies, bottoms, ocr_pages, warnings = [], [], [], set(), []
        for index in range(count):
            page = pdf[index]
            width, height = page.get_size()
            runs = _runs(page.get_textpage())
            if runs:
                top, body, bottom = page_lines(runs, width, height)
                tops.append(top), bodies.append(body), bottoms.append(bottom)
                continue
            tops.append([]), bottoms.append([])
            if not tesseract_available():
                warnings.append(
                    f"page {index + 1} has no text layer; install Tesseract with Swedish "
                    "(Debian: apt-get install tesseract-ocr tesseract-ocr-swe) to OCR it"
                )
                bodies.append([])
                continue
            try:
                text = normalize(ocr_page(page))
            except RuntimeError as err:
                warnings.append(f"page {index + 1}: OCR failed ({err})")
                text = ""
            ocr_pages.add(index + 1)
            bodies.append(text.split("\n"))
    finally:
        pdf.close()
    # Margin lines that recur, or are page numbers, are running lines; the rest is body text.
    tops, bottoms = drop_running_lines(tops, edge=99), drop_running_lines(bottoms, edge=99)
    pages_lines = [t + [""] + b + [""] + f for t, b, f in zip(tops, bodies, bottoms)]
    pages = build_pages([normalize("\n".join(lines)).split("\n") for lines in pages_lines], is_word, running="none")
    for page in pages:
        page.ocr = page.number in ocr_pages
    if not any(p.blocks for p in pages):
        reason = "no text found in the PDF"
        if warnings and not tesseract_available():
            reason = (
                "image-only PDF (no text layer) and Tesseract is not installed; "
                "install tesseract-ocr and tesseract-ocr-swe to OCR it"
            )
        raise InputError(path, reason)
    return Document(path.stem, path.name, pages, warnings=warnings)
