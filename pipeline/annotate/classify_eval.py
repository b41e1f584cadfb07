"""`reformtrace evaluate classify`: per-label precision, recall and F1 of the goal and
intervention coding against the hand-labelled passages, the rules alone beside rules + model.

Training data is `passages.jsonl` (the five bundled reports), `unseen/tune.jsonl` and
the study side of `unseen/train.jsonl` (passages of other publishers; its check side,
split by a hash of the passage id, is only measured, as a held-out set). Each is first scored cross-validated: every passage is
predicted by a model trained without its group (a bundled report, a long report of the
tune set, or a fold of the tune set's short documents), with thresholds chosen on the
other groups only; the tune figure is a sanity check of the training data, no test.

Then every held-out set (train.jsonl's check side, `heldout*.jsonl`, `unseen/test.jsonl`:
never trained on, no cue written from them) is scored with the model trained on all the training data, each on
its own: micro and macro F1, the share of passages without a gold label that are given
one (overall and in the neighbouring-field sources), and one table per label. Only
aggregate figures are printed: no passage of a held-out file is shown.
"""
from __future__ import annotations

import argparse
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from reformtrace.annotate.classifier import Model, held_out_scores, train
from reformtrace.annotate.regions_eval import (
    PASSAGES, TRAIN, TUNE, AnnotationError, Counts, held_out_files, is_check, read_gold, score,
)
from reformtrace.annotate.rules import Analysis, Rules
from reformtrace.annotate.taxonomy import Taxonomy, load_taxonomy

# sources on a neighbouring field (care for older people), where most passages deserve no label:
# their share of no-label passages given a label is the false-positive figure
NEIGHBOURING = ("socialstyrelsen_lagesrapport_aldre",)
REPORT_SIZE = 20  # a source with this many passages is a report: its own cross-validation group
TUNE_FOLDS = 4  # smaller sources (press releases, articles) are cross-validated in this many folds of whole documents
# passages of other publishers count this many times in fitting and in choosing thresholds: they are
# what new texts look like, and a third of the bundled reports' number (cross-validated on the tune
# set, weight 3 against 1: goals 0.66 against 0.64, interventions 0.75 against 0.69; bundled unchanged)
NEW_SOURCE_WEIGHT = 3.0


@dataclass(frozen=True)
class Examples:
    """Hand-labelled passages ready for training: clean texts, their analyses and gold labels."""

    ids: list[str]
    reports: list[str]  # cross-validation group: the report, or the fold of a short document
    analyses: list[Analysis]
    targets: np.ndarray  # (n_passages, n_labels) 0/1 in the order of `labels`
    labels: list[str]
    sources: list[str]  # the file each passage came from (the report for passages.jsonl)
    files: list[str]  # the annotation file of each passage

    @property
    def weights(self) -> np.ndarray:
        """Each passage's weight in training: NEW_SOURCE_WEIGHT for other publishers' passages."""
        return np.array([1.0 if file == PASSAGES else NEW_SOURCE_WEIGHT for file in self.files])

    def subset(self, idx: Sequence[int]) -> "Examples":
        pick = lambda items: [items[i] for i in idx]  # noqa: E731
        return Examples(pick(self.ids), pick(self.reports), pick(self.analyses), self.targets[list(idx)],
                        self.labels, pick(self.sources), pick(self.files))

    def train(self, info: dict) -> Model:
        """The model trained on all these examples."""
        return train(self.analyses, self.targets, self.reports, self.labels, info, self.weights, self.files)


def read_examples(path: str | Path, taxonomy: Taxonomy) -> list[dict]:
    """The passages of a JSONL file (or a folder's passages.jsonl), checked against the taxonomy.
    A passage of another publisher has a `source` instead of a `report`: its group is the
    source when that is a report (REPORT_SIZE passages or more), else a fold of such sources."""
    rows = read_gold(path)
    known = {dim: set(taxonomy.ids(dim)) for dim in ("goals", "interventions")}
    sizes: dict[str, int] = {}
    for row in rows:
        if isinstance(row.get("source"), str):
            sizes[row["source"]] = sizes.get(row["source"], 0) + 1
    for number, row in enumerate(rows, 1):
        where = f"{path}: passage {number} ({row.get('id', 'no id')})"
        if not isinstance(row.get("report"), str):
            if not isinstance(row.get("source"), str):
                raise AnnotationError(f"{where}: needs a 'report' or a 'source' string")
            row["report"] = row["source"] if sizes[row["source"]] >= REPORT_SIZE else _fold(row["source"])
        for dim, ids in known.items():
            given = row.get(dim)
            if not isinstance(given, list) or not set(given) <= ids:
                unknown = sorted(set(given) - ids) if isinstance(given, list) else given
                raise AnnotationError(f"{where}: '{dim}' must be a list of taxonomy ids; unknown: {unknown}")
    if not rows:
        raise AnnotationError(f"{path}: no passages")
    return rows


def side(path: Path, rows: list[dict], held_out: bool) -> list[dict]:
    """The passages of a file that are trained on (`held_out` False) or only measured: all of a
    file but train.jsonl, which splits into its study and check sides."""
    if _name(path) != TRAIN:
        return rows if not held_out else []
    return [row for row in rows if is_check(row.get("id", "")) == held_out]


def classify_held_out(annotations: str | Path, trained: Sequence[Path]) -> list[Path]:
    """The files scored as held out: train.jsonl (its check side) where it is trained on, then the
    held-out files (heldout*.jsonl, unseen/test.jsonl) that are not trained on."""
    folder = Path(annotations)
    folder = folder if folder.is_dir() else folder.parent
    trained = {path.resolve() for path in trained}
    check = [path for path in trained if _name(path) == TRAIN]
    return check + [path for path in held_out_files(folder) if path.resolve() not in trained]


def held_out_rows(path: Path, taxonomy: Taxonomy) -> list[dict]:
    """The passages of a held-out file that are measured: train.jsonl's check side, any other file whole."""
    rows = read_examples(path, taxonomy)
    return side(path, rows, True) if _name(path) == TRAIN else rows


def _fold(source: str) -> str:
    return f"fold{int(hashlib.sha256(source.encode()).hexdigest()[:8], 16) % TUNE_FOLDS}"


def training_files(annotations: str | Path) -> list[Path]:
    """The training data: a folder's passages.jsonl, unseen/tune.jsonl and unseen/train.jsonl, or the one file given."""
    folder = Path(annotations)
    if not folder.is_dir():
        return [folder]
    return [path for path in (folder / PASSAGES, folder / TUNE, folder / TRAIN) if path.is_file()] or [folder / PASSAGES]


def prepare(rows: list[dict], rules: Rules, file: str = "") -> Examples:
    """Clean each passage's text the way `run` and `classify` do, and analyse it."""
    from reformtrace.segment import clean_passage_text

    labels = [label.id for label in rules.taxonomy.labels]
    analyses = rules.analyse([clean_passage_text(row["text"]) for row in rows])
    targets = np.array([[int(label in row["goals"] or label in row["interventions"]) for label in labels] for row in rows])
    targets = targets.reshape(len(rows), len(labels))
    return Examples([row.get("id", "") for row in rows], [row["report"] for row in rows], analyses, targets, labels,
                    [row.get("source", row["report"]) for row in rows], [file] * len(rows))


def read_training(paths: Sequence[Path], rules: Rules, rows: Sequence[list[dict]] | None = None) -> Examples:
    """All training files as one set of examples, each passage knowing its file (`rows`:
    each file's passages, where read and changed already: `train --verdicts`)."""
    rows = rows if rows is not None else [read_examples(path, rules.taxonomy) for path in paths]
    parts = [prepare(side(path, passages, False), rules, _name(path, False)) for path, passages in zip(paths, rows)]
    return Examples(
        [i for p in parts for i in p.ids], [r for p in parts for r in p.reports], [a for p in parts for a in p.analyses],
        np.vstack([p.targets for p in parts]), parts[0].labels, [s for p in parts for s in p.sources], [f for p in parts for f in p.files],
    )


def _name(path: Path, held_out: bool | None = None) -> str:
    """A file's name as the evaluation prints it: `unseen/test.jsonl`, `heldout.jsonl`; train.jsonl's
    sides as `unseen/train.jsonl (study)` and `(check)` where `held_out` says which."""
    name = f"{path.parent.name}/{path.name}" if path.parent.name == Path(TUNE).parent.name else path.name
    return f"{name} ({'check' if held_out else 'study'})" if name == TRAIN and held_out is not None else name


def cross_validate(examples: Examples) -> dict[str, list[list[str]]]:
    """Labels of every passage from the rules alone and from rules + model, leave one group out."""
    rules = [sorted(a.labels & set(examples.labels)) for a in examples.analyses]
    scores = held_out_scores(examples.analyses, examples.targets, examples.reports, examples.labels, nested=True,
                             weights=examples.weights, parts=examples.files)
    model = [[label for label, s in zip(examples.labels, row) if s >= 0.5] for row in scores]
    return {"rules": rules, "rules + model": model}


def held_out_results(model: Model, examples: Examples) -> dict[str, list[list[str]]]:
    """Labels of held-out passages from the rules alone and from rules + `model`."""
    scores = model.scores(examples.analyses)
    return {
        "rules": [sorted(a.labels & set(model.labels)) for a in examples.analyses],
        "rules + model": [[label for label, s in zip(model.labels, row) if s >= 0.5] for row in scores],
    }


def gold_labels(examples: Examples) -> list[list[str]]:
    return [[label for label, on in zip(examples.labels, row) if on] for row in examples.targets]


def micro_f1(taxonomy: Taxonomy, dim: str, gold: list[list[str]], predicted: list[list[str]]) -> float:
    counts = score(gold, predicted)
    return sum((counts.get(label, Counts()) for label in taxonomy.ids(dim)), Counts()).f1 or 0.0


def macro_f1(taxonomy: Taxonomy, dim: str, gold: list[list[str]], predicted: list[list[str]]) -> float:
    """Mean F1 of the labels that occur in the gold."""
    counts = score(gold, predicted)
    f1s = [counts[label].f1 or 0.0 for label in taxonomy.ids(dim) if label in counts and counts[label].tp + counts[label].fn]
    return sum(f1s) / len(f1s) if f1s else float("nan")


def given_to_unlabelled(gold: list[list[str]], predicted: list[list[str]], idx: Sequence[int]) -> str:
    """Of the passages among `idx` with no gold goal or intervention, how many are given one."""
    empty = [i for i in idx if not gold[i]]
    wrong = sum(1 for i in empty if predicted[i])
    return f"{wrong}/{len(empty)} ({100 * wrong / len(empty):.0f}%)" if empty else "-"


def summary_lines(taxonomy: Taxonomy, examples: Examples, results: dict[str, list[list[str]]]) -> list[str]:
    """Per method: micro and macro F1 per dimension and the no-label passages given a label,
    overall and in the neighbouring-field sources (with their own micro F1)."""
    gold = gold_labels(examples)
    everything = range(len(gold))
    near = [i for i, source in enumerate(examples.sources) if source.startswith(NEIGHBOURING)]
    lines = []
    for method, predicted in results.items():
        figures = ", ".join(
            f"{dim} micro F1 {micro_f1(taxonomy, dim, gold, predicted):.3f} (macro {macro_f1(taxonomy, dim, gold, predicted):.3f})"
            for dim in ("goals", "interventions")
        )
        lines.append(f"  {method:<16}{figures}; no-label passages given a label {given_to_unlabelled(gold, predicted, everything)}")
        if near:
            g, p = [gold[i] for i in near], [predicted[i] for i in near]
            lines.append(
                f"  {'':<16}neighbouring field ({len(near)} passages): goals {micro_f1(taxonomy, 'goals', g, p):.3f}, "
                f"interventions {micro_f1(taxonomy, 'interventions', g, p):.3f}; no-label given a label {given_to_unlabelled(gold, predicted, near)}"
            )
    return lines


def table(taxonomy: Taxonomy, gold: list[list[str]], results: dict[str, list[list[str]]]) -> str:
    """Per label: passages in gold, then found, precision, recall and F1 of each method;
    then micro and macro F1 per dimension."""
    counts = {method: score(gold, predicted) for method, predicted in results.items()}
    head = "".join(f" | {method:<30}" for method in results)
    lines = [f"{'':<24}{'':>6}{head}", f"{'label':<24}{'gold':>6}" + f" | {'found':>6}{'P':>8}{'R':>8}{'F1':>8}" * len(results)]
    for dim in ("goals", "interventions"):
        ids = taxonomy.ids(dim)
        lines.append(f"[{dim}]")
        for label in ids + ["micro"]:
            c = {m: sum((k.get(l, Counts()) for l in ids), Counts()) if label == "micro" else k.get(label, Counts()) for m, k in counts.items()}
            first = next(iter(c.values()))
            lines.append(f"{label:<24}{first.tp + first.fn:>6}" + "".join(f" | {x.tp + x.fp:>6}{_figures(x)}" for x in c.values()))
        lines.append(f"{'macro F1':<30}" + "".join(f" | {'':>22}{macro_f1(taxonomy, dim, gold, p):>8.3f}" for p in results.values()))
    return "\n".join(lines)


def _figures(c: Counts) -> str:
    return "".join(f"{'-' if x is None else f'{x:.3f}':>8}" for x in (c.precision, c.recall, c.f1))


def cross_validated_lines(taxonomy: Taxonomy, examples: Examples, results: dict[str, list[list[str]]]) -> list[str]:
    """The cross-validated figures, one section per training file, then micro F1 per group."""
    gold = gold_labels(examples)
    groups = sorted(set(examples.reports))
    lines = [f"{len(gold)} training passages in {len(groups)} groups ({', '.join(sorted(set(examples.files)))}), leave one group out"]
    for file in sorted(set(examples.files)):
        idx = [i for i, f in enumerate(examples.files) if f == file]
        part = examples.subset(idx)
        sub = {method: [predicted[i] for i in idx] for method, predicted in results.items()}
        what = "leave one report out" if file == PASSAGES else "cross-validated, a sanity check of the training data (trained on), no test"
        lines += ["", f"== {file}: {len(idx)} passages, {what}"] + summary_lines(taxonomy, part, sub) + ["", table(taxonomy, gold_labels(part), sub)]
    lines += ["", "micro F1 per held-out group (goals / interventions), rules + model:"]
    predicted = results["rules + model"]
    for group in groups:
        idx = [i for i, r in enumerate(examples.reports) if r == group]
        g, p = [gold[i] for i in idx], [predicted[i] for i in idx]
        lines.append(f"  {group:<44}{len(idx):>5}  {micro_f1(taxonomy, 'goals', g, p):.3f} / {micro_f1(taxonomy, 'interventions', g, p):.3f}")
    return lines


def held_out_lines(taxonomy: Taxonomy, name: str, examples: Examples, results: dict[str, list[list[str]]], trained_on: str) -> list[str]:
    """A held-out test as text: the summary per method, then the per-label table."""
    return [f"{len(examples.ids)} held-out passages ({name}), model trained on all of {trained_on}"] + summary_lines(taxonomy, examples, results) + [
        "", table(taxonomy, gold_labels(examples), results)
    ]


def evaluation(examples: Examples, rules: Rules, held_out: Sequence[Path] = (), model: Model | None = None) -> list[str]:
    """The whole evaluation as text: cross-validated on the training passages, then each
    `held_out` file scored with `model` (trained on all the training passages when not given)."""
    taxonomy = rules.taxonomy
    lines = cross_validated_lines(taxonomy, examples, cross_validate(examples))
    if held_out and model is None:
        model = examples.train({})
    trained_on = " + ".join(sorted(set(examples.files)))
    for path in held_out:
        test = prepare(held_out_rows(path, taxonomy), rules, _name(path, True))
        lines += ["", f"== held out: {test.files[0]}"] + held_out_lines(taxonomy, test.files[0], test, held_out_results(model, test), trained_on)
    return lines


def main(args: argparse.Namespace) -> int:
    taxonomy = load_taxonomy()
    annotations = getattr(args, "annotations", "annotations")
    rules = Rules(taxonomy)
    paths = training_files(annotations)
    examples = read_training(paths, rules)
    # a single file is measured alone (cross-validated), never against the held-out files beside it
    held_out = classify_held_out(annotations, paths) if Path(annotations).is_dir() else []
    lines = evaluation(examples, rules, held_out)
    print("\n".join(lines))
    return 0
