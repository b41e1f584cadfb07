"""Defects a born-digital PDF prints, not OCR's: ligatures its font draws without
letters ("skri lig" for "skriftlig", "o ciella" for "officiella") and hyphenation a
reflow left inside its lines ("el- ler"). A reader reads the whole word; the text
layer and the gold pages keep what is printed, so they are mended here, as repairs
that keep the original, where the lexicon knows the whole word and the document shows
the defect often enough to be sure of it."""
from __future__ import annotations

from collections.abc import Callable
from functools import cache

import regex

from reformtrace.datafiles import data_lines
from reformtrace.extract.layout import SUSPENSION_WORDS
from reformtrace.lexicon import Lexicon, key
from reformtrace.repair.text import Change

LOST_LIGATURES = "lost_ligatures.txt"  # data/ocr/: the ligatures a font may draw without letters
MIN_MENDS = 3  # mends of one kind a document needs before any is made: one alone may be chance
SAMPLE = 8  # every eighth block of a longer document is looked at first: with no mend there, it has too few to make
# A word and a space before three or more lower-case letters, where a lost ligature cuts a word
# (the letters after it are only looked at: they may begin the next cut).
CUT = regex.compile(r"(?<![\p{L}\p{N}\-/.])(\p{L}+) (?=(\p{Ll}{3,})(?![\p{L}\p{N}]))")
# "el- ler": a word, a hyphen, a space and a lower-case continuation, inside a line.
HYPHENATED = regex.compile(r"(?<![\p{L}\p{N}\-/.])(\p{L}+)- (\p{Ll}+)(?![\p{L}\p{N}\-])")


@cache
def lost_ligatures() -> tuple[str, ...]:
    return tuple(data_lines("ocr", LOST_LIGATURES))


def _likelier(whole: str, left: str, right: str, lexicon: Lexicon) -> bool:
    """A word the lexicon knows whole, and not two words of their own that are each likelier."""
    if not lexicon.is_whole_word(whole):
        return False
    if lexicon.is_whole_word(left) and lexicon.is_whole_word(right):
        return lexicon.zipf(whole) > max(lexicon.zipf(left), lexicon.zipf(right))
    return True


def _ligature_mends(text: str, lexicon: Lexicon, known: dict) -> list[Change]:
    out = []
    for match in CUT.finditer(text):
        left, right = match[1], match[2]
        if (left, right) not in known:
            if left not in known:  # the ligatures some word of the lexicon goes on with after `left`
                known[left] = [lig for lig in lost_ligatures() if lexicon.probe(key(left + lig))[1]]
            known[left, right] = next((lig for lig in known[left] if lexicon.probe(key(left + lig + right))[0]
                                       and _likelier(left + lig + right, left, right, lexicon)), None)
        ligature = known[left, right]
        if ligature is not None:
            end = match.end() + len(right)
            out.append(Change(match.start(), end, text[match.start():end], left + ligature + right, 1.0))
    return out


def _hyphen_mends(text: str, lexicon: Lexicon, known: dict) -> list[Change]:
    out = []
    for match in HYPHENATED.finditer(text):
        left, right = match[1], match[2]
        if right in SUSPENSION_WORDS or left.isupper():  # "hälso- och sjukvården", "SIP- arbetet"
            continue
        if (left, right) not in known:
            known[left, right] = _likelier(left + right, left + "-", right, lexicon)
        if known[left, right]:
            out.append(Change(match.start(), match.end(), match[0], left + right, 1.0))
    return out


def mend_printed(texts: list[str], lexicon: Lexicon) -> list[list[Change]]:
    """Each text's mends (by offset), of each kind the document shows at least MIN_MENDS times."""
    kinds: list[Callable] = [_ligature_mends, _hyphen_mends]
    found = []
    for kind in kinds:
        known: dict = {}
        sample = texts[::SAMPLE] if len(texts) > 4 * SAMPLE else texts
        if not any(kind(text, lexicon, known) for text in sample):
            found.append([[] for _ in texts])
            continue
        changes = [kind(text, lexicon, known) for text in texts]
        found.append(changes if sum(map(len, changes)) >= MIN_MENDS else [[] for _ in texts])
    return [_apart(sorted(a + b, key=lambda c: c.start)) for a, b in zip(*found)]


def _apart(changes: list[Change]) -> list[Change]:
    """The changes less any that overlaps the one before it."""
    out: list[Change] = []
    for change in changes:
        if not out or change.start >= out[-1].end:
            out.append(change)
    return out


def apply(text: str, changes: list[Change]) -> str:
    """The text with its (non-overlapping, ordered) changes made."""
    parts, at = [], 0
    for change in changes:
        parts += [text[at:change.start], change.replacement]
        at = change.end
    return "".join(parts) + text[at:]
