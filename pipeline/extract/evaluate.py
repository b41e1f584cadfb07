"""`reformtrace evaluate extract`: PDF extraction against hand-checked pages and PDFium's words.

Two measures. Against the reading-order gold in annotations/extract/ (pages
read from their rendering, `dev` and `test` split as drawn): words kept
(recall), extra or broken tokens (1 - precision), share of gold words in
gold order, running lines left and loose accents. Against PDFium's own text
of every page of each real PDF (no gold needed): share of our words that are
PDFium words (whole) and of PDFium's words that we keep.

Words are compared case-folded, NFC, without the punctuation around them. A
paragraph that runs over a page break sits on its first page, so the last
block of the page before is lent to a gold page (its words may match, never
count as extra), and a page that ends mid-sentence may carry its next page's
first words unpenalised.
"""
from __future__ import annotations

import argparse
import csv
import shutil
import subprocess
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

import regex

from reformtrace.datafiles import shared_path
from reformtrace.errors import InputError
from reformtrace.extract.layout import SENTENCE_END, SUSPENSION_WORDS

GOLD = "extract"  # the gold's folder in the annotations folder
DEFAULT_PDFS = Path("../shared/realpdfs")
TOKEN = regex.compile(r"[\p{L}\p{N}]+(?:['’\-][\p{L}\p{N}]+)*")
LOOSE_ACCENT = regex.compile(r"(?:^|(?<=\s))[\p{M}\u00a8\u02da\u00b4\u02c7\u02dc]|\p{M}")
# PDFium's text: a line-end hyphen (\x02 or "-") before a line break and a lower-case letter;
# PDFium's other mark of a line-end hyphen, \ufffe, may have no line break after it.
PDFIUM_HYPHEN = regex.compile(r"(\p{L}+)(?:[\x02\-]\r?\n|\ufffe(?:\r?\n)?)(\p{Ll}+)")


def tokens(text: str) -> list[str]:
    text = unicodedata.normalize("NFC", text).replace("\u2212", "-").replace("\u2010", "-").replace("\u2011", "-")
    return [t.casefold() for t in TOKEN.findall(text)]


@dataclass
class PageScore:
    gold: int = 0  # gold words
    kept: int = 0  # gold words found among the page's words
    ordered: int = 0  # gold words matched in gold order
    output: int = 0  # the page's own words
    extra: int = 0  # the page's words not in the gold (broken, running, chart text)
    running_left: int = 0  # running lines of the page found in its text
    loose_accents: int = 0

    def __add__(self, other: "PageScore") -> "PageScore":
        return PageScore(*(a + b for a, b in zip(vars(self).values(), vars(other).values())))


def score_page(gold: str, page_text: str, lent: str = "", running: list[str] | None = None) -> PageScore:
    """One page's words against its gold; `lent` is the previous page's last block."""
    expected, own, before = tokens(gold), tokens(page_text), tokens(lent)
    seen = before + own
    matcher = SequenceMatcher(None, expected, seen, autojunk=False)
    ordered = sum(block.size for block in matcher.get_matching_blocks())
    kept = sum((Counter(expected) & Counter(seen)).values())
    unmatched = Counter(own) - Counter(expected)
    extra = sum(unmatched.values())
    if not SENTENCE_END.search(gold.rstrip()):  # the page ends mid-sentence: its paragraph may go on
        tail = 0
        for word in reversed(own):
            if unmatched[word] <= 0:
                break
            unmatched[word] -= 1
            tail += 1
        extra -= tail
    left = sum(_running_left(line, gold, page_text) for line in running or [])
    return PageScore(len(expected), kept, ordered, len(own), extra, left, len(LOOSE_ACCENT.findall(unicodedata.normalize("NFC", page_text))))


def _running_left(line: str, gold: str, text: str) -> bool:
    """A running line is left when its words stand together in the page's text but not in the gold."""
    words = tokens(line)
    if not words:
        return False
    joined = " ".join(words)
    own, expected = " ".join(tokens(text)), " ".join(tokens(gold))
    if len(words) == 1 and words[0].isdigit():  # a page number: at either edge of the text
        edges = tokens(text)[:1] + tokens(text)[-1:]
        return words[0] in edges and words[0] not in tokens(gold)[:1] + tokens(gold)[-1:]
    return f" {joined} " in f" {own} " and f" {joined} " not in f" {expected} "


@dataclass
class FileScore:
    name: str
    pages: dict[str, PageScore] = field(default_factory=dict)  # split -> sum


def page_texts(document) -> dict[int, tuple[str, str]]:
    """Page number -> (the page's text, the last block of the page before)."""
    out, last = {}, ""
    for page in document.pages:
        text = "\n\n".join(b.text for b in page.blocks)
        out[page.number] = (text, last)
        if page.blocks:
            last = page.blocks[-1].text
    return out


def gold_scores(gold_dir: Path, page_text) -> list[tuple[str, str, str, PageScore, bool]]:
    """(file, page, split, score, printed number right) for every gold page;
    `page_text(file, page)` gives (text, lent block, printed label)."""
    rows = list(csv.DictReader((gold_dir / "pages.tsv").open(encoding="utf-8"), delimiter="\t"))
    results = []
    for row in rows:
        name, number = row["file"], int(row["page"])
        stem = f"{Path(name).stem}_p{number}"
        gold = (gold_dir / "gold" / f"{stem}.txt").read_text(encoding="utf-8")
        running = (gold_dir / "gold" / f"{stem}.running.txt").read_text(encoding="utf-8").splitlines()
        text, lent, label = page_text(name, number)
        score = score_page(gold, text, lent, running)
        results.append((name, str(number), row["split"], score, label == row["printed"]))
    return results


def poppler_page(pdfs: Path):
    """Anchor: poppler's `pdftotext` of one page, in its reading order."""
    def page_text(name: str, number: int) -> tuple[str, str, str]:
        out = subprocess.run(["pdftotext", "-f", str(number), "-l", str(number), str(pdfs / name), "-"],
                             capture_output=True, text=True, check=False).stdout
        return out, "", ""
    return page_text


def pdfium_page(pdfs: Path):
    """Anchor: PDFium's raw text of one page."""
    import pypdfium2 as pdfium

    def page_text(name: str, number: int) -> tuple[str, str, str]:
        doc = pdfium.PdfDocument(str(pdfs / name))
        try:
            return doc[number - 1].get_textpage().get_text_range().replace("\x02", "-").replace("\ufffe", "-"), "", ""
        finally:
            doc.close()
    return page_text


def inventory_scores(pdf: Path, document) -> tuple[float, float, int]:
    """(whole, kept, PDFium words): our words that are PDFium's words, and PDFium's words we keep."""
    import pypdfium2 as pdfium

    reference: list[str] = []
    doc = pdfium.PdfDocument(str(pdf))
    try:
        for index in range(len(doc)):
            raw = doc[index].get_textpage().get_text_range()
            raw = PDFIUM_HYPHEN.sub(lambda m: m[0] if m[2] in SUSPENSION_WORDS else m[1] + m[2], raw)
            reference += tokens(raw.replace("\x02", "-").replace("\ufffe", "-"))
    finally:
        doc.close()
    ours = tokens("\n".join(b.text for b in document.blocks))
    common = sum((Counter(ours) & Counter(reference)).values())
    return common / max(1, len(ours)), common / max(1, len(reference)), len(reference)


def pdfs_folder(given: Path, start: Path | None = None) -> Path:
    """The real PDFs' folder: the one given, or for the default (../shared/realpdfs) the first
    shared/realpdfs/ above the working folder (a git worktree sits deeper than a checkout)."""
    return given if given != DEFAULT_PDFS else shared_path("realpdfs", start)


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:6.2f}%" if whole else "     -"


def _line(label: str, rows: list) -> str:
    s = sum((r[3] for r in rows), PageScore())
    numbers = sum(r[4] for r in rows)
    return (f"{label:<62} {len(rows):>3} {s.gold:>6} {_pct(s.kept, s.gold)} {_pct(s.extra, s.output)} "
            f"{_pct(s.ordered, s.gold)} {s.running_left:>4} {s.loose_accents:>4} {numbers:>4}")


def main(args: argparse.Namespace) -> int:
    from reformtrace.extract import extract

    gold_dir = Path(getattr(args, "annotations", None) or "annotations") / GOLD
    pdfs = pdfs_folder(Path(getattr(args, "pdfs", None) or DEFAULT_PDFS))
    if not (gold_dir / "pages.tsv").exists():
        raise InputError(gold_dir / "pages.tsv", "no gold page list (see annotations/extract/README.md)")
    if not pdfs.is_dir():
        raise InputError(pdfs, "no folder of real PDFs; pass --pdfs DIR (the shared realpdfs/ folder)")
    documents = {}

    def cached(path: Path):
        if path not in documents:
            documents[path] = extract(path)
        return documents[path]

    def ours(name: str, number: int) -> tuple[str, str, str]:
        document = cached(pdfs / name)
        texts = page_texts(document)
        labels = {p.number: p.label for p in document.pages}
        return (*texts.get(number, ("", "")), labels.get(number, ""))

    tools = [("reformtrace", ours), ("pdfium raw", pdfium_page(pdfs))]
    if shutil.which("pdftotext"):
        tools.append(("pdftotext", poppler_page(pdfs)))
    header = f"{'':<62} {'pgs':>3} {'words':>6} {'kept':>7} {'extra':>7} {'order':>7} {'run':>4} {'acc':>4} {'num':>4}"
    print("Against the hand-checked pages (annotations/extract): words kept, extra or broken tokens,")
    print("words in gold order, running lines left, loose accents, printed page numbers right")
    print(header)
    for tool, page_text in tools:
        rows = gold_scores(gold_dir, page_text)
        for split in ("dev", "test"):
            chosen = [r for r in rows if r[2] == split]
            if tool == "reformtrace":
                for name in sorted({r[0] for r in chosen}):
                    mine = [r for r in chosen if r[0] == name]
                    print(_line(f"{split}  {name}", mine))
            print(_line(f"{split}  all text-layer pages  [{tool}]", [r for r in chosen if "SCANNED" not in r[0]]))
            print(_line(f"{split}  scanned pages  [{tool}]", [r for r in chosen if "SCANNED" in r[0]]))
    print()
    print("Against PDFium's own words of every page (text-layer files): whole = our words that are")
    print("PDFium words, kept = PDFium's words that we keep")
    total_whole = total_kept = total_ref = 0.0
    for pdf in sorted(pdfs.glob("*.pdf")):
        if "SCANNED" in pdf.name:
            continue
        try:
            whole, kept, size = inventory_scores(pdf, cached(pdf))
        except InputError as err:
            print(f"{pdf.name:<58} {err}")
            continue
        total_whole += whole * size
        total_kept += kept * size
        total_ref += size
        print(f"{pdf.name:<58} whole {100 * whole:6.2f}%  kept {100 * kept:6.2f}%  ({size} words)")
    if total_ref:
        print(f"{'all text-layer files (weighted by words)':<58} whole {100 * total_whole / total_ref:6.2f}%  "
              f"kept {100 * total_kept / total_ref:6.2f}%")
    return 0
