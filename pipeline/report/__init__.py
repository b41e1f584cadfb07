"""Renderers of the outputs people open: the Excel workbook, the HTML report, the plots."""
from __future__ import annotations

import pandas as pd

from pipeline.matrix import Tables
from pipeline.model import Problem


def processed(tables: Tables, problems: list[Problem]) -> list[tuple[str, int]]:
    """The figures every output states about what was processed."""
    reports = tables.reports
    return [
        ("Reports", len(reports)),
        ("Pages", int(reports["pages"].sum())),
        ("Passages", int(reports["passages"].sum())),
        ("Passages with a goal or intervention", int(reports["labelled_passages"].sum())),
        ("Passages that name a region", int(reports["passages_with_region"].sum())),
        ("Evidence rows", len(tables.evidence)),
        ("OCR repairs", int(reports["repairs"].sum())),
        ("Files that failed", len(problems)),
    ]


def run_details(summary: dict, prefix: str = "") -> list[tuple[str, str]]:
    """The run summary flattened to (key, value) rows, nested keys joined with a dot."""
    rows: list[tuple[str, str]] = []
    for key, value in summary.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            rows.extend(run_details(value, name + "."))
        else:
            rows.append((name, str(value)))
    return rows


def report_label(report_id: str, year: object) -> str:
    """A report as a column header: the id's leading number and the year."""
    number = report_id.split("_", 1)[0]
    return number if pd.isna(year) else f"{number} ({year})"
