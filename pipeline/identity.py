"""Which evidence row is which from one run to the next.

A row is the report, the passage's text, the region and the label. The passage
number is no part of it: a new segmentation rule, or a passage added before it,
moves the numbers, and a verdict or a "new since" mark must not follow them.
The text is compared normalised (case, punctuation and spacing folded), so that
a changed hyphen or line break does not make a new row.
"""
from __future__ import annotations

import hashlib
import unicodedata
from collections import Counter
from functools import lru_cache

import regex

NON_WORD = regex.compile(r"[^\p{L}\p{N}]+")
KEY_LENGTH = 16  # hex digits of a text's key: 64 bits, no collision among the passages of any corpus we will see
MEMO = 4096  # texts remembered: a passage's rows come together (one per label and region), and a long memo of long texts costs memory


@lru_cache(maxsize=MEMO)
def normalise(text: str) -> str:
    """The words of a text, case-folded, joined by single spaces: what two versions of a passage share."""
    return NON_WORD.sub(" ", unicodedata.normalize("NFKC", text).casefold()).strip()


@lru_cache(maxsize=MEMO)
def text_key(text: str) -> str:
    """A short, stable name of a passage's normalised text."""
    return hashlib.sha1(normalise(text).encode("utf-8")).hexdigest()[:KEY_LENGTH]


def row_key(report_id: str, quote: str, region_code: str, label: str) -> str:
    """An evidence row's identity across runs (the HTML builds the same string in report.js)."""
    return f"{report_id}|{text_key(quote)}|{region_code}|{label}"


def row_keys(evidence) -> list[str]:
    """The identity of every row of an evidence table, in its order."""
    columns = ("report_id", "quote", "region_code", "label")
    return [row_key(*values) for values in zip(*(evidence[c].tolist() for c in columns))]


def overlap(a: str, b: str) -> tuple[float, float]:
    """How much two normalised texts share, as shares of their words: of the shorter
    (1.0 when one holds the other, as after a passage was split or merged) and of
    the longer (1.0 only for the same words)."""
    words_a, words_b = Counter(a.split()), Counter(b.split())
    shared = sum((words_a & words_b).values())
    small, large = sorted((sum(words_a.values()), sum(words_b.values())))
    return (shared / small if small else 0.0), (shared / large if large else 0.0)


def share(part: str, whole: str) -> float:
    """The share of a normalised text's words that another holds (0.0 for no words)."""
    words = Counter(part.split())
    return sum((words & Counter(whole.split())).values()) / sum(words.values()) if words else 0.0
