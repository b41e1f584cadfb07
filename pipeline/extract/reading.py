"""Reading order: lines -> blocks -> blocks in reading order.

Lines stacked at the block's line spacing, overlapping horizontally and of
one font size make a block. Blocks are ordered by cuts through the whitespace
between them (XY-cut): a vertical gap that runs through a region splits it
into columns, read left to right (a narrow side column of captions and fact
boxes in a smaller font after the main column); otherwise the region is cut
into horizontal bands, and bands that share a column gap are read as one
region again (two columns whose paragraph gaps line up are not read across).
A region of short lines on shared baselines is a table, read row by row.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from reformtrace.extract.glyphs import Line
from reformtrace.extract.tables import is_table, table_rows

# A block's second line may sit this far (font sizes) below its first; later lines
# at most PITCH_SLACK font sizes further apart than the lines before them.
FIRST_LINE_GAP = 0.6
PITCH_SLACK = 0.25
SIZE_TOLERANCE = 0.12  # lines of one block differ in font size by less than this share
MIN_CUT = 4.0  # points of empty width that can separate columns
BAND_OVERLAP = 0.3  # blocks overlapping by less than this (font sizes) are in separate bands
# A column narrower than SIDE_COLUMN of its region, beside one SIDE_RATIO times as wide,
# in a font smaller than SIDE_SIZE of the wide one's, is a side column, read after it.
SIDE_COLUMN = 0.4
SIDE_RATIO = 1.5
SIDE_SIZE = 0.92


@dataclass(slots=True)
class Block:
    """Lines that read as one unit (a paragraph or a few, a heading, a cell), or a table."""

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
        """The median font size of its lines."""
        sizes = sorted(line.size for line in self.lines)
        return sizes[len(sizes) // 2]


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
