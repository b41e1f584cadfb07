"""`reformtrace train`: rebuild the goal and intervention classifier from the
annotations, with its model card (deterministic: same annotations, same files)."""
from __future__ import annotations

import argparse
import hashlib
import os
import platform
import time
from importlib import metadata
from pathlib import Path

from typing import TYPE_CHECKING

from reformtrace import __version__

if TYPE_CHECKING:
    from reformtrace.annotate import classifier

CARD_TEMPLATE = Path(__file__).resolve().parent.parent / "data" / "model_card.md"
LIBRARIES = ("scikit-learn", "numpy", "scipy", "marisa-trie")


def add_parser(sub) -> argparse.ArgumentParser:
    parser = sub.add_parser(
        "train",
        help="train the goal/intervention classifier from annotations/passages.jsonl, unseen/tune.jsonl and unseen/train.jsonl",
        description="Train the goal and intervention classifier from the hand-labelled passages, "
        "measure it cross-validated (leave one report or fold out) and on the held-out files, and write the model and its card to the model folder.",
    )
    parser.add_argument("--annotations", help="a folder of labelled passages (its passages.jsonl, unseen/tune.jsonl and unseen/train.jsonl; default: annotations) or one JSONL file")
    parser.add_argument("--out", help="model folder (default: pipeline/data/model/)")
    parser.add_argument("--verdicts", type=Path, help="an evaluator's verdicts (CSV, as `run --verdicts` reads): a wrong row is a negative for its label, a correct row a positive")
    parser.add_argument("--evidence", type=Path, default=Path("out"), help="the run whose evidence rows the verdicts name (default: out)")
    return parser


def main(args: argparse.Namespace) -> int:
    # scikit-learn and spaCy load here, not when the CLI starts
    from reformtrace.annotate import DEFAULT_MODEL_DIR, classifier
    from reformtrace.annotate.classify_eval import classify_held_out, evaluation, read_training, training_files
    from reformtrace.annotate.rules import Rules
    from reformtrace.annotate.taxonomy import load_taxonomy

    taxonomy = load_taxonomy()
    given = Path(args.annotations or "annotations")
    paths = training_files(given)
    held_out = classify_held_out(given, paths)
    rules = Rules(taxonomy)
    examples, taught = read_training(paths, rules), None
    if args.verdicts:
        examples, taught = _with_verdicts(args.verdicts, args.evidence, paths, held_out, rules)
        print(f"{args.verdicts}: {taught['negatives']} label negatives, {taught['positives']} positives, {taught['added']} passages added, {taught['changed']} changed", flush=True)
    info = {"passages": len(examples.ids), "groups": sorted(set(examples.reports)), "settings": settings(), "versions": versions()}
    model = examples.train(info)
    print(f"{', '.join(map(str, paths))}: trained; cross-validating (leave one group out), then the held-out tests ...", flush=True)
    lines = evaluation(examples, rules, held_out, model)
    out = Path(args.out or DEFAULT_MODEL_DIR)
    model.save(out)
    card = out / "MODEL_CARD.md"
    card.write_text(model_card(model, paths, examples.files, "\n".join(lines), args.verdicts, taught), encoding="utf-8")
    print("\n".join(lines))
    print(f"\nwrote {out / classifier.JSON_NAME}, {out / classifier.ARRAYS_NAME}, {card}")
    return 0


def _with_verdicts(verdicts: Path, evidence: Path, paths: list[Path], held_out: list[Path], rules):
    """The training examples with the verdicts' word on them (pipeline/teach.py): each file's
    passages changed where the verdicts say; the passages they add join the first file's
    (the bundled reports', which they are like)."""
    from reformtrace.annotate.classify_eval import held_out_rows, read_examples, read_training
    from reformtrace.segment import clean_passage_text
    from reformtrace.teach import examples, load_evidence
    from reformtrace.verdicts import read_verdicts

    files = [read_examples(path, rules.taxonomy) for path in paths]
    unseen = [row["text"] for file in held_out for row in held_out_rows(file, rules.taxonomy)]
    taught, counts = examples(read_verdicts(verdicts), load_evidence(evidence), [row for rows in files for row in rows], unseen, clean_passage_text)
    ends = [sum(map(len, files[: i + 1])) for i in range(len(files))]
    changed = [taught[end - len(rows): end] for rows, end in zip(files, ends)]
    changed[0] += taught[ends[-1]:]
    return read_training(paths, rules, changed), counts


def settings() -> dict:
    from reformtrace.annotate import classifier
    from reformtrace.annotate.classify_eval import NEW_SOURCE_WEIGHT

    return {
        "terms": "lemma units" + (f" and character {classifier.CHAR_NGRAMS}-grams" if classifier.CHAR_NGRAMS else ""),
        "min_df": classifier.MIN_DF,
        "C": classifier.C,
        "class_weight": classifier.CLASS_WEIGHT,
        "min_positives": classifier.MIN_POSITIVES,
        "rules_margin": classifier.RULES_MARGIN,
        "new_source_weight": NEW_SOURCE_WEIGHT,
    }


def versions() -> dict:
    return {"python": platform.python_version(), "reformtrace": __version__, **{lib: metadata.version(lib) for lib in LIBRARIES}}


def model_card(model: classifier.Model, paths: list[Path], files: list[str], evaluation: str, verdicts: Path | None = None, taught: dict | None = None) -> str:
    """The card: data (and verdicts), date, settings, thresholds, cross-validated figures, versions.
    The date is SOURCE_DATE_EPOCH's when set, so a rebuild can be byte-identical."""
    from reformtrace.teach import card_lines

    stamp = int(os.environ.get("SOURCE_DATE_EPOCH", time.time()))
    counts = {name: files.count(name) for name in dict.fromkeys(files)}
    data = "\n".join(
        f"- `{path.as_posix()}` (sha256 `{hashlib.sha256(path.read_bytes()).hexdigest()}`): {n} passages"
        for path, n in zip(paths, counts.values())
    )
    return CARD_TEMPLATE.read_text(encoding="utf-8").format(
        data=data,
        n_passages=len(files),
        groups=", ".join(model.info["groups"]),
        verdicts=card_lines(verdicts, hashlib.sha256(verdicts.read_bytes()).hexdigest() if verdicts else "", taught),
        date=time.strftime("%Y-%m-%d", time.gmtime(stamp)),
        settings="\n".join(f"- {k}: {v}" for k, v in model.info["settings"].items()),
        decisions="\n".join(_decision_line(model, label) for label in model.labels),
        evaluation=evaluation,
        versions="\n".join(f"- {k}: {v}" for k, v in model.info["versions"].items()),
    )


def _decision_line(model: classifier.Model, label: str) -> str:
    return f"- {label}: {model.decides(label)}"
