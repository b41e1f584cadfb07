"""The OCR noisy channel and the readings of a damaged token.

The channel says how likely the scanner printed an observed piece (one or two
characters, or nothing) for a true letter: "é" for "ä", "6" for "ö", "ii"
for "ä", "1" for "l". Its counts are learned from report 000 by
`pipeline.repair.build` and kept in pipeline/data/ocr/confusions.tsv.

A *reading* of an observed token is a lexicon word (or a compound of
lexicon parts) that the channel could have turned into it, with the
alignment, log P(observed | word) and log P(word). Readings are found by a
depth-first walk over the observed characters that keeps only prefixes of
lexicon keys (the lexicon is sorted by key), so a token costs a few hundred
bisections, not an enumeration of every letter combination.
"""
from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from pipeline import lexicon as lx

CONFUSIONS = "confusions.tsv"
DELETED = "∅"  # the observed piece of a letter the scanner dropped
LN10 = math.log(10)
FLOOR_ZIPF = 0.5  # a form known only to Hunspell: rarer than anything wordfreq lists
COMPOUND_BONUS = 3.0 * LN10  # a compound is likelier than the product of its parts
LINK_COST = math.log(0.5)  # a linking -s- between loose compound parts
MAX_CHANNEL_COST = 16.0  # readings further than this from the observed token are not sought
MAX_DELETIONS = 1
LOOSE_MAX_PARTS = 3


class ChannelError(Exception):
    """The confusion table is missing or broken."""


class Channel:
    """log P(observed piece | true letter) for every learned pair, identity included.

    Letters the learning never saw damaged (q, ü, digits) are read as themselves.
    Observed pieces are lower case: the scanner's case errors ("IGkar" for
    "läkar") are learned as letter errors.
    """

    def __init__(self, counts: dict[tuple[str, str], float]):
        totals: dict[str, float] = defaultdict(float)
        for (true, _), n in counts.items():
            totals[true] += n
        self.logp = {(t, o): math.log(n / totals[t]) for (t, o), n in sorted(counts.items()) if n > 0}
        self.learned = frozenset(totals)
        best: dict[str, dict[str, float]] = defaultdict(dict)
        for (true, observed), lp in self.logp.items():
            k = lx.key(true)
            best[observed][k] = max(lp, best[observed].get(k, -math.inf))
        self._steps = {o: tuple(sorted(ks.items(), key=lambda x: (-x[1], x[0]))) for o, ks in best.items()}

    def emission(self, true: str, observed: str) -> float | None:
        """log P(observed | true), None when the channel never does that."""
        lp = self.logp.get((true, observed))
        if lp is None and observed == true and true not in self.learned:
            return 0.0
        return lp

    def steps(self, piece: str) -> tuple[tuple[str, float], ...]:
        """(key character, best log P) of each letter the observed piece can stand for."""
        out = self._steps.get(piece)
        if out is None:
            out = ((lx.key(piece), 0.0),) if len(piece) == 1 and piece not in self.learned else ()
        return out


def read_counts(text: str, source: str) -> dict[tuple[str, str], float]:
    """Rows `true<TAB>observed<TAB>count`; `#` lines are comments."""
    counts: dict[tuple[str, str], float] = {}
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        try:
            true, observed, count = parts
            count_f = float(count)
        except ValueError:
            raise ChannelError(f"{source}:{n}: expected 'true<TAB>observed<TAB>count', got {line!r}") from None
        if len(true) != 1 or not observed or len(observed) > 2 or count_f <= 0:
            raise ChannelError(f"{source}:{n}: bad row {line!r}")
        counts[true, "" if observed == DELETED else observed] = count_f
    return counts


@lru_cache(maxsize=1)
def load_channel() -> Channel:
    path = resources.files("pipeline") / "data" / "ocr" / CONFUSIONS
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        raise ChannelError(f"cannot read {path} ({err}); build it with `python -m pipeline.repair.build`") from err
    return Channel(read_counts(text, str(path)))


@dataclass(frozen=True)
class Reading:
    """One way to read an observed token: the true word and how it was damaged."""

    form: str  # lower case, parts joined
    parts: tuple[str, ...]  # compound parts (one for a whole word)
    pieces: tuple[str, ...]  # observed piece of each true character ("" = dropped)
    channel: float  # log P(observed | form)
    prior: float  # log P(form)

    @property
    def score(self) -> float:
        return self.channel + self.prior


def prior(entry: lx.Entry) -> float:
    """log P(word): wordfreq and the clean reports, half and half."""
    p = 0.5 * (10 ** entry.zipf if entry.zipf else 0) + 0.5 * (10 ** entry.domain if entry.domain else 0)
    return (math.log10(p) if p else FLOOR_ZIPF) * LN10 - 9 * LN10


def _walk(obs: str, start: int, ch: Channel, lex: lx.Lexicon) -> list[tuple[int, str, tuple[str, ...]]]:
    """Every (end, key, pieces) such that obs[start:end] can be read as a lexicon key."""
    out = []
    stack = [(start, "", (), 0.0, 0)]
    while stack:
        pos, k, pieces, cost, dels = stack.pop()
        options = []
        for size in (1, 2):
            piece = obs[pos : pos + size]
            if len(piece) == size:
                options += [(kc, lp, piece, size) for kc, lp in ch.steps(piece)]
        if dels < MAX_DELETIONS and pieces:
            options += [(kc, lp, "", 0) for kc, lp in ch.steps("")]
        for kc, lp, piece, size in options:
            c = cost - lp
            if c > MAX_CHANNEL_COST:
                continue
            nk = k + kc
            full, prefix = lex.probe(nk)
            if not prefix:
                continue
            end = pos + size
            if full and end > start and (size or end < len(obs)):
                out.append((end, nk, (*pieces, piece)))
            if end < len(obs) or not size:
                stack.append((end, nk, (*pieces, piece), c, dels + (size == 0)))
    return out


def _parts(obs: str, start: int, ch: Channel, lex: lx.Lexicon) -> list[tuple[int, lx.Entry, tuple[str, ...], float]]:
    """Lexicon forms that obs[start:end] can be read as: (end, entry, pieces, log P(obs|form))."""
    out = []
    for end, k, pieces in _walk(obs, start, ch, lex):
        for entry in lex.by_key(k):
            lp = 0.0
            for t, o in zip(entry.form, pieces):
                e = ch.emission(t, o)
                if e is None:
                    break
                lp += e
            else:
                out.append((end, entry, pieces, lp))
    return out


def readings(observed: str, ch: Channel, lex: lx.Lexicon, *, begin: bool = False, end: bool = False, limit: int = 8) -> list[Reading]:
    """The best readings of one observed token, best first.

    `begin`: the token stands before a hyphen ("hälso- och"), so a
    compound-initial form is a reading; `end`: it follows one.
    """
    obs = observed.lower()
    n = len(obs)
    memo: dict[int, list] = {}

    def parts_at(i: int) -> list:
        if i not in memo:
            memo[i] = _parts(obs, i, ch, lex)
        return memo[i]

    found: dict[str, Reading] = {}

    def add(r: Reading) -> None:
        if r.form not in found or found[r.form].score < r.score:
            found[r.form] = r

    whole_flags = lx.WORD | (lx.BEGIN if begin else 0) | (lx.END if end else 0)
    for stop, entry, pieces, lp in parts_at(0):
        if stop == n and entry.flags & whole_flags:
            add(Reading(entry.form, (entry.form,), pieces, lp, prior(entry)))
    if n >= 5:
        for r in _compounds(obs, parts_at):
            add(r)
    return sorted(found.values(), key=lambda r: (-r.score, r.form))[:limit]


def _compounds(obs: str, parts_at) -> list[Reading]:
    """Compound readings: Hunspell begin + middle* + end parts, or loose whole
    words of three letters or more with an optional linking -s-."""
    n = len(obs)
    out = []
    # state: (position, parts so far, pieces, channel, prior, strict)
    stack = [(0, (), (), 0.0, 0.0, strict) for strict in (True, False)]
    while stack:
        pos, parts, pieces, lp, pr, strict = stack.pop()
        if len(parts) >= (lx.MAX_PARTS if strict else LOOSE_MAX_PARTS):
            continue
        for stop, entry, pc, elp in parts_at(pos):
            size = len(entry.form)
            if size < (lx.MIN_PART if strict else 3):
                continue
            f = entry.flags
            if strict:
                head_ok, tail_ok = f & (lx.BEGIN if not parts else lx.MIDDLE), f & lx.END
            else:
                head_ok = tail_ok = f & lx.WORD and f & lx.TRUSTED
            state = (*parts, entry.form), (*pieces, *pc), lp + elp, pr + prior(entry)
            if stop == n and parts and tail_ok:
                out.append(Reading("".join(state[0]), state[0], state[1], state[2], state[3] + COMPOUND_BONUS * (len(state[0]) - 1)))
            elif stop < n and head_ok:
                stack.append((stop, *state, strict))
                if not strict and obs[stop] == "s" and stop + 1 < n:
                    linked = (*state[0][:-1], state[0][-1] + "s"), (*state[1], "s"), state[2] + LINK_COST, state[3]
                    stack.append((stop + 1, *linked, strict))
    return out
