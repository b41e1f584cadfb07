"""PDFium's characters -> words -> line pieces, with their boxes and font size.

Each character's loose box (one ctypes call each) goes into arrays, and the
page is worked on at once (numpy). Spacing comes from the characters and
their boxes, not from PDFium's text rectangles (they cut "art ikel"): a word
ends at a space character that takes room on the page (PrinceXML writes
spaces the next letter sits on) or one PDFium infers from a gap, and where
the gap between two glyphs is wider than the line's usual letter gap by
WORD_GAP of the font size (letter-spaced headings keep their words whole).
Combining accents drawn as glyphs of their own join their letters (NFC).
Coordinates are points, top-down, on the page as shown: x0 left, y0 top,
x1 right, y1 bottom.
"""
from __future__ import annotations

import ctypes
import math
import unicodedata
from collections import Counter
from dataclasses import dataclass

import numpy as np
import pypdfium2.raw as pdfium_c

# Gap between glyph boxes, as a share of the glyph height, above the line's usual
# letter gap, that separates words where no space character stands: letters of a
# word mostly sit within 0.03 of each other, but tight kerning leaves up to 0.07
# ("o m", "Sjös tröm" in the real PDFs); words without a space character stand at
# least 0.08 apart there (PDFium's own spacing agrees).
WORD_GAP = 0.075
# A glyph this far left of the previous one (share of its height) starts a new piece.
BACKWARDS = 0.5
# Glyphs further apart than this (share of the height) are not one line piece:
# they are columns or table cells, joined later if the layout says so.
PIECE_GAP = 3.0
# Text whose glyph matrix turns it more than this (tan of the angle) is not read: chart axes, stamps.
ROTATION = 0.1
CLIMB = 1.6  # a piece that spans this many glyph heights from top to bottom climbs (is turned)
# A space character whose box the next glyph starts within this share of its width
# (or that ends within it of the glyph before) takes no room.
VOID_SPACE = 0.25
BOLD_WEIGHT = 600
BOLD_NAMES = (b"bold", b"semibold", b"demi", b"black", b"heavy")
ITALIC_FLAG = 1 << 6  # the font descriptor's Italic flag
# Characters that part words: spaces, tabs and PDFium's own line breaks.
BREAKS = " \t\r\n\u00a0\u2028\u2029"
# A piece whose smallest letter gap is this wide (share of the font size) is letter-spaced.
LETTER_SPACED = 0.04
# A glyph drawn again where the same glyph already stands (within DRAWN_TWICE points: a
# shadow, a fake bold, a chart's labels drawn twice) is read once.
DRAWN_TWICE = 1.0
# PDFium's marks for a hyphen it saw at a line end, and symbol-font bullets in the
# Private Use Area (Symbol's U+F0B7, Wingdings' U+F06E, ...).
SUBSTITUTES = str.maketrans({
    "\x02": "-", "\ufffe": "-",
    "\uf0b7": "•", "\uf06e": "▪", "\uf0a7": "▪", "\uf076": "❖", "\uf0d8": "➢", "\uf0fc": "✓", "\uf02d": "–",
})
# Spacing accents that some PDFs draw as their own glyph over or beside a letter.
SPACING_ACCENTS = {"\u00a8": "\u0308", "\u02da": "\u030a", "\u00b4": "\u0301", "`": "\u0300", "\u02c6": "\u0302"}


def _code_table(chars) -> np.ndarray:
    """Which UTF-16 code units are among `chars`, as a table indexed by the unit."""
    table = np.zeros(0x10000, dtype=bool)
    table[[ord(c) for c in chars]] = True
    return table


IS_BREAK = _code_table(BREAKS)
IS_SPACING_ACCENT = _code_table(SPACING_ACCENTS)
IS_SUBSTITUTED = _code_table(chr(code) for code in SUBSTITUTES)

# PDFium's per-character calls made on plain addresses, without pypdfium2's argument conversions.
_BOX = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_int, ctypes.c_void_p)
_loose_box = _BOX(ctypes.cast(pdfium_c.FPDFText_GetLooseCharBox, ctypes.c_void_p).value)
_FONT_INFO = ctypes.CFUNCTYPE(ctypes.c_ulong, ctypes.c_void_p, ctypes.c_int, ctypes.c_void_p, ctypes.c_ulong, ctypes.c_void_p)
_font_info = _FONT_INFO(ctypes.cast(pdfium_c.FPDFText_GetFontInfo, ctypes.c_void_p).value)
_text_object = ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int)(
    ctypes.cast(pdfium_c.FPDFText_GetTextObject, ctypes.c_void_p).value)
_object_font = ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p)(ctypes.cast(pdfium_c.FPDFTextObj_GetFont, ctypes.c_void_p).value)


@dataclass(slots=True)
class Word:
    """A word as drawn: its text, its box and its font's size and style."""

    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    size: float  # the glyphs' height: the font size as drawn
    bold: bool = False
    italic: bool = False


@dataclass(slots=True)
class Line:
    """Words on one baseline that read as one piece (a line of a column, a table cell, ...)."""

    words: list[Word]
    x0: float
    y0: float
    x1: float
    y1: float
    size: float  # the words' median font size
    text: str
    bold: bool  # most of its letters are bold
    italic: bool  # ... or italic


@dataclass(slots=True)
class Piece:
    """Words drawn one after the other on one baseline, before lines are made:
    only what grouping them into rows needs."""

    words: list[Word]
    x0: float = 0.0
    y0: float = 0.0
    y1: float = 0.0

    def measured(self) -> "Piece":
        """The piece with its box taken from its words."""
        self.x0 = min([w.x0 for w in self.words])
        self.y0 = min([w.y0 for w in self.words])
        self.y1 = max([w.y1 for w in self.words])
        return self


def make_line(words: list[Word]) -> Line:
    """A line of the words, with their box, font size and text."""
    if len(words) == 1:
        w = words[0]
        return Line(words, w.x0, w.y0, w.x1, w.y1, w.size, w.text, w.bold, w.italic)
    sizes = sorted([w.size for w in words])
    letters = [len(w.text) for w in words]
    half = sum(letters) / 2
    return Line(
        words,
        min([w.x0 for w in words]),
        min([w.y0 for w in words]),
        max([w.x1 for w in words]),
        max([w.y1 for w in words]),
        sizes[len(sizes) // 2],
        " ".join([w.text for w in words]),
        sum([n for n, w in zip(letters, words) if w.bold]) > half,
        sum([n for n, w in zip(letters, words) if w.italic]) > half,
    )


def rows_of(lines: list) -> list[list]:
    """Lines (or pieces) grouped into rows that share a baseline, each row left to right."""
    rows: list[list[Line]] = []
    for line in sorted(lines, key=lambda l: (l.y0 + l.y1, l.x0)):
        middle = (line.y0 + line.y1) / 2
        if rows and rows[-1][0].y0 <= middle <= rows[-1][0].y1:
            rows[-1].append(line)
        else:
            rows.append([line])
    return [sorted(row, key=lambda l: l.x0) for row in rows]


def _codes(textpage, count: int) -> np.ndarray:
    """The page's characters as UTF-16 code units, one per PDFium char index."""
    buffer = (ctypes.c_ushort * (count + 1))()
    if pdfium_c.FPDFText_GetText(textpage, 0, count, buffer) == count + 1:
        return np.frombuffer(buffer, dtype=np.uint16, count=count).copy()
    return np.array([pdfium_c.FPDFText_GetUnicode(textpage, i) & 0xFFFF for i in range(count)], dtype=np.uint16)


def _boxes(textpage, codes: np.ndarray) -> np.ndarray:
    """Loose glyph boxes, one row (left, top, right, bottom in PDF space) per char;
    line breaks (PDFium's own, a fifth of the chars) need none and get zeros."""
    boxes = np.zeros((len(codes), 4), dtype=np.float32)
    handle = ctypes.cast(textpage, ctypes.c_void_p).value
    base = boxes.ctypes.data
    for i in np.flatnonzero((codes != 13) & (codes != 10)).tolist():
        _loose_box(handle, i, base + 16 * i)
    return boxes


class _Styles:
    """Bold and italic of a glyph's font, from its weight, flags and name; worked
    out once per font on a page (the glyph's text object names its font)."""

    def __init__(self, textpage) -> None:
        self.textpage = textpage
        self.handle = ctypes.cast(textpage, ctypes.c_void_p).value
        self.name, self.flags = ctypes.create_string_buffer(64), ctypes.c_int()
        self.known: dict[tuple[bytes, int], tuple[bool, bool]] = {}  # by font name and flags
        self.by_font: dict[int, tuple[bool, bool]] = {}  # by PDFium's font handle

    def __call__(self, index: int) -> tuple[bool, bool]:
        font = _object_font(_text_object(self.handle, index))
        style = self.by_font.get(font) if font else None
        if style is None:
            style = self._style(index)
            if font:
                self.by_font[font] = style
        return style

    def _style(self, index: int) -> tuple[bool, bool]:
        needed = _font_info(self.handle, index, None, 0, ctypes.addressof(self.flags))
        if needed > len(self.name):
            self.name = ctypes.create_string_buffer(needed)
        _font_info(self.handle, index, ctypes.addressof(self.name), len(self.name), ctypes.addressof(self.flags))
        key = (self.name.value, self.flags.value)
        if key not in self.known:
            lowered = key[0].lower()
            weight = pdfium_c.FPDFText_GetFontWeight(self.textpage, index)
            bold = weight >= BOLD_WEIGHT or any(part in lowered for part in BOLD_NAMES)
            italic = bool(key[1] & ITALIC_FLAG) or b"italic" in lowered or b"oblique" in lowered
            self.known[key] = (bold, italic)
        return self.known[key]


def _turn(textpage, index: int, matrix: pdfium_c.FS_MATRIX, rotation: int) -> int:
    """How far (degrees counter-clockwise, a multiple of 90 when it is one) the
    glyph's text is turned from the horizontal of the page as shown; 0 when it
    is not (italic's slant is no turn)."""
    pdfium_c.FPDFText_GetMatrix(textpage, index, matrix)
    turn = math.radians(rotation)
    along = matrix.a * math.cos(turn) + matrix.b * math.sin(turn)
    across = matrix.b * math.cos(turn) - matrix.a * math.sin(turn)
    if abs(across) <= ROTATION * abs(along) and along > 0:
        return 0
    degrees = round(math.degrees(math.atan2(across, along))) % 360
    quarter = round(degrees / 90) * 90 % 360
    return quarter if abs(degrees - quarter) <= 5 or abs(degrees - quarter) >= 355 else degrees or 1


def _turned(x0, y0, x1, y1, width: float, height: float, rotation: int):
    """Boxes (top-down, in the page's own space) as the page is shown, turned
    `rotation` degrees clockwise; with the shown page's width and height."""
    if rotation == 90:
        return height - y1, x0, height - y0, x1, height, width
    if rotation == 180:
        return width - x1, height - y1, width - x0, height - y0, width, height
    if rotation == 270:
        return y0, width - x1, y1, width - x0, height, width
    return x0, y0, x1, y1, width, height


def page_words(textpage, box: tuple[float, float, float, float], rotation: int = 0) -> list[Piece]:
    """The page's words, in line pieces as the content stream draws them, in
    points from the top left corner of the page's visible box (left, bottom,
    right, top) as it is shown: turned by the page's `rotation` (0, 90, 180
    or 270 degrees clockwise, a landscape table's page); glyphs outside the
    box are not seen on the page and left out.

    A piece ends where the next glyph leaves the baseline, jumps back or jumps
    far ahead; rotated text (chart axes, margin stamps) is left out. The work
    is done on arrays of all the page's characters at once (numpy)."""
    count = pdfium_c.FPDFText_CountChars(textpage)
    if count <= 0:
        return []
    codes = _codes(textpage, count)
    boxes = _boxes(textpage, codes)
    left, bottom, right, top = box
    x0, y0, x1, y1, width, height = _turned(
        boxes[:, 0] - left, top - boxes[:, 1], boxes[:, 2] - left, top - boxes[:, 3], right - left, top - bottom, rotation
    )
    brk = IS_BREAK[codes]
    mark = ((codes >= 0x300) & (codes < 0x370)) | ((codes >= 0xDC00) & (codes < 0xE000))
    visible = (y1 > y0) & (x1 >= x0) & (x0 + x1 >= 0) & (x0 + x1 <= 2 * width)
    visible &= (y0 + y1 >= 0) & (y0 + y1 <= 2 * height)
    glyph = ~brk & ~mark & visible
    _accents_over_letters(codes, glyph, mark, x0, x1)
    _drawn_twice(codes, glyph, x0, y0)
    g = np.flatnonzero(glyph)  # char index of each glyph, in stream order
    if not len(g):
        return []
    gx0, gx1, gy0, gy1 = x0[g], x1[g], y0[g], y1[g]
    h = gy1 - gy0
    space = _spaces_before(textpage, g, brk, x0, x1, gx0, gx1, left if rotation == 0 else None)
    gap = gx0[1:] - gx1[:-1]
    high = np.maximum(h[1:], h[:-1])
    overlap = np.minimum(gy1[1:], gy1[:-1]) - np.maximum(gy0[1:], gy0[:-1])
    new_piece = np.empty(len(g), dtype=bool)
    new_piece[0] = True
    new_piece[1:] = (overlap < 0.5 * np.minimum(h[1:], h[:-1])) | (gap < -BACKWARDS * high) | (gap > PIECE_GAP * high)
    new_word = new_piece | space
    new_word[1:] |= gap > WORD_GAP * high
    piece_starts = np.flatnonzero(new_piece)
    _letter_spaced(new_word, new_piece, piece_starts, space, gap, high)
    # A glyph's text runs from its char up to the next glyph's char: its accents, no breaks.
    keep = glyph | (mark & visible[np.maximum.accumulate(np.where(glyph, np.arange(count), 0))])
    position = np.cumsum(keep) - 1
    glyph_text = position[g]
    glyph_end = np.append(glyph_text[1:], int(keep.sum()))
    word_starts = np.flatnonzero(new_word)
    word_ends = np.append(word_starts[1:], len(g))
    texts = _word_texts(codes[keep], mark[keep], glyph_text[word_starts], glyph_end[word_ends - 1])
    boxes = zip(
        np.minimum.reduceat(gx0, word_starts).tolist(), np.minimum.reduceat(gy0, word_starts).tolist(),
        np.maximum.reduceat(gx1, word_starts).tolist(), np.maximum.reduceat(gy1, word_starts).tolist(),
        np.maximum.reduceat(h, word_starts).tolist(),
    )
    firsts = g[word_starts].tolist()  # each word's first char
    lasts = g[np.append(piece_starts[1:], len(g)) - 1].tolist()  # each piece's last char
    piece_y0, piece_y1 = np.minimum.reduceat(gy0, piece_starts), np.maximum.reduceat(gy1, piece_starts)
    # Only a piece of one or two glyphs, or one that climbs, can be turned text: ask PDFium about those.
    glyphs_in = np.diff(np.append(piece_starts, len(g)))
    may_turn = ((glyphs_in <= 2) | (piece_y1 - piece_y0 > CLIMB * np.maximum.reduceat(h, piece_starts))).tolist()
    piece_boxes = zip(np.minimum.reduceat(gx0, piece_starts).tolist(), piece_y0.tolist(), piece_y1.tolist())
    single = (word_ends - word_starts == 1).tolist()
    starts_piece = new_piece[word_starts].tolist()
    matrix, style = pdfium_c.FS_MATRIX(), _Styles(textpage)
    pieces: list[Piece] = []
    words: list[Word] | None = None
    bold = italic = False
    piece = -1
    turned: Counter[int] = Counter()  # glyphs of turned text, by how far it is turned
    for k, (text, (wx0, wy0, wx1, wy1, size)) in enumerate(zip(texts, boxes)):
        if starts_piece[k]:
            piece += 1
            px0, py0, py1 = next(piece_boxes)
            turn = _turn(textpage, firsts[k], matrix, rotation) if may_turn[piece] else 0
            if turn:
                turned[turn] += int(glyphs_in[piece])
                words = None
                continue
            first = firsts[k + 1] if single[k] and k + 1 < len(firsts) and not starts_piece[k + 1] else firsts[k]
            bold, italic = style(first)  # past a bullet in a symbol font
            if bold or italic:  # the whole piece, not a bold or italic word that opens it
                end_bold, end_italic = style(lasts[piece])
                bold, italic = bold and end_bold, italic and end_italic
            words = []
            pieces.append(Piece(words, px0, py0, py1))
        elif words is None:
            continue
        words.append(Word(text, wx0, wy0, wx1, wy1, size, bold, italic))
    if turned:  # most of the page turned a quarter or half round: a table laid sideways
        turn, count = turned.most_common(1)[0]
        if turn % 90 == 0 and count > len(g) / 2:
            return page_words(textpage, box, (rotation + turn) % 360)
    return [p for p in pieces if p.words]


def _accents_over_letters(codes: np.ndarray, glyph: np.ndarray, mark: np.ndarray, x0, x1) -> None:
    """A spacing accent (¨, ˚) drawn over the letter before it becomes that letter's combining accent."""
    for i in np.flatnonzero(IS_SPACING_ACCENT[codes] & glyph):
        before = i - 1
        while before >= 0 and not glyph[before]:
            before -= 1
        if before >= 0 and min(x1[i], x1[before]) - max(x0[i], x0[before]) > 0.3 * (x1[i] - x0[i]):
            glyph[i], mark[i] = False, True
            codes[i] = ord(SPACING_ACCENTS[chr(codes[i])])


def _drawn_twice(codes: np.ndarray, glyph: np.ndarray, x0, y0) -> None:
    """A glyph that repeats an earlier glyph's character at its place ("Billigare Billigare") is no glyph."""
    at = np.flatnonzero(glyph)
    if len(at) < 2:
        return
    scale = 1 / DRAWN_TWICE
    qx = (x0[at] * scale + 0.5).astype(np.int64) & 0xFFFFF
    qy = (y0[at] * scale + 0.5).astype(np.int64) & 0xFFFFF
    keys = (codes[at].astype(np.int64) << 40) | (qx << 20) | qy
    ordered = np.sort(keys)
    if not (ordered[1:] == ordered[:-1]).any():  # most pages: nothing drawn twice
        return
    first = np.zeros(len(at), dtype=bool)
    first[np.unique(keys, return_index=True)[1]] = True
    glyph[at[~first]] = False


def _word_texts(units: np.ndarray, marks: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> list[str]:
    """The words' texts from the kept UTF-16 units: PDFium's substitutes replaced,
    accents composed with their letters (NFC) where a word has any."""
    if ((units >= 0xD800) & (units < 0xE000)).any():  # surrogate pairs: decode word by word
        data = units.tobytes()
        texts = [data[2 * a : 2 * b].decode("utf-16-le", "surrogatepass").translate(SUBSTITUTES)
                 for a, b in zip(starts.tolist(), ends.tolist())]
    else:
        page = units.tobytes().decode("utf-16-le")
        if IS_SUBSTITUTED[units].any():
            page = page.translate(SUBSTITUTES)
        texts = [page[a:b] for a, b in zip(starts.tolist(), ends.tolist())]
    marked = np.concatenate(([0], np.cumsum(marks)))
    for k in np.flatnonzero(marked[ends] > marked[starts]).tolist():
        texts[k] = unicodedata.normalize("NFC", texts[k])
    return texts


def _spaces_before(textpage, g: np.ndarray, brk: np.ndarray, x0, x1, gx0, gx1, left: float | None) -> np.ndarray:
    """Which glyphs follow a space: any break character since the glyph before,
    except a space character that takes no room: the next glyph starts where
    it starts (hyphenation points in PrinceXML files), or it is drawn inside
    the ink of the glyph before it (after some ligatures; an italic glyph's
    loose box reaches over the space after it, its ink does not; `left` is None
    on a turned page, whose ink boxes are not looked at)."""
    space = np.zeros(len(g), dtype=bool)
    breaks = np.flatnonzero(brk)
    if not len(breaks):
        return space
    following = np.searchsorted(g, breaks)  # the glyph after each break
    inside = following < len(g)
    breaks, following = breaks[inside], following[inside]
    width = x1[breaks] - x0[breaks]
    after = gx0[following] - x0[breaks]
    before_end = np.where(following > 0, gx1[np.maximum(following - 1, 0)], -np.inf)
    void = (width > 0) & (after < VOID_SPACE * width)
    covered = (width > 0) & ~void & (x1[breaks] <= before_end + VOID_SPACE * width) & (left is not None)
    ink_left, ink_right, ink_bottom, ink_top = (ctypes.c_double() for _ in range(4))
    for k in np.flatnonzero(covered):  # inside the glyph before's loose box: is it inside its ink?
        pdfium_c.FPDFText_GetCharBox(textpage, int(g[following[k] - 1]), ink_left, ink_right, ink_bottom, ink_top)
        void[k] = x1[breaks[k]] <= ink_right.value - left + VOID_SPACE * width[k]
    space[following[~void]] = True
    return space


def _letter_spaced(new_word, new_piece, piece_starts, space, gap, high) -> None:
    """In a letter-spaced piece (every letter gap wide) words break only at gaps
    wider than its usual letter gap by WORD_GAP of the font size."""
    inner = np.append(np.inf, np.where(space[1:] | new_piece[1:], np.inf, gap / high))
    smallest = np.minimum.reduceat(inner, piece_starts)
    for p in np.flatnonzero((smallest > LETTER_SPACED) & np.isfinite(smallest)):
        a = piece_starts[p]
        b = piece_starts[p + 1] if p + 1 < len(piece_starts) else len(new_word)
        gaps = inner[a + 1 : b]
        letters = gaps[np.isfinite(gaps)]
        if len(letters) < 3:
            continue
        usual = float(np.median(letters))
        new_word[a + 1 : b] = space[a + 1 : b] | (gaps > usual + WORD_GAP)
