"""Which distinct wordings are alike, for text reuse: the candidates are the texts that
share a band of their minhash signatures, banded as datasketch's MinHashLSH bands them
for LSH_THRESHOLD (its b bands of r values), found with numpy over all the signatures at
once; an exact similarity confirms them. The pairs a run confirmed are kept beside its
outputs (.history/, by the texts' keys, a hash of their words), so the next run compares
only its new texts against all: a new report costs its own texts, not the corpus's pairs.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from pathlib import Path

import numpy as np
from datasketch import MinHashLSH

from reformtrace.themes.fingerprints import NUM_PERM

LSH_THRESHOLD = 0.3  # estimated Jaccard of 4-word shingles at which a pair is checked: an edited paragraph falls to 0.3
SIMILARITY = 0.6  # share of both passages' words in common runs: three words changed in thirty still give 0.7
CONTAINMENT = 0.8  # share of the shorter passage's words in common runs, for a passage taken into a longer one
MIN_RUN = 3  # words: a run shorter than this in common is chance ("och att den")
PAIR = np.dtype([("a", "<u8"), ("b", "<u8"), ("share", "<f8")])  # a confirmed pair: the two texts' keys (a < b), its similarity
MIX = np.uint64(0x9E3779B97F4A7C15)  # a band's values folded into one number, to find the bands a new text shares


@dataclass(frozen=True)
class Known:
    """What an earlier run compared: every text's key (sorted) and the pairs it confirmed among them (sorted)."""

    texts: np.ndarray  # uint64
    pairs: np.ndarray  # PAIR

    def write_texts(self, file) -> None:
        np.save(file, self.texts, allow_pickle=False)

    def write_pairs(self, file) -> None:
        np.save(file, self.pairs, allow_pickle=False)


NOTHING = Known(np.zeros(0, dtype="<u8"), np.zeros(0, dtype=PAIR))


def similarity(a: str, b: str) -> tuple[float, float]:
    """(share of both passages' words, share of the shorter one's words) in common runs of MIN_RUN words or more."""
    x, y = a.split(), b.split()
    if not x or not y:
        return 0.0, 0.0
    blocks = SequenceMatcher(None, x, y, autojunk=False).get_matching_blocks()
    common = sum(block.size for block in blocks if block.size >= MIN_RUN)
    return 2 * common / (len(x) + len(y)), common / min(len(x), len(y))


def history_files() -> tuple[str, str]:
    """The names of a run's kept texts and pairs, under its output folder: of this code's version,
    so that a change to how texts are compared starts afresh."""
    return f".history/reuse-{_version()}-texts.npy", f".history/reuse-{_version()}-pairs.npy"


@lru_cache(maxsize=1)
def _version() -> str:
    here = Path(__file__).parent
    code = b"".join((here / name).read_bytes() for name in ("pairs.py", "fingerprints.py", "shingles.py"))
    return hashlib.blake2b(code, digest_size=6).hexdigest()


def known(previous: Path | None) -> Known:
    """What the previous outputs kept (nothing when they kept none, or it cannot be read)."""
    if previous is None:
        return NOTHING
    texts, pairs = (Path(previous) / name for name in history_files())
    try:
        found = Known(np.load(texts, allow_pickle=False), np.load(pairs, allow_pickle=False))
    except (OSError, ValueError):
        return NOTHING
    return found if found.texts.dtype == np.dtype("<u8") and found.pairs.dtype == PAIR else NOTHING


def confirmed(keys: np.ndarray, signatures: np.ndarray, words: list[str], before: Known) -> tuple[list[tuple[int, int, float]], Known]:
    """The similar texts among these (each its key, signature row and words), as (x, y, share) with
    x < y, sorted; and what the next run keeps. Pairs of two texts `before` compared are its own."""
    keys = np.asarray(keys, dtype="<u8")
    fresh = ~np.isin(keys, before.texts)
    found = []
    for x, y in sorted(candidates(signatures, fresh)):
        share, contained = similarity(words[x], words[y])
        if share >= SIMILARITY or contained >= CONTAINMENT:
            found.append((x, y, round(share, 3)))
    kept = before.pairs[np.isin(before.pairs["a"], keys[~fresh]) & np.isin(before.pairs["b"], keys[~fresh])]
    number = dict(zip(keys.tolist(), range(len(keys))))
    for a, b, share in kept.tolist():
        x, y = sorted((number[a], number[b]))
        found.append((x, y, share))
    found.sort()
    pairs = np.array([(min(keys[x], keys[y]), max(keys[x], keys[y]), share) for x, y, share in found], dtype=PAIR)
    pairs.sort(order=["a", "b"])
    return found, Known(np.unique(keys), pairs)


@lru_cache(maxsize=1)
def bands() -> tuple[int, int]:
    """The number of bands and the values in each, as MinHashLSH chooses them."""
    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    return lsh.b, lsh.r


def candidates(signatures: np.ndarray, fresh: np.ndarray) -> set[tuple[int, int]]:
    """The pairs (x < y) of texts whose signatures are equal in some band, one of them at least `fresh`
    (a mask): MinHashLSH's candidates, had every text been inserted and the fresh ones queried."""
    found: set[tuple[int, int]] = set()
    if not fresh.any():
        return found
    b, r = bands()
    for lo in range(0, b * r, r):
        band = signatures[:, lo:lo + r]
        folded = np.zeros(len(band), dtype=np.uint64)
        for column in band.T.astype(np.uint64):
            folded = folded * MIX + column
        members = np.flatnonzero(np.isin(folded, folded[fresh]))  # the texts that may share this band with a fresh one
        _, group = np.unique(band[members], axis=0, return_inverse=True)
        group = group.ravel()
        order = np.argsort(group, kind="stable")
        for same in np.split(members[order], np.flatnonzero(np.diff(group[order])) + 1):
            if len(same) < 2:
                continue
            same = same.tolist()
            for x in (t for t in same if fresh[t]):
                found.update((x, y) if x < y else (y, x) for y in same if y != x)
    return found
