"""The themes' files of a run (CSV and PNG) and their part of the report page's data."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import pandas as pd

from reformtrace.full_rows import rows_at
from reformtrace.matrix import DIMENSIONS, Tables, report_order
from reformtrace.report.i18n import Strings
from reformtrace.themes.cooccurrence import cooccurrence, goal_intervention_matrix
from reformtrace.themes.fingerprints import Fingerprints
from reformtrace.themes.first_mentions import first_mentions
from reformtrace.themes.pairs import Known, history_files, known
from reformtrace.themes.reuse import REUSE_COLUMNS, reuse_rows
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
    cooccurrence: pd.DataFrame
    matrix: pd.DataFrame  # goals × interventions
    also_in: dict[str, list] | None = None  # the page's "also in" places, which text reuse's process gives (reuse_beside)


def build_themes(tables: Tables) -> Themes:
    """The themes of a run's tables (rows an evaluator marked wrong left out); text reuse is found
    beside them, in a process of its own (reuse_beside)."""
    evidence, vocab = tables.counted, tables.vocab
    return Themes(
        theme_timeline(evidence, tables.reports, vocab),
        first_mentions(evidence, vocab, (lambda positions: rows_at(tables, positions)) if tables.parts else None),
        cooccurrence(evidence, vocab),
        goal_intervention_matrix(evidence, vocab),
    )


def reuse_beside(tables: Tables, fingerprints: Sequence[Fingerprints | None], files, previous: Path | None = None):
    """Text reuse begun in a process forked beside this one (forked.Forked), which gives back the
    page's "also in" places (in page_passages' order) and then writes reuse.csv and the texts and
    pairs it compared into `files` (a spool.Spool: their temporary names are the process's,
    `take_reuse`); the pairs that `previous` (the last run's outputs) kept are not compared again.
    The run's other outputs do not need the table, so this process never holds it."""
    from reformtrace.forked import Forked

    found: list[list] = []  # its rows, held as lists: a table of them would hold every value again
    kept: list[Known] = []

    def make() -> dict[str, list]:
        rows, compared = reuse_rows([f for f in fingerprints if f is not None], known(previous))
        found.extend(rows)
        kept.append(compared)
        report_index = {r: i for i, r in enumerate(report_order(tables.reports))}
        return _also_in(found, page_passages(tables.evidence), report_index)

    def then() -> None:
        files[REUSE_CSV] = _reuse_writer(found)
        texts, pairs = history_files()
        files[texts], files[pairs] = kept[0].write_texts, kept[0].write_pairs

    return Forked("text reuse", make, then)


def take_reuse(reuse, files) -> None:
    """reuse.csv, written by `reuse_beside`'s process, among `files` once it is whole."""
    reuse.finish()
    for name in (REUSE_CSV, *history_files()):
        files.take(name, files.temp(name, reuse.pid))


def stop_reuse(reuse, files) -> None:
    """`reuse_beside`'s process ended and its reuse.csv removed, unless published (after a failure)."""
    temps = [files.temp(name, reuse.pid) for name in (REUSE_CSV, *history_files())]
    reuse.stop()
    for temp in temps:
        temp.unlink(missing_ok=True)


def page_passages(evidence: pd.DataFrame) -> dict[str, int]:
    """Each passage's index on the report page: passages in the order of their first evidence row."""
    return {passage_id: i for i, passage_id in enumerate(dict.fromkeys(evidence["passage_id"].tolist()))}


def _reuse_writer(rows: list[list]):
    from reformtrace.outputs import rows_writer

    return rows_writer(REUSE_COLUMNS, rows)


def theme_files(themes: Themes, lang: str = "sv", vocab=None) -> dict:
    """{file name: its bytes, or an outputs.csv_writer} of the themes' tables and pictures
    (the pictures' text in `lang`, label names from `vocab`)."""
    from reformtrace.outputs import csv_writer
    from reformtrace.themes import plots

    files = {
        TIMELINE_CSV: csv_writer(themes.timeline, index=False),
        FIRST_MENTIONS_CSV: csv_writer(themes.first_mentions, index=False),
        COOCCURRENCE_CSV: csv_writer(themes.cooccurrence, index=False),
        COOCCURRENCE_MATRIX_CSV: csv_writer(themes.matrix),
    }
    files.update(plots.theme_plots(themes, lang, vocab))
    return files


def page_data(themes: Themes, tables: Tables) -> dict:
    """The report page's themes: timelines per publisher and region, first mentions,
    "also in" places for the page's passages (text reuse's process gave them), co-occurrence."""
    order = report_order(tables.reports)
    report_index = {r: i for i, r in enumerate(order)}
    say = Strings(tables.lang)
    timeline = themes.timeline
    years = sorted({int(y) for y in timeline["year"].dropna()})
    lines = {}
    for by in ("publisher", "region"):
        part = timeline[(timeline["by"] == by) & timeline["year"].notna()]
        groups = part[["group", "group_name"]].drop_duplicates().values.tolist()
        if by == "publisher":
            groups = [[group, say.publisher(name)] for group, name in groups]
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
        "alsoIn": themes.also_in,
        "cooccurrence": {
            "goals": list(themes.matrix.index.get_level_values("goal")),
            "interventions": list(themes.matrix.columns),
            "values": themes.matrix.to_numpy().tolist(),
        },
    }


def _also_in(reuse: list[list], passages: dict[str, int], report_index: dict[str, int]) -> dict[str, list]:
    """For each passage on the page, the other places its wording stands (either way of a
    pair), from reuse.csv's rows (REUSE_COLUMNS)."""
    places: dict[str, list] = {}
    for report, passage, page, printed, _, s_report, s_passage, s_page, s_printed, _, relation, share, _ in reuse:
        for mine, other in ((passage, (s_report, s_page, s_printed, share, relation)), (s_passage, (report, page, printed, share, relation))):
            if mine in passages:
                found = places.setdefault(mine, [])
                if len(found) < ALSO_IN:
                    found.append([report_index[other[0]], int(other[1]), other[2], float(other[3]), other[4]])
    return places
