"""Stage versions: a hash of what each stage declares it depends on (its
`SOURCES`, pipeline/sources.py: package code, entries of pipeline/data/,
library versions), so that no one has to remember to bump a number. A data
entry no declaration claims counts for every stage. The versions are reused
from the manifest while every file they hash is unchanged by stat.
"""
from __future__ import annotations

import hashlib
import importlib
import os
import sys
import time
from collections.abc import Iterator
from functools import cache
from importlib import metadata
from pathlib import Path

import reformtrace
from reformtrace.run.stages import DECLARED_IN
from reformtrace.sources import Sources

PACKAGE_DIR = Path(reformtrace.__file__).resolve().parent
DATA_DIR = PACKAGE_DIR / "data"
RACY_SECONDS = 2  # a file changed this close to its hashing is not trusted to show a later change by stat


def declared(stage: str) -> Sources:
    """The sources a stage (or "outputs") declares beside its code."""
    return importlib.import_module(DECLARED_IN[stage]).SOURCES


def code_files(names: tuple[str, ...]) -> list[Path]:
    """Source files of pipeline modules and packages (a package: every module under it)."""
    files = set()
    for name in names:
        path = PACKAGE_DIR.joinpath(*name.split(".")[1:])
        if path.is_dir():
            files |= {p for p in path.rglob("*.py") if "__pycache__" not in p.parts}
        elif path.with_suffix(".py").is_file():
            files.add(path.with_suffix(".py"))
        else:
            raise ValueError(f"a stage declares {name}, which is no module of the package")
    return sorted(files)


def data_files(claimed: tuple[str, ...], by_anyone: set[str]) -> list[Path]:
    """The entries of pipeline/data/ a stage claims, and every entry nobody claims;
    documentation (*.md) and licences left out."""
    files = (p for p in DATA_DIR.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    files = (p for p in files if p.suffix != ".md" and not p.name.startswith("LICENSE"))
    return sorted(p for p in files if (top := p.relative_to(DATA_DIR).parts[0]) in claimed or top not in by_anyone)


@cache
def library_version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "absent"


@cache  # several stages read the lexicon, for one
def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def source_version(sources: Sources, by_anyone: set[str]) -> str:
    """Hash of the declared code, data files and library versions."""
    digest = hashlib.sha256()
    for path in code_files(sources.code) + data_files(sources.data, by_anyone):
        digest.update(f"{path.relative_to(PACKAGE_DIR).as_posix()} {file_sha256(path)}\n".encode())
    for library in sources.libraries:
        digest.update(f"{library}=={library_version(library)}\n".encode())
    return digest.hexdigest()


def stage_versions() -> dict[str, str]:
    """Each stage's version, and the outputs' ("outputs")."""
    sources = {stage: declared(stage) for stage in DECLARED_IN}
    by_anyone = {entry.split("/")[0] for s in sources.values() for entry in s.data}
    return {stage: source_version(s, by_anyone) for stage, s in sources.items()}


def version_inputs(folders: list[Path], now_ns: int) -> str | None:
    """A digest of what the versions are made from, by stat (size, mtime, inode) as the
    corpus files are: every file in `folders` (the package) and the folders themselves
    (files added or removed), and the folders the libraries are installed in (an
    install or upgrade changes them). None when a file changed too close to `now_ns`
    for its mtime to tell a later change apart."""
    digest, settled = hashlib.sha256(), True
    for path in [*_walk(folders), *filter(None, sys.path)]:  # sys.path "": the working folder, where no library is installed
        try:
            st = os.stat(path)
        except OSError:
            continue
        settled = settled and now_ns - st.st_mtime_ns > RACY_SECONDS * 1e9
        digest.update(f"{path} {st.st_size} {st.st_mtime_ns} {st.st_ino}\n".encode())
    return digest.hexdigest() if settled else None


def _walk(folders: list[Path]) -> Iterator[str]:
    """Each folder and file under `folders`, in a stable order, bytecode left out."""
    for folder in folders:
        for root, dirs, files in os.walk(folder):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            yield root
            yield from (os.path.join(root, name) for name in sorted(files))


def current_versions(manifest: dict, force: bool) -> tuple[dict[str, str], str | None]:
    """The stage versions, and the digest of their inputs for the manifest: the
    manifest's versions while those inputs are unchanged, computed again otherwise
    or with --force."""
    inputs = version_inputs([PACKAGE_DIR], time.time_ns())
    if not force and inputs is not None and manifest.get("version_inputs") == inputs and manifest.get("versions"):
        return manifest["versions"], inputs
    return stage_versions(), inputs
