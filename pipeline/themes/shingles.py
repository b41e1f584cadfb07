"""Passage text -> the words and word shingles that text reuse compares.

Reuse must hold through what changes between two printings of the same
wording: case, line breaks, a word hyphenated at a line end ("omställ-\nningen"),
soft hyphens, and Swedish letters an OCR layer lost and the repair did not
restore ("nara" for "nära"). So the text is case-folded, its accents dropped,
line-end hyphens joined (not before a conjunction: "hälso-\noch sjukvården"
keeps both words) and cut into runs of letters and digits. A shingle is
SHINGLE_WORDS words in a row, hashed to 64 bits; the hashes are the same in
every process and on every machine (blake2b of each word), since they are cached.
"""
from __future__ import annotations

import hashlib
import unicodedata

import numpy as np
import regex

SHINGLE_WORDS = 4  # words per shingle: field phrases ("god och nära vård") make few, and a changed word costs only four
WORD = regex.compile(r"[\p{L}\p{N}]+")
LINE_END_HYPHEN = regex.compile(r"(?<=\p{L})[-‐]\s*\n\s*(?=(\p{Ll}+))")
KEEP_HYPHEN_BEFORE = frozenset({"och", "eller", "samt", "respektive", "resp", "som", "men", "till"})  # "hälso-\noch": a truncated compound
COMBINING = regex.compile(r"\p{Mn}+")
MIX = np.uint64(0x9E3779B97F4A7C15)  # odd: multiplying by it before adding the next word makes the order count
_word_hashes: dict[str, int] = {}  # word -> hash, for this process: words repeat across passages and reports


def _join_hyphen(match: regex.Match) -> str:
    return "- " if match[1] in KEEP_HYPHEN_BEFORE else ""


def words(text: str) -> list[str]:
    """The passage's words as reuse compares them: folded, accents dropped, hyphenation joined."""
    text = LINE_END_HYPHEN.sub(_join_hyphen, text.replace("\u00ad", ""))
    text = COMBINING.sub("", unicodedata.normalize("NFKD", text.casefold()))
    return WORD.findall(text)


def word_hashes(tokens: list[str]) -> np.ndarray:
    """Each word's 64-bit hash (uint64): the same in every process, unlike Python's salted hash()."""
    table = _word_hashes
    for word in set(tokens) - table.keys():
        table[word] = int.from_bytes(hashlib.blake2b(word.encode("utf-8"), digest_size=8).digest(), "little")
    return np.fromiter(map(table.__getitem__, tokens), dtype=np.uint64, count=len(tokens))


def shingle_hashes(hashes: np.ndarray, size: int = SHINGLE_WORDS) -> np.ndarray:
    """The hash of each run of `size` words, by its first word (len(hashes) - size + 1 of them)."""
    n = max(0, len(hashes) - size + 1)
    combined = np.zeros(n, dtype=np.uint64)
    with np.errstate(over="ignore"):  # uint64 arithmetic wraps, as a hash's should
        for offset in range(size):
            combined = combined * MIX + hashes[offset:offset + n]
    return combined


def shingles(tokens: list[str], size: int = SHINGLE_WORDS) -> np.ndarray:
    """The distinct shingle hashes of one text, sorted."""
    return np.unique(shingle_hashes(word_hashes(tokens), size))
