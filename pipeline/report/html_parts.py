"""A large run's report page with its text beside it: the page keeps what the
matrices, filters and verdicts count by (a few numbers a row), and each report's
quotes, sections and reasons go into a script of their own in report_files/,
which the page reads when a cell's quotes are shown. At 1,000 reports the page
would otherwise carry some 800 MB of text and never open.

A report's script is its own: numbered within the report, named by a digest of
the report's evidence part and of the code that lays it out, so a run links an
unchanged report's script from the previous outputs instead of making it again.
Its "also in" places, which depend on the other reports, go into a script of
their own, named by its content.
"""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from functools import cached_property
from operator import itemgetter
from pathlib import Path

LAZY_ROWS = 50_000  # evidence rows above which the text leaves the page (the bundled run has about 4,000)
FOLDER = "report_files"
PASSAGE_TEXT = (2, 3, 4, 5)  # of a page passage: section, quote, passage id, printed page
ROW_TEXT = (4, 5, 6, 8)  # of a page evidence row: score, why, region names, tying spans
passage_text, row_text = itemgetter(*PASSAGE_TEXT), itemgetter(*ROW_TEXT)
LOOSE_SOURCES = "script-src 'unsafe-inline' file: 'self'"  # the page may read its report_files/ scripts, still nothing from the network


@dataclass(frozen=True)
class Beside:
    """Where a large run's scripts go (`files`, a spool.Spool), where the previous run's
    are (`previous`, its output folder) and each report's evidence part's digest (`digests`)."""

    files: object
    digests: dict[str, str]
    previous: Path | None = None

    def text_name(self, report_id: str) -> str:
        return f"{FOLDER}/t{_digest(self.digests[report_id].encode() + LAYOUT)}.js"

    def reused(self, report_id: str) -> bool:
        """The report's script linked from the previous outputs, where they hold it."""
        return self._linked(self.text_name(report_id))

    def put(self, name: str, data: bytes) -> None:
        """A script into the files: linked from the previous outputs when they hold it, else written."""
        if not self._linked(name):
            self.files[name] = data

    def _linked(self, name: str) -> bool:
        if name in self.files:
            return True
        if self.previous is None or not (self.previous / name).is_file():
            return False
        if self._in_place:  # written in place, and there already
            self.files.take(name, self.files.out_dir / name)
            return True
        temp = self.files.temp(name)
        temp.parent.mkdir(parents=True, exist_ok=True)
        temp.unlink(missing_ok=True)
        try:
            os.link(self.previous / name, temp)
        except OSError:  # another file system: made again
            return False
        self.files.take(name, temp)
        return True


    @cached_property
    def _in_place(self) -> bool:
        return self.previous is not None and Path(self.previous).resolve() == Path(self.files.out_dir).resolve()


def part_digest(data: bytes) -> str:
    """A report's evidence part's digest (of its Parquet bytes)."""
    return _digest(data)


def _digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=10).hexdigest()


# the code that lays a script out, read as the module is imported: a change to it names every script anew
LAYOUT = hashlib.blake2b(b"".join((Path(__file__).parent / name).read_bytes() for name in ("html_parts.py", "html.py"))).digest()


def text_script(report_id: str, passages: list[list], rows: list[list]) -> bytes:
    """One report's script of text: its passages' and rows' text, numbered within the report."""
    from reformtrace.report.html import embed_json

    part = {
        "passages": [[p, *passage_text(passage)] for p, passage in enumerate(passages)],
        "rows": [[i, *row_text(row)] for i, row in enumerate(rows)],
    }
    return f"reformtraceChunk({embed_json([report_id, part])});\n".encode("utf-8")


def also_script(report_id: str, passages: list[list], also: dict) -> tuple[str, bytes] | None:
    """One report's "also in" places, taken from `also` (the themes' data): its script's name and bytes; None without any."""
    from reformtrace.report.html import embed_json

    mine = {passage[4]: also.pop(passage[4]) for passage in passages if passage[4] in also}
    if not mine:
        return None
    data = f"reformtraceAlso({embed_json([report_id, mine])});\n".encode("utf-8")
    return f"{FOLDER}/a{_digest(data)}.js", data


def blank(passages: list[list], rows: list[list]) -> None:
    """The text taken off the page's passages and rows (0 is shorter than null: the page reads
    none of them before the report's script)."""
    for passage in passages:
        for k in PASSAGE_TEXT:
            passage[k] = 0
    for row in rows:
        for k in ROW_TEXT:
            row[k] = 0
