"""How long the outputs take to build, by part, for a corpus of a given size.

The passages are the real ones of the bundled corpus (extract + segment); the
labels and regions are drawn at random (seeded) at about the density the
annotator gives, since only the size of the tables matters here. --copies N
repeats the corpus N times as if it had N times as many reports.

    python benchmarks/outputs.py [--corpus corpus] [--copies 1]
"""
from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

from reformtrace.corpus import discover
from reformtrace.extract import extract
from reformtrace.matrix import build_tables, vocabulary
from reformtrace.model import Label, LabelledPassage, Passage, ReportResult
from reformtrace.outputs import write_outputs
from reformtrace.report import excel, html, plots

LABELS_PER_PASSAGE = (0, 1, 1, 2, 2, 3, 4)
SHARE_WITH_REGION = 0.12


def corpus_results(corpus: Path, copies: int) -> list[ReportResult]:
    from reformtrace.segment import segment

    vocab, rng = vocabulary(), random.Random(0)
    labels = [(d, label) for d, names in vocab.labels.items() for label in names]
    results = []
    for source in discover(corpus):
        doc = extract(source.path)
        passages = segment(doc)
        for copy in range(copies):
            report_id = f"{source.report_id}_{copy}" if copies > 1 else source.report_id
            labelled = []
            for p in passages:
                chosen = rng.sample(labels, rng.choice(LABELS_PER_PASSAGE))
                regions = sorted(rng.sample(list(vocab.regions), rng.choice((1, 1, 2)))) if rng.random() < SHARE_WITH_REGION else []
                labelled.append(LabelledPassage(
                    Passage(p.id.replace(source.report_id, report_id), report_id, p.page, p.section, p.text, p.start, p.end),
                    [Label(i, 0.9, ["benchmark"]) for d, i in chosen if d == "goal"],
                    [Label(i, 0.9, ["benchmark"]) for d, i in chosen if d == "intervention"],
                    regions,
                ))
            results.append(ReportResult(report_id, {**source.meta(), "source": f"{report_id}{source.path.suffix}"}, len(doc.pages), labelled))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=Path("corpus"))
    parser.add_argument("--copies", type=int, default=1)
    args = parser.parse_args()
    results = corpus_results(args.corpus, args.copies)
    tic = time.perf_counter()
    tables = build_tables(results, vocabulary())
    parts = {"tables": time.perf_counter() - tic}
    parts_of = {
        "excel": lambda: excel.workbook(tables, [], {}),
        "html": lambda: html.report(tables, [], {}),
        "heatmaps": lambda: plots.heatmaps(tables),
        "spread plot": lambda: plots.spread(tables),
    }
    for name, render in parts_of.items():
        tic = time.perf_counter()
        render()
        parts[name] = time.perf_counter() - tic
    with tempfile.TemporaryDirectory() as out:
        tic = time.perf_counter()
        written = write_outputs(Path(out), results, [], {})
        total = time.perf_counter() - tic
        sizes = {p.name: p.stat().st_size for p in written}
    print(f"reports {len(results)}, passages {sum(len(r.passages) for r in results)}, evidence rows {len(tables.evidence)}")
    print("seconds: " + ", ".join(f"{k} {v:.2f}" for k, v in parts.items()) + f"; write_outputs in all {total:.2f}")
    print("MB: " + ", ".join(f"{k} {v / 1e6:.2f}" for k, v in sorted(sizes.items()) if v > 100_000))


if __name__ == "__main__":
    main()
