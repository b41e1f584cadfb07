"""Sentence boundaries in Swedish report text.

A sentence ends at ".", "!" or "?" (closing quotes and brackets after it)
before a space and a capital letter, a digit or a bullet, unless the word
before the stop is an abbreviation ("bl.a.", "t.ex.", "kap."): spaCy's Swedish
tokenizer exceptions, kept in data/tokenizer/sv.json, list them.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import regex

EXCEPTIONS = Path(__file__).parent / "data" / "tokenizer" / "sv.json"
# The stop, what may close after it, the space, and what opens the next sentence.
# A footnote mark may stand right after the stop ("uppföljningen.12 Nästa", "(SIP).'® Ett").
BOUNDARY = regex.compile(r"(?<=[.!?][\"'”’)\]®*†¢?]*\d{0,3})\s+(?=[\p{Lu}\d•\"“”(])")
LAST_TOKEN = regex.compile(r"(\S+)$")
MIN_SENTENCE = 2  # characters: "1." of a numbered list is not a sentence of its own


@lru_cache(maxsize=1)
def abbreviations() -> frozenset[str]:
    """Lower-cased tokens that end with a stop without ending a sentence."""
    cases = json.loads(EXCEPTIONS.read_text(encoding="utf-8"))["special_cases"]
    return frozenset(k.lower() for k in cases if k.endswith(".") and len(k) > 1)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of `text`, spaces between them left out."""
    spans, start = [], 0
    for match in BOUNDARY.finditer(text):
        last = LAST_TOKEN.search(text, start, match.start())
        token = last[1].lower() if last else ""
        if token in abbreviations() or match.start() - start < MIN_SENTENCE or regex.fullmatch(r"\d{1,3}\.", token):
            continue
        spans.append((start, match.start()))
        start = match.end()
    if start < len(text.rstrip()):
        spans.append((start, len(text.rstrip())))
    return spans


def sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in sentence_spans(text)]
