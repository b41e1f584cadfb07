"""How much could any model that keeps, vetoes or adds labels beside the rules gain? An
optimistic bound, to tell a weak learner from a task with no room.

    python -m benchmarks.classify_headroom [--vectors /tmp/reformtrace-vectors]

On the training files only (no held-out file is read), leave one group out as
`reformtrace evaluate classify` groups them, but with ONE threshold per dimension chosen in
hindsight on the very predictions it is scored on (so an upper bound, no estimate):
  - verifiers (keep or veto a rule hit): today's tf-idf per label; one model for all labels
    (benchmarks/classify_pooled.py) without and with word vectors. Printed: the hit pairs,
    how many are wrong, the AUC of the probability on them, rules F1, best F1 after vetoes;
  - adders (give a label the rules did not find): tf-idf per label, with the mean vector and
    the weak-supervision probabilities beside it, and those probabilities alone
    (benchmarks/classify_vectors.py). Printed likewise on the pairs without a hit.
Also the perfect verifier (every wrong hit vetoed): the room a verifier has at all.
"""
from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np

from benchmarks import classify_pooled, classify_vectors
from benchmarks.classify_vectors import context_vectors, cue_centroids, load_inputs, weak_model
from reformtrace.annotate.classifier import held_out_scores, rule_hits
from reformtrace.annotate.classify_eval import Examples


def logo(examples: Examples, predict) -> np.ndarray:
    """Leave one group out: each group's predictions from `predict(train_idx, test_idx)`."""
    groups = np.asarray(examples.reports)
    out = np.zeros(examples.targets.shape)
    for g in sorted(set(groups)):
        out[groups == g] = predict(np.flatnonzero(groups != g), np.flatnonzero(groups == g))
    return out


def f1(predicted: np.ndarray, truth: np.ndarray) -> float:
    return 2 * (predicted & truth).sum() / (predicted.sum() + truth.sum())


def line(name: str, dim: str, p: np.ndarray, hits: np.ndarray, truth: np.ndarray, adds: bool) -> str:
    """AUC on the pairs the model judges, and the best F1 of one threshold in hindsight."""
    from sklearn.metrics import roc_auc_score

    judged = ~hits if adds else hits
    auc = roc_auc_score(truth[judged], p[judged])
    if adds:
        best = max((f1(hits | (judged & (p >= t)), truth), t) for t in [*np.arange(0.3, 1.0, 0.05), 1.01])
        what = f"pairs without a hit {judged.sum()}, gold among them {(judged & truth).sum()}"
    else:
        best = max((f1(hits & (p >= t), truth), t) for t in [0.0, *np.arange(0.05, 0.95, 0.05)])
        what = f"hit pairs {judged.sum()}, wrong {(judged & ~truth).sum()}"
    return f"  {name:<26}{dim:<14}{what:<44} AUC {auc:.3f}  rules F1 {f1(hits, truth):.3f}  best in hindsight {best[0]:.3f} (at {best[1]:.2f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vectors", type=Path, default=Path("/tmp/reformtrace-vectors"))
    args = parser.parse_args()
    inputs = load_inputs(args.vectors)
    taxonomy, rules, ex, vectors, mean = inputs.taxonomy, inputs.rules, inputs.examples, inputs.vectors, inputs.mean
    ctx = context_vectors(rules, inputs.texts(), ex.labels, vectors, inputs.freq)
    weak = weak_model(inputs.corpus, ex.labels, vectors, inputs.freq)(mean)
    hits = rule_hits(ex.analyses, ex.labels)

    def pooled(F):
        return logo(ex, lambda tr, te: classify_pooled.fit_predict(ex, F, hits, tr, te))

    def adder(dense):
        variants = {"a": (None, dense)}
        return logo(ex, lambda tr, te: classify_vectors.fit_predict(ex, variants, tr, te)["a"][1])

    verifiers = {
        "tf-idf per label": held_out_scores(ex.analyses, ex.targets, ex.reports, ex.labels, nested=False, weights=ex.weights),
        "one model, no vectors": pooled(classify_pooled.pair_features(ex, None, None, None)),
        "one model, vectors": pooled(classify_pooled.pair_features(ex, ctx, mean, cue_centroids(rules, ex.labels, vectors))),
    }
    adders = {
        "tf-idf per label": adder(np.zeros((len(ex.ids), 1), np.float32)),
        "tf-idf + mean + weak": adder(np.hstack([mean, weak])),
        "weak supervision alone": weak,
    }
    dims = np.array([taxonomy.dimension_of(label) for label in ex.labels])
    truth = ex.targets == 1
    print(f"{len(ex.ids)} training passages, leave one group out; thresholds chosen in hindsight (an upper bound)")
    for dim in ("goals", "interventions"):
        cols = dims == dim
        print(f"  {'perfect verifier':<26}{dim:<14}rules F1 {f1(hits[:, cols], truth[:, cols]):.3f} -> {f1(hits[:, cols] & truth[:, cols], truth[:, cols]):.3f}")
    print("verifiers (keep or veto a rule hit):")
    for name, p in verifiers.items():
        for dim in ("goals", "interventions"):
            cols = dims == dim
            print(line(name, dim, p[:, cols], hits[:, cols], truth[:, cols], adds=False))
    print("adders (a label without a rule hit):")
    for name, q in adders.items():
        for dim in ("goals", "interventions"):
            cols = dims == dim
            print(line(name, dim, q[:, cols], hits[:, cols], truth[:, cols], adds=True))


if __name__ == "__main__":
    main()
