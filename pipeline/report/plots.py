"""PNG plots: the two region matrices as heatmaps and the theme spread as
lines across reports.

Drawn with Pillow on a plain canvas, not through matplotlib: a heatmap is a
grid of cells and two hundred short texts, for which matplotlib took half a
second each and almost a second to import, in every run with a new report.
Every margin comes from the measured size of the texts that fill it. The
font (DejaVu Sans) and the palettes are data in pipeline/data/report/; the
same tables give the same bytes (no metadata is written).
"""
from __future__ import annotations

import io
import math
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from PIL import Image, ImageDraw, ImageFont

from reformtrace.matrix import DIMENSIONS, Tables
from reformtrace.report import report_labels
from reformtrace.report.i18n import Strings

THEME_SPREAD_PNG = "theme_spread.png"
DPI = 100  # pixels per inch; sizes below are in points (1/72 inch) or pixels
PNG_LEVEL = 1  # deflate level: half the default's time, for at most a fifth more bytes
SMOOTH = 2  # the spread chart is drawn this many times larger, then scaled down, so that its lines are smooth
INK = (0, 0, 0)
PAPER = (255, 255, 255)
GRID_LINE = (231, 231, 231)
TITLE_PT, LABEL_PT, TICK_PT, CELL_PT, LEGEND_PT = 12, 10, 9, 8, 7
PAD = 30  # px of white around a figure
TICK = 5  # px, length of a tick mark and the gap from it to its label
CELL = (60, 33)  # px, a heatmap cell
TICK_ANGLE = 50  # degrees, the heatmaps' column labels
BAR = (20, 0.6)  # the colour bar: px wide, share of the grid's height
BAR_GAP = 25  # px between the grid and the colour bar
PANEL = (660, 450)  # px, a plot of the spread chart
SPREAD_TICK_ANGLE = 30  # degrees, the spread chart's report labels
LINE_WIDTH, MARKER = 2.0, 4.0  # px, the spread lines and the radius of their dots
Point = tuple[float, float]


def heatmap_file(dimension: str) -> str:
    return f"heatmap_region_{dimension}.png"


def heatmap(tables: Tables, dimension: str) -> dict[str, bytes]:
    """{file name: PNG bytes} for the heatmap of one region matrix."""
    return {heatmap_file(dimension): _heatmap(tables, dimension).png()}


def heatmaps(tables: Tables) -> dict[str, bytes]:
    """{file name: PNG bytes} for the heatmap of each region matrix."""
    return {name: png for d in DIMENSIONS for name, png in heatmap(tables, d).items()}


def spread(tables: Tables) -> dict[str, bytes]:
    """{file name: PNG bytes} for the theme-spread chart."""
    return {THEME_SPREAD_PNG: _spread(tables).png()}


# --- data: font and palettes ------------------------------------------------------


def _data(name: str):
    return resources.files("reformtrace") / "data" / "report" / name


@lru_cache(maxsize=None)
def _palettes() -> dict[str, list[tuple[int, int, int]]]:
    table = tomllib.loads(_data("palettes.toml").read_text(encoding="utf-8"))
    palettes = {}
    for name in ("sequential", "categorical"):
        colours = table.get(name)
        if not colours or not all(isinstance(c, str) and len(c) == 7 and c[0] == "#" for c in colours):
            raise ValueError(f"pipeline/data/report/palettes.toml: {name} must be a list of colours written #rrggbb")
        palettes[name] = [tuple(int(c[i:i + 2], 16) for i in (1, 3, 5)) for c in colours]
    return palettes


@lru_cache(maxsize=None)
def _font_file() -> bytes:
    return _data("fonts").joinpath("DejaVuSans.ttf").read_bytes()


@lru_cache(maxsize=None)
def _font(pixels: float) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(io.BytesIO(_font_file()), pixels)


def shade(share: float) -> tuple[int, int, int]:
    """The heatmap colour of a count that is `share` (0 to 1) of the largest."""
    anchors = _palettes()["sequential"]
    at = min(max(share, 0.0), 1.0) * (len(anchors) - 1)
    i = min(int(at), len(anchors) - 2)
    low, high, t = anchors[i], anchors[i + 1], at - i
    return tuple(round(a + (b - a) * t) for a, b in zip(low, high))


def line_colour(n: int) -> tuple[int, int, int]:
    colours = _palettes()["categorical"]
    return colours[n % len(colours)]


def _px(points: float) -> float:
    return points * DPI / 72


def text_size(text: str, points: float) -> tuple[float, float]:
    """Width and height in px of `text` set in `points`, from its ascender to its descender."""
    left, top, right, bottom = _font(_px(points) * SMOOTH).getbbox(text, anchor="ls")
    ascent, descent = _font(_px(points) * SMOOTH).getmetrics()
    return (right - left) / SMOOTH, (ascent + descent) / SMOOTH


def _rotated_extent(text: str, points: float, degrees: float) -> tuple[float, float]:
    """Horizontal and vertical extent in px of `text` turned by `degrees`."""
    w, h = text_size(text, points)
    a = math.radians(degrees)
    return w * math.cos(a) + h * math.sin(a), w * math.sin(a) + h * math.cos(a)


def nice_ticks(low: float, high: float, most: int = 8) -> list[float]:
    """Round tick values from `low` to `high`: steps of 1, 2, 2.5 or 5 times a power of ten,
    the smallest that cuts the span into at most `most` steps."""
    span = max(high - low, 1e-9)
    magnitude = 10 ** math.floor(math.log10(span / most))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if span / (m * magnitude) <= most)
    first = math.ceil(low / step - 1e-9)
    return [round(k * step, 10) for k in range(first, math.floor(high / step + 1e-9) + 1)]


def _tick_text(value: float) -> str:
    return f"{value:g}"


# --- the canvas -------------------------------------------------------------------


@dataclass
class Canvas:
    """A white picture drawn in px of the figure; with `scale` above 1 it is drawn that
    many times larger and scaled down when saved, which smooths its lines."""

    width: int
    height: int
    scale: int = 1

    def __post_init__(self):
        self.image = Image.new("RGB", (self.width * self.scale, self.height * self.scale), PAPER)
        self.draw = ImageDraw.Draw(self.image)

    def _at(self, x: float, y: float) -> tuple[float, float]:
        return x * self.scale, y * self.scale

    def box(self, left: float, top: float, right: float, bottom: float, fill=None, outline=None) -> None:
        """A rectangle with corners on pixel edges; `outline` is drawn one pixel inside."""
        s = self.scale
        corners = (round(left * s), round(top * s), round(right * s) - 1, round(bottom * s) - 1)
        self.draw.rectangle(corners, fill=fill, outline=outline, width=s if outline else 0)

    def line(self, points: list[Point], fill, width: float = 1.0) -> None:
        self.draw.line([self._at(*p) for p in points], fill=fill, width=max(1, round(width * self.scale)), joint="curve")

    def dot(self, centre: Point, radius: float, fill) -> None:
        x, y = self._at(*centre)
        r = radius * self.scale
        self.draw.ellipse((x - r, y - r, x + r, y + r), fill=fill)

    def text(self, at: Point, text: str, points: float, anchor: str = "la", fill=INK, degrees: float = 0) -> None:
        """`text` with its `anchor` (Pillow's two letters: l/m/r, a/m/s/d) at `at`, turned
        anticlockwise by `degrees` about that point."""
        font = _font(_px(points) * self.scale)
        x, y = self._at(*at)
        if not degrees:
            self.draw.text((x, y), text, font=font, fill=fill, anchor=anchor)
            return
        left, top, right, bottom = font.getbbox(text, anchor=anchor)
        mask = Image.new("L", (right - left + 2, bottom - top + 2), 0)
        ImageDraw.Draw(mask).text((1 - left, 1 - top), text, font=font, fill=255, anchor=anchor)
        turned = mask.rotate(degrees, resample=Image.Resampling.BICUBIC, expand=True)
        # where the anchor lands: its offset from the mask's centre, turned with it
        dx, dy = 1 - left - mask.width / 2, 1 - top - mask.height / 2
        a = math.radians(degrees)
        ax = turned.width / 2 + dx * math.cos(a) + dy * math.sin(a)
        ay = turned.height / 2 - dx * math.sin(a) + dy * math.cos(a)
        self.image.paste(fill, (round(x - ax), round(y - ay)), turned)

    def png(self) -> bytes:
        image = self.image
        if self.scale > 1:  # each pixel the mean of the block it was drawn as: ten times faster than a Lanczos filter
            image = image.reduce(self.scale)
        sink = io.BytesIO()
        image.save(sink, format="PNG", compress_level=PNG_LEVEL)
        return sink.getvalue()


# --- the heatmaps -----------------------------------------------------------------


@dataclass(frozen=True)
class HeatmapLayout:
    """What a heatmap shows and where, in px: the grid's top left corner is at
    (left, top), row i, column j is the cell of values[i][j], and `below` is the
    room under the grid for the column names."""

    title: str
    unit: str  # what a cell counts, beside the colour bar
    regions: list[str]
    names: list[str]
    values: list[list[int]]
    left: int
    top: int
    below: float

    @property
    def top_value(self) -> int:
        return max([1] + [v for row in self.values for v in row])

    @property
    def bar_ticks(self) -> list[int]:
        return [int(t) for t in nice_ticks(0, self.top_value, most=7) if t == int(t)]

    @property
    def widest_bar_tick(self) -> float:
        return max(text_size(str(t), LABEL_PT)[0] for t in self.bar_ticks)

    @property
    def grid(self) -> tuple[int, int, int, int]:
        """left, top, right, bottom of the whole grid."""
        return self.left, self.top, self.left + CELL[0] * max(1, len(self.names)), self.top + CELL[1] * len(self.regions)

    @property
    def width(self) -> int:
        beside = BAR_GAP + BAR[0] + 3 * TICK + self.widest_bar_tick + text_size(self.unit, LABEL_PT)[1] + PAD
        return math.ceil(self.grid[2] + beside)

    @property
    def height(self) -> int:
        return math.ceil(self.grid[3] + self.below)

    def cell(self, i: int, j: int) -> tuple[int, int, int, int]:
        """left, top, right, bottom of the cell in row i, column j."""
        x, y = self.left + j * CELL[0], self.top + i * CELL[1]
        return x, y, x + CELL[0], y + CELL[1]


def heatmap_layout(tables: Tables, dimension: str) -> HeatmapLayout:
    """The margins leave room for the region names left of the rows, the column names
    hanging down and left of their columns, the title and the colour bar."""
    grid = tables.matrix(dimension)
    t = Strings(tables.lang)
    names = [tables.vocab.label_name(dimension, label, tables.lang) for label in grid.columns]
    regions = [f"{code} {region}" for code, region in grid.index]
    return grid_layout(t(f"chart_heatmap_{dimension}"), regions, names, grid.to_numpy().tolist(), t("count_passages"))


def grid_layout(title: str, regions: list[str], names: list[str], values: list[list[int]], unit: str = "passages") -> HeatmapLayout:
    """The layout of any grid of counts: row names left, column names below, `unit` beside the colour bar."""
    drops = [_rotated_extent(name, TICK_PT, TICK_ANGLE) for name in names]
    left = PAD + 2 * TICK + max([text_size(r, TICK_PT)[0] for r in regions] + [0])
    left = max([left] + [PAD + w - (j + 0.5) * CELL[0] for j, (w, _) in enumerate(drops)])
    top = PAD + text_size(title, TITLE_PT)[1] + TICK
    below = 2 * TICK + max([h for _, h in drops] + [0]) + PAD
    return HeatmapLayout(title, unit, regions, names, values, math.ceil(left), math.ceil(top), below)


def _heatmap(tables: Tables, dimension: str) -> Canvas:
    return draw_heatmap(heatmap_layout(tables, dimension))


def draw_heatmap(layout: HeatmapLayout) -> Canvas:
    canvas = Canvas(layout.width, layout.height)
    top_value = layout.top_value
    for i, row in enumerate(layout.values):
        for j, value in enumerate(row):
            x0, y0, x1, y1 = layout.cell(i, j)
            canvas.box(x0, y0, x1, y1, fill=shade(value / top_value))
            if value:
                canvas.text(((x0 + x1) / 2, (y0 + y1) / 2), str(value), CELL_PT, "mm", PAPER if value > top_value * 0.6 else INK)
    left, top, right, bottom = layout.grid
    canvas.box(left, top, right, bottom, outline=INK)
    canvas.text(((left + right) / 2, top - TICK), layout.title, TITLE_PT, "md")
    for i, region in enumerate(layout.regions):
        y = top + (i + 0.5) * CELL[1]
        canvas.line([(left - TICK, y), (left, y)], INK)
        canvas.text((left - 2 * TICK, y), region, TICK_PT, "rm")
    for j, name in enumerate(layout.names):
        x = left + (j + 0.5) * CELL[0]
        canvas.line([(x, bottom), (x, bottom + TICK)], INK)
        canvas.text((x, bottom + 2 * TICK), name, TICK_PT, "ra", degrees=TICK_ANGLE)

    # the colour bar, beside the middle of the grid
    bar_left, bar_h = right + BAR_GAP, round((bottom - top) * BAR[1])
    bar_top = top + ((bottom - top) - bar_h) // 2
    for k in range(bar_h):
        canvas.box(bar_left, bar_top + k, bar_left + BAR[0], bar_top + k + 1, fill=shade(1 - (k + 0.5) / bar_h))
    canvas.box(bar_left, bar_top, bar_left + BAR[0], bar_top + bar_h, outline=INK)
    for t in layout.bar_ticks:
        y = bar_top + bar_h * (1 - t / top_value)
        canvas.line([(bar_left + BAR[0], y), (bar_left + BAR[0] + TICK, y)], INK)
        canvas.text((bar_left + BAR[0] + 2 * TICK, y), str(t), LABEL_PT, "lm")
    canvas.text((bar_left + BAR[0] + 3 * TICK + layout.widest_bar_tick, bar_top + bar_h / 2), layout.unit, LABEL_PT, "ma", degrees=90)
    return canvas


# --- the theme-spread chart -------------------------------------------------------


def _spread(tables: Tables) -> Canvas:
    spread = tables.spread
    years = tables.reports.set_index("report_id")["year"]
    ticks = report_labels(list(spread.columns), [years[r] for r in spread.columns])
    panels = []
    for dimension in DIMENSIONS:
        rows = spread.xs(dimension, level="dimension")
        lines = [(tables.vocab.label_name(dimension, label, tables.lang), [float(v) * 100 for v in shares]) for (label, _), shares in rows.iterrows()]
        values = [v for _, vs in lines for v in vs] or [0.0]
        low, high = min(values), max(values)
        margin = (high - low) * 0.05 or 1.0
        low, high = low - margin, high + margin
        panels.append((dimension, lines, low, high, nice_ticks(low, high)))

    plot_w, plot_h = PANEL
    say = Strings(tables.lang)
    y_label = say("chart_share")
    tick_w = max(text_size(_tick_text(t), LABEL_PT)[0] for *_, marks in panels for t in marks)
    left = PAD + text_size(y_label, LABEL_PT)[1] + 2 * TICK + tick_w + 2 * TICK
    gap = 60
    top = PAD + text_size(say("chart_spread_goal"), TITLE_PT)[1] + TICK
    drop = max([_rotated_extent(t, LABEL_PT, SPREAD_TICK_ANGLE)[1] for t in ticks] + [0])
    legend_top = top + plot_h + 2 * TICK + drop + 2 * TICK
    row_h = text_size("Åg", LEGEND_PT)[1] * 1.4
    handle = 4 * _px(LEGEND_PT)
    column_w = handle + TICK + max(text_size(name, LEGEND_PT)[0] for _, lines, *_ in panels for name, _ in lines) + 2 * TICK
    legend_rows = max(math.ceil(len(lines) / 2) for _, lines, *_ in panels)
    step = left - PAD + max(plot_w, 2 * column_w) + gap  # from one panel's plot to the next
    width = math.ceil(left + step + max(plot_w, 2 * column_w) + PAD)
    height = math.ceil(legend_top + legend_rows * row_h + PAD)
    canvas = Canvas(width, height, SMOOTH)
    # reports are spread over the middle nine tenths of a plot's width, as matplotlib's margins do
    fractions = [0.5] if len(ticks) == 1 else [0.05 + 0.9 * i / (len(ticks) - 1) for i in range(len(ticks))]

    for k, (dimension, lines, low, high, marks) in enumerate(panels):
        x0 = left + k * step
        xs = [x0 + plot_w * f for f in fractions]
        px_per_unit = plot_h / (high - low)
        for t in marks:
            y = top + (high - t) * px_per_unit
            canvas.line([(x0, y), (x0 + plot_w, y)], GRID_LINE)
            canvas.line([(x0 - TICK, y), (x0, y)], INK)
            canvas.text((x0 - 2 * TICK, y), _tick_text(t), LABEL_PT, "rm")
        for x, tick in zip(xs, ticks):
            canvas.line([(x, top), (x, top + plot_h)], GRID_LINE)
            canvas.line([(x, top + plot_h), (x, top + plot_h + TICK)], INK)
            canvas.text((x, top + plot_h + 2 * TICK), tick, LABEL_PT, "ra", degrees=SPREAD_TICK_ANGLE)
        for n, (_, shares) in enumerate(lines):
            points = [(x, top + (high - v) * px_per_unit) for x, v in zip(xs, shares)]
            canvas.line(points, line_colour(n), LINE_WIDTH)
            for p in points:
                canvas.dot(p, MARKER, line_colour(n))
        canvas.box(x0, top, x0 + plot_w, top + plot_h, outline=INK)
        canvas.text((x0 + plot_w / 2, top - TICK), say(f"chart_spread_{dimension}"), TITLE_PT, "md")
        canvas.text((x0 - 4 * TICK - tick_w, top + plot_h / 2), y_label, LABEL_PT, "md", degrees=90)

        # the legend: two columns, filled down the first
        half = max(1, math.ceil(len(lines) / 2))
        for n, (name, _) in enumerate(lines):
            x = x0 + (n // half) * column_w
            y = legend_top + (n % half + 0.5) * row_h
            canvas.line([(x, y), (x + handle, y)], line_colour(n), LINE_WIDTH)
            canvas.dot((x + handle / 2, y), MARKER, line_colour(n))
            canvas.text((x + handle + TICK, y), name, LEGEND_PT, "lm")
    return canvas
