"""A large run's report page with its text beside it: the page keeps what the
matrices, filters and verdicts count by (a few numbers a row), and each report's
quotes, sections and reasons go into a script of their own in report_files/,
which the page reads when a cell's quotes are shown. At 1,000 reports the page
would otherwise carry some 800 MB of text and never open.
"""
from __future__ import annotations

LAZY_ROWS = 50_000  # evidence rows above which the text leaves the page (the bundled run has about 4,000)
FOLDER = "report_files"
PASSAGE_TEXT = (2, 3, 4, 5)  # of a page passage: section, quote, passage id, printed page
ROW_TEXT = (4, 5, 6, 8)  # of a page evidence row: score, why, region names, tying spans
LOOSE_SOURCES = "script-src 'unsafe-inline' file: 'self'"  # the page may read its report_files/ scripts, still nothing from the network


def chunk_file(report: int) -> str:
    return f"{FOLDER}/r{report}.js"


def split(data: dict) -> dict[str, list]:
    """Move the text of `data` (html.page_data, with its themes) into one part per report:
    {file name: part}; `data` keeps the rest and names the folder."""
    parts: dict[int, dict] = {}
    report_of: dict[str, int] = {}
    for p, passage in enumerate(data["passages"]):
        part = parts.setdefault(passage[0], {"passages": [], "rows": [], "alsoIn": {}})
        part["passages"].append([p, *(passage[k] for k in PASSAGE_TEXT)])
        report_of[passage[4]] = passage[0]
        for k in PASSAGE_TEXT:
            passage[k] = 0  # (shorter than null: the page reads none of them before the report's script)
    for i, row in enumerate(data["evidence"]):
        parts[data["passages"][row[0]][0]]["rows"].append([i, *(row[k] for k in ROW_TEXT)])
        for k in ROW_TEXT:
            row[k] = 0
    also = data.get("themes", {}).get("alsoIn", {})
    for passage_id in list(also):
        parts[report_of[passage_id]]["alsoIn"][passage_id] = also.pop(passage_id)
    data["chunks"] = FOLDER
    return {chunk_file(report): [report, part] for report, part in sorted(parts.items())}
