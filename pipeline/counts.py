"""The region matrices as sums of per-report counts (laid out by matrix.cell_matrix). A cell counts distinct passages
(or reports), and a passage belongs to one report, so each report's cell counts are
made once with its share of the outputs and a run adds them up instead of counting
every row of the corpus again.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

import pandas as pd

from reformtrace.matrix import DIMENSIONS

FIRM_KINDS = ("done", "measured")  # the evidence many evaluators count: in place, or with a figure
FIRM = "firm"  # the count of passages of FIRM_KINDS alone
Cells = dict[tuple[str, str], Counter]  # (dimension, "passages" | "reports" | FIRM) -> {(region_code, label): n}


def report_cells(evidence: pd.DataFrame) -> Cells:
    """One report's counts per matrix cell, of the rows that count (none marked wrong)."""
    columns = ("dimension", "region_code", "label", "passage_id", "kind", "verdict")
    passages: dict[tuple[str, str], dict[tuple[str, str], set]] = {}
    for dimension, region, label, passage, kind, verdict in zip(*(evidence[c].tolist() for c in columns)):
        if not region or verdict == "wrong":
            continue
        passages.setdefault((dimension, "passages"), {}).setdefault((region, label), set()).add(passage)
        if kind in FIRM_KINDS:
            passages.setdefault((dimension, FIRM), {}).setdefault((region, label), set()).add(passage)
    cells = {key: Counter({cell: len(ids) for cell, ids in found.items()}) for key, found in passages.items()}
    for dimension in DIMENSIONS:
        cells[dimension, "reports"] = Counter(dict.fromkeys(cells.get((dimension, "passages"), {}), 1))
    return cells


def summed(parts: Iterable[Cells]) -> Cells:
    """The corpus's counts: each cell the sum of the reports'."""
    total: Cells = {}
    for cells in parts:
        for key, counts in cells.items():
            total.setdefault(key, Counter()).update(counts)
    return total
