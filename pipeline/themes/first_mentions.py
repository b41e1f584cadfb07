"""First mentions: for each region × label with evidence, the first report (by year
of publication) that gives evidence of it, with page and quote, and how many
reports have it since (first_mentions.csv)."""
from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from reformtrace.matrix import DIMENSIONS, Vocabulary

FIRST_COLUMNS = [
    "region_code", "region", "dimension", "label", "label_name", "year", "report_id", "publisher", "title",
    "page", "printed_page", "passage_id", "kind", "sentence", "quote", "same_year_reports", "reports", "reports_since",
]
CELL = ["region_code", "dimension", "label"]


def first_mentions(evidence: pd.DataFrame, vocab: Vocabulary, whole: Callable[[list[int]], pd.DataFrame] | None = None) -> pd.DataFrame:
    """One row per region × label cell of the matrices: its earliest evidence. A
    report of unknown year comes after every dated one; of reports of the same
    year the first by id is taken, the others listed in `same_year_reports`;
    within a report, its first passage. `whole`: the whole rows at positions of `evidence`,
    where it holds them without their texts (full_rows.rows_at)."""
    order = [*CELL, "_rank", "report_id", "page", "passage_id"]
    rows = evidence.loc[evidence["region_code"] != "", [*CELL, "year", "report_id", "page", "passage_id"]]
    rows = rows.assign(_rank=rows["year"].astype("float64").fillna(float("inf"))).sort_values(order, kind="stable")
    firsts = rows.drop_duplicates(CELL)
    first = whole(list(firsts.index)) if whole else evidence.loc[firsts.index]  # whole rows of the firsts alone: the sort moves a few columns
    first = first.assign(_rank=firsts["_rank"])
    reports = rows[[*CELL, "_rank", "report_id"]].drop_duplicates().merge(first[[*CELL, "_rank", "report_id"]], on=CELL, suffixes=("", "_first"))
    same = (reports[(reports["_rank"] == reports["_rank_first"]) & (reports["report_id"] != reports["report_id_first"])]
            .groupby(CELL)["report_id"].agg("; ".join).rename("same_year_reports"))
    since = reports[reports["_rank"] > reports["_rank_first"]].groupby(CELL)["report_id"].nunique().rename("reports_since")
    total = reports.groupby(CELL)["report_id"].nunique().rename("reports")
    frame = first.join(same, on=CELL).join(total, on=CELL).join(since, on=CELL)
    frame = frame.assign(same_year_reports=frame["same_year_reports"].fillna(""), reports_since=frame["reports_since"].fillna(0).astype("int64"))
    regions = {code: i for i, code in enumerate(vocab.regions)}
    frame["_order"] = [(regions.get(c, len(regions)), c, DIMENSIONS.index(d), vocab.label_rank(d, label)) for c, d, label in zip(frame["region_code"], frame["dimension"], frame["label"])]
    return frame.sort_values("_order", kind="stable")[FIRST_COLUMNS].reset_index(drop=True)
