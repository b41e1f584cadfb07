"""Text inside charts: axis ticks, legends and labels are not the report's prose.

A chart shows itself in its text as a cluster of blocks that hold only
numbers (the ticks of its axes). The area they span, and a little below it
(where legends go), is the plot: short labels there are left out with the
ticks. What stands above the plot (the chart's title and unit), longer lines
and "Källa: ..." lines (notes, sources) are kept.
"""
from __future__ import annotations

import regex

from reformtrace.extract.reading import Block

TICK = regex.compile(r"^[-−–+]?\d{1,5}(?:[.,]\d+)?\s?%?$")
MIN_TICKS = 3  # blocks of numbers close together that make a chart's axes
NEAR = 3.0  # font sizes between tick blocks of one chart (more along an axis:)
ROW_REACH = 8.0
COLUMN_REACH = 5.0
LEGEND_BELOW = 4.0  # font sizes below the lowest tick where legends still belong to the chart
SIDE = 1.0  # font sizes beside the ticks that still belong to the chart
LABEL_WORDS = 4  # a label in a chart (a line of its legend) has at most this many words


def _is_tick_block(block: Block) -> bool:
    return block.rows is None and all(TICK.match(word.text) for line in block.lines for word in line.words)


def _near(a: Block, b: Block) -> bool:
    """Ticks of one axis: on one row up to ROW_REACH font sizes apart, in one column
    up to COLUMN_REACH apart, or within NEAR of each other both ways (the corner)."""
    size = a.lines[0].size
    dx = max(a.x0 - b.x1, b.x0 - a.x1, 0.0)
    dy = max(a.y0 - b.y1, b.y0 - a.y1, 0.0)
    return (dy == 0 and dx <= ROW_REACH * size) or (dx == 0 and dy <= COLUMN_REACH * size) or max(dx, dy) <= NEAR * size


def _clusters(ticks: list[Block]) -> list[list[Block]]:
    """Tick blocks grouped by nearness."""
    clusters: list[list[Block]] = []
    for block in sorted(ticks, key=lambda b: (b.y0, b.x0)):
        home = [c for c in clusters if any(_near(block, b) for b in c)]
        clusters = [c for c in clusters if c not in home] + [[block] + [b for c in home for b in c]]
    return clusters


def chart_text(blocks: list[Block]) -> set[int]:
    """The indices of the blocks that are text inside a chart."""
    ticks = [b for b in blocks if _is_tick_block(b)]
    drop: set[int] = set()
    for cluster in _clusters(ticks):
        if len(cluster) < MIN_TICKS:
            continue
        size = min(b.lines[0].size for b in cluster)
        x0 = min(b.x0 for b in cluster) - SIDE * size
        x1 = max(b.x1 for b in cluster) + SIDE * size
        y0 = min(b.y0 for b in cluster)
        y1 = max(b.y1 for b in cluster) + LEGEND_BELOW * size
        for i, block in enumerate(blocks):
            inside = x0 <= block.x0 and block.x1 <= x1 and y0 <= block.y0 and block.y1 <= y1
            label = all(len(line.words) <= LABEL_WORDS for line in block.lines)
            caption = any(": " in line.text for line in block.lines)  # "Källa: ...", "Anm: ..."
            if inside and block.rows is None and not caption and label:
                drop.add(i)
    return drop
