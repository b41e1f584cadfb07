"""The HTML report: one self-contained file (styles, script and data inline;
its Content-Security-Policy forbids any network fetch). Its interface text is
in the run's language (i18n.py): {{key}} in report.html, the strings in the
data for the script.

The data travels as JSON inside a <script type="application/json"> block with
every <, > and & escaped, so no report text can close the block; the script
puts text into the page only as text nodes. The summary is rendered here,
through html.escape.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from html import escape
from importlib import resources

import pandas as pd

from reformtrace.full_rows import report_columns
from reformtrace.identity import text_key
from reformtrace.matrix import DIMENSIONS, KINDS, VERDICTS, Tables, dimension_labels, report_order
from reformtrace.model import Problem
from reformtrace.report import html_parts, processed, report_labels, run_details
from reformtrace.report.i18n import Strings
from reformtrace.verdicts import UNMATCHED_COLUMNS

TEMPLATE_PARTS = ("report.html", "report.css")
SCRIPTS = ("chunks.js", "verdicts.js", "compare.js", "report.js")  # the page's script: a large run's text read by report, the verdicts and the compare view, then the page that uses them
PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")
ROW_COLUMNS = ["passage_id", "report_id", "page", "printed_page", "section", "quote", "region_code", "dimension", "label",
               "score", "evidence", "region_surface", "kind", "sentence_spans", "verdict", "verdict_note"]  # what a page row is made of


@lru_cache(maxsize=1)
def _template() -> tuple[str, str, str]:
    folder = resources.files("reformtrace") / "data" / "report"
    page, style = (folder.joinpath(name).read_text(encoding="utf-8") for name in TEMPLATE_PARTS)
    script = "\n".join(folder.joinpath(name).read_text(encoding="utf-8") for name in SCRIPTS)
    return page, style, script


def report(tables: Tables, problems: list[Problem], summary: dict, themes=None, beside: html_parts.Beside | None = None) -> str:
    """The report page as a string (`themes`: themes.outputs.Themes, for their views).
    Given `beside`, a run of more than html_parts.LAZY_ROWS rows puts each report's text
    into its files (report_files/), read by the page when shown."""
    page, style, script = _template()
    t = Strings(tables.lang)
    page = PLACEHOLDER.sub(lambda m: escape(t(m.group(1)), quote=False), page)
    lazy = beside is not None and len(tables.evidence) > html_parts.LAZY_ROWS
    data = page_data(tables, themes, beside if lazy else None)
    if lazy:
        page = page.replace("script-src 'unsafe-inline'", html_parts.LOOSE_SOURCES)
    return (
        page.replace("/*STYLE*/", style).replace("/*SCRIPT*/", script)
        .replace("<!--SUMMARY-->", _summary(tables, problems, summary))
        .replace("<!--DATA-->", embed_json(data))
    )


def embed_json(data: object) -> str:
    """JSON that is safe inside a <script> element: no <, > or & survive."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def _year(value: object) -> int | None:
    return None if pd.isna(value) else int(value)


def page_data(tables: Tables, themes=None, beside: html_parts.Beside | None = None) -> dict:
    """What the page's script needs, in compact arrays: reports in year order,
    passages once each, evidence rows as indices into them, each with the verdict
    on it and whether it is new since the previous run (`themes`: their views' data).
    Given `beside`, each report's text goes into its scripts as its rows are made
    (html_parts), so that the whole run's text is never held at once; an unchanged
    report's script is linked from the previous outputs and its text not read."""
    vocab, lang = tables.vocab, tables.lang
    meta = tables.reports.set_index("report_id")
    publisher = Strings(lang).publisher
    order = report_order(tables.reports)
    report_index = {r: i for i, r in enumerate(order)}
    labels_of = dict(zip(order, report_labels(order, [meta.at[r, "year"] for r in order])))
    region_index = {code: i for i, code in enumerate(vocab.regions)}
    evidence = tables.evidence
    labels = {d: dimension_labels(evidence, vocab, d) for d in DIMENSIONS}
    label_index = {d: {label: i for i, label in enumerate(ids)} for d, ids in labels.items()}
    from reformtrace.themes.outputs import page_passages  # (text reuse's process numbers the passages as the page does)

    passages = page_passages(evidence)
    data: dict = {}
    if themes is not None:
        from reformtrace.themes.outputs import page_data as theme_data

        data["themes"] = theme_data(themes, tables)
    passage_rows, rows, scripts = [], [], {}
    new = tables.changes.new if tables.changes else [False] * len(evidence)
    keys = tables.keys or [None] * len(evidence)  # "report|text key|region|label", where the run made them
    reused = {r for r in tables.reports["report_id"] if beside.reused(r)} if beside is not None and tables.keys else set()
    # a report's whole rows at a time (full_rows.py); a report whose text script is reused, without its texts
    for start, columns in report_columns(tables, ROW_COLUMNS, reused):
        first_passage, end = len(passage_rows), start + len(columns[0])
        for i, (passage_id, report_id, page, printed, section, quote, region_code, dimension, label, score, why, surface, kind, spans,
                verdict, note) in enumerate(zip(*columns), start=start):
            if len(passage_rows) == passages[passage_id]:
                key = keys[i]
                passage_rows.append([report_index[report_id], int(page), section, quote, passage_id, printed, key.split("|")[-3] if key else text_key(quote)])
            rows.append([
                passages[passage_id], region_index.get(region_code, -1), DIMENSIONS.index(dimension),
                label_index[dimension][label], float(score), why, surface, KINDS.index(kind), spans,
                (VERDICTS.index(verdict) + 1) if verdict else 0, note, int(new[i]),
            ])
        if beside is not None and end > start:
            scripts[columns[1][0]] = _scripts(beside, columns[1][0], passage_rows[first_passage:], rows[start:], first_passage, start,
                                              data.get("themes", {}).get("alsoIn", {}), columns[1][0] in reused)
    data.update({
        "reports": [
            {
                "id": r, "label": labels_of[r], "title": meta.at[r, "title"],
                "publisher": publisher(meta.at[r, "publisher"]), "year": _year(meta.at[r, "year"]),
                "passages": int(meta.at[r, "passages"]), **scripts.get(r, {}),
            }
            for r in order
        ],
        "publishers": sorted({publisher(p) for p in meta["publisher"]}),
        "regions": [[code, name] for code, name in vocab.regions.items()],
        "labels": {d: [[label, vocab.label_name(d, label, lang)] for label in ids] for d, ids in labels.items()},
        "kinds": list(KINDS),
        "passages": passage_rows,
        "evidence": rows,
        "unmatched": [dict(zip(UNMATCHED_COLUMNS, row)) for row in (tables.verdicts.unmatched if tables.verdicts else [])],
        "since": tables.changes.since if tables.changes else None,
        "lang": lang,
        "ui": Strings(lang).plain(),
    })
    if beside is not None:
        data["chunks"] = html_parts.FOLDER
    return data


def _scripts(beside: html_parts.Beside, report_id: str, passages: list[list], rows: list[list], first_passage: int, first_row: int,
             also: dict, reused: bool) -> dict:
    """A report's text and "also in" places moved off the page into its scripts (html_parts); what
    the page's entry of the report says of them: their names and where its passages and rows begin."""
    if not reused:
        name = beside.text_name(report_id)
        beside.put(name, html_parts.text_script(report_id, passages, rows))
    found = html_parts.also_script(report_id, passages, also)
    if found:
        beside.put(*found)
    html_parts.blank(passages, rows)
    names = [beside.text_name(report_id), found[0] if found else None]
    return {"scripts": [n.split("/", 1)[1] if n else None for n in names], "first": [first_passage, first_row]}


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
    t = Strings(tables.lang)
    reports = tables.reports
    parts = [_table(["", t("count")], [list(row) for row in processed(tables, problems, t)], {1})]
    parts.append(f"<h3>{escape(t('reports'))}</h3>")
    parts.append(_table(
        [t(key) for key in ("report", "title", "publisher", "year", "covers", "pages", "passages", "ocr_repairs")],
        [
            [r.report_id, r.title, r.publisher, "" if pd.isna(r.year) else r.year, r.covers, r.pages, r.passages, r.repairs]
            for r in reports.itertuples(index=False)
        ],
        {5, 6, 7},
    ))
    parts += _review(tables, t)
    if problems:
        parts.append(f"<h3>{escape(t('files_failed'))}</h3>")
        parts.append(_table([t("file"), t("stage"), t("reason")], [[p.file, p.stage, p.reason] for p in problems]))
    details = run_details(summary)
    if details:
        parts.append(f"<h3>{escape(t('run_details'))}</h3>")
        parts.append(_table(["", t("value")], [list(row) for row in details]))
    return "\n".join(parts)


def _review(tables: Tables, t: Strings) -> list[str]:
    """The verdicts applied and not, and what changed since the previous run."""
    parts = []
    if tables.verdicts:
        counts = tables.verdicts.counts()
        parts.append(f"<h3>{escape(t('verdicts'))}</h3>")
        parts.append(_table(["", t("count")], [[t(f"verdicts_{key}"), counts[key]] for key in ("given", "applied", "correct", "wrong", "unmatched")], {1}))
        if tables.verdicts.unmatched:
            parts.append(f"<p>{escape(t('verdicts_unmatched_text'))}</p>")
            parts.append(_table([t("report"), t("passage"), t("region_code"), t("label"), t("verdict"), t("reason")],
                                [row[:5] + [row[6]] for row in tables.verdicts.unmatched]))
    if tables.changes and tables.changes.since:
        counts = tables.changes.counts()
        parts.append(f"<h3>{escape(t('changes_since', since=tables.changes.since))}</h3>")
        parts.append(_table(["", t("count")], [[t("rows_added"), counts["added"]], [t("rows_removed"), counts["removed"]]], {1}))
    return parts
