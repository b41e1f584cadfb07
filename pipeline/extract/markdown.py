"""Markdown converted from PDFs (reports 002 and 003).

Headings (# and bold lines) give the section path; links are reduced to
their text; <sup> footnote markers leave the running text; footnote lines
become footnote blocks; the table of contents is dropped. Markdown has no
pages: everything is page 1.
"""
from __future__ import annotations

import regex

from reformtrace.extract.layout import TOC_LINE, continue_paragraph
from reformtrace.model import Block, Page

HEADING = regex.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
BOLD_HEADING = regex.compile(r"^\*\*([^*]+?)\*\*:?\s*$")
LIST_ITEM = regex.compile(r"^\s*(?:[-*+•]|\d{1,2}[.)])\s+")
FOOTNOTE_LINE = regex.compile(r"^\s*<sup>\s*(\d+)\s*</sup>\s*|^\s*\[\^(\d+)\]:\s*")
TABLE_SEPARATOR = regex.compile(r"^\s*\|?[\s:|-]+\|[\s:|-]*$")
TOC_TITLES = ("innehåll", "innehållsförteckning")

INLINE = (
    (regex.compile(r"<sup>.*?</sup>|\[\^\d+\]"), ""),
    (regex.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),
    (regex.compile(r"\[([^\]]*)\]\([^)]*\)"), r"\1"),
    (regex.compile(r"<(https?://[^>]+|[^@\s>]+@[^>\s]+)>"), r"\1"),
    (regex.compile(r"</?[a-zA-Z][^>]*>"), ""),
    (regex.compile(r"(\*\*|__)(.+?)\1"), r"\2"),
    (regex.compile(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])"), r"\1"),
    (regex.compile(r"\\([\\`*_{}\[\]()#+\-.!|])"), r"\1"),
    (regex.compile(r"[ \t]+"), " "),
)


def inline(text: str) -> str:
    for pattern, replacement in INLINE:
        text = pattern.sub(replacement, text)
    return text.strip()


def read_markdown(text: str) -> list[Page]:
    page = Page(1)
    section: list[tuple[int, str]] = []
    in_toc = False
    paragraph: list[str] = []

    def add(kind: str, raw: str) -> None:
        body = inline(raw)
        if body:
            page.blocks.append(Block(kind, body, 1, [t for _, t in section]))

    def flush() -> None:
        if paragraph:
            text = inline(" ".join(paragraph))
            if not continue_paragraph([page], text):  # cut by a page break in the PDF
                add("paragraph", text)
            paragraph.clear()

    for line in text.split("\n"):
        heading = HEADING.match(line) or BOLD_HEADING.match(line)
        if heading:
            flush()
            level = len(heading[1]) if heading.re is HEADING else 7
            title = inline(heading[heading.lastindex])
            in_toc = title.lower() in TOC_TITLES
            if title and not in_toc:
                section = [s for s in section if s[0] < level] + [(level, title)]
                add("heading", title)
            continue
        if in_toc or TOC_LINE.match(line.rstrip()):
            continue
        if not line.strip() or regex.match(r"^\s*(?:-{3,}|\*{3,}|_{3,})\s*$", line):
            flush()
        elif FOOTNOTE_LINE.match(line):
            flush()
            add("footnote", FOOTNOTE_LINE.sub(r"\1\2 ", line, count=1))
        elif line.lstrip().startswith("|"):
            flush()
            if not TABLE_SEPARATOR.match(line):
                add("table_row", " | ".join(c.strip() for c in line.strip().strip("|").split("|")))
        elif LIST_ITEM.match(line):
            flush()
            add("list_item", LIST_ITEM.sub("", line, count=1))
        else:
            paragraph.append(line.strip())
    flush()
    return [page]
