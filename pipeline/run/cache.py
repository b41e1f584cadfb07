"""The run's cache: content-addressed entries on storage every worker reaches.

`<cache>/<stage>/<key[:2]>/<key>.json.gz` is a stage's output for one report,
`.failed.json` beside it the verdict that the file is bad (not retried until
the file or the stage changes); `tables/` holds each report's share of the
outputs, `memo/` the annotator's per-word memos (a file per annotate version),
`manifest.json` what the last run knew. Every write goes to a temporary file
that is then renamed, so an interrupted run leaves whole entries only and two
workers writing the same entry write the same bytes.
"""
from __future__ import annotations

import gzip
import json
import logging
import os
import pickle
from dataclasses import asdict, dataclass, field
from pathlib import Path

import orjson
import pyarrow as pa

from reformtrace.model import Document, Repair, ReportResult
from reformtrace.run.stages import STAGES

log = logging.getLogger("reformtrace.run")

MANIFEST = "manifest.json"
MANIFEST_FORMAT = "reformtrace-manifest/1"
TABLES = "tables"  # each report's share of the outputs (Outputs.tabulate)
MEMO = "memo"  # the annotator's per-word memos
TABLES_SUFFIX = ".pickle.zst"  # a share pickled, in Zstandard (every run reads every share: docs/SCALING.md)


@dataclass
class Failure:
    """A stage rejected the file (InputError): cached, so a bad file costs nothing on reruns."""

    stage: str
    reason: str


@dataclass
class Extracted:
    """The output of extract and of repair: a document and the repairs made so far."""

    document: Document
    repairs: list[Repair] = field(default_factory=list)


def atomic_write(path: Path, data: bytes) -> None:
    """Write to a temporary file beside `path`, then rename: readers see the old or the new file, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def canonical(data) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1)


def _encode(value: Extracted | ReportResult) -> bytes:
    data = {"document": value.document.to_dict(), "repairs": [asdict(r) for r in value.repairs]} if isinstance(value, Extracted) else value.to_dict()
    return gzip.compress(json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode(), compresslevel=1, mtime=0)


def _decode(stage: str, data: bytes) -> Extracted | ReportResult:
    d = orjson.loads(gzip.decompress(data))
    if stage in ("extract", "repair"):
        return Extracted(Document.from_dict(d["document"]), [Repair(**r) for r in d["repairs"]])
    return ReportResult.from_dict(d)


def _compress(data: bytes) -> bytes:
    """`data` as its length (8 bytes, little-endian) and its Zstandard frame (Arrow's codec, which needs the length to read it)."""
    return len(data).to_bytes(8, "little") + pa.Codec("zstd", compression_level=1).compress(data, asbytes=True)


def _decompress(data: bytes) -> bytes:
    return pa.Codec("zstd").decompress(data[8:], decompressed_size=int.from_bytes(data[:8], "little"), asbytes=True)


@dataclass(frozen=True)
class Cache:
    root: Path

    def entry(self, stage: str, key: str, failed: bool = False) -> Path:
        return self.root / stage / key[:2] / f"{key}{'.failed.json' if failed else '.json.gz'}"

    def has(self, stage: str, key: str) -> bool:
        return self.entry(stage, key).exists()

    def save(self, stage: str, key: str, value: Extracted | ReportResult | Failure) -> None:
        if isinstance(value, Failure):
            atomic_write(self.entry(stage, key, failed=True), json.dumps(asdict(value), ensure_ascii=False).encode())
        else:
            atomic_write(self.entry(stage, key), _encode(value))

    def load(self, stage: str, key: str) -> Extracted | ReportResult | Failure | None:
        """A cached stage output or verdict; None when missing or unreadable (then it is redone)."""
        for failed in (True, False):
            path = self.entry(stage, key, failed)
            try:
                data = path.read_bytes()
            except FileNotFoundError:
                continue
            try:
                return Failure(**json.loads(data)) if failed else _decode(stage, data)
            except (OSError, EOFError, ValueError, KeyError, TypeError) as err:
                log.warning("cache entry %s is unreadable (%s); redoing it", path, err)
                path.unlink(missing_ok=True)
        return None

    def failure(self, keys: dict[str, str]) -> Failure | None:
        """The cached verdict that the file is bad, if a stage gave one for these keys."""
        for stage in STAGES:
            if self.entry(stage, keys[stage], failed=True).exists() and isinstance(hit := self.load(stage, keys[stage]), Failure):
                return hit
        return None

    def _tables_entry(self, key: str) -> Path:
        return self.root / TABLES / key[:2] / f"{key}{TABLES_SUFFIX}"

    def save_tables(self, key: str, value) -> None:
        """A report's share of the outputs, pickled: it holds DataFrames, which pickle
        reads back exactly. The key holds the outputs' version (their libraries'
        versions too), so a pickle is only read by the code that wrote it."""
        atomic_write(self._tables_entry(key), _compress(pickle.dumps(value, protocol=5)))

    def has_tables(self, key: str) -> bool:
        return self._tables_entry(key).is_file()

    def load_tables(self, key: str):
        """A report's share of the outputs, or None when missing or unreadable (then it is made again)."""
        path = self._tables_entry(key)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            return None
        try:
            return pickle.loads(_decompress(data))
        except Exception as err:  # a damaged pickle can raise almost anything
            log.warning("cache entry %s is unreadable (%s); making it again", path, err)
            path.unlink(missing_ok=True)
            return None

    def memo_file(self, annotate_version: str) -> Path:
        return self.root / MEMO / f"{annotate_version}.pickle"

    def manifest(self) -> dict:
        path = self.root / MANIFEST
        try:
            manifest = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as err:
            log.warning("the manifest %s is unreadable (%s); rebuilding it from the cache", path, err)
            return {}
        return manifest if manifest.get("format") == MANIFEST_FORMAT else {}

    def save_manifest(self, manifest: dict) -> None:
        atomic_write(self.root / MANIFEST, canonical({"format": MANIFEST_FORMAT, **manifest}).encode())

    def prune(self, keep: set[tuple[str, str]], memo: Path) -> None:
        """Drop entries no current file needs (removed reports, old versions, stray
        temporaries), and the memos of other annotate versions."""
        for stage in (*STAGES, TABLES):
            for path in (self.root / stage).glob("*/*"):
                if (stage, path.name.split(".")[0]) not in keep or (stage == TABLES and not path.name.endswith(TABLES_SUFFIX)):
                    path.unlink(missing_ok=True)
        for path in (self.root / MEMO).glob("*"):
            if path != memo:
                path.unlink(missing_ok=True)
