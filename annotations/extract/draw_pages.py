"""Draw the pages of ../../../shared/realpdfs that get hand-checked reading-order gold.

The rule is fixed in ../unseen/SPLIT.md: per file, pages with body text are
drawn with random.Random("reformtrace-gold-" + file name); the first half of
the draw is `dev`, the second half `test`. Prints pages.tsv to stdout.
"""
import random
import subprocess
import sys
from pathlib import Path

REAL = Path(__file__).resolve().parents[3] / "shared" / "realpdfs"
COUNTS = {  # pages drawn per file: more where the layout is hardest
    "regionhalland_terapirekommendationer_2017_p1-108.pdf": 6,
    "riksbank_penningpolitisk_rapport_2015-02.pdf": 6,
}
DEFAULT_COUNT = 4
MIN_WORDS = 120  # a page with fewer words (cover, blank, a chart alone) has no body to read


def page_words(pdf: Path, page: int) -> int:
    out = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), str(pdf), "-"],
                         capture_output=True, text=True, check=True).stdout
    return len(out.split())


def main() -> None:
    print("file\tpage\tsplit")
    for pdf in sorted(REAL.glob("*.pdf")):
        if "SCANNED" in pdf.name:
            print(f"{pdf.name}\t1\tdev\n{pdf.name}\t2\ttest")
            continue
        pages = int(next(line.split()[-1] for line in subprocess.run(
            ["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()
            if line.startswith("Pages:")))
        rng = random.Random("reformtrace-gold-" + pdf.name)
        order = list(range(1, pages + 1))
        rng.shuffle(order)
        want = COUNTS.get(pdf.name, DEFAULT_COUNT)
        drawn = []
        for page in order:
            if len(drawn) == want:
                break
            if page_words(pdf, page) >= MIN_WORDS:
                drawn.append(page)
        for i, page in enumerate(drawn):
            print(f"{pdf.name}\t{page}\t{'dev' if i < want // 2 else 'test'}")


if __name__ == "__main__":
    sys.exit(main())
