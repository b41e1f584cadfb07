"""The Excel workbook: an explanation sheet, the region matrices as heatmaps,
the theme spread, the reports and the evidence table with filters.

Written with XlsxWriter, several times faster than openpyxl on the evidence
sheet, the bulk of a run's outputs. Every string is written as text, never as a
formula or a link, whatever it begins with; an empty string or a missing value
leaves the cell blank. The file's bytes depend only on its content: a fixed
document date, and XlsxWriter's fixed dates on the zip entries.
"""
from __future__ import annotations

import io
import math
import re
from collections.abc import Iterable
from datetime import datetime

import pandas as pd
import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from pipeline.matrix import Tables
from pipeline.model import Problem
from pipeline.report import processed, report_label, run_details

FIXED_DATE = datetime(2000, 1, 1)
MAX_CELL = 32767  # characters Excel keeps in one cell
MAX_ROWS = 1_048_576  # rows of a worksheet: past them Excel keeps nothing, so a longer table is cut with a note
ILLEGAL_CHARACTERS = re.compile(r"[\000-\010\013\014\016-\037]")  # control characters XML 1.0 forbids
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
    ("Evidence", "One row per passage × region × label, with report, page, section and the quote. Filter it to read a cell's quotes: region and label."),
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
    _table(book.add_worksheet("Reports"), formats, tables.reports)
    _table(book.add_worksheet("Evidence"), formats, tables.evidence, widths={"quote": 100, "section": 30, "title": 30}, rest="evidence.csv")
    book.close()
    return sink.getvalue()


def _text(value: str) -> str:
    """A string Excel accepts: no control characters, at most MAX_CELL long."""
    value = ILLEGAL_CHARACTERS.sub("", value)
    return value[: MAX_CELL - 1] + "…" if len(value) > MAX_CELL else value


def _write_row(ws: Worksheet, row: int, values: Iterable, cell_format=None, first_column: int = 0) -> None:
    """One row of values: strings as text, numbers as numbers; empty strings and
    missing values (None, pd.NA, NaN, infinities) leave the cell blank."""
    for col, value in enumerate(values, start=first_column):
        if isinstance(value, str):
            if value:
                ws.write_string(row, col, _text(value), cell_format)
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


def _table(ws: Worksheet, formats: dict, frame: pd.DataFrame, widths: dict[str, int] | None = None, rest: str = "") -> None:
    """A plain table with a filter on every column. A table longer than a sheet keeps
    its first rows and ends with a line that says how many more `rest` holds."""
    kept = frame if len(frame) < MAX_ROWS else frame.iloc[: MAX_ROWS - 2]
    _write_row(ws, 0, list(kept.columns), formats["bold"])
    for i, row in enumerate(zip(*(kept[column].tolist() for column in kept.columns)), start=1):
        _write_row(ws, i, row)
    if len(kept) < len(frame):
        _write_row(ws, len(kept) + 1, [f"… {len(frame) - len(kept)} more rows than a sheet holds: see {rest or 'the CSV files'}"], formats["bold"])
    for j, column in enumerate(kept.columns):
        ws.set_column(j, j, (widths or {}).get(column, max(10, min(24, len(column) + 4))))
    ws.freeze_panes(1, 0)
    ws.autofilter(0, 0, len(kept), len(kept.columns) - 1)

