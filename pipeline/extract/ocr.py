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
# A mark without a letter or digit smaller than SPECK_SIZE of its line's size every way, or
# only bars (a rule or a fold read as "|"), is a speck, not text.
SPECK_SIZE = 0.25
BARS = regex.compile(r"^[|¦]+$")
ALPHANUMERIC = regex.compile(r"[\p{L}\p{N}]")
# A word lying this much (share of its area) inside a larger word's box is a second
# reading of the same ink (Tesseract read one printed line as two lines).
INSIDE = 0.8
# A word taller than TALL times its line's size has a wrong box: it gets its line's top and bottom.
TALL = 1.6
# Words of two Tesseract lines on one baseline that touch (gap within TOUCH of the size
# either way) are one word cut in two ("p" + "reliminär").
TOUCH = 0.1


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
    lines = _clean([words for words in lines if words])
    if lines:  # Tesseract's sizes of one text's lines vary by a tenth: they are one size
        sizes = sorted(words[0].size for words in lines)
        body = sizes[len(sizes) // 2]
        for words in lines:
            if abs(words[0].size - body) <= SAME_SIZE * body:
                for word in words:
                    word.size = body
    return [Piece(words).measured() for words in lines]


def _clean(lines: list[list[Word]]) -> list[list[Word]]:
    """Tesseract's lines less specks and second readings, with tall boxes set
    to their line's and words cut in two by a line split joined again."""
    lines = [[w for w in words if not _speck(w)] for words in lines]
    everything = [w for words in lines for w in words]
    doubles = {id(w) for w in everything if any(o is not w and _inside(w, o) for o in everything)}
    lines = [[w for w in words if id(w) not in doubles] for words in lines]
    for words in lines:
        _fit_tall(words)
    _join_touching(lines)
    return [words for words in lines if words]


def _speck(word: Word) -> bool:
    """A mark without a letter or digit that is tiny, or a bar."""
    if BARS.match(word.text):
        return True
    small = SPECK_SIZE * word.size
    return not ALPHANUMERIC.search(word.text) and word.x1 - word.x0 < small and word.y1 - word.y0 < small


def _fit_tall(words: list[Word]) -> None:
    """A word far taller than its line's size gets the top and bottom of the line's other words."""
    normal = [w for w in words if w.y1 - w.y0 <= TALL * w.size]
    if not normal or len(normal) == len(words):
        return
    top = sorted(w.y0 for w in normal)[len(normal) // 2]
    bottom = sorted(w.y1 for w in normal)[len(normal) // 2]
    for word in words:
        if word.y1 - word.y0 > TALL * word.size:
            word.y0, word.y1 = top, bottom


def _inside(word: Word, other: Word) -> bool:
    """Does `word` lie mostly inside the larger `other`'s box?"""
    area = (word.x1 - word.x0) * (word.y1 - word.y0)
    if area <= 0 or area >= (other.x1 - other.x0) * (other.y1 - other.y0):
        return False
    width = min(word.x1, other.x1) - max(word.x0, other.x0)
    height = min(word.y1, other.y1) - max(word.y0, other.y0)
    return width > 0 and height > 0 and width * height >= INSIDE * area


def _join_touching(lines: list[list[Word]]) -> None:
    """A word that ends a line's run of words where a word of another line on its
    baseline starts, letter against letter, takes it in."""
    for a, words in enumerate(lines):
        for word in words:
            if not word.text[-1:].isalnum():
                continue
            for b, others in enumerate(lines):
                if a == b:
                    continue
                for other in others:
                    middle = (other.y0 + other.y1) / 2
                    if (word.y0 < middle < word.y1 and abs(other.x0 - word.x1) <= TOUCH * word.size
                            and other.text[:1].isalnum()
                            and not any(word.x0 < w.x0 <= other.x0 for w in words if w is not word)):
                        word.text += other.text
                        word.x1, word.y0, word.y1 = other.x1, min(word.y0, other.y0), max(word.y1, other.y1)
                        others.remove(other)
                        break
