"""Reading order of a page: line pieces -> lines -> blocks -> blocks in reading order.

Pieces on one baseline are one line unless a column gap separates them: a
wide gap that the rows above and below leave empty too (a gutter or a table's
cell gap), not a wide space of one justified line. Lines stacked at the
block's line spacing, overlapping horizontally and of one font size make a
block. Blocks are ordered by cuts through the whitespace between them
(XY-cut): a vertical gap that runs through a region splits it into columns,
read left to right (a narrow side column of captions and fact boxes after the
main column); otherwise the region is cut into horizontal bands, and bands
that share a column gap are read as one region again.
"""
from __future__ import annotations

import statistics
from bisect import bisect_left, bisect_right
from itertools import accumulate
from collections import Counter
from dataclasses import dataclass, field

import regex

from pipeline.extract.glyphs import Line, Piece, Word, make_line, rows_of
from pipeline.extract.layout import BULLET, SENTENCE_END
from pipeline.extract.tables import is_table, table_rows

# Pieces closer than this (share of the font size) are always one line: a word space.
WORD_SPACE = 0.6
FOOTNOTE_NUMBER = regex.compile(r"^\d{1,3}\s+\S")
HEADING_BULLET = regex.compile(r"^[▪■●•◆►]\s+")  # a heading's ornament, not part of its title
# A bullet or item number, kept with its item's text however wide the gap after it.
LIST_MARKER = regex.compile(r"^(?:[•▪◦●■□○‣∙*➢✓❖\-–—]|\(?(?:\d{1,2}|[a-zA-Z])[.)])$")
# Rows within this many font sizes above and below a wide gap tell whether it is a column gap.
GAP_WINDOW = 5.0
# A lone row's pieces further apart than this (font sizes) are separate lines.
LONE_ROW_GAP = 3.0
# A column gap is at least this wide (font sizes) where the rows around it leave it empty.
MIN_GUTTER = 0.8
EDGE_ALIGN = 0.5  # a row ending (or starting) this close to a gap (font sizes) is a column's edge
# A block's second line may sit this far (font sizes) below its first; later lines
# at most PITCH_SLACK font sizes further apart than the lines before them.
FIRST_LINE_GAP = 0.6
PITCH_SLACK = 0.25
SIZE_TOLERANCE = 0.12  # lines of one block differ in font size by less than this share
MIN_CUT = 4.0
BAND_OVERLAP = 0.3  # blocks overlapping by less than this (font sizes) are in separate bands  # points of empty width that can separate columns
# A line indented this far (font sizes) after one that ends this far short of the
# block's right edge starts a paragraph.
INDENT = 0.8
SHORT_LINE = 2.0
SIDE_COLUMN = 0.4
SIDE_RATIO = 1.5  # ... beside a main column at least this many times as wide
SIDE_SIZE = 0.92  # ... and in a font smaller than this share of the main column's
# A block of at most HEADING_LINES lines and HEADING_CHARS characters, not ending a
# sentence, is a heading when its font is HEADING_SIZE times the body's, or bold or
# italic all through; text below the body in a font smaller
# than FOOTNOTE_SIZE times the body's is footnotes.
HEADING_LINES = 3
HEADING_CHARS = 160
HEADING_SIZE = 1.12
FOOTNOTE_SIZE = 0.92  # a column narrower than this share of its region beside a wider one is a side column


@dataclass(slots=True)
class Block:
    lines: list[Line] = field(default_factory=list)
    x0: float = 0.0
    y0: float = 0.0
    x1: float = 0.0
    y1: float = 0.0
    rows: list[list[str]] | None = None  # a table's rows of cells, read row by row

    def add(self, line: Line) -> None:
        if not self.lines:
            self.x0, self.y0, self.x1, self.y1 = line.x0, line.y0, line.x1, line.y1
        else:
            self.x0, self.y0 = min(self.x0, line.x0), min(self.y0, line.y0)
            self.x1, self.y1 = max(self.x1, line.x1), max(self.y1, line.y1)
        self.lines.append(line)

    @property
    def size(self) -> float:
        return statistics.median(l.size for l in self.lines)


class _Row:
    """A row's words left to right, with what the column-gap test looks up (bisect)."""

    __slots__ = ("words", "y", "x0s", "reach", "ends")

    def __init__(self, words: list[Word]) -> None:
        self.words = sorted(words, key=lambda w: w.x0)
        self.y = (self.words[0].y0 + self.words[0].y1) / 2
        self.x0s = [w.x0 for w in self.words]
        self.reach = list(accumulate((w.x1 for w in self.words), max))  # furthest right so far
        self.ends = sorted(w.x1 for w in self.words)

    def crosses(self, left: float, right: float) -> bool:
        i = bisect_left(self.x0s, right) - 1  # the last word starting left of `right`
        return i >= 0 and self.reach[i] > left

    def spans(self, a: float, b: float) -> list[tuple[float, float]]:
        """The parts of [a, b] its words cover."""
        first, last = bisect_right(self.reach, a), bisect_left(self.x0s, b)
        return [(max(a, w.x0), min(b, w.x1)) for w in self.words[first:last] if w.x1 > a]

    def ends_near(self, x: float, tolerance: float) -> bool:
        i = bisect_left(self.ends, x - tolerance)
        return i < len(self.ends) and self.ends[i] <= x + tolerance

    def starts_near(self, x: float, tolerance: float) -> bool:
        i = bisect_left(self.x0s, x - tolerance)
        return i < len(self.x0s) and self.x0s[i] <= x + tolerance


def _is_column_gap(a: float, b: float, size: float, row_index: int, rows: list[_Row]) -> bool:
    """Is the wide gap [a, b] of a row a column gap (a gutter, a table's cell gap)
    rather than a justified line's wide space? Look at its least crossed part,
    MIN_GUTTER font sizes wide or more, in the rows around: it is a column gap
    when more of them leave it empty with text on both sides of it, or end or
    start right at the gap (a column's edge), than cross it; rows that only
    end short or start late say nothing."""
    if b - a < MIN_GUTTER * size:
        return False
    y = rows[row_index].y
    neighbours = [
        rows[k] for k in range(max(0, row_index - 8), min(len(rows), row_index + 9))
        if k != row_index and abs(rows[k].y - y) <= GAP_WINDOW * size
    ]
    part = _least_crossed(a, b, neighbours, MIN_GUTTER * size)
    if part is None:
        return not neighbours and b - a > LONE_ROW_GAP * size
    left, right = part
    crossing = supporting = 0
    tolerance = EDGE_ALIGN * size
    for row in neighbours:
        if row.crosses(left, right):
            crossing += 1
        elif row.ends_near(a, tolerance) or row.starts_near(b, tolerance):
            supporting += 1
        elif row.ends[0] <= left and row.x0s[-1] >= right:
            supporting += 1
    if crossing == supporting == 0:
        return b - a > LONE_ROW_GAP * size
    return supporting > crossing


def _least_crossed(a: float, b: float, rows: list[_Row], width: float) -> tuple[float, float] | None:
    """The widest part of [a, b], at least `width` wide, that the fewest of the rows' words cross."""
    edges: list[tuple[float, int]] = []  # +1 where a word starts crossing, -1 where it stops
    for row in rows:
        for x0, x1 in row.spans(a, b):
            edges += [(x0, 1), (x1, -1)]
    if not edges:
        return (a, b) if b - a >= width else None
    segments: list[tuple[float, float, int]] = []  # (start, end, words crossing it)
    crossing, start = 0, a
    for x, step in sorted(edges) + [(b, 0)]:
        if x > start:
            segments.append((start, x, crossing))
        crossing += step
        start = max(start, x)
    for most in sorted({c for _, _, c in segments}):
        runs: list[list[float]] = []
        for x0, x1, c in segments:
            if c > most:
                continue
            if runs and runs[-1][1] == x0:
                runs[-1][1] = x1
            else:
                runs.append([x0, x1])
        widest = max(runs, key=lambda r: r[1] - r[0])
        if widest[1] - widest[0] >= width:
            return widest[0], widest[1]
    return None


def page_lines(pieces: list[Piece]) -> list[Line]:
    """Join the words of each row into lines, except across column gaps."""
    rows = [_Row([w for line in row for w in line.words]) for row in rows_of(pieces)]
    lines: list[Line] = []
    for index, row in enumerate(rows):
        words = row.words
        start = 0
        for k in range(1, len(words)):
            before, word = words[k - 1], words[k]
            size = min(before.size, word.size)
            if (
                word.x0 - before.x1 >= WORD_SPACE * size
                and not (k - start == 1 and LIST_MARKER.match(before.text))
                and _is_column_gap(before.x1, word.x0, size, index, rows)
            ):
                lines.append(make_line(words[start:k]))
                start = k
        lines.append(make_line(words[start:]))
    return lines


def _fits(block: Block, line: Line) -> bool:
    """Does the line continue the block: just below its last line, overlapping it, same font size?"""
    last = block.lines[-1]
    if min(line.x1, block.x1) - max(line.x0, block.x0) <= 0:
        return False
    if abs(line.size - last.size) > SIZE_TOLERANCE * max(line.size, last.size):
        return False
    gap = line.y0 - last.y1
    if gap < -0.3 * line.size:
        return False
    if len(block.lines) == 1:
        return gap <= FIRST_LINE_GAP * line.size
    pitch = last.y1 - block.lines[-2].y1  # from bottom to bottom: a raised footnote mark moves a top
    return line.y1 - last.y1 <= pitch + PITCH_SLACK * line.size


def page_blocks(lines: list[Line]) -> list[Block]:
    """Group lines, top to bottom, into blocks of evenly spaced lines."""
    blocks: list[Block] = []
    open_blocks: list[Block] = []
    for line in sorted(lines, key=lambda l: (l.y0, l.x0)):
        # Blocks that ended well above this line are closed for good.
        open_blocks = [b for b in open_blocks if line.y0 - b.y1 <= 3 * line.size]
        fitting = [b for b in open_blocks if _fits(b, line)]
        if fitting:
            best = max(fitting, key=lambda b: min(line.x1, b.x1) - max(line.x0, b.x0))
            best.add(line)
        else:
            block = Block()
            block.add(line)
            blocks.append(block)
            open_blocks.append(block)
    return blocks


def _vertical_cut(blocks: list[Block]) -> float | None:
    """The x of the widest empty vertical band between blocks, if any splits them."""
    spans = sorted((b.x0, b.x1) for b in blocks)
    best, edge = None, spans[0][1]
    for x0, x1 in spans[1:]:
        if x0 - edge >= MIN_CUT and (best is None or x0 - edge > best[0]):
            best = (x0 - edge, (edge + x0) / 2)
        edge = max(edge, x1)
    return None if best is None else best[1]


def _bands(blocks: list[Block]) -> list[list[Block]]:
    """Blocks cut into horizontal bands at every horizontal gap (glyph boxes of
    neighbouring lines may overlap a little: that is no overlap)."""
    bands: list[list[Block]] = []
    bottom = 0.0
    for block in sorted(blocks, key=lambda b: (b.y0, b.x0)):
        if bands and block.y0 < bottom - BAND_OVERLAP * block.lines[0].size:
            bands[-1].append(block)
            bottom = max(bottom, block.y1)
        else:
            bands.append([block])
            bottom = block.y1
    return bands


def _columns_first(left: list[Block], right: list[Block]) -> tuple[list[Block], list[Block]]:
    """Left column before right, except that a side column (narrow, in a smaller
    font: captions, chart titles, fact boxes) comes after the main one."""
    def width(part: list[Block]) -> float:
        return max(b.x1 for b in part) - min(b.x0 for b in part)

    def size(part: list[Block]) -> float:
        sizes = sorted(line.size for b in part for line in b.lines)
        return sizes[len(sizes) // 2]

    narrow = width(left) < SIDE_COLUMN * (width(left) + width(right)) and width(right) > SIDE_RATIO * width(left)
    if narrow and size(left) < SIDE_SIZE * size(right):
        return right, left
    return left, right


def order(blocks: list[Block]) -> list[Block]:
    """Blocks in reading order (recursive XY-cut; see the module docstring)."""
    if len(blocks) <= 1:
        return list(blocks)
    cut = _vertical_cut(blocks)
    if cut is not None:
        lines = [line for block in blocks for line in block.lines]
        if is_table(lines):
            table = Block(rows=table_rows(lines))
            for line in sorted(lines, key=lambda l: (l.y0, l.x0)):
                table.add(line)
            return [table]
        left = [b for b in blocks if b.x1 <= cut]
        right = [b for b in blocks if b.x0 >= cut]
        first, second = _columns_first(left, right)
        return order(first) + order(second)
    bands = _bands(blocks)
    if len(bands) == 1:
        return sorted(blocks, key=lambda b: (b.y0, b.x0))
    # Neighbouring bands that share a column gap are one region (two columns whose
    # paragraph gaps happen to line up must not be read across).
    regions: list[list[Block]] = [bands[0]]
    for band in bands[1:]:
        if _vertical_cut(regions[-1]) is not None and _vertical_cut(regions[-1] + band) is not None:
            regions[-1] = regions[-1] + band
        else:
            regions.append(band)
    return [b for region in regions for b in order(region)]


def body_size(pages: list[list[Block]]) -> float:
    """The document's body text size: the font size most of its characters have."""
    sizes: Counter[float] = Counter()
    for blocks in pages:
        for block in blocks:
            for line in block.lines:
                sizes[round(line.size, 1)] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def paragraphs(blocks: list[Block], body: float) -> list[tuple[str, list[str]]]:
    """A page's blocks as paragraphs of text lines, each with what the layout
    says it is: "table_row", "heading" (larger, bold or italic short lines,
    without a leading bullet), "footnote" (small text below the page's body text,
    starting with its number) or "text"."""
    body_bottom = max((b.y1 for b in blocks if b.size >= FOOTNOTE_SIZE * body), default=0.0)
    out: list[tuple[str, list[str]]] = []
    previous: Block | None = None  # the block of the last paragraph of text
    for block in blocks:
        if block.rows is not None:
            out += [("table_row", [" | ".join(cells)]) for cells in block.rows]
        elif block.y0 >= body_bottom and block.size < FOOTNOTE_SIZE * body and FOOTNOTE_NUMBER.match(block.lines[0].text):
            out += [("footnote", para) for para in _footnotes(block)]
        else:
            for k, lines in enumerate(_split(block)):
                if _is_heading(lines, body):
                    out.append(("heading", [HEADING_BULLET.sub("", lines[0].text)] + [line.text for line in lines[1:]]))
                elif k == 0 and previous is not None and out[-1][0] == "text" and _goes_on(previous, block, out[-1][1]):
                    out[-1][1].extend(line.text for line in lines)
                else:
                    out.append(("text", [line.text for line in lines]))
            previous = block
    return out


def _goes_on(previous: Block, block: Block, text: list[str]) -> bool:
    """A paragraph cut by a column break: the block starts higher up, in lower
    case, after a paragraph that ended mid-sentence."""
    return block.y0 < previous.y0 and block.lines[0].text[:1].islower() and not SENTENCE_END.search(text[-1])


def _is_heading(lines: list[Line], body: float) -> bool:
    text = " ".join(line.text for line in lines)
    if len(lines) > HEADING_LINES or len(text) > HEADING_CHARS or text.rstrip()[-1:] in ".!?;" or not any(ch.isalpha() for ch in text):
        return False
    size = sorted(line.size for line in lines)[len(lines) // 2]
    styled = all(line.bold for line in lines) or all(line.italic for line in lines)
    return size >= HEADING_SIZE * body or (styled and size >= 0.9 * body)


def _footnotes(block: Block) -> list[list[str]]:
    """A block of footnotes cut at each line that starts with a note's number."""
    notes: list[list[str]] = []
    for line in block.lines:
        if not notes or FOOTNOTE_NUMBER.match(line.text):
            notes.append([])
        notes[-1].append(line.text)
    return notes


def _split(block: Block) -> list[list[Line]]:
    """A block's lines cut into paragraphs: at a bullet, at an indented line after
    a short one or a sentence's end, at an outdented line (a hanging list item),
    after a short bold line (a heading, unless the sentence goes on)."""
    margin = Counter(round(line.x0) for line in block.lines).most_common(1)[0][0]
    paras: list[list[Line]] = [[]]
    previous = None
    for line in block.lines:
        if previous is not None and _starts_paragraph(block, margin, previous, line):
            paras.append([])
        paras[-1].append(line)
        previous = line
    return paras


def _starts_paragraph(block: Block, margin: float, previous: Line, line: Line) -> bool:
    if BULLET.match(line.text):
        return True
    indent = (line.x0 - margin) / line.size
    short = block.x1 - previous.x1 > SHORT_LINE * line.size
    ended = short or previous.text.rstrip()[-1:] in ".!?:"
    after_bold = previous.bold and not line.bold and short and not line.text[:1].islower()
    bold_lead = line.bold and not previous.bold and short  # a paragraph opening in bold
    return indent < -INDENT or (indent > INDENT and ended) or after_bold or bold_lead
