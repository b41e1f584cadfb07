"""Line pieces -> lines: the words of a row are one line unless a column gap parts them.

A wide gap in a row is a column gap (a gutter, a table's cell gap) when the
rows above and below leave part of it empty too, with text on both sides or
ending right at it; a justified line's wide space is crossed by the lines
around it. A bullet keeps its item however wide the gap after it.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from itertools import accumulate

import regex

from reformtrace.extract.glyphs import Line, Piece, Word, make_line, rows_of

WORD_SPACE = 0.6  # gaps narrower than this (font sizes) are word spaces, never column gaps
GAP_WINDOW = 5.0  # rows within this many font sizes above and below a gap tell what it is
LONE_ROW_GAP = 3.0  # with no row around to tell, a gap wider than this (font sizes) parts a row
MIN_GUTTER = 0.8  # a column gap is empty this wide (font sizes) in the rows around it
EDGE_ALIGN = 0.5  # a row ending (or starting) this close to a gap (font sizes) is a column's edge
# A bullet or item number, kept with its item's text however wide the gap after it.
LIST_MARKER = regex.compile(r"^(?:[•▪◦●■□○‣∙*➢✓❖\-–—]|\(?(?:\d{1,2}|[a-zA-Z])[.)])$")


class _Row:
    """A row's words left to right, with what the column-gap test looks up (bisect),
    made when a gap near it is tested (most rows have none)."""

    __slots__ = ("words", "y", "x0s", "reach", "ends")

    def __init__(self, words: list[Word]) -> None:
        self.words = sorted(words, key=lambda w: w.x0)
        self.y = (self.words[0].y0 + self.words[0].y1) / 2
        self.x0s: list[float] = []

    def _index(self) -> None:
        if not self.x0s:
            self.x0s = [w.x0 for w in self.words]
            self.reach = list(accumulate((w.x1 for w in self.words), max))  # furthest right so far
            self.ends = sorted(w.x1 for w in self.words)

    def crosses(self, left: float, right: float) -> bool:
        self._index()
        i = bisect_left(self.x0s, right) - 1  # the last word starting left of `right`
        return i >= 0 and self.reach[i] > left

    def spans(self, a: float, b: float) -> list[tuple[float, float]]:
        """The parts of [a, b] its words cover."""
        self._index()
        first, last = bisect_right(self.reach, a), bisect_left(self.x0s, b)
        return [(max(a, w.x0), min(b, w.x1)) for w in self.words[first:last] if w.x1 > a]

    def ends_near(self, x: float, tolerance: float) -> bool:
        self._index()
        i = bisect_left(self.ends, x - tolerance)
        return i < len(self.ends) and self.ends[i] <= x + tolerance

    def starts_near(self, x: float, tolerance: float) -> bool:
        self._index()
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
        elif row.words[0].x1 <= left and row.words[-1].x0 >= right:
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
    """Join the words of each row into lines, except across column gaps. A gap
    around the empty part of a column gap of the row above is one too (the
    same gutter going on), without asking the rows around again; so is one
    around a column gap of the row below (the first row of two columns under a
    heading that spans them, which the heading's row would say is no gap)."""
    rows = [_Row([w for line in row for w in line.words]) for row in rows_of(pieces)]
    cuts: list[list[int]] = []  # each row: the words that start a new line
    gutters: list[list[tuple[float, float]]] = []  # each row: its column gaps
    above: list[tuple[float, float]] = []  # the row above's column gaps
    for index, row in enumerate(rows):
        cuts.append([])
        gutters.append([])
        for k, a, b in _wide_gaps(row.words):
            going_on = next(((l, r) for l, r in above if a <= l and r <= b), None)
            if going_on or _is_column_gap(a, b, min(row.words[k - 1].size, row.words[k].size), index, rows):
                gutters[index].append(going_on or (a, b))
                cuts[index].append(k)
        above = gutters[index]
    for index in range(len(rows) - 2, -1, -1):  # a gutter going on upwards
        below = gutters[index + 1]
        for k, a, b in _wide_gaps(rows[index].words) if below else ():
            slack = EDGE_ALIGN * rows[index].words[k].size  # the row below's edges are its own glyphs'
            going_on = next(((l, r) for l, r in below if a <= l + slack and r - slack <= b), None)
            if going_on and k not in cuts[index]:
                gutters[index].append(going_on)
                cuts[index].append(k)
    lines: list[Line] = []
    for row, starts in zip(rows, cuts):
        bounds = [0, *sorted(starts), len(row.words)]
        lines += [make_line(row.words[a:b]) for a, b in zip(bounds, bounds[1:])]
    return lines


def _wide_gaps(words: list[Word]) -> list[tuple[int, float, float]]:
    """(index of the word after, gap start, gap end) of a row's gaps wider than a word
    space, except the one after a bullet or item number that opens the row."""
    out = []
    for k in range(1, len(words)):
        before, word = words[k - 1], words[k]
        if word.x0 - before.x1 < WORD_SPACE * min(before.size, word.size):
            continue
        if k == 1 and LIST_MARKER.match(before.text):
            continue
        out.append((k, before.x1, word.x0))
    return out
