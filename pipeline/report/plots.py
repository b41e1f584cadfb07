"""PNG plots: the two region matrices as heatmaps and the theme spread as
lines across reports. Rendered off-screen (Agg), without the software tag,
so the same tables give the same bytes."""
from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402  (after choosing the backend)

from pipeline.matrix import DIMENSIONS, Tables  # noqa: E402
from pipeline.report import report_label  # noqa: E402

TITLES = {"goal": "Reform goals", "intervention": "Kinds of intervention"}


def heatmap_file(dimension: str) -> str:
    return f"heatmap_region_{dimension}.png"


THEME_SPREAD_PNG = "theme_spread.png"


def heatmaps(tables: Tables) -> dict[str, bytes]:
    """{file name: PNG bytes} for the heatmap of each region matrix."""
    return {heatmap_file(d): _png(_heatmap(tables, d)) for d in DIMENSIONS}


def spread(tables: Tables) -> dict[str, bytes]:
    """{file name: PNG bytes} for the theme-spread chart."""
    return {THEME_SPREAD_PNG: _png(_spread(tables))}


def _png(figure: plt.Figure) -> bytes:
    sink = io.BytesIO()
    figure.savefig(sink, format="png", dpi=100, bbox_inches="tight", metadata={"Software": None})
    plt.close(figure)
    return sink.getvalue()


def _heatmap(tables: Tables, dimension: str) -> plt.Figure:
    grid = tables.matrix(dimension)
    values = grid.to_numpy()
    names = [tables.vocab.label_name(dimension, label) for label in grid.columns]
    figure, ax = plt.subplots(figsize=(2.5 + 0.6 * len(names), 9))
    image = ax.imshow(values, cmap="Blues", aspect="auto", vmin=0, vmax=max(1, values.max()))
    ax.set_xticks(range(len(names)), names, rotation=50, ha="right", fontsize=9)
    ax.set_yticks(range(len(grid)), [f"{code} {region}" for code, region in grid.index], fontsize=9)
    threshold = values.max() * 0.6
    for (i, j), value in zip(((i, j) for i in range(values.shape[0]) for j in range(values.shape[1])), values.flat):
        if value:
            ax.text(j, i, str(value), ha="center", va="center", fontsize=8, color="white" if value > threshold else "black")
    ax.set_title(f"{TITLES[dimension]} by region: passages")
    figure.colorbar(image, ax=ax, shrink=0.6, label="passages")
    return figure


def _spread(tables: Tables) -> plt.Figure:
    spread = tables.spread
    years = tables.reports.set_index("report_id")["year"]
    ticks = [report_label(r, years[r]) for r in spread.columns]
    figure, axes = plt.subplots(1, 2, figsize=(15, 6.5))
    colours = plt.get_cmap("tab20")
    for ax, dimension in zip(axes, DIMENSIONS):
        rows = spread.xs(dimension, level="dimension")
        for k, ((_, name), shares) in enumerate(rows.iterrows()):
            ax.plot(range(len(ticks)), shares.to_numpy() * 100, marker="o", label=name, color=colours(k % 20))
        ax.set_xticks(range(len(ticks)), ticks, rotation=30, ha="right")
        ax.set_ylabel("share of the report's passages (%)")
        ax.set_title(f"{TITLES[dimension]} across reports (by publication year)")
        ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(0, -0.18), ncol=2, frameon=False)
        ax.grid(alpha=0.3)
    return figure
