"""The outputs in a process of their own, forked once the run process has loaded
the annotator (it inherits numpy and the taxonomy instead of loading them
again). While the workers run it imports the output modules and reads each
unchanged report's share of the outputs from the cache, at the lowest priority
where it may return to normal priority to write (root, or an RLIMIT_NICE that
allows it), so that it takes only what the workers leave of the cores. Without
fork it all happens in the run process when the outputs are written.
"""
from __future__ import annotations

import multiprocessing
import os
import signal
import traceback
from functools import partial
from pathlib import Path

from reformtrace.corpus import Source
from reformtrace.model import Problem, ReportResult
from reformtrace.run.cache import TABLES, Cache
from reformtrace.run.stages import STAGES, Outputs
from reformtrace.run.survey import with_source

PREPARE_NICENESS = 19
Report = tuple[dict[str, str], Source]  # a report's cache keys and its source


def _exit_on_signal(signum, frame) -> None:
    raise SystemExit(128 + signum)


def _may_raise_priority_again() -> bool:
    """Whether this process, once niced, may return to its present priority: root may,
    and anyone whose RLIMIT_NICE allows it (most users may not)."""
    import resource

    if os.geteuid() == 0:
        return True
    soft, _ = resource.getrlimit(resource.RLIMIT_NICE)
    return soft == resource.RLIM_INFINITY or soft >= 20 - os.getpriority(os.PRIO_PROCESS, 0)


class Unreadable(RuntimeError):
    """A report's cached share of the outputs, and its result, cannot be read."""


class Tabulator:
    """Each report's share of the outputs (`Outputs.tabulate` of its result with its
    metadata), read from the cache or made and kept there; without `tabulate`, the
    result itself. With `tabulate` it holds none of them: `write` hands the outputs a
    loader per report, so their memory does not grow with the corpus."""

    def __init__(self, outputs: Outputs, cache: Cache, force: bool):
        self.outputs, self.cache, self.force, self.made = outputs, cache, force, set()

    def part(self, keys: dict[str, str], source: Source):
        """None when the report's cached result is unreadable."""
        key, tabulate = keys[TABLES], self.outputs.tabulate
        value = self.cache.load_tables(key) if tabulate and (not self.force or key in self.made) else None
        if value is None and isinstance(result := self.cache.load(STAGES[-1], keys[STAGES[-1]]), ReportResult):
            value = with_source(result, source)
            if tabulate:
                value = tabulate(value)
                self.cache.save_tables(key, value)
                self.made.add(key)
        return value

    def ready(self, keys: dict[str, str], source: Source) -> bool:
        """The report's share is in the cache, made now if it was not."""
        key = keys[TABLES]
        if key in self.made or (not self.force and self.cache.has_tables(key)):
            return True
        return self.part(keys, source) is not None

    def load(self, keys: dict[str, str], source: Source):
        """A report's share, when the outputs come to it."""
        value = self.part(keys, source)
        if value is None:
            raise Unreadable(f"the cached result of {source.path.name} cannot be read back")
        return value

    def prepare(self, reports: list[Report]) -> None:
        try:
            if self.outputs.prepare:
                self.outputs.prepare()
            for keys, source in reports:
                if self.outputs.tabulate:
                    self.ready(keys, source)
        except Exception:  # tried again when the outputs are written, and reported there
            pass

    def write(self, staging: Path, reports: list[Report], problems: list[Problem], summary: dict, context=None) -> list[str]:
        """The outputs into `staging` (`context`: what `Outputs.context` made); or, writing
        nothing, the final keys of the reports whose cached result could not be read."""
        if self.outputs.tabulate:
            lost = [keys[STAGES[-1]] for keys, source in reports if not self.ready(keys, source)]
            parts = [partial(self.load, keys, source) for keys, source in reports]
        else:
            parts = [self.part(keys, source) for keys, source in reports]
            lost = [keys[STAGES[-1]] for part, (keys, _) in zip(parts, reports) if part is None]
        if not lost:
            try:
                self.outputs.write(staging, parts, problems, summary, **({"context": context} if self.outputs.context else {}))
            except Unreadable:  # a cached share damaged since: which (reading them all), to be made again
                lost = [keys[STAGES[-1]] for keys, source in reports if self.part(keys, source) is None]
                if not lost:
                    raise
        return lost


class OutputsProcess:
    """A Tabulator in a forked process, served over a pipe."""

    def __init__(self, tabulator: Tabulator, ahead: list[Report], beside_workers: bool = True):
        """`ahead`: the reports to read while the workers run."""
        self.tabulator, self.ahead, self.beside_workers, self.process = tabulator, ahead, beside_workers, None
        if "fork" not in multiprocessing.get_all_start_methods():
            return
        context = multiprocessing.get_context("fork")
        self.connection, child = context.Pipe()
        self.process = context.Process(target=self._serve, args=(child,), name="reformtrace outputs")
        self.process.start()
        child.close()

    def write(self, staging: Path, reports: list[Report], problems: list[Problem], summary: dict, context=None) -> list[str]:
        if self.process is None:
            self.tabulator.prepare(self.ahead)
            return self.tabulator.write(staging, reports, problems, summary, context)
        try:
            self.connection.send((staging, reports, problems, summary, context))
            status, value = self.connection.recv()
        except (EOFError, OSError):  # it is gone (killed, out of memory)
            self.process.join()
            raise RuntimeError(f"the process writing the outputs died (exit code {self.process.exitcode})") from None
        if status == "interrupted":
            raise KeyboardInterrupt
        if status == "error":
            raise RuntimeError(f"writing the outputs failed: {value}")
        return value

    def close(self, wait: bool = True) -> None:
        """End the process and reap it: after a finished run it ends when its pipe
        closes; after a failure or an interruption (`wait` False) it is terminated at
        once, and stops its renderers as it goes."""
        if self.process is not None:
            self.connection.close()
            if not wait:
                self.process.terminate()
            self.process.join(timeout=5)
            if self.process.is_alive():
                self.process.kill()
                self.process.join()
            self.process = None

    def _serve(self, connection) -> None:
        signal.signal(signal.SIGTERM, _exit_on_signal)  # ends this process through its finally blocks
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        self.connection.close()  # the run's end, copied by the fork: the run closing its own must end this process
        lowered = self.beside_workers and _may_raise_priority_again()
        if lowered:
            os.nice(PREPARE_NICENESS)
        self.tabulator.prepare(self.ahead)
        while True:
            try:
                request = connection.recv()
            except EOFError:  # the run is over
                return
            if lowered:  # the run now waits for this process alone
                os.setpriority(os.PRIO_PROCESS, 0, 0)
                lowered = False
            try:
                reply = ("ok", self.tabulator.write(*request))
            except KeyboardInterrupt:
                reply = ("interrupted", None)
            except Exception as err:
                reply = ("error", f"{type(err).__name__}: {err}\n{traceback.format_exc()}")
            connection.send(reply)
