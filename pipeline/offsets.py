"""Offsets in a cleaned text mapped back to the raw text it was cleaned from.

`classify` codes a passage after cleaning it (lines joined, hyphens at line ends
dropped, spaces folded, encodings fixed, OCR damage repaired), so its mentions and
cues stand at offsets of the clean text; a spaCy Doc or a labelling tool shows the
text as given. `OffsetMap` walks the two texts word by word: equal words map letter
by letter, a changed stretch ("Hälso-\\nsamtalen" -> "Hälsosamtalen", "f6lja" ->
"följa") is aligned letter by letter within itself. Texts that differ in spacing
alone cost one pass. The alignments are difflib's, computed by cydifflib (difflib's own
code compiled: the same opcodes).
"""
from __future__ import annotations

from functools import lru_cache
from itertools import accumulate
from operator import sub

import regex
from cydifflib import SequenceMatcher

WORD = regex.compile(r"\S+")


class OffsetMap:
    """Where each character of `target` (a cleaned text) came from in `source`."""

    def __init__(self, source: str, target: str):
        self.source = source
        self.target = target
        self.identity = source == target
        self._at = None if self.identity else _positions(source, target)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The source span of target[start:end]: from the first character's origin to
        just after the last one's (never empty when the target span is not)."""
        if self.identity:
            return start, end
        if start >= end:
            point = self._point(start)
            return point, point
        a, b = self._at[start], self._at[end - 1] + 1
        return a, max(b, a + 1)

    def _point(self, offset: int) -> int:
        return self._at[offset] if offset < len(self._at) else len(self.source)


def _positions(source: str, target: str) -> list[int]:
    """For each character of `target`, the offset in `source` it stands for."""
    # concurrent=False: else the regex module lets the GIL go and takes it back at every word found
    sw = [m.span() for m in WORD.finditer(source, concurrent=False)]
    tw = [m.span() for m in WORD.finditer(target, concurrent=False)]
    sources = [source[a:b] for a, b in sw]
    targets = [target[a:b] for a, b in tw]
    blocks = [("equal", 0, len(sw), 0, len(tw))] if sources == targets else (
        SequenceMatcher(None, sources, targets, autojunk=False).get_opcodes()
    )
    placed = []  # (target offset, source offsets) of each stretch of target placed in the source, in order
    for tag, i1, i2, j1, j2 in blocks:
        if tag == "equal":
            placed += _equal_words(sw[i1:i2], tw[j1:j2])
        elif j1 < j2:
            ta, tb = tw[j1][0], tw[j2 - 1][1]
            if i1 < i2:
                sa, sb = sw[i1][0], sw[i2 - 1][1]
            else:  # inserted words: they stand where the next source word starts
                sa = sb = sw[i1][0] if i1 < len(sw) else len(source)
            placed.append((ta, _align_letters(source[sa:sb], target[ta:tb], sa)))
    placed.append((len(target), ()))
    at: list[int] = []
    previous, last = -1, max(len(source) - 1, 0)
    for ta, values in placed:
        if ta > len(at):  # the spaces between words: each follows the character before it
            gap = ta - len(at)
            at += range(previous + 1, min(previous + gap, last) + 1)
            at += [last] * (ta - len(at))
            previous = at[-1]
        if values:
            if not isinstance(values, range) or values[0] < previous:  # never backwards
                values = list(accumulate(values, max, initial=previous))[1:]
            at += values
            previous = at[-1]
    return at


def _equal_words(sw: list[tuple[int, int]], tw: list[tuple[int, int]]) -> list[tuple[int, range]]:
    """Equal words placed letter by letter: one range for a run whose words all stand as
    far apart in both texts (spacing alone changed to spacing of the same width), else a
    range per word."""
    if len(set(map(sub, (ta for ta, _ in tw), (sa for sa, _ in sw)))) == 1:
        ta, tb, sa = tw[0][0], tw[-1][1], sw[0][0]
        return [(ta, range(sa, sa + tb - ta))]
    return [(ta, range(sa, sa + tb - ta)) for (sa, _), (ta, tb) in zip(sw, tw)]


def _align_letters(source: str, target: str, sa: int) -> list[int]:
    """A changed stretch mapped letter by letter: equal runs exactly, a replaced run
    spread evenly over what it replaced."""
    at = []
    for tag, i1, i2, j1, j2 in _letter_opcodes(source, target):
        width = i2 - i1
        if tag == "equal":
            at += range(sa + i1, sa + i2)
        else:
            at += [sa + i1 + (min(k * width // (j2 - j1), width - 1) if width else 0) for k in range(j2 - j1)]
    return at


@lru_cache(maxsize=65536)
def _letter_opcodes(source: str, target: str) -> tuple[tuple[str, int, int, int, int], ...]:
    """The letter alignment of a changed stretch, once per pair of stretches: the same
    hyphenated or repaired words come back passage after passage."""
    return tuple(SequenceMatcher(None, source, target, autojunk=False).get_opcodes())
