"""The Excel workbook: an explanation sheet, the region matrices as heatmaps,
the theme spread, the reports and the evidence table with filters.

Every string is written as text (never as a formula, whatever it begins
with), and the file's bytes depend only on its content: fixed document
dates and fixed dates on the zip entries.
"""
from __future__ import annotations

import io
import re
import zipfile

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.formatting.rule import ColorScaleRule
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from pipeline.matrix import Tables
from pipeline.model import Problem
from pipeline.report import processed, report_label, run_details

FIXED_DATE = "2000-01-01T00:00:00Z"
ZIP_DATE = (2000, 1, 1, 0, 0, 0)
MAX_CELL = 32767  # characters Excel keeps in one cell
BOLD = Font(bold=True)
HEADER = Alignment(wrap_text=True, vertical="top")
SCALE = {"start_type": "num", "start_value": 0, "start_color": "FFFFFF", "end_type": "max", "end_color": "3B6FB6"}
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
    book = Workbook()
    _about(book.active, tables, problems, summary)
    for (dimension, count), title in MATRIX_SHEETS.items():
        _matrix(book.create_sheet(title), tables, dimension, count)
    _spread(book.create_sheet("Theme spread"), tables)
    _table(book.create_sheet("Reports"), tables.reports)
    _table(book.create_sheet("Evidence"), tables.evidence, widths={"quote": 100, "section": 30, "title": 30})
    book.properties.creator = "reformtrace"
    sink = io.BytesIO()
    book.save(sink)
    return _fixed_dates(sink.getvalue())


def _text(value: str) -> str:
    """A string Excel accepts: no control characters, at most MAX_CELL long."""
    value = ILLEGAL_CHARACTERS_RE.sub("", value)
    return value[: MAX_CELL - 1] + "…" if len(value) > MAX_CELL else value


def _append(ws: Worksheet, values: list, font: Font | None = None, number_format: str | None = None) -> None:
    """One row below the last. A string is always text, even when it begins
    with = (openpyxl alone would make that a formula; + - @ stay text anyway)."""
    cells = []
    for value in values:
        cell = Cell(ws, value=_text(value) if isinstance(value, str) else None if value is None or pd.isna(value) else value)
        if isinstance(value, str):
            cell.data_type = "s"
        if font:
            cell.font = font
        if number_format and isinstance(value, float):
            cell.number_format = number_format
        cells.append(cell)
    ws.append(cells)


def _about(ws: Worksheet, tables: Tables, problems: list[Problem], summary: dict) -> None:
    ws.title = "About"
    ws.column_dimensions["A"].width = 36
    ws.column_dimensions["B"].width = 110
    _append(ws, ["Evidence on the reform God och nära vård, by region, goal and intervention"], Font(bold=True, size=14))
    blocks = [
        (["Sheet", "What it shows"], SHEET_NOTES),
        (["What was processed", ""], processed(tables, problems)),
        (["Run details", ""], run_details(summary)),
        (["Files that failed", "stage: reason"], [(p.file, f"{p.stage}: {p.reason}") for p in problems]),
    ]
    for header, rows in blocks:
        if rows:
            ws.append([])
            _append(ws, header, BOLD)
            for row in rows:
                _append(ws, list(row))


def _matrix(ws: Worksheet, tables: Tables, dimension: str, count: str) -> None:
    grid = tables.matrix(dimension, count)
    names = [tables.vocab.label_name(dimension, label) for label in grid.columns]
    _append(ws, ["Code", "Region"] + names, BOLD)
    for (code, region), values in zip(grid.index, grid.to_numpy().tolist()):
        _append(ws, [code, region] + values)
    _heatmap(ws, first_column=3, columns=len(names), rows=len(grid), widths=(6, 20), header_height=60)


def _spread(ws: Worksheet, tables: Tables) -> None:
    spread = tables.spread
    years = tables.reports.set_index("report_id")["year"]
    _append(ws, ["Dimension", "Label", "Name"] + [report_label(r, years[r]) for r in spread.columns], BOLD)
    for key, values in zip(spread.index, spread.to_numpy().tolist()):
        _append(ws, list(key) + values, number_format="0.0%")
    _heatmap(ws, first_column=4, columns=len(spread.columns), rows=len(spread), widths=(12, 20, 36), header_height=30)


def _heatmap(ws: Worksheet, first_column: int, columns: int, rows: int, widths: tuple[int, ...], header_height: int) -> None:
    """Colour scale over the values, header row and label columns frozen."""
    for j, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(j)].width = width
    for j in range(first_column, first_column + columns):
        ws.column_dimensions[get_column_letter(j)].width = 14
        ws.cell(row=1, column=j).alignment = HEADER
    ws.row_dimensions[1].height = header_height
    ws.freeze_panes = ws.cell(row=2, column=first_column)
    if columns and rows:
        area = f"{get_column_letter(first_column)}2:{get_column_letter(first_column + columns - 1)}{rows + 1}"
        ws.conditional_formatting.add(area, ColorScaleRule(**SCALE))


def _table(ws: Worksheet, frame: pd.DataFrame, widths: dict[str, int] | None = None) -> None:
    """A plain table with a filter on every column."""
    _append(ws, list(frame.columns), BOLD)
    for row in frame.itertuples(index=False):
        _append(ws, list(row))
    for j, column in enumerate(frame.columns, start=1):
        ws.column_dimensions[get_column_letter(j)].width = (widths or {}).get(column, max(10, min(24, len(column) + 4)))
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(frame.columns))}{len(frame) + 1}"


def _fixed_dates(data: bytes) -> bytes:
    """Repack the xlsx with fixed document dates and zip entry dates."""
    source = zipfile.ZipFile(io.BytesIO(data))
    sink = io.BytesIO()
    with zipfile.ZipFile(sink, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>" + FIXED_DATE.encode(), content)
            target.writestr(zipfile.ZipInfo(info.filename, ZIP_DATE), content, zipfile.ZIP_DEFLATED)
    return sink.getvalue()
