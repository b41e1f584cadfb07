"""The batch job behind `reformtrace run`: incremental, parallel, deterministic.

discover -> per report [extract -> repair -> segment -> annotate] in a process
pool -> ReportResult -> outputs. Each stage's output is cached under a key that
chains the file's name and sha256 with the version of that stage and of every
stage before it, so a rerun redoes only new or changed reports, and only from
the first stage whose version changed. A stage's version is a hash of the
package source it imports, the data it reads and the libraries it calls; no
one has to remember to bump a number.

Cache: `<cache>/<stage>/<key[:2]>/<key>.json.gz` (a result) or `.failed.json`
(the file is bad: a cached verdict, not retried until the file or the stage
changes), each report's share of the outputs under `tables/`, the annotator's
per-word memos under `memo/` (a file per annotate version: a new report starts
from the words earlier runs worked out), plus `manifest.json` (hashes by file
stat, counts, the fingerprint of the last outputs). Every write goes to a temporary file that is then renamed,
so an interrupted run leaves the previous outputs and cache intact, and the
next run resumes from whatever reports were finished.
"""
from __future__ import annotations

import csv
import ast
import fcntl
import gc
import gzip
import hashlib
import io
import json
import logging
import multiprocessing
import os
import pickle
import re
import shutil
import signal
import sys
import time
import traceback
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime, timezone
from functools import cache
from importlib import metadata
from itertools import islice
from pathlib import Path

import orjson

from pipeline import __version__, lexicon
from pipeline.corpus import SOURCES_FILE, Source, discover, stray_entries
from pipeline.errors import InputError
from pipeline.model import Document, LabelledPassage, Passage, Problem, Repair, ReportResult

log = logging.getLogger("reformtrace.batch")

EXIT_OK = 0  # every report processed
EXIT_USAGE = 2  # bad arguments, missing corpus folder, another run holds the output folder
EXIT_FAILED = 3  # the run finished, but some files could not be processed (see errors.csv)

DEFAULT_MAX_PAGES = 2000
DEFAULT_MAX_MB = 200.0
MANIFEST = "manifest.json"
MANIFEST_FORMAT = "reformtrace-manifest/1"
LOCK = ".reformtrace.lock"
STAGING = ".staging"
ERRORS_CSV = "errors.csv"
RUN_JSON = "run.json"
RACY_SECONDS = 2  # a file changed this close to its hashing is hashed again next run
PREPARE_NICENESS = 19  # the outputs process prepares at the lowest priority: it takes only what the workers leave

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent
STAGES = ("extract", "repair", "segment", "annotate")
TABLES = "tables"  # the cache's folder of each report's share of the outputs (outputs.Tabulated)
MEMO = "memo"  # the cache's folder of the annotator's per-word memos (Annotator.memos), a file per annotate version
MEMO_FORMAT = "reformtrace-memos/1"
MEMO_SIZE = 50_000  # entries kept per memo table: the words met first, most of them common; reading more costs more than it saves
# What each stage's version is made of, besides the package modules it imports:
# the entries of pipeline/data/ it reads, folders beside the package it reads
# (the trained model: pipeline.annotate.DEFAULT_MODEL_DIR) and the libraries whose
# behaviour shapes its output. A data entry no stage claims counts for every stage.
STAGE_SOURCES = {
    "extract": {"module": "pipeline.extract", "data": ("lexicon",), "libraries": ("pypdfium2", "regex", "ftfy", "wordfreq", "marisa-trie")},
    "repair": {"module": "pipeline.repair", "data": ("lexicon", "ocr"), "libraries": ("regex", "wordfreq", "marisa-trie")},
    "segment": {"module": "pipeline.segment", "data": (), "libraries": ("regex",)},
    "annotate": {
        "module": "pipeline.annotate",
        "data": ("gazetteer", "taxonomy.toml", "tokenizer", "lexicon", "lemmas"),
        "project": ("models",),
        "libraries": ("numpy", "marisa-trie"),
    },
}
OUTPUTS_SOURCES = {"module": "pipeline.outputs", "data": ("report", "taxonomy.toml"), "libraries": ("pandas", "numpy", "pyarrow", "xlsxwriter", "pillow", "datasketch")}
CLAIMED_DATA = {d for s in STAGE_SOURCES.values() for d in s["data"]} | set(OUTPUTS_SOURCES["data"])


# --- the stages, imported only when a report needs them --------------------------------


def extract(path: Path) -> Document:
    from pipeline.extract import extract as run

    return run(path)


def repair(doc: Document) -> tuple[Document, list[Repair]]:
    from pipeline.repair import repair_document

    return repair_document(doc)


def segment(doc: Document) -> list[Passage]:
    from pipeline.segment import segment as run

    return run(doc)


@cache
def _annotator():
    from pipeline.annotate import Annotator

    return Annotator.load()


def annotate(passages: list[Passage]) -> list[LabelledPassage]:
    return _annotator().annotate(passages)


_memo_sizes: dict[str, int] = {}  # per memo table, its size when this process loaded, took in or sent its entries


def _mark_memos() -> None:
    _memo_sizes.update({name: len(table) for name, table in _annotator().memos().items()})


def write_outputs(out_dir: Path, results: list, problems: list[Problem], summary: dict, context=None) -> list[Path]:
    """`results`: what `Stages.tabulate` made of each report; `context`: an outputs.RunContext."""
    from pipeline.outputs import write_outputs as run

    return run(out_dir, results, problems, summary, context=context)


@dataclass(frozen=True)
class Stages:
    """The stage functions a run calls; tests swap in small stand-ins."""

    extract: Callable[[Path], Document] = extract
    repair: Callable[[Document], tuple[Document, list[Repair]]] = repair
    segment: Callable[[Document], list[Passage]] = segment
    annotate: Callable[[list[Passage]], list[LabelledPassage]] = annotate
    write_outputs: Callable[[Path, list, list[Problem], dict], list[Path]] = write_outputs

    def prepare_annotate(self, memo: Path | None = None) -> None:
        """Load the annotator in this process: workers forked afterwards share it,
        with the per-word memos an earlier run left in `memo` (a file of `save_memos`).
        Then every object alive, the annotator's above all, goes to the collector's
        permanent generation: they live as long as the process, and no collection
        walks them again, here or in a fork (where each walk would also copy the
        pages it touches). A cycle already garbage then stays: a small, bounded cost."""
        if self.annotate is annotate:
            from pipeline.annotate.regions import load_gazetteer

            load_gazetteer()  # the region finder's: loaded on first use otherwise, in every worker
            if memo is not None and (earlier := load_memos(memo)):
                _annotator().remember(earlier, MEMO_SIZE)
            _mark_memos()
            lexicon.load()  # the region finder's check of damaged names reads it
            gc.freeze()

    def new_memos(self) -> dict[str, dict] | None:
        """The memo entries the annotator made in this process since it loaded or last
        sent them: a worker sends them back with its outcome."""
        if self.annotate is not annotate:
            return None
        new = {name: dict(islice(table.items(), _memo_sizes.get(name, 0), None)) for name, table in _annotator().memos().items()}
        _mark_memos()
        return new if any(new.values()) else None

    def take_memos(self, new: dict[str, dict]) -> bool:
        """Take in a worker's new memo entries, for the next run (and workers forked
        later): only if this process loaded the annotator (its workers load their
        own when it could not)."""
        if not _memo_sizes:
            return False
        added = _annotator().remember(new, MEMO_SIZE)
        _mark_memos()
        return added > 0

    @property
    def own_outputs(self) -> bool:
        """Whether the outputs are the package's own, not a test's stand-in: only then
        is each report tabulated, and its share kept in the cache (another run into
        the same folder may bring other outputs)."""
        return self.write_outputs is write_outputs

    def tabulate(self, result: ReportResult):
        """What the outputs keep of one report, made as soon as it is read (the
        outputs' stand-ins in tests take the result as it is)."""
        if self.own_outputs:
            from pipeline.outputs import tabulate

            return tabulate(result)
        return result

    def prepare_outputs(self) -> None:
        """Import the modules the outputs use and load the vocabulary: the outputs
        process does, while the workers run. Only these: the outputs' version also
        hashes the annotator, which the annotate package names lazily, and importing
        it (numpy, the tokenizer) would cost the outputs 0.15 CPU-seconds for nothing."""
        if self.own_outputs:
            from pipeline import outputs  # noqa: F401
            from pipeline.report import excel, html, plots  # noqa: F401 (outputs.render imports them lazily)
            from pipeline.matrix import vocabulary

            vocabulary()


# --- versions: hashes of what a stage's output depends on ------------------------------


# the lines that begin an import statement (after a one-line block's header, if any),
# with their continuations: inside brackets (comments too) or after a backslash
IMPORT_STATEMENT = re.compile(
    rb"^[ \t]*(?:(?:if|elif|else|try|except|finally|with|for|while)\b[^:\n]*:[ \t]*)?"
    rb"(?P<statement>from[ \t]+[\w.]+[ \t]+import\b(?:[ \t]*\((?:#.*\n|[^)#])*\)|(?:\\\n|.)*)|import[ \t](?:\\\n|.)*)",
    re.MULTILINE,
)


@cache
def _module_file(name: str) -> Path | None:
    rel = Path(*name.split(".")[1:])
    for path in (PACKAGE_DIR / rel / "__init__.py", (PACKAGE_DIR / rel).with_suffix(".py")):
        if path.is_file():
            return path
    return None


@cache
def _imports(path: Path, name: str) -> frozenset[str]:
    """Names of pipeline modules a module imports, at the top or inside functions.
    Only the import statements are parsed, which is twenty times faster than
    parsing the module (a version is worked out on every run). A line of a
    docstring that reads as one counts too: a version then follows one module
    more than it needs to, which can only cost a needless rerun; one that does
    not parse is prose."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for statement in IMPORT_STATEMENT.finditer(path.read_bytes()):
        try:
            nodes = ast.parse(statement["statement"], str(path)).body
        except SyntaxError:
            continue
        for node in nodes:
            if isinstance(node, ast.Import):
                found |= {a.name for a in node.names}
            elif isinstance(node, ast.ImportFrom):
                base = package.split(".")[: len(package.split(".")) - node.level + 1] if node.level else []
                module = ".".join(base + ([node.module] if node.module else []))
                found |= {module} | {f"{module}.{a.name}" for a in node.names}
    return frozenset(m for m in found if m == "pipeline" or m.startswith("pipeline."))


def module_names(name: str) -> set[str]:
    """A module, the pipeline modules it imports (transitively, lazy imports too), and their packages."""
    seen: set[str] = set()
    todo = [name]
    while todo:
        current = todo.pop()
        parts = current.split(".")
        for prefix in (".".join(parts[:i]) for i in range(1, len(parts) + 1)):
            if prefix not in seen and _module_file(prefix):
                seen.add(prefix)
                todo.append(prefix)
        path = _module_file(current)
        if path:
            todo.extend(_imports(path, current) - seen)
    return seen


def module_closure(name: str) -> list[Path]:
    """Source files of `module_names(name)`."""
    return sorted(p for p in map(_module_file, module_names(name)) if p)


def _files(folder: Path) -> list[Path]:
    """The files under a folder that a stage may read: not caches, not documentation."""
    if not folder.is_dir():
        return []
    files = (p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    return sorted(p for p in files if p.suffix != ".md" and not p.name.startswith("LICENSE"))


def _data_files(claimed: tuple[str, ...]) -> list[Path]:
    """The stage's own entries of pipeline/data/, and every entry no stage claims."""
    data = PACKAGE_DIR / "data"
    return [p for p in _files(data) if p.relative_to(data).parts[0] in claimed or p.relative_to(data).parts[0] not in CLAIMED_DATA]


@cache
def _library_version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "absent"


def source_version(spec: dict) -> str:
    """Hash of a stage's modules, data files and library versions."""
    digest = hashlib.sha256()
    entry = _module_file(spec["module"])
    files = module_closure(spec["module"]) + _data_files(spec["data"])
    files += [p for folder in spec.get("project", ()) for p in _files(PROJECT_DIR / folder)]
    digest.update(f"{spec['module']} {'present' if entry else 'absent'}\n".encode())
    for path in files:
        digest.update(f"{path.relative_to(PROJECT_DIR).as_posix()} {_file_sha256(path)}\n".encode())
    for lib in spec["libraries"]:
        digest.update(f"{lib}=={_library_version(lib)}\n".encode())
    return digest.hexdigest()


def stage_versions() -> dict[str, str]:
    """Each stage's version, and the outputs' ("outputs")."""
    return {**{stage: source_version(spec) for stage, spec in STAGE_SOURCES.items()}, "outputs": source_version(OUTPUTS_SOURCES)}


def version_inputs(folders: list[Path], now_ns: int) -> str | None:
    """A digest of what the stage versions are made from, by stat (size, mtime,
    inode) as the corpus files are: every file in `folders` (the package, models/)
    and the folders themselves (files added or removed), the folders the libraries
    are installed in (an install or an upgrade changes them). None when a file
    changed too close to `now_ns` for its mtime to tell a later change apart."""
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


def _current_versions(manifest: dict, force: bool) -> tuple[dict[str, str], str | None]:
    """The stage versions, and the digest of their inputs for the manifest: the
    manifest's versions when those inputs are unchanged since it was written (a
    warm run then pays 0.05 s less), computed again otherwise or with --force."""
    inputs = version_inputs([PACKAGE_DIR, *(PROJECT_DIR / folder for spec in STAGE_SOURCES.values() for folder in spec.get("project", ()))], time.time_ns())
    if not force and inputs is not None and manifest.get("version_inputs") == inputs and manifest.get("versions"):
        return manifest["versions"], inputs
    return stage_versions(), inputs


@cache  # several stages read the lexicon, for one
def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _hash(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def stage_keys(name: str, sha256: str, versions: dict[str, str]) -> dict[str, str]:
    """Cache key of each stage's output for one file: each key chains the one before."""
    keys, previous = {}, _hash("file", name, sha256)
    for stage in STAGES:
        previous = keys[stage] = _hash(stage, previous, versions[stage])
    return keys


def tables_key(final: str, source: Source, versions: dict[str, str]) -> str:
    """Cache key of a report's share of the outputs: its result, its metadata (read
    fresh from sources.toml on every run) and the outputs' version."""
    return _hash(TABLES, final, versions["outputs"], _canonical([source.meta(), source.warnings]))


# --- the cache ------------------------------------------------------------------------


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


def _entry(cache_dir: Path, stage: str, key: str, failed: bool = False) -> Path:
    return cache_dir / stage / key[:2] / f"{key}{'.failed.json' if failed else '.json.gz'}"


def _encode(value: Extracted | ReportResult) -> bytes:
    data = {"document": value.document.to_dict(), "repairs": [asdict(r) for r in value.repairs]} if isinstance(value, Extracted) else value.to_dict()
    return gzip.compress(json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode(), compresslevel=1, mtime=0)


def _decode(stage: str, data: bytes) -> Extracted | ReportResult:
    d = orjson.loads(gzip.decompress(data))
    if stage in ("extract", "repair"):
        return Extracted(Document.from_dict(d["document"]), [Repair(**r) for r in d["repairs"]])
    return ReportResult.from_dict(d)


def save(cache_dir: Path, stage: str, key: str, value: Extracted | ReportResult | Failure) -> None:
    if isinstance(value, Failure):
        atomic_write(_entry(cache_dir, stage, key, failed=True), json.dumps(asdict(value), ensure_ascii=False).encode())
    else:
        atomic_write(_entry(cache_dir, stage, key), _encode(value))


def load(cache_dir: Path, stage: str, key: str) -> Extracted | ReportResult | Failure | None:
    """A cached stage output or verdict; None when missing or unreadable (then it is redone)."""
    for failed in (True, False):
        path = _entry(cache_dir, stage, key, failed)
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


def _tables_entry(cache_dir: Path, key: str) -> Path:
    return cache_dir / TABLES / key[:2] / f"{key}.pickle.gz"


def save_tables(cache_dir: Path, key: str, value) -> None:
    """A report's share of the outputs, pickled: it holds DataFrames, which pickle
    reads back exactly and in a tenth of the time it takes to make them again. The
    key holds the outputs' libraries' versions, so a pickle is only read by the
    code that wrote it."""
    atomic_write(_tables_entry(cache_dir, key), gzip.compress(pickle.dumps(value, protocol=5), compresslevel=1, mtime=0))


def load_tables(cache_dir: Path, key: str):
    """A report's share of the outputs, or None when missing or unreadable (then it is made again)."""
    path = _tables_entry(cache_dir, key)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    try:
        return pickle.loads(gzip.decompress(data))
    except Exception as err:  # a damaged pickle can raise almost anything
        log.warning("cache entry %s is unreadable (%s); making it again", path, err)
        path.unlink(missing_ok=True)
        return None


def _memo_file(cache_dir: Path, version: str) -> Path:
    return cache_dir / MEMO / f"{version}.pickle"


def save_memos(path: Path) -> None:
    """This process's annotator memos, for the next run with this annotate version
    (the run goes on without when they cannot be written)."""
    tables = {name: dict(islice(t.items(), MEMO_SIZE)) for name, t in _annotator().memos().items()}
    try:
        atomic_write(path, pickle.dumps({"format": MEMO_FORMAT, "tables": tables}, protocol=5))
    except OSError as err:
        log.warning("cannot keep the annotator's memos in %s (%s); the next run works them out again", path, err)


def load_memos(path: Path) -> dict[str, dict] | None:
    """The memos a run left, or None when missing or unreadable (then they are made again)."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as err:
        log.warning("cannot read %s (%s); the annotator's memos are made again", path, err)
        return None
    try:
        memos = pickle.loads(data)
        if not isinstance(memos, dict) or memos.get("format") != MEMO_FORMAT or not all(isinstance(t, dict) for t in memos["tables"].values()):
            raise ValueError(f"not a {MEMO_FORMAT} file")
        return memos["tables"]
    except Exception as err:  # a damaged pickle can raise almost anything
        log.warning("cache entry %s is unreadable (%s); making it again", path, err)
        path.unlink(missing_ok=True)
        return None


def cached_failure(cache_dir: Path, keys: dict[str, str]) -> Failure | None:
    """The cached verdict that the file is bad, if a stage gave one for these keys."""
    for stage in STAGES:
        if _entry(cache_dir, stage, keys[stage], failed=True).exists():
            hit = load(cache_dir, stage, keys[stage])
            if isinstance(hit, Failure):
                return hit
    return None


# --- one report, in a worker process ----------------------------------------------------


@dataclass(frozen=True)
class Task:
    path: Path
    keys: dict[str, str]
    cache_dir: Path
    max_pages: int
    stages: Stages
    until: int = len(STAGES) - 1  # the index of the last stage to run
    redo_from: int = len(STAGES)  # stages from this index on ignore the cache (--force)


@dataclass
class Outcome:
    """What a worker sends back: the counts of its result (left in the cache) or a problem, and seconds per stage it ran."""

    counts: dict[str, int] | None  # of the result, which stays in the cache (the outputs process reads it)
    problem: Problem | None
    seconds: dict[str, float] = field(default_factory=dict)
    resumed_after: str | None = None  # the last stage taken from the cache
    detail: str = ""  # traceback of an internal error, for --verbose
    pages: int = 0
    memos: dict[str, dict] | None = None  # the annotator's memo entries new in this worker (Stages.new_memos)


class OverLimit(Exception):
    """A report is larger than the run allows (a run option, so never cached)."""


def count_pdf_pages(path: Path) -> int | None:
    """Pages of a PDF, counted cheaply before extraction; None if pdfium cannot open it
    (extraction then says why, in its own words)."""
    import pypdfium2

    try:
        pdf = pypdfium2.PdfDocument(str(path))
    except Exception:  # pdfium raises its own error types for every kind of bad file
        return None
    try:
        return len(pdf)
    finally:
        pdf.close()


def check_pages(pages: int, max_pages: int) -> None:
    if pages > max_pages:
        raise OverLimit(f"{pages} pages, more than the limit of {max_pages} (raise it with --max-pages)")


def _run_stage(stage: str, value, task: Task):
    """Run one stage on the previous stage's output."""
    stages = task.stages
    if stage == "extract":
        if task.path.suffix.lower() == ".pdf" and (pages := count_pdf_pages(task.path)) is not None:
            check_pages(pages, task.max_pages)
        doc = stages.extract(task.path)
        check_pages(len(doc.pages), task.max_pages)
        return Extracted(doc)
    if stage == "repair":
        doc, repairs = stages.repair(value.document)
        return Extracted(doc, value.repairs + list(repairs))
    if stage == "segment":
        doc = value.document
        passages = [LabelledPassage(p) for p in stages.segment(doc)]
        return ReportResult(doc.report_id, {}, len(doc.pages), passages, value.repairs, list(doc.warnings))
    return replace(value, passages=stages.annotate([lp.passage for lp in value.passages]))


def process_report(task: Task) -> Outcome:
    """Bring one report to the output of stage `task.until`, starting from the
    deepest cached stage. The result comes back only for the last stage; the
    text stages leave theirs in the cache for the annotate round."""
    outcome = Outcome(None, None)
    current = STAGES[0]

    def output(i: int):
        nonlocal current
        stage = STAGES[i]
        if i < task.redo_from and (hit := load(task.cache_dir, stage, task.keys[stage])) is not None:
            outcome.resumed_after = outcome.resumed_after or stage
            return hit
        value = task.path if i == 0 else output(i - 1)
        if isinstance(value, Failure):
            return value
        current, start = stage, time.perf_counter()
        try:
            value = _run_stage(stage, value, task)
        except InputError as err:
            value = Failure(err.stage or stage, err.reason)
        outcome.seconds[stage] = time.perf_counter() - start
        save(task.cache_dir, stage, task.keys[stage], value)
        return value

    name = task.path.name
    try:
        value = output(task.until)
    except OverLimit as err:
        outcome.problem = Problem(name, "limits", str(err))
    except Exception as err:  # a bug or a broken installation: report it, never cache it
        outcome.problem = Problem(name, current, f"internal error ({type(err).__name__}: {err}); the file was not processed")
        outcome.detail = traceback.format_exc()
    else:
        if isinstance(value, Failure):
            outcome.problem = Problem(name, value.stage, value.reason)
        else:
            outcome.pages = value.pages
            outcome.counts = counts(value) if task.until == len(STAGES) - 1 else None
    if STAGES[-1] in outcome.seconds:
        outcome.memos = task.stages.new_memos()
    return outcome


def _default_sigterm() -> None:
    """Workers die on SIGTERM, whatever handler the parent process installed."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _crashed(task: Task) -> Outcome:
    return Outcome(None, Problem(task.path.name, "worker", "the worker process died while processing this file (it crashed or was killed, perhaps out of memory)"))


def run_pool(tasks: list[Task], jobs: int, meanwhile: Callable[[], None] = lambda: None) -> Iterator[tuple[Task, Outcome]]:
    """Process tasks in a pool, biggest files first; yield in completion order.
    `meanwhile` runs in this process once the workers have started.

    If a worker dies (a crash in a PDF library, the OOM killer), the unfinished
    tasks are rerun one at a time, so the file that kills a worker is found and
    listed while every other file is still processed.
    """
    queue = sorted(tasks, key=lambda t: (-_size(t.path), t.path.name))
    alone = False
    context = multiprocessing.get_context("fork")
    if not queue:
        meanwhile()
    while queue:
        crashed: list[Task] = []
        pool = ProcessPoolExecutor(1 if alone else max(1, min(jobs, len(queue))), mp_context=context, initializer=_default_sigterm)
        interrupted = True
        try:
            futures = {pool.submit(process_report, t): t for t in queue}
            if not alone:
                meanwhile()
            for future in as_completed(futures):
                try:
                    outcome = future.result()
                except BrokenProcessPool:
                    crashed.append(futures[future])
                else:
                    yield futures[future], outcome
            interrupted = False
        finally:
            pool.shutdown(wait=not interrupted, cancel_futures=True)
            if interrupted:  # Ctrl-C or kill: stop the workers now, not after their current report
                for worker in multiprocessing.active_children():
                    worker.terminate()
        crashed.sort(key=queue.index)
        if alone and crashed:
            yield crashed[0], _crashed(crashed[0])  # it ran alone and took the worker with it
            crashed = crashed[1:]
        queue, alone = crashed, True


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


# --- the run --------------------------------------------------------------------------


@dataclass(frozen=True)
class Options:
    jobs: int = 0  # 0: one per available core
    force: bool = False
    max_pages: int = DEFAULT_MAX_PAGES
    max_mb: float = DEFAULT_MAX_MB
    cache_dir: Path | None = None  # default: <out>/.cache
    progress: bool = False
    verdicts: Path | None = None  # an evaluator's verdicts file (pipeline/verdicts.py)
    lang: str = "sv"  # of the outputs' interface text (pipeline/report/i18n.py)


@dataclass
class Item:
    """One corpus file during a run."""

    source: Source
    keys: dict[str, str] = field(default_factory=dict)
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


@dataclass
class RunSummary:
    """What a run did, for the printed summary, run.json and the exit status."""

    corpus: str
    out: str
    jobs: int
    reports: int = 0
    processed: int = 0
    from_cache: int = 0
    failed: int = 0
    pages: int = 0
    passages: int = 0
    repairs: int = 0
    labels: int = 0
    region_tags: int = 0
    seconds: dict[str, float] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    outputs: list[str] = field(default_factory=list)
    outputs_written: bool = False
    verdicts: dict = field(default_factory=dict)  # the verdicts file and how many of its verdicts found their row
    changes: dict = field(default_factory=dict)  # rows added and removed since the previous run (changes.csv)

    @property
    def exit_status(self) -> int:
        return EXIT_FAILED if self.problems else EXIT_OK


COUNTS = ("pages", "passages", "repairs", "labels", "region_tags")


def counts(result: ReportResult) -> dict[str, int]:
    return {
        "pages": result.pages,
        "passages": len(result.passages),
        "repairs": len(result.repairs),
        "labels": sum(len(lp.goals) + len(lp.interventions) for lp in result.passages),
        "region_tags": sum(len(lp.regions) for lp in result.passages),
    }


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


class RunLocked(Exception):
    """Another run is writing to the same output folder."""


def _lock(out: Path):
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


def _load_manifest(cache_dir: Path) -> dict:
    path = cache_dir / MANIFEST
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as err:
        log.warning("the manifest %s is unreadable (%s); rebuilding it from the cache", path, err)
        return {}
    return manifest if manifest.get("format") == MANIFEST_FORMAT else {}


def _odd_entries(corpus: Path, sources: list[Source]) -> list[Problem]:
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


def _apply_source(result: ReportResult, source: Source) -> ReportResult:
    """Metadata comes fresh from sources.toml on every run: editing it redoes nothing."""
    return replace(result, meta=source.meta(), warnings=result.warnings + source.warnings)


def _process_all(todo: list[Item], cache_dir: Path, memo: Path, jobs: int, options: Options, stages: Stages, seconds: dict[str, float], then: Callable[[], None] = lambda: None) -> None:
    """Bring the files the cache cannot answer to their results, in two rounds: the
    text stages, while this process loads the annotator and the memos in `memo`
    and then calls `then`; then annotate, in workers forked after that, which share
    them and send back what they add, kept in `memo` for the next run. A progress
    bar over reports (and pages) on a terminal."""
    if not todo:
        return
    from tqdm import tqdm

    tqdm.monitor_interval = 0  # no monitor thread: the outputs process is forked during the text round

    last, segmented = len(STAGES) - 1, STAGES[-2]
    by_path = {i.source.path: i for i in todo}

    def tasks(until: int, items: list[Item]) -> list[Task]:
        redo_from = (0 if until < last else last) if options.force else len(STAGES)
        return [Task(i.source.path, i.keys, cache_dir, options.max_pages, stages, until, redo_from) for i in items]

    def timed(name: str, hook: Callable[[], None]) -> Callable[[], None]:
        def run() -> None:
            tic = time.perf_counter()
            try:
                hook()
            except Exception as err:  # each worker tries again and reports it per file
                log.warning("%s failed: %s: %s", name, type(err).__name__, err)
            seconds[name] = time.perf_counter() - tic
        return run

    tic, pages, memos_grew = time.perf_counter(), 0, False
    with tqdm(total=len(todo), unit="report", disable=not options.progress, dynamic_ncols=True) as bar:
        def take(task: Task, outcome: Outcome) -> None:
            nonlocal pages, memos_grew
            item = by_path[task.path]
            item.take(outcome, seconds)
            if outcome.memos and stages.take_memos(outcome.memos):
                memos_grew = True
            if item.counts is not None or item.problem is not None:
                _log_item(item, outcome.detail)
            pages += outcome.pages
            bar.set_postfix(pages=pages, refresh=False)
            bar.update()

        def start(name: str, round_tasks: list[Task]) -> list[Task]:
            nonlocal pages
            bar.reset(total=len(round_tasks))
            bar.set_description(name)
            pages = 0
            return round_tasks

        text = [i for i in todo if options.force or not _entry(cache_dir, segmented, i.keys[segmented]).exists()]
        prepare = timed("load annotator", lambda: stages.prepare_annotate(None if options.force else memo))
        for task, outcome in run_pool(start("extract, repair, segment", tasks(last - 1, text)), jobs, lambda: (prepare(), then())):
            take(task, outcome)
        ready = [i for i in todo if i.problem is None]
        for task, outcome in run_pool(start("annotate", tasks(last, ready)), jobs):
            take(task, outcome)
    seconds["workers (wall)"] = time.perf_counter() - tic
    if memos_grew:
        save_memos(memo)


def _log_item(item: Item, detail: str) -> None:
    name = item.source.path.name
    timing = ", ".join(f"{stage} {s:.2f} s" for stage, s in item.seconds.items()) or "no stage run"
    resumed = f" (resumed after the cached {item.resumed_after} output)" if item.resumed_after else ""
    if item.counts is not None:
        log.info("%s: %s%s; %d pages, %d passages", name, timing, resumed, item.counts["pages"], item.counts["passages"])
    else:
        log.info("%s: failed at %s: %s", name, item.problem.stage, item.problem.reason)
        if detail:
            log.debug("%s", detail)


def run_batch(corpus: str | Path, out: str | Path, options: Options = Options(), stages: Stages = Stages(), versions: dict[str, str] | None = None) -> RunSummary:
    """Process the corpus into `out`, reusing the cache; one bad file never stops the run.

    Raises InputError when the corpus folder or sources.toml is unusable and
    RunLocked when another run holds `out`; a problem with one file becomes a
    Problem in the summary and a row of errors.csv.
    """
    corpus, out = Path(corpus), Path(out)
    cache_dir = Path(options.cache_dir) if options.cache_dir else out / ".cache"
    started, wall = datetime.now(timezone.utc), time.perf_counter()
    summary = RunSummary(str(corpus), str(out), options.jobs or available_cores())
    sources = discover(corpus)
    context = _context(out, options, started)
    lock = _lock(out)
    try:
        tic = time.perf_counter()
        manifest = _load_manifest(cache_dir)
        if versions is None:
            versions, version_inputs_digest = _current_versions(manifest, options.force)
        else:
            version_inputs_digest = None
        memo = _memo_file(cache_dir, versions["annotate"])
        items = _survey(sources, cache_dir, manifest.get("files", {}), versions, options)
        odd = _odd_entries(corpus, sources)
        summary.seconds["survey"] = time.perf_counter() - tic

        todo = [i for i in items if i.problem is None and not i.ok]
        writer: OutputsProcess | None = None

        def start_outputs() -> None:  # a run that processes a file rewrites the outputs
            nonlocal writer
            writer = OutputsProcess(stages, cache_dir, [(i.keys, i.source) for i in items if i.ok], force=options.force)

        try:
            _process_all(todo, cache_dir, memo, summary.jobs, options, stages, summary.seconds, start_outputs)
            _tally(items, odd, sources, options.max_pages, summary)

            tic = time.perf_counter()
            previous = manifest.get("outputs", {})
            fingerprint = _outputs_fingerprint(items, summary, versions, options)
            if options.force or previous.get("fingerprint") != fingerprint or not _intact(out, previous.get("files", {})):
                writer = writer or OutputsProcess(stages, cache_dir, [], beside_workers=False, force=options.force)
                written, lost = _publish(out, items, summary, writer, previous.get("files", {}), context)
                if lost:  # cached results unreadable since the survey: redo them
                    for item in lost:
                        item.counts = None
                    _process_all(lost, cache_dir, memo, summary.jobs, options, stages, summary.seconds)
                    _tally(items, odd, sources, options.max_pages, summary)
                    written, lost = _publish(out, items, summary, writer, previous.get("files", {}), context)
                    if lost:
                        raise RuntimeError(f"the cache in {cache_dir} cannot be read back: {', '.join(i.source.path.name for i in lost)}")
                fingerprint = _outputs_fingerprint(items, summary, versions, options)
                summary.outputs_written = True
            else:
                written = sorted(previous["files"])
                log.info("nothing changed since the last run; outputs left as they are")
        except BaseException:
            if writer is not None:
                writer.close(wait=False)
            raise
        if writer is not None:
            writer.close()
        summary.outputs = [str(out / name) for name in written]
        summary.seconds["outputs"] = time.perf_counter() - tic
        _review_summary(out, options, summary)

        atomic_write(cache_dir / MANIFEST, _canonical({
            "format": MANIFEST_FORMAT,
            "versions": versions,
            "version_inputs": version_inputs_digest,
            "files": {i.source.path.name: {**i.stat, "final": i.keys.get(STAGES[-1]), **(i.counts or {})} for i in items if i.stat},
            "outputs": {"fingerprint": fingerprint, "files": {name: _stat(out / name) for name in written}},
        }).encode())
        _prune(cache_dir, {(stage, key) for i in items for stage, key in i.keys.items()}, memo)
        summary.seconds["total"] = time.perf_counter() - wall
        summary.seconds = {k: round(v, 3) for k, v in summary.seconds.items()}
        _write_run_json(out, cache_dir, summary, started, versions)
        return summary
    finally:
        lock.close()


def _canonical(data) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1)


def _survey(sources: list[Source], cache_dir: Path, previous: dict, versions: dict[str, str], options: Options) -> list[Item]:
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
        final = item.keys[STAGES[-1]]
        item.keys[TABLES] = tables_key(final, source, versions)
        if options.force:
            continue
        if _entry(cache_dir, STAGES[-1], final).exists():
            record = previous.get(name, {})
            if record.get("final") == final and all(k in record for k in COUNTS):
                item.counts = {k: record[k] for k in COUNTS}
            elif isinstance(value := load(cache_dir, STAGES[-1], final), ReportResult):
                item.counts = counts(value)
            log.info("%s: unchanged, taken from the cache", name)
        elif failure := cached_failure(cache_dir, item.keys):
            item.problem = Problem(name, failure.stage, failure.reason)
    return items


def _outputs_fingerprint(items: list[Item], summary: RunSummary, versions: dict[str, str], options: Options = Options()) -> str:
    """Everything the outputs depend on: when it is unchanged, they are not rewritten."""
    ok = sorted((i for i in items if i.ok), key=lambda i: i.source.report_id)
    reports = [[i.source.report_id, i.keys[TABLES]] for i in ok]  # result, metadata and outputs' version
    return _hash(versions["outputs"], _canonical({
        "reports": reports,
        "problems": [asdict(p) for p in summary.problems],
        "summary": outputs_summary(summary),
        "verdicts": _file_sha256(options.verdicts) if options.verdicts else None,
        "lang": options.lang,
    }))


def _context(out: Path, options: Options, started: datetime):
    """What the outputs take from the run besides the results: the verdicts (read now, so
    that a broken file stops the run before any work), the language, the previous
    outputs and the date."""
    from pipeline.changes import stamp
    from pipeline.outputs import RunContext
    from pipeline.verdicts import read_verdicts

    verdicts = tuple(read_verdicts(options.verdicts)) if options.verdicts else None
    return RunContext(options.lang, verdicts, out, stamp(started))


def _review_summary(out: Path, options: Options, summary: RunSummary) -> None:
    """The verdicts and changes of the outputs now in `out`, for the summary and run.json."""
    from pipeline import changes, verdicts

    if options.verdicts:
        summary.verdicts = {"file": str(options.verdicts), **verdicts.summary_of(out)}
    summary.changes = changes.summary_of(out)


def _tally(items: list[Item], odd: list[Problem], sources: list[Source], max_pages: int, summary: RunSummary) -> None:
    """Apply the page limit to every result (cached ones too) and total the counts."""
    for item in items:
        if not item.ok:
            continue
        try:
            check_pages(item.counts["pages"], max_pages)
        except OverLimit as err:
            item.problem = Problem(item.source.path.name, "limits", str(err))
    good = [i for i in items if i.ok]
    summary.problems = sorted([i.problem for i in items if i.problem] + odd, key=lambda p: (p.file, p.stage, p.reason))
    summary.warnings = sorted({w for s in sources for w in s.warnings} | set(stray_entries(summary.corpus, sources)))
    summary.reports = len(items) + len(odd)
    summary.failed = len({p.file for p in summary.problems})
    summary.processed = sum(1 for i in items if i.computed)
    summary.from_cache = sum(1 for i in good if not i.computed)
    for key in COUNTS:
        setattr(summary, key, sum(i.counts[key] for i in good))


def outputs_summary(summary: RunSummary) -> dict:
    """The part of the summary that goes into the outputs: counts only, no times, so
    that the same corpus gives byte-identical files."""
    keys = ("reports", "failed", "pages", "passages", "repairs", "labels", "region_tags", "warnings")
    return {k: getattr(summary, k) for k in keys}


def _stat(path: Path) -> list[int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns]


def _intact(out: Path, files: dict) -> bool:
    return bool(files) and all(_stat(out / name) == record for name, record in files.items())


def _publish(out: Path, items: list[Item], summary: RunSummary, writer: "OutputsProcess", previous: dict, context=None) -> tuple[list[str], list[Item]]:
    """Write every output into a staging folder, then move the files into place: an
    interrupted run leaves the previous outputs as they were. Returns the names
    written, or (nothing written) the items whose cached result is unreadable."""
    staging = out / STAGING
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    good = sorted((i for i in items if i.ok), key=lambda i: i.source.report_id)
    unreadable = set(writer.write(staging, [(i.keys, i.source) for i in good], summary.problems, outputs_summary(summary), context))
    if unreadable:
        shutil.rmtree(staging)
        return [], [i for i in good if i.keys[STAGES[-1]] in unreadable]
    write_errors_csv(staging / ERRORS_CSV, summary.problems)
    names = sorted(p.relative_to(staging).as_posix() for p in staging.rglob("*") if p.is_file())
    for name in names:
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        os.replace(staging / name, out / name)
    shutil.rmtree(staging)
    for name in sorted(set(previous) - set(names)):  # outputs the corpus no longer gives
        (out / name).unlink(missing_ok=True)
    return names, []


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


class OutputsProcess:
    """`Stages.write_outputs` in a process of its own, forked once the annotator is
    loaded (while the text stages run: it touches nothing of their pool's threads),
    so that it inherits what the outputs share with the annotator (numpy, the
    taxonomy) instead of loading it again. It starts at once to import the output
    modules and to read each unchanged report's share of the outputs from the
    cache, at the lowest priority where it may return to normal priority to write
    (root; or RLIMIT_NICE allows it), so that it runs on what the workers leave of
    the cores. Without fork it all happens in this process when the outputs are
    written."""

    def __init__(self, stages: Stages, cache_dir: Path, cached: list[tuple[dict[str, str], Source]], beside_workers: bool = True, force: bool = False):
        """`cached`: the reports to read ahead (their cache keys, source); `force`: make
        every report's share of the outputs again, reading none from the cache."""
        self.stages, self.cache_dir, self.beside_workers, self.force = stages, cache_dir, beside_workers, force
        self.cached, self.reports = cached, {}
        self.process = None
        if "fork" not in multiprocessing.get_all_start_methods():
            return
        context = multiprocessing.get_context("fork")
        self.connection, child = context.Pipe()
        self.process = context.Process(target=self._serve, args=(child,), name="reformtrace outputs")
        self.process.start()
        child.close()

    def write(self, staging: Path, reports: list[tuple[dict[str, str], Source]], problems: list[Problem], summary: dict, context=None) -> list[str]:
        """The outputs of these reports (cache keys, source) into `staging`; returns the
        final keys of those whose cached result could not be read, and then writes nothing."""
        if self.process is None:
            self._prepare()
            return self._write(staging, reports, problems, summary, context)
        try:
            self.connection.send((staging, reports, problems, summary, context))
        except OSError:  # BrokenPipeError: it is gone (killed, out of memory)
            self._died()
        try:
            status, value = self.connection.recv()
        except (EOFError, OSError):
            self._died()
        if status == "interrupted":
            raise KeyboardInterrupt
        if status == "error":
            raise RuntimeError(f"writing the outputs failed: {value}")
        return value

    def close(self, wait: bool = True) -> None:
        """End the process and reap it: after a finished run it only waits for work and
        ends when its pipe closes; after a failure or an interruption (`wait` False) it
        is terminated at once, and it stops its renderers as it goes."""
        if self.process is not None:
            self.connection.close()
            if not wait:
                self.process.terminate()
            self.process.join(timeout=5)
            if self.process.is_alive():
                self.process.kill()
                self.process.join()
            self.process = None

    def _died(self):
        self.process.join()
        raise RuntimeError(f"the process writing the outputs died (exit code {self.process.exitcode})") from None

    def _serve(self, connection) -> None:
        # SIGTERM ends this process through its finally blocks, which stop the renderer it forked
        signal.signal(signal.SIGTERM, _exit_on_signal)
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        self.connection.close()  # the run's end, copied by the fork: the run closing its own must end this process
        lowered = self.beside_workers and _may_raise_priority_again()
        if lowered:
            os.nice(PREPARE_NICENESS)
        self._prepare()
        while True:
            try:
                request = connection.recv()
            except EOFError:  # the run is over
                return
            if lowered:  # the run now waits for this process alone
                os.setpriority(os.PRIO_PROCESS, 0, 0)
                lowered = False
            try:
                reply = ("ok", self._write(*request))
            except KeyboardInterrupt:
                reply = ("interrupted", None)
            except Exception as err:
                reply = ("error", f"{type(err).__name__}: {err}\n{traceback.format_exc()}")
            connection.send(reply)

    def _prepare(self) -> None:
        try:
            self.stages.prepare_outputs()
            for keys, source in self.cached:
                self._report(keys, source)
        except Exception:  # tried again when the outputs are written, and reported there
            pass

    def _report(self, keys: dict[str, str], source: Source):
        """The report's share of the outputs: from the cache, or made by `Stages.tabulate`
        of its result with its metadata, and cached; None when the result is unreadable."""
        key, cached = keys[TABLES], self.stages.own_outputs
        if key not in self.reports:
            value = load_tables(self.cache_dir, key) if cached and not self.force else None
            if value is None and isinstance(result := load(self.cache_dir, STAGES[-1], keys[STAGES[-1]]), ReportResult):
                value = self.stages.tabulate(_apply_source(result, source))
                if cached:
                    save_tables(self.cache_dir, key, value)
            if value is not None:
                self.reports[key] = value
        return self.reports.get(key)

    def _write(self, staging: Path, reports: list[tuple[dict[str, str], Source]], problems: list[Problem], summary: dict, context=None) -> list[str]:
        tabulated = [self._report(keys, source) for keys, source in reports]
        lost = [keys[STAGES[-1]] for report, (keys, _) in zip(tabulated, reports) if report is None]
        if not lost:
            # the package's writer takes what the run brings (verdicts, language, the previous outputs); a test's stand-in does not
            extra = {"context": context} if self.stages.own_outputs and context is not None else {}
            self.stages.write_outputs(staging, tabulated, problems, summary, **extra)
        return lost


def write_errors_csv(path: Path, problems: list[Problem]) -> None:
    """One row per problem: file, stage, reason (header only when all went well)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["file", "stage", "reason"])
    writer.writerows([p.file, p.stage, p.reason] for p in problems)
    atomic_write(path, buffer.getvalue().encode("utf-8"))


def _prune(cache_dir: Path, keep: set[tuple[str, str]], memo: Path) -> None:
    """Drop cache entries no current file needs (removed reports, old versions, stray
    temporaries), and the memos of other annotate versions."""
    for stage in (*STAGES, TABLES):
        for path in (cache_dir / stage).glob("*/*"):
            if (stage, path.name.split(".")[0]) not in keep:
                path.unlink(missing_ok=True)
    for path in (cache_dir / MEMO).glob("*"):
        if path != memo:
            path.unlink(missing_ok=True)


def _write_run_json(out: Path, cache_dir: Path, summary: RunSummary, started: datetime, versions: dict[str, str]) -> None:
    """Run metadata: the only file with timestamps and times."""
    data = {
        "reformtrace": __version__,
        "started": started.isoformat(timespec="seconds"),
        "finished": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "cache": str(cache_dir),
        "stage_versions": versions,
        "exit_status": summary.exit_status,
        **{k: v for k, v in asdict(summary).items() if k != "problems"},
        "problems": len(summary.problems),
    }
    atomic_write(out / RUN_JSON, (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode())
