"""`reformtrace evaluate classify`: per-label precision, recall and F1 of the goal and
intervention coding against the hand-labelled passages, leave one report out.

Every passage is predicted by a model trained without its report (thresholds tuned
on the other reports only), so the figures say how the coding carries over to a
report it has not seen. The rules alone are measured beside it.

The `heldout*.jsonl` files in the annotations folder hold passages labelled
later and never used to train or tune anything (cue lexicons included): the
model trained on all of passages.jsonl is scored on each, the least optimistic
figures we have.
"""
from __future__ import annotations

import argparse
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from pipeline.annotate.classifier import Model, held_out_scores, train
from pipeline.annotate.regions_eval import PASSAGES, AnnotationError, Counts, held_out_files, read_gold, score
from pipeline.annotate.regions_eval import _row as row_of_figures
from pipeline.annotate.rules import Analysis, Rules
from pipeline.annotate.taxonomy import Taxonomy, load_taxonomy


@dataclass(frozen=True)
class Examples:
    """Hand-labelled passages ready for training: clean texts, their analyses and gold labels."""

    ids: list[str]
    reports: list[str]
    analyses: list[Analysis]
    targets: np.ndarray  # (n_passages, n_labels) 0/1 in the order of `labels`
    labels: list[str]


def read_examples(path: str | Path, taxonomy: Taxonomy) -> list[dict]:
    """The passages of a JSONL file (or a folder's passages.jsonl), checked against the taxonomy."""
    rows = read_gold(path)
    known = {dim: set(taxonomy.ids(dim)) for dim in ("goals", "interventions")}
    for number, row in enumerate(rows, 1):
        where = f"{path}: passage {number} ({row.get('id', 'no id')})"
        if not isinstance(row.get("report"), str):
            raise AnnotationError(f"{where}: needs a 'report' string")
        for dim, ids in known.items():
            given = row.get(dim)
            if not isinstance(given, list) or not set(given) <= ids:
                unknown = sorted(set(given) - ids) if isinstance(given, list) else given
                raise AnnotationError(f"{where}: '{dim}' must be a list of taxonomy ids; unknown: {unknown}")
    if not rows:
        raise AnnotationError(f"{path}: no passages")
    return rows


def prepare(rows: list[dict], rules: Rules) -> Examples:
    """Clean each passage's text the way `run` and `classify` do, and analyse it."""
    from pipeline.segment import clean_passage_text

    labels = [label.id for label in rules.taxonomy.labels]
    analyses = rules.analyse([clean_passage_text(row["text"]) for row in rows])
    targets = np.array([[int(label in row["goals"] or label in row["interventions"]) for label in labels] for row in rows])
    return Examples([row.get("id", "") for row in rows], [row["report"] for row in rows], analyses, targets, labels)


def cross_validate(examples: Examples) -> dict[str, list[list[str]]]:
    """Labels of every passage from the rules alone and from rules + model, leave one report out."""
    rules = [sorted(a.labels & set(examples.labels)) for a in examples.analyses]
    scores = held_out_scores(examples.analyses, examples.targets, examples.reports, examples.labels, nested=True)
    model = [[label for label, s in zip(examples.labels, row) if s >= 0.5] for row in scores]
    return {"rules": rules, "rules + model": model}


def held_out_results(model: Model, examples: Examples) -> dict[str, list[list[str]]]:
    """Labels of held-out passages from the rules alone and from rules + `model`."""
    scores = model.scores(examples.analyses)
    return {
        "rules": [sorted(a.labels & set(model.labels)) for a in examples.analyses],
        "rules + model": [[label for label, s in zip(model.labels, row) if s >= 0.5] for row in scores],
    }


def held_out_lines(taxonomy: Taxonomy, source: str, examples: Examples, results: dict[str, list[list[str]]]) -> list[str]:
    """A held-out test as text: micro F1 per method, then the per-label table of rules + model."""
    gold = gold_labels(examples)
    lines = [f"{len(gold)} held-out passages ({source}), model trained on all of {PASSAGES}"]
    for method, predicted in results.items():
        goals, interventions = (micro_f1(taxonomy, dim, gold, predicted) for dim in ("goals", "interventions"))
        lines.append(f"  {method:<16}goals micro F1 {goals:.3f}, interventions {interventions:.3f}")
    return lines + ["", table(taxonomy, gold, results["rules + model"])]


def evaluation(examples: Examples, rules: Rules, held_out: Sequence[Path] = (), model: Model | None = None) -> list[str]:
    """The whole evaluation as text: leave one report out on the labelled passages,
    then each `held_out` file scored with `model` (trained on all the passages when
    not given)."""
    taxonomy = rules.taxonomy
    lines = report_lines(taxonomy, examples, cross_validate(examples))
    if held_out and model is None:
        model = train(examples.analyses, examples.targets, examples.reports, examples.labels, {})
    for path in held_out:
        test = prepare(read_examples(path, taxonomy), rules)
        lines += ["", f"== held out: {path.name}"] + held_out_lines(taxonomy, path.name, test, held_out_results(model, test))
    return lines


def gold_labels(examples: Examples) -> list[list[str]]:
    return [[label for label, on in zip(examples.labels, row) if on] for row in examples.targets]


def table(taxonomy: Taxonomy, gold: list[list[str]], predicted: list[list[str]]) -> str:
    """Per label: passages in gold, found, precision, recall, F1; then micro and macro per dimension."""
    counts = score(gold, predicted)
    lines = [f"{'label':<24}{'gold':>6}{'found':>6}{'P':>8}{'R':>8}{'F1':>8}"]
    for dim in ("goals", "interventions"):
        ids = taxonomy.ids(dim)
        lines.append(f"[{dim}]")
        lines += [row_of_figures(label, counts.get(label, Counts())) for label in ids]
        lines.append(row_of_figures("micro", sum((counts.get(label, Counts()) for label in ids), Counts())))
        f1s = [counts[label].f1 for label in ids if label in counts and counts[label].tp + counts[label].fn]
        lines.append(f"{'macro F1':<48}{sum(f1s) / len(f1s) if f1s else float('nan'):>8.3f}")
    return "\n".join(lines)


def micro_f1(taxonomy: Taxonomy, dim: str, gold: list[list[str]], predicted: list[list[str]]) -> float:
    counts = score(gold, predicted)
    return sum((counts.get(label, Counts()) for label in taxonomy.ids(dim)), Counts()).f1 or 0.0


def report_lines(taxonomy: Taxonomy, examples: Examples, results: dict[str, list[list[str]]]) -> list[str]:
    """The evaluation as text: data, then one table per method, then micro F1 per report."""
    gold = gold_labels(examples)
    reports = sorted(set(examples.reports))
    lines = [f"{len(gold)} passages from {len(reports)} reports, leave one report out"]
    for name, predicted in results.items():
        lines += ["", f"== {name}", table(taxonomy, gold, predicted)]
    lines += ["", "micro F1 per held-out report (goals / interventions), rules + model:"]
    predicted = results["rules + model"]
    for report in reports:
        idx = [i for i, r in enumerate(examples.reports) if r == report]
        g, p = [gold[i] for i in idx], [predicted[i] for i in idx]
        lines.append(f"  {report:<44}{len(idx):>5}  {micro_f1(taxonomy, 'goals', g, p):.3f} / {micro_f1(taxonomy, 'interventions', g, p):.3f}")
    return lines


def main(args: argparse.Namespace) -> int:
    taxonomy = load_taxonomy()
    annotations = getattr(args, "annotations", "annotations")
    rules = Rules(taxonomy)
    lines = evaluation(prepare(read_examples(annotations, taxonomy), rules), rules, held_out_files(annotations))
    print("\n".join(lines))
    return 0
