"""The per-report tasks on a Dask cluster (the `dask` extra): `--scheduler
tcp://HOST:PORT` for a scheduler someone started (by hand, dask-jobqueue on
SLURM, the Dask Helm chart on Kubernetes: docs/SCALING.md), `--scheduler
local:N` for N worker processes started here for the run.

Every worker must reach the corpus and the cache at the same paths as the run
process (a shared file system), and run the same reformtrace: before the first
task each worker's stage versions are compared with the run's. A worker loads
the annotator once, on its first report. A worker lost mid-task (killed, out of
memory, its node gone) has its task run again elsewhere by the scheduler; a
report that kills `distributed.scheduler.allowed-failures` + 1 workers in a row
is listed as a "worker" problem, as the local pool lists it.
"""
from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from functools import cache
from secrets import token_hex

from reformtrace.run.executors import ClusterError, biggest_first, crashed
from reformtrace.run.stages import STAGES
from reformtrace.run.worker import Outcome, Task, process_report

try:
    from distributed import Client, KilledWorker, LocalCluster, as_completed
except ImportError as err:  # the extra is not installed
    raise ImportError("--scheduler needs Dask: pip install 'reformtrace[dask]'") from err

WORKER_WAIT = 60  # seconds a run waits for the scheduler's first worker before it says there is none

# distributed sets its loggers to INFO when imported: they speak as loud as the run does
logging.getLogger("distributed").setLevel(logging.INFO if logging.getLogger("reformtrace").isEnabledFor(logging.INFO) else logging.WARNING)


@cache
def worker_versions() -> dict[str, str]:
    """The stage versions of the reformtrace this worker process imported, worked out once."""
    from reformtrace.run.versions import stage_versions

    return stage_versions()


class DaskExecutor:
    def __init__(self, scheduler: str, versions: dict[str, str] | None = None):
        self.cluster = None
        if scheduler.startswith("local:"):
            workers = int(scheduler.removeprefix("local:"))
            self.cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0", silence_logs=logging.WARNING)
            self.client = Client(self.cluster)
        else:
            self.client = Client(scheduler, timeout="30s")
        try:
            self.client.wait_for_workers(1, timeout=WORKER_WAIT)
        except TimeoutError:
            self.close()
            raise ClusterError(f"no Dask worker joined the scheduler at {scheduler} within {WORKER_WAIT} s: start "
                               f"workers for it (dask worker {scheduler}), or check the address") from None
        self.workers = sum(w["nthreads"] for w in self.client.scheduler_info()["workers"].values())
        if versions is not None:
            self._check(versions)

    def _check(self, versions: dict[str, str]) -> None:
        wrong = sorted(address for address, theirs in self.client.run(worker_versions).items() if theirs != versions)
        if wrong:
            self.close()
            raise ClusterError(f"{len(wrong)} Dask worker(s) run another reformtrace or other data than this run ({', '.join(wrong)}): install the same version on every worker and restart them")

    def run(self, tasks: list[Task], meanwhile: Callable[[], None] = lambda: None) -> Iterator[tuple[Task, Outcome]]:
        """All tasks at once; those given up on (KilledWorker: the scheduler counts a death
        against every task its worker held, the innocent ones too) again one at a time,
        so that only a report that kills a worker on its own is listed."""
        lost: list[Task] = []
        for task, outcome in self._submit(biggest_first(tasks), meanwhile):
            if outcome is None:
                lost.append(task)
            else:
                yield task, outcome
        for task in lost:
            for _, outcome in self._submit([task]):
                yield task, outcome or crashed(task)

    def _submit(self, queue: list[Task], meanwhile: Callable[[], None] = lambda: None) -> Iterator[tuple[Task, Outcome | None]]:
        """The tasks on the cluster, in completion order; None for a task given up on."""
        futures = {
            self.client.submit(process_report, task, key=f"{STAGES[task.until]} {task.path.name} {token_hex(4)}", pure=False, priority=len(queue) - i): task
            for i, task in enumerate(queue)
        }
        meanwhile()
        done = False
        try:
            for future in as_completed(futures):
                try:
                    outcome = future.result()
                except KilledWorker:
                    outcome = None
                future.release()
                yield futures[future], outcome
            done = True
        finally:
            if not done:  # interrupted: the cluster drops what is left
                self.client.cancel(list(futures))

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()
