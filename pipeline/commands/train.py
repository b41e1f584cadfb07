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
        help="train the goal/intervention classifier from annotations/passages.jsonl and unseen/tune.jsonl",
        description="Train the goal and intervention classifier from the hand-labelled passages, "
        "measure it cross-validated (leave one report or fold out) and on the held-out files, and write the model and its card to the model folder.",
    )
    parser.add_argument("--annotations", help="a folder of labelled passages (its passages.jsonl and unseen/tune.jsonl; default: annotations) or one JSONL file")
    parser.add_argument("--out", help="model folder (default: pipeline/data/model/)")
    return parser


def main(args: argparse.Namespace) -> int:
    # scikit-learn and spaCy load here, not when the CLI starts
    from pipeline.annotate import DEFAULT_MODEL_DIR, classifier
    from pipeline.annotate.classify_eval import evaluation, held_out_files, read_training, training_files
    from pipeline.annotate.rules import Rules
    from pipeline.annotate.taxonomy import load_taxonomy

    taxonomy = load_taxonomy()
    given = Path(args.annotations or "annotations")
    paths = training_files(given)
    trained = {p.resolve() for p in paths}
    held_out = [p for p in held_out_files(given if given.is_dir() else given.parent) if p.resolve() not in trained]
    rules = Rules(taxonomy)
    examples = read_training(paths, rules)
    info = {"passages": len(examples.ids), "groups": sorted(set(examples.reports)), "settings": settings(), "versions": versions()}
    model = examples.train(info)
    print(f"{', '.join(map(str, paths))}: trained; cross-validating (leave one group out), then the held-out tests ...", flush=True)
    lines = evaluation(examples, rules, held_out, model)
    out = Path(args.out or DEFAULT_MODEL_DIR)
    model.save(out)
    card = out / "MODEL_CARD.md"
    card.write_text(model_card(model, paths, examples.files, "\n".join(lines)), encoding="utf-8")
    print("\n".join(lines))
    print(f"\nwrote {out / classifier.JSON_NAME}, {out / classifier.ARRAYS_NAME}, {card}")
    return 0


def settings() -> dict:
    from pipeline.annotate import classifier
    from pipeline.annotate.classify_eval import NEW_SOURCE_WEIGHT

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


def model_card(model: classifier.Model, paths: list[Path], files: list[str], evaluation: str) -> str:
    """The card: data, date, settings, thresholds, cross-validated figures, versions.
    The date is SOURCE_DATE_EPOCH's when set, so a rebuild can be byte-identical."""
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
        date=time.strftime("%Y-%m-%d", time.gmtime(stamp)),
        settings="\n".join(f"- {k}: {v}" for k, v in model.info["settings"].items()),
        decisions="\n".join(_decision_line(model, label) for label in model.labels),
        evaluation=evaluation,
        versions="\n".join(f"- {k}: {v}" for k, v in model.info["versions"].items()),
    )


def _decision_line(model: classifier.Model, label: str) -> str:
    return f"- {label}: {model.decides(label)}"
