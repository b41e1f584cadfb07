"""Text reuse: passages whose wording is largely shared, between reports and
within one.

Each distinct wording (passages with the same normalised words, wherever they
stand) is one text; minhash LSH over the texts' signatures (banded as datasketch
bands them, pairs.py) gives candidate pairs, and an exact similarity confirms them: the share of the two
passages' words that lie in runs of at least MIN_RUN words the two have in
common, in order (difflib's alignment of the word sequences). A field's stock
phrases ("god och nära vård", "hälso- och sjukvården") are short runs in long
passages: two passages that share only them stay far below SIMILARITY. A
passage that takes over a shorter one whole (another cut of the paragraphs)
counts when the shorter one's words are at least CONTAINMENT inside it.

A passage's source is a passage of an earlier report (by year of publication;
a report of unknown year counts as later than any known one) with the
wording: the MAX_SOURCES most similar of them. With no earlier one, those of
reports of the same year are listed, each way. Within a report, a passage
that repeats an earlier one with other words or hyphenation is listed against
the first (an identical text is one passage already, with its pages: the
evidence table's folding).
"""
from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass
from typing import Sequence

import numpy as np
import pandas as pd

from reformtrace.themes.fingerprints import Fingerprints
from reformtrace.themes.pairs import CONTAINMENT, LSH_THRESHOLD, MIN_RUN, NOTHING, SIMILARITY, Known, confirmed, similarity  # noqa: F401
MAX_SOURCES = 3  # sources listed per passage: a wording printed in two hundred reports would give forty thousand pairs
EARLIER, SAME_YEAR, WITHIN = "earlier", "same year", "within report"
REUSE_COLUMNS = [
    "report_id", "passage_id", "page", "printed_page", "year",
    "source_report_id", "source_passage_id", "source_page", "source_printed_page", "source_year",
    "relation", "similarity", "quote",
]


@dataclass(frozen=True)
class Occurrence:
    """One passage of one report, and the text (distinct wording) it has."""

    report: int  # index into the fingerprints
    index: int  # the passage's index in its report's fingerprints
    text: int


def find_reuse(reports: Sequence[Fingerprints]) -> pd.DataFrame:
    """reuse.csv: one row per passage and source, sorted by report, passage, source."""
    return _frame(reuse_rows(reports)[0])


def reuse_rows(reports: Sequence[Fingerprints], before: Known = NOTHING) -> tuple[list[list], Known]:
    """find_reuse's rows as lists (REUSE_COLUMNS): what a large run's text reuse process
    writes and reads, without a table beside them; and the texts and pairs compared, for the
    next run (`before`: an earlier run's, whose pairs are not compared again: pairs.py)."""
    reports = sorted(reports, key=lambda f: f.report_id)
    rank = [math.inf if f.year is None else f.year for f in reports]
    occurrences, texts = _occurrences(reports)
    neighbours, kept = _neighbours(reports, texts, before)
    groups = _Groups(occurrences, rank)
    rows = [row for occ in occurrences for row in _rows(occ, reports, rank, groups, neighbours)]
    rows.sort(key=lambda row: (row[0], row[1], row[5], row[6]))  # report, passage, source report, source passage (a stable sort)
    return rows, kept


def _frame(rows: list[list]) -> pd.DataFrame:
    """The rows as reuse.csv's table; each quote stays the fingerprints' own string (a column of
    Python strings): a quote in many rows, a passage with several sources, is not copied into each."""
    columns = list(zip(*rows)) or [()] * len(REUSE_COLUMNS)
    frame = pd.DataFrame({c: pd.Series(values, dtype=object if c == "quote" else None) for c, values in zip(REUSE_COLUMNS, columns)})
    return frame.astype({"year": "Int64", "source_year": "Int64", "page": "int64", "source_page": "int64"})


class _Groups:
    """The passages of each text, earliest report first, and each report's first passage with it."""

    def __init__(self, occurrences: list[Occurrence], rank: list[float]):
        self.members: dict[int, list[Occurrence]] = defaultdict(list)
        self.first_in: dict[int, dict[int, int]] = defaultdict(dict)  # text -> report -> its first passage's index
        for occ in occurrences:
            self.members[occ.text].append(occ)
            self.first_in[occ.text].setdefault(occ.report, occ.index)
        for group in self.members.values():
            group.sort(key=lambda o: (rank[o.report], o.report, o.index))
        self.ranks = {text: [rank[o.report] for o in group] for text, group in self.members.items()}

    def sources(self, text: int, occ: Occurrence, rank: float, same: bool) -> list[Occurrence]:
        """Up to MAX_SOURCES passages of the text, one per report other than occ's, of reports
        ranked before `rank` (or, `same`, ranked the same)."""
        group, ranks = self.members[text], self.ranks[text]
        out, seen = [], {occ.report}
        span = (bisect_left(ranks, rank), bisect_right(ranks, rank)) if same else (0, bisect_left(ranks, rank))
        for o in group[span[0]:span[1]]:
            if o.report not in seen:
                seen.add(o.report)
                out.append(o)
                if len(out) == MAX_SOURCES:
                    break
        return out


def _occurrences(reports: Sequence[Fingerprints]) -> tuple[list[Occurrence], list[tuple[int, int]]]:
    """Every passage with its text's number; each text's first occurrence (report, index)."""
    number: dict[int, int] = {}
    texts, occurrences = [], []
    for r, report in enumerate(reports):
        for i, key in enumerate(report.keys):
            if key not in number:
                number[key] = len(texts)
                texts.append((r, i))
            occurrences.append(Occurrence(r, i, number[key]))
    return occurrences, texts


def _neighbours(reports: Sequence[Fingerprints], texts: list[tuple[int, int]], before: Known) -> tuple[dict[int, list[tuple[int, float]]], Known]:
    """Each text's confirmed similar texts, with their similarity (pairs.py); what the next run keeps."""
    keys = np.array([reports[r].keys[i] for r, i in texts], dtype="<u8")
    signatures = np.stack([reports[r].signatures[i] for r, i in texts]) if texts else np.zeros((0, 0), dtype=np.uint32)
    pairs, kept = confirmed(keys, signatures, [reports[r].words[i] for r, i in texts], before)
    found: dict[int, list[tuple[int, float]]] = defaultdict(list)
    for x, y, share in pairs:  # in order of x, then y: each text's list in the order of the other's number
        found[x].append((y, share))
        found[y].append((x, share))
    for similar in found.values():
        similar.sort()
    return found, kept


def _rows(occ: Occurrence, reports, rank, groups: _Groups, neighbours) -> list[list]:
    """One passage's rows: the first passage of its own report that it repeats, else its sources in other reports."""
    similar = [(occ.text, 1.0)] + neighbours.get(occ.text, [])
    within = [(groups.first_in[text][occ.report], text, share) for text, share in similar
              if groups.first_in[text].get(occ.report, occ.index) < occ.index]
    if within:
        index, text, share = min(within)
        return [_row(occ, Occurrence(occ.report, index, text), share, WITHIN, reports)]
    mine = rank[occ.report]
    for relation, same in ((EARLIER, False), (SAME_YEAR, True)):
        chosen = [(share, o) for text, share in similar for o in groups.sources(text, occ, mine, same)]
        if chosen:
            break
    chosen.sort(key=lambda c: (-c[0], rank[c[1].report], c[1].report, c[1].index))
    best: dict[int, tuple[float, Occurrence]] = {}
    for share, o in chosen:  # one source passage per report: its most similar
        best.setdefault(o.report, (share, o))
    return [_row(occ, o, share, relation, reports) for share, o in list(best.values())[:MAX_SOURCES]]


def _row(occ: Occurrence, source: Occurrence, share: float, relation: str, reports) -> list:
    report, origin = reports[occ.report], reports[source.report]
    passage_id, page, printed, _, quote = report.passages[occ.index]
    source_id, source_page, source_printed, _, _ = origin.passages[source.index]
    return [report.report_id, passage_id, page, printed, report.year, origin.report_id, source_id, source_page,
            source_printed, origin.year, relation, share, quote]
