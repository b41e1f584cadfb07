"""Context: which reading of a token its neighbours favour ("varje år", "är en").

A bigram model of clean Swedish public-sector text (the clean reports and the
unlabelled prose corpus; pipeline/data/lexicon/bigrams.bin, built by
`reformtrace.repair.build`), smoothed (Witten-Bell) towards each word's lexicon
frequency, so words the texts never use still get their wordfreq share.

The table is a trie (marisa-trie) of keys, each with a count in a column of
unsigned 32-bit integers beside it: `first PAIR second` for a word pair,
`first AFTER` for how often `first` is followed at all, `first TYPES` for by
how many distinct words, and `TOTAL` and `TOTAL <num>` for the whole. It is
mapped into memory as it lies on disk, like the lexicon: no process parses
400,000 pairs, and the workers share its pages.
"""
from __future__ import annotations

import math
import mmap
import sys
from array import array
from collections import Counter
from collections.abc import Mapping
from functools import lru_cache
from importlib import resources

import marisa_trie
import regex

from reformtrace import lexicon as lx

BIGRAMS = "bigrams.bin"
FORMAT = "reformtrace-bigrams/1"
ALIGNMENT = lx.TRIE_ALIGNMENT  # the trie and the column start at multiples of this in the file: both are mapped in place
PAIR, AFTER, TYPES, TOTAL = "\x01", "\x02", "\x03", "\x04"  # key parts below every letter, in no word
PAIR_MEMO = 1 << 18  # word pairs remembered by `Context.logp` (a report asks about the same ones again and again)
START = "<s>"
DIGIT, YEAR, NUMBER = "<digit>", "<year>", "<num>"  # a lone digit is often a misread "i"; years and other numbers rarely
NUMBERS = (DIGIT, YEAR, NUMBER)
WORDS = regex.compile(r"\p{L}+|\p{N}+(?:[.,]\p{N}+)*|[.!?;:]")  # words as the repair tokenizer cuts them


class ContextError(Exception):
    """The bigram table is missing or broken."""


def lm_word(token: str) -> str:
    """The model's word for a token: lower case; numbers by kind (<digit>, <year>, <num>)."""
    if not token[:1].isdigit():
        return token.lower()
    if token.isdigit() and len(token) == 1:
        return DIGIT
    return YEAR if token.isdigit() and len(token) == 4 and token[:2] in ("19", "20") else NUMBER


def sentence_words(text: str) -> list[list[str]]:
    """Sentences of model words, each starting with <s>."""
    out, words = [], [START]
    for tok in WORDS.findall(text):
        if tok in ".!?;:":
            if len(words) > 1:
                out.append(words)
            words = [START]
        else:
            words.append(lm_word(tok))
    if len(words) > 1:
        out.append(words)
    return out


def keyed(bigrams: Mapping[tuple[str, str], int]) -> dict[str, int]:
    """The table's keys and counts for word pairs: pairs, per-word totals, number totals."""
    out: dict[str, int] = {}
    after: Counter = Counter()
    types: Counter = Counter()
    numbers: Counter = Counter()
    for (a, b), n in bigrams.items():
        out[a + PAIR + b] = n
        after[a] += n
        types[a] += 1
        numbers[b] += n if b in NUMBERS else 0
    for a in after:
        out[a + AFTER], out[a + TYPES] = after[a], types[a]
    out[TOTAL] = sum(after.values())
    for c in NUMBERS:
        out[TOTAL + c] = numbers[c]
    return out


class Context:
    """log P(word | previous word) over a table of counts (`keyed`): a dict, or the mapped file."""

    def __init__(self, counts: Mapping[str, int]):
        self._get = counts.get
        total = counts.get(TOTAL) or 1
        self.number_prior = {c: math.log(max(counts.get(TOTAL + c) or 0, 1) / total) for c in NUMBERS}  # log P(a token is such a number)
        self._unseen: dict[str, float] = {}
        self._pairs: dict[tuple[str, str], int | None] = {}
        self._totals: dict[str, tuple[int, int]] = {}  # a word seen before others: its (TYPES, AFTER) counts

    @classmethod
    def from_bigrams(cls, bigrams: Mapping[tuple[str, str], int]) -> "Context":
        return cls(keyed(bigrams))

    def unseen(self, prev: str) -> float:
        """log of the mass `prev` leaves to followers it was never seen with (Witten-Bell)."""
        out = self._unseen.get(prev)
        if out is None:
            types = self._get(prev + TYPES)
            out = self._unseen[prev] = math.log(types / (self._get(prev + AFTER) + types)) if types else 0.0
        return out

    def logp(self, prev: str, word: str, prior: float) -> float:
        """log P(word | prev), `prior` being log P(word) from the lexicon.

        Witten-Bell: a word seen after `prev` keeps its count; the rest share
        the mass of `prev`'s distinct followers, by lexicon frequency."""
        n = self._pairs.get((prev, word), -1)
        if n == -1:  # a pair not asked about yet: read it from the table, remember it
            if len(self._pairs) >= PAIR_MEMO:
                self._pairs.clear()
            n = self._pairs[prev, word] = self._get(prev + PAIR + word)
        if n is None:  # the common case
            return prior + self.unseen(prev)
        totals = self._totals.get(prev)
        if totals is None:  # a word's follower counts, read from the table once
            totals = self._totals[prev] = (self._get(prev + TYPES), self._get(prev + AFTER))
        types, after = totals
        return math.log((n + types * math.exp(prior)) / (after + types))


class Mapped(Mapping):
    """The counts of the table file, read through its trie."""

    def __init__(self, trie: marisa_trie.Trie, counts: memoryview):
        self.trie, self.counts = trie, counts

    def get(self, key: str, default: int | None = None) -> int | None:
        i = self.trie.get(key)
        return default if i is None else self.counts[i]

    def __getitem__(self, key: str) -> int:
        return self.counts[self.trie[key]]

    def __iter__(self):
        return iter(self.trie)

    def __len__(self) -> int:
        return len(self.trie)


def write_table(bigrams: Mapping[tuple[str, str], int]) -> bytes:
    """The table file: a header line (JSON), the trie, the counts (little-endian uint32), each aligned."""
    rows = keyed(bigrams)
    if any(c in w for pair in bigrams for w in pair for c in PAIR + AFTER + TYPES + TOTAL + "\x00"):
        raise ContextError("a word holds a control character the table keys use")
    trie = marisa_trie.Trie(rows)
    counts = [0] * len(rows)
    for k, n in rows.items():
        counts[trie[k]] = min(n, 2**32 - 1)
    data = trie.tobytes()
    data += b"\0" * (-len(data) % ALIGNMENT)
    column = b"".join(n.to_bytes(4, "little") for n in counts)
    return lx.padded_header({"format": FORMAT, "count": len(rows), "trie_bytes": len(data)}) + data + column


def read_table(data: bytes | mmap.mmap, source: str) -> Mapped:
    """The table in `data`, its trie and column read in place."""
    view = memoryview(data)
    try:
        meta, start = lx.read_header(data, FORMAT)
        n, size = meta["count"], meta["trie_bytes"]
        if start % ALIGNMENT or len(view) - start != size + 4 * n:
            raise ValueError("sizes do not match the header")
        trie = marisa_trie.Trie()
        trie.map(view[start : start + size])
        column = view[start + size :].cast("I")
        if sys.byteorder != "little":  # the file is little-endian: a copy, swapped
            swapped = array("I", column.tobytes())
            swapped.byteswap()
            column = memoryview(swapped)
        if len(trie) != n:
            raise ValueError("sizes do not match the header")
        return Mapped(trie, column)
    except (ValueError, KeyError, RuntimeError, TypeError) as err:
        raise ContextError(f"{source}: broken bigram table ({err}); rebuild with `python -m reformtrace.repair.build`") from err


@lru_cache(maxsize=1)
def load_context() -> Context:
    path = resources.files("reformtrace") / "data" / "lexicon" / BIGRAMS
    try:
        data = lx.map_file(path)
    except (OSError, ValueError) as err:
        raise ContextError(f"cannot read {path} ({err}); build it with `python -m reformtrace.repair.build`") from err
    return Context(read_table(data, str(path)))
