"""Do word vectors from the unlabelled corpus earn the model a place beside the rules?
Issue 19: rules + model must beat the rules alone on held-out text by a margin.

    python -m benchmarks.classify_vectors [--vectors /tmp/reformtrace-vectors] [--variants base,mean,...]

Measured only by cross-validation on the training files (annotations/passages.jsonl,
unseen/train.jsonl, unseen/tune.jsonl), leave one group out as `reformtrace evaluate
classify` groups them, thresholds chosen on each fold's own training groups (nested), as
`classify_eval.cross_validate` does. No held-out file is read.

The variants (each a verifier that keeps or vetoes a rule hit, as today's, unless it says
"adds"); base, mean, cuesim, weak and adder were fixed before measuring, mean3, ctx and
ctxmean added after them (a louder vector, the cue's own context):
  base     today's verifier: logistic regression on tf-idf of lemma units
  mean     + the passage's mean word vector (frequency-weighted, l2-normed)
  mean3    the same, three times as loud beside the l2-normed tf-idf
  cuesim   + per label, the cosine of the passage's mean vector to the label's cue words' mean
  ctx      + per label, the mean vector of the words within CONTEXT tokens of its cues (the sense)
  ctxmean  + both: the cue's context and the passage's mean vector
  weak     + per label, the probability of a model that learnt the rules' labels of the
           unlabelled corpus's paragraphs from their mean vectors (weak supervision)
  adder    the `mean` verifier, and a second model per label on all passages (tf-idf, mean
           vector, weak probabilities) that adds the label without a rule hit where its
           probability reaches a high threshold chosen like `keep`
Adopted only if, pooled over the training files, goals or interventions micro F1 rises by
0.02 or more over `base` while the other falls by at most 0.005 and the share of no-label
passages given a label does not rise.
The vectors come from benchmarks/word_vectors.py (run it first).
"""
from __future__ import annotations

import argparse
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import scipy.sparse as sp

from benchmarks.word_vectors import load_vectors, read_units
from reformtrace.annotate.classifier import C, CLASS_WEIGHT, MIN_POSITIVES, _scale, choose_decisions, fit, rule_hits
from reformtrace.annotate.classify_eval import (
    Examples, given_to_unlabelled, gold_labels, micro_f1, read_examples, read_training, summary_lines, training_files,
)
from reformtrace.annotate.rules import Rules
from reformtrace.annotate.taxonomy import Taxonomy, load_taxonomy

ROOT = Path(__file__).resolve().parent.parent
SIF = 1e-3  # a unit's weight in the mean vector: SIF / (SIF + its corpus frequency)
CONTEXT = 8  # tokens either side of a cue whose words say the sense it is used in
ADD = tuple(np.round(np.arange(0.5, 0.96, 0.05), 2))  # thresholds for the adder to give a label


# ------------------------------------------------------------------ dense features


def frequencies(corpus: list[dict]) -> dict[str, float]:
    """Each unit's share of the corpus's units (for the mean vector's weights)."""
    counts: dict[str, int] = {}
    for paragraph in corpus:
        for unit in paragraph["units"]:
            counts[unit] = counts.get(unit, 0) + 1
    total = sum(counts.values())
    return {unit: n / total for unit, n in counts.items()}


def mean_vectors(units: list[list[str]], vectors: dict[str, np.ndarray], freq: dict[str, float]) -> np.ndarray:
    """Each text's frequency-weighted mean unit vector, l2-normed (zeros where no unit is known)."""
    dim = len(next(iter(vectors.values())))
    out = np.zeros((len(units), dim), np.float32)
    for i, text in enumerate(units):
        known = [u for u in text if u in vectors]
        if known:
            w = np.array([SIF / (SIF + freq.get(u, 0.0)) for u in known], np.float32)
            v = (w[:, None] * np.stack([vectors[u] for u in known])).sum(0)
            out[i] = v / (np.linalg.norm(v) or 1.0)
    return out


def cue_centroids(rules: Rules, labels: list[str], vectors: dict[str, np.ndarray]) -> np.ndarray:
    """Per label, the l2-normed mean of its cues' unit vectors (the taxonomy's cue words, not the gold)."""
    dim = len(next(iter(vectors.values())))
    out = np.zeros((len(labels), dim), np.float32)
    for j, label in enumerate(labels):
        units = [u for cue_label, kind, text in rules.cues if cue_label == label and not kind for u in rules._units_of(rules._words_of([t.text for t in rules.tokenizer(text)]))[0]]
        known = [vectors[u] / (np.linalg.norm(vectors[u]) or 1.0) for u in units if u in vectors]
        if known:
            v = np.mean(known, 0)
            out[j] = v / (np.linalg.norm(v) or 1.0)
    return out


def weak_model(corpus: list[dict], labels: list[str], vectors: dict[str, np.ndarray], freq: dict[str, float]):
    """Per label, a logistic regression from a paragraph's mean vector to the rules' label of it,
    fitted on the unlabelled corpus (weak supervision); returns a function of mean vectors."""
    from sklearn.linear_model import LogisticRegression

    X = mean_vectors([p["units"] for p in corpus], vectors, freq)
    coef, intercept = np.zeros((len(labels), X.shape[1])), np.zeros(len(labels))
    for j, label in enumerate(labels):
        y = np.array([label in p["labels"] for p in corpus], int)
        if y.sum() >= MIN_POSITIVES:
            clf = LogisticRegression(C=C, solver="liblinear", random_state=0, max_iter=1000).fit(X, y)
            coef[j], intercept[j] = clf.coef_[0], clf.intercept_[0]
    return lambda M: 1.0 / (1.0 + np.exp(-(M @ coef.T + intercept)))


def context_vectors(rules: Rules, texts: list[str], labels: list[str], vectors: dict[str, np.ndarray], freq: dict[str, float]) -> np.ndarray:
    """(n_texts, n_labels, dim): per label, the mean vector of the words within CONTEXT tokens
    of its plain hits (the cue's own words left out): the sense the cue is used in."""
    from reformtrace.annotate.rules import blank_footnote_marks

    dim = len(next(iter(vectors.values())))
    out = np.zeros((len(texts), len(labels), dim), np.float32)
    column = {label: j for j, label in enumerate(labels)}
    for i, (text, analysis) in enumerate(zip(texts, rules.analyse(texts))):
        words, starts = rules.tokenizer.split(blank_footnote_marks(text))
        units = [w.units for w in rules._words_of(words)]
        for label in analysis.labels & column.keys():
            near: list[str] = []
            for hit in analysis.hits:
                if hit.label == label and not hit.negated:
                    inside = [k for k, s in enumerate(starts) if hit.start <= s < hit.end]
                    if inside:
                        lo, hi = max(0, inside[0] - CONTEXT), inside[-1] + CONTEXT + 1
                        near += [u for k in range(lo, hi) if k not in inside and k < len(units) for u in units[k]]
            out[i, column[label]] = mean_vectors([near], vectors, freq)[0]
    return out


# ------------------------------------------------------------------ verifier and adder


Variant = tuple  # (dense features beside tf-idf for the verifier or None, the adder's dense features or None)


def fit_predict(examples: Examples, variants: dict[str, Variant], train_idx: np.ndarray, test_idx: np.ndarray) -> dict:
    """Per variant, probabilities of the test passages: the verifier's (fitted on the rule-hit
    rows of the training passages, tf-idf beside its dense features; NaN where a label has
    none) and the adder's (fitted on the training passages without a rule hit; 0 without)."""
    sub = [examples.analyses[i] for i in train_idx]
    y, w = examples.targets[train_idx], examples.weights[train_idx]
    base = fit(sub, y, examples.labels, {}, w)  # vocabulary and idf, as today
    Xtr, Xte = base.features(sub), base.features([examples.analyses[i] for i in test_idx])
    hits = rule_hits(sub, examples.labels)
    out = {}
    for name, (dense, adder) in variants.items():
        p = np.full((len(test_idx), len(examples.labels)), np.nan)
        q = np.zeros_like(p)
        Vtr, Vte = _beside(Xtr, Xte, dense, train_idx, test_idx)
        Atr, Ate = _beside(Xtr, Xte, adder, train_idx, test_idx)
        for j in range(len(examples.labels)):
            if dense is not None and dense.ndim == 3:
                Vtr, Vte = _beside(Xtr, Xte, dense, train_idx, test_idx, j)
            rows = np.flatnonzero(hits[:, j])
            t = y[rows, j]
            if t.sum() >= MIN_POSITIVES and len(t) - t.sum() >= MIN_POSITIVES:
                p[:, j] = _logistic(CLASS_WEIGHT).fit(Vtr[rows], t, sample_weight=w[rows]).predict_proba(Vte)[:, 1]
            rest = np.flatnonzero(~hits[:, j])  # the adder learns where the rules are silent
            if adder is not None and y[rest, j].sum() >= MIN_POSITIVES:
                q[:, j] = _logistic(None).fit(Atr[rest], y[rest, j], sample_weight=w[rest]).predict_proba(Ate)[:, 1]
        out[name] = (p, q)
    return out


def _beside(Xtr, Xte, dense: np.ndarray | None, train_idx: np.ndarray, test_idx: np.ndarray, j: int | None = None):
    """tf-idf with the dense features beside it (a label's own, where they are per label)."""
    if dense is not None and dense.ndim == 3:
        dense = dense[:, j, :] if j is not None else None
    if dense is None:
        return Xtr, Xte
    return sp.hstack([Xtr, dense[train_idx]]).tocsr(), sp.hstack([Xte, dense[test_idx]]).tocsr()


def _logistic(class_weight):
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=C, solver="liblinear", class_weight=class_weight, random_state=0, max_iter=1000)


def choose_add(q: np.ndarray, hits: np.ndarray, y: np.ndarray, weights: np.ndarray, parts: list[str]) -> np.ndarray:
    """Per label, the adder's threshold (1.0: never adds) with the best weighted F1 of rules
    + additions, no part of the data worse than the rules alone; the higher threshold wins ties."""
    from reformtrace.annotate.classifier import _f1

    parts = np.asarray(parts)
    masks = [parts == part for part in sorted(set(parts.tolist()))]
    out = np.ones(y.shape[1])
    for j in range(y.shape[1]):
        truth, hit = y[:, j] == 1, hits[:, j].astype(bool)
        floor = [_f1(hit[m], truth[m], weights[m]) for m in masks]
        best = (_f1(hit, truth, weights), 1.0)
        for t in ADD:
            given = hit | (q[:, j] >= t)
            if all(_f1(given[m], truth[m], weights[m]) >= low for m, low in zip(masks, floor)):
                best = max(best, (_f1(given, truth, weights), t))
        out[j] = best[1]
    return out


def cross_validate(examples: Examples, variants: dict[str, Variant]) -> dict[str, list[list[str]]]:
    """Per variant, the labels of every passage, leave one group out, thresholds chosen on each
    fold's training groups from their own leave-one-group-out predictions (nested)."""
    groups = np.asarray(examples.reports)
    hits_all = rule_hits(examples.analyses, examples.labels)
    out = {name: np.zeros(examples.targets.shape) for name in variants}
    for g in sorted(set(groups)):
        tr, te = np.flatnonzero(groups != g), np.flatnonzero(groups == g)
        inner = {name: (np.zeros((len(tr), len(examples.labels))), np.zeros((len(tr), len(examples.labels)))) for name in variants}
        for h in sorted(set(groups[tr])):
            fold = groups[tr] == h
            for name, (p, q) in fit_predict(examples, variants, tr[~fold], tr[fold]).items():
                inner[name][0][fold], inner[name][1][fold] = p, q
        files = [examples.files[i] for i in tr]
        outer = fit_predict(examples, variants, tr, te)
        for name, (p_in, q_in) in inner.items():
            keep = choose_decisions(np.nan_to_num(p_in), hits_all[tr], examples.targets[tr], examples.labels, examples.weights[tr], files)
            add = choose_add(q_in, hits_all[tr], examples.targets[tr], examples.weights[tr], files)
            p, q = outer[name]
            for j, label in enumerate(examples.labels):
                fitted = not np.isnan(p[:, j]).any()
                score = _scale(np.nan_to_num(p[:, j]), keep[label]["keep"] if fitted else 0.0)
                out[name][te, j] = np.where(hits_all[te, j], score, 0.0)
                out[name][te, j] = np.where(~hits_all[te, j] & (q[:, j] >= add[j]), 1.0, out[name][te, j])
        print(f"  group {g} done", flush=True)
    return {name: [[label for label, s in zip(examples.labels, row) if s >= 0.5] for row in scores] for name, scores in out.items()}


# ------------------------------------------------------------------ report


def pooled_line(taxonomy, examples: Examples, name: str, predicted: list[list[str]]) -> str:
    gold = gold_labels(examples)
    return (f"  {name:<14}goals {micro_f1(taxonomy, 'goals', gold, predicted):.3f}  interventions "
            f"{micro_f1(taxonomy, 'interventions', gold, predicted):.3f}  no-label given a label {given_to_unlabelled(gold, predicted, range(len(gold)))}")


@dataclass
class Inputs:
    """What every vector benchmark starts from: the training passages, their cleaned
    texts, the vectors and the unlabelled corpus's units, and each passage's mean vector."""

    taxonomy: Taxonomy
    rules: Rules
    examples: Examples
    vectors: dict[str, np.ndarray]
    corpus: list[dict]
    freq: dict[str, float]
    mean: np.ndarray

    def texts(self) -> list[str]:
        from reformtrace.segment import clean_passage_text

        return [clean_passage_text(row["text"]) for path in training_files(ROOT / "annotations") for row in read_examples(path, self.taxonomy)]


def load_inputs(folder: Path) -> Inputs:
    """The inputs, with the vectors of benchmarks/word_vectors.py from `folder`."""
    taxonomy = load_taxonomy()
    rules = Rules(taxonomy)
    examples = read_training(training_files(ROOT / "annotations"), rules)
    vectors = load_vectors(folder / "vectors.npz")
    corpus = read_units(folder / "units.jsonl.gz")
    freq = frequencies(corpus)
    mean = mean_vectors([[u for word in a.units for u in word] for a in examples.analyses], vectors, freq)
    return Inputs(taxonomy, rules, examples, vectors, corpus, freq, mean)


def print_results(taxonomy, examples: Examples, results: dict[str, list[list[str]]], heading: str) -> None:
    """Each variant's pooled line under `heading`, then its figures per training file."""
    print(heading)
    for name, predicted in results.items():
        print(pooled_line(taxonomy, examples, name, predicted))
    for file in sorted(set(examples.files)):
        idx = [i for i, f in enumerate(examples.files) if f == file]
        print(f"\n== {file}: {len(idx)} passages")
        print("\n".join(summary_lines(taxonomy, examples.subset(idx), {m: [p[i] for i in idx] for m, p in results.items()})))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vectors", type=Path, default=Path("/tmp/reformtrace-vectors"))
    parser.add_argument("--variants", default="base,mean,mean3,cuesim,weak,ctx,ctxmean,adder")
    args = parser.parse_args()
    inputs = load_inputs(args.vectors)
    taxonomy, rules, examples, vectors, corpus, freq, mean = (
        inputs.taxonomy, inputs.rules, inputs.examples, inputs.vectors, inputs.corpus, inputs.freq, inputs.mean)
    dense = {"base": None, "mean": mean, "cuesim": mean @ cue_centroids(rules, examples.labels, vectors).T}
    if {"weak", "adder"} & set(args.variants.split(",")):
        weak = weak_model(corpus, examples.labels, vectors, freq)(mean)
        dense["weak"] = weak
    if {"ctx", "ctxmean"} & set(args.variants.split(",")):
        dense["ctx"] = context_vectors(rules, inputs.texts(), examples.labels, vectors, freq)
        dense["ctxmean"] = np.concatenate([dense["ctx"], np.repeat(mean[:, None, :], len(examples.labels), 1)], 2)
    dense["mean3"] = 3 * mean
    variants = {name: (mean, np.hstack([mean, dense["weak"]])) if name == "adder" else (dense[name], None) for name in args.variants.split(",")}
    start = time.time()
    results = {"rules": [sorted(a.labels & set(examples.labels)) for a in examples.analyses]} | cross_validate(examples, variants)
    print(f"cross-validated in {time.time() - start:.0f} s", flush=True)
    print_results(taxonomy, examples, results, f"\npooled over {len(examples.ids)} training passages "
                  f"({', '.join(sorted(set(examples.files)))}), leave one group out, nested:")


if __name__ == "__main__":
    main()
