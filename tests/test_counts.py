"""The region matrices as sums of per-report counts (pipeline/counts.py): the same
matrices as counting every row of the corpus, verdicts included."""
from __future__ import annotations

import pandas as pd

from outputs_fixtures import R004, results
from reformtrace.counts import FIRM, report_cells, summed
from reformtrace.matrix import COUNTS, DIMENSIONS, build_tables, cell_matrix, counted, region_matrix, report_tables, vocabulary


def test_each_matrix_is_the_sum_of_the_reports_counts():
    vocab = vocabulary()
    parts = [report_tables(r, vocab) for r in results()]
    whole = build_tables(results(), vocab).evidence
    total = summed(report_cells(part.evidence) for part in parts)
    for dimension in DIMENSIONS:
        for count in COUNTS:
            pd.testing.assert_frame_equal(cell_matrix(total[dimension, count], vocab, dimension), region_matrix(whole, vocab, dimension, count))
        firm = whole[whole["kind"].isin(["done", "measured"])]
        pd.testing.assert_frame_equal(cell_matrix(total[dimension, FIRM], vocab, dimension), region_matrix(firm, vocab, dimension))
    halland = cell_matrix(total["intervention", "passages"], vocab, "intervention").loc["13"]
    assert halland["mobila_team"].tolist() == [2]  # two reports' passages on mobile teams in Halland: 1 + 1


def test_a_row_marked_wrong_leaves_its_reports_count():
    vocab = vocabulary()
    whole = build_tables(results(), vocab).evidence
    mobile = (whole["region_code"] == "13") & (whole["label"] == "mobila_team") & (whole["report_id"] == R004)
    judged = whole.assign(verdict=["wrong" if m else "" for m in mobile])
    cells = summed(report_cells(judged[judged["report_id"] == r]) for r in judged["report_id"].unique())
    assert cells["intervention", "passages"][("13", "mobila_team")] == 1
    assert cells["intervention", "reports"][("13", "mobila_team")] == 1
    pd.testing.assert_frame_equal(cell_matrix(cells["intervention", "passages"], vocab, "intervention"),
                                  region_matrix(counted(judged), vocab, "intervention"))
