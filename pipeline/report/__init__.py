"""Renderers of the outputs people open: the Excel workbook, the HTML report, the plots."""
from __future__ import annotations

from collections import Counter

import pandas as pd

from reformtrace.matrix import Tables
from reformtrace.model import Problem


def processed(tables: Tables, problems: list[Problem], t=None) -> list[tuple[str, int]]:
    """The figures every output states about what was processed (`t`: the i18n.Strings to say them in)."""
    from reformtrace.report.i18n import Strings

    t = t or Strings(tables.lang)
    reports = tables.reports
    return [
        (t("n_reports"), len(reports)),
        (t("n_pages"), int(reports["pages"].sum())),
        (t("n_passages_total"), int(reports["passages"].sum())),
        (t("n_labelled"), int(reports["labelled_passages"].sum())),
        (t("n_with_region"), int(reports["passages_with_region"].sum())),
        (t("n_evidence"), len(tables.evidence)),
        (t("n_repairs"), int(reports["repairs"].sum())),
        (t("n_failed"), len(problems)),
    ]


def run_details(summary: dict, prefix: str = "") -> list[tuple[str, str]]:
    """The run summary flattened to (key, value) rows, nested keys joined with a dot and
    a list (the warnings) a row per item, not its Python repr in one cell."""
    rows: list[tuple[str, str]] = []
    for key, value in summary.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            rows.extend(run_details(value, name + "."))
        elif isinstance(value, list):
            rows.extend((name, str(item)) for item in value)
        else:
            rows.append((name, str(value)))
    return rows


def report_names(report_ids: list[str]) -> dict[str, str]:
    """Each report's short name: its id's leading part (the corpus's number), or the whole
    id where ids share that part, as one's own files may ("prop_2013-14_104", "prop_2013-14_105")."""
    heads = {report_id: report_id.split("_", 1)[0] for report_id in report_ids}
    shared = {head for head, n in Counter(heads.values()).items() if n > 1}
    return {report_id: report_id if head in shared else head for report_id, head in heads.items()}


def report_labels(report_ids: list[str], years: list[object]) -> list[str]:
    """Reports as column headers: each one's short name and the year."""
    names = report_names(report_ids)
    return [names[r] if pd.isna(year) else f"{names[r]} ({year})" for r, year in zip(report_ids, years)]
