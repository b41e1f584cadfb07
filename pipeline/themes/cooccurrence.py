"""Co-occurrence: which labels a passage carries together (which goals travel with
which interventions), per report (with its year) and over the corpus."""
from __future__ import annotations

import pandas as pd

from reformtrace.matrix import DIMENSIONS, Vocabulary, dimension_labels

COOCCURRENCE_COLUMNS = ["report_id", "year", "dimension_a", "label_a", "label_name_a", "dimension_b", "label_b", "label_name_b", "passages"]


def passage_labels(evidence: pd.DataFrame, vocab: Vocabulary) -> pd.DataFrame:
    """One row per passage and label it carries (any region), with the label's place in the tables' order."""
    labels = evidence[["report_id", "year", "passage_id", "dimension", "label", "label_name"]].drop_duplicates(["passage_id", "dimension", "label"])
    order = {(d, label): i for i, (d, label) in enumerate((d, label) for d in DIMENSIONS for label in dimension_labels(evidence, vocab, d))}
    return labels.assign(_rank=[order[d, label] for d, label in zip(labels["dimension"].tolist(), labels["label"].tolist())])


def cooccurrence(evidence: pd.DataFrame, vocab: Vocabulary) -> pd.DataFrame:
    """Per report, each pair of labels carried by the same passages and how many; goals
    before interventions, each in taxonomy order (pairs with no passage left out). The
    pairs are counted on numbers (a passage carries a label once, so a pair's passages
    are its rows), the names put on the counts alone."""
    labels = passage_labels(evidence, vocab)
    report, reports = pd.factorize(labels["report_id"], sort=True)  # numbered in id order: sorting numbers sorts ids
    ints = pd.DataFrame({"passage": pd.factorize(labels["passage_id"])[0], "report": report, "rank": labels["_rank"].to_numpy()})
    pairs = ints.merge(ints[["passage", "rank"]], on="passage", suffixes=("_a", "_b"))
    counts = pairs[pairs["rank_a"] < pairs["rank_b"]].groupby(["report", "rank_a", "rank_b"], sort=True).size()
    year = dict(zip(labels["report_id"].tolist(), labels["year"]))
    label = {rank: (d, label_id, name) for rank, d, label_id, name in zip(*(labels[c].tolist() for c in ("_rank", "dimension", "label", "label_name")))}
    reports = reports.tolist()  # (an index of Arrow strings costs much more to read item by item)
    rows = [[reports[r], year[reports[r]], *label[a], *label[b], n] for (r, a, b), n in zip(counts.index.tolist(), counts.tolist())]
    return pd.DataFrame(rows, columns=COOCCURRENCE_COLUMNS).astype({"year": "Int64", "passages": "int64"})


def goal_intervention_matrix(evidence: pd.DataFrame, vocab: Vocabulary) -> pd.DataFrame:
    """Goals (rows) × interventions (columns): the passages of the corpus that carry both."""
    goals, interventions = (dimension_labels(evidence, vocab, d) for d in DIMENSIONS)
    labels = passage_labels(evidence, vocab)
    pairs = labels[labels["dimension"] == "goal"].merge(labels[labels["dimension"] == "intervention"], on="passage_id", suffixes=("_goal", "_intervention"))
    grid = pairs.groupby(["label_goal", "label_intervention"])["passage_id"].nunique().unstack().reindex(index=goals, columns=interventions)
    grid = grid.fillna(0).astype("int64")
    grid.index = pd.MultiIndex.from_arrays([goals, [vocab.label_name("goal", g) for g in goals]], names=["goal", "goal_name"])
    grid.columns.name = None
    return grid
