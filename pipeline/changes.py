"""What a run's evidence adds to and takes from the previous run's: changes.csv and
the HTML's "new since" marks.

"The previous run" is the last one whose evidence rows differed from this run's:
a rerun that only applies verdicts, changes the language or is forced keeps the
comparison it had, so the marks on what is new stay until the evidence changes
again. Rows are compared by their identity across runs (pipeline/identity.py),
not by passage number. What the comparison needs is kept beside the outputs, in
OUT/.history/ (written and replaced with them): the baseline's rows and the dates.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd

from pipeline.identity import row_keys

CHANGES_CSV = "changes.csv"
HISTORY = ".history"
BASELINE = f"{HISTORY}/baseline.parquet"  # the evidence rows of the run compared with
DATES = f"{HISTORY}/dates.json"  # when the evidence now in out/ and the baseline's were made
# the columns of changes.csv: enough to find the row and its cell, and to read it
COLUMNS = ["change", "report_id", "passage_id", "page", "region_code", "region", "dimension", "label", "label_name", "kind", "quote"]


@dataclass(frozen=True)
class Changes:
    """This run's evidence against the baseline's."""

    since: str | None  # when the baseline's evidence was made; None: no earlier run to compare with
    made: str | None  # when this evidence was first made (an unchanged rerun keeps the date)
    new: list[bool]  # per evidence row: not in the baseline
    table: pd.DataFrame  # changes.csv: the rows added and removed
    baseline: pd.DataFrame | None  # the rows compared with, kept in OUT/.history/ for the next run

    def dates(self) -> bytes:
        """OUT/.history/dates.json."""
        return (json.dumps({"baseline": self.since, "last": self.made}, indent=1, sort_keys=True) + "\n").encode()

    def counts(self) -> dict:
        changes = self.table["change"].tolist()
        return {"since": self.since, "added": changes.count("added"), "removed": changes.count("removed")}


def compare(evidence: pd.DataFrame, previous_dir: Path | None, now: str) -> Changes:
    """Compare `evidence` with the outputs in `previous_dir` (the last run's), made `now`."""
    keys = row_keys(evidence)
    last = _read_parquet(previous_dir / "evidence.parquet") if previous_dir else None
    dates = _read_dates(previous_dir) if previous_dir else {}
    if last is None:
        baseline, since, made = None, None, now
    elif set(row_keys(last)) == set(keys):  # the same rows: keep the comparison the outputs have
        baseline, since, made = _read_parquet(previous_dir / BASELINE), dates.get("baseline"), dates.get("last", now)
    else:
        baseline, since, made = last, dates.get("last") or _finished(previous_dir), now
    if baseline is not None:
        baseline = baseline[[c for c in COLUMNS[1:] if c in baseline.columns]].reset_index(drop=True)
        before = set(row_keys(baseline))
    new = [False] * len(keys) if baseline is None else [key not in before for key in keys]
    return Changes(since, made, new, _table(evidence, baseline, keys, new), baseline)


def unchanged(evidence: pd.DataFrame) -> Changes:
    """No earlier run to compare with (outputs written outside a run)."""
    return Changes(None, None, [False] * len(evidence), pd.DataFrame(columns=COLUMNS), None)


def _table(evidence: pd.DataFrame, baseline: pd.DataFrame | None, keys: list[str], new: list[bool]) -> pd.DataFrame:
    """The rows added (this run's) and removed (the baseline's), in report and passage order."""
    if baseline is None:
        return pd.DataFrame(columns=COLUMNS)
    added = evidence[new].assign(change="added")
    current = set(keys)
    removed = baseline[[key not in current for key in row_keys(baseline)]].assign(change="removed")
    both = pd.concat([part.reindex(columns=COLUMNS) for part in (added, removed) if len(part)] or [pd.DataFrame(columns=COLUMNS)])
    return both.sort_values(["report_id", "passage_id", "region_code", "dimension", "label", "change"], kind="stable").reset_index(drop=True)


def _read_parquet(path: Path) -> pd.DataFrame | None:
    try:
        return pd.read_parquet(path) if path.is_file() else None
    except Exception:  # a damaged file: compare as if there were none
        return None


def _read_dates(folder: Path) -> dict:
    try:
        return json.loads((folder / DATES).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _finished(folder: Path) -> str | None:
    """When the outputs in `folder` were made, from their run.json (outputs older than .history/)."""
    try:
        finished = json.loads((folder / "run.json").read_text(encoding="utf-8"))["finished"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return stamp(pd.Timestamp(finished).to_pydatetime())


def stamp(moment: datetime) -> str:
    """A run's date as the outputs show it: minutes, UTC."""
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")


def summary_of(out_dir: Path) -> dict:
    """The counts of OUT/changes.csv and the date compared with, for the run summary."""
    path = Path(out_dir) / CHANGES_CSV
    if not path.is_file():
        return {}
    changes = pd.read_csv(path, usecols=["change"], dtype=str)["change"].tolist()
    return {"since": _read_dates(Path(out_dir)).get("baseline"), "added": changes.count("added"), "removed": changes.count("removed")}
