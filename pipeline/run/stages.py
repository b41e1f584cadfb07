"""The two interfaces a run calls: `Stages` (the per-report stages, run in the
workers) and `Outputs` (a run's results to the files in out/). Each is a set of
functions with optional hooks; the defaults are the package's own, and a test
builds either with stand-ins. The runner calls a hook only when it is given.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

from reformtrace.model import Document, LabelledPassage, Passage, Problem, Repair, ReportResult

STAGES = ("extract", "repair", "segment", "annotate")
# the module that declares each stage's SOURCES (pipeline/sources.py), and the outputs'
DECLARED_IN = {
    "extract": "reformtrace.extract",
    "repair": "reformtrace.repair",
    "segment": "reformtrace.segment",
    "annotate": "reformtrace.annotate",
    "outputs": "reformtrace.outputs",
}


# --- the package's stages, imported only when a report needs them -----------------------


def extract(path: Path) -> Document:
    from reformtrace.extract import extract as run

    return run(path)


def repair(doc: Document) -> tuple[Document, list[Repair]]:
    from reformtrace.repair import repair_document

    return repair_document(doc)


def segment(doc: Document) -> list[Passage]:
    from reformtrace.segment import segment as run

    return run(doc)


@cache
def annotator():
    """The annotator, loaded once per process (a forked worker inherits it)."""
    from reformtrace.annotate import Annotator

    return Annotator.load()


def annotate(passages: list[Passage]) -> list[LabelledPassage]:
    return annotator().annotate(passages)


def load_annotator(memos: dict[str, dict] | None, most: int) -> None:
    """Load everything annotate reads, taking in up to `most` memo entries per table
    that earlier runs worked out; then move what is loaded out of the collector's
    reach (gc.freeze): it lives as long as the process, and a forked worker would
    copy every page a collection walks."""
    import gc

    from reformtrace import lexicon
    from reformtrace.annotate.gazetteer import load_gazetteer

    load_gazetteer()
    if memos:
        annotator().remember(memos, most)
    lexicon.load()
    gc.freeze()


def annotator_memos() -> dict[str, dict]:
    """The annotator's live per-word memo tables (see Annotator.memos)."""
    return annotator().memos()


@dataclass(frozen=True)
class Stages:
    """The per-report stages, and two optional hooks for what they share in a process:
    `load(memos, most)` loads it (once per worker process, or in the run process
    before the workers fork), `memos()` returns the tables of what it worked out per
    word, which the run keeps for the next one. Functions must be importable by name
    (module level) for the workers to receive them."""

    extract: Callable[[Path], Document] = extract
    repair: Callable[[Document], tuple[Document, list[Repair]]] = repair
    segment: Callable[[Document], list[Passage]] = segment
    annotate: Callable[[list[Passage]], list[LabelledPassage]] = annotate
    load: Callable[[dict[str, dict] | None, int], None] | None = load_annotator
    memos: Callable[[], dict[str, dict]] | None = annotator_memos


# --- the package's outputs --------------------------------------------------------------


def tabulate(result: ReportResult) -> Any:
    from reformtrace.outputs import tabulate as run

    return run(result)


def write_outputs(out_dir: Path, parts: list, problems: list[Problem], summary: dict, context=None) -> list[Path]:
    from reformtrace.outputs import write_outputs as run

    return run(out_dir, parts, problems, summary, context=context)


def run_context(out: Path, options, started: datetime):
    """What the outputs take from a run besides the results (an outputs.RunContext): the
    verdicts (read at the start: a broken file stops the run before any work), the
    language, the previous outputs and the date."""
    from reformtrace.changes import stamp
    from reformtrace.outputs import RunContext
    from reformtrace.verdicts import read_verdicts

    verdicts = tuple(read_verdicts(options.verdicts)) if options.verdicts else None
    return RunContext(options.lang, verdicts, out, stamp(started))


def review_summary(out: Path, options) -> dict:
    """The verdicts and changes of the outputs now in `out`, for the summary and run.json."""
    from reformtrace import changes, verdicts

    found = {"verdicts": {"file": str(options.verdicts), **verdicts.summary_of(out)}} if options.verdicts else {}
    return {**found, "changes": changes.summary_of(out)}


def prepare_outputs() -> None:
    """Import the output modules and load their vocabulary (the outputs process does it
    while the workers run). Not the annotator: the outputs need the taxonomy and the
    region names only."""
    from reformtrace import outputs  # noqa: F401
    from reformtrace.matrix import vocabulary
    from reformtrace.report import excel, html, plots  # noqa: F401 (imported lazily by outputs.render)
    from reformtrace.themes import fingerprints, outputs as themes  # noqa: F401 (datasketch: what reading the shares back needs)

    vocabulary()


@dataclass(frozen=True)
class Outputs:
    """A run's results into files. `write(folder, parts, problems, summary)` writes
    them, `parts` being each good report's `tabulate(result)` (its share of the
    outputs, kept in the cache) or, without `tabulate`, its ReportResult; `prepare()`
    runs ahead, while the workers do. With `context(out, options, started)`, write
    also takes `context=` what it made (the verdicts, the language, the previous
    outputs), and `review(out, options)` tells the summary what the outputs found
    (verdicts applied, rows changed)."""

    write: Callable[..., list[Path]] = write_outputs
    tabulate: Callable[[ReportResult], Any] | None = tabulate
    prepare: Callable[[], None] | None = prepare_outputs
    context: Callable[[Path, Any, datetime], Any] | None = run_context
    review: Callable[[Path, Any], dict] | None = review_summary
