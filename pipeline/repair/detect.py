"""Is this text OCR-damaged? Measurable signals, one verdict.

Swedish prose writes å, ä or ö in about one letter in twenty-five. Text
from a scanner that lost them has next to none, and instead many tokens
that are no word but are a Swedish word once the letters come back
("omstallningen"), or have digits and symbols among their letters ("f6lja",
"&r"). Clean text, even full of names and numbers, has few of either.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass

import regex

from pipeline import lexicon as lx

WORD = regex.compile(r"[\p{L}\p{N}&|\[@#{]*\p{L}[\p{L}\p{N}&|\[@#{]*")
SWEDISH = frozenset("åäöÅÄÖ")
MIN_WORDS = 30  # fewer words than this: no verdict of their own
EXPECTED_SWEDISH = 0.04  # share of å/ä/ö among the letters of Swedish prose
MAX_SWEDISH = 0.4  # damaged text keeps less than this part of the expected share
MIN_EVIDENCE = 0.03  # and this share of its words are stripped or garbled


@dataclass(frozen=True)
class DamageSignals:
    words: int
    swedish_letters: float  # share of å/ä/ö among the letters
    unknown: float  # share of words the lexicon does not know
    stripped: float  # share of words that are no word, but one with å/ä/ö has their letters ("nara")
    garbled: float  # share of words with a digit or symbol among their letters ("f6lja", "&r")

    @property
    def decided(self) -> bool:
        """Enough words for a verdict of their own."""
        return self.words >= MIN_WORDS

    @property
    def damaged(self) -> bool:
        return (
            self.decided
            and self.swedish_letters < MAX_SWEDISH * EXPECTED_SWEDISH
            and self.stripped + self.garbled >= MIN_EVIDENCE
        )

    def as_dict(self) -> dict:
        return {**asdict(self), "damaged": self.damaged}


def damage_signals(text: str) -> DamageSignals:
    lex = lx.load()
    words = WORD.findall(text)
    letters = sum(c.isalpha() for c in text)
    unknown = stripped = garbled = 0
    for w in words:
        if not w.isalpha():
            garbled += 1
        elif not lex.is_whole_word(w):
            unknown += 1
            stripped += w.lower() == lx.key(w) and any(
                e.flags & lx.WORD and e.form != lx.key(e.form) for e in lex.by_key(lx.key(w))
            )
    n = max(len(words), 1)
    return DamageSignals(
        words=len(words),
        swedish_letters=round(sum(c in SWEDISH for c in text) / max(letters, 1), 4),
        unknown=round((unknown + garbled) / n, 4),
        stripped=round(stripped / n, 4),
        garbled=round(garbled / n, 4),
    )


def is_damaged(text: str) -> bool:
    """Whether `text` reads as OCR output that lost the Swedish letters (False when too short to tell)."""
    return damage_signals(text).damaged
