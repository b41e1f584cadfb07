"""The survey that starts a run: list and hash the corpus files, derive each
stage's cache key, answer from the cache what it can, and total the counts."""
from __future__ import annotations

import hashlib
import logging
import os
import time
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from reformtrace.corpus import SOURCES_FILE, Source, stray_entries
from reformtrace.model import Problem, ReportResult
from reformtrace.run.cache import TABLES, Cache, canonical
from reformtrace.run.stages import STAGES
from reformtrace.run.summary import Options, RunSummary
from reformtrace.run.versions import RACY_SECONDS, file_sha256
from reformtrace.run.worker import COUNTS, OverLimit, Outcome, check_pages, counts

log = logging.getLogger("reformtrace.run")
FINAL = STAGES[-1]


@dataclass
class Item:
    """One corpus file during a run."""

    source: Source
    keys: dict[str, str] = field(default_factory=dict)  # per stage, and TABLES: its share of the outputs
    stat: dict = field(default_factory=dict)
    counts: dict[str, int] | None = None  # of its result (in the cache): it is done
    problem: Problem | None = None
    computed: bool = False
    seconds: dict[str, float] = field(default_factory=dict)  # per stage run this time
    resumed_after: str | None = None

    @property
    def ok(self) -> bool:
        return self.problem is None and self.counts is not None

    def take(self, outcome: Outcome, seconds: dict[str, float]) -> None:
        """Record what a worker did for this file; add its stage times to the run's."""
        self.computed, self.counts, self.problem = True, outcome.counts, outcome.problem
        if outcome.resumed_after not in self.seconds:  # not what the text round just made
            self.resumed_after = self.resumed_after or outcome.resumed_after
        self.seconds.update(outcome.seconds)
        for stage, s in outcome.seconds.items():
            seconds[stage] = seconds.get(stage, 0.0) + s


def digest(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def stage_keys(name: str, sha256: str, versions: dict[str, str]) -> dict[str, str]:
    """Cache key of each stage's output for one file: each key chains the one before."""
    keys, previous = {}, digest("file", name, sha256)
    for stage in STAGES:
        previous = keys[stage] = digest(stage, previous, versions[stage])
    return keys


def tables_key(final: str, source: Source, versions: dict[str, str]) -> str:
    """Cache key of a report's share of the outputs: its result, its metadata (read
    fresh from sources.toml on every run) and the outputs' version."""
    return digest(TABLES, final, versions["outputs"], canonical([source.meta(), source.warnings]))


def with_source(result: ReportResult, source: Source) -> ReportResult:
    """Metadata comes fresh from sources.toml on every run: editing it redoes nothing."""
    return replace(result, meta=source.meta(), warnings=result.warnings + source.warnings)


def survey(sources: list[Source], cache: Cache, previous: dict, versions: dict[str, str], options: Options) -> list[Item]:
    """Hash every file and answer from the cache what it can."""
    items, seen = [], {}
    for source in sources:
        item = Item(source)
        items.append(item)
        name = source.path.name
        if source.report_id in seen:
            item.problem = Problem(name, "corpus", f"same report id as {seen[source.report_id]}; rename one of them")
            continue
        seen[source.report_id] = name
        _hash_file(item, previous.get(name, {}), options.force, options.max_mb)
        if item.problem:
            continue
        item.keys = stage_keys(name, item.stat["sha256"], versions)
        item.keys[TABLES] = tables_key(item.keys[FINAL], source, versions)
        if options.force:
            continue
        if cache.has(FINAL, item.keys[FINAL]):
            record = previous.get(name, {})
            if record.get("final") == item.keys[FINAL] and all(k in record for k in COUNTS):
                item.counts = {k: record[k] for k in COUNTS}
            elif isinstance(value := cache.load(FINAL, item.keys[FINAL]), ReportResult):
                item.counts = counts(value)
            log.info("%s: unchanged, taken from the cache", name)
        elif failure := cache.failure(item.keys):
            item.problem = Problem(name, failure.stage, failure.reason)
    return items


def _hash_file(item: Item, previous: dict, force: bool, max_mb: float) -> None:
    """Set the item's file record (stat and sha256), reusing the manifest's hash when
    size, mtime and inode are unchanged; or set its problem."""
    path = item.source.path
    try:
        st = path.stat()
        if st.st_size > max_mb * 1e6:
            item.problem = Problem(path.name, "limits", f"{st.st_size / 1e6:.1f} MB, more than the limit of {max_mb:g} MB (raise it with --max-mb)")
            return
        stat = {"size": st.st_size, "mtime_ns": st.st_mtime_ns, "inode": st.st_ino}
        settled = previous.get("hashed_ns", 0) - st.st_mtime_ns > RACY_SECONDS * 1e9
        if not force and settled and all(previous.get(k) == v for k, v in stat.items()):
            item.stat = {**stat, "hashed_ns": previous["hashed_ns"], "sha256": previous["sha256"]}
        else:
            item.stat = {**stat, "hashed_ns": time.time_ns(), "sha256": item.source.sha256()}
    except OSError as err:
        item.problem = Problem(path.name, "read", f"cannot read the file ({err.strerror or err})")


def odd_entries(corpus: Path, sources: list[Source]) -> list[Problem]:
    """Entries `discover` skips that look like a report someone meant to add."""
    known = {s.path.name for s in sources} | {SOURCES_FILE}
    problems = []
    for path in sorted(corpus.iterdir()):
        if path.name in known or path.name.startswith("."):
            continue
        if path.is_symlink() and not path.exists():
            problems.append(Problem(path.name, "read", f"a broken link: its target {os.readlink(path)} does not exist"))
        elif path.is_dir():
            problems.append(Problem(path.name, "read", "a folder, not a file; reports must be files directly in the corpus folder"))
        elif not path.is_file():
            problems.append(Problem(path.name, "read", "not a regular file (a device, pipe or socket)"))
    return problems


def tally(items: list[Item], odd: list[Problem], sources: list[Source], max_pages: int, summary: RunSummary) -> None:
    """Apply the page limit to every result (cached ones too) and total the counts."""
    for item in items:
        if item.ok:
            try:
                check_pages(item.counts["pages"], max_pages)
            except OverLimit as err:
                item.problem = Problem(item.source.path.name, "limits", str(err))
    good = [i for i in items if i.ok]
    summary.problems = sorted([i.problem for i in items if i.problem] + odd, key=lambda p: (p.file, p.stage, p.reason))
    failed = {p.file for p in summary.problems}  # a file that failed has its reason; its metadata's warning would only blur it
    summary.warnings = sorted({w for s in sources if s.path.name not in failed for w in s.warnings} | set(stray_entries(summary.corpus, sources)))
    summary.reports = len(items) + len(odd)
    summary.failed = len({p.file for p in summary.problems})
    summary.processed = sum(1 for i in items if i.computed)
    summary.from_cache = sum(1 for i in good if not i.computed)
    for key in COUNTS:
        setattr(summary, key, sum(i.counts[key] for i in good))


def outputs_fingerprint(items: list[Item], summary: RunSummary, versions: dict[str, str], options: Options | None = None) -> str:
    """Everything the outputs depend on: when it is unchanged, they are not rewritten."""
    ok = sorted((i for i in items if i.ok), key=lambda i: i.source.report_id)
    return digest(versions["outputs"], canonical({
        "reports": [[i.source.report_id, i.keys[TABLES]] for i in ok],  # result, metadata and outputs' version
        "problems": [asdict(p) for p in summary.problems],
        "summary": summary.for_outputs(),
        "verdicts": file_sha256(options.verdicts) if options and options.verdicts else None,
        "lang": options.lang if options else None,
    }))


def manifest_files(items: list[Item]) -> dict:
    """The manifest's record of each file: its stat and hash, final key and counts."""
    return {i.source.path.name: {**i.stat, "final": i.keys.get(FINAL), **(i.counts or {})} for i in items if i.stat}
