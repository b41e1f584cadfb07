"""The notebook API: a run's outputs as pandas DataFrames, and a region matrix
or the quotes for any subset in one call.

    from reformtrace import api
    run = api.load_run("out")
    run.matrix("intervention", years=[2022, 2023], publishers=["Socialstyrelsen"])
    run.quotes(region="Halland", label="mobila_team")     # or region="13", region=13

A region is given by county code or name (pipeline/names.py). A region, year,
report or publisher the run does not know, or a label the taxonomy does not
have, is an error that lists the valid ones: a typo never comes back as an
empty table.

Rows an evaluator marked wrong count in no matrix here either, as in the outputs;
`verified=True` counts only the rows marked correct.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

import pandas as pd

from reformtrace.matrix import counted, region_matrix, select, vocabulary
from reformtrace.names import region_code
from reformtrace.evidence_parts import read_evidence
from reformtrace.outputs import EVIDENCE_PARQUET, REPORTS_CSV, THEME_SPREAD_CSV

QUOTE_COLUMNS = ["report_id", "publisher", "title", "year", "page", "printed_page", "section", "passage_id", "region", "label_name", "verdict", "quote"]


@dataclass(frozen=True)
class Run:
    """One run's outputs: the evidence table, the reports, the theme spread."""

    out_dir: Path
    evidence: pd.DataFrame
    reports: pd.DataFrame
    theme_spread: pd.DataFrame  # index (dimension, label, label_name), one column per report by year

    @property
    def label_names(self) -> dict[str, dict[str, str]]:
        return vocabulary().labels

    @property
    def region_names(self) -> dict[str, str]:
        return vocabulary().regions

    def matrix(self, dimension: str = "goal", **subset) -> pd.DataFrame:
        return matrix(self.evidence, dimension, **subset)

    def quotes(self, region: str | int | None = None, label: str | None = None, **subset) -> pd.DataFrame:
        return quotes(self.evidence, region, label, **subset)


def load_run(out_dir: str | Path = "out") -> Run:
    """Read the tables `reformtrace run` wrote into `out_dir`."""
    out_dir = Path(out_dir)
    missing = [name for name in (EVIDENCE_PARQUET, REPORTS_CSV, THEME_SPREAD_CSV) if not (out_dir / name).exists()]
    if missing:
        raise FileNotFoundError(f"{out_dir}: no {', '.join(missing)}; run `reformtrace run --out {out_dir}` first")
    reports = pd.read_csv(out_dir / REPORTS_CSV, dtype={"report_id": str, "source": str, "covers": str, "year": "Int64"}, keep_default_na=False)
    spread = pd.read_csv(out_dir / THEME_SPREAD_CSV, index_col=[0, 1, 2])
    return Run(out_dir, read_evidence(out_dir), reports, spread)


def matrix(
    evidence: pd.DataFrame,
    dimension: str = "goal",
    reports: Iterable[str] | None = None,
    years: Iterable[int] | None = None,
    publishers: Iterable[str] | None = None,
    labels: Iterable[str] | None = None,
    count: str = "passages",
    verified: bool = False,
) -> pd.DataFrame:
    """All 21 regions × the dimension's labels (or just `labels`, in that order),
    counting distinct passages or reports within the subset: all rows but those
    marked wrong, or (`verified`) only those marked correct."""
    labels = [labels] if isinstance(labels, str) else labels
    vocab = vocabulary()
    if labels is not None and dimension in vocab.labels:
        other = [label for label in labels if label not in vocab.labels[dimension]]
        if other:
            raise ValueError(f"{other} are no {dimension} labels; the {dimension} labels: {list(vocab.labels[dimension])}")
    rows = counted(select(evidence, reports, known_years(evidence, years), publishers, labels))
    if verified:
        rows = rows[rows["verdict"] == "correct"]
    grid = region_matrix(rows, vocab, dimension, count)
    return grid if labels is None else grid[[label for label in labels if label in grid.columns]]


def quotes(evidence: pd.DataFrame, region: str | int | None = None, label: str | None = None, **subset) -> pd.DataFrame:
    """The passages behind a cell, once each, by year, report and page: `region`
    is a county code or a region's name ("" for passages that name none), `label`
    a label id."""
    if "years" in subset:
        subset["years"] = known_years(evidence, subset["years"])
    rows = select(evidence, labels=label, **subset)
    if region is not None:
        rows = rows[rows["region_code"] == region_code(region)]
    rows = rows.drop_duplicates(["passage_id", "label"] if label is None else ["passage_id"])
    columns = [c for c in QUOTE_COLUMNS if c in rows.columns]  # (outputs from before verdicts have no verdict column)
    return rows.sort_values(["year", "report_id", "page", "passage_id"], kind="stable")[columns].reset_index(drop=True)


def known_years(evidence: pd.DataFrame, years: Iterable[int] | int | None) -> list[int] | None:
    """`years` as a list, each checked against the years the evidence comes from."""
    if years is None:
        return None
    wanted = [years] if isinstance(years, int) else list(years)
    known = sorted({int(year) for year in evidence["year"].dropna()})
    unknown = [year for year in wanted if year not in known]
    if unknown:
        raise ValueError(f"no evidence for year {unknown}; years with evidence: {known}")
    return wanted


from reformtrace.themes.api import ThemeTables, kwic, load_themes  # noqa: E402,F401 (the themes: timelines, first mentions, reuse, concordance)
