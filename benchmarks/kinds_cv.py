"""Do the kind rules carry over? The hand rules, a smaller set of them and a learned classifier, compared on every
readable kind judgement (kinds_gold.py), cross-validated in folds grouped by source document.

`python -m benchmarks.kinds_cv [--annotations annotations] [--cues]` prints the rules' accuracy by genre and
document, then the comparison by gold set (with --cues, what each cue decides, left out in turn). The hand rules were written from most of these passages (all but kinds-check), so their
figure here is a tuned-on one; the learned models' figures are honest estimates for documents left out of training.
"""
from __future__ import annotations

import argparse
import json
import re
import tempfile
from collections import Counter, defaultdict
from contextlib import contextmanager
from pathlib import Path

from reformtrace.annotate import kinds
from reformtrace.annotate.kinds import strongest
from reformtrace.annotate.evidence_eval import kinds_study
from benchmarks.kinds_features import GROUPS, features
from benchmarks.kinds_gold import Example, annotate, pooled

FOLDS = 5
MANY = 8  # judgements of a document for its own figure
C = 0.3  # the logistic regressions' inverse regularisation (0.1 to 10 tried: 0.3 at or near the best of each)
# the simplified rules: the most general cues of each group of data/evidence_kinds.toml, by their place in its lists:
# figures, a number changed, a result shown, "jämfört med"; the perfect and past of starting, working on, in place;
# "ska", intent and future, proposals and remits; needs, "bör"/"behöver", importance, denied steps, "kan" + verb
SIMPLIFIED = {"measured": [0, 1, 2, 5, 12], "done": [0, 1, 2, 3], "planned": [0, 1, 2, 5, 6],
              "mentioned": [0, 1, 2, 6, 10], "events": [0], "thresholds": [2, 3]}
PER_CUE = re.compile(r"\.\d+$")  # a single cue's feature ("planned.3"), beside its group's ("planned")
NOTHING = "(?!)"  # a pattern that matches nowhere
SETS = ("all", "bundled reports", "government texts", "attribution", "judged", "kinds-study", "kinds-check", "kinds2-study")


def gold_set(e: Example) -> str:
    if e.set == "kinds":
        return "kinds-study" if kinds_study(e.pid) else "kinds-check"
    return e.set


@contextmanager
def rules_file(path: Path):
    """kinds.py reading its cues from another file for a while."""
    old = kinds.KINDS_FILE
    kinds.read_rules_from(path)
    try:
        yield
    finally:
        kinds.read_rules_from(old)


def cues_file(path: Path, keep) -> Path:
    """evidence_kinds.toml with only the cues `keep(group, i)` keeps (a group left with none matches nothing)."""
    import tomllib

    data = tomllib.loads(kinds.KINDS_FILE.read_text(encoding="utf-8"))
    lines = [f"{key} = {json.dumps(data[key])}" for key in ("order", "default", "default_no_region", "strength")]
    lines += ["[clauses]", f"boundaries = {json.dumps(data['clauses']['boundaries'])}"]
    for group in GROUPS:
        kept = [p for i, p in enumerate(data[group]["patterns"]) if keep(group, i)] or [NOTHING]
        lines += [f"[{group}]", f"patterns = {json.dumps(kept)}"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def simplified_file(folder: Path) -> Path:
    """evidence_kinds.toml with only the SIMPLIFIED cues of each group."""
    return cues_file(folder / "simplified.toml", lambda group, i: i in SIMPLIFIED[group])


def each_cue(examples: list[Example]) -> None:
    """What each cue decides: the judgements the rules get right without it that they got wrong, and the reverse."""
    import tomllib

    data = tomllib.loads(kinds.KINDS_FILE.read_text(encoding="utf-8"))
    now = [strongest([c[4] for c in e.calls]) for e in examples]
    print("\neach cue of evidence_kinds.toml left out in turn: judgements it decides wrong (+, right without it) and right (-)")
    with tempfile.TemporaryDirectory() as folder:
        for group in GROUPS:
            for i, pattern in enumerate(data[group]["patterns"]):
                with rules_file(cues_file(Path(folder) / "cues.toml", lambda g, j: (g, j) != (group, i))):
                    without = by_rules(examples)
                won = [j for j, e in enumerate(examples) if without[j] == e.gold != now[j]]
                lost = [j for j, e in enumerate(examples) if now[j] == e.gold != without[j]]
                where = ", ".join(f"{name} {n}" for name, n in sorted(Counter(gold_set(examples[j]) for j in lost).items()))
                print(f"  {group}.{i}: +{len(won)} -{len(lost)}{f' ({where})' if where else ''}  {pattern[:60]}")


def by_rules(examples: list[Example]) -> list[str]:
    """Each example's kind by the rules kinds.py reads now: the strongest of its credits'."""
    return [strongest([kinds.credit_kind(e.clean, *c[:4]) if c[0] is not None else c[4] for c in e.calls]) for e in examples]


def learned(examples: list[Example], drop: re.Pattern | None, with_rules: bool) -> list[str]:
    """Each example's kind by a logistic regression over its credits' features, trained on the other folds' documents."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    def of(e: Example, c) -> dict[str, float] | None:
        if c[0] is None:
            return None
        f = features(e.clean, *c[:4], rules=c[4] if with_rules else None)
        return {k: v for k, v in f.items() if not (drop and drop.search(k))}

    feats = [[of(e, c) for c in e.calls] for e in examples]
    out: list[str] = [""] * len(examples)
    for train, test in GroupKFold(FOLDS).split(examples, groups=[e.document for e in examples]):
        rows = [(f, examples[i].gold) for i in train for f in feats[i] if f is not None]
        vec = DictVectorizer()
        model = LogisticRegression(C=C, max_iter=2000).fit(vec.fit_transform([f for f, _ in rows]), [g for _, g in rows])
        for i in test:
            out[i] = strongest([model.predict(vec.transform([f]))[0] if f is not None else c[4]
                                for f, c in zip(feats[i], examples[i].calls)])
    return out


def _line(name: str, idx: list[int], predictions: dict[str, list[str]], examples: list[Example]) -> str:
    cells = ""
    for p in predictions.values():
        right = sum(p[i] == examples[i].gold for i in idx)
        cells += f"{f'{right}/{len(idx)} ({right / len(idx):.3f})':>24}"
    return f"{name:<28}{cells}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.kinds_cv", description=__doc__.splitlines()[0])
    parser.add_argument("--annotations", default="annotations")
    parser.add_argument("--cues", action="store_true", help="also what each cue decides, each left out in turn")
    args = parser.parse_args(argv)
    examples = annotate(pooled(Path(args.annotations)))
    predictions = {"rules as they are": [strongest([c[4] for c in e.calls]) for e in examples]}
    with tempfile.TemporaryDirectory() as folder, rules_file(simplified_file(Path(folder))):
        predictions["rules simplified"] = by_rules(examples)
    predictions["learned, cue groups"] = learned(examples, PER_CUE, False)
    predictions["learned, every cue"] = learned(examples, None, False)
    predictions["learned, groups + rules"] = learned(examples, PER_CUE, True)
    sets: dict[str, list[int]] = defaultdict(list)
    genres: dict[str, list[int]] = defaultdict(list)
    for i, e in enumerate(examples):
        for name in ("all", gold_set(e), "bundled reports" if e.genre == "bundled report" else "government texts"):
            sets[name].append(i)
        genres[e.genre].append(i)
    print(f"{len(examples)} kind judgements on {len({e.document for e in examples})} documents; the hand rules by genre:")
    for genre, idx in sorted(genres.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        print(_line(genre, idx, {"rules": predictions["rules as they are"]}, examples))
    documents: dict[str, list[int]] = defaultdict(list)
    for i, e in enumerate(examples):
        documents[e.document].append(i)
    share = sorted(sum(predictions["rules as they are"][i] == examples[i].gold for i in idx) / len(idx)
                   for idx in documents.values() if len(idx) >= MANY)
    print(f"the hand rules on each of the {len(share)} documents with {MANY} or more judgements: lowest {share[0]:.2f}, "
          f"median {share[len(share) // 2]:.2f}, {sum(s < 0.85 for s in share)} below 0.85")
    print(f"\ncross-validated, {FOLDS} folds grouped by document (the hand rules were written from all but kinds-check):")
    print(f"{'':<28}" + "".join(f"{name:>24}" for name in predictions))
    for name in SETS:
        print(_line(name, sets[name], predictions, examples))
    if args.cues:
        each_cue(examples)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
