"""Plain text exported from PDFs, as in the sample reports.

Page starts are lines that begin with exactly one space. Some exports put an
empty line after every text line (report 001); there a paragraph ends at a
line with two trailing spaces or a line of spaces. Symbol-font bullets come
out as a tab and "4" (report 004).
"""
from __future__ import annotations

import regex

from pipeline.extract.layout import WordCheck, build_pages
from pipeline.model import Page

PAGE_START = regex.compile(r"^ (?! )(?=\S| \t)|^ \t")


def split_pages(text: str) -> list[list[str]]:
    pages: list[list[str]] = [[]]
    for line in text.split("\n"):
        if PAGE_START.match(line) and any(l.strip() for l in pages[-1]):
            pages.append([])
        pages[-1].append(line[1:] if PAGE_START.match(line) else line)
    return pages


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
    return build_pages(split_pages("\n".join(lines)), is_word, running="anywhere")
