"""One report in a worker process: from the deepest cached stage to the one asked
for, each stage's output left in the cache. The worker sends back only counts,
times and the memo entries it made: the run process never holds the results.

`process_report` is a pure, idempotent function of its Task: run twice, or on
two machines at once, it writes the same bytes under the same names, which is
what lets any executor (a local pool, a Dask cluster) retry it.
"""
from __future__ import annotations

import threading
import time
import traceback
from dataclasses import dataclass, field, replace
from pathlib import Path

from reformtrace.errors import InputError
from reformtrace.model import LabelledPassage, Problem, ReportResult
from reformtrace.run.cache import Cache, Extracted, Failure
from reformtrace.run.memos import MEMO_SIZE, Tracker, load_memos
from reformtrace.run.stages import STAGES, Stages

LAST = len(STAGES) - 1
COUNTS = ("pages", "passages", "repairs", "labels", "region_tags")


@dataclass(frozen=True)
class Task:
    path: Path
    keys: dict[str, str]
    cache: Cache
    max_pages: int
    stages: Stages
    until: int = LAST  # the index of the last stage to run
    redo_from: int = len(STAGES)  # stages from this index on ignore the cache (--force)
    memo: Path | None = None  # the memos a worker that loads the stages starts from


@dataclass
class Outcome:
    """What a worker sends back: the counts of its result (left in the cache) or a problem, and seconds per stage it ran."""

    counts: dict[str, int] | None = None
    problem: Problem | None = None
    seconds: dict[str, float] = field(default_factory=dict)
    resumed_after: str | None = None  # the last stage taken from the cache
    detail: str = ""  # traceback of an internal error, for --verbose
    pages: int = 0
    memos: dict[str, dict] | None = None  # memo entries this process made (Tracker.new)


class OverLimit(Exception):
    """A report is larger than the run allows (a run option, so never cached)."""


def counts(result: ReportResult) -> dict[str, int]:
    return {
        "pages": result.pages,
        "passages": len(result.passages),
        "repairs": len(result.repairs),
        "labels": sum(len(lp.goals) + len(lp.interventions) for lp in result.passages),
        "region_tags": sum(len(lp.regions) for lp in result.passages),
    }


def check_pages(pages: int, max_pages: int) -> None:
    if pages > max_pages:
        raise OverLimit(f"{pages} pages, more than the limit of {max_pages} (raise it with --max-pages)")


def count_pdf_pages(path: Path) -> int | None:
    """Pages of a PDF, counted cheaply before extraction; None if pdfium cannot open it
    (extraction then says why, in its own words)."""
    import pypdfium2

    try:
        pdf = pypdfium2.PdfDocument(str(path))
    except Exception:  # pdfium raises its own error types for every kind of bad file
        return None
    try:
        return len(pdf)
    finally:
        pdf.close()


class Loaded:
    """What this process loaded for the stages: the stages loaded (once per process;
    a forked worker inherits the run process's), and the memo tracker."""

    def __init__(self):
        self.stages: set[Stages] = set()
        self.tracker = Tracker()

    def load(self, stages: Stages, memos: dict[str, dict] | None) -> None:
        """Load what the stages share, with these memos; mark the memo tables."""
        if stages.load is not None:
            stages.load(memos, MEMO_SIZE)
        self.stages.add(stages)
        if stages.memos is not None:
            self.tracker.mark(stages.memos())

    def ensure(self, task: Task) -> None:
        if task.stages not in self.stages:
            self.load(task.stages, load_memos(task.memo))

    def new_memos(self, stages: Stages) -> dict[str, dict] | None:
        return self.tracker.new(stages.memos()) if stages.memos is not None else None


LOADED = Loaded()  # this process's


def run_stage(stage: str, value, task: Task):
    """One stage on the previous stage's output."""
    stages = task.stages
    if stage == "extract":
        if task.path.suffix.lower() == ".pdf" and (pages := count_pdf_pages(task.path)) is not None:
            check_pages(pages, task.max_pages)
        doc = stages.extract(task.path)
        check_pages(len(doc.pages), task.max_pages)
        return Extracted(doc)
    if stage == "repair":
        doc, repairs = stages.repair(value.document)
        return Extracted(doc, value.repairs + list(repairs))
    if stage == "segment":
        doc = value.document
        passages = [LabelledPassage(p) for p in stages.segment(doc)]
        return ReportResult(doc.report_id, {}, len(doc.pages), passages, value.repairs, list(doc.warnings))
    LOADED.ensure(task)
    return replace(value, passages=stages.annotate([lp.passage for lp in value.passages]))


ONE_AT_A_TIME = threading.Lock()  # the stages share this process's annotator and memos, and hold the GIL anyway


def process_report(task: Task) -> Outcome:
    """Bring one report to the output of stage `task.until`, starting from the
    deepest cached stage: one report at a time in a process, however many threads
    its executor gives it (a Dask worker started with --nthreads 2 runs two tasks
    in threads)."""
    with ONE_AT_A_TIME:
        return _process(task)


def _process(task: Task) -> Outcome:
    outcome, value, first = Outcome(), task.path, 0
    for i in range(min(task.until, task.redo_from - 1), -1, -1):
        if (hit := task.cache.load(STAGES[i], task.keys[STAGES[i]])) is not None:
            value, first, outcome.resumed_after = hit, i + 1, STAGES[i]
            break
    current, name = STAGES[min(first, task.until)], task.path.name
    try:
        for i in range(first, task.until + 1):
            if isinstance(value, Failure):
                break
            current, tic = STAGES[i], time.perf_counter()
            try:
                value = run_stage(current, value, task)
            except InputError as err:
                value = Failure(err.stage or current, err.reason)
            outcome.seconds[current] = time.perf_counter() - tic
            task.cache.save(current, task.keys[current], value)
    except OverLimit as err:
        outcome.problem = Problem(name, "limits", str(err))
    except Exception as err:  # a bug or a broken installation: report it, never cache it
        outcome.problem = Problem(name, current, f"internal error ({type(err).__name__}: {err}); the file was not processed")
        outcome.detail = traceback.format_exc()
    else:
        if isinstance(value, Failure):
            outcome.problem = Problem(name, value.stage, value.reason)
        else:
            outcome.pages = value.pages
            outcome.counts = counts(value) if task.until == LAST else None
    if STAGES[LAST] in outcome.seconds:
        outcome.memos = LOADED.new_memos(task.stages)
    return outcome
