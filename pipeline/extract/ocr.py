"""Pages without a text layer: Tesseract's Swedish word boxes as line pieces.

Tesseract finds the words and their boxes; the reading order (columns, side
columns) is left to reading.py, as for a text layer, so a two-column scan is
read column by column whatever Tesseract's own page segmentation does.
"""
from __future__ import annotations

import html
import os
import shutil
import subprocess
from io import BytesIO

import regex

import pypdfium2 as pdfium

from reformtrace.extract.glyphs import Piece, Word

OCR_DPI = 300
OCR_LANGUAGE = "swe"  # never "eng": English OCR is what lost the Swedish letters in report 000
# Words Tesseract is less sure of than MIN_CONFIDENCE (0-100), and short ones (SPECK characters
# or fewer) it is less sure of than SPECK_CONFIDENCE, are specks and shadows (an emblem, a
# fold); a web address it reads rightly may score 20.
MIN_CONFIDENCE = 10
SPECK = 3
SPECK_CONFIDENCE = 30
HOCR = regex.compile(
    r"class='ocr_(?:line|caption|header|textfloat)'[^>]*?x_size (?P<size>[\d.]+)"
    r"|class='ocrx_word'[^>]*?bbox (?P<x0>\d+) (?P<y0>\d+) (?P<x1>\d+) (?P<y1>\d+); x_wconf (?P<conf>\d+)'>(?P<text>.*?)</span>"
)
SAME_SIZE = 0.1  # lines whose sizes are within this share of the page's usual size are that size
TAG = regex.compile(r"<[^>]+>")


def tesseract_available() -> bool:
    return shutil.which("tesseract") is not None


def _hocr(page: pdfium.PdfPage) -> str:
    """Tesseract's hOCR (lines with their text size, words with their boxes) for one page image."""
    image = page.render(scale=OCR_DPI / 72).to_pil()
    buffer = BytesIO()
    image.save(buffer, format="PNG")
    result = subprocess.run(
        ["tesseract", "stdin", "stdout", "-l", OCR_LANGUAGE, "--psm", "3", "hocr"],
        input=buffer.getvalue(), capture_output=True, env={**os.environ, "OMP_THREAD_LIMIT": "1"}, check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(result.stderr.decode("utf-8", "replace").strip())
    return result.stdout.decode("utf-8")


def page_words(page: pdfium.PdfPage) -> list[Piece]:
    """The page's words in Tesseract's lines, in points, top-down like glyphs.page_words.

    A word's size is its line's text size as Tesseract measures it (x_size:
    ascenders to descenders, as a glyph box's height is), not its own ink's;
    specks Tesseract is unsure of are left out."""
    scale = 72 / OCR_DPI
    lines: list[list[Word]] = []
    size = 0.0
    for match in HOCR.finditer(_hocr(page)):
        if match["size"] is not None:
            size = float(match["size"]) * scale
            lines.append([])
            continue
        text = html.unescape(TAG.sub("", match["text"])).strip()
        confidence = int(match["conf"])
        if not text or not lines or confidence < MIN_CONFIDENCE or (len(text) <= SPECK and confidence < SPECK_CONFIDENCE):
            continue
        box = (int(match[k]) * scale for k in ("x0", "y0", "x1", "y1"))
        lines[-1].append(Word(text, *box, size))
    lines = [words for words in lines if words]
    if lines:  # Tesseract's sizes of one text's lines vary by a tenth: they are one size
        sizes = sorted(words[0].size for words in lines)
        body = sizes[len(sizes) // 2]
        for words in lines:
            if abs(words[0].size - body) <= SAME_SIZE * body:
                for word in words:
                    word.size = body
    return [Piece(words).measured() for words in lines]
