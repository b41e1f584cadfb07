"""Tables: a region whose lines stand in rows of aligned cells is read row by row.

Called by the reading order on a region that a vertical gap splits: two
columns of running text are not a table (their lines hold many words), but
short lines that share baselines across the gap in many rows are, when most rows
have a label (a chart's axes hold only numbers). Each baseline is a row, its lines are the cells; a row of fewer
cells just below one, in columns that row fills, goes on with its cells (a
cell of two lines).
"""
from __future__ import annotations

import regex

from reformtrace.extract.glyphs import Line, rows_of

MIN_ROWS = 3  # rows of two cells or more that make a table
ROW_SHARE = 0.4  # ... and at least this share of its rows
LABEL = regex.compile(r"\p{L}{2}")  # a cell with a word in it
CELL_WORDS = 4  # a table's cells hold this many words or fewer (median); running text's lines more
FLOWING = 0.25  # running text: more than this share of its lines go on in the next line
BASELINE = 0.2  # cells of one row sit on one baseline: their bottoms differ by less (font sizes)
CONTINUATION_GAP = 0.4  # a cell's next line sits at most this far below (font sizes)


def columns(lines: list[Line]) -> list[tuple[float, float]]:
    """The x-ranges that the lines cover, with empty space between them."""
    spans: list[list[float]] = []
    for line in sorted(lines, key=lambda l: l.x0):
        if spans and line.x0 < spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], line.x1)
        else:
            spans.append([line.x0, line.x1])
    return [(a, b) for a, b in spans]


def is_table(lines: list[Line]) -> bool:
    """Rows of short lines on shared baselines, most of them with a label: a
    table, not columns of running text, nor a chart's axes (numbers only)."""
    rows = [row for row in rows_of(lines) if len(row) >= 2 and _one_baseline(row)]
    labelled = sum(any(LABEL.search(line.text) for line in row) for row in rows)
    words = sorted(len(line.words) for line in lines)
    return (
        len(rows) >= MIN_ROWS
        and len(rows) >= ROW_SHARE * len(rows_of(lines))
        and 2 * labelled >= len(rows)
        and words[len(words) // 2] <= CELL_WORDS
        and _flowing(lines) < FLOWING * len(lines)
    )


def _flowing(lines: list[Line]) -> int:
    """How many lines go on in the line just below them, in lower case: running
    text does (narrow columns too), a table's cells seldom."""
    count = 0
    for line in lines:
        below = [m for m in lines if 0 <= m.y0 - line.y1 < line.size and min(m.x1, line.x1) > max(m.x0, line.x0)]
        if below and min(below, key=lambda m: m.y0).text[:1].islower():
            count += 1
    return count


def _one_baseline(row: list[Line]) -> bool:
    size = min(line.size for line in row)
    return max(line.y1 for line in row) - min(line.y1 for line in row) <= BASELINE * size


def table_rows(lines: list[Line]) -> list[list[str]]:
    """The table's rows, each a list of cell texts left to right."""
    spans = columns(lines)

    def column(line: Line) -> int:
        return next(i for i, (a, b) in enumerate(spans) if a <= line.x0 < b + 0.01)

    out: list[dict[int, str]] = []
    previous: list[Line] = []
    for row in rows_of(lines):
        cells: dict[int, str] = {}
        for line in row:  # two lines in one column of a row are one cell: never drop text
            k = column(line)
            cells[k] = f"{cells[k]} {line.text}" if k in cells else line.text
        if previous and out and _goes_on(previous, row, {column(l) for l in previous}, cells):
            for k, text in cells.items():
                out[-1][k] += " " + text
        else:
            out.append(cells)
        previous = row
    return [[cells[k] for k in sorted(cells)] for cells in out]


def _goes_on(previous: list[Line], row: list[Line], filled: set[int], cells: dict[int, str]) -> bool:
    size = min(l.size for l in row)
    gap = min(l.y0 for l in row) - max(l.y1 for l in previous)
    return len(row) < len(previous) and set(cells) <= filled and gap <= CONTINUATION_GAP * size
