"""Is a page's text layer readable? A broken font encoding draws the right
glyphs but maps them to the wrong characters: control codes, or letters that
make no words ("Uhjhulqjhq" for "Regeringen"). Such a page is OCR'd instead.
"""
from __future__ import annotations

from collections.abc import Callable

import regex

from pipeline.extract.glyphs import Piece

LETTERS = regex.compile(r"^\p{L}{3,}$")
ODD = regex.compile(r"[\x00-\x08\x0b-\x1f\ufffd\ue000-\uf8ff]")  # control codes, replacement and private-use characters
SAMPLE = 60  # words looked up per page, spread over it
MIN_WORDS = 20  # fewer words of three letters or more: too few to judge
MIN_KNOWN = 0.25  # a readable page (Swedish, or English: 0.7 of it is in the lexicon) has more known words
MAX_ODD = 0.2  # share of odd characters above which a page's text is unreadable


def unreadable(pieces: list[Piece], is_word: Callable[[str], bool] | None) -> bool:
    """True when the words are mostly not words (and there are enough to tell),
    or many characters are control codes or private-use characters."""
    words = [w.text for piece in pieces for w in piece.words]
    characters = sum(len(w) for w in words)
    if characters and sum(len(ODD.findall(w)) for w in words) > MAX_ODD * characters:
        return True
    lettered = [w for w in words if LETTERS.match(w)]
    if is_word is None or len(lettered) < MIN_WORDS:
        return False
    step = max(1, len(lettered) // SAMPLE)
    sample = lettered[::step][:SAMPLE]
    return sum(map(is_word, sample)) < MIN_KNOWN * len(sample)
