"""Pages per second of the whole PDF extraction path on the real PDFs, beside
poppler's pdftotext (a subprocess), PDFium's raw text and pdfplumber's
extract_text(), all measured in the same run on the same text-layer files.

    python benchmarks/extract.py [--pdfs ../shared/realpdfs] [--repeat 3] [--no-pdfplumber]

Each tool reads every text-layer file (scanned files are left out: their time
is Tesseract's); the best of --repeat rounds is kept. Wall time and CPU time
(this process, or the subprocesses for pdftotext) are both printed: on a busy
machine the CPU time is the steadier measure of one core's work.
"""
from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent.parent))

import pdfplumber  # noqa: E402
import pypdfium2 as pdfium  # noqa: E402

from reformtrace.extract import extract  # noqa: E402
from reformtrace.extract.evaluate import DEFAULT_PDFS, pdfs_folder  # noqa: E402


def text_layer_files(folder: Path) -> list[tuple[Path, int]]:
    """The PDFs with a text layer, each with its page count."""
    out = []
    for path in sorted(folder.glob("*.pdf")):
        pdf = pdfium.PdfDocument(str(path))
        try:
            if any(pdf[i].get_textpage().count_chars() for i in range(len(pdf))):
                out.append((path, len(pdf)))
        finally:
            pdf.close()
    return out


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def measure(run, files, repeat: int, subprocess_cpu: bool = False) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of the best round over all files."""
    best_wall = best_cpu = float("inf")
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), (children_cpu() if subprocess_cpu else time.process_time())
        for path, _ in files:
            run(path)
        best_wall = min(best_wall, time.perf_counter() - wall)
        best_cpu = min(best_cpu, (children_cpu() if subprocess_cpu else time.process_time()) - cpu)
    return best_wall, best_cpu


def pdftotext(path: Path) -> None:
    subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True)


def pdfium_raw(path: Path) -> None:
    pdf = pdfium.PdfDocument(str(path))
    try:
        for page in pdf:
            page.get_textpage().get_text_range()
    finally:
        pdf.close()


def plumber(path: Path) -> None:
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pdfs", type=Path, default=DEFAULT_PDFS,
                        help="the real PDFs (default: the first shared/realpdfs/ above this folder)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-pdfplumber", action="store_true", help="leave out pdfplumber (ten times slower)")
    args = parser.parse_args()
    folder = pdfs_folder(args.pdfs, Path(__file__).parent)
    files = text_layer_files(folder)
    if not files:
        sys.exit(f"{folder}: no text-layer PDFs here; pass --pdfs DIR (the shared realpdfs/ folder)")
    pages = sum(n for _, n in files)
    print(f"{len(files)} text-layer files, {pages} pages, best of {args.repeat}")
    extract(files[0][0])  # imports and first-use set-up outside the timing
    tools = [("reformtrace extract (whole path)", lambda p: extract(p), False)]
    if shutil.which("pdftotext"):
        tools.append(("poppler pdftotext (subprocess)", pdftotext, True))
    tools.append(("PDFium raw text (get_text_range)", pdfium_raw, False))
    if not args.no_pdfplumber:
        tools.append(("pdfplumber extract_text()", plumber, False))
    results = {}
    for label, run, in_subprocess in tools:
        results[label] = measure(run, files, 1 if "pdfplumber" in label else args.repeat, in_subprocess)
    anchor = results.get("poppler pdftotext (subprocess)")
    print(f"{'':36s}{'wall pages/s':>14s}{'CPU pages/s':>14s}{'wall vs pdftotext':>20s}{'CPU vs pdftotext':>18s}")
    for label, (wall, cpu) in results.items():
        ratio = f"{anchor[0] / wall:19.2f}x{anchor[1] / cpu:17.2f}x" if anchor else ""
        print(f"{label:36s}{pages / wall:14.1f}{pages / cpu:14.1f}{ratio}")


if __name__ == "__main__":
    main()
