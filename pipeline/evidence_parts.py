"""The evidence table as a partitioned Parquet dataset, out/evidence/: a part per
report, made once with the report's share of the outputs and left in place by a
run whose rows of that report are the same, so that a new report writes one part.
"""
from __future__ import annotations

import io
import os
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from reformtrace.matrix import EVIDENCE_COLUMNS, evidence_frame

EVIDENCE_DIR = "evidence"
OLD_FILE = "evidence.parquet"  # one file, as runs before the parts wrote it: still read
NUMBERS = {"year": pa.int64(), "page": pa.int64(), "score": pa.float64()}  # every other column is text
SCHEMA = pa.schema([(c, NUMBERS.get(c, pa.large_string())) for c in EVIDENCE_COLUMNS])


def part_name(report_id: str) -> str:
    """The part's path in the output folder."""
    return f"{EVIDENCE_DIR}/{report_id}.parquet"


def part_bytes(frame: pd.DataFrame) -> bytes:
    """One report's evidence rows as a Parquet file (one schema for every part, an empty one too)."""
    sink = io.BytesIO()
    pq.write_table(pa.Table.from_pandas(frame, schema=SCHEMA, preserve_index=False), sink)
    return sink.getvalue()


def write_part(folder: Path, report_id: str, data: bytes, previous: Path | None) -> Path:
    """The part into `folder`: a hard link to the previous outputs' part when its bytes are
    the same (renamed into place, it leaves that file as it was), else written."""
    name = part_name(report_id)
    target, before = folder / name, previous / name if previous else None
    same = before is not None and _same(before, data)
    if same and before.resolve() == target.resolve():  # written in place, and already there
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    target.unlink(missing_ok=True)
    if same:
        try:
            os.link(before, target)
            return target
        except OSError:  # another file system: write it
            pass
    target.write_bytes(data)
    return target


def move_parts(staged: Path, out_dir: Path) -> list[Path]:
    """The parts written into `staged` renamed into `out_dir`, whose other parts (of
    reports no longer given) are removed: the dataset is this run's alone."""
    names = sorted(p.name for p in (staged / EVIDENCE_DIR).glob("*.parquet"))
    folder = Path(out_dir) / EVIDENCE_DIR
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        os.replace(staged / EVIDENCE_DIR / name, folder / name)
    for stale in set(p.name for p in folder.glob("*.parquet")) - set(names):
        (folder / stale).unlink()
    return [folder / name for name in names]


def _same(path: Path, data: bytes) -> bool:
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False


def part_paths(out_dir: Path) -> list[Path]:
    """The parts of a run's evidence, in report order."""
    folder = Path(out_dir) / EVIDENCE_DIR
    paths = folder.glob("*.parquet") if folder.is_dir() else []
    return sorted(paths, key=lambda p: p.name[: -len(".parquet")])


def has_evidence(out_dir: Path) -> bool:
    return (Path(out_dir) / EVIDENCE_DIR).is_dir() or (Path(out_dir) / OLD_FILE).is_file()


def read_evidence(out_dir: Path, columns: list[str] | None = None) -> pd.DataFrame:
    """A run's evidence table from its parts (or the single file of an older run), as the
    run made it. Raises OSError or an Arrow error when a part cannot be read."""
    old = Path(out_dir) / OLD_FILE
    if not (Path(out_dir) / EVIDENCE_DIR).is_dir() and old.is_file():
        return pd.read_parquet(old, columns=columns)
    parts = [pq.read_table(path, columns=columns) for path in part_paths(out_dir)]
    if not parts:
        frame = evidence_frame([])
        return frame[columns] if columns else frame
    return pa.concat_tables(parts).to_pandas()
