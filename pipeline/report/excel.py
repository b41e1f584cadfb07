"""The Excel workbook: an explanation sheet, the region matrices as heatmaps,
the theme spread, the reports and the evidence table with filters.

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

import io
import math
import re
import zipfile
from collections.abc import Iterable
from datetime import datetime
from functools import cache

import pandas as pd
import xlsxwriter
from xlsxwriter.utility import xl_col_to_name
from xlsxwriter.worksheet import Worksheet

from pipeline.matrix import Tables
from pipeline.model import Problem
from pipeline.report import processed, report_label, run_details

FIXED_DATE = datetime(2000, 1, 1)
MAX_CELL = 32767  # characters Excel keeps in one cell
MAX_ROWS = 1_048_576  # rows of a worksheet: past them Excel keeps nothing, so a longer table is cut with a note
ILLEGAL_CHARACTERS = re.compile(r"[\000-\010\013\014\016-\037\ufffe\uffff]")  # characters XML 1.0 forbids
EXCEL_ESCAPE = re.compile(r"_x[0-9a-fA-F]{4}_")  # Excel reads _xHHHH_ in text as a character: such text is escaped
ZIP_LEVEL = 1  # deflate level of the book's parts: a third of the default's time for a quarter more bytes
SHARED_STRINGS = "xl/sharedStrings.xml"  # XlsxWriter writes it: the About sheet has text
SCALE = {"type": "2_color_scale", "min_type": "num", "min_value": 0, "min_color": "#FFFFFF", "max_type": "max", "max_color": "#3B6FB6"}
MATRIX_SHEETS = {
    ("goal", "passages"): "Goal matrix",
    ("goal", "reports"): "Goal matrix (reports)",
    ("intervention", "passages"): "Intervention matrix",
    ("intervention", "reports"): "Intervention matrix (reports)",
}
SHEET_NOTES = [
    ("Goal matrix", "Regions (rows, county-code order) × reform goals: how many passages tie the region to the goal."),
    ("Goal matrix (reports)", "The same cells counted in reports: in how many reports the tie appears."),
    ("Intervention matrix", "Regions × kinds of intervention, counted in passages."),
    ("Intervention matrix (reports)", "Regions × kinds of intervention, counted in reports."),
    ("Theme spread", "Each goal and intervention × report (by publication year): the share of the report's passages that carry it, with or without a region."),
    ("Reports", "The reports read: publisher, year, pages, passages, OCR repairs."),
    ("Evidence", "One row per passage × region × label, with report, page (printed_page: the number printed on the page; page: its index in the file), section and the quote. Filter it to read a cell's quotes: region and label."),
]


def workbook(tables: Tables, problems: list[Problem], summary: dict) -> bytes:
    """The workbook's bytes."""
    sink = io.BytesIO()
    book = xlsxwriter.Workbook(sink, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False})
    book.set_properties({"author": "reformtrace", "created": FIXED_DATE})
    formats = {
        "bold": book.add_format({"bold": True}),
        "title": book.add_format({"bold": True, "font_size": 14}),
        "header": book.add_format({"bold": True, "text_wrap": True, "valign": "top"}),
        "percent": book.add_format({"num_format": "0.0%"}),
    }
    _about(book.add_worksheet("About"), formats, tables, problems, summary)
    for (dimension, count), title in MATRIX_SHEETS.items():
        _matrix(book.add_worksheet(title), formats, tables, dimension, count)
    _spread(book.add_worksheet("Theme spread"), formats, tables)
    sheets = dict([
        _table(book, book.add_worksheet("Reports"), formats, tables.reports),
        _table(book, book.add_worksheet("Evidence"), formats, tables.evidence, widths={"quote": 100, "section": 30, "title": 30}, rest="evidence.csv"),
    ])
    book.close()
    return _with_rows(sink.getvalue(), sheets)


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


def _about(ws: Worksheet, formats: dict, tables: Tables, problems: list[Problem], summary: dict) -> None:
    ws.set_column(0, 0, 36)
    ws.set_column(1, 1, 110)
    _write_row(ws, 0, ["Evidence on the reform God och nära vård, by region, goal and intervention"], formats["title"])
    blocks = [
        (["Sheet", "What it shows"], SHEET_NOTES),
        (["What was processed", ""], processed(tables, problems)),
        (["Run details", ""], run_details(summary)),
        (["Files that failed", "stage: reason"], [(p.file, f"{p.stage}: {p.reason}") for p in problems]),
    ]
    row = 1
    for header, rows in blocks:
        if rows:
            _write_row(ws, row + 1, [h for h in header if h], formats["bold"])
            row += 2
            for values in rows:
                _write_row(ws, row, list(values))
                row += 1


def _matrix(ws: Worksheet, formats: dict, tables: Tables, dimension: str, count: str) -> None:
    grid = tables.matrix(dimension, count)
    names = [tables.vocab.label_name(dimension, label) for label in grid.columns]
    _write_row(ws, 0, ["Code", "Region"] + names, formats["header"])
    for i, ((code, region), values) in enumerate(zip(grid.index, grid.to_numpy().tolist()), start=1):
        _write_row(ws, i, [code, region] + values)
    _heatmap(ws, first_column=2, columns=len(names), rows=len(grid), widths=(6, 20), header_height=60)


def _spread(ws: Worksheet, formats: dict, tables: Tables) -> None:
    spread = tables.spread
    years = tables.reports.set_index("report_id")["year"]
    _write_row(ws, 0, ["Dimension", "Label", "Name"] + [report_label(r, years[r]) for r in spread.columns], formats["header"])
    for i, (key, values) in enumerate(zip(spread.index, spread.to_numpy().tolist()), start=1):
        _write_row(ws, i, list(key))
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


def _table(book: xlsxwriter.Workbook, ws: Worksheet, formats: dict, frame: pd.DataFrame, widths: dict[str, int] | None = None, rest: str = "") -> tuple[str, tuple[str, list[list]]]:
    """A plain table with a filter on every column. A table longer than a sheet keeps
    its first rows and ends with a line that says how many more `rest` holds.
    Returns the sheet's part of the file, its dimension and the columns of the
    rows under the header, for `_with_rows`."""
    kept = frame if len(frame) < MAX_ROWS else frame.iloc[: MAX_ROWS - 2]
    _write_row(ws, 0, list(kept.columns), formats["bold"])
    if len(kept) < len(frame):
        _write_row(ws, len(kept) + 1, [f"… {len(frame) - len(kept)} more rows than a sheet holds: see {rest or 'the CSV files'}"], formats["bold"])
    for j, column in enumerate(kept.columns):
        ws.set_column(j, j, (widths or {}).get(column, max(10, min(24, len(column) + 4))))
    ws.freeze_panes(1, 0)
    ws.autofilter(0, 0, len(kept), len(kept.columns) - 1)
    part = f"xl/worksheets/sheet{book.worksheets().index(ws) + 1}.xml"
    last_row = len(kept) + 1 + (len(kept) < len(frame))
    dimension = f"A1:{xl_col_to_name(len(kept.columns) - 1)}{last_row}"
    return part, (dimension, [kept[column].tolist() for column in kept.columns])


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


def _rows_xml(columns: list[list], strings: SharedStrings) -> list[bytes]:
    """Rows of cells as a sheet's XML, from the row under the header on, with what
    `_write_row` writes: text as shared strings, numbers as numbers, no cell for an
    empty string or a missing value. In pieces of a thousand rows, encoded: a long
    table is held once, as bytes."""
    letters = [xl_col_to_name(j) for j in range(len(columns))]
    cell_xml = cache(lambda value: _cell_xml(value, strings))  # values repeat: each is written once
    pieces, rows = [], []
    for i, row in enumerate(zip(*columns), start=2):
        rows.append(f'<row r="{i}">' + "".join(f'<c r="{letter}{i}{cell}' for letter, cell in zip(letters, map(cell_xml, row)) if cell) + "</row>")
        if len(rows) == 1000:
            pieces.append("".join(rows).encode("utf-8"))
            rows = []
    return pieces + ["".join(rows).encode("utf-8")]


def _cell_xml(value, strings: SharedStrings) -> str:
    """A cell's XML after its reference (whose closing quote it starts with)."""
    if isinstance(value, str):
        return strings.cell(text) if (text := _text(value)) else ""
    if value is None or value is pd.NA or not math.isfinite(value):
        return ""
    return f'"><v>{value:.16G}</v></c>'


def _with_rows(book: bytes, sheets: dict[str, tuple[str, list[list]]]) -> bytes:
    """The book with each sheet's rows put in after its header row (the sheet's
    first row), its dimension set to cover them and their text among the shared
    strings."""
    with zipfile.ZipFile(io.BytesIO(book)) as source:
        infos = source.infolist()
        parts = {info.filename: source.read(info) for info in infos}
    strings = SharedStrings(parts[SHARED_STRINGS])
    for part, (dimension, columns) in sheets.items():
        header, end, rest = parts[part].decode("utf-8").partition("</row>")
        header = re.sub(r'<dimension ref="[^"]*"/>', f'<dimension ref="{dimension}"/>', header, count=1)
        parts[part] = b"".join([(header + end).encode("utf-8"), *_rows_xml(columns, strings), rest.encode("utf-8")])
    parts[SHARED_STRINGS] = strings.xml()
    sink = io.BytesIO()
    with zipfile.ZipFile(sink, "w") as target:
        for info in infos:
            target.writestr(info, parts.pop(info.filename), compresslevel=ZIP_LEVEL)
    return sink.getvalue()
