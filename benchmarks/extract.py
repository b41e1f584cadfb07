"""Pages per second of the PDF text-layer path on a generated 100-page report,
beside pdfplumber's plain extract_text() and pypdfium2's raw text.

    python benchmarks/extract.py [--pages 100]
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent.parent / "tests"))

import pdfplumber  # noqa: E402
import pypdfium2 as pdfium  # noqa: E402
from pdfgen import make_report  # noqa: E402

from pipeline.extract import extract  # noqa: E402
from pipeline.lexicon import is_word  # noqa: E402


def rate(pages: int, seconds: float) -> str:
    return f"{pages / seconds:8.1f} pages/s  ({seconds:.2f} s)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=100)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "report.pdf"
        make_report(path, pages=args.pages, columns=1)
        two = Path(tmp) / "report2.pdf"
        make_report(two, pages=args.pages, columns=2)
        is_word("primärvården")  # lexicon loaded outside the timing

        for label, target in (("reformtrace extract (1 column)", path), ("reformtrace extract (2 columns)", two)):
            start = time.perf_counter()
            doc = extract(target)
            print(f"{label:36s}{rate(len(doc.pages), time.perf_counter() - start)}")

        start = time.perf_counter()
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_text()
        print(f"{'pdfplumber extract_text()':36s}{rate(args.pages, time.perf_counter() - start)}")

        start = time.perf_counter()
        pdf = pdfium.PdfDocument(str(path))
        for page in pdf:
            page.get_textpage().get_text_range()
        print(f"{'pypdfium2 raw text':36s}{rate(args.pages, time.perf_counter() - start)}")


if __name__ == "__main__":
    main()
