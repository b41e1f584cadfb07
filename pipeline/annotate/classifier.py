"""The trained layer: a verifier per label, a logistic regression over tf-idf of the
lemma units of a passage's words, that says whether a rule hit is evidence.

The rules find the cues; whether a passage that has one is about the label is
what a lexicon cannot say: "samverkan" with the police, staff supply in health
care as a whole (no resources to primary care), "förebygga" fraud. Each label's
model is fitted on the training passages where its rules fire, to tell the
passages that are about the label from those that only use its words, and a
rule hit stands where its probability is at least the label's `keep` threshold.
The threshold is chosen on held-out predictions of the training data (leave one
report or fold out); 0, the rules alone, unless the model gains RULES_MARGIN F1.
The model never adds a label the rules did not find: fitted on the passages of
every label it added more false labels than it found (cross-validated on the
tune passages).

The saved model is plain data, no pickle: `classifier.json` (labels, thresholds,
vocabulary, settings) and `classifier.npz` (idf, weights), written byte for byte
the same from the same annotations.
"""
from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path

import numpy as np

from reformtrace.annotate.rules import Analysis

FORMAT = 3
# terms are lemma units only: character n-grams (3-5) made the model ten times larger and no
# better a judge on the tune passages (goals 0.63 either way)
CHAR_NGRAMS: tuple[int, int] | None = None
MIN_DF = 2
C = 1.0  # 0.3 and 4 did as well cross-validated on the tune passages; 1 is the middle
CLASS_WEIGHT: str | None = "balanced"
MIN_POSITIVES = 3  # fewer passages with a hit that is (or is not) the label: its rules decide alone
RULES_MARGIN = 0.02  # F1 the model must gain over the rules, held out, to have a say (ties and small gains go to the rules)
KEEP = tuple(np.round(np.arange(0.05, 0.61, 0.05), 2))  # thresholds for a rule hit to stand
JSON_NAME, ARRAYS_NAME = "classifier.json", "classifier.npz"


def token_terms(token: str, units: Sequence[str]) -> list[str]:
    """The terms a token contributes: its units (and the character n-grams of its lower case
    where CHAR_NGRAMS is set)."""
    terms = [f"u:{u}" for u in units]
    if CHAR_NGRAMS:
        padded = f" {token.lower()} "
        terms += [f"c:{padded[i : i + n]}" for n in range(CHAR_NGRAMS[0], CHAR_NGRAMS[1] + 1) for i in range(len(padded) - n + 1)]
    return terms


@dataclass
class Model:
    labels: list[str]
    vocabulary: list[str]
    idf: np.ndarray  # (n_terms,)
    coef: np.ndarray  # (n_labels, n_terms); a row of zeros: no model for the label
    intercept: np.ndarray  # (n_labels,)
    thresholds: dict[str, dict[str, float]]  # label -> {"keep": ..} (see the module's docstring)
    info: dict  # training data, settings, versions, cross-validated figures

    def __post_init__(self) -> None:
        self._index = {term: i for i, term in enumerate(self.vocabulary)}
        self.memo: dict[tuple[str, tuple[str, ...]], bytes] = {}  # (form, units) -> its terms' columns (int64): bytes pickle ten times faster than arrays

    @cached_property
    def _term_weights(self) -> np.ndarray:
        """(n_terms, n_labels) float64: a passage's scores gather its terms' rows. Read
        from `coef` once: a model's arrays do not change after it has predicted (`fit`
        returns a fresh model once its weights are set)."""
        return np.ascontiguousarray(self.coef[:, : len(self.vocabulary)].T, np.float64)

    # ---------------------------------------------------------------- features

    def tfidf(self, analyses: Sequence[Analysis]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """tf-idf (sublinear, l2) of units and n-grams as (row starts, term columns,
        weights), rows in order and columns sorted within a row: a CSR matrix's parts.
        Each distinct word (form and units) has its terms listed once per batch, not once
        per occurrence."""
        slot: dict[tuple[str, tuple[str, ...]], int] = {}  # word -> its place in `terms`
        terms: list[bytes] = []  # each distinct word's columns (int64)
        forms: list[int] = []  # per token occurrence, its word
        for analysis in analyses:
            for word in zip(analysis.tokens, analysis.units):
                j = slot.get(word)
                if j is None:
                    j = slot[word] = len(terms)
                    terms.append(self._terms_of(word))
                forms.append(j)
        occurrence_rows = np.repeat(np.arange(len(analyses)), [len(a.tokens) for a in analyses])
        # the distinct words' columns in one array; each occurrence takes its word's stretch of it
        lengths = np.array([len(t) for t in terms], np.int64) // 8
        first = np.cumsum(lengths) - lengths  # where each word's columns start in `flat`
        flat = np.frombuffer(b"".join(terms), np.int64)
        word_of = np.array(forms, np.int64)
        sizes = lengths[word_of]
        rows = np.repeat(occurrence_rows, sizes)
        columns = flat[np.repeat(first[word_of] - (np.cumsum(sizes) - sizes), sizes) + np.arange(sizes.sum())]
        keys, counts = np.unique(rows * len(self.vocabulary) + columns, return_counts=True)
        rows, columns = keys // len(self.vocabulary), keys % len(self.vocabulary)
        weights = (1.0 + np.log(counts.astype(np.float32))) * self.idf[columns]
        indptr = np.searchsorted(rows, np.arange(len(analyses) + 1))
        norms = np.sqrt(np.bincount(rows, weights=weights * weights, minlength=len(analyses))).astype(np.float32)
        norms[norms == 0] = 1.0
        return indptr, columns, weights * (1.0 / norms)[rows]

    def features(self, analyses: Sequence[Analysis]):
        """The training design matrix (scipy CSR): tf-idf of the passages' terms."""
        import scipy.sparse as sp  # training only: coding needs numpy alone

        indptr, columns, weights = self.tfidf(analyses)
        return sp.csr_matrix((weights, columns, indptr), shape=(len(analyses), len(self.vocabulary)), dtype=np.float32)

    def _terms_of(self, word: tuple[str, tuple[str, ...]]) -> bytes:
        """The columns of a word's terms (int64 bytes). A word is its form and its units: the units of
        a truncated compound come from its context ("vård- och omsorgsboende")."""
        found = self.memo.get(word)
        if found is None:
            found = self.memo[word] = np.array([self._index[t] for t in token_terms(*word) if t in self._index], np.int64).tobytes()
        return found

    # ---------------------------------------------------------------- predict

    def probabilities(self, analyses: Sequence[Analysis]) -> np.ndarray:
        """(n_passages, n_labels) model probabilities (0.0 for labels the model was not fit for).
        The linear scores are summed per passage over its terms, in float64."""
        if not analyses:
            return np.zeros((0, len(self.labels)))
        indptr, columns, weights = self.tfidf(analyses)
        weights = weights.astype(np.float64)
        z = np.array([weights[a:b] @ self._term_weights[columns[a:b]] for a, b in zip(indptr[:-1], indptr[1:])])
        z = z.reshape(len(analyses), len(self.labels))
        p = 1.0 / (1.0 + np.exp(-(z + self.intercept.astype(np.float64))))
        p[:, [j for j, label in enumerate(self.labels) if not self.coef[j].any()]] = 0.0
        return p

    def scores(self, analyses: Sequence[Analysis], p: np.ndarray | None = None) -> np.ndarray:
        """(n_passages, n_labels) decision scores in [0, 1]; a label is given at 0.5 or more.
        Without a plain rule hit 0.0; with one 1.0 where the label's rules decide alone, else
        the probability mapped linearly so that `keep` lands on 0.5."""
        p = self.probabilities(analyses) if p is None else p
        hits = rule_hits(analyses, self.labels)
        out = np.zeros(p.shape)
        for j, label in enumerate(self.labels):
            out[:, j] = np.where(hits[:, j], _scale(p[:, j], self.thresholds[label]["keep"]), 0.0)
        return out

    def decides(self, label: str) -> str:
        """How a label decides, in words (the model card's and the evidence's)."""
        keep = self.thresholds[label]["keep"]
        return f"rules where p >= {keep:.2f}" if keep else "rules"

    # ---------------------------------------------------------------- save / load

    def save(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        meta = {
            "format": FORMAT,
            "labels": self.labels,
            "thresholds": self.thresholds,
            "info": self.info,
            "vocabulary": self.vocabulary,
        }
        (directory / JSON_NAME).write_text(json.dumps(meta, ensure_ascii=False, indent=1, sort_keys=True) + "\n")
        _write_npz(directory / ARRAYS_NAME, idf=self.idf, coef=self.coef, intercept=self.intercept)

    @staticmethod
    def exists(directory: Path) -> bool:
        return (directory / JSON_NAME).is_file() and (directory / ARRAYS_NAME).is_file()

    @classmethod
    def load(cls, directory: Path) -> "Model":
        meta = json.loads((directory / JSON_NAME).read_text(encoding="utf-8"))
        if meta.get("format") != FORMAT:
            raise ValueError(f"{directory / JSON_NAME}: model format {meta.get('format')}, expected {FORMAT}; retrain")
        with np.load(directory / ARRAYS_NAME) as arrays:
            idf, coef, intercept = arrays["idf"], arrays["coef"], arrays["intercept"]
        return cls(meta["labels"], meta["vocabulary"], idf, coef, intercept, meta["thresholds"], meta["info"])


def _scale(p: np.ndarray, threshold: float) -> np.ndarray:
    """A probability mapped to a score so that `threshold` lands on 0.5 (0 threshold: 1.0)."""
    if threshold <= 0.0:
        return np.ones_like(p)
    return np.where(p < threshold, 0.5 * p / threshold, 0.5 + 0.5 * (p - threshold) / (1.0 - threshold))


def _write_npz(path: Path, **arrays: np.ndarray) -> None:
    """np.savez, but with fixed zip timestamps so the same arrays give the same bytes."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, array in sorted(arrays.items()):
            buffer = io.BytesIO()
            np.lib.format.write_array(buffer, np.ascontiguousarray(array), allow_pickle=False)
            archive.writestr(zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0)), buffer.getvalue())


# -------------------------------------------------------------------- training


def fit(analyses: Sequence[Analysis], targets: np.ndarray, labels: list[str], info: dict, weights: np.ndarray | None = None) -> Model:
    """Fit vocabulary and idf on the passages, and each label's verifier on the passages where
    its rules fire (deterministic); every label decides by its rules alone until `train`
    chooses better."""
    from sklearn.linear_model import LogisticRegression  # training only: coding needs numpy alone

    cache: dict[tuple[str, tuple[str, ...]], list[str]] = {}
    df: dict[str, int] = {}
    for analysis in analyses:
        terms = set()
        for word in zip(analysis.tokens, analysis.units):
            if word not in cache:
                cache[word] = token_terms(*word)
            terms.update(cache[word])
        for term in terms:
            df[term] = df.get(term, 0) + 1
    vocabulary = sorted(term for term, count in df.items() if count >= MIN_DF)
    n = len(analyses)
    idf = np.array([np.log((1 + n) / (1 + df[t])) + 1.0 for t in vocabulary], np.float32)
    coef = np.zeros((len(labels), len(vocabulary)), np.float32)
    rules = {label: {"keep": 0.0} for label in labels}
    model = Model(labels, vocabulary, idf, coef, np.zeros(len(labels), np.float32), rules, info)
    X = model.features(analyses)
    hits = rule_hits(analyses, labels)
    for j, label in enumerate(labels):
        rows = np.flatnonzero(hits[:, j])
        y = targets[rows, j]
        if y.sum() < MIN_POSITIVES or len(y) - y.sum() < MIN_POSITIVES:
            continue
        clf = LogisticRegression(C=C, solver="liblinear", class_weight=CLASS_WEIGHT, random_state=0, max_iter=1000)
        clf.fit(X[rows], y, sample_weight=None if weights is None else weights[rows])
        model.coef[j] = clf.coef_[0]
        model.intercept[j] = clf.intercept_[0]
    return replace(model)  # a fresh instance: nothing computed from the zero weights is kept


def choose_decisions(p: np.ndarray, hits: np.ndarray, y: np.ndarray, labels: Sequence[str], weights: np.ndarray | None = None,
                     parts: Sequence[str] | None = None) -> dict[str, dict[str, float]]:
    """Per label, the `keep` threshold with the best F1 on held-out predictions, each passage
    counted with its weight, among those under which no part of the data (an annotation file:
    the bundled reports, other publishers) scores lower than with the rules alone. The rules
    (keep 0) win ties and any gain below RULES_MARGIN; then the lower threshold."""
    out = {}
    w = np.ones(len(y)) if weights is None else np.asarray(weights, float)
    parts = np.zeros(len(y), int) if parts is None else np.asarray(parts)
    masks = [parts == part for part in sorted(set(parts.tolist()))]
    for j, label in enumerate(labels):
        truth, hit = y[:, j] == 1, hits[:, j].astype(bool)
        floor = [_f1(hit[m], truth[m], w[m]) for m in masks]
        best = (_f1(hit, truth, w) + RULES_MARGIN, 1, 0.0)
        for keep in KEEP:
            kept = hit & (p[:, j] >= keep)
            if all(_f1(kept[m], truth[m], w[m]) >= low for m, low in zip(masks, floor)):
                best = max(best, (_f1(kept, truth, w), 0, -keep))
        out[label] = {"keep": float(-best[2])}
    return out


def _f1(predicted: np.ndarray, truth: np.ndarray, weights: np.ndarray | None = None) -> float:
    w = np.ones(len(truth)) if weights is None else weights
    tp = float(w[predicted & truth].sum())
    return round(2 * tp / (w[predicted].sum() + w[truth].sum()), 6) if tp else 0.0


def held_out_scores(analyses: Sequence[Analysis], targets: np.ndarray, groups: Sequence[str], labels: list[str], nested: bool,
                    weights: np.ndarray | None = None, parts: Sequence[str] | None = None) -> np.ndarray:
    """Leave one group (report) out: the scores of every passage from a model that never
    saw its group. `nested` chooses each fold's thresholds on that fold's own training
    groups (the honest figure); otherwise the scores are the bare probabilities."""
    out = np.zeros(targets.shape)
    groups = np.asarray(groups)
    for group in sorted(set(groups)):
        train_idx = np.flatnonzero(groups != group)
        test_idx = np.flatnonzero(groups == group)
        sub = [analyses[i] for i in train_idx]
        w = None if weights is None else weights[train_idx]
        if nested:
            part = None if parts is None else [parts[i] for i in train_idx]
            model = train(sub, targets[train_idx], groups[train_idx], labels, {}, w, part)
        else:
            model = fit(sub, targets[train_idx], labels, {}, w)
        held_out = [analyses[i] for i in test_idx]
        out[test_idx] = model.scores(held_out) if nested else model.probabilities(held_out)
    return out


def rule_hits(analyses: Sequence[Analysis], labels: Sequence[str]) -> np.ndarray:
    return np.array([[label in a.labels for label in labels] for a in analyses], bool).reshape(len(analyses), len(labels))


def train(analyses: Sequence[Analysis], targets: np.ndarray, groups: Sequence[str], labels: list[str], info: dict,
          weights: np.ndarray | None = None, parts: Sequence[str] | None = None) -> Model:
    """Thresholds from leave-one-group-out predictions, then a model on all passages. `weights`
    count a passage more in fitting and in choosing thresholds (texts of other publishers);
    `parts` name the parts of the data none of which a threshold may make worse."""
    weights = None if weights is None else np.asarray(weights, float)
    model = fit(analyses, targets, labels, info, weights)
    if len(set(groups)) > 1:
        p = held_out_scores(analyses, targets, groups, labels, nested=False, weights=weights)
        chosen = choose_decisions(p, rule_hits(analyses, labels), targets, labels, weights, parts)
        model.thresholds = {label: chosen[label] if model.coef[j].any() else model.thresholds[label] for j, label in enumerate(labels)}
    return model
