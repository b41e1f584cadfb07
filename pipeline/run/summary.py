"""A run's options and what it did: the printed summary, run.json, the exit status."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from reformtrace.model import Problem

EXIT_OK = 0  # every report processed
EXIT_USAGE = 2  # bad arguments, missing corpus folder, another run holds the output folder
EXIT_FAILED = 3  # the run finished, but some files could not be processed (see errors.csv)
DEFAULT_MAX_PAGES = 2000
DEFAULT_MAX_MB = 200.0


@dataclass(frozen=True)
class Options:
    jobs: int = 0  # local worker processes; 0: one per available core
    force: bool = False
    max_pages: int = DEFAULT_MAX_PAGES
    max_mb: float = DEFAULT_MAX_MB
    cache_dir: Path | None = None  # default: <out>/.cache
    progress: bool = False
    scheduler: str | None = None  # a Dask scheduler, "tcp://HOST:PORT" or "local:N"; None: the local pool
    verdicts: Path | None = None  # an evaluator's verdicts file (pipeline/verdicts.py)
    lang: str = "sv"  # of the outputs' interface text (pipeline/report/i18n.py)


@dataclass
class RunSummary:
    corpus: str
    out: str
    jobs: int
    reports: int = 0
    processed: int = 0
    from_cache: int = 0
    failed: int = 0
    pages: int = 0
    passages: int = 0
    repairs: int = 0
    labels: int = 0
    region_tags: int = 0
    seconds: dict[str, float] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    outputs: list[str] = field(default_factory=list)
    outputs_written: bool = False
    verdicts: dict = field(default_factory=dict)  # the verdicts file and how many of its verdicts found their row
    changes: dict = field(default_factory=dict)  # rows added and removed since the previous run (changes.csv)

    @property
    def exit_status(self) -> int:
        return EXIT_FAILED if self.problems else EXIT_OK

    def for_outputs(self) -> dict:
        """The part of the summary the outputs show: counts only, no times, so that the
        same corpus gives byte-identical files."""
        keys = ("reports", "failed", "pages", "passages", "repairs", "labels", "region_tags", "warnings")
        return {k: getattr(self, k) for k in keys}
