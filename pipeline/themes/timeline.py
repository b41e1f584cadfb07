"""Theme timelines: per label, the passages that carry it per year of publication,
overall and per publisher and per region (theme_timeline.csv, long format).

A share's denominator stands in the row beside it (`all_passages`): all passages
of that year's reports (overall, or of the publisher's reports); for a region,
the passages that give evidence about the region that year (any label), since
the reports do not say how many of their passages without a label are about a
region. Every (group, year) with reports has a row for every label, zeros too,
so that a line can be drawn through it.
"""
from __future__ import annotations

import pandas as pd

from reformtrace.matrix import DIMENSIONS, Vocabulary, dimension_labels

TIMELINE_COLUMNS = ["by", "group", "group_name", "year", "dimension", "label", "label_name", "passages", "reports", "all_passages", "share"]
BY = ("year", "publisher", "region")  # overall, then per publisher, then per region


def theme_timeline(evidence: pd.DataFrame, reports: pd.DataFrame, vocab: Vocabulary) -> pd.DataFrame:
    """Rows by (by, group, year, dimension, label): label passages, reports, the denominator and the share."""
    labels = pd.DataFrame(
        [(d, label, vocab.label_name(d, label), i) for d in DIMENSIONS for i, label in enumerate(dimension_labels(evidence, vocab, d))],
        columns=["dimension", "label", "label_name", "_label"],
    )
    parts = [_part(by, rows, denominators, labels) for by, rows, denominators in _grouped(evidence, reports)]
    frame = pd.concat(parts, ignore_index=True)
    frame["_dimension"] = frame["dimension"].map(DIMENSIONS.index)
    frame = frame.sort_values(["_by", "group", "year", "_dimension", "_label"], na_position="last", kind="stable")
    return frame[TIMELINE_COLUMNS].reset_index(drop=True)


def _grouped(evidence: pd.DataFrame, reports: pd.DataFrame):
    """For each `by`: the evidence rows with their group, and the denominator of each (group, year)."""
    columns = ["report_id", "passage_id", "dimension", "label"]
    meta = reports[["report_id", "year", "publisher", "passages"]]
    rows = evidence[columns].drop_duplicates().merge(meta[["report_id", "year", "publisher"]], on="report_id")
    for by, key in (("year", None), ("publisher", "publisher")):
        groups = meta.assign(group=meta[key] if key else "", group_name=meta[key] if key else "")
        yield by, rows.assign(group=rows[key] if key else "", group_name=rows[key] if key else ""), \
            groups.groupby(["group", "group_name", "year"], dropna=False)["passages"].sum().rename("all_passages").reset_index()
    regional = evidence.loc[evidence["region_code"] != "", ["region_code", "region", "year", *columns]].drop_duplicates()
    regional = regional.rename(columns={"region_code": "group", "region": "group_name"})
    denominators = regional.groupby(["group", "group_name", "year"], dropna=False)["passage_id"].nunique().rename("all_passages").reset_index()
    yield "region", regional, denominators


def _part(by: str, rows: pd.DataFrame, denominators: pd.DataFrame, labels: pd.DataFrame) -> pd.DataFrame:
    keys = ["group", "group_name", "year", "dimension", "label"]
    counts = rows.groupby(keys, dropna=False).agg(passages=("passage_id", "nunique"), reports=("report_id", "nunique")).reset_index()
    grid = denominators.merge(labels, how="cross").merge(counts, on=keys, how="left")
    grid[["passages", "reports"]] = grid[["passages", "reports"]].fillna(0).astype("int64")
    grid["all_passages"] = grid["all_passages"].astype("int64")
    grid["share"] = (grid["passages"] / grid["all_passages"].where(grid["all_passages"] > 0)).fillna(0.0).round(4)
    grid["year"] = grid["year"].astype("Int64")
    return grid.assign(by=by, _by=BY.index(by))
