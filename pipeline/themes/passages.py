"""A corpus's passages as the last `reformtrace run` left them in its cache: what the
concordance reads, without extracting a report again. A report the cache does
not hold as it is now (new or changed since that run, or no run yet) is read
through the text stages here (extract, repair, segment) and not cached: the
next run does that."""
from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from pathlib import Path

import orjson

from reformtrace.corpus import Source, discover
from reformtrace.errors import InputError
from reformtrace.model import Passage

MANIFEST = "manifest.json"  # reformtrace.run.cache.MANIFEST, named here so that a kwic need not import the run
FINAL_STAGE = "annotate"


@dataclass(frozen=True)
class ReportPassages:
    source: Source
    passages: list[Passage]
    cached: bool  # read from the last run's cache, not extracted now
    problem: str = ""  # why the file could not be read (then no passages), as the run's errors.csv says


def corpus_passages(corpus: str | Path, cache_dir: str | Path) -> list[ReportPassages]:
    """Every report's passages, in report id order. A file that cannot be read (one the
    run listed in errors.csv) has none and its problem: the rest are read all the same."""
    files = _manifest(Path(cache_dir))
    return [_readable(source, Path(cache_dir), files) for source in sorted(discover(Path(corpus)), key=lambda s: s.report_id)]


def _readable(source: Source, cache_dir: Path, files: dict) -> ReportPassages:
    try:
        return report_passages(source, cache_dir, files)
    except InputError as err:
        return ReportPassages(source, [], False, f"{err.stage}: {err.reason}")


def report_passages(source: Source, cache_dir: str | Path, files: dict | None = None) -> ReportPassages:
    """One report's passages: from the cache if it holds the file as it is now, else read now."""
    files = _manifest(Path(cache_dir)) if files is None else files
    passages = _cached(source, files.get(source.path.name, {}), Path(cache_dir))
    return ReportPassages(source, passages if passages is not None else _extracted(source), passages is not None)


def _manifest(cache_dir: Path) -> dict:
    """The last run's record of each file (size, mtime, inode, the key of its result)."""
    try:
        return json.loads((cache_dir / MANIFEST).read_text(encoding="utf-8")).get("files", {})
    except (OSError, ValueError):
        return {}


def _cached(source: Source, record: dict, cache_dir: Path) -> list[Passage] | None:
    """The passages of the report's cached result, if the file is as the run saw it."""
    try:
        st = source.path.stat()
    except OSError:
        return None
    if not record.get("final") or [record.get(k) for k in ("size", "mtime_ns", "inode")] != [st.st_size, st.st_mtime_ns, st.st_ino]:
        return None
    key = record["final"]
    try:
        data = orjson.loads(gzip.decompress((cache_dir / FINAL_STAGE / key[:2] / f"{key}.json.gz").read_bytes()))
        return [Passage(**lp["passage"]) for lp in data["passages"]]
    except (OSError, EOFError, ValueError, KeyError, TypeError):
        return None


def _extracted(source: Source) -> list[Passage]:
    from reformtrace.extract import extract
    from reformtrace.repair import repair_document
    from reformtrace.segment import segment

    document, _ = repair_document(extract(source.path))
    return segment(document)
