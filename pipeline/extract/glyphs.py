"""PDFium's characters -> words -> line pieces, with their boxes and font size.

Spacing is decided here from the gaps between glyph boxes, not from PDFium's
text rectangles: a space character in the PDF always ends a word; without
one, a gap wider than the line's usual letter gap by WORD_GAP of the font
size does (letter-spaced headings keep their words whole). Combining accents
drawn as separate glyphs join their letters (NFC). Coordinates are top-down:
x0 left, y0 top, x1 right, y1 bottom, in points.
"""
from __future__ import annotations

import ctypes
import statistics
import unicodedata
from dataclasses import dataclass, field

import pypdfium2.raw as pdfium_c

# Gap between glyph boxes, as a share of the glyph height, above the line's usual
# letter gap, that separates words: letters of a word sit within 0.03 of each
# other, words at least 0.08 apart in the real PDFs (PDFium's own spacing agrees).
WORD_GAP = 0.06
# A glyph this far left of the previous one (share of its height) starts a new piece.
BACKWARDS = 0.5
# Glyphs further apart than this (share of the height) are not one line piece:
# they are columns or table cells, joined later if the layout says so.
PIECE_GAP = 3.0
# Text whose glyph matrix turns it more than this (tan of the angle) is not read: chart axes, stamps.
ROTATION = 0.1
# A space character whose box the next glyph starts within this share of its width
# (or that ends within it of the glyph before) takes no room.
VOID_SPACE = 0.25
BOLD_WEIGHT = 600
BOLD_NAMES = (b"bold", b"semibold", b"demi", b"black", b"heavy")
BREAKS = frozenset(" \t\r\n\u00a0\u2028\u2029")
# PDFium's marks for a hyphen it saw at a line end, and symbol-font bullets in the
# Private Use Area (Symbol's U+F0B7, Wingdings' U+F06E, ...).
SUBSTITUTES = {
    "\x02": "-", "\ufffe": "-",
    "\uf0b7": "•", "\uf06e": "▪", "\uf0a7": "▪", "\uf076": "❖", "\uf0d8": "➢", "\uf0fc": "✓",
}
# Spacing accents that some PDFs draw as their own glyph over or beside a letter.
SPACING_ACCENTS = {"\u00a8": "\u0308", "\u02da": "\u030a", "\u00b4": "\u0301", "`": "\u0300", "\u02c6": "\u0302"}

_BOX = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_int, ctypes.c_void_p)
_loose_box = _BOX(ctypes.cast(pdfium_c.FPDFText_GetLooseCharBox, ctypes.c_void_p).value)


@dataclass(slots=True)
class Word:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    size: float  # the glyphs' height: the font size as drawn
    bold: bool = False


@dataclass(slots=True)
class Line:
    """Words on one baseline that read as one piece (a line of a column, a table cell, ...)."""

    words: list[Word] = field(default_factory=list)
    x0: float = 0.0
    y0: float = 0.0
    x1: float = 0.0
    y1: float = 0.0
    size: float = 0.0

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def bold(self) -> bool:
        return sum(len(w.text) for w in self.words if w.bold) * 2 > sum(len(w.text) for w in self.words)


def make_line(words: list[Word]) -> Line:
    return Line(
        words,
        min(w.x0 for w in words),
        min(w.y0 for w in words),
        max(w.x1 for w in words),
        max(w.y1 for w in words),
        statistics.median(w.size for w in words),
    )


def rows_of(lines: list[Line]) -> list[list[Line]]:
    """Lines grouped into rows that share a baseline, each row left to right."""
    rows: list[list[Line]] = []
    for line in sorted(lines, key=lambda l: (l.y0 + l.y1, l.x0)):
        middle = (line.y0 + line.y1) / 2
        if rows and rows[-1][0].y0 <= middle <= rows[-1][0].y1:
            rows[-1].append(line)
        else:
            rows.append([line])
    return [sorted(row, key=lambda l: l.x0) for row in rows]


def _characters(textpage, count: int) -> str:
    """The page's characters, one per PDFium char index (surrogate halves kept apart)."""
    buffer = (ctypes.c_ushort * (count + 1))()
    written = pdfium_c.FPDFText_GetText(textpage, 0, count, buffer)
    if written == count + 1:
        return "".join(map(chr, buffer[:count]))
    return "".join(chr(pdfium_c.FPDFText_GetUnicode(textpage, i)) for i in range(count))


def _boxes(textpage, count: int) -> list[float]:
    """Loose glyph boxes (left, top, right, bottom in PDF space), flat."""
    boxes = (ctypes.c_float * (4 * count))()
    handle = ctypes.cast(textpage, ctypes.c_void_p).value
    base = ctypes.addressof(boxes)
    for i in range(count):
        _loose_box(handle, i, base + 16 * i)
    return boxes


def _is_bold(textpage, index: int, name: ctypes.Array) -> bool:
    if pdfium_c.FPDFText_GetFontWeight(textpage, index) >= BOLD_WEIGHT:
        return True
    pdfium_c.FPDFText_GetFontInfo(textpage, index, name, len(name), None)
    lowered = name.value.lower()
    return any(part in lowered for part in BOLD_NAMES)


def _rotated(textpage, index: int, matrix: pdfium_c.FS_MATRIX) -> bool:
    """Text turned away from the horizontal (italic's slant is not a turn)."""
    pdfium_c.FPDFText_GetMatrix(textpage, index, matrix)
    return abs(matrix.b) > ROTATION * abs(matrix.a) or matrix.a < 0


def page_words(textpage, box: tuple[float, float, float, float]) -> list[list[Word]]:
    """The page's words, in line pieces as the content stream draws them, in
    points from the top left corner of the page's visible box (left, bottom,
    right, top); glyphs outside it are not seen on the page and left out.

    A piece ends where the next glyph leaves the baseline, jumps back or jumps
    far ahead; rotated text (chart axes, margin stamps) is left out."""
    count = pdfium_c.FPDFText_CountChars(textpage)
    if count <= 0:
        return []
    chars = _characters(textpage, count)
    boxes = _boxes(textpage, count)
    left, bottom, right, top = box
    width, height = right - left, top - bottom
    pieces: list[list[list]] = []
    piece: list[list] = []  # glyphs: [text, x0, y0, x1, y1, space before it, char index]
    space = False  # a word break before the next glyph
    space_box = None  # (x0, x1) of a space character before the next glyph, if it may take no room
    pending = ""  # an accent waiting for its letter
    matrix = pdfium_c.FS_MATRIX()
    i = 0
    while i < count:
        ch, index = chars[i], i
        i += 1
        if ch in BREAKS:  # the PDF's own spaces, and those PDFium adds where it sees a word gap
            x0, x1 = boxes[4 * index] - left, boxes[4 * index + 2] - left
            if ch == " " and x1 > x0 and not space:
                space_box = (x0, x1)
            else:
                space, space_box = True, None
            continue
        code = ord(ch)
        if 0xD800 <= code < 0xDC00 and i < count:
            ch = (ch + chars[i]).encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
            i += 1
        elif 0x300 <= code < 0x370:  # a combining accent follows its letter
            if piece and not (space or space_box):
                piece[-1][0] += ch
            else:
                pending += ch
            continue
        else:
            ch = SUBSTITUTES.get(ch, ch)
        box_left, box_top, box_right, box_bottom = boxes[4 * index : 4 * index + 4]
        x0, y0, x1, y1 = box_left - left, top - box_top, box_right - left, top - box_bottom
        if y1 <= y0 or x1 < x0 or not (0 <= (x0 + x1) / 2 <= width and 0 <= (y0 + y1) / 2 <= height):
            continue  # nothing drawn, or drawn outside the page's visible box
        if ch in SPACING_ACCENTS and piece and _overlaps(piece[-1], x0, x1):
            piece[-1][0] += SPACING_ACCENTS[ch]
            continue
        if pending:
            ch, pending = ch + pending, ""
        if space_box:
            space = bool(piece) and not _void_space(piece[-1], space_box, x0)
            space_box = None
        if piece and _leaves_piece(piece[-1], x0, y0, y1):
            pieces.append(piece)
            piece = []
        if piece or not _rotated(textpage, index, matrix):
            piece.append([ch, x0, y0, x1, y1, space, index])
        space = False
    if piece:
        pieces.append(piece)
    name = ctypes.create_string_buffer(64)
    return [_words(p, textpage, name) for p in pieces]


def _leaves_piece(last: list, x0: float, y0: float, y1: float) -> bool:
    """Does a glyph at (x0, y0, y1) leave the line piece whose last glyph is `last`?"""
    h, lh = y1 - y0, last[4] - last[2]
    gap = x0 - last[3]
    overlap = min(y1, last[4]) - max(y0, last[2])
    return overlap < 0.5 * min(h, lh) or gap < -BACKWARDS * max(h, lh) or gap > PIECE_GAP * max(h, lh)


def _void_space(glyph: list, space: tuple[float, float], x0: float) -> bool:
    """A space character that takes no room is no space: the next glyph starts
    where it starts (hyphenation points in PrinceXML files), or it is drawn
    inside the glyph before it (after some ligatures)."""
    start, end = space
    width = end - start
    return x0 - start < VOID_SPACE * width or end <= glyph[3] + VOID_SPACE * width


def _overlaps(glyph: list, x0: float, x1: float) -> bool:
    """An accent glyph drawn over the previous letter."""
    return min(x1, glyph[3]) - max(x0, glyph[1]) > 0.3 * (x1 - x0)


def _words(piece: list[list], textpage, name) -> list[Word]:
    """Split a line piece into words at spaces and at gaps wider than its usual letter gap."""
    gaps = [b[1] - a[3] for a, b in zip(piece, piece[1:]) if not b[5]]
    usual = max(0.0, statistics.median(gaps)) if len(gaps) >= 3 else 0.0
    words: list[Word] = []
    start = 0
    for k in range(1, len(piece) + 1):
        if k < len(piece):
            glyph, before = piece[k], piece[k - 1]
            h = max(glyph[4] - glyph[2], before[4] - before[2])
            if not glyph[5] and glyph[1] - before[3] <= usual + WORD_GAP * h:
                continue
        glyphs = piece[start:k]
        first = glyphs[0]
        text = unicodedata.normalize("NFC", "".join(g[0] for g in glyphs))
        words.append(Word(
            text,
            first[1],
            min(g[2] for g in glyphs),
            max(g[3] for g in glyphs),
            max(g[4] for g in glyphs),
            max(g[4] - g[2] for g in glyphs),
            _is_bold(textpage, first[6], name),
        ))
        start = k
    return words
