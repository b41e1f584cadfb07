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
    return labels.assign(_rank=[order[d, label] for d, label in zip(labels["dimension"], labels["label"])])


def cooccurrence(evidence: pd.DataFrame, vocab: Vocabulary) -> pd.DataFrame:
    """Per report, each pair of labels carried by the same passages and how many; goals
    before interventions, each in taxonomy order (pairs with no passage left out)."""
    labels = passage_labels(evidence, vocab)
    pairs = labels.merge(labels[["passage_id", "dimension", "label", "label_name", "_rank"]], on="passage_id", suffixes=("_a", "_b"))
    pairs = pairs[pairs["_rank_a"] < pairs["_rank_b"]]
    keys = ["report_id", "year", "_rank_a", "_rank_b", "dimension_a", "label_a", "label_name_a", "dimension_b", "label_b", "label_name_b"]
    counts = pairs.groupby(keys, dropna=False, sort=True)["passage_id"].nunique().rename("passages").reset_index()
    return counts.astype({"year": "Int64", "passages": "int64"})[COOCCURRENCE_COLUMNS]


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
