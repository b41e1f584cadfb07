"""The themes' files of a run (CSV and PNG) and their part of the report page's data."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import pandas as pd

from reformtrace.full_rows import rows_at
from reformtrace.matrix import DIMENSIONS, Tables, report_order
from reformtrace.themes.cooccurrence import cooccurrence, goal_intervention_matrix
from reformtrace.themes.fingerprints import Fingerprints
from reformtrace.themes.first_mentions import first_mentions
from reformtrace.themes.reuse import find_reuse
from reformtrace.themes.timeline import theme_timeline

TIMELINE_CSV = "theme_timeline.csv"
FIRST_MENTIONS_CSV = "first_mentions.csv"
REUSE_CSV = "reuse.csv"
COOCCURRENCE_CSV = "cooccurrence.csv"
COOCCURRENCE_MATRIX_CSV = "cooccurrence_goal_intervention.csv"
ALSO_IN = 5  # "also in" places shown under a quote: the rest are in reuse.csv


@dataclass(frozen=True)
class Themes:
    timeline: pd.DataFrame
    first_mentions: pd.DataFrame
    reuse: pd.DataFrame
    cooccurrence: pd.DataFrame
    matrix: pd.DataFrame  # goals × interventions


def build_themes(tables: Tables, fingerprints: Sequence[Fingerprints | None]) -> Themes:
    """The themes of a run's tables (rows an evaluator marked wrong left out), and text reuse over its reports' fingerprints."""
    evidence, vocab = tables.counted, tables.vocab
    return Themes(
        theme_timeline(evidence, tables.reports, vocab),
        first_mentions(evidence, vocab, (lambda positions: rows_at(tables, positions)) if tables.parts else None),
        find_reuse([f for f in fingerprints if f is not None]),
        cooccurrence(evidence, vocab),
        goal_intervention_matrix(evidence, vocab),
    )


def theme_files(themes: Themes, lang: str = "sv", vocab=None) -> dict:
    """{file name: its bytes, or an outputs.csv_writer} of the themes' tables and pictures
    (the pictures' text in `lang`, label names from `vocab`)."""
    from reformtrace.outputs import csv_writer, rows_writer
    from reformtrace.themes import plots

    files = {
        TIMELINE_CSV: csv_writer(themes.timeline, index=False),
        FIRST_MENTIONS_CSV: csv_writer(themes.first_mentions, index=False),
        REUSE_CSV: rows_writer(themes.reuse),
        COOCCURRENCE_CSV: csv_writer(themes.cooccurrence, index=False),
        COOCCURRENCE_MATRIX_CSV: csv_writer(themes.matrix),
    }
    files.update(plots.theme_plots(themes, lang, vocab))
    return files


def page_data(themes: Themes, tables: Tables, passages: dict[str, int]) -> dict:
    """The report page's themes: timelines per publisher and region, first mentions,
    "also in" places for the page's passages (`passages`: id -> its index there), co-occurrence."""
    order = report_order(tables.reports)
    report_index = {r: i for i, r in enumerate(order)}
    timeline = themes.timeline
    years = sorted({int(y) for y in timeline["year"].dropna()})
    lines = {}
    for by in ("publisher", "region"):
        part = timeline[(timeline["by"] == by) & timeline["year"].notna()]
        groups = part[["group", "group_name"]].drop_duplicates().values.tolist()
        values: dict[str, list] = {}
        for (group, dimension, label), rows in part.groupby(["group", "dimension", "label"], sort=False):
            at = {int(y): [float(s), int(p), int(n)] for y, s, p, n in zip(rows["year"], rows["share"], rows["passages"], rows["all_passages"])}
            values.setdefault(f"{DIMENSIONS.index(dimension)}|{label}", {})[group] = [at.get(y) for y in years]
        lines[by] = {"groups": groups, "values": values}
    first = [
        [f"{DIMENSIONS.index(r.dimension)}|{r.label}", r.region_code, r.region, None if pd.isna(r.year) else int(r.year),
         report_index[r.report_id], int(r.page), r.printed_page, r.quote, r.kind, int(r.reports), int(r.reports_since)]
        for r in themes.first_mentions.itertuples(index=False)
    ]
    return {
        "years": years,
        "timeline": lines,
        "first": first,
        "alsoIn": _also_in(themes.reuse, passages, report_index),
        "cooccurrence": {
            "goals": list(themes.matrix.index.get_level_values("goal")),
            "interventions": list(themes.matrix.columns),
            "values": themes.matrix.to_numpy().tolist(),
        },
    }


def _also_in(reuse: pd.DataFrame, passages: dict[str, int], report_index: dict[str, int]) -> dict[str, list]:
    """For each passage on the page, the other places its wording stands (either way of a pair)."""
    places: dict[str, list] = {}
    columns = ["report_id", "passage_id", "page", "printed_page", "source_report_id", "source_passage_id", "source_page", "source_printed_page", "similarity", "relation"]
    for report, passage, page, printed, s_report, s_passage, s_page, s_printed, share, relation in zip(*(reuse[c].tolist() for c in columns)):
        for mine, other in ((passage, (s_report, s_page, s_printed, share, relation)), (s_passage, (report, page, printed, share, relation))):
            if mine in passages:
                found = places.setdefault(mine, [])
                if len(found) < ALSO_IN:
                    found.append([report_index[other[0]], int(other[1]), other[2], float(other[3]), other[4]])
    return places
