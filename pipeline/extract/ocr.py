"""Pages without a text layer: Tesseract's Swedish word boxes as line pieces.

Tesseract finds the words and their boxes; the reading order (columns, side
columns) is left to reading.py, as for a text layer, so a two-column scan is
read column by column whatever Tesseract's own page segmentation does.
"""
from __future__ import annotations

import os
import shutil
import subprocess
from io import BytesIO

import pypdfium2 as pdfium

from pipeline.extract.glyphs import Line, Word, make_line

OCR_DPI = 300
OCR_LANGUAGE = "swe"  # never "eng": English OCR is what lost the Swedish letters in report 000
# Words Tesseract is less sure of than this (0-100) are specks and shadows (an emblem, a fold).
MIN_CONFIDENCE = 30


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


def page_words(page: pdfium.PdfPage) -> list[Line]:
    """The page's words in Tesseract's lines, in points, top-down like glyphs.page_words.

    A word's size is its line's height (ascenders to descenders, as a glyph
    box's height is), not its own ink's; specks Tesseract is unsure of are left out."""
    scale = 72 / OCR_DPI
    heights: dict[tuple[str, ...], int] = {}
    lines: dict[tuple[str, ...], list[Word]] = {}
    for row in _tsv(page).splitlines()[1:]:
        cells = row.split("\t")
        if len(cells) < 12:
            continue
        left, top, width, height = (int(c) for c in cells[6:10])
        line = tuple(cells[1:5])
        if cells[0] == "4":
            heights[line] = height
        elif cells[0] == "5" and cells[11].strip() and float(cells[10]) >= MIN_CONFIDENCE:
            box = (left * scale, top * scale, (left + width) * scale, (top + height) * scale)
            lines.setdefault(line, []).append(Word(cells[11].strip(), *box, heights.get(line, height) * scale))
    return [make_line(words) for words in lines.values()]
