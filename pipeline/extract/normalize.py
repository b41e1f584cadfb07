"""Text normalisers: small `str -> str` functions composed into one cleanup.

They fix what PDF export and old encodings do to Swedish letters before any
layout work: mojibake ("Ã¤" for "ä"), ligatures, soft hyphens, odd spaces and
diacritics drawn as separate glyphs.
"""
from __future__ import annotations

import re
import unicodedata

import regex

LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"})
SPACES = regex.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000]")
INVISIBLE = regex.compile(r"[\u200b\u200c\u200d\u2060\ufeff]")
# either of the two, looked for in every text: the standard library's `re` scans a class of code points
# (no Unicode property, so no table of its own) faster than the regex module
ODD_SPACE = re.compile(r"[\u00a0\u2000-\u200d\u202f\u205f\u2060\u3000\ufeff]")
SOFT_HYPHEN = "\u00ad"
SOFT_HYPHEN_AT_LINE_END = regex.compile(SOFT_HYPHEN + r"(?=[ \t]*\n)")
# Spacing diacritics that PDF fonts draw as their own glyph, before or after the letter.
SPACING_MARKS = {"\u00a8": "\u0308", "\u02da": "\u030a", "\u00b4": "\u0301", "`": "\u0300"}
DETACHED_MARK = regex.compile(r"([\u00a8\u02da\u00b4])\s?([AaOoEeUu])|([AaOoEeUu])\s?([\u00a8\u02da])(?=\p{L}|\b)")
DETACHED_MARKS = "\u00a8\u02da\u00b4"
MOJIBAKE = regex.compile(r"[ÃÂ][\x80-\xbf\u0080-\u00bf\u2018-\u203a\u0152-\u0178\u02c6\u02dc\u20ac\u2122]")


def fix_mojibake(text: str) -> str:
    """UTF-8 read as cp1252/latin-1 ("Ã¤" for "ä"): undo it, only where it shows
    (ftfy is imported then: its import costs more than reading a clean report)."""
    if ("Ã" not in text and "Â" not in text) or not MOJIBAKE.search(text):  # MOJIBAKE needs one of them
        return text
    import ftfy

    return ftfy.fix_encoding(text)


def fix_ligatures(text: str) -> str:
    if not any(chr(ligature) in text for ligature in LIGATURES):  # most texts have none: no pass over them
        return text
    return text.translate(LIGATURES)


def fix_spaces(text: str) -> str:
    """Non-breaking and other odd spaces become plain spaces; invisible marks go."""
    if not ODD_SPACE.search(text):  # the common case: one pass instead of two
        return text
    return INVISIBLE.sub("", SPACES.sub(" ", text))


def fix_soft_hyphens(text: str) -> str:
    """A soft hyphen at a line end is a hyphenation point; elsewhere it is invisible."""
    if SOFT_HYPHEN not in text:
        return text
    return SOFT_HYPHEN_AT_LINE_END.sub("-", text).replace(SOFT_HYPHEN, "")


def _combine(match: regex.Match) -> str:
    mark, letter = (match[1], match[2]) if match[1] else (match[4], match[3])
    return letter + SPACING_MARKS[mark]


def fix_detached_diacritics(text: str) -> str:
    """Recombine "a¨"/"¨a" and combining sequences into single NFC letters ("ä")."""
    if any(mark in text for mark in DETACHED_MARKS):  # DETACHED_MARK needs one of them
        text = DETACHED_MARK.sub(_combine, text)
    return unicodedata.normalize("NFC", text)


NORMALISERS = (fix_mojibake, fix_ligatures, fix_spaces, fix_soft_hyphens, fix_detached_diacritics)


def normalize(text: str) -> str:
    for step in NORMALISERS:
        text = step(text)
    return text
