"""A large run's report page with its text beside it: the page keeps what the
matrices, filters and verdicts count by (a few numbers a row), and each report's
quotes, sections and reasons go into a script of their own in report_files/,
which the page reads when a cell's quotes are shown. At 1,000 reports the page
would otherwise carry some 800 MB of text and never open.
"""
from __future__ import annotations

from operator import itemgetter

LAZY_ROWS = 50_000  # evidence rows above which the text leaves the page (the bundled run has about 4,000)
FOLDER = "report_files"
PASSAGE_TEXT = (2, 3, 4, 5)  # of a page passage: section, quote, passage id, printed page
ROW_TEXT = (4, 5, 6, 8)  # of a page evidence row: score, why, region names, tying spans
passage_text, row_text = itemgetter(*PASSAGE_TEXT), itemgetter(*ROW_TEXT)
LOOSE_SOURCES = "script-src 'unsafe-inline' file: 'self'"  # the page may read its report_files/ scripts, still nothing from the network


def chunk_file(report: int) -> str:
    return f"{FOLDER}/r{report}.js"


def text_part(passages: list[list], first_passage: int, rows: list[list], first_row: int, also: dict) -> tuple[str, list]:
    """Move one report's text out of the page's data into its part, as the page's rows are
    made: its passages are `passages[first_passage:]`, its rows `rows[first_row:]`, and
    its "also in" places are taken from `also` (the themes' data). Returns the part's
    file name and the part, which the page reads with `reformtraceChunk`."""
    mine = passages[first_passage:]
    part = {
        "passages": [[p, *passage_text(passage)] for p, passage in enumerate(mine, first_passage)],
        "rows": [[i, *row_text(row)] for i, row in enumerate(rows[first_row:], first_row)],
        "alsoIn": {passage[4]: also.pop(passage[4]) for passage in mine if passage[4] in also},
    }
    for passage in mine:
        for k in PASSAGE_TEXT:
            passage[k] = 0  # (shorter than null: the page reads none of them before the report's script)
    for row in rows[first_row:]:
        for k in ROW_TEXT:
            row[k] = 0
    report = passages[first_passage][0]
    return chunk_file(report), [report, part]
