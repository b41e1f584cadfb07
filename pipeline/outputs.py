"""A run's results -> the files people read, all in one folder.

Everything is rendered in memory first and only then moved into place (each
file written to a temporary name beside it and renamed), so a failure never
leaves a half-written or mixed set of outputs. Same results, same bytes: rows
are sorted and no file carries a timestamp.
"""
from __future__ import annotations

import gc
import io
import multiprocessing
import os
import re
import signal
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Sequence

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from reformtrace.matrix import (
    COUNTS, DIMENSIONS, EVIDENCE_COLUMNS, ReportTables, Tables, Vocabulary, build_tables, evidence_rows, region_matrix,
    report_tables, vocabulary,
)
from reformtrace.identity import row_key, row_keys
from reformtrace.model import Problem, ReportResult
from reformtrace.report.i18n import DEFAULT_LANGUAGE
from reformtrace.sources import Sources

SOURCES = Sources(  # what the outputs depend on besides the results (pipeline/sources.py)
    code=("reformtrace.outputs", "reformtrace.matrix", "reformtrace.report", "reformtrace.themes", "reformtrace.annotate", "reformtrace.lexicon", "reformtrace.sentences", "reformtrace.model",
          "reformtrace.identity", "reformtrace.verdicts", "reformtrace.changes", "reformtrace.errors"),
    data=("report", "taxonomy.toml", "gazetteer", "evidence_kinds.toml", "tokenizer", "lexicon", "lemmas", "model"),
    libraries=("pandas", "numpy", "pyarrow", "xlsxwriter", "pillow", "datasketch"),  # datasketch: the reuse signatures are cached with each report's share
)

EVIDENCE_CSV = "evidence.csv"
EVIDENCE_PARQUET = "evidence.parquet"
REPORTS_CSV = "reports.csv"
THEME_SPREAD_CSV = "theme_spread.csv"
REPAIRS_CSV = "repairs.csv"
WORKBOOK = "evidence.xlsx"
HTML_REPORT = "report.html"
KEY_COLUMNS = [EVIDENCE_COLUMNS.index(c) for c in ("report_id", "quote", "region_code", "label")]  # what identity.row_key takes
FIRM_KINDS = ("done", "measured")  # the evidence many evaluators count: in place, or with a figure
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


def tabulate(result: ReportResult, vocab: Vocabulary | None = None) -> Tabulated:
    """The report's share of the outputs (with the package's vocabulary by default)."""
    from reformtrace.themes.fingerprints import fingerprint

    vocab = vocab or vocabulary()
    rows = evidence_rows(result, vocab)
    return Tabulated(report_tables(result, vocab, rows), csv_rows(rows), fingerprint(result), tuple(row_key(*(r[i] for i in KEY_COLUMNS)) for r in rows))


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
    results: Sequence[ReportResult | Tabulated],
    problems: Sequence[Problem],
    summary: dict,
    vocab: Vocabulary | None = None,
    context: RunContext | None = None,
) -> list[Path]:
    """Write every output of a run into `out_dir`; returns the paths written, sorted."""
    from reformtrace import changes, verdicts

    vocab, context = vocab or vocabulary(), context or RunContext()
    parts = [r if isinstance(r, Tabulated) else tabulate(r, vocab) for r in results]
    parts.sort(key=lambda part: part.tables.report_id)
    keys = [key for part in parts for key in (part.keys if len(part.keys) == len(part.tables.evidence) else row_keys(part.tables.evidence))]
    judge = verdicts.Judge(context.verdicts, verdicts.previous(context.previous, context.verdicts), keys) if context.verdicts else None
    tables = build_tables([part.tables for part in parts], vocab, judge)
    compared = changes.compare(tables.evidence, context.previous, context.now, keys) if context.now else changes.unchanged(tables.evidence)
    tables = replace(tables, lang=context.lang, verdicts=judge.matching if judge else None, changes=compared, keys=keys)
    from reformtrace.themes.outputs import build_themes

    files = render(tables, list(problems), summary, build_themes(tables, [part.fingerprints for part in parts]))
    files[EVIDENCE_CSV] = _evidence_csv(parts, tables)
    return _replace_all(Path(out_dir), files)


def _evidence_csv(parts: Sequence[Tabulated], tables: Tables) -> bytes:
    """evidence.csv: each report's lines as tabulated, but those of a report with verdicts
    written again from its rows, which now carry them."""
    judged = set(tables.evidence.loc[tables.evidence["verdict"] != "", "report_id"])
    chunks, start = [csv_rows([EVIDENCE_COLUMNS])], 0
    for part in parts:
        end = start + len(part.tables.evidence)
        chunks.append(csv_rows(_values(tables.evidence.iloc[start:end])) if part.tables.report_id in judged else part.evidence_csv)
        start = end
    return b"".join(chunks)


def _values(frame: pd.DataFrame) -> list[list]:
    """Evidence rows as the Python values `evidence_rows` makes (None for a missing year)."""
    columns = [frame[c].tolist() for c in EVIDENCE_COLUMNS]
    return [[None if v is pd.NA else v for v in row] for row in zip(*columns)]


def render(tables: Tables, problems: list[Problem], summary: dict, themes=None) -> dict[str, bytes]:
    """Every output file's name and bytes but evidence.csv's, which `write_outputs`
    joins from each report's rows (`themes`: themes.outputs.Themes, their files and page data)."""
    from reformtrace.report import excel, html, plots
    from reformtrace.themes.outputs import theme_files

    # two halves of about the same cost: the workbook and the theme chart in a process
    # forked beside this one (a process per output cost more in copied pages than it saved)
    forked = Forked("the workbook and the theme chart", lambda: {WORKBOOK: excel.workbook(tables, problems, summary), **plots.spread(tables)})
    try:
        files = {
            EVIDENCE_PARQUET: _parquet(tables.evidence),
            REPORTS_CSV: _csv(tables.reports, index=False),
            THEME_SPREAD_CSV: _csv(tables.spread),
            REPAIRS_CSV: _csv(tables.repairs, index=False),
        }
        for dimension in DIMENSIONS:
            for count in COUNTS:
                files[matrix_file(dimension, count)] = _csv(tables.matrix(dimension, count))
            done = tables.counted[tables.counted["kind"].isin(FIRM_KINDS)]
            files[matrix_file(dimension, "passages", FIRM_KINDS)] = _csv(region_matrix(done, tables.vocab, dimension))
        files.update(review_files(tables))
        files[HTML_REPORT] = html.report(tables, problems, summary, themes).encode("utf-8")
        files.update(theme_files(themes, tables.lang, tables.vocab) if themes is not None else {})
        files.update(plots.heatmaps(tables))
        files.update(forked.result())
    finally:  # after a failure here, the renderer is not left behind
        forked.stop()
    return files


def review_files(tables: Tables) -> dict[str, bytes]:
    """The evaluator's files: the matrices of verified rows, the verdicts applied and
    not, the changes since the previous run, and what the next run compares with."""
    from reformtrace import changes, verdicts

    files = {name: csv_rows(rows) for name, rows in verdicts.csv_files(tables.verdicts).items()}
    verified = tables.evidence[tables.evidence["verdict"] == "correct"]
    for dimension in DIMENSIONS:
        files[verdicts.verified_matrix_file(dimension)] = _csv(region_matrix(verified, tables.vocab, dimension))
    compared = tables.changes or changes.unchanged(tables.evidence)
    files[changes.CHANGES_CSV] = _csv(compared.table, index=False)
    if compared.made:
        files[changes.DATES] = compared.dates()
    if compared.baseline is not None:
        files[changes.BASELINE] = _parquet(compared.baseline)
    if compared.made:
        files[changes.KEYS] = "".join(key + "\n" for key in compared.keys).encode("utf-8")
    return files


class Forked:
    """`make()` run in a forked process while this one renders the rest; `result()`
    waits for its files. Without fork, or with one core, `make` runs when asked."""

    def __init__(self, what: str, make: Callable[[], dict[str, bytes]]):
        self.what, self.make, self.process = what, make, None
        if "fork" not in multiprocessing.get_all_start_methods() or (os.cpu_count() or 1) < 2:
            return
        context = multiprocessing.get_context("fork")
        self.receive, send = context.Pipe(duplex=False)

        def child() -> None:
            # the run's signal handlers would turn SIGTERM into an exception here: this process just ends
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            # no collection here walks what the fork inherited (and copies every page it touches)
            gc.freeze()
            self.receive.close()
            try:
                outcome = (True, make())
            except Exception as err:  # the parent raises it
                outcome = (False, f"{type(err).__name__}: {err}")
            send.send(outcome)

        self.process = context.Process(target=child, daemon=True)
        self.process.start()
        send.close()

    def result(self) -> dict[str, bytes]:
        if self.process is None:
            return self.make()
        try:
            ok, value = self.receive.recv()
        except EOFError:
            self.process.join()
            ok, value = False, f"the process rendering it died (exit code {self.process.exitcode})"
        if not ok:
            raise RuntimeError(f"rendering {self.what} failed: {value}")
        return value

    def stop(self) -> None:
        """End the process if it is still at work (nothing waits for it), and reap it."""
        if self.process is not None:
            if self.process.is_alive():
                self.process.kill()
            self.process.join()
            self.receive.close()
            self.process = None


def _csv(frame: pd.DataFrame, index: bool = True) -> bytes:
    return frame.to_csv(index=index, lineterminator="\n").encode("utf-8")


def _parquet(frame: pd.DataFrame) -> bytes:
    sink = io.BytesIO()
    pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), sink)
    return sink.getvalue()


def _replace_all(out_dir: Path, files: dict[str, bytes]) -> list[Path]:
    """Write all files under temporary names, then rename each into place."""
    out_dir.mkdir(parents=True, exist_ok=True)
    staged: list[tuple[Path, Path]] = []
    try:
        for name, data in sorted(files.items()):
            final = out_dir / name
            final.parent.mkdir(parents=True, exist_ok=True)  # OUT/.history/
            temp = final.with_name(f".{final.name}.{os.getpid()}.tmp")
            temp.write_bytes(data)
            staged.append((temp, final))
        for temp, final in staged:
            os.replace(temp, final)
    finally:
        for temp, _ in staged:
            temp.unlink(missing_ok=True)
    return [final for _, final in staged]
