"""Extraction: any report file -> Document (pages -> blocks).

Dispatches on the file type: PDF (PDFium's characters and their boxes, Tesseract
for pages without a text layer), Markdown, or plain text exported from a PDF.
Every failure to read is an InputError naming the file and the reason.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import regex

from reformtrace.errors import InputError
from reformtrace.extract.decode import decode
from reformtrace.extract.markdown import read_markdown
from reformtrace.extract.normalize import normalize
from reformtrace.extract.plaintext import read_plaintext
from reformtrace.model import Document
from reformtrace.sources import Sources

TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown"}
# what an extraction depends on: a change to any of it redoes the stage (pipeline/sources.py)
SOURCES = Sources(
    code=("reformtrace.extract", "reformtrace.datafiles", "reformtrace.lexicon", "reformtrace.sentences", "reformtrace.model", "reformtrace.errors"),
    data=("lexicon", "tokenizer", "extract"),
    libraries=("pypdfium2", "regex", "ftfy", "marisa-trie"),
)
SUFFIXES = TEXT_SUFFIXES | {".pdf"}
MARKDOWN_HEADING = regex.compile(r"^#{1,6} \S", regex.M)


@lru_cache(maxsize=1 << 16)
def is_word(word: str) -> bool:
    """The Swedish lexicon's verdict, loaded on first use; remembered, for a document's
    pages ask about the same common words."""
    from reformtrace.lexicon import is_word as lexicon_is_word

    return lexicon_is_word(word)


def looks_like_markdown(text: str) -> bool:
    return len(MARKDOWN_HEADING.findall(text)) >= 3


def extract_text(text: str, report_id: str, source: str, markdown: bool | None = None) -> Document:
    """Text of a report (already decoded) to a Document."""
    text = normalize(text.replace("\r\n", "\n"))
    if markdown is None:
        markdown = looks_like_markdown(text)
    pages = read_markdown(text) if markdown else read_plaintext(text, is_word)
    return Document(report_id, source, pages)


def extract(path: str | Path) -> Document:
    """Read one report file into a Document, or raise InputError."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        from reformtrace.extract.pdf import read_pdf

        return read_pdf(path, is_word)
    try:
        data = path.read_bytes()
    except OSError as err:
        raise InputError(path, f"cannot read the file ({err.strerror or err})") from err
    if suffix not in TEXT_SUFFIXES:
        raise InputError(path, f"unsupported file type {suffix or '(none)'}; use .pdf, .txt or .md")
    doc = extract_text(decode(data, path), path.stem, path.name, markdown=suffix in (".md", ".markdown") or None)
    if not any(p.blocks for p in doc.pages):
        raise InputError(path, "no text found in the file")
    return doc
