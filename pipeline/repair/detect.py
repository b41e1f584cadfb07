"""Is this text OCR-damaged? Measurable signals, one verdict.

Swedish prose writes å, ä or ö in about one letter in twenty-five, in about
one word in four. Text from a scanner that lost them has few such words,
and instead many tokens that are no word but are a Swedish word once the
letters come back ("omstallningen"), or have digits and symbols among their
letters ("f6lja", "&r"). Clean text, even full of names, abbreviations and
numbers, has few of these and many intact words. Text is damaged when its
broken words are many, and many against its intact ones (so that a scan
that kept some of its letters is still caught).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass
from functools import lru_cache

import regex

from pipeline import lexicon as lx
from pipeline.repair.text import ADDRESS

WORD = regex.compile(r"[\p{L}\p{N}&|\[@#{]*\p{L}[\p{L}\p{N}&|\[@#{]*")
SWEDISH = frozenset("åäöÅÄÖ")
LETTER = regex.compile(r"\p{L}")
# a digit or symbol between letters ("f6lja", "l&n"), or one or two before them ("14n", "&r", "6ka");
# not a year with a letter ("2022c") or a unit ("3D" is rare enough)
GARBLED = regex.compile(r"\p{L}[^\p{L}]+\p{L}|^[^\p{L}]{1,2}\p{L}")
MIN_WORDS = 30  # fewer words than this: no verdict of their own (except for a lone passage)
PASSAGE_MIN_EVIDENCE = 0.05  # a lone short passage needs more evidence
MIN_EVIDENCE = 0.03  # damaged text has at least this share of stripped or garbled words
BROKEN_PER_INTACT = 0.3  # and at least three for every ten words that kept their å, ä or ö


@dataclass(frozen=True)
class DamageSignals:
    words: int
    swedish_letters: float  # share of å/ä/ö among the letters
    unknown: float  # share of words the lexicon does not know
    stripped: float  # share of words that are no word, but one with å/ä/ö has their letters ("nara")
    garbled: float  # share of words with a digit or symbol among their letters ("f6lja", "&r")
    intact: float  # share of words with å, ä or ö

    @property
    def decided(self) -> bool:
        """Enough words for a verdict of their own."""
        return self.words >= MIN_WORDS

    @property
    def damaged(self) -> bool:
        return self.decided and self._broken(MIN_EVIDENCE)

    @property
    def damaged_passage(self) -> bool:
        """The verdict for one passage judged alone (classify's input), however short:
        clean short passages show no stripped or garbled words at all."""
        return self.damaged or (not self.decided and self._broken(PASSAGE_MIN_EVIDENCE))

    def _broken(self, least: float) -> bool:
        evidence = self.stripped + self.garbled
        return evidence >= least and evidence >= BROKEN_PER_INTACT * self.intact

    def as_dict(self) -> dict:
        return {**asdict(self), "damaged": self.damaged}


@lru_cache(maxsize=65536)
def _kind(word: str) -> int:
    """0: a word; 1: no word; 2: no word, but a word with å/ä/ö has its letters."""
    lex = lx.load()
    if lex.is_whole_word(word):
        return 0
    k = lx.key(word)
    accented = word == k and any(e.flags & lx.WORD and e.form != k for e in lex.by_key(k))
    return 2 if accented else 1


def damage_signals(text: str) -> DamageSignals:
    words = WORD.findall(ADDRESS.sub(" ", text))
    letters = len(LETTER.findall(text))
    unknown = stripped = garbled = intact = 0
    for w in words:
        intact += not SWEDISH.isdisjoint(w)
        if not w.isalpha():
            garbled += bool(GARBLED.search(w))
        else:
            kind = _kind(w.lower())
            unknown += kind > 0
            stripped += kind == 2
    n = max(len(words), 1)
    return DamageSignals(
        words=len(words),
        swedish_letters=round(sum(text.count(c) for c in SWEDISH) / max(letters, 1), 4),
        unknown=round((unknown + garbled) / n, 4),
        intact=round(intact / n, 4),
        stripped=round(stripped / n, 4),
        garbled=round(garbled / n, 4),
    )


def is_damaged(text: str) -> bool:
    """Whether `text` reads as OCR output that lost the Swedish letters (False when too short to tell)."""
    return damage_signals(text).damaged
