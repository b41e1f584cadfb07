"""The corpus folder: which report files there are, and their metadata.

Metadata comes from `sources.toml` beside the reports. A file without an
entry is still processed, with its file name as title and a warning, so a
user can drop a new report in and rerun.
"""
from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.errors import InputError

SOURCES_FILE = "sources.toml"
FIELDS = ("publisher", "title", "year", "covers", "kind")


@dataclass
class Source:
    """One report file in the corpus, with what sources.toml says about it."""

    path: Path
    publisher: str = ""
    title: str = ""
    year: int | None = None
    covers: str = ""
    kind: str = ""
    warnings: list[str] = field(default_factory=list)

    @property
    def report_id(self) -> str:
        return self.path.stem

    def meta(self) -> dict:
        return {"source": self.path.name, **{f: getattr(self, f) for f in FIELDS}}

    def sha256(self) -> str:
        return hashlib.sha256(self.path.read_bytes()).hexdigest()


def load_sources(corpus: Path) -> dict[str, dict]:
    """sources.toml as {file name: metadata}, validated."""
    path = corpus / SOURCES_FILE
    if not path.exists():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
        raise InputError(path, f"not valid TOML: {err}", stage="corpus") from err
    entries = {}
    for i, entry in enumerate(data.get("report", []), start=1):
        if "file" not in entry:
            raise InputError(path, f"[[report]] number {i} has no 'file'", stage="corpus")
        unknown = set(entry) - set(FIELDS) - {"file"}
        if unknown:
            raise InputError(path, f"[[report]] {entry['file']!r}: unknown keys {sorted(unknown)}", stage="corpus")
        if "year" in entry and not isinstance(entry["year"], int):
            raise InputError(path, f"[[report]] {entry['file']!r}: year must be a number", stage="corpus")
        entries[entry["file"]] = entry
    return entries


def discover(corpus: str | Path) -> list[Source]:
    """Every file in `corpus` (sorted by name) with its metadata; extraction
    rejects the ones that are not reports, so the run can list them."""
    corpus = Path(corpus)
    if not corpus.is_dir():
        raise InputError(corpus, "no such corpus folder", stage="corpus")
    entries = load_sources(corpus)
    sources = []
    for path in sorted(p for p in corpus.iterdir() if p.is_file() and p.name != SOURCES_FILE and not p.name.startswith(".")):
        entry = entries.get(path.name)
        if entry is None:
            source = Source(path, title=path.stem)
            source.warnings.append(f"{path.name}: no entry in {SOURCES_FILE}; using the file name as title")
        else:
            source = Source(path, **{k: v for k, v in entry.items() if k != "file"})
        sources.append(source)
    return sources
