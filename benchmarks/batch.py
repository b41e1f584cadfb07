"""Time `reformtrace run` cold, warm (nothing new) and with one new report, on the
bundled corpus and on a synthetic corpus of N reports (copies of the five, each
with a small text change so that every file has its own hash).

    python benchmarks/batch.py [--jobs 2] [--synthetic 100] [--only bundled|synthetic|ocr] [--repeat N]

Each run is a fresh `python -m pipeline.cli run --quiet` process on a snapshot of
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

from pipeline.corpus import SOURCES_FILE

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
NEW_REPORT_FROM = "001_socialstyrelsen_uppfoljning_2021.txt"  # a mid-sized report, as a user would add


def snapshot(workdir: Path) -> Path:
    """A copy of the package and the trained model, to run the benchmark on, byte-compiled
    as `pip install` does: runs then load the package's bytecode, as an installed
    reformtrace does, even where PYTHONDONTWRITEBYTECODE is set (it is in this project's
    sandbox, where each run would otherwise compile every module it imports, about
    0.4 CPU-seconds a run)."""
    code = workdir / "code"
    for folder in ("pipeline", "models"):
        if (ROOT / folder).is_dir():
            shutil.copytree(ROOT / folder, code / folder, ignore=shutil.ignore_patterns("__pycache__"))
    compileall.compile_dir(code / "pipeline", quiet=1)
    return code


def run(code: Path, corpus: Path, out: Path, jobs: int) -> dict:
    """One `reformtrace run`: wall seconds, CPU seconds (its own and its workers', user and
    system), peak RSS in MB and run.json."""
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "pipeline.cli", "run", "--corpus", str(corpus), "--out", str(out), "--jobs", str(jobs), "--quiet"],
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
    subprocess.run([sys.executable, "-m", "pipeline.cli", "--version"], cwd=code, check=True, capture_output=True)
    return time.perf_counter() - start


def scenario(name: str, workdir: Path, corpus: Path, jobs: int, repeat: int) -> None:
    """Cold, warm and one-new runs, each `repeat` times (the median is shown): cold into
    a fresh output folder; one new report added to the full cache, then removed again."""
    code = snapshot(workdir)
    reports = sum(1 for p in corpus.iterdir() if p.name != SOURCES_FILE)
    colds = [run(code, corpus, workdir / f"out{i}", jobs) for i in range(repeat)]
    out = workdir / "out0"
    cache_mb = sum(p.stat().st_size for p in (out / ".cache").rglob("*") if p.is_file()) / 1e6
    warms = [run(code, corpus, out, jobs) for _ in range(repeat)]
    news = []
    for i in range(repeat):
        new_report = corpus / "999_ny_rapport.txt"
        copy_with_change(CORPUS / NEW_REPORT_FROM, new_report, 999 - i)
        news.append(run(code, corpus, out, jobs))
        new_report.unlink()
        run(code, corpus, out, jobs)  # back to the corpus as it was
    cold, warm, new = (median(results) for results in (colds, warms, news))
    print(f"\n{name}: {reports} reports, {cold['run']['pages']} pages, {cold['run']['passages']} passages, --jobs {jobs}, median of {repeat}")
    print(f"  {'run':<12}{'seconds':>9}{'range':>14}{'CPU s':>8}{'reports/min':>13}{'peak MB':>9}{'of cold':>9}")
    for label, result, results, count in (("cold", cold, colds, reports), ("warm", warm, warms, reports), ("one new", new, news, 1)):
        spread = f"{min(r['seconds'] for r in results):.2f}-{max(r['seconds'] for r in results):.2f}"
        ratio = result["seconds"] / cold["seconds"]
        print(f"  {label:<12}{result['seconds']:9.2f}{spread:>14}{result['cpu']:8.2f}{count * 60 / result['seconds']:13.1f}{result['peak_mb']:9.0f}{ratio:9.1%}")
    stages = {k: v for k, v in cold["run"]["seconds"].items() if k in ("extract", "repair", "segment", "annotate")}
    per_report = sum(stages.values()) / max(1, cold["run"]["processed"])
    print("  cold, summed over workers: " + ", ".join(f"{k} {v:.1f} s" for k, v in stages.items()))
    print(f"  per report: {per_report:.2f} CPU-seconds in the stages, {cache_mb / reports:.2f} MB of cache; outputs {cold['run']['seconds']['outputs']:.1f} s once per run")
    print("  one new, seconds: " + ", ".join(f"{k} {v:.1f}" for k, v in new["run"]["seconds"].items()))
    print(f"  every run starts with `reformtrace --version` cost: {startup(code):.2f} s")
    if any(w["run"]["processed"] for w in warms) or any(n["run"]["processed"] != 1 for n in news):
        print("  warning: the warm runs redid reports; the numbers above are not what they claim")


def median(results: list[dict]) -> dict:
    return sorted(results, key=lambda r: r["seconds"])[len(results) // 2]


def ocr_seconds_per_page(workdir: Path, pages: int = 3) -> float:
    import matplotlib
    from fpdf import FPDF
    from PIL import Image, ImageDraw, ImageFont

    from pipeline.extract import extract

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
    args = parser.parse_args()
    if args.only == "ocr":
        with tempfile.TemporaryDirectory() as tmp:
            print(f"OCR of a scanned page (Tesseract, swe): {ocr_seconds_per_page(Path(tmp)):.1f} s")
        return
    if args.only != "synthetic":
        with tempfile.TemporaryDirectory() as tmp:
            scenario("bundled corpus", Path(tmp), bundled(Path(tmp)), args.jobs, args.repeat)
    if args.only != "bundled":
        with tempfile.TemporaryDirectory() as tmp:
            scenario(f"synthetic corpus of {args.synthetic}", Path(tmp), synthetic(Path(tmp), args.synthetic), args.jobs, args.repeat)


if __name__ == "__main__":
    main()
