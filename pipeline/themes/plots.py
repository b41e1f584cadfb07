"""The themes' pictures: the timeline of every label per publisher (small
multiples, one line per publisher) and the goal × intervention co-occurrence
heatmap; drawn with the report's canvas, font and palettes (pipeline/report/plots.py)."""
from __future__ import annotations

import math

from reformtrace.matrix import DIMENSIONS
from reformtrace.report.i18n import Strings
from reformtrace.report.plots import (
    INK, GRID_LINE, LABEL_PT, LEGEND_PT, LINE_WIDTH, MARKER, PAD, SMOOTH, TICK, TICK_PT, TITLE_PT,
    Canvas, draw_heatmap, grid_layout, line_colour, nice_ticks, text_size,
)

TIMELINE_PNG = "theme_timeline.png"
COOCCURRENCE_PNG = "cooccurrence_goal_intervention.png"
PANEL = (230, 130)  # px, one label's plot
COLUMNS = 5  # panels in a row
GAP = (40, 56)  # px between panels: room for the year ticks and the next title
TITLE_CHARS = 32  # a panel title longer than this is cut: it would run into the next panel


def theme_plots(themes, lang: str = "sv", vocab=None) -> dict[str, bytes]:
    """{file name: PNG bytes}, their text in `lang` (label names from `vocab`, where given)."""
    t = Strings(lang)
    matrix = themes.matrix
    names = [vocab.label_name("goal", label, lang) if vocab else name for label, name in matrix.index]
    heat = grid_layout(t("chart_cooccurrence"), names, _intervention_names(themes, lang, vocab), matrix.to_numpy().tolist(), t("count_passages"))
    return {TIMELINE_PNG: _timeline(themes.timeline, t, vocab).png(), COOCCURRENCE_PNG: draw_heatmap(heat).png()}


def _intervention_names(themes, lang: str, vocab) -> list[str]:
    rows = themes.timeline[themes.timeline["dimension"] == "intervention"]
    names = dict(zip(rows["label"], rows["label_name"]))
    return [vocab.label_name("intervention", label, lang) if vocab else names.get(label, label) for label in themes.matrix.columns]


def _timeline(timeline, say: Strings = Strings(), vocab=None) -> Canvas:
    """Per label, the share of each publisher's passages per year (%)."""
    part = timeline[(timeline["by"] == "publisher") & timeline["year"].notna()]
    years = sorted({int(y) for y in part["year"]})
    publishers = list(dict.fromkeys(part["group"]))
    labels = list(dict.fromkeys(zip(part["dimension"], part["label"], part["label_name"])))
    labels.sort(key=lambda d: DIMENSIONS.index(d[0]))
    rows = max(1, math.ceil(len(labels) / COLUMNS))
    legend_h = text_size("Åg", LEGEND_PT)[1] * 1.5 * len(publishers)
    width = PAD * 2 + COLUMNS * PANEL[0] + (COLUMNS - 1) * GAP[0] + 30
    top0 = PAD + text_size("Å", TITLE_PT)[1] + 2 * TICK
    height = math.ceil(top0 + rows * (PANEL[1] + GAP[1]) + legend_h + PAD)
    canvas = Canvas(width, height, SMOOTH)
    canvas.text((PAD, PAD), say("chart_timeline"), TITLE_PT, "la")
    values = {(g, d, label): dict(zip(rows_["year"].astype(int), rows_["share"] * 100))
              for (g, d, label), rows_ in part.groupby(["group", "dimension", "label"], sort=False)}
    for n, (dimension, label, name) in enumerate(labels):
        name = vocab.label_name(dimension, label, say.lang) if vocab else name
        x0 = PAD + 30 + (n % COLUMNS) * (PANEL[0] + GAP[0])
        y0 = top0 + (n // COLUMNS) * (PANEL[1] + GAP[1]) + text_size("Å", LABEL_PT)[1]
        shown = [v for g in publishers for v in values.get((g, dimension, label), {}).values()]
        high = max(shown + [1.0])
        ticks = nice_ticks(0, high, most=3)
        high = max(high, ticks[-1])
        xs = {y: x0 + (PANEL[0] * (0.5 if len(years) == 1 else 0.05 + 0.9 * i / (len(years) - 1))) for i, y in enumerate(years)}
        for t in ticks:
            y = y0 + PANEL[1] * (1 - t / high)
            canvas.line([(x0, y), (x0 + PANEL[0], y)], GRID_LINE)
            canvas.text((x0 - TICK, y), f"{t:g}", TICK_PT, "rm")
        for year, x in xs.items():
            canvas.text((x, y0 + PANEL[1] + TICK), str(year), TICK_PT, "ma")
        for k, group in enumerate(publishers):
            points = sorted(values.get((group, dimension, label), {}).items())
            xy = [(xs[y], y0 + PANEL[1] * (1 - v / high)) for y, v in points]
            if len(xy) > 1:
                canvas.line(xy, line_colour(k), LINE_WIDTH)
            for p in xy:
                canvas.dot(p, MARKER * 0.75, line_colour(k))
        canvas.box(x0, y0, x0 + PANEL[0], y0 + PANEL[1], outline=INK)
        canvas.text((x0, y0 - TICK), name if len(name) <= TITLE_CHARS else name[: TITLE_CHARS - 1] + "…", LABEL_PT, "ld")
    legend_top = top0 + rows * (PANEL[1] + GAP[1])
    for k, group in enumerate(publishers):
        y = legend_top + (k + 0.5) * text_size("Åg", LEGEND_PT)[1] * 1.5
        canvas.line([(PAD, y), (PAD + 24, y)], line_colour(k), LINE_WIDTH)
        canvas.text((PAD + 30, y), say.publisher(group), LEGEND_PT, "lm")
    return canvas
