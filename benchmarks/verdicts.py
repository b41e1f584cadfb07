"""Do verdicts survive? The issue's five cases, on the bundled corpus with the real stages.

    python benchmarks/verdicts.py [--n 100] [--seed 22] [--jobs 2]

A run of the bundled corpus; N of its rows with a region (half marked wrong, half
correct, drawn with the seed) written as a five-column verdicts file, the hand-made
form and the hardest: it names rows by passage number only; a run applies them.
Then, each from that state: a rerun; a new report added; --force; a retrained
model (the classifier trained again with the verdicts as examples, as `train
--verdicts` does, and its stage version changed); a new segmentation rule (long
paragraphs cut at 80 words instead of 150: every passage after the first cut is
renumbered, and the cut passages have new texts).

For every verdict the benchmark knows the row it was put on (report, text, region,
label, and its tying sentence) and looks for that row in the new evidence: the
same text, or after a cut the part that holds the tying sentence, else the part
of the passage that keeps a row of that region and label. Then:
  kept       the verdict is on that row
  misplaced  the verdict is on another row
  lost       the row is there, the verdict found none
  gone       the row is gone (the label or region no longer given there) and the
             verdict is listed in verdicts_unmatched.csv, as it should be (how many
             of them the evaluator had marked wrong: a model retrained with the
             verdicts learns to drop those rows)
"""
from __future__ import annotations

import argparse
import csv
import shutil
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

from reformtrace import run as batch, segment
from reformtrace.identity import normalise, row_keys
from reformtrace.outputs import EVIDENCE_CSV
from reformtrace.verdicts import APPLIED_CSV, UNMATCHED_CSV

ROOT = Path(__file__).resolve().parent.parent
NEW_REPORT = ("005_region_vastmanland_2025.md", "# Uppföljning av nära vård i Västmanland 2025\n\n"
              "Region Västmanland har under 2024 startat mobila team för äldre personer i alla kommuner i länet.\n\n"
              "I Dalarna har regionen och kommunerna infört samordnad individuell plan vid utskrivning från sjukhus.\n")
SEGMENT_WORDS = 80  # the changed rule: paragraphs cut at 80 words instead of segment.MAX_PASSAGE_WORDS
MODEL_DIR: Path | None = None  # the retrained model, for the workers' annotator


def annotate_retrained(passages):
    """The annotate stage with the retrained model (workers fork with MODEL_DIR set)."""
    from reformtrace.annotate import Annotator

    global _retrained
    if "_retrained" not in globals():
        _retrained = Annotator.load(MODEL_DIR)
    return _retrained.annotate(passages)


def read(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def run(corpus: Path, out: Path, jobs: int, verdicts: Path, stages=batch.Stages(), versions=None, force=False) -> float:
    tic = time.perf_counter()
    batch.run_batch(corpus, out, batch.Options(jobs=jobs, force=force, verdicts=verdicts), stages, versions or batch.stage_versions())
    return time.perf_counter() - tic


def choose(evidence: pd.DataFrame, n: int, seed: int) -> pd.DataFrame:
    """N rows with a region, each in a passage of its own; half wrong, half correct."""
    rows = evidence[evidence["region_code"] != ""].drop_duplicates("passage_id").sample(n, random_state=seed)
    return rows.assign(verdict=["wrong" if i % 2 else "correct" for i in range(n)]).reset_index(drop=True)


def tie(row) -> str:
    """The row's first tying sentence, normalised: what finds it again after a cut."""
    first = row.sentence_spans.split(";")[0]
    a, b = (int(x) for x in first.split("-")) if first else (0, len(row.quote))
    return normalise(row.quote[a:b])


def score(chosen: pd.DataFrame, out: Path, explain: bool = False) -> dict[str, int]:
    evidence = read(out / EVIDENCE_CSV)
    applied = {(r["report_id"], r["passage_id"], r["region_code"], r["label"]): r["matched_passage_id"] for r in csv.DictReader(open(out / APPLIED_CSV, encoding="utf-8"))}
    unmatched = {(r["report_id"], r["passage_id"], r["region_code"], r["label"]) for r in csv.DictReader(open(out / UNMATCHED_CSV, encoding="utf-8"))}
    norm = evidence["quote"].map(normalise)
    counts = dict.fromkeys(("kept", "misplaced", "lost", "gone"), 0)
    gone_wrong = 0  # of the rows gone, those the evaluator had marked wrong
    for row in chosen.itertuples():
        cell = (evidence["report_id"] == row.report_id) & (evidence["region_code"] == row.region_code) & (evidence["label"] == row.label)
        was = normalise(row.quote)
        same = cell & (norm == was)
        if not same.any():  # cut: the part that holds the tying sentence, else any part of the passage that keeps the row
            parts = cell & norm.map(lambda text: text in was or was in text)
            same = parts & norm.str.contains(tie(row), regex=False)
            same = same if same.any() else parts
        expected = set(evidence.loc[same, "passage_id"])
        key = (row.report_id, row.passage_id, row.region_code, row.label)
        if key in applied:
            outcome = "kept" if applied[key] in expected else "misplaced"
        elif key in unmatched:
            outcome = "lost" if expected else "gone"
        else:
            raise AssertionError(f"verdict {key} neither applied nor listed unmatched: dropped")
        counts[outcome] += 1
        if outcome == "gone":
            gone_wrong += row.verdict == "wrong"
        if explain and outcome != "kept":
            found = evidence[(evidence["passage_id"] == applied.get(key)) & cell]["quote"].tolist()
            print(f"  {outcome}: {key}\n    was: {row.quote[:300]}\n    tie: {tie(row)[:200]}\n    now: {found[:1]}\n    expected: {sorted(expected)}")
    return {**counts, "gone": f"{counts['gone']} ({gone_wrong} wrong)" if counts["gone"] else 0}


def retrain(chosen_file: Path, out: Path, model_dir: Path) -> None:
    """The classifier trained again with the verdicts as examples, as `train --verdicts`
    trains it (no evaluation: the card's figures are not needed here)."""
    from reformtrace.annotate.classify_eval import held_out_files, training_files
    from reformtrace.annotate.rules import Rules
    from reformtrace.annotate.taxonomy import load_taxonomy
    from reformtrace.commands.train import _with_verdicts

    paths = training_files(ROOT / "annotations")
    examples, _ = _with_verdicts(chosen_file, out, paths, held_out_files(ROOT / "annotations"), Rules(load_taxonomy()))
    examples.train({"benchmark": "retrained with verdicts"}).save(model_dir)


def main() -> None:
    global MODEL_DIR
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100, help="verdicts (default: 100)")
    parser.add_argument("--seed", type=int, default=22)
    parser.add_argument("--jobs", type=int, default=0)
    parser.add_argument("--explain", action="store_true", help="print each verdict not kept")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="verdicts-bench-"))
    base_corpus, base_out = work / "base" / "corpus", work / "base" / "out"
    shutil.copytree(ROOT / "corpus", base_corpus)
    run(base_corpus, base_out, args.jobs, None)
    chosen = choose(read(base_out / EVIDENCE_CSV), args.n, args.seed)
    verdicts = work / "verdicts.csv"
    chosen[["report_id", "passage_id", "region_code", "label", "verdict"]].to_csv(verdicts, index=False)
    seconds = run(base_corpus, base_out, args.jobs, verdicts)
    print(f"{args.n} verdicts ({(chosen['verdict'] == 'wrong').sum()} wrong), five columns: report_id,passage_id,region_code,label,verdict")
    print(f"{'case':<34}{'kept':>6}{'misplaced':>10}{'lost':>6}{'gone':>12}{'run s':>8}  rows added/removed (by identity); passages not under the same number and text")
    print(f"{'applied':<34}" + "".join(f"{v:>{w}}" for v, w in zip(score(chosen, base_out).values(), (6, 10, 6, 12))) + f"{seconds:>8.1f}")
    base = read(base_out / EVIDENCE_CSV)

    def case(name: str, change) -> None:
        folder = work / name.split()[0]
        shutil.copytree(work / "base", folder)
        seconds = change(folder / "corpus", folder / "out")
        counts = score(chosen, folder / "out", args.explain)
        now = read(folder / "out" / EVIDENCE_CSV)
        before, after = set(row_keys(base)), set(row_keys(now))
        renumbered = len(set(zip(base["passage_id"], base["quote"])) - set(zip(now["passage_id"], now["quote"])))
        print(f"{name:<34}" + "".join(f"{v:>{w}}" for v, w in zip(counts.values(), (6, 10, 6, 12))) + f"{seconds:>8.1f}"
              + f"  +{len(after - before)} -{len(before - after)}; {renumbered} of {base['passage_id'].nunique()}", flush=True)

    def new_report(corpus: Path, out: Path) -> float:
        (corpus / NEW_REPORT[0]).write_text(NEW_REPORT[1], encoding="utf-8")
        return run(corpus, out, args.jobs, verdicts)

    def retrained(corpus: Path, out: Path) -> float:
        global MODEL_DIR
        MODEL_DIR = out.parent / "model"
        retrain(verdicts, out, MODEL_DIR)
        versions = {**batch.stage_versions(), "annotate": "retrained"}
        return run(corpus, out, args.jobs, verdicts, batch.Stages(annotate=annotate_retrained), versions)

    def resegmented(corpus: Path, out: Path) -> float:
        segment.MAX_PASSAGE_WORDS = SEGMENT_WORDS  # the workers fork with it
        try:
            return run(corpus, out, args.jobs, verdicts, versions={**batch.stage_versions(), "segment": f"cut at {SEGMENT_WORDS} words"})
        finally:
            segment.MAX_PASSAGE_WORDS = 150

    case("1 rerun", lambda corpus, out: run(corpus, out, args.jobs, verdicts))
    case("2 a new report added", new_report)
    case("3 --force", lambda corpus, out: run(corpus, out, args.jobs, verdicts, force=True))
    case("4 a retrained model", retrained)
    case("5 a new segmentation rule", resegmented)
    shutil.rmtree(work)


if __name__ == "__main__":
    sys.exit(main())
