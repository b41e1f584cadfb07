"""The annotator's per-word memos across runs and workers.

An entry (how a word form was tokenised, its lemma units, its model terms, the
region name it stands for) depends on the form and the annotate version alone,
so the labels are the same with or without it. A worker sends back the entries
it made (`Tracker.new`); the run process gathers them (`MemoStore`) and keeps
them in the cache for the next run, whose workers then start from them.
"""
from __future__ import annotations

import logging
import pickle
from itertools import islice
from pathlib import Path

from reformtrace.run.cache import atomic_write

log = logging.getLogger("reformtrace.run")

MEMO_FORMAT = "reformtrace-memos/1"
MEMO_SIZE = 50_000  # entries kept per table: the words met first, most of them common (docs/SCALING.md)


def load_memos(path: Path | None) -> dict[str, dict] | None:
    """The memos a run left, or None when missing or unreadable (then they are made again)."""
    if path is None:
        return None
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as err:
        log.warning("cannot read %s (%s); the annotator's memos are made again", path, err)
        return None
    try:
        memos = pickle.loads(data)
        if not isinstance(memos, dict) or memos.get("format") != MEMO_FORMAT or not all(isinstance(t, dict) for t in memos["tables"].values()):
            raise ValueError(f"not a {MEMO_FORMAT} file")
        return memos["tables"]
    except Exception as err:  # a damaged pickle can raise almost anything
        log.warning("cache entry %s is unreadable (%s); making it again", path, err)
        path.unlink(missing_ok=True)
        return None


class MemoStore:
    """The memos of a run, in the run process: those the last run left, then what the
    workers add, up to MEMO_SIZE entries a table."""

    def __init__(self, path: Path, earlier: dict[str, dict] | None):
        self.path, self.tables, self.grew = path, {name: dict(t) for name, t in (earlier or {}).items()}, False

    def add(self, new: dict[str, dict]) -> None:
        for name, entries in new.items():
            table = self.tables.setdefault(name, {})
            before = len(table)
            for key, value in islice(entries.items(), max(0, MEMO_SIZE - before)):
                table.setdefault(key, value)
            self.grew = self.grew or len(table) > before

    def save(self) -> None:
        """Keep them for the next run (which goes on without them when they cannot be written)."""
        tables = {name: dict(islice(t.items(), MEMO_SIZE)) for name, t in self.tables.items()}
        try:
            atomic_write(self.path, pickle.dumps({"format": MEMO_FORMAT, "tables": tables}, protocol=5))
        except OSError as err:
            log.warning("cannot keep the annotator's memos in %s (%s); the next run works them out again", self.path, err)


class Tracker:
    """In a process that annotates: how big each memo table was when it was last
    marked, so that the entries made since can be sent back."""

    def __init__(self):
        self.sizes: dict[str, int] = {}

    def mark(self, tables: dict[str, dict]) -> None:
        self.sizes = {name: len(table) for name, table in tables.items()}

    def new(self, tables: dict[str, dict]) -> dict[str, dict] | None:
        """The entries made since the last mark (tables only grow, in insertion order)."""
        new = {name: dict(islice(table.items(), self.sizes.get(name, 0), None)) for name, table in tables.items()}
        self.mark(tables)
        return new if any(new.values()) else None
