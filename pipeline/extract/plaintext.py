"""Plain text exported from PDFs.

Pages are found by their markers (pagemarks.py: form feeds, `[[page_pdf=N]]`,
`--- Page N ---`, page-number lines) or, in the bundled exports, by lines that
begin with exactly one space. Some exports put an empty line after every text
line (report 001); there a paragraph ends at a line with two trailing spaces
or a line of spaces. Symbol-font bullets come out as a tab and "4" (report
004). Some exports give a page as one long line (runon.py breaks it at
headings and sentences), with hyphenation left inside the line.
"""
from __future__ import annotations

import regex

from reformtrace.extract.layout import WordCheck, build_pages
from reformtrace.extract.pagemarks import RawPage, label_from_edges, split_marked, strip_inline_running
from reformtrace.extract.runon import break_runon, join_inline_hyphens
from reformtrace.model import Page

PAGE_START = regex.compile(r"^ (?! )(?=\S| \t)|^ \t")


def split_pages(text: str) -> list[RawPage]:
    """Pages by their markers, else by the bundled exports' one-space page starts."""
    marked = split_marked(text)
    if marked is not None:
        return marked
    pages: list[list[str]] = [[]]
    for line in text.split("\n"):
        if PAGE_START.match(line) and any(l.strip() for l in pages[-1]):
            pages.append([])
        pages[-1].append(line[1:] if PAGE_START.match(line) else line)
    return [RawPage(i, lines) for i, lines in enumerate(pages, start=1)]


def is_double_spaced(lines: list[str]) -> bool:
    """True when nearly every text line is followed by an empty line."""
    text_lines = [i for i, l in enumerate(lines[:-1]) if l.strip()]
    followed = sum(1 for i in text_lines if lines[i + 1] == "")
    return len(text_lines) >= 5 and followed > 0.8 * len(text_lines)


def undouble(lines: list[str]) -> list[str]:
    """Drop the empty line after each text line; mark real paragraph ends: a line
    of spaces, a line ending in two spaces, or a line much shorter than the rest."""
    lengths = sorted(len(l.strip()) for l in lines if l.strip())
    short = 0.6 * lengths[len(lengths) // 2]
    out: list[str] = []
    for line in lines:
        if line == "":
            continue
        if not line.strip():
            out.append("")
        elif regex.search(r"\S {2,}$", line) or (len(line.strip()) < short and not line.rstrip().endswith("-")):
            out.extend([line.rstrip(), ""])
        else:
            out.append(line)
    return out


def read_plaintext(text: str, is_word: WordCheck | None = None) -> list[Page]:
    lines = [l.rstrip("\r") for l in text.split("\n")]
    if is_double_spaced(lines):
        lines = undouble(lines)
    raw = label_from_edges(strip_inline_running(split_pages("\n".join(lines))))
    for page in raw:
        page.lines = break_runon([join_inline_hyphens(l, is_word) for l in page.lines])
    pages = build_pages([p.lines for p in raw], is_word, running="anywhere")
    for page, source in zip(pages, raw):
        page.number, page.label = source.number, source.label
        for block in page.blocks:
            block.page = source.number
    return pages
