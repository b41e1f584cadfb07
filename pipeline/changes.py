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
import logging
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from reformtrace.identity import row_keys

log = logging.getLogger(__name__)

CHANGES_CSV = "changes.csv"
HISTORY = ".history"
BASELINE = f"{HISTORY}/baseline.parquet"  # the evidence rows of the run compared with, each with its identity (`key`)
KEYS = f"{HISTORY}/keys.txt"  # the identity of each row of the evidence now in OUT/, in its order: no run computes them twice
DATES = f"{HISTORY}/dates.json"  # when the evidence now in OUT/ and the baseline's were made
# the columns of changes.csv: enough to find the row and its cell, and to read it
COLUMNS = ["change", "report_id", "passage_id", "page", "region_code", "region", "dimension", "label", "label_name", "kind", "quote"]


@dataclass(frozen=True)
class Changes:
    """This run's evidence against the baseline's."""

    since: str | None  # when the baseline's evidence was made; None: no earlier run to compare with
    made: str | None  # when this evidence was first made (an unchanged rerun keeps the date)
    new: list[bool]  # per evidence row: not in the baseline
    table: pd.DataFrame  # changes.csv: the rows added and removed
    baseline: Baseline | None  # the rows compared with (and their `key`), kept in OUT/.history/ for the next run
    keys: list[str]  # the identity of each evidence row, kept in OUT/.history/ for the next run

    def dates(self) -> bytes:
        """OUT/.history/dates.json."""
        return (json.dumps({"baseline": self.since, "last": self.made}, indent=1, sort_keys=True) + "\n").encode()

    def counts(self) -> dict:
        changes = self.table["change"].tolist()
        return {"since": self.since, "added": changes.count("added"), "removed": changes.count("removed")}


def compare(evidence: pd.DataFrame, previous_dir: Path | None, now: str, keys: list[str] | None = None,
            whole: Callable[[list[int]], pd.DataFrame] | None = None) -> Changes:
    """Compare `evidence` (its rows' identities: `keys`, made when not given) with the
    outputs in `previous_dir` (the last run's), made `now`; `whole`: the whole rows at
    positions of `evidence`, where it holds them without their texts (full_rows.rows_at)."""
    keys = row_keys(evidence) if keys is None else keys
    last_keys = _last_keys(previous_dir) if previous_dir else None
    dates = _read_dates(previous_dir) if previous_dir else {}
    if last_keys is None:
        baseline, since, made = None, None, now
    elif set(last_keys) == set(keys):  # the same rows: keep the comparison the outputs have
        baseline, since, made = _kept(previous_dir / BASELINE), dates.get("baseline"), dates.get("last", now)
    else:
        baseline = _of_evidence(previous_dir, last_keys)
        since, made = (dates.get("last") or _finished(previous_dir)) if baseline is not None else None, now
    current = set(keys)  # (sets of Python strings: pandas' isin on Arrow strings makes a Python list of each)
    try:
        removed = baseline.rows([i for i, key in enumerate(baseline.keys) if key not in current]) if baseline is not None else None
    except Exception:  # a damaged part: compare as if there were none
        removed = None
    if removed is None:  # a first run, or the rows compared with cannot be read: nothing to compare with
        return Changes(None, made, [False] * len(keys), pd.DataFrame(columns=COLUMNS), None, keys)
    before = set(baseline.keys)
    new = [key not in before for key in keys]
    added = (whole([i for i, is_new in enumerate(new) if is_new]) if whole else evidence[new]).assign(change="added")
    removed = removed.assign(change="removed")
    both = pd.concat([part.reindex(columns=COLUMNS) for part in (added, removed) if len(part)] or [pd.DataFrame(columns=COLUMNS)])
    table = both.sort_values(["report_id", "passage_id", "region_code", "dimension", "label", "change"], kind="stable").reset_index(drop=True)
    return Changes(since, made, new, table, baseline, keys)


def unchanged(evidence: pd.DataFrame) -> Changes:
    """No earlier run to compare with (outputs written outside a run)."""
    return Changes(None, None, [False] * len(evidence), pd.DataFrame(columns=COLUMNS), None, [])


@dataclass(frozen=True)
class Baseline:
    """The rows a run compares with, left in Parquet files (their row groups in order) and
    read a group at a time: at a thousand reports they are some 800,000 rows with their quotes."""

    groups: list[tuple[Path, int, int]]  # (file, row group, its rows)
    keys: list[str]  # each row's identity, in order

    def _opened(self):
        """Each row group with its file and its rows, each file opened once (its groups come together)."""
        path, file = None, None
        for where, group, size in self.groups:
            if where != path:
                path, file = where, pq.ParquetFile(where)
            yield file, group, size

    def rows(self, positions: list[int]) -> pd.DataFrame:
        """The rows at these positions (ascending), with changes.csv's columns."""
        found, start = [], 0
        for file, group, size in self._opened():
            mine = [p - start for p in positions[bisect_left(positions, start):bisect_left(positions, start + size)]]
            if mine:
                found.append(file.read_row_group(group, columns=_shown(file)).take(mine).to_pandas())
            start += size
        return pd.concat(found, ignore_index=True) if found else pd.DataFrame(columns=COLUMNS[1:])

    def write(self, file) -> None:
        """OUT/.history/baseline.parquet for the next run: changes.csv's columns and `key`, a group at a
        time; left empty where a group cannot be read (the next run then compares with nothing)."""
        writer, start = None, 0
        try:
            for source, group, size in self._opened():
                table = source.read_row_group(group, columns=_shown(source))
                table = table.append_column("key", pa.array(self.keys[start:start + size], pa.large_string()))
                start += size
                writer = writer or pq.ParquetWriter(file, table.schema)
                writer.write_table(table)
        except Exception as err:  # a damaged part of the previous evidence
            log.warning("the previous run's evidence cannot be read whole (%s); the next run compares with nothing", err)
            file.seek(0)
            file.truncate()
            return
        if writer is not None:
            writer.close()


def _shown(file: pq.ParquetFile) -> list[str]:
    """The columns of changes.csv a file holds (an older run's may lack some)."""
    return [c for c in COLUMNS[1:] if c in file.schema_arrow.names]


def _kept(path: Path) -> Baseline | None:
    """The baseline the previous run kept (its identities made where an older version kept none)."""
    try:
        file = pq.ParquetFile(path)
        have_keys = "key" in file.schema_arrow.names
        keys = (file.read(columns=["key"]).column("key").to_pylist() if have_keys
                else row_keys(file.read(columns=["report_id", "quote", "region_code", "label"]).to_pandas()))
        return _baseline([path], keys)
    except Exception:  # missing or damaged: compare as if there were none
        return None


def _of_evidence(folder: Path, keys: list[str]) -> Baseline | None:
    """The previous run's evidence (its parts, or the one file of an older run) as the baseline."""
    from reformtrace.evidence_parts import OLD_FILE, part_paths

    try:
        paths = part_paths(folder) or ([folder / OLD_FILE] if (folder / OLD_FILE).is_file() else [])
        return _baseline(paths, keys) if paths else None
    except Exception:  # a damaged part: compare as if there were none
        return None


def _baseline(paths: list[Path], keys: list[str]) -> Baseline | None:
    """None when the files do not hold a row for each identity (unreadable: nothing to compare with)."""
    groups = []
    for path in paths:
        meta = pq.ParquetFile(path).metadata
        groups += [(path, g, meta.row_group(g).num_rows) for g in range(meta.num_row_groups)]
    return Baseline(groups, keys) if sum(size for *_, size in groups) == len(keys) else None


def _last_keys(folder: Path) -> list[str] | None:
    """The identities of the rows of the evidence in `folder`: kept beside it, else made from it."""
    try:
        return (folder / KEYS).read_text(encoding="utf-8").splitlines()
    except OSError:
        last = _read_evidence(folder, ["report_id", "quote", "region_code", "label"])
        return None if last is None else row_keys(last)


def _read_evidence(folder: Path, columns: list[str] | None = None) -> pd.DataFrame | None:
    """The evidence of the outputs in `folder` (its parts, or the one file of an older run)."""
    from reformtrace.evidence_parts import has_evidence, read_evidence

    try:
        return read_evidence(folder, columns) if has_evidence(folder) else None
    except Exception:  # a damaged part: compare as if there were none
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
