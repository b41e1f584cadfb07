"""Outputs into place: written into out/.staging, then each renamed over the
previous one, so an interrupted run leaves the previous outputs as they were;
errors.csv beside them; run.json, the only file with times."""
from __future__ import annotations

import csv
import io
import json
import os
import shutil
from dataclasses import asdict
from datetime import datetime, timezone
from pathlib import Path

from reformtrace import __version__
from reformtrace.model import Problem
from reformtrace.run.cache import atomic_write
from reformtrace.run.stages import STAGES
from reformtrace.run.summary import RunSummary
from reformtrace.run.survey import Item

STAGING = ".staging"
ERRORS_CSV = "errors.csv"
RUN_JSON = "run.json"


def stat(path: Path) -> list[int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns]


def intact(out: Path, files: dict) -> bool:
    """The outputs a run left are all there, untouched since."""
    return bool(files) and all(stat(out / name) == record for name, record in files.items())


def publish(out: Path, items: list[Item], summary: RunSummary, writer, previous: dict, context=None) -> tuple[list[str], list[Item]]:
    """Every output through `writer` (an OutputsProcess) into place (`context`: what
    `Outputs.context` made). Returns the names written, or (nothing written) the items
    whose cached result is unreadable."""
    staging = out / STAGING
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    good = sorted((i for i in items if i.ok), key=lambda i: i.source.report_id)
    unreadable = set(writer.write(staging, [(i.keys, i.source) for i in good], summary.problems, summary.for_outputs(), context))
    if unreadable:
        shutil.rmtree(staging)
        return [], [i for i in good if i.keys[STAGES[-1]] in unreadable]
    write_errors_csv(staging / ERRORS_CSV, summary.problems)
    names = sorted(p.relative_to(staging).as_posix() for p in staging.rglob("*") if p.is_file())
    for name in names:
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        os.replace(staging / name, out / name)
    shutil.rmtree(staging)
    for name in sorted(set(previous) - set(names)):  # outputs the corpus no longer gives
        (out / name).unlink(missing_ok=True)
    return names, []


def write_errors_csv(path: Path, problems: list[Problem]) -> None:
    """One row per problem: file, stage, reason (header only when all went well)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["file", "stage", "reason"])
    writer.writerows([p.file, p.stage, p.reason] for p in problems)
    atomic_write(path, buffer.getvalue().encode("utf-8"))


def write_run_json(out: Path, cache_dir: Path, summary: RunSummary, started: datetime, versions: dict[str, str], scheduler: str | None) -> None:
    """Run metadata: the only file with timestamps and times."""
    data = {
        "reformtrace": __version__,
        "started": started.isoformat(timespec="seconds"),
        "finished": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "cache": str(cache_dir),
        "executor": scheduler or "local pool",
        "stage_versions": versions,
        "exit_status": summary.exit_status,
        **{k: v for k, v in asdict(summary).items() if k != "problems"},
        "problems": len(summary.problems),
    }
    atomic_write(out / RUN_JSON, (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode())
