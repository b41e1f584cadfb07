"""`run_batch`: the whole run, step by step. `Run` holds one run's state; its
methods are the steps, called in order by `run_batch`:

1. survey: hash the corpus, derive cache keys, answer from the cache what it can;
2. process: the reports the cache cannot answer, on an executor (the local pool
   in two rounds, text stages then annotate, so the annotate workers fork after
   this process loaded the annotator; a Dask cluster in one), while an outputs
   process reads the unchanged reports' shares of the outputs;
3. publish: the outputs, only when what they depend on changed;
4. finish: the manifest, the cache pruned, run.json.
"""
from __future__ import annotations

import fcntl
import logging
import time
from datetime import datetime, timezone
from pathlib import Path

from reformtrace.corpus import discover
from reformtrace.errors import InputError
from reformtrace.run.cache import Cache
from reformtrace.run.executors import Executor, available_cores, executor_for
from reformtrace.run.memos import MemoStore, load_memos
from reformtrace.run.outputs_process import OutputsProcess, Tabulator
from reformtrace.run.publish import intact, publish, stat, write_run_json
from reformtrace.run.stages import STAGES, Outputs, Stages
from reformtrace.run.summary import Options, RunSummary
from reformtrace.run.survey import Item, manifest_files, odd_entries, outputs_fingerprint, survey, tally
from reformtrace.run.versions import current_versions
from reformtrace.run.worker import LOADED, LAST, Task

log = logging.getLogger("reformtrace.run")
LOCK = ".reformtrace.lock"


class RunLocked(Exception):
    """Another run is writing to the same output folder."""


def lock_folder(out: Path):
    """Hold a lock on the output folder for the run. A POSIX record lock belongs to
    this process alone, so worker processes still exiting after an interrupted run
    do not keep holding it."""
    try:
        out.mkdir(parents=True, exist_ok=True)
        handle = open(out / LOCK, "a+")
    except OSError as err:
        raise InputError(out, f"cannot write to the output folder ({err.strerror or err})", stage="run") from err
    try:
        fcntl.lockf(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        handle.close()
        raise RunLocked(f"another `reformtrace run` is writing to {out}; wait for it to finish") from None
    return handle


def run_batch(corpus: str | Path, out: str | Path, options: Options = Options(), stages: Stages = Stages(),
              versions: dict[str, str] | None = None, outputs: Outputs = Outputs()) -> RunSummary:
    """Process the corpus into `out`, reusing the cache; one bad file never stops the run.

    Raises InputError when the corpus folder or sources.toml is unusable and
    RunLocked when another run holds `out`; a problem with one file becomes a
    Problem in the summary and a row of errors.csv.
    """
    corpus, out = Path(corpus), Path(out)
    sources = discover(corpus)
    lock = lock_folder(out)
    run = Run(corpus, out, options, stages, outputs)
    try:
        run.survey(sources, versions)
        run.process([i for i in run.items if i.problem is None and not i.ok])
        run.publish()
        run.finish()
        return run.summary
    except BaseException:
        run.close(failed=True)
        raise
    finally:
        run.close()
        lock.close()


class Run:
    def __init__(self, corpus: Path, out: Path, options: Options, stages: Stages, outputs: Outputs):
        self.corpus, self.out, self.options, self.stages = corpus, out, options, stages
        self.cache = Cache(Path(options.cache_dir or out / ".cache").absolute())  # absolute: workers may run elsewhere
        self.outputs, self.tabulator = outputs, Tabulator(outputs, self.cache, options.force)
        jobs = options.jobs or available_cores()
        self.summary = RunSummary(str(corpus), str(out), jobs)
        self.started, self.wall = datetime.now(timezone.utc), time.perf_counter()
        self.executor: Executor | None = None
        self.writer: OutputsProcess | None = None
        self.items: list[Item] = []

    # 1. survey ------------------------------------------------------------------------

    def survey(self, sources, versions: dict[str, str] | None) -> None:
        tic = time.perf_counter()
        self.context = self.outputs.context(self.out, self.options, self.started) if self.outputs.context else None
        self.manifest = self.cache.manifest()
        self.versions, self.version_inputs = (versions, None) if versions else current_versions(self.manifest, self.options.force)
        self.memo = self.cache.memo_file(self.versions["annotate"])
        self.sources = sources
        self.items = survey(sources, self.cache, self.manifest.get("files", {}), self.versions, self.options)
        self.odd = odd_entries(self.corpus, sources)
        self.summary.seconds["survey"] = time.perf_counter() - tic

    # 2. process -----------------------------------------------------------------------

    def process(self, todo: list[Item]) -> None:
        """Bring these files to their results; the outputs process starts on the way."""
        if todo:
            from tqdm import tqdm

            tqdm.monitor_interval = 0  # no monitor thread: the outputs process is forked during the run
            tic = time.perf_counter()
            memos = MemoStore(self.memo, None if self.options.force else load_memos(self.memo))
            with tqdm(total=len(todo), unit="report", disable=not self.options.progress, dynamic_ncols=True) as self.bar:
                if self.options.scheduler:  # the cluster's workers load the annotator themselves
                    self.start_outputs()  # forked before the client's threads start
                    self.round("extract … annotate", todo, 0, LAST, memos)
                else:
                    segmented = STAGES[LAST - 1]
                    text = [i for i in todo if self.options.force or not self.cache.has(segmented, i.keys[segmented])]
                    self.round("extract, repair, segment", text, 0, LAST - 1, memos, lambda: (self.load_annotator(memos), self.start_outputs()))
                    self.round("annotate", [i for i in todo if i.problem is None], LAST, LAST, memos)
            self.summary.seconds["workers (wall)"] = time.perf_counter() - tic
            if memos.grew:
                memos.save()
        tally(self.items, self.odd, self.sources, self.options.max_pages, self.summary)

    def round(self, name: str, items: list[Item], first: int, until: int, memos: MemoStore, meanwhile=lambda: None) -> None:
        """Stages `first` to `until` of these files on the executor; `--force` redoes each of them."""
        if self.executor is None:
            self.executor = executor_for(self.options.scheduler, self.options.jobs, self.versions)
            self.summary.jobs = self.executor.workers
        by_path = {i.source.path.absolute(): i for i in items}
        redo_from = first if self.options.force else len(STAGES)
        memo = None if self.options.force else self.memo  # where a worker that loads the annotator finds the memos
        tasks = [Task(i.source.path.absolute(), i.keys, self.cache, self.options.max_pages, self.stages, until, redo_from, memo) for i in items]
        self.bar.reset(total=len(tasks))
        self.bar.set_description(name)
        pages = 0
        for task, outcome in self.executor.run(tasks, meanwhile):
            item = by_path[task.path]
            item.take(outcome, self.summary.seconds)
            if outcome.memos:
                memos.add(outcome.memos)
            if item.counts is not None or item.problem is not None:
                log_item(item, outcome.detail)
            pages += outcome.pages
            self.bar.set_postfix(pages=pages, refresh=False)
            self.bar.update()

    def load_annotator(self, memos: MemoStore) -> None:
        """Load what annotate shares here, before the annotate workers fork."""
        tic = time.perf_counter()
        try:
            LOADED.load(self.stages, memos.tables)
        except Exception as err:  # each worker tries again and reports it per file
            log.warning("loading the annotator failed: %s: %s", type(err).__name__, err)
        self.summary.seconds["load annotator"] = time.perf_counter() - tic

    def start_outputs(self) -> None:
        """A run that processes a file rewrites the outputs: their process starts now."""
        if self.writer is None:
            self.writer = OutputsProcess(self.tabulator, [(i.keys, i.source) for i in self.items if i.ok])

    # 3. publish -----------------------------------------------------------------------

    def publish(self) -> None:
        """The outputs, when what they depend on changed (or one is missing or edited)."""
        tic = time.perf_counter()
        previous = self.manifest.get("outputs", {})
        self.fingerprint = outputs_fingerprint(self.items, self.summary, self.versions, self.options)
        if self.options.force or previous.get("fingerprint") != self.fingerprint or not intact(self.out, previous.get("files", {})):
            self.writer = self.writer or OutputsProcess(self.tabulator, [], beside_workers=False)
            self.written, lost = publish(self.out, self.items, self.summary, self.writer, previous.get("files", {}), self.context)
            if lost:  # cached results unreadable since the survey: redo them
                for item in lost:
                    item.counts = None
                self.process(lost)
                self.written, lost = publish(self.out, self.items, self.summary, self.writer, previous.get("files", {}), self.context)
                if lost:
                    raise RuntimeError(f"the cache in {self.cache.root} cannot be read back: {', '.join(i.source.path.name for i in lost)}")
            self.fingerprint = outputs_fingerprint(self.items, self.summary, self.versions, self.options)
            self.summary.outputs_written = True
        else:
            self.written = sorted(previous["files"])
            log.info("nothing changed since the last run; outputs left as they are")
        self.close()
        self.summary.outputs = [str(self.out / name) for name in self.written]
        if self.outputs.review:
            for key, value in self.outputs.review(self.out, self.options).items():
                setattr(self.summary, key, value)
        self.summary.seconds["outputs"] = time.perf_counter() - tic

    # 4. finish ------------------------------------------------------------------------

    def finish(self) -> None:
        self.cache.save_manifest({
            "versions": self.versions,
            "version_inputs": self.version_inputs,
            "files": manifest_files(self.items),
            "outputs": {"fingerprint": self.fingerprint, "files": {name: stat(self.out / name) for name in self.written}},
        })
        self.cache.prune({(stage, key) for i in self.items for stage, key in i.keys.items()}, self.memo)
        self.summary.seconds["total"] = time.perf_counter() - self.wall
        self.summary.seconds = {k: round(v, 3) for k, v in self.summary.seconds.items()}
        write_run_json(self.out, self.cache.root, self.summary, self.started, self.versions, self.options.scheduler)

    def close(self, failed: bool = False) -> None:
        """Stop the outputs process and the executor (at once after a failure)."""
        if self.writer is not None:
            self.writer.close(wait=not failed)
            self.writer = None
        if self.executor is not None:
            self.executor.close()
            self.executor = None


def log_item(item: Item, detail: str) -> None:
    name = item.source.path.name
    timing = ", ".join(f"{stage} {s:.2f} s" for stage, s in item.seconds.items()) or "no stage run"
    resumed = f" (resumed after the cached {item.resumed_after} output)" if item.resumed_after else ""
    if item.counts is not None:
        log.info("%s: %s%s; %d pages, %d passages", name, timing, resumed, item.counts["pages"], item.counts["passages"])
    else:
        log.info("%s: failed at %s: %s", name, item.problem.stage, item.problem.reason)
        if detail:
            log.debug("%s", detail)
