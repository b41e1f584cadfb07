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

from pipeline import __version__

if TYPE_CHECKING:
    from pipeline.annotate import classifier

CARD_TEMPLATE = Path(__file__).resolve().parent.parent / "data" / "model_card.md"
LIBRARIES = ("scikit-learn", "numpy", "scipy", "marisa-trie")


def add_parser(sub) -> argparse.ArgumentParser:
    parser = sub.add_parser(
        "train",
        help="train the goal/intervention classifier from annotations/passages.jsonl",
        description="Train the goal and intervention classifier from the hand-labelled passages, "
        "measure it leave-one-report-out, and write the model and its card to the model folder.",
    )
    parser.add_argument("--annotations", help="labelled passages (JSONL; default: annotations/passages.jsonl)")
    parser.add_argument("--out", help="model folder (default: models/)")
    parser.add_argument("--verdicts", type=Path, help="an evaluator's verdicts (CSV, as `run --verdicts` reads): a wrong row is a negative for its label, a correct row a positive")
    parser.add_argument("--evidence", type=Path, default=Path("out"), help="the run whose evidence rows the verdicts name (default: out)")
    return parser


def main(args: argparse.Namespace) -> int:
    # scikit-learn and spaCy load here, not when the CLI starts
    from pipeline.annotate import DEFAULT_MODEL_DIR, classifier
    from pipeline.annotate.classify_eval import PASSAGES, evaluation, held_out_files, prepare, read_examples
    from pipeline.annotate.rules import Rules
    from pipeline.annotate.taxonomy import load_taxonomy

    taxonomy = load_taxonomy()
    given = Path(args.annotations or f"annotations/{PASSAGES}")
    path, folder = (given / PASSAGES, given) if given.is_dir() else (given, given.parent)
    held_out = [p for p in held_out_files(folder) if p.resolve() != path.resolve()]
    rules = Rules(taxonomy)
    rows, taught = read_examples(path, taxonomy), None
    if args.verdicts:
        rows, taught = _with_verdicts(args.verdicts, args.evidence, rows, held_out)
        print(f"{args.verdicts}: {taught['negatives']} label negatives, {taught['positives']} positives, {taught['added']} passages added, {taught['changed']} changed", flush=True)
    examples = prepare(rows, rules)
    info = {"passages": len(examples.ids), "reports": sorted(set(examples.reports)), "settings": settings(), "versions": versions()}
    model = classifier.train(examples.analyses, examples.targets, examples.reports, examples.labels, info)
    print(f"{path}: trained; cross-validating (leave one report out), then the held-out tests ...", flush=True)
    lines = evaluation(examples, rules, held_out, model)
    out = Path(args.out or DEFAULT_MODEL_DIR)
    model.save(out)
    card = out / "MODEL_CARD.md"
    card.write_text(model_card(model, path, examples.reports, "\n".join(lines), args.verdicts, taught), encoding="utf-8")
    print("\n".join(lines))
    print(f"\nwrote {out / classifier.JSON_NAME}, {out / classifier.ARRAYS_NAME}, {card}")
    return 0


def _with_verdicts(verdicts: Path, evidence: Path, rows: list[dict], held_out: list[Path]) -> tuple[list[dict], dict]:
    """The labelled passages with the verdicts' examples (pipeline/teach.py)."""
    from pipeline.annotate.regions_eval import read_gold
    from pipeline.segment import clean_passage_text
    from pipeline.teach import examples, load_evidence
    from pipeline.verdicts import read_verdicts

    unseen = [row["text"] for file in held_out for row in read_gold(file)]
    return examples(read_verdicts(verdicts), load_evidence(evidence), rows, unseen, clean_passage_text)


def settings() -> dict:
    from pipeline.annotate import classifier

    return {
        "char_ngrams": list(classifier.CHAR_NGRAMS),
        "min_df": classifier.MIN_DF,
        "C": classifier.C,
        "class_weight": classifier.CLASS_WEIGHT,
        "rule_weight": classifier.RULE_WEIGHT,
        "min_positives": classifier.MIN_POSITIVES,
    }


def versions() -> dict:
    return {"python": platform.python_version(), "reformtrace": __version__, **{lib: metadata.version(lib) for lib in LIBRARIES}}


def model_card(model: classifier.Model, annotations: Path, reports: list[str], evaluation: str, verdicts: Path | None = None, taught: dict | None = None) -> str:
    """The card: data (and verdicts), date, settings, thresholds, cross-validated figures, versions.
    The date is SOURCE_DATE_EPOCH's when set, so a rebuild can be byte-identical."""
    from pipeline.teach import card_lines

    stamp = int(os.environ.get("SOURCE_DATE_EPOCH", time.time()))
    counts = {r: reports.count(r) for r in sorted(set(reports))}
    return CARD_TEMPLATE.read_text(encoding="utf-8").format(
        annotations=annotations.as_posix(),
        sha256=hashlib.sha256(annotations.read_bytes()).hexdigest() if annotations.is_file() else "-",
        n_passages=len(reports),
        n_reports=len(counts),
        per_report=", ".join(f"{r} ({n})" for r, n in counts.items()),
        verdicts=card_lines(verdicts, hashlib.sha256(verdicts.read_bytes()).hexdigest() if verdicts else "", taught),
        date=time.strftime("%Y-%m-%d", time.gmtime(stamp)),
        settings="\n".join(f"- {k}: {v}" for k, v in model.info["settings"].items()),
        decisions="\n".join(_decision_line(model, label) for label in model.labels),
        evaluation=evaluation,
        versions="\n".join(f"- {k}: {v}" for k, v in model.info["versions"].items()),
    )


def _decision_line(model: classifier.Model, label: str) -> str:
    mode = model.modes[label]
    threshold = "" if mode == "rules" else f", threshold {model.thresholds[label]:.2f}"
    return f"- {label}: {mode}{threshold}"
