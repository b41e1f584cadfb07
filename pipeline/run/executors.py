"""Where the per-report tasks run. An executor takes tasks, runs
`worker.process_report` on each and yields (task, outcome) pairs in completion
order; a report that kills its worker comes back as a "worker" problem, never
as an exception.

`LocalPool` forks worker processes on this machine, a pool per round, so the
annotate workers share what the run process loaded; `executor_for` picks it or
a Dask cluster (`--scheduler`, pipeline/run/cluster.py), whose workers each
load the annotator once, on their first report.
"""
from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from typing import Protocol

from reformtrace.model import Problem
from reformtrace.run.worker import Outcome, Task, process_report


class ClusterError(Exception):
    """The cluster cannot run this run's tasks (its workers run other code)."""


class Executor(Protocol):
    workers: int  # how many reports run at once

    def run(self, tasks: list[Task], meanwhile: Callable[[], None] = lambda: None) -> Iterator[tuple[Task, Outcome]]:
        """Run the tasks, biggest files first; `meanwhile` runs in this process once
        they are under way."""
        ...

    def close(self) -> None: ...


def biggest_first(tasks: Iterable[Task]) -> list[Task]:
    return sorted(tasks, key=lambda t: (-_size(t.path), t.path.name))


def _size(path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def crashed(task: Task) -> Outcome:
    return Outcome(problem=Problem(task.path.name, "worker", "the worker process died while processing this file (it crashed or was killed, perhaps out of memory)"))


def _default_sigterm() -> None:
    """Workers die on SIGTERM, whatever handler the run process installed."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


class LocalPool:
    """Forked worker processes on this machine, a pool per round. If a worker dies
    (a crash in a PDF library, the OOM killer), the unfinished tasks are run again
    one at a time, so the file that kills a worker is found and listed while every
    other file is still processed."""

    def __init__(self, workers: int):
        self.workers = workers

    def run(self, tasks: list[Task], meanwhile: Callable[[], None] = lambda: None) -> Iterator[tuple[Task, Outcome]]:
        queue, alone = biggest_first(tasks), False
        if not queue:
            meanwhile()
        while queue:
            lost: list[Task] = []
            for task, outcome in self._round(queue, 1 if alone else min(self.workers, len(queue)), (lambda: None) if alone else meanwhile):
                if outcome is None:
                    lost.append(task)
                else:
                    yield task, outcome
            lost.sort(key=queue.index)
            if alone and lost:
                yield lost[0], crashed(lost[0])  # it ran alone and took the worker with it
                lost = lost[1:]
            queue, alone = lost, True

    def _round(self, queue: list[Task], workers: int, meanwhile: Callable[[], None]) -> Iterator[tuple[Task, Outcome | None]]:
        """The tasks in one pool; None for those whose worker died."""
        pool = ProcessPoolExecutor(max(1, workers), mp_context=multiprocessing.get_context("fork"), initializer=_default_sigterm)
        interrupted = True
        try:
            futures = {pool.submit(process_report, t): t for t in queue}
            meanwhile()
            for future in as_completed(futures):
                try:
                    yield futures[future], future.result()
                except BrokenProcessPool:
                    yield futures[future], None
            interrupted = False
        finally:
            pool.shutdown(wait=not interrupted, cancel_futures=True)
            if interrupted:  # Ctrl-C or kill: stop the workers now, not after their current report
                for worker in multiprocessing.active_children():
                    worker.terminate()

    def close(self) -> None:
        pass


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def executor_for(scheduler: str | None, jobs: int, versions: dict[str, str] | None = None) -> Executor:
    """The local pool (no scheduler), or a Dask cluster: "tcp://HOST:PORT" (one
    already running) or "local:N" (N worker processes started here), whose workers
    must have these stage versions."""
    if not scheduler:
        return LocalPool(jobs or available_cores())
    from reformtrace.run.cluster import DaskExecutor

    return DaskExecutor(scheduler, versions)
