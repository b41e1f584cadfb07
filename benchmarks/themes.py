"""Time what the themes add to a run: text reuse (fingerprints of each report, then
minhash LSH and confirmation across the corpus, and reuse.csv) on synthetic corpora
of N reports (copies of the five bundled reports, as benchmarks/batch.py makes them:
every copy's wording stands in N/5 reports), the other theme tables, and kwic.

    python benchmarks/themes.py [--sizes 100 1000] [--cold]

Anchors, measured in the same run: a cold `reformtrace run` of the bundled corpus
(5 reports) and, with --cold, of the 100-report synthetic corpus (two minutes);
the reuse cost is shown as a share of the 100-report cold run (measured with
--cold, else scaled from the bundled one) and, at 1,000 reports, of ten times it
(the stages cost the same per report).
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from batch import bundled, run, snapshot, synthetic  # noqa: E402

from reformtrace.corpus import discover  # noqa: E402
from reformtrace.model import ReportResult  # noqa: E402


def cold(workdir: Path, corpus: Path) -> float:
    code = snapshot(workdir / "code_for_cold")
    return run(code, corpus, workdir / "cold_out", 2)["seconds"]


def results(out: Path, corpus: Path) -> list[ReportResult]:
    import gzip
    import json

    import orjson

    files = json.loads((out / ".cache" / "manifest.json").read_text())["files"]
    meta = {s.path.name: s.meta() for s in discover(corpus)}
    found = []
    for name, record in sorted(files.items()):
        key = record["final"]
        data = orjson.loads(gzip.decompress((out / ".cache" / "annotate" / key[:2] / f"{key}.json.gz").read_bytes()))
        found.append(replace(ReportResult.from_dict(data), meta=meta[name]))
    return found


def reuse_cost(originals: list[ReportResult], size: int) -> dict:
    """Seconds to fingerprint `size` copies, find the reuse and write reuse.csv."""
    from reformtrace.themes.fingerprints import fingerprint
    from reformtrace.themes.outputs import _csv
    from reformtrace.themes.reuse import find_reuse

    tic = time.perf_counter()
    prints = []
    for i in range(size):
        source = originals[i % len(originals)]
        prints.append(fingerprint(replace(source, report_id=f"{i:04d}_{source.report_id[4:]}", meta={**source.meta, "year": None})))
    fingerprinted = time.perf_counter() - tic
    tic = time.perf_counter()
    reuse = find_reuse(prints)
    found = time.perf_counter() - tic
    tic = time.perf_counter()
    data = _csv(reuse, index=False)
    written = time.perf_counter() - tic
    return {"fingerprints": fingerprinted, "find": found, "csv": written, "rows": len(reuse), "mb": len(data) / 1e6,
            "passages": sum(len(p.passages) for p in prints)}


def tables_cost(workdir: Path, out: Path) -> float:
    """Seconds for the timeline, first mentions and co-occurrence of the bundled run."""
    from reformtrace import api
    from reformtrace.matrix import vocabulary
    from reformtrace.themes.cooccurrence import cooccurrence, goal_intervention_matrix
    from reformtrace.themes.first_mentions import first_mentions
    from reformtrace.themes.timeline import theme_timeline

    loaded = api.load_run(out)
    vocab = vocabulary()
    tic = time.perf_counter()
    theme_timeline(loaded.evidence, loaded.reports, vocab)
    first_mentions(loaded.evidence, vocab)
    cooccurrence(loaded.evidence, vocab)
    goal_intervention_matrix(loaded.evidence, vocab)
    return time.perf_counter() - tic


def kwic_seconds(corpus: Path, out: Path, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        tic = time.perf_counter()
        subprocess.run([sys.executable, "-m", "reformtrace.cli", "kwic", "mobila team", "--corpus", str(corpus), "--out", str(out), "--csv", "/dev/null"],
                       check=True, capture_output=True, cwd=ROOT)
        times.append(time.perf_counter() - tic)
    return sorted(times)[len(times) // 2]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--cold", action="store_true", help="also run the 100-report synthetic corpus cold, as the anchor")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        corpus = bundled(work)
        bundled_cold = cold(work, corpus)
        out = work / "cold_out"
        print(f"anchor: cold run of the bundled corpus (5 reports): {bundled_cold:.1f} s")
        anchor = bundled_cold * 20
        if args.cold:
            (work / "syn").mkdir()
            anchor = cold(work / "syn", synthetic(work / "syn", 100))
            print(f"anchor: cold run of the synthetic corpus of 100: {anchor:.1f} s")
        else:
            print(f"anchor: cold run of 100 taken as 20 × the bundled one: {anchor:.1f} s (measure it with --cold)")
        originals = results(out, corpus)
        print(f"kwic 'mobila team' on the bundled corpus after the run, median of 5: {kwic_seconds(corpus, out):.2f} s")
        print(f"timeline, first mentions, co-occurrence of the bundled run: {tables_cost(work, out):.2f} s")
        for size in args.sizes:
            cost = reuse_cost(originals, size)
            total = cost["fingerprints"] + cost["find"] + cost["csv"]
            of_cold = anchor * size / 100
            print(f"reuse, {size} reports ({cost['passages']} passages compared): fingerprints {cost['fingerprints']:.1f} s, "
                  f"LSH and confirmation {cost['find']:.1f} s, reuse.csv {cost['csv']:.1f} s ({cost['rows']} rows, {cost['mb']:.0f} MB); "
                  f"total {total:.1f} s = {total / of_cold:.1%} of a cold run of {of_cold:.0f} s; {total / size * 1000:.0f} ms per report")


if __name__ == "__main__":
    main()
