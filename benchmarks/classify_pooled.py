"""One verifier for every label, with word vectors: does pooling the rule hits of all labels
(thousands of examples, not dozens a label) let the model learn when a cue is no evidence?

    python -m benchmarks.classify_pooled [--vectors /tmp/reformtrace-vectors]

A row is a (passage, label) with a plain rule hit; its features: the label (one-hot), the
mean vector of the words around the label's cues and of the whole passage, their cosines to
the label's cue words, and the hits' shape (how many, how many distinct cues, only implied
through an intervention, only a weak cue with its context). A logistic regression says
whether the hit is the label; each label's `keep` threshold is chosen as today's on nested
leave-one-group-out predictions (classify_eval's groups). `novec` is the same without the
vectors, to tell what they add. Same bar as benchmarks/classify_vectors.py; no held-out file is read.
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np

from benchmarks.classify_vectors import context_vectors, cue_centroids, load_inputs, print_results
from reformtrace.annotate.classifier import C, _scale, choose_decisions, rule_hits
from reformtrace.annotate.classify_eval import Examples


def shape_features(examples: Examples) -> np.ndarray:
    """(n, labels, 5): per label, log hits, log distinct cues, only implied, only weak, log passage length."""
    out = np.zeros((len(examples.ids), len(examples.labels), 5), np.float32)
    column = {label: j for j, label in enumerate(examples.labels)}
    for i, analysis in enumerate(examples.analyses):
        for label in analysis.labels & column.keys():
            hits = [h for h in analysis.hits if h.label == label and not h.negated]
            out[i, column[label]] = (np.log1p(len(hits)), np.log1p(len({h.cue for h in hits})), all("(via " in h.cue for h in hits),
                                     all("(with " in h.cue for h in hits), np.log1p(len(analysis.tokens)) / 5)
    return out


def pair_features(examples: Examples, ctx: np.ndarray | None, mean: np.ndarray | None, centroids: np.ndarray | None) -> np.ndarray:
    """(n, labels, k): label one-hot, shape, and with vectors the context and passage vectors and their cosines to the label's cues."""
    n, m = len(examples.ids), len(examples.labels)
    parts = [np.broadcast_to(np.eye(m, dtype=np.float32), (n, m, m)), shape_features(examples)]
    if ctx is not None:
        parts += [ctx, np.repeat(mean[:, None, :], m, 1), np.einsum("nld,ld->nl", ctx, centroids)[..., None],
                  (mean @ centroids.T)[..., None]]
    return np.concatenate(parts, 2)


def fit_predict(examples: Examples, F: np.ndarray, hits: np.ndarray, train_idx: np.ndarray, test_idx: np.ndarray) -> np.ndarray:
    """Probabilities of the test passages' hit labels from one model fitted on the training passages' hits."""
    from sklearn.linear_model import LogisticRegression

    i, j = np.nonzero(hits[train_idx])
    clf = LogisticRegression(C=C, solver="liblinear", class_weight="balanced", random_state=0, max_iter=1000)
    clf.fit(F[train_idx[i], j], examples.targets[train_idx[i], j], sample_weight=examples.weights[train_idx[i]])
    p = np.zeros((len(test_idx), len(examples.labels)))
    a, b = np.nonzero(hits[test_idx])
    if len(a):
        p[a, b] = clf.predict_proba(F[test_idx[a], b])[:, 1]
    return p


def cross_validate(examples: Examples, F: np.ndarray) -> list[list[str]]:
    """Labels of every passage, leave one group out, `keep` thresholds nested as classify_eval's."""
    groups = np.asarray(examples.reports)
    hits = rule_hits(examples.analyses, examples.labels)
    out = np.zeros(examples.targets.shape)
    for g in sorted(set(groups)):
        tr, te = np.flatnonzero(groups != g), np.flatnonzero(groups == g)
        p_in = np.zeros((len(tr), len(examples.labels)))
        for h in sorted(set(groups[tr])):
            fold = groups[tr] == h
            p_in[fold] = fit_predict(examples, F, hits, tr[~fold], tr[fold])
        keep = choose_decisions(p_in, hits[tr], examples.targets[tr], examples.labels, examples.weights[tr], [examples.files[i] for i in tr])
        p = fit_predict(examples, F, hits, tr, te)
        for j, label in enumerate(examples.labels):
            out[te, j] = np.where(hits[te, j], _scale(p[:, j], keep[label]["keep"]), 0.0)
    return [[label for label, s in zip(examples.labels, row) if s >= 0.5] for row in out]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vectors", type=Path, default=Path("/tmp/reformtrace-vectors"))
    args = parser.parse_args()
    inputs = load_inputs(args.vectors)
    taxonomy, rules, examples, vectors, mean = inputs.taxonomy, inputs.rules, inputs.examples, inputs.vectors, inputs.mean
    ctx = context_vectors(rules, inputs.texts(), examples.labels, vectors, inputs.freq)
    centroids = cue_centroids(rules, examples.labels, vectors)
    results = {"rules": [sorted(a.labels & set(examples.labels)) for a in examples.analyses]}
    for name, F in (("novec", pair_features(examples, None, None, None)), ("pooled", pair_features(examples, ctx, mean, centroids))):
        start = time.time()
        results[name] = cross_validate(examples, F)
        print(f"{name}: {time.time() - start:.0f} s", flush=True)
    print_results(taxonomy, examples, results, f"\npooled over {len(examples.ids)} training passages, leave one group out, nested:")


if __name__ == "__main__":
    main()
