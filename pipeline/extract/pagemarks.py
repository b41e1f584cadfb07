"""Pages of a text export: where each page starts, and the number printed on it.

Exports mark pages in many ways: form feeds (pdftotext), marker lines such as
`[[page_pdf=68]]`, `--- Page 3 ---` or `Sida 3 av 40`, or only a line holding
the page number. Their running header often stands inline, at the start or
the end of a page's text ("VÅRD OCH OMSORG OM ÄLDRE – LÄGESRAPPORT 2016
SOCIALSTYRELSEN"), with the chapter name and the printed page number beside
it: `strip_inline_running` finds such edges by their recurrence across pages,
removes them and keeps the page number as the page's label.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import regex

# A marker line that opens a page: "[[page_pdf=68]]", "[[page=3]]", "--- Page 3 ---",
# "=== Sida 3 av 40 ===", "Sida 3 av 40", "Page 3 of 40".
MARKER = regex.compile(
    r"^\s*(?:\[\[\s*page(?:_pdf)?\s*=\s*(?P<n>\d{1,5})\s*\]\]"
    r"|[-=#*_]{2,}\s*(?:page|sida)\s+(?P<n>\d{1,5})(?:\s+(?:av|of)\s+\d{1,5})?\s*[-=#*_]{2,}"
    r"|(?:sida|page)\s+(?P<n>\d{1,5})\s+(?:av|of)\s+\d{1,5})\s*$",
    regex.I,
)
NUMBER_LINE = regex.compile(r"^\s*[-–]?\s*(\d{1,4})\s*[-–]?\s*$")
FORM_FEED = "\f"
MIN_NUMBER_LINES = 3  # fewer page-number lines than this are not a page scheme
SEQUENTIAL_SHARE = 0.7  # share of consecutive page-number lines that must count up by one

EDGE_TOKENS = 24  # how far into a page's text a running line may reach
MIN_RUNNING_TOKENS = 2  # a single recurring word is not a running line
PLATEAU = 0.8  # share of the pages with a running line's first words that carry all of it
CHAPTER_TOKENS = 10  # longest chapter name standing between a running line and its page number
PAGE_NUMBER = regex.compile(r"^\d{1,4}$")
EDGE_LINES = 3  # how far from a page's top or bottom its page number line may stand
EDGE_NUMBER = regex.compile(r"^\s*(?:sida\s+)?[-–]?\s*(\d{1,4})\s*(?:\(\d+\))?\s*[-–]?\s*$", regex.I)
YEARS = (1900, 2099)  # a number in this range in a running line is the report's year
DIGITS = regex.compile(r"\d+")


@dataclass
class RawPage:
    """A page of an export before layout: its index in the file, printed number and lines."""

    number: int
    lines: list[str]
    label: str = ""
    running: list[str] = field(default_factory=list)  # what was removed as running lines


def split_marked(text: str) -> list[RawPage] | None:
    """Pages by form feeds, marker lines or page-number lines; None when the text has none."""
    lines = text.split("\n")
    if any(MARKER.match(line) for line in lines):
        return _by_markers(lines)
    if FORM_FEED in text:
        return [RawPage(i, page.split("\n")) for i, page in enumerate(text.split(FORM_FEED), start=1)]
    return _by_number_lines(lines)


def _by_markers(lines: list[str]) -> list[RawPage]:
    pages: list[RawPage] = []
    before: list[str] = []  # text before the first marker (a title line, say)
    for line in lines:
        mark = MARKER.match(line)
        if mark:
            number = int(mark["n"])
            pages.append(RawPage(number, []))
        elif pages:
            pages[-1].lines.append(line)
        else:
            before.append(line)
    if any(l.strip() for l in before):
        pages[0].lines[:0] = before
    return pages


def _by_number_lines(lines: list[str]) -> list[RawPage] | None:
    """A line holding only a number that counts up page by page closes a page."""
    at = [(i, int(m[1])) for i, line in enumerate(lines) if (m := NUMBER_LINE.match(line))]
    if len(at) < MIN_NUMBER_LINES:
        return None
    steps = sum(b[1] - a[1] == 1 for a, b in zip(at, at[1:]))
    if steps < SEQUENTIAL_SHARE * (len(at) - 1):
        return None
    pages, start = [], 0
    for k, (i, printed) in enumerate(at):
        if k and printed != at[k - 1][1] + 1:
            continue  # a number inside the text, not the page's
        pages.append(RawPage(len(pages) + 1, lines[start:i], str(printed)))
        start = i + 1
    if any(l.strip() for l in lines[start:]):
        pages.append(RawPage(len(pages) + 1, lines[start:]))
    return pages


def _key(token: str) -> str:
    return DIGITS.sub("#", token.lower())


def _edge_keys(tokens: list[str]) -> list[tuple[str, ...]]:
    """The keys of the first 1..EDGE_TOKENS tokens, shortest first."""
    keys = [_key(t) for t in tokens[:EDGE_TOKENS]]
    return [tuple(keys[:n]) for n in range(1, len(keys) + 1)]


def _running_length(tokens: list[str], counts: Counter, least: int) -> tuple[int, str]:
    """How many leading tokens are running text, and the page number among them."""
    keys = _edge_keys(tokens)
    if len(keys) < MIN_RUNNING_TOKENS or counts[keys[MIN_RUNNING_TOKENS - 1]] < least:
        return 0, ""
    # The header is as long as nearly all the pages that start with it share it:
    # "... vård och omsorg" also ends many chapter names, which are not the header.
    floor = max(least, PLATEAU * counts[keys[MIN_RUNNING_TOKENS - 1]])
    header = max(n for n, key in enumerate(keys, start=1) if n >= MIN_RUNNING_TOKENS and counts[key] >= floor)
    if header < len(tokens) and _is_page_number(tokens[header]):
        return header + 1, tokens[header]  # "HEADER 65 ..."
    for n in range(header + 1, min(len(tokens), header + CHAPTER_TOKENS + 1)):
        if _is_page_number(tokens[n]) and counts[keys[n - 1]] >= 2:
            return n + 1, tokens[n]  # "HEADER Chapter name 65 ...": the chapter recurs
    last = tokens[header - 1]
    return header, last if _is_page_number(last) else ""  # "... SOCIALSTYRELSEN 65", the number counted as "#"


def _is_page_number(token: str) -> bool:
    """A page number, not a year standing in a running line ("LÄGESRAPPORT 2016")."""
    return bool(PAGE_NUMBER.match(token)) and not YEARS[0] <= int(token) <= YEARS[1]


def strip_inline_running(pages: list[RawPage]) -> list[RawPage]:
    """Remove running lines that stand inline at the start or end of a page's text.

    Only where the edge line carries body text too: a running line on a line
    of its own is left to the layout stage, which finds those by themselves."""
    texts = [p for p in pages if any(l.strip() for l in p.lines)]
    if len(texts) < 4:
        return pages
    least = max(3, len(texts) // 5)
    for end in (False, True):
        edges = []
        for page in texts:
            filled = [i for i, l in enumerate(page.lines) if l.strip()]
            at = filled[-1] if end else filled[0]
            tokens = page.lines[at].split()
            edges.append((page, at, tokens[::-1] if end else tokens))
        counts: Counter = Counter(key for _, _, tokens in edges for key in _edge_keys(tokens))
        for page, at, tokens in edges:
            size, printed = _running_length(tokens, counts, least)
            if not size or size >= len(tokens):
                continue
            kept, running = tokens[size:], tokens[:size]
            if end:
                kept, running = kept[::-1], running[::-1]
            page.lines[at] = " ".join(kept)
            page.running.append(" ".join(running))
            page.label = page.label or printed
    return fill_labels(pages)


def label_from_edges(pages: list[RawPage]) -> list[RawPage]:
    """A page without a label takes the page number standing on a line of its
    own among its first or last EDGE_LINES lines ("12", "Sida 12", "- 12 -")."""
    for page in pages:
        if page.label:
            continue
        filled = [l for l in page.lines if l.strip()]
        for line in filled[-EDGE_LINES:][::-1] + filled[:EDGE_LINES]:
            number = EDGE_NUMBER.match(line)
            if number and _is_page_number(number[1]):
                page.label = number[1]
                break
    return fill_labels(pages)


def fill_labels(pages: list[RawPage]) -> list[RawPage]:
    """A page without a number between two numbered pages that agree on the
    offset between index and printed number gets the number of that offset."""
    numbered = [(p.number, int(p.label)) for p in pages if p.label.isdigit()]
    offsets = {a: a - la for a, la in numbered}
    for page in pages:
        if page.label:
            continue
        before = [n for n, _ in numbered if n < page.number]
        after = [n for n, _ in numbered if n > page.number]
        if before and after and offsets[before[-1]] == offsets[after[0]] and page.number > offsets[after[0]]:
            page.label = str(page.number - offsets[after[0]])
    return pages
