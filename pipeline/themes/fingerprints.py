"""One report's passages as text reuse compares them: made once per report with
its share of the outputs (outputs.tabulate) and cached with it, so that a run
with one new report compares only that report's signatures against the
stored ones.

A passage is taken as the evidence table takes it: a text printed again on
other pages of the same report is one passage (its first), listing its pages.
Passages under MIN_WORDS words are left out: headings, captions and a field's
stock phrases, never a paragraph someone took over.

The signatures are datasketch MinHashes (scheme affine32: each shingle hash is
mixed by MurmurHash3's finalizer, then permuted as a*h+b mod 2^32), computed for
all passages of a report at once with numpy rather than one MinHash.update_batch
per passage, which cost ten times more; a test checks that both agree.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from functools import lru_cache

import numpy as np
from datasketch import LeanMinHash, MinHash

from reformtrace.matrix import fold
from reformtrace.model import ReportResult
from reformtrace.themes.shingles import SHINGLE_WORDS, shingle_hashes, word_hashes, words

MIN_WORDS = 12  # a sentence; shorter passages are headings, captions and stock phrases of the field
NUM_PERM = 64  # minhash permutations: enough for the LSH's candidates, which an exact similarity then confirms
SEED = 20240  # the permutations' seed: fixed, since signatures are cached and compared across runs
SCHEME = "affine32"  # datasketch's collision-free permutation scheme, 32-bit values
FMIX32 = (16, 0x85EBCA6B, 13, 0xC2B2AE35, 16)  # MurmurHash3's 32-bit finalizer, as datasketch mixes each input
CHUNK = 20_000  # shingles permuted at once: bounds the temporary array (CHUNK × NUM_PERM × 4 bytes)


@dataclass(frozen=True)
class Fingerprints:
    """What text reuse needs of one report: its passages (id, page, printed page,
    every page it stands on, quote), a key per passage (the same key: the same
    normalised words) and its minhash signature (one row per passage)."""

    report_id: str
    year: int | None
    passages: list[tuple[str, int, str, str, str]]  # passage_id, page, printed_page, pages, quote
    words: list[str]  # each passage's normalised words, joined by a space: what the exact similarity aligns
    keys: list[int]  # a hash of `words`: the same key, the same wording
    signatures: np.ndarray  # uint32, passages × NUM_PERM

    def minhash(self, i: int) -> LeanMinHash:
        return LeanMinHash(seed=SEED, hashvalues=self.signatures[i], scheme=SCHEME)


def fingerprint(result: ReportResult) -> Fingerprints:
    """The report's fingerprints (with its metadata's year: reuse orders reports by it)."""
    pages_of: dict[str, list[str]] = {}  # as evidence_rows lists a repeated passage's pages
    for lp in result.passages:
        pages_of.setdefault(fold(lp.passage.text), []).append(lp.passage.page_label or str(lp.passage.page))
    passages, tokens, seen = [], [], set()
    for lp in result.passages:
        passage, quote = lp.passage, fold(lp.passage.text)
        if quote in seen:
            continue
        seen.add(quote)
        found = words(passage.text)
        if len(found) < MIN_WORDS:
            continue
        passages.append((passage.id, passage.page, passage.page_label, "; ".join(dict.fromkeys(pages_of[quote])), quote))
        tokens.append(found)
    year = result.meta.get("year")
    joined = [" ".join(t) for t in tokens]
    keys = [int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "little") for text in joined]
    return Fingerprints(result.report_id, None if year is None else int(year), passages, joined, keys, signatures(tokens))


def shared(prints: Fingerprints, texts: dict[str, str]) -> Fingerprints:
    """The same fingerprints with each wording, quote and list of pages that `texts` holds
    already taken from there (and the others put there): a text that many reports print
    is held once in a run's outputs, not once a report."""
    words = [texts.setdefault(w, w) for w in prints.words]
    passages = [(passage_id, page, printed, texts.setdefault(pages, pages), texts.setdefault(quote, quote))
                for passage_id, page, printed, pages, quote in prints.passages]
    return replace(prints, words=words, passages=passages)


def signatures(texts: list[list[str]]) -> np.ndarray:
    """The minhash signature of each text's shingles (each text at least SHINGLE_WORDS words)."""
    if not texts:
        return np.zeros((0, NUM_PERM), dtype=np.uint32)
    lengths = np.array([len(t) for t in texts])
    starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
    hashes = shingle_hashes(word_hashes([w for t in texts for w in t]))
    # a shingle belongs to the text it starts in, if it ends there too
    owner = np.repeat(np.arange(len(texts)), lengths)[: len(hashes)]
    keep = np.arange(len(hashes)) + SHINGLE_WORDS <= (starts + lengths)[owner]
    mixed = _fmix32((hashes ^ (hashes >> np.uint64(32))).astype(np.uint32))[keep]
    first = np.searchsorted(owner[keep], np.arange(len(texts)))  # each text's first shingle
    a, b = _permutations()
    out = np.full((len(texts), NUM_PERM), np.iinfo(np.uint32).max, dtype=np.uint32)
    for lo in range(0, len(mixed), CHUNK):
        part = mixed[lo:lo + CHUNK, None] * a + b
        bounds = np.clip(first - lo, 0, len(part))
        inside = (first < lo + len(part)) & (np.append(first[1:], len(mixed)) > lo)
        mins = np.minimum.reduceat(part, bounds[inside], axis=0)
        out[inside] = np.minimum(out[inside], mins)
    return out


@lru_cache(maxsize=1)
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    a, b = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME).permutations
    return np.asarray(a, dtype=np.uint32), np.asarray(b, dtype=np.uint32)


def _fmix32(h: np.ndarray) -> np.ndarray:
    s1, m1, s2, m2, s3 = (np.uint32(c) for c in FMIX32)
    h = h ^ (h >> s1)
    h = h * m1
    h = h ^ (h >> s2)
    h = h * m2
    return h ^ (h >> s3)
