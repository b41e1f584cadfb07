"""The themes in the notebook API (re-exported by reformtrace.api): a run's theme tables
as DataFrames, and the concordance of a term."""
from __future__ import annotations

import warnings
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from reformtrace.themes.kwic import KWIC_COLUMNS, WINDOW
from reformtrace.themes.outputs import COOCCURRENCE_CSV, FIRST_MENTIONS_CSV, REUSE_CSV, TIMELINE_CSV

TEXT = {"report_id": str, "source_report_id": str, "region_code": str, "printed_page": str, "source_printed_page": str, "group": str}


@dataclass(frozen=True)
class ThemeTables:
    timeline: pd.DataFrame
    first_mentions: pd.DataFrame
    reuse: pd.DataFrame
    cooccurrence: pd.DataFrame


def load_themes(out_dir: str | Path = "out") -> ThemeTables:
    """The theme tables `reformtrace run` wrote into `out_dir`."""
    out_dir = Path(out_dir)
    missing = [name for name in (TIMELINE_CSV, FIRST_MENTIONS_CSV, REUSE_CSV, COOCCURRENCE_CSV) if not (out_dir / name).exists()]
    if missing:
        raise FileNotFoundError(f"{out_dir}: no {', '.join(missing)}; run `reformtrace run --out {out_dir}` first")
    read = lambda name: pd.read_csv(out_dir / name, dtype=TEXT, keep_default_na=False, na_values={"year": [""], "source_year": [""]})  # noqa: E731
    frames = [read(name) for name in (TIMELINE_CSV, FIRST_MENTIONS_CSV, REUSE_CSV, COOCCURRENCE_CSV)]
    for frame in frames:
        for column in ("year", "source_year"):
            if column in frame:
                frame[column] = frame[column].astype("Int64")
    return ThemeTables(*frames)


def kwic(term: str, corpus: str | Path = "corpus", out: str | Path = "out", window: int = WINDOW, cache: str | Path | None = None) -> pd.DataFrame:
    """The concordance of `term` (its inflected and compound forms too), one row per place."""
    from reformtrace.themes.kwic import kwic as lines
    from reformtrace.themes.passages import corpus_passages

    reports = corpus_passages(corpus, cache or Path(out) / ".cache")
    failed = [f"{r.source.path.name} ({r.problem})" for r in reports if r.problem]
    if failed:
        warnings.warn(f"kwic: not read: {'; '.join(failed)}", stacklevel=2)
    found = lines(term, reports, window)
    return pd.DataFrame([line.row() for line in found], columns=KWIC_COLUMNS).astype({"year": "Int64", "page": "int64"})
