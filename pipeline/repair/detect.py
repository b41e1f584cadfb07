"""Is this text OCR-damaged? Judged on its own words, at any length: a title, a paragraph, a page.

Swedish prose writes å, ä or ö in about one word in four. A scanner that lost
them leaves words that are no word but are one once the letters come back
("omstallningen", "pa"), words far rarer than their twin with å/ä/ö ("for"
beside "för"), and misread words the learned OCR channel reads as a word with
å/ä/ö or that carry digits and symbols among their letters ("primérvarden",
"hilso", "f6lja", "&r"). Each is evidence of damage; at least one must be no
word at all, or two rare twins (one "for" may be the verb). Each word that
kept its å, ä or ö is evidence against it: a text is damaged only when its
broken words outnumber its intact ones (report 000 kept none; a scan that
kept some must have lost more). A text must also read as Swedish: most of its
words known or read as known, few of them common English words. English,
names, codes, abbreviations and addresses are never damaged Swedish. No
page-level statistics are needed, so a title alone gets a verdict; a text
with no evidence either way (numbers, a name) gets none.
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import asdict, dataclass
from functools import lru_cache

import regex

from reformtrace import lexicon as lx
from reformtrace.datafiles import data_lines
from reformtrace.repair.channel import prior, readings
from reformtrace.repair.text import CAPITAL_LINE, default_model, shape, without_addresses

# A run of letters, digits and the symbols OCR reads letters as, with a letter in it; what
# comes before its first letter holds no letter, so the pattern never has to backtrack.
WORD = regex.compile(r"[\p{N}&|\[@#{]*\p{L}[\p{L}\p{N}&|\[@#{]*")
SWEDISH = frozenset("åäöÅÄÖ")
CAPITALS = regex.compile(r"\p{Lu}+")
RARER_TWIN = 1.5  # a plain word this many powers of ten rarer than its twin with å/ä/ö ("for"/"för") reads as the twin stripped
TWIN_WEIGHT = 0.5  # ... and is half the evidence of a word that is none at all: clean text has some
MISREAD_COST = 10.5  # a misread is read back only at this channel cost or less (log units: "hilso" costs 1.5, "Idpande" for "löpande" 9.8)
BROKEN_PER_INTACT = 1.0  # damaged text has more broken words than words that kept their å, ä or ö (report 000 kept none)
MIN_SHARE = 0.02  # and at least this share of broken words (a long text with one odd word is no scan)
MIN_SWEDISH = 0.5  # and at least this share of words the lexicon knows or reads
FOREIGN_SHARE = 0.1  # a text with this share of English words (data/ocr/english.txt) is English, not damaged Swedish
ENGLISH = "english.txt"

# What a word is, for detection (FOREIGN: a common English word; CODE: a code or an abbreviation; neither is Swedish or broken).
KNOWN, UNKNOWN, STRIPPED, TWIN, MISREAD, INTACT, FOREIGN, CODE = range(8)
ACRONYM = 8  # written as an acronym: a CODE in a text in lower case, else the word's own kind


@dataclass(frozen=True)
class DamageSignals:
    words: int
    swedish_letters: float  # share of å/ä/ö among the letters
    unknown: float  # share of words the lexicon does not know (nor, where sought, the channel)
    stripped: float  # share of words that are no word, but one with å/ä/ö has their letters ("nara")
    twins: float  # share of words far rarer than their twin with å/ä/ö ("for")
    misread: float  # share of words the OCR channel reads as a word ("hilso", "primérvarden", "f6lja"), sought only where it may change the verdict
    intact: float  # share of words with å, ä or ö
    swedish: float  # share of words the lexicon knows or reads
    english: float  # share of common English words ("the", "with")

    @property
    def evidence(self) -> float:
        """Broken words per word: stripped and misread ones whole, rare twins at half weight."""
        return self.stripped + self.misread + TWIN_WEIGHT * self.twins

    @property
    def strong(self) -> float:
        """Words that are no word as written ("pa"), or two rare twins: one "for" may be the verb."""
        return self.stripped + self.misread + (self.twins if round(self.twins * self.words) >= 2 else 0.0)

    @property
    def decided(self) -> bool:
        """Some evidence either way: a broken word or an intact one."""
        return self.evidence > 0 or self.intact > 0

    @property
    def damaged(self) -> bool:
        return _verdict(self.evidence, self.strong, self.intact, self.swedish) and self.english < FOREIGN_SHARE

    @property
    def damaged_passage(self) -> bool:
        """The verdict for one passage judged alone (the same as any text's)."""
        return self.damaged

    def as_dict(self) -> dict:
        return {**asdict(self), "damaged": self.damaged}


def _verdict(evidence: float, strong: float, intact: float, swedish: float) -> bool:
    """Damaged: some words that are none, enough broken words beside the intact ones, in a Swedish text (shares of words)."""
    return strong > 0 and evidence >= MIN_SHARE and evidence > BROKEN_PER_INTACT * intact and swedish >= MIN_SWEDISH


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """data/ocr/english.txt: one word a line, `#` comments."""
    return frozenset(data_lines("ocr", ENGLISH))


@lru_cache(maxsize=131072)
def word_kind(word: str) -> int:
    """KNOWN, UNKNOWN, STRIPPED, TWIN or INTACT, for one word as written (an UNKNOWN one may be misread)."""
    if not SWEDISH.isdisjoint(word):
        return INTACT if word.isalpha() else UNKNOWN
    low = word.lower()
    if low in english_words():
        return FOREIGN
    lex = lx.load()
    if word.isalpha():
        k = lx.key(low)
        accented = [e for e in lex.by_key(k) if e.flags & lx.WORD and e.flags & lx.TRUSTED and not SWEDISH.isdisjoint(e.form)] if low == k else []
        entry = lex.lookup(low)
        if lex.is_whole_word(low):
            if accented and entry is not None and max(prior(e) for e in accented) - prior(entry) >= RARER_TWIN * math.log(10):
                return TWIN
            return KNOWN
        if accented:
            return STRIPPED
    return UNKNOWN


@lru_cache(maxsize=65536)
def _misread(word: str) -> bool:
    """The OCR channel reads it cheaply as a word with å/ä/ö the lexicon vouches for,
    or, with a digit or symbol among its letters, as any such word ("1dkare", "fill")."""
    model = default_model()
    found = readings(word, model.channel, model.lexicon, limit=1)
    if not found or -found[0].channel > MISREAD_COST:
        return False
    form = found[0].form
    trusted = all(model.lexicon.flags(p) & lx.TRUSTED for p in found[0].parts)
    return trusted and (not SWEDISH.isdisjoint(form) or not word.isalpha())


KIND_MEMO = 131072  # words whose kind `_kinds_alone` remembers; emptied when full
_KINDS: dict[str, int] = {}


def _kinds_alone(words: list[str]) -> list[int]:
    """Each word's `_kind_alone`, read from a plain dict by `map`: every word of every text is looked
    up, and a dict's get costs less than an lru_cache's call."""
    kinds = list(map(_KINDS.get, words))
    if None in kinds:
        if len(_KINDS) >= KIND_MEMO:
            _KINDS.clear()
        _KINDS.update({word: _kind_alone(word) for word, kind in zip(words, kinds) if kind is None})
        kinds = list(map(_KINDS.__getitem__, words))
    return kinds


def _kind_alone(word: str) -> int:
    """A word's kind as far as it does not hang on the text around it: ACRONYM for one written as an acronym."""
    if not word[1:].islower():
        code, acronym = shape(word)
        if code or acronym:
            return CODE if code else ACRONYM
    return word_kind(word)


def damage_signals(text: str) -> DamageSignals:
    text = without_addresses(text)
    # concurrent=False: else the regex module lets the GIL go and takes it back at every word found
    words = WORD.findall(text, concurrent=False)
    letters = sum(map(len, words))
    kinds = _kinds_alone(words)  # each word's kind through its memo, in one pass with no Python loop
    if ACRONYM in kinds:  # an abbreviation in a text in lower case ("SD", "PAL"), else read as a word
        in_lower_case = sum(map(len, CAPITALS.findall(text))) / max(letters, 1) < CAPITAL_LINE
        kinds = [(CODE if in_lower_case else word_kind(w)) if k == ACRONYM else k for w, k in zip(words, kinds)]
    counts = [0] * 8
    for kind, times in Counter(kinds).items():
        counts[kind] = times
    n = max(len(words), 1)
    # Unknown words are read with the channel (a few milliseconds each) only when
    # the verdict without them differs from the verdict with all of them misread.
    evidence = counts[STRIPPED] + TWIN_WEIGHT * counts[TWIN]
    swedish = counts[KNOWN] + counts[INTACT] + counts[STRIPPED] + counts[TWIN]
    strong = counts[STRIPPED] + (counts[TWIN] if counts[TWIN] >= 2 else 0)
    low = _verdict(evidence / n, strong / n, counts[INTACT] / n, swedish / n)
    high = _verdict((evidence + counts[UNKNOWN]) / n, (strong + counts[UNKNOWN]) / n, counts[INTACT] / n, (swedish + counts[UNKNOWN]) / n)
    if low != high:
        unknown = Counter(w for w, k in zip(words, kinds) if k == UNKNOWN)  # each unknown word and how often it stands
        misread = sum(times for w, times in unknown.items() if _misread(w))
        counts[MISREAD], counts[UNKNOWN] = misread, counts[UNKNOWN] - misread
    return DamageSignals(
        words=len(words),
        swedish_letters=round(sum(text.count(c) for c in SWEDISH) / max(letters, 1), 4),
        unknown=round(counts[UNKNOWN] / n, 4),
        stripped=round(counts[STRIPPED] / n, 4),
        twins=round(counts[TWIN] / n, 4),
        misread=round(counts[MISREAD] / n, 4),
        intact=round(counts[INTACT] / n, 4),
        swedish=round((counts[KNOWN] + counts[INTACT] + counts[STRIPPED] + counts[TWIN] + counts[MISREAD]) / n, 4),
        english=round(counts[FOREIGN] / n, 4),
    )


def is_damaged(text: str) -> bool:
    """Whether `text` reads as OCR output that lost the Swedish letters (False when nothing tells)."""
    return damage_signals(text).damaged
