"""`reformtrace evaluate extract|evidence|facts|repair|regions|classify`: measure a stage against the gold data.

Each target lives beside the stage it measures; this command only routes.
"""
from __future__ import annotations

import argparse
import importlib

TARGETS = {
    "extract": ("reformtrace.extract.evaluate", "PDF extraction against the hand-checked pages in annotations/extract/ "
                "(words kept, extra or broken, in reading order, running lines, loose accents; dev and test pages "
                "apart) and against PDFium's own words of every real PDF (--pdfs)"),
    "evidence": ("reformtrace.annotate.evidence_eval", "precision and recall of (passage, region, label) triples and the "
                 "accuracy of the kind of evidence on annotations/attribution/ (tune, tune2, test, second coders and their "
                 "agreement), beside the cross product of regions and labels"),
    "repair": ("reformtrace.repair.evaluate", "word error rate before/after repair on annotations/ocr/ (report 000) and on "
               "the unseen paragraphs of annotations/ocr/unseen/ (tune and test apart), precision of changes, "
               "share of tokens changed in clean reports and clean unseen paragraphs"),
    "regions": ("reformtrace.annotate.regions_eval", "precision, recall and F1 per region on annotations/passages.jsonl, "
                "then micro figures on the tuned-on study sets (unseen/tune.jsonl, unseen/train.jsonl's study side) "
                "and on each held-out set (heldout*.jsonl, unseen/train.jsonl's check side, unseen/test.jsonl)"),
    "facts": ("reformtrace.annotate.facts_eval", "the share of the region facts a reader found in Government Offices "
              "texts (annotations/facts/tune.jsonl) that `run` turns into evidence rows of the same document, region "
              "and label"),
    "classify": ("reformtrace.annotate.classify_eval", "per-label precision, recall and F1 for goals and "
                 "interventions, cross-validated on passages.jsonl, unseen/tune.jsonl and unseen/train.jsonl's study "
                 "side (leave one report or fold out), then on each held-out set: train.jsonl's check side, "
                 "heldout*.jsonl, unseen/test.jsonl"),
}


def add_parser(sub) -> argparse.ArgumentParser:
    parser = sub.add_parser(
        "evaluate",
        help="measure a stage against the hand-made gold data",
        description="Measure a stage against the gold data in annotations/. "
        + " ".join(f"'{name}': {text}." for name, (_, text) in TARGETS.items()),
    )
    parser.add_argument("target", choices=sorted(TARGETS), help="what to measure")
    parser.add_argument("--annotations", default="annotations", help="the gold data folder (default: annotations); for classify, a single "
                        "JSONL file is measured leave one report out only, without the held-out test")
    parser.add_argument("--corpus", default="corpus", help="the corpus folder (default: corpus)")
    parser.add_argument("--pdfs", default="../shared/realpdfs", help="for extract: the folder of real PDFs that the "
                        "gold pages come from (default: ../shared/realpdfs)")
    parser.add_argument("--errors", action="store_true", help="for regions: also every passage of the tuned-on sets "
                        "(passages.jsonl, unseen/tune.jsonl, train.jsonl's study side) where detection and gold differ")
    return parser


def main(args: argparse.Namespace) -> int:
    module = importlib.import_module(TARGETS[args.target][0])
    return module.main(args)
