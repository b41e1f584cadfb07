"""The spaCy component beside `reformtrace classify`, and beside an earlier commit's code:
passages per second, and agreement.

    python benchmarks/spacy_component.py [--passages 10000] [--batch-size 256] [--against REV] [--repeat 3]

Speed: the corpus reports' own passages (extracted and segmented as `run` does),
repeated to the number asked for, after one warm-up pass over the distinct ones
(as benchmarks/classify.py does). Each variant runs in a fresh process on a snapshot
of its package (this working tree's, and --against's, default HEAD~1, the anchor),
by turns, `--repeat` times; the median of each figure is shown. In each process:
  - classify: classify_records, batch by batch;
  - spaCy: spacy.blank("sv") + the reformtrace component, nlp.pipe over the texts
    (tokenising, cleaning, coding, regions, spans);
  - spaCy, tokenizer alone: what spaCy itself costs.
The machine is shared: CPU-seconds (this process alone) are the steadier figure.
Agreement: every passage of annotations/**/*.jsonl (distinct texts), coded by both,
with this working tree's code; a passage agrees when its goals, interventions and
regions are the same.
"""
from __future__ import annotations

import argparse
import compileall
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # benchmarks.classify, when run as a script
STEPS = ("classify", "component", "tokenizer")


def annotated_texts() -> list[str]:
    """The distinct passage texts of every annotation file, in file order."""
    texts: dict[str, None] = {}
    for path in sorted((ROOT / "annotations").rglob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line) if line.strip() else {}
            if isinstance(row.get("text"), str):
                texts.setdefault(row["text"])
    return list(texts)


def timed(step) -> tuple[float, float]:
    """Wall and CPU seconds of a step (CPU time: this process alone, whatever else runs)."""
    wall, cpu = time.perf_counter(), time.process_time()
    step()
    return time.perf_counter() - wall, time.process_time() - cpu


def snapshot(workdir: Path, revision: str | None) -> Path:
    """A folder holding the package as `reformtrace`: this working tree's (None) or a
    commit's, byte-compiled; put first on PYTHONPATH, it is imported instead of the
    installed package (spaCy finds the component through the installed entry point,
    which names the module only)."""
    folder = workdir / ("this" if revision is None else "anchor")
    folder.mkdir()
    if revision is None:
        shutil.copytree(ROOT / "pipeline", folder / "reformtrace", ignore=shutil.ignore_patterns("__pycache__"))
    else:
        archive = subprocess.run(["git", "archive", revision, "pipeline"], cwd=ROOT, capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
        (folder / "pipeline").rename(folder / "reformtrace")
    compileall.compile_dir(folder / "reformtrace", quiet=1)
    return folder


def measure(passages: Path, batch_size: int) -> dict:
    """One variant's figures, in this process (run with the variant first on PYTHONPATH)."""
    import spacy

    import reformtrace
    from reformtrace.commands.classify import BATCH, classify_records

    data = json.loads(passages.read_text(encoding="utf-8"))
    distinct, texts = data["distinct"], data["texts"]
    records = [{"id": str(i), "text": text} for i, text in enumerate(texts)]
    start = time.perf_counter()
    nlp = spacy.blank("sv")
    component = nlp.add_pipe("reformtrace", config={"batch_size": batch_size})
    annotator = component.annotator
    load = time.perf_counter() - start
    classify_records(annotator, [{"id": str(i), "text": t} for i, t in enumerate(distinct)])  # warm-up

    def classify() -> None:
        for i in range(0, len(records), BATCH):
            classify_records(annotator, records[i : i + BATCH])

    return {
        "package": str(Path(reformtrace.__file__).parent),
        "load": load,
        "classify": timed(classify),
        "component": timed(lambda: list(nlp.pipe(texts, batch_size=batch_size))),
        "tokenizer": timed(lambda: list(nlp.tokenizer.pipe(texts, batch_size=batch_size))),
    }


def run_variant(code: Path, passages: Path, batch_size: int) -> dict:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(code), os.environ.get("PYTHONPATH")]))}
    out = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--measure", str(passages), "--batch-size", str(batch_size)],
        env=env, cwd=code, check=True, capture_output=True, text=True,
    ).stdout
    figures = json.loads(out.strip().splitlines()[-1])
    if not figures["package"].startswith(str(code)):
        raise SystemExit(f"the variant in {code} imported reformtrace from {figures['package']}")
    return figures


def agreement(batch_size: int) -> str:
    import spacy

    from reformtrace.commands.classify import classify_records

    nlp = spacy.blank("sv")
    component = nlp.add_pipe("reformtrace", config={"batch_size": batch_size})
    gold = annotated_texts()
    labelled = classify_records(component.annotator, [{"id": str(i), "text": t} for i, t in enumerate(gold)])
    same = 0
    for record, doc in zip(labelled, nlp.pipe(gold, batch_size=batch_size)):
        same += (record["goals"], record["interventions"], record["regions"]) == (doc._.goals, doc._.interventions, doc._.regions)
    return (f"agreement with classify: {same:,} of {len(gold):,} annotated passages ({same / len(gold):.1%}) "
            f"have the same goals, interventions and regions")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passages", type=int, default=10_000)
    parser.add_argument("--batch-size", type=int, default=256)
    parser.add_argument("--against", default="HEAD~1", metavar="REV", help="the anchor's commit (default HEAD~1); '' for none")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each variant, by turns (the median is shown)")
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)  # a variant's process: its figures as JSON
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure, args.batch_size)))
        return

    from benchmarks.classify import corpus_passages

    distinct = corpus_passages()
    texts = (distinct * (args.passages // len(distinct) + 1))[: args.passages]
    print(f"{len(distinct):,} distinct corpus passages, {len(texts):,} in the run, each variant {args.repeat} times by turns")
    variants = [("this code", None)] + ([(f"{args.against} (anchor)", args.against)] if args.against else [])
    with tempfile.TemporaryDirectory(prefix="spacy-bench-") as tmp:
        workdir = Path(tmp)
        passages = workdir / "passages.json"
        passages.write_text(json.dumps({"distinct": distinct, "texts": texts}, ensure_ascii=False), encoding="utf-8")
        codes = {label: snapshot(workdir, revision) for label, revision in variants}
        results: dict[str, list[dict]] = {label: [] for label, _ in variants}
        for _ in range(args.repeat):
            for label, _ in variants:
                results[label].append(run_variant(codes[label], passages, args.batch_size))

    n = len(texts)
    median = {label: {step: tuple(statistics.median(r[step][k] for r in runs) for k in (0, 1)) for step in STEPS}
              for label, runs in results.items()}
    anchor = median[variants[-1][0]]
    width = max(len(label) for label, _ in variants) + 28
    print(f"{'':{width}s} {'passages/s wall':>16s} {'per CPU second':>15s} {'CPU vs anchor':>14s}")
    for step, name in zip(STEPS, ("classify", "spaCy component, nlp.pipe", "  spaCy's tokenizer alone")):
        for label, _ in variants:
            wall, cpu = median[label][step]
            print(f"{name + ', ' + label:{width}s} {n / wall:>16,.0f} {n / cpu:>15,.0f} {anchor[step][1] / cpu:>13.2f}×")
    this = median["this code"]
    print(f"component / classify, this code: {this['classify'][1] / this['component'][1]:.2f} (CPU)")
    print(agreement(args.batch_size))


if __name__ == "__main__":
    main()
