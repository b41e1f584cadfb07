"""Pages without a text layer: Tesseract's Swedish word boxes as line pieces.

Tesseract finds the words and their boxes; the reading order (columns, side
columns) is left to reading.py, as for a text layer, so a two-column scan is
read column by column whatever Tesseract's own page segmentation does.
"""
from __future__ import annotations

import os
import shutil
import statistics
import subprocess
from io import BytesIO

import pypdfium2 as pdfium

from pipeline.extract.glyphs import Word

OCR_DPI = 300
OCR_LANGUAGE = "swe"  # never "eng": English OCR is what lost the Swedish letters in report 000
# Words Tesseract is less sure of than this (0-100) and that hold no letter or digit are specks.
MIN_CONFIDENCE = 40


def tesseract_available() -> bool:
    return shutil.which("tesseract") is not None


def _tsv(page: pdfium.PdfPage) -> str:
    """Tesseract's TSV (one row per page, block, paragraph, line and word) for one page image."""
    image = page.render(scale=OCR_DPI / 72).to_pil()
    buffer = BytesIO()
    image.save(buffer, format="PNG")
    result = subprocess.run(
        ["tesseract", "stdin", "stdout", "-l", OCR_LANGUAGE, "--psm", "3", "tsv"],
        input=buffer.getvalue(), capture_output=True, env={**os.environ, "OMP_THREAD_LIMIT": "1"}, check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(result.stderr.decode("utf-8", "replace").strip())
    return result.stdout.decode("utf-8")


def page_words(page: pdfium.PdfPage) -> list[list[Word]]:
    """The page's words in Tesseract's lines, in points, top-down like glyphs.page_words."""
    scale = 72 / OCR_DPI
    lines: dict[tuple[str, str, str], list[tuple[float, float, float, float, str, float]]] = {}
    for row in _tsv(page).splitlines()[1:]:
        cells = row.split("\t")
        if len(cells) < 12 or cells[0] != "5" or not cells[11].strip():
            continue
        left, top, width, height = (int(c) for c in cells[6:10])
        text, confidence = cells[11].strip(), float(cells[10])
        if confidence < MIN_CONFIDENCE and not any(ch.isalnum() for ch in text):
            continue
        lines.setdefault((cells[2], cells[3], cells[4]), []).append((left, top, left + width, top + height, text, confidence))
    pieces = []
    for words in lines.values():
        size = statistics.median(w[3] - w[1] for w in words) * scale
        pieces.append([Word(w[4], w[0] * scale, w[1] * scale, w[2] * scale, w[3] * scale, size) for w in words])
    return pieces
