"""PNG plots: the two region matrices as heatmaps and the theme spread as
lines across reports. Rendered off-screen (Agg), without the software tag,
so the same tables give the same bytes.

Each figure is laid out once, from the lengths of its labels, instead of by
matplotlib's tight bounding box: that draws every figure twice, and text
drawing is most of a heatmap's cost.
"""
from __future__ import annotations

import io
import math

from matplotlib import colormaps
from matplotlib.figure import Figure

from pipeline.matrix import DIMENSIONS, Tables
from pipeline.report import report_label

TITLES = {"goal": "Reform goals", "intervention": "Kinds of intervention"}
THEME_SPREAD_PNG = "theme_spread.png"
DPI = 100
CHAR_INCHES = 0.075  # a character of 9-point DejaVu Sans is about 0.07 inches wide on average
LINE_INCHES = 0.2  # a line of 8- or 9-point text
CELL_INCHES = 0.6  # width of a heatmap column
ROW_INCHES = 0.33  # height of a heatmap row
TICK_ANGLE = 50  # degrees, the heatmaps' column labels


def heatmap_file(dimension: str) -> str:
    return f"heatmap_region_{dimension}.png"


def heatmap(tables: Tables, dimension: str) -> dict[str, bytes]:
    """{file name: PNG bytes} for the heatmap of one region matrix."""
    return {heatmap_file(dimension): _png(_heatmap(tables, dimension))}


def heatmaps(tables: Tables) -> dict[str, bytes]:
    """{file name: PNG bytes} for the heatmap of each region matrix."""
    return {name: png for d in DIMENSIONS for name, png in heatmap(tables, d).items()}


def spread(tables: Tables) -> dict[str, bytes]:
    """{file name: PNG bytes} for the theme-spread chart."""
    return {THEME_SPREAD_PNG: _png(_spread(tables))}


def _png(figure: Figure) -> bytes:
    sink = io.BytesIO()
    figure.savefig(sink, format="png", dpi=DPI, metadata={"Software": None})
    return sink.getvalue()


def _text_inches(texts: list[str]) -> float:
    return CHAR_INCHES * max((len(t) for t in texts), default=0)


def _heatmap(tables: Tables, dimension: str) -> Figure:
    grid = tables.matrix(dimension)
    values = grid.to_numpy()
    names = [tables.vocab.label_name(dimension, label) for label in grid.columns]
    regions = [f"{code} {region}" for code, region in grid.index]
    angle = math.radians(TICK_ANGLE)
    # column labels hang down and to the left of their column; region names stand left of the rows
    left = 0.3 + max(_text_inches(regions), _text_inches(names[:1]) * math.cos(angle) - CELL_INCHES / 2)
    bottom = 0.3 + _text_inches(names) * math.sin(angle) + LINE_INCHES
    plot_w, plot_h, top, right = CELL_INCHES * max(1, len(names)), ROW_INCHES * len(regions), 0.5, 1.3
    width, height = left + plot_w + right, bottom + plot_h + top
    figure = Figure(figsize=(width, height))
    ax = figure.add_axes((left / width, bottom / height, plot_w / width, plot_h / height))
    image = ax.imshow(values, cmap="Blues", aspect="auto", vmin=0, vmax=max(1, values.max()))
    ax.set_xticks(range(len(names)), names, rotation=TICK_ANGLE, ha="right", rotation_mode="anchor", fontsize=9)
    ax.set_yticks(range(len(regions)), regions, fontsize=9)
    threshold = values.max() * 0.6
    for i, row in enumerate(values.tolist()):
        for j, value in enumerate(row):
            if value:
                ax.text(j, i, str(value), ha="center", va="center", fontsize=8, color="white" if value > threshold else "black")
    ax.set_title(f"{TITLES[dimension]} by region: passages")
    bar = figure.add_axes(((left + plot_w + 0.25) / width, (bottom + plot_h * 0.2) / height, 0.2 / width, plot_h * 0.6 / height))
    figure.colorbar(image, cax=bar, label="passages")
    return figure


def _spread(tables: Tables) -> Figure:
    spread = tables.spread
    years = tables.reports.set_index("report_id")["year"]
    ticks = [report_label(r, years[r]) for r in spread.columns]
    rows = {dimension: spread.xs(dimension, level="dimension") for dimension in DIMENSIONS}
    legend_lines = max(math.ceil(len(r) / 2) for r in rows.values())
    bottom = 0.5 + _text_inches(ticks) * math.sin(math.radians(30)) + 0.3 + legend_lines * LINE_INCHES
    left, gap, plot_w, plot_h, top = 0.8, 1.0, 6.6, 4.5, 0.5
    width, height = 2 * left + 2 * plot_w + gap + 0.3, bottom + plot_h + top
    figure = Figure(figsize=(width, height))
    colours = colormaps["tab20"]
    for k, dimension in enumerate(DIMENSIONS):
        ax = figure.add_axes(((left + k * (plot_w + gap + left)) / width, bottom / height, plot_w / width, plot_h / height))
        for n, ((_, name), shares) in enumerate(rows[dimension].iterrows()):
            ax.plot(range(len(ticks)), shares.to_numpy() * 100, marker="o", label=name, color=colours(n % 20))
        ax.set_xticks(range(len(ticks)), ticks, rotation=30, ha="right", rotation_mode="anchor")
        ax.set_ylabel("share of the report's passages (%)")
        ax.set_title(f"{TITLES[dimension]} across reports (by publication year)")
        ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(0, -(0.5 + _text_inches(ticks) * 0.5) / plot_h), ncol=2, frameon=False)
        ax.grid(alpha=0.3)
    return figure
