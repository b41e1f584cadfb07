"""The batch job behind `reformtrace run`: incremental, parallel, deterministic.

Read in this order: runner.py (the run, step by step), survey.py (files, cache
keys), worker.py (one report through the stages), executors.py (the local
pool; cluster.py: Dask), outputs_process.py and publish.py (the outputs),
cache.py, memos.py, versions.py (what a stage's version is made of), stages.py
(the two interfaces a run calls: Stages and Outputs).

A rerun redoes only new or changed reports, and each only from the first stage
whose version changed; an interrupted run leaves the previous outputs and
resumes from the finished reports.
"""
from reformtrace.run.cache import TABLES, Cache, Extracted, Failure
from reformtrace.run.executors import ClusterError, LocalPool, available_cores, executor_for
from reformtrace.run.memos import MEMO_SIZE, load_memos
from reformtrace.run.publish import ERRORS_CSV, RUN_JSON
from reformtrace.run.runner import LOCK, RunLocked, run_batch
from reformtrace.run.stages import STAGES, Outputs, Stages
from reformtrace.run.summary import DEFAULT_MAX_MB, DEFAULT_MAX_PAGES, EXIT_FAILED, EXIT_OK, EXIT_USAGE, Options, RunSummary
from reformtrace.run.survey import stage_keys
from reformtrace.run.versions import stage_versions, version_inputs
from reformtrace.run.worker import Outcome, Task, process_report

__all__ = [
    "Cache", "ClusterError", "DEFAULT_MAX_MB", "DEFAULT_MAX_PAGES", "ERRORS_CSV", "EXIT_FAILED", "EXIT_OK", "EXIT_USAGE", "Extracted",
    "Failure", "LOCK", "LocalPool", "MEMO_SIZE", "Options", "Outcome", "Outputs", "RUN_JSON", "RunLocked", "RunSummary",
    "STAGES", "Stages", "TABLES", "Task", "available_cores", "executor_for", "load_memos", "process_report", "run_batch",
    "stage_keys", "stage_versions", "version_inputs",
]
