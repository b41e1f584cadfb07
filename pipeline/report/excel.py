"""The Excel workbook: an explanation sheet, the region matrices as heatmaps,
the theme spread, the reports, the evidence table with filters and a verdict
column to fill in (the sheet saved as CSV is a verdicts file for `run
--verdicts`), and what changed since the previous run. Sheet names, headers
and notes are in the run's language (i18n.py).

XlsxWriter lays the book out: sheets, formats, widths, filters, frozen panes,
colour scales and every cell of the small sheets. The rows of the long tables
(the evidence sheet is the bulk of a run's outputs) carry no formats, so they
are written here, as the sheet's XML in one pass (their text joins the shared
strings), and put into the file after the header row: XlsxWriter's calls per
cell took 0.6-0.8 s of every run.

Every string is written as text, never as a formula or a link, whatever it
begins with; an empty string or a missing value leaves the cell blank. The
file's bytes depend only on its content: a fixed document date, and
XlsxWriter's fixed dates on the zip entries.
"""
from __future__ import annotations

import contextlib
import io
import math
import os
import re
import shutil
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from functools import cache

import pandas as pd
import xlsxwriter
from xlsxwriter.utility import xl_col_to_name
from xlsxwriter.worksheet import Worksheet

from reformtrace.full_rows import report_rows
from reformtrace.matrix import EVIDENCE_COLUMNS, VERDICTS, Tables
from reformtrace.model import Problem
from reformtrace.report import processed, report_labels, run_details
from reformtrace.report.i18n import Strings

FIXED_DATE = datetime(2000, 1, 1)
MAX_CELL = 32767  # characters Excel keeps in one cell
MAX_ROWS = 1_048_576  # rows of a worksheet: past them Excel keeps nothing, so a longer table is cut with a note
ILLEGAL_CHARACTERS = re.compile(r"[\000-\010\013\014\016-\037\ufffe\uffff]")  # characters XML 1.0 forbids
EXCEL_ESCAPE = re.compile(r"_x[0-9a-fA-F]{4}_")  # Excel reads _xHHHH_ in text as a character: such text is escaped
ZIP_LEVEL = 1  # deflate level of the book's parts: a third of the default's time for a quarter more bytes
SHARED_STRINGS = "xl/sharedStrings.xml"  # XlsxWriter writes it: the About sheet has text
SCALE = {"type": "2_color_scale", "min_type": "num", "min_value": 0, "min_color": "#FFFFFF", "max_type": "max", "max_color": "#3B6FB6"}
MATRIX_SHEETS = {  # (dimension, count) -> the key of the sheet's name in strings.toml
    ("goal", "passages"): "xl_sheet_goal",
    ("goal", "reports"): "xl_sheet_goal_reports",
    ("intervention", "passages"): "xl_sheet_intervention",
    ("intervention", "reports"): "xl_sheet_intervention_reports",
}
SHEETS = [*MATRIX_SHEETS.values(), "xl_sheet_spread", "xl_sheet_reports", "xl_sheet_evidence", "xl_sheet_changes"]  # each with a note, xl_note_*
ROWS_AT_ONCE = 1000  # rows of a long table turned into XML at a time
WRAPPED = ("sentence", "quote")  # evidence columns whose text wraps in its cell: read without widening the column


def workbook(tables: Tables, problems: list[Problem], summary: dict) -> bytes:
    """The workbook's bytes."""
    t = Strings(tables.lang)
    sink = io.BytesIO()
    book = xlsxwriter.Workbook(sink, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False})
    book.set_properties({"author": "reformtrace", "created": FIXED_DATE})
    formats = {
        "bold": book.add_format({"bold": True}),
        "title": book.add_format({"bold": True, "font_size": 14}),
        "header": book.add_format({"bold": True, "text_wrap": True, "valign": "top"}),
        "percent": book.add_format({"num_format": "0.0%"}),
        "wrap": book.add_format({"text_wrap": True, "valign": "top"}),
    }
    _about(book.add_worksheet(t("xl_sheet_about")), formats, tables, problems, summary, t)
    for (dimension, count), title in MATRIX_SHEETS.items():
        _matrix(book.add_worksheet(t(title)), formats, tables, dimension, count, t)
    _spread(book.add_worksheet(t("xl_sheet_spread")), formats, tables, t)
    reports_sheet, evidence_sheet = book.add_worksheet(t("xl_sheet_reports")), book.add_worksheet(t("xl_sheet_evidence"))
    evidence = _evidence_sheet(tables, t)
    sheets = dict([
        _table(book, reports_sheet, formats, tables.reports.rename(columns=t.column), t=t),
        _table(book, evidence_sheet, formats, evidence,
               widths={t.column(c): w for c, w in (("quote", 100), ("sentence", 60), ("section", 30), ("title", 30), ("verdict_note", 30))},
               rest="evidence.csv", wrapped=[t.column(c) for c in WRAPPED], t=t),
    ])
    _verdict_list(evidence_sheet, evidence, t)
    if tables.changes is not None and tables.changes.since:
        sheets.update([_table(book, book.add_worksheet(t("xl_sheet_changes")), formats, tables.changes.table.rename(columns=t.column),
                              widths={t.column("quote"): 100}, rest="changes.csv", wrapped=[t.column("quote")], t=t)])
    book.close()
    return _with_rows(sink.getvalue(), sheets)


def _evidence_sheet(tables: Tables, t: Strings) -> LongTable:
    """The evidence table as the sheet shows it, a report's whole rows at a time (full_rows):
    headers and verdicts in the run's language."""
    words = {"": "", **{v: t(f"verdict_{v}") for v in VERDICTS}}
    return LongTable([t.column(c) for c in EVIDENCE_COLUMNS], len(tables.evidence), lambda: (
        rows.assign(verdict=rows["verdict"].map(words)).rename(columns=t.column) for _, rows in report_rows(tables)))


@dataclass(frozen=True)
class LongTable:
    """A table given as its frames in order, never whole: its columns, its length and its frames."""

    columns: list[str]
    length: int
    frames: Callable[[], Iterable[pd.DataFrame]]

    def __len__(self) -> int:
        return self.length

    def head(self, n: int) -> LongTable:
        return LongTable(self.columns, min(n, self.length), lambda: _cut(self.frames(), n))


def _cut(frames: Iterable[pd.DataFrame], n: int) -> Iterator[pd.DataFrame]:
    """The frames of the first n rows."""
    for frame in frames:
        if n <= 0:
            return
        yield frame.iloc[:n]
        n -= len(frame)


def _verdict_list(ws: Worksheet, evidence: pd.DataFrame, t: Strings) -> None:
    """The verdict column offers its two words (and takes nothing else)."""
    column = list(evidence.columns).index(t.column("verdict"))
    ws.data_validation(1, column, max(1, min(len(evidence), MAX_ROWS - 2)), column, {
        "validate": "list", "source": [t(f"verdict_{v}") for v in VERDICTS],
        "input_title": t("xl_verdict_title"), "input_message": t("xl_verdict_help"),
    })


def _text(value: str) -> str:
    """A string Excel accepts: no control characters, at most MAX_CELL long."""
    value = ILLEGAL_CHARACTERS.sub("", value)
    return value[: MAX_CELL - 1] + "…" if len(value) > MAX_CELL else value


def _write_row(ws: Worksheet, row: int, values: Iterable, cell_format=None, first_column: int = 0) -> None:
    """One row of values: strings as text, numbers as numbers; empty strings and
    missing values (None, pd.NA, NaN, infinities) leave the cell blank."""
    for col, value in enumerate(values, start=first_column):
        if isinstance(value, str):
            if value := _text(value):
                ws.write_string(row, col, value, cell_format)
        elif value is not None and value is not pd.NA and math.isfinite(value):
            ws.write_number(row, col, value, cell_format)


def _about(ws: Worksheet, formats: dict, tables: Tables, problems: list[Problem], summary: dict, t: Strings) -> None:
    ws.set_column(0, 0, 36)
    ws.set_column(1, 1, 110)
    _write_row(ws, 0, [t("xl_title")], formats["title"])
    review = []
    if tables.verdicts:
        review += [(t(f"verdicts_{key}"), n) for key, n in tables.verdicts.counts().items()]
    changes = tables.changes is not None and tables.changes.since
    if changes:
        counts = tables.changes.counts()
        review += [(t("changes_since", since=counts["since"]), ""), (t("rows_added"), counts["added"]), (t("rows_removed"), counts["removed"])]
    sheets = [sheet for sheet in SHEETS if changes or sheet != "xl_sheet_changes"]  # a first run has no changes sheet to describe
    blocks = [
        ([t("xl_sheet_header"), t("xl_what")], [(t(sheet), t(sheet.replace("xl_sheet_", "xl_note_"))) for sheet in sheets]),
        ([t("summary_heading"), ""], processed(tables, problems, t)),
        ([t("verdicts"), ""], review),
        ([t("run_details"), ""], run_details(summary)),
        ([t("files_failed"), t("xl_stage_reason")], [(p.file, f"{p.stage}: {p.reason}") for p in problems]),
    ]
    row = 1
    for header, rows in blocks:
        if rows:
            _write_row(ws, row + 1, [h for h in header if h], formats["bold"])
            row += 2
            for values in rows:
                _write_row(ws, row, list(values))
                row += 1


def _matrix(ws: Worksheet, formats: dict, tables: Tables, dimension: str, count: str, t: Strings) -> None:
    grid = tables.matrix(dimension, count)
    names = [tables.vocab.label_name(dimension, label, tables.lang) for label in grid.columns]
    _write_row(ws, 0, [t("xl_code"), t("region_header")] + names, formats["header"])
    for i, ((code, region), values) in enumerate(zip(grid.index, grid.to_numpy().tolist()), start=1):
        _write_row(ws, i, [code, region] + values)
    _heatmap(ws, first_column=2, columns=len(names), rows=len(grid), widths=(6, 20), header_height=60)


def _spread(ws: Worksheet, formats: dict, tables: Tables, t: Strings) -> None:
    spread = tables.spread
    years = tables.reports.set_index("report_id")["year"]
    headers = report_labels(list(spread.columns), [years[r] for r in spread.columns])
    _write_row(ws, 0, [t("xl_dimension"), t("xl_label"), t("xl_name")] + headers, formats["header"])
    for i, ((dimension, label, name), values) in enumerate(zip(spread.index, spread.to_numpy().tolist()), start=1):
        _write_row(ws, i, [dimension, label, tables.vocab.label_name(dimension, label, tables.lang)])
        _write_row(ws, i, values, formats["percent"], first_column=3)
    _heatmap(ws, first_column=3, columns=len(spread.columns), rows=len(spread), widths=(12, 20, 36), header_height=30)


def _heatmap(ws: Worksheet, first_column: int, columns: int, rows: int, widths: tuple[int, ...], header_height: int) -> None:
    """Colour scale over the values (zero-based first column), header row and label columns frozen."""
    for j, width in enumerate(widths):
        ws.set_column(j, j, width)
    if columns:
        ws.set_column(first_column, first_column + columns - 1, 14)
    ws.set_row(0, header_height)
    ws.freeze_panes(1, first_column)
    if columns and rows:
        ws.conditional_format(1, first_column, rows, first_column + columns - 1, SCALE)


def _table(
    book: xlsxwriter.Workbook, ws: Worksheet, formats: dict, frame: pd.DataFrame | LongTable, widths: dict[str, int] | None = None, rest: str = "",
    wrapped: Iterable[str] = (), t: Strings | None = None,
) -> tuple[str, tuple]:
    """A plain table with a filter on every column, the text of the `wrapped` columns
    wrapped in its cells. A table longer than a sheet keeps its first rows and ends
    with a line that says how many more `rest` holds. Returns the sheet's part of the
    file, its dimension, the columns of the rows under the header and the format of
    each wrapped column, for `_with_rows`: the rows as the table's frame, read a thousand rows at a time."""
    kept = frame if len(frame) < MAX_ROWS else frame.head(MAX_ROWS - 2)
    _write_row(ws, 0, list(kept.columns), formats["bold"])
    if len(kept) < len(frame):
        _write_row(ws, len(kept) + 1, [(t or Strings("en"))("xl_more_rows", n=len(frame) - len(kept), rest=rest or "CSV")], formats["bold"])
    wrap = {j: formats["wrap"] for j, column in enumerate(kept.columns) if column in wrapped}
    for j, column in enumerate(kept.columns):
        ws.set_column(j, j, (widths or {}).get(column, max(10, min(24, len(column) + 4))), wrap.get(j))
    ws.freeze_panes(1, 0)
    ws.autofilter(0, 0, len(kept), len(kept.columns) - 1)
    part = f"xl/worksheets/sheet{book.worksheets().index(ws) + 1}.xml"
    last_row = len(kept) + 1 + (len(kept) < len(frame))
    dimension = f"A1:{xl_col_to_name(len(kept.columns) - 1)}{last_row}"
    return part, (dimension, kept, wrap)


class SharedStrings:
    """The book's table of strings, XlsxWriter's first: a cell refers to its text by
    number, so a text shown in many cells (a quote on each of its labels' rows) is
    stored once. The table keeps its count of distinct strings and drops the
    optional count of cells that refer to them, as openpyxl writes it."""

    def __init__(self, xml: bytes):
        self.head, unique, self.entries = re.fullmatch(
            rb'(.*<sst [^>]*?)count="\d+" uniqueCount="(\d+)">(.*)</sst>', xml, re.DOTALL
        ).groups()
        self.first, self.added, self.index = int(unique), [], {}

    def cell(self, text: str) -> str:
        """A cell's XML after its reference, for a text `_text` has cleaned."""
        if text not in self.index:
            self.index[text] = self.first + len(self.added)
            value = EXCEL_ESCAPE.sub(r"_x005F\g<0>", text) if "_x" in text else text
            value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            space = ' xml:space="preserve"' if value[0].isspace() or value[-1].isspace() else ""
            self.added.append(f"<si><t{space}>{value}</t></si>")
        return f'" t="s"><v>{self.index[text]}</v></c>'

    def xml(self) -> bytes:
        added = "".join(self.added).encode("utf-8")
        return self.head + f'uniqueCount="{self.first + len(self.added)}">'.encode() + self.entries + added + b"</sst>"


def _rows_xml(frame: pd.DataFrame | LongTable, strings: SharedStrings, styles: dict[int, int] | None = None) -> Iterator[bytes]:
    """Rows of cells as a sheet's XML, from the row under the header on, with what
    `_write_row` writes: text as shared strings, numbers as numbers, no cell for an
    empty string or a missing value; `styles`: the format (its index) of a column's
    cells. In pieces of ROWS_AT_ONCE rows, encoded, each made from its rows of the frame
    when its turn comes: a long table is never held as Python values or as XML whole."""
    letters = [xl_col_to_name(j) for j in range(len(frame.columns))]
    style = [f'" s="{styles[j]}' if styles and j in styles else "" for j in range(len(frame.columns))]
    cell_xml = cache(lambda value: _cell_xml(value, strings))  # values repeat: each is written once
    start = 0
    for chunk in _chunks(frame):
        columns = [chunk[column].tolist() for column in chunk.columns]
        yield "".join([
            f'<row r="{i}">' + "".join([f'<c r="{letter}{i}{s}{cell}' for letter, s, cell in zip(letters, style, map(cell_xml, row)) if cell]) + "</row>"
            for i, row in enumerate(zip(*columns), start=start + 2)
        ]).encode("utf-8")
        start += len(chunk)


def _chunks(frame: pd.DataFrame | LongTable) -> Iterator[pd.DataFrame]:
    """A table's rows, ROWS_AT_ONCE at a time (a LongTable's, as its frames come)."""
    for whole in frame.frames() if isinstance(frame, LongTable) else [frame]:
        for start in range(0, len(whole), ROWS_AT_ONCE):
            yield whole.iloc[start:start + ROWS_AT_ONCE]


def _cell_xml(value, strings: SharedStrings) -> str:
    """A cell's XML after its reference (whose closing quote it starts with)."""
    if isinstance(value, str):
        return strings.cell(text) if (text := _text(value)) else ""
    if value is None or value is pd.NA or not math.isfinite(value):
        return ""
    return f'"><v>{value:.16G}</v></c>'


def _with_rows(book: bytes, sheets: dict[str, tuple]) -> bytes:
    """The book with each sheet's rows put in after its header row (the sheet's
    first row), its dimension set to cover them and their text among the shared
    strings; a sheet's entry is (dimension, frame of the rows[, formats of columns]).
    A sheet's XML goes to a temporary file as it is made, and from there into the
    book's zip: only the book's compressed bytes are held whole."""
    with zipfile.ZipFile(io.BytesIO(book)) as source:
        infos = source.infolist()
        parts = {info.filename: source.read(info) for info in infos}
    strings = SharedStrings(parts[SHARED_STRINGS])
    with contextlib.ExitStack() as files:
        for part, (dimension, frame, *formats) in sheets.items():
            header, end, rest = parts[part].decode("utf-8").partition("</row>")
            header = re.sub(r'<dimension ref="[^"]*"/>', f'<dimension ref="{dimension}"/>', header, count=1)
            styles = {j: f.xf_index for j, f in (formats[0] if formats else {}).items()}  # known once the book is closed
            parts[part] = files.enter_context(tempfile.TemporaryFile())
            for piece in [(header + end).encode("utf-8"), *_rows_xml(frame, strings, styles), rest.encode("utf-8")]:
                parts[part].write(piece)
        parts[SHARED_STRINGS] = strings.xml()
        sink = io.BytesIO()
        with zipfile.ZipFile(sink, "w") as target:
            for info in infos:
                _add(target, info, parts.pop(info.filename))
        return sink.getvalue()


def _add(target: zipfile.ZipFile, info: zipfile.ZipInfo, data) -> None:
    """An entry of the book: `data` its bytes, or a file of them, copied a piece at a time
    (deflate's output does not depend on the pieces: the same bytes as writing them at once)."""
    if isinstance(data, bytes):
        target.writestr(info, data, compresslevel=ZIP_LEVEL)
        return
    info.file_size, info._compresslevel = data.seek(0, os.SEEK_END), ZIP_LEVEL  # as writestr sets them
    data.seek(0)
    with target.open(info, "w") as entry:
        shutil.copyfileobj(data, entry, 1 << 20)
