"""The HTML report: one self-contained file (styles, script and data inline;
its Content-Security-Policy forbids any network fetch).

The data travels as JSON inside a <script type="application/json"> block with
every <, > and & escaped, so no report text can close the block; the script
puts text into the page only as text nodes. The summary is rendered here,
through html.escape.
"""
from __future__ import annotations

import json
from functools import lru_cache
from html import escape
from importlib import resources

import pandas as pd

from pipeline.matrix import DIMENSIONS, KINDS, Tables, dimension_labels, report_order
from pipeline.model import Problem
from pipeline.report import processed, report_label, run_details

TEMPLATE_PARTS = ("report.html", "report.css", "report.js")


@lru_cache(maxsize=1)
def _template() -> str:
    folder = resources.files("pipeline") / "data" / "report"
    page, style, script = (folder.joinpath(name).read_text(encoding="utf-8") for name in TEMPLATE_PARTS)
    return page.replace("/*STYLE*/", style).replace("/*SCRIPT*/", script)


def report(tables: Tables, problems: list[Problem], summary: dict, themes=None) -> str:
    """The report page as a string (`themes`: themes.outputs.Themes, for their views)."""
    data = page_data(tables)
    if themes is not None:
        from pipeline.themes.outputs import page_data as theme_data

        data["themes"] = theme_data(themes, tables, {p[4]: i for i, p in enumerate(data["passages"])})
    return (
        _template()
        .replace("<!--SUMMARY-->", _summary(tables, problems, summary))
        .replace("<!--DATA-->", embed_json(data))
    )


def embed_json(data: object) -> str:
    """JSON that is safe inside a <script> element: no <, > or & survive."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def _year(value: object) -> int | None:
    return None if pd.isna(value) else int(value)


def page_data(tables: Tables) -> dict:
    """What the page's script needs, in compact arrays: reports in year order,
    passages once each, evidence rows as indices into them."""
    vocab = tables.vocab
    meta = tables.reports.set_index("report_id")
    order = report_order(tables.reports)
    report_index = {r: i for i, r in enumerate(order)}
    region_index = {code: i for i, code in enumerate(vocab.regions)}
    evidence = tables.evidence
    labels = {d: dimension_labels(evidence, vocab, d) for d in DIMENSIONS}
    label_index = {d: {label: i for i, label in enumerate(ids)} for d, ids in labels.items()}
    passages: dict[str, int] = {}
    passage_rows, rows = [], []
    # column by column: a frame of Arrow strings read row by row costs ten times more
    columns = ["passage_id", "report_id", "page", "printed_page", "section", "quote", "region_code", "dimension", "label",
               "score", "evidence", "region_surface", "kind", "sentence_spans"]
    for passage_id, report_id, page, printed, section, quote, region_code, dimension, label, score, why, surface, kind, spans in zip(
            *(evidence[c].tolist() for c in columns)):
        if passage_id not in passages:
            passages[passage_id] = len(passage_rows)
            passage_rows.append([report_index[report_id], int(page), section, quote, passage_id, printed])
        rows.append([
            passages[passage_id], region_index.get(region_code, -1), DIMENSIONS.index(dimension),
            label_index[dimension][label], float(score), why, surface, KINDS.index(kind), spans,
        ])
    return {
        "reports": [
            {
                "id": r, "label": report_label(r, meta.at[r, "year"]), "title": meta.at[r, "title"],
                "publisher": meta.at[r, "publisher"], "year": _year(meta.at[r, "year"]),
                "passages": int(meta.at[r, "passages"]),
            }
            for r in order
        ],
        "publishers": sorted(set(meta["publisher"])),
        "regions": [[code, name] for code, name in vocab.regions.items()],
        "labels": {d: [[label, vocab.label_name(d, label)] for label in ids] for d, ids in labels.items()},
        "kinds": list(KINDS),
        "passages": passage_rows,
        "evidence": rows,
    }


def _table(headers: list[str], rows: list[list], numeric: set[int] = frozenset()) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(
            f'<td class="num">{escape(str(v))}</td>' if j in numeric else f"<td>{escape(str(v))}</td>"
            for j, v in enumerate(row)
        ) + "</tr>"
        for row in rows
    )
    return f'<table class="plain"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def _summary(tables: Tables, problems: list[Problem], summary: dict) -> str:
    reports = tables.reports
    parts = [_table(["", "count"], [list(row) for row in processed(tables, problems)], {1})]
    parts.append("<h3>Reports</h3>")
    parts.append(_table(
        ["report", "title", "publisher", "year", "covers", "pages", "passages", "OCR repairs"],
        [
            [r.report_id, r.title, r.publisher, "" if pd.isna(r.year) else r.year, r.covers, r.pages, r.passages, r.repairs]
            for r in reports.itertuples(index=False)
        ],
        {5, 6, 7},
    ))
    if problems:
        parts.append("<h3>Files that failed</h3>")
        parts.append(_table(["file", "stage", "reason"], [[p.file, p.stage, p.reason] for p in problems]))
    details = run_details(summary)
    if details:
        parts.append("<h3>Run details</h3>")
        parts.append(_table(["", "value"], [list(row) for row in details]))
    return "\n".join(parts)
