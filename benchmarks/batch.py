"""Time `reformtrace run` cold, warm (nothing new) and with one new report, on the
bundled corpus and on a synthetic corpus of N reports (copies of the five, each
with a small text change so that every file has its own hash), beside an anchor
measured in the same run, by turns: the code of an earlier commit (--against,
default HEAD~1) on the local pool, and with --scheduler this code on a Dask
cluster (local:N starts N worker processes).

    python benchmarks/batch.py [--jobs 2] [--synthetic 100] [--only bundled|synthetic|ocr] [--repeat N]
                               [--against REV] [--scheduler local:2] [--no-anchor]

Each run is a fresh `python -m reformtrace.cli run --quiet` process on a snapshot of
the package (copied first, so that edits to the working tree during the benchmark
do not change stage versions between runs); peak memory is the largest resident
size of that process or any of its workers (wait4 rusage). `--only ocr` times
the extraction of a generated scan (pages of Swedish text as images, 300 dpi),
the cost that would dominate a corpus of scanned reports.
"""
from __future__ import annotations

import argparse
import compileall
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from reformtrace.corpus import SOURCES_FILE

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
NEW_REPORT_FROM = "001_socialstyrelsen_uppfoljning_2021.txt"  # a mid-sized report, as a user would add


def snapshot(workdir: Path, revision: str | None = None) -> Path:
    """A copy of the package and the trained model, to run the benchmark on, byte-compiled
    as `pip install` does: runs then load the package's bytecode, as an installed
    reformtrace does, even where PYTHONDONTWRITEBYTECODE is set (it is in this project's
    sandbox, where each run would otherwise compile every module it imports, about
    0.4 CPU-seconds a run)."""
    code = workdir / ("code" if revision is None else f"code-{revision.replace('/', '_')}")
    code.mkdir(parents=True)
    folders = ("pipeline", "models")  # models/: where the trained model was before it moved into the package
    if revision is None:
        for folder in folders:
            if (ROOT / folder).is_dir():
                shutil.copytree(ROOT / folder, code / folder, ignore=shutil.ignore_patterns("__pycache__"))
    else:
        present = [f for f in folders if subprocess.run(["git", "cat-file", "-e", f"{revision}:{f}"], cwd=ROOT, capture_output=True).returncode == 0]
        archive = subprocess.run(["git", "archive", revision, *present], cwd=ROOT, capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(code)], input=archive, check=True)
    (code / "pipeline").rename(code / "reformtrace")  # the package's name: `python -m reformtrace.cli` in `code` runs this copy, not the installed one
    compileall.compile_dir(code / "reformtrace", quiet=1)
    return code


def run(code: Path, corpus: Path, out: Path, jobs: int, scheduler: str | None = None) -> dict:
    """One `reformtrace run`: wall seconds, CPU seconds (its own and its workers', user and
    system; not a Dask cluster's, whose workers are not its children), peak RSS in MB
    and run.json."""
    start = time.perf_counter()
    where = ["--scheduler", scheduler] if scheduler else ["--jobs", str(jobs)]
    process = subprocess.Popen(
        [sys.executable, "-m", "reformtrace.cli", "run", "--corpus", str(corpus), "--out", str(out), *where, "--quiet"],
        cwd=code,
    )
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 3):
        raise SystemExit(f"reformtrace run exited with {code}")
    return {"seconds": seconds, "cpu": usage.ru_utime + usage.ru_stime, "peak_mb": usage.ru_maxrss / 1024, "run": json.loads((out / "run.json").read_text(encoding="utf-8"))}


def copy_with_change(source: Path, target: Path, number: int) -> None:
    """A copy of a report with one added sentence: a different hash, nearly the same work."""
    text = source.read_bytes().rstrip(b"\n")
    target.write_bytes(text + f"\n\nKopia {number} av rapporten, gjord för att mäta körtiden.\n".encode("utf-8"))


def bundled(workdir: Path) -> Path:
    corpus = workdir / "corpus"
    shutil.copytree(CORPUS, corpus)
    for path in corpus.iterdir():
        path.chmod(0o644)
    return corpus


def synthetic(workdir: Path, size: int) -> Path:
    corpus = workdir / "corpus"
    corpus.mkdir()
    originals = sorted(p for p in CORPUS.iterdir() if p.name != SOURCES_FILE)
    for i in range(size):
        source = originals[i % len(originals)]
        copy_with_change(source, corpus / f"{i:03d}_{source.stem[4:]}{source.suffix}", i)
    return corpus


def startup(code: Path) -> float:
    """Seconds for `reformtrace --version`: the import cost every run pays first."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "reformtrace.cli", "--version"], cwd=code, check=True, capture_output=True)
    return time.perf_counter() - start


def scenario(name: str, workdir: Path, corpus: Path, jobs: int, repeat: int, variants: list[tuple[str, str | None, str | None]]) -> None:
    """Cold, warm and one-new runs of each variant (label, revision, scheduler), by turns,
    each `repeat` times (the median is shown): cold into a fresh output folder; one
    new report added to the full cache, then removed again."""
    codes = {label: snapshot(workdir / f"variant{k}", revision) for k, (label, revision, _) in enumerate(variants)}
    reports = sum(1 for p in corpus.iterdir() if p.name != SOURCES_FILE)
    results = {label: {"cold": [], "warm": [], "one new": []} for label, _, _ in variants}
    for i in range(repeat):
        for label, _, scheduler in variants:
            results[label]["cold"].append(run(codes[label], corpus, workdir / f"out-{label}-{i}", jobs, scheduler))
    for i in range(repeat):
        for label, _, scheduler in variants:
            results[label]["warm"].append(run(codes[label], corpus, workdir / f"out-{label}-0", jobs, scheduler))
    for i in range(repeat):
        for label, _, scheduler in variants:
            new_report = corpus / "999_ny_rapport.txt"
            copy_with_change(CORPUS / NEW_REPORT_FROM, new_report, 999 - i)
            results[label]["one new"].append(run(codes[label], corpus, workdir / f"out-{label}-0", jobs, scheduler))
            new_report.unlink()
            run(codes[label], corpus, workdir / f"out-{label}-0", jobs, scheduler)  # back to the corpus as it was
    first = variants[0][0]
    cold = median(results[first]["cold"])
    print(f"\n{name}: {reports} reports, {cold['run']['pages']} pages, {cold['run']['passages']} passages, --jobs {jobs}, median of {repeat}, variants by turns")
    print(f"  {'code':<28}{'run':<10}{'seconds':>9}{'range':>14}{'CPU s':>8}{'peak MB':>9}{'of cold':>9}{'vs ' + first:>14}")
    for label, _, _ in variants:
        own_cold = median(results[label]["cold"])
        for run_name in ("cold", "warm", "one new"):
            runs = results[label][run_name]
            result, anchor = median(runs), median(results[first][run_name])
            spread = f"{min(r['seconds'] for r in runs):.2f}-{max(r['seconds'] for r in runs):.2f}"
            print(f"  {label:<28}{run_name:<10}{result['seconds']:9.2f}{spread:>14}{result['cpu']:8.2f}{result['peak_mb']:9.0f}"
                  f"{result['seconds'] / own_cold['seconds']:9.1%}{result['seconds'] / anchor['seconds']:13.2f}x")
        stages = {k: v for k, v in own_cold["run"]["seconds"].items() if k in ("extract", "repair", "segment", "annotate")}
        print(f"  {'':<28}cold, summed over workers: " + ", ".join(f"{k} {v:.1f} s" for k, v in stages.items()) + f"; outputs {own_cold['run']['seconds']['outputs']:.1f} s")
        print(f"  {'':<28}one new, seconds: " + ", ".join(f"{k} {v:.1f}" for k, v in median(results[label]["one new"])["run"]["seconds"].items()))
        if any(w["run"]["processed"] for w in results[label]["warm"]) or any(n["run"]["processed"] != 1 for n in results[label]["one new"]):
            print(f"  warning: {label}: the warm runs redid reports; the numbers above are not what they claim")
    cache_mb = sum(p.stat().st_size for p in (workdir / f"out-{first}-0" / ".cache").rglob("*") if p.is_file()) / 1e6
    print(f"  cache {cache_mb / reports:.2f} MB a report; every run starts with `reformtrace --version` cost: {startup(codes[first]):.2f} s")


def median(results: list[dict]) -> dict:
    return sorted(results, key=lambda r: r["seconds"])[len(results) // 2]


def ocr_seconds_per_page(workdir: Path, pages: int = 3) -> float:
    import matplotlib
    from fpdf import FPDF
    from PIL import Image, ImageDraw, ImageFont

    from reformtrace.extract import extract

    sys.path.insert(0, str(ROOT / "tests"))
    from pdfgen import BODY

    font = ImageFont.truetype(str(Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSerif.ttf"), 36)
    words, pdf = (BODY + " ") * 4, FPDF()
    for _ in range(pages):
        image = Image.new("L", (2480, 3508), 255)  # A4 at 300 dpi
        draw = ImageDraw.Draw(image)
        for row in range(60):
            draw.text((200, 200 + 52 * row), words[row * 70 % len(BODY):][:70], font=font, fill=0)
        pdf.add_page()
        pdf.image(image, x=0, y=0, w=210)
    pdf.output(str(workdir / "scan.pdf"))
    start = time.perf_counter()
    doc = extract(workdir / "scan.pdf")
    assert all(page.ocr for page in doc.pages), "Tesseract did not run"
    return (time.perf_counter() - start) / pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--jobs", type=int, default=len(os.sched_getaffinity(0)))
    parser.add_argument("--synthetic", type=int, default=100, metavar="N", help="reports in the synthetic corpus (default 100)")
    parser.add_argument("--only", choices=("bundled", "synthetic", "ocr"))
    parser.add_argument("--repeat", type=int, default=1, metavar="N", help="run each case N times and show the median (default 1)")
    parser.add_argument("--against", default="HEAD~1", metavar="REV", help="the anchor: this commit's code on the local pool (default HEAD~1)")
    parser.add_argument("--no-anchor", action="store_true", help="this code alone (a long corpus, where the anchor would double the time)")
    parser.add_argument("--scheduler", metavar="local:N|tcp://HOST:PORT", help="also this code on a Dask cluster")
    args = parser.parse_args()
    if args.only == "ocr":
        with tempfile.TemporaryDirectory() as tmp:
            print(f"OCR of a scanned page (Tesseract, swe): {ocr_seconds_per_page(Path(tmp)):.1f} s")
        return
    variants = [("this code, local pool", None, None)]
    if not args.no_anchor:
        variants.append((f"{args.against}, local pool", args.against, None))
    if args.scheduler:
        variants.append((f"this code, {args.scheduler}", None, args.scheduler))
    if args.only != "synthetic":
        with tempfile.TemporaryDirectory() as tmp:
            scenario("bundled corpus", Path(tmp), bundled(Path(tmp)), args.jobs, args.repeat, variants)
    if args.only != "bundled":
        with tempfile.TemporaryDirectory() as tmp:
            scenario(f"synthetic corpus of {args.synthetic}", Path(tmp), synthetic(Path(tmp), args.synthetic), args.jobs, args.repeat, variants)


if __name__ == "__main__":
    main()
