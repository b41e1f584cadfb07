"""The outputs of N reports without running the stages N times: each report's share of the
outputs (outputs.tabulate) made once for the five bundled reports, then copied N times with
new report and passage ids (as the synthetic corpus of benchmarks/batch.py copies the
reports), into a cache; then the outputs written from it as a run's outputs process writes
them (a loader per report), cold and with one report more, and report.html opened in
headless Chromium. Prints seconds, CPU seconds and peak memory of each write.

    python benchmarks/outputs_scale.py [--reports 1000] [--workdir DIR]

The shares of the copies are the originals' but for their ids, so the outputs' sizes are a
synthetic corpus's; what it leaves out is the stages' own cost (benchmarks/batch.py).
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def originals(workdir: Path) -> list:
    """The five bundled reports' shares, from a run of the bundled corpus."""
    from reformtrace.run.cache import Cache

    out = workdir / "bundled"
    if not (out / ".cache").is_dir():
        subprocess.run([sys.executable, "-m", "reformtrace.cli", "run", "--corpus", str(ROOT / "corpus"), "--out", str(out), "--quiet"], check=True)
    cache = Cache(out / ".cache")
    from reformtrace.outputs import tabulate

    return [tabulate(cache.load("annotate", entry["final"])) for _, entry in sorted(cache.manifest()["files"].items())]


def renamed(share, report_id: str):
    """A copy of a report's share under another report id."""
    from reformtrace.evidence_parts import part_bytes
    from reformtrace.identity import row_keys
    from reformtrace.matrix import ReportTables

    old, tables = share.tables.report_id, share.tables
    evidence = tables.evidence.copy()
    evidence["report_id"] = report_id
    for column in ("source", "passage_id"):
        evidence[column] = evidence[column].str.replace(old, report_id, regex=False)
    copy = ReportTables(report_id, evidence, [report_id, tables.report[1].replace(old, report_id), *tables.report[2:]])
    prints = share.fingerprints
    prints = dataclasses.replace(prints, report_id=report_id, passages=[(p[0].replace(old, report_id), *p[1:]) for p in prints.passages])
    return dataclasses.replace(share, tables=copy, evidence_csv=share.evidence_csv.replace(old.encode(), report_id.encode()),
                               fingerprints=prints, keys=tuple(row_keys(evidence)), parquet=part_bytes(evidence),
                               repairs_csv=share.repairs_csv.replace(old.encode(), report_id.encode()))


def key(i: int) -> str:
    return f"{i:064d}"


def make(workdir: Path, reports: int) -> Path:
    from reformtrace.run.cache import Cache

    cache = Cache(workdir / "cache")
    shares = originals(workdir)
    for i in range(reports):
        share = shares[i % len(shares)]
        cache.save_tables(key(i), renamed(share, f"{i:04d}_{share.tables.report_id[4:]}"))
    return cache.root


def write(cache_root: Path, reports: int, out: Path) -> None:
    """In this process (run as a child of the benchmark): the outputs of the first `reports`
    shares into out/ through a staging folder, the previous outputs there."""
    from reformtrace.outputs import RunContext, write_outputs
    from reformtrace.run.cache import Cache

    cache, staging = Cache(cache_root), out / ".staging"
    out.mkdir(exist_ok=True)
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    tic = time.perf_counter()
    write_outputs(staging, [partial(cache.load_tables, key(i)) for i in range(reports)], [], {}, context=RunContext(previous=out, now="2026-12-07 12:00 UTC"))
    seconds = time.perf_counter() - tic
    for path in sorted(p for p in staging.rglob("*") if p.is_file()):  # into place, as run/publish.py does
        (out / path.relative_to(staging)).parent.mkdir(parents=True, exist_ok=True)
        os.replace(path, out / path.relative_to(staging))
    shutil.rmtree(staging)
    print(json.dumps({"seconds": seconds}))


def measured(cache_root: Path, reports: int, out: Path) -> dict:
    """One write in a fresh process: wall and CPU seconds, the largest resident size of it or its renderer."""
    process = subprocess.Popen([sys.executable, __file__, "--write", str(cache_root), str(reports), str(out)], stdout=subprocess.PIPE)
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    if os.waitstatus_to_exitcode(status):
        raise SystemExit("the write failed")
    return {"seconds": json.loads(output)["seconds"], "cpu": usage.ru_utime + usage.ru_stime, "peak_mb": usage.ru_maxrss / 1024}


def opening(page: Path) -> tuple[float, float, int]:
    """Seconds to open report.html in headless Chromium (until it has rendered), and to list a cell's quotes."""
    sys.path.insert(0, str(ROOT / "tests"))
    from test_report_browser import Browser, cell

    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as profile:  # Chromium may still be writing to it as it ends
        browser = Browser(Path(profile))
        try:
            browser.open(page)  # a first opening reads the file into the page cache
            tic = time.perf_counter()
            browser.open(page)
            opened = time.perf_counter() - tic
            tic = time.perf_counter()
            browser.click(cell("intervention", "13", "mobila_team"))
            while not browser.js("document.querySelectorAll('#quotes article').length > 0"):
                time.sleep(0.02)
            return opened, time.perf_counter() - tic, browser.js("document.querySelectorAll('#quotes article').length")
        finally:
            browser.close()


def main() -> None:
    if sys.argv[1:2] == ["--write"]:
        write(Path(sys.argv[2]), int(sys.argv[3]), Path(sys.argv[4]))
        return
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--workdir", type=Path, help="kept between runs (default: a temporary folder)")
    args = parser.parse_args()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="outputs_scale"))
    workdir.mkdir(parents=True, exist_ok=True)
    tic = time.process_time()
    cache_root = make(workdir, args.reports)
    print(f"{args.reports} reports' shares made in {time.process_time() - tic:.1f} CPU s ({workdir})", flush=True)
    out = workdir / "out"
    shutil.rmtree(out, ignore_errors=True)
    cold = measured(cache_root, args.reports - 1, out)
    first = out / "evidence" / f"0000_{sorted((out / 'evidence').iterdir())[0].name[5:]}"
    before = (first.stat().st_ino, first.stat().st_mtime_ns)
    one_new = measured(cache_root, args.reports, out)
    untouched = (first.stat().st_ino, first.stat().st_mtime_ns) == before
    rows = sum(1 for _ in open(out / "evidence.csv", "rb")) - 1
    print(f"outputs of {args.reports - 1} reports ({rows:,} evidence rows with the one more), then one more:")
    for name, result in (("cold", cold), ("one new", one_new)):
        print(f"  {name:<8} {result['seconds']:8.1f} s {result['cpu']:8.1f} CPU s {result['peak_mb']:8.0f} MB peak (largest process)")
    print(f"  the first report's Parquet part left as it was by the second write: {untouched}")
    sizes = {name: sum(p.stat().st_size for p in ([out / name] if (out / name).is_file() else (out / name).rglob("*"))) / 1e6
             for name in ("evidence.csv", "evidence", "evidence.xlsx", "report.html", "report_files")}
    print("  sizes: " + ", ".join(f"{name} {mb:.0f} MB" for name, mb in sizes.items()))
    opened, quotes, shown = opening(out / "report.html")
    print(f"  report.html in headless Chromium: opened in {opened:.2f} s; Halland × mobile teams listed ({shown} passages) in {quotes:.2f} s")


if __name__ == "__main__":
    main()
