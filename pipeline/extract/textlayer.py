"""Is a page's text layer readable? A broken font encoding draws the right
glyphs but maps them to the wrong characters: control codes, letters of
other scripts, or Latin letters that make no words ("Uhjhulqjhq" for
"Regeringen"). Such a page is OCR'd instead. Words a lexicon does not know
are not enough (a list of drug names): the letters must also lack vowels, as
shifted letters do (Swedish, English and Latin words are 0.33-0.40 vowels).
"""
from __future__ import annotations

from collections.abc import Callable

import regex

from reformtrace.extract.glyphs import Piece

LETTERS = regex.compile(r"^\p{L}{3,}$")
# Control codes, replacement and private-use characters; letters of other scripts than
# Latin, Greek and the common ones (a formula's 𝑃𝐴𝐹 are letters of no script).
ODD = regex.compile(r"[\x00-\x08\x0b-\x1f\ufffd\ue000-\uf8ff]")
OTHER_SCRIPT = regex.compile(r"(?=\p{L})[^\p{Script=Latin}\p{Script=Greek}\p{Script=Common}]")
VOWELS = regex.compile(r"[aeiouyåäöéüAEIOUYÅÄÖÉÜ]")
SAMPLE = 30  # words looked up per page, spread over it
MIN_WORDS = 20  # fewer words of three letters or more: too few to judge
MIN_KNOWN = 0.25  # a readable page (Swedish, or English: 0.7 of it is in the lexicon) has more known words
MAX_ODD = 0.2  # share of odd characters above which a page's text is unreadable
MIN_VOWELS = 0.28  # share of vowels among letters below which unknown words are shifted letters


def unreadable(pieces: list[Piece], is_word: Callable[[str], bool] | None) -> bool:
    """True when many characters are control codes or private-use characters,
    or the words are mostly not words (and there are enough to tell)."""
    words = [w.text for piece in pieces for w in piece.words]
    words = words[:: max(1, len(words) // (4 * SAMPLE))]  # a spread of the page's words
    text = " ".join(words)
    odd = len(ODD.findall(text))
    if text and max(text) > "\u036f":  # beyond Latin letters and their accents: look at the scripts
        odd += len(OTHER_SCRIPT.findall(text))
    if odd > MAX_ODD * len(text):
        return True
    if is_word is None:
        return False
    lettered = [w for w in words if LETTERS.match(w)][:SAMPLE]  # of three letters or more
    if len(lettered) < MIN_WORDS:
        return False
    needed, known = MIN_KNOWN * len(lettered), 0
    for word in lettered:  # stop as soon as enough words are known
        known += is_word(word)
        if known >= needed:
            return False
    letters = sum(map(len, lettered))
    return len(VOWELS.findall(" ".join(lettered))) < MIN_VOWELS * letters
