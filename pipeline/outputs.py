"""A run's results -> the files people read, all in one folder.

Each file is written to a temporary name beside its place as it is made
(spool.py), and all are renamed into place once every one is made, so a failure
never leaves a half-written or mixed set of outputs. Same results, same bytes: rows
are sorted and no file carries a timestamp.
"""
from __future__ import annotations

import os
import re
import shutil
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Sequence

import pandas as pd
import pyarrow as pa

from reformtrace.counts import FIRM, FIRM_KINDS, Cells, report_cells, summed
from reformtrace.evidence_parts import EVIDENCE_DIR, move_parts, part_bytes, write_part
from reformtrace.forked import Forked
from reformtrace.matrix import (
    COUNTS, DIMENSIONS, EVIDENCE_COLUMNS, REPAIR_COLUMNS, ReportTables, Tables, Vocabulary, build_tables, cell_matrix, evidence_rows,
    region_matrix, repair_rows, report_tables, vocabulary,
)
from reformtrace.full_rows import rows_at, without_texts
from reformtrace.identity import row_key, row_keys
from reformtrace.model import Problem, ReportResult
from reformtrace.report.html_parts import Beside, part_digest
from reformtrace.report.i18n import DEFAULT_LANGUAGE
from reformtrace.sources import Sources
from reformtrace.spool import Spool, Writer

SOURCES = Sources(  # what the outputs depend on besides the results (pipeline/sources.py)
    code=("reformtrace.outputs", "reformtrace.matrix", "reformtrace.report", "reformtrace.themes", "reformtrace.annotate", "reformtrace.lexicon", "reformtrace.sentences", "reformtrace.model",
          "reformtrace.identity", "reformtrace.verdicts", "reformtrace.changes", "reformtrace.errors", "reformtrace.counts",
          "reformtrace.evidence_parts", "reformtrace.full_rows", "reformtrace.spool", "reformtrace.forked"),
    data=("report", "taxonomy.toml", "gazetteer", "evidence_kinds.toml", "back_references.toml", "evidence_strength.toml", "tokenizer", "lexicon", "lemmas", "model"),
    libraries=("pandas", "numpy", "pyarrow", "xlsxwriter", "pillow", "datasketch"),  # datasketch: the reuse signatures are cached with each report's share
)

EVIDENCE_CSV = "evidence.csv"
EVIDENCE_PARQUET = EVIDENCE_DIR  # a folder of Parquet parts, one per report (evidence_parts.py)
REPORTS_CSV = "reports.csv"
THEME_SPREAD_CSV = "theme_spread.csv"
REPAIRS_CSV = "repairs.csv"
WORKBOOK = "evidence.xlsx"
HTML_REPORT = "report.html"
KEY_COLUMNS = [EVIDENCE_COLUMNS.index(c) for c in ("report_id", "quote", "region_code", "label")]  # what identity.row_key takes
NEEDS_QUOTES = re.compile(r'[,"\n\r]')  # a CSV field with one of these is quoted


@dataclass(frozen=True)
class RunContext:
    """What a run brings to its outputs besides the reports' results."""

    lang: str = DEFAULT_LANGUAGE  # of the interface text
    verdicts: tuple | None = None  # the evaluator's verdicts (reformtrace.verdicts.Verdict); None: no verdicts file
    previous: Path | None = None  # the folder of the last run's outputs: what verdicts were tied to, what was there before
    now: str | None = None  # when this run started (reformtrace.changes.stamp); None: no comparison with an earlier run


def matrix_file(dimension: str, count: str = "passages", kinds: Sequence[str] = ()) -> str:
    """matrix_region_goal.csv counts passages; matrix_region_goal_reports.csv reports;
    matrix_region_goal_done_measured.csv only evidence of those kinds."""
    return f"matrix_region_{dimension}{'' if count == 'passages' else '_' + count}{''.join('_' + k for k in kinds)}.csv"


@dataclass(frozen=True)
class Tabulated:
    """One report's share of the outputs that depends on it alone: its rows of the
    tables, and its lines of evidence.csv. A batch makes them once and keeps them
    in its cache."""

    tables: ReportTables
    evidence_csv: bytes
    fingerprints: object = None  # themes.fingerprints.Fingerprints: its passages as text reuse compares them
    keys: tuple[str, ...] = ()  # its evidence rows' identities across runs (identity.row_key): what verdicts and changes go by
    parquet: bytes = b""  # its part of out/evidence/ (evidence_parts.part_bytes)
    cells: Cells | None = None  # its counts per matrix cell (counts.report_cells)
    repairs_csv: bytes = b""  # its lines of repairs.csv (matrix.repair_rows)


def tabulate(result: ReportResult, vocab: Vocabulary | None = None) -> Tabulated:
    """The report's share of the outputs (with the package's vocabulary by default)."""
    from reformtrace.themes.fingerprints import fingerprint

    vocab = vocab or vocabulary()
    rows = evidence_rows(result, vocab)
    tables = report_tables(result, vocab, rows)
    keys = tuple(row_key(*(r[i] for i in KEY_COLUMNS)) for r in rows)
    return Tabulated(tables, csv_rows(rows), fingerprint(result), keys, part_bytes(tables.evidence), report_cells(tables.evidence),
                     csv_rows(repair_rows(result)))


def csv_rows(rows: Iterable[Sequence]) -> bytes:
    """Rows as CSV lines, as pandas and the csv module write them, but three to four
    times faster (they copy text a character at a time): a field is quoted
    when it holds a comma, a quote or a line break (a carriage return too, which
    they leave bare); a missing value is an empty field."""
    field = lru_cache(maxsize=None, typed=True)(_csv_field)  # values repeat; 1 and 1.0 must not share a field
    return "".join(",".join(map(field, row)) + "\n" for row in rows).encode("utf-8")


def _csv_field(value) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        return repr(value)
    if NEEDS_QUOTES.search(value):
        return '"' + value.replace('"', '""') + '"'
    return value


def write_outputs(
    out_dir: Path,
    results: Sequence[ReportResult | Tabulated | Callable[[], Tabulated]],
    problems: Sequence[Problem],
    summary: dict,
    vocab: Vocabulary | None = None,
    context: RunContext | None = None,
) -> list[Path]:
    """Write every output of a run into `out_dir`; returns the paths written, sorted. A
    callable in `results` loads a report's share when its turn comes (the run's
    Tabulator gives them so, in report order), so that no more than one report's bytes
    of evidence.csv, of repairs.csv and of its Parquet part are held at a time."""
    from reformtrace import changes, verdicts

    vocab, context, out_dir = vocab or vocabulary(), context or RunContext(), Path(out_dir)
    # the C library's allocator for Arrow's buffers: Arrow's default (mimalloc) kept what a thousand
    # reads of Parquet parts had freed, as much again as the tables read (docs/SCALING.md)
    pa.set_memory_pool(pa.system_memory_pool())
    out_dir.mkdir(parents=True, exist_ok=True)
    named = {v.report_id for v in context.verdicts or ()}  # reports whose rows verdicts may change: written after judging
    temp, staged = out_dir / f".{EVIDENCE_CSV}.{os.getpid()}.tmp", out_dir / f".parts.{os.getpid()}.tmp"
    previous = context.previous or out_dir  # where an unchanged part is linked from
    files = Spool(out_dir)  # every other file, written as it is made and renamed into place with the rest
    book = reuse = None
    try:
        with open(temp, "wb") as csv_file, open(files.temp(REPAIRS_CSV), "wb") as repairs_file:
            files.take(REPAIRS_CSV, repairs_file.name)
            csv_file.write(csv_rows([EVIDENCE_COLUMNS]))
            repairs_file.write(csv_rows([REPAIR_COLUMNS]))
            slim = not context.verdicts  # the rows' texts left in the parts (verdicts are matched on the whole table)
            found = _gather(_in_order(results, vocab), staged, previous, named, csv_file, repairs_file, slim)
            keys = found.keys
            judge = verdicts.Judge(context.verdicts, verdicts.previous(context.previous, context.verdicts), keys) if context.verdicts else None
            tables = build_tables(found.tables, vocab, judge, matrices={})
            found.tables.clear()  # the evidence table holds them now
            cells = _judged(found, tables.evidence, staged, previous, named, csv_file)
            tables = replace(tables, matrices=_matrices(cells, vocab), parts=staged if slim else None)
        from reformtrace.themes.outputs import build_themes, reuse_beside, stop_reuse, take_reuse

        # text reuse, then the workbook and the theme chart, each in a process forked beside this one, which
        # makes the rest meanwhile; text reuse needs only the fingerprints and the page's order of passages
        reuse = reuse_beside(tables, found.fingerprints, files, context.previous)
        found_digests, found = found.digests, None  # the fingerprints are text reuse's alone
        whole = (lambda positions: rows_at(tables, positions, changes.COLUMNS[1:])) if slim else None
        compared = changes.compare(tables.evidence, context.previous, context.now, keys, whole) if context.now else changes.unchanged(tables.evidence)
        tables = replace(tables, lang=context.lang, verdicts=judge.matching if judge else None, changes=compared, keys=keys)
        book = book_and_chart(tables, list(problems), summary)  # needs none of the themes
        beside = Beside(files, found_digests, context.previous)
        render(tables, list(problems), summary, build_themes(tables), files, book, reuse, beside)
        if reuse is not None:
            take_reuse(reuse, files)
        written = files.publish() + move_parts(staged, out_dir)
        os.replace(temp, out_dir / EVIDENCE_CSV)
    finally:
        if book is not None:  # after a failure, no renderer is left behind
            book.stop()
        if reuse is not None:
            stop_reuse(reuse, files)
        temp.unlink(missing_ok=True)
        files.discard()
        shutil.rmtree(staged, ignore_errors=True)
    return sorted([*written, out_dir / EVIDENCE_CSV])


def _in_order(results: Sequence, vocab: Vocabulary) -> Iterable[Tabulated]:
    """Each report's share, made or loaded when its turn comes; in report order (callables
    are taken in the order given)."""
    if any(callable(r) for r in results):
        return (r() if callable(r) else r if isinstance(r, Tabulated) else tabulate(r, vocab) for r in results)
    parts = [r if isinstance(r, Tabulated) else tabulate(r, vocab) for r in results]
    return sorted(parts, key=lambda part: part.tables.report_id)


@dataclass
class _Gathered:
    """What one pass over the reports' shares keeps of them."""

    tables: list[ReportTables]
    keys: list[str]
    fingerprints: list
    cells: list[Cells]
    spans: list[tuple[str, int, int]]  # report id, first and past-last row in the evidence table
    pending: list[bytes | None]  # with verdicts: each report's lines of evidence.csv, None where made after judging
    digests: dict[str, str]  # each report's Parquet part's digest: what names its page script (report/html_parts.py)


def _gather(parts: Iterable[Tabulated], out_dir: Path, previous: Path | None, named: set[str], csv_file, repairs_file,
            slim: bool = False) -> _Gathered:
    """One pass: each report's lines of evidence.csv and of repairs.csv and its Parquet part
    written (those of reports verdicts name wait for the judging), the rest kept for the tables
    (`slim`: its rows without their texts, which the outputs read from its part: full_rows.py)."""
    from reformtrace.themes.fingerprints import shared

    found, start = _Gathered([], [], [], [], [], [], {}), 0
    texts: dict[str, str] = {}  # the fingerprints' texts met so far, each held once
    for part in parts:
        report_tables, report_id = part.tables, part.tables.report_id
        rows = len(report_tables.evidence)
        found.keys.extend(part.keys if len(part.keys) == rows else row_keys(report_tables.evidence))
        found.fingerprints.append(None if part.fingerprints is None else shared(part.fingerprints, texts))
        found.cells.append(part.cells if part.cells is not None else report_cells(report_tables.evidence))
        found.spans.append((report_id, start, start + rows))
        found.tables.append(replace(report_tables, evidence=without_texts(report_tables.evidence)) if slim else report_tables)
        start += rows
        repairs_file.write(part.repairs_csv)
        if named:  # evidence.csv is written in report order once the verdicts are on the rows
            found.pending.append(None if report_id in named else part.evidence_csv)
        else:
            csv_file.write(part.evidence_csv)
        if report_id not in named:
            data = part.parquet or part_bytes(report_tables.evidence)
            write_part(out_dir, report_id, data, previous)
            found.digests[report_id] = part_digest(data)
    return found


def _judged(found: _Gathered, evidence: pd.DataFrame, out_dir: Path, previous: Path | None, named: set[str], csv_file) -> Cells:
    """The reports verdicts name, from their judged rows: their lines of evidence.csv (then
    the lines of all, in order), their parts and their counts; returns the corpus's counts."""
    cells = found.cells
    for i, (report_id, start, end) in enumerate(found.spans):
        if report_id in named:
            rows = evidence.iloc[start:end]
            found.pending[i], data = csv_rows(frame_rows(rows)), part_bytes(rows)
            write_part(out_dir, report_id, data, previous)
            found.digests[report_id] = part_digest(data)
            cells[i] = report_cells(rows)
    for chunk in found.pending:
        csv_file.write(chunk)
    return summed(cells)


def _matrices(cells: Cells, vocab: Vocabulary) -> dict[tuple[str, str], pd.DataFrame]:
    """Every region matrix from the corpus's counts: (dimension, count) as Tables keeps them,
    and (dimension, FIRM) for the passages of FIRM_KINDS."""
    return {(d, c): cell_matrix(cells.get((d, c), Counter()), vocab, d) for d in DIMENSIONS for c in (*COUNTS, FIRM)}


def frame_rows(frame: pd.DataFrame, names: Sequence[str] = EVIDENCE_COLUMNS) -> list[list]:
    """Evidence rows (or a frame's `names` columns) as the Python values `evidence_rows` makes (None for a missing year)."""
    columns = [frame[c].tolist() for c in names]
    return [[None if v is pd.NA else v for v in row] for row in zip(*columns)]


def book_and_chart(tables: Tables, problems: list[Problem], summary: dict) -> Forked:
    """The workbook and the theme chart, begun in a process forked beside this one, which
    renders the rest meanwhile (two halves of about the same cost; a process per output
    cost more in copied pages than it saved)."""
    from reformtrace.report import excel, plots

    return Forked("the workbook and the theme chart", lambda: {WORKBOOK: excel.workbook(tables, problems, summary), **plots.spread(tables)})


def render(tables: Tables, problems: list[Problem], summary: dict, themes, files: Spool, book: Forked | None = None,
           reuse: Forked | None = None, beside: Beside | None = None) -> None:
    """Every output file but evidence.csv and the evidence's Parquet parts, which `write_outputs`
    writes from each report's rows, into `files` (`themes`: themes.outputs.Themes, their files and page data;
    `book`: the workbook and the theme chart if begun already; `reuse`: themes.outputs.reuse_beside's
    process, whose file and "also in" places the page waits for, made last; `beside`: where a large
    run's page puts its scripts, report/html_parts.py)."""
    from reformtrace.report import html, plots
    from reformtrace.themes.outputs import theme_files

    forked = book or book_and_chart(tables, problems, summary)
    try:
        files[REPORTS_CSV] = csv_writer(tables.reports, index=False)
        files[THEME_SPREAD_CSV] = csv_writer(tables.spread)
        for dimension in DIMENSIONS:
            for count in COUNTS:
                files[matrix_file(dimension, count)] = csv_writer(tables.matrix(dimension, count))
            files[matrix_file(dimension, "passages", FIRM_KINDS)] = csv_writer(firm_matrix(tables, dimension))
        files.update(review_files(tables))
        files.update(theme_files(themes, tables.lang, tables.vocab) if themes is not None else {})
        files.update(plots.heatmaps(tables))
        if reuse is not None:  # text reuse's process gives the page's "also in" places, then writes reuse.csv
            themes = replace(themes, also_in=reuse.result())
        # a large run's text of the page goes into files as the page is made, a report at a time (report/html_parts.py)
        files[HTML_REPORT] = html.report(tables, problems, summary, themes, beside).encode("utf-8")
        files.update(forked.result())
    finally:  # after a failure here, the renderer is not left behind
        forked.stop()


def firm_matrix(tables: Tables, dimension: str) -> pd.DataFrame:
    """Regions × labels counting the passages of FIRM_KINDS: summed with the others where the run did."""
    if (dimension, FIRM) in tables.matrices:
        return tables.matrices[dimension, FIRM]
    done = tables.counted[tables.counted["kind"].isin(FIRM_KINDS)]
    return region_matrix(done, tables.vocab, dimension)


def review_files(tables: Tables) -> dict[str, bytes | Writer]:
    """The evaluator's files: the matrices of verified rows, the verdicts applied and
    not, the changes since the previous run, and what the next run compares with."""
    from reformtrace import changes, verdicts

    files = {name: csv_rows(rows) for name, rows in verdicts.csv_files(tables.verdicts).items()}
    verified = tables.evidence[tables.evidence["verdict"] == "correct"]
    for dimension in DIMENSIONS:
        files[verdicts.verified_matrix_file(dimension)] = csv_writer(region_matrix(verified, tables.vocab, dimension))
    compared = tables.changes or changes.unchanged(tables.evidence)
    files[changes.CHANGES_CSV] = csv_writer(compared.table, index=False)
    if compared.made:
        files[changes.DATES] = compared.dates()
    if compared.baseline is not None:
        files[changes.BASELINE] = compared.baseline.write
    if compared.made:
        files[changes.KEYS] = lambda file: file.writelines((key + "\n").encode("utf-8") for key in compared.keys)
    return files


def csv_writer(frame: pd.DataFrame, index: bool = True) -> Writer:
    """A table's CSV file, written into the file given a piece at a time (pandas writes the
    rows in chunks: a long table's text is never held whole)."""
    return lambda file: frame.to_csv(file, index=index, lineterminator="\n", encoding="utf-8")


def rows_writer(columns: Sequence[str], rows: Sequence[Sequence], chunk: int = 10_000) -> Writer:
    """Rows of text and numbers as CSV under a header, through `csv_rows` a chunk of rows at a
    time: `csv_writer`'s bytes (but a carriage return in a field quoted), in less time (reuse.csv)."""
    def write(file) -> None:
        file.write(csv_rows([list(columns)]))
        for start in range(0, len(rows), chunk):
            file.write(csv_rows(rows[start:start + chunk]))

    return write
