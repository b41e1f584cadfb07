"""The OCR noisy channel and the readings of a damaged token.

The channel says how likely the scanner printed an observed piece (one or two
characters, or nothing) for a true letter: "é" for "ä", "6" for "ö", "ii"
for "ä", "1" for "l". Its counts are learned from report 000 by
`reformtrace.repair.build` and kept in pipeline/data/ocr/confusions.tsv.

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

from reformtrace import lexicon as lx

CONFUSIONS = "confusions.tsv"
TOKENS = "tokens.tsv"
DELETED = "∅"  # the observed piece of a letter the scanner dropped
LN10 = math.log(10)
FLOOR_ZIPF = 1.0  # a form known only to Hunspell: as rare as the rarest words wordfreq lists
COMPOUND_BONUS = 3.0 * LN10  # a compound is likelier than the product of its parts
LINK_COST = math.log(0.5)  # a linking -s- between loose compound parts
MAX_CHANNEL_COST = 12.0  # readings further than this from the observed token are not sought
MAX_DELETIONS = 1  # letters the scanner dropped per token, anywhere but after its last character ("ver" for "över")
IDENTITY_FLOOR = 1.0  # least count of a letter read as itself
CONFIRMED = 1.0  # a misread counted this often was seen in training; rarer ones (and letters read as other letters) are sought only for tokens nothing else explains
WIDE_ALWAYS = 3  # tokens this short with a digit or symbol are always searched wide: it costs little, and their likeliest reading may be a rare misread
MIN_COMPOUND = 7  # shorter tokens are not sought as compounds


def observed_form(token: str) -> str:
    """The token as the channel sees it: lower case, but a capital I stays
    itself, for the scanner reads lower-case l as I ("Idkarkontakt")."""
    if "I" not in token:
        return token.lower()
    return "".join(c if c == "I" else c.lower() for c in token)


def align(true: str, observed: str) -> list[tuple[str, str]] | None:
    """Cheapest alignment of a true word with its observed form: each true
    letter emits zero, one or two observed characters."""
    n, m = len(true), len(observed)
    inf = float("inf")
    cost = [[inf] * (m + 1) for _ in range(n + 1)]
    back: list[list[int]] = [[0] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    for i in range(1, n + 1):
        t = true[i - 1]
        special = t in "åäö"
        for j in range(m + 1):
            for size in (0, 1, 2):
                if size > j or cost[i - 1][j - size] == inf:
                    continue
                piece = observed[j - size : j]
                c = 0.0 if piece == t else 0.6 if special else 1.0
                c += 0.0 if size == 1 else 0.5
                if cost[i - 1][j - size] + c < cost[i][j]:
                    cost[i][j], back[i][j] = cost[i - 1][j - size] + c, size
    if cost[n][m] > max(2.0, 0.4 * n):
        return None
    out, j = [], m
    for i in range(n, 0, -1):
        size = back[i][j]
        out.append((true[i - 1], observed[j - size : j]))
        j -= size
    return out[::-1]


class ChannelError(Exception):
    """The confusion table is missing or broken."""


class Channel:
    """log P(observed piece | true letter) for every learned pair, identity included.

    Letters the learning never saw damaged (q, ü, digits) are read as themselves.
    Observed pieces are in `observed_form`.
    """

    def __init__(self, counts: dict[tuple[str, str], float]):
        folded: dict[tuple[str, str], float] = defaultdict(float)
        for (true, observed), n in counts.items():  # a capital I read right is no error
            folded[true, true if observed.lower() == true else observed] += n
        for true in {t for t, _ in counts}:  # a letter the scanner always garbled may still come through
            folded[true, true] = max(folded[true, true], IDENTITY_FLOOR)
        totals: dict[str, float] = defaultdict(float)
        for (true, _), n in folded.items():
            totals[true] += n
        self.logp = {(t, o): math.log(n / totals[t]) for (t, o), n in sorted(folded.items()) if n > 0}
        self.learned = frozenset(totals)
        self._steps = self._index(self.logp)
        confirmed = {(t, o): lp for (t, o), lp in self.logp.items() if folded[t, o] >= CONFIRMED and not _letter_for_letter(t, o)}
        self._confirmed = self._index(confirmed) if len(confirmed) < len(self.logp) else self._steps

    @staticmethod
    def _index(logp: dict[tuple[str, str], float]) -> dict[str, tuple[tuple[str, float], ...]]:
        """Per observed piece: (key character, best log P) of each letter it can stand for, likeliest first."""
        best: dict[str, dict[str, float]] = defaultdict(dict)
        for (true, observed), lp in logp.items():
            for o in {observed, "I"} if observed == "i" else {observed}:  # a capital I is also a capital i
                k = lx.key(true)
                best[o][k] = max(lp, best[o].get(k, -math.inf))
        return {o: tuple(sorted(ks.items(), key=lambda x: (-x[1], x[0]))) for o, ks in best.items()}

    def emission(self, true: str, observed: str) -> float | None:
        """log P(observed | true), None when the channel never does that."""
        lp = self.logp.get((true, observed))
        if observed == "I":  # the misread l, or a capital i
            lp = max(lp or -math.inf, self.logp.get((true, "i"), -math.inf))
            lp = None if lp == -math.inf else lp
        if lp is None and observed == true and true not in self.learned:
            return 0.0
        return lp

    def steps(self, piece: str, wide: bool = True) -> tuple[tuple[str, float], ...]:
        """(key character, best log P) of each letter the observed piece can stand for
        (`wide`: also by misreads training never confirmed)."""
        out = (self._steps if wide else self._confirmed).get(piece)
        if out is None:
            out = ((lx.key(piece), 0.0),) if len(piece) == 1 and piece not in self.learned else ()
        return out


def _letter_for_letter(true: str, observed: str) -> bool:
    """An ordinary letter read as another lower-case letter ("i" for "l"): rare, and sought
    only in the wide search, for every letter of every token would otherwise branch."""
    return true not in "åäö" and observed != true and observed.isalpha() and observed.islower()


class TokenChannel:
    """log P(observed token | true word) for one-character tokens: "1" for the
    word "i", "r" for "är". A lone character has no letters around it to tell
    the letter channel what it is; these are learned as whole tokens."""

    def __init__(self, rows: dict[tuple[str, str], tuple[float, float]]):
        self.by_observed: dict[str, list[tuple[str, float]]] = defaultdict(list)
        for (word, observed), (n, of) in sorted(rows.items()):
            self.by_observed[observed].append((word, math.log(n / of)))

    def readings(self, observed: str) -> list[tuple[str, float]]:
        return self.by_observed.get(observed, [])


def _read_rows(path, columns: tuple[str, ...], counts: int = 0) -> list[list[str]]:
    """Tab-separated rows with the given columns, the last `counts` of them
    (default: all after the second) positive numbers; `#` lines are comments."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        raise ChannelError(f"cannot read {path} ({err}); build it with `python -m reformtrace.repair.build`") from err
    rows = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        try:
            if len(parts) != len(columns) or not all(parts) or min(float(x) for x in parts[-(counts or len(columns) - 2) :]) <= 0:
                raise ValueError
        except ValueError:
            raise ChannelError(f"{path}:{n}: expected {'<TAB>'.join(columns)} (positive counts), got {line!r}") from None
        rows.append(parts)
    return rows


def read_counts(path) -> dict[tuple[str, str], float]:
    """confusions.tsv: `true<TAB>observed<TAB>count`, one true letter, 0-2 observed characters."""
    counts: dict[tuple[str, str], float] = {}
    for true, observed, count in _read_rows(path, ("true", "observed", "count")):
        if len(true) != 1 or len(observed) > 2:
            raise ChannelError(f"{path}: bad row {true!r} {observed!r}")
        counts[true, "" if observed == DELETED else observed] = float(count)
    return counts


def read_token_counts(path) -> dict[tuple[str, str], tuple[float, float]]:
    """tokens.tsv: `word<TAB>observed<TAB>count<TAB>of`: the one-character token
    `observed` stood `count` times for `word`, out of `of` occurrences of `word`."""
    rows = {}
    for word, observed, count, of in _read_rows(path, ("word", "observed", "count", "of")):
        if len(observed) != 1 or float(count) > float(of):
            raise ChannelError(f"{path}: bad row {word!r} {observed!r}")
        rows[word, observed] = (float(count), float(of))
    return rows


@lru_cache(maxsize=1)
def load_channel() -> Channel:
    return Channel(read_counts(resources.files("reformtrace") / "data" / "ocr" / CONFUSIONS))


@lru_cache(maxsize=1)
def load_token_channel() -> TokenChannel:
    return TokenChannel(read_token_counts(resources.files("reformtrace") / "data" / "ocr" / TOKENS))


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


Moves = list[list[tuple[str, float, str, int]]]


def _moves(obs: str, ch: Channel, wide: bool) -> Moves:
    """From each position of the observed token: (key character, best log P,
    observed piece, piece length) of every letter that may start there; the
    last entry: the letters the scanner may have dropped."""
    return [
        [(kc, lp, obs[p : p + size], size) for size in (1, 2) if p + size <= len(obs) for kc, lp in ch.steps(obs[p : p + size], wide)]
        for p in range(len(obs))
    ] + [[(kc, lp, "", 0) for kc, lp in ch.steps("", wide)]]


def _walk(obs: str, start: int, moves: Moves, lex: lx.Lexicon, whole: bool) -> list[tuple[int, str, tuple[str, ...]]]:
    """Every (end, key, pieces) such that obs[start:end] can be read as a lexicon key
    (`whole`: only those that end where the token ends)."""
    n = len(obs)
    deletions = moves[n]
    probe = lex.probe
    out = []
    stack = [(start, "", (), 0.0, 0)]
    while stack:
        pos, k, pieces, cost, dels = stack.pop()
        options = moves[pos] if pos < n else []
        if dels < MAX_DELETIONS:
            options = options + deletions
        for kc, lp, piece, size in options:
            c = cost - lp
            if c > MAX_CHANNEL_COST:
                continue
            nk = k + kc
            full, prefix = probe(nk)
            if not prefix:
                continue
            end = pos + size
            if full and end > start and (size or end < n) and (end == n or not whole):
                out.append((end, nk, (*pieces, piece)))
            if end < n or not size:
                stack.append((end, nk, (*pieces, piece), c, dels + (size == 0)))
    return out


def _parts(obs: str, start: int, moves: Moves, ch: Channel, lex: lx.Lexicon, whole: bool = False) -> list[tuple[int, lx.Entry, tuple[str, ...], float]]:
    """Lexicon forms that obs[start:end] can be read as: (end, entry, pieces, log P(obs|form))."""
    out = []
    for end, k, pieces in _walk(obs, start, moves, lex, whole):
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
    """The best readings of one observed token, best first: by the misreads
    training confirmed, and only when these explain it by no word a source
    vouches for, by every misread of the channel (a wider, slower search).

    `begin`: the token stands before a hyphen ("hälso- och"), so a
    compound-initial form is a reading; `end`: it follows one.
    """
    if len(observed) <= WIDE_ALWAYS and not observed.isalpha():  # "d&r": "där" as read, or "är" misread twice
        return _readings(observed, ch, lex, begin, end, limit, wide=True)
    found = _readings(observed, ch, lex, begin, end, limit, wide=False)
    if not any(len(r.parts) > 1 or lex.flags(r.form) & lx.TRUSTED for r in found):  # compounds are of trusted parts
        found = _readings(observed, ch, lex, begin, end, limit, wide=True)
    return found


def _readings(observed: str, ch: Channel, lex: lx.Lexicon, begin: bool, end: bool, limit: int, wide: bool) -> list[Reading]:
    obs = observed_form(observed)
    n = len(obs)
    moves = _moves(obs, ch, wide)
    memo: dict[int, list] = {}

    def parts_at(i: int) -> list:
        if i not in memo:
            memo[i] = _parts(obs, i, moves, ch, lex)
        return memo[i]

    found: dict[str, Reading] = {}

    def add(r: Reading) -> None:
        if r.form not in found or found[r.form].score < r.score:
            found[r.form] = r

    whole_flags = lx.WORD | (lx.BEGIN if begin else 0) | (lx.END if end else 0)
    for _, entry, pieces, lp in _parts(obs, 0, moves, ch, lex, whole=True):
        if entry.flags & whole_flags:
            add(Reading(entry.form, (entry.form,), pieces, lp, prior(entry)))
    # A compound is sought only when no vouched-for word explains the token, and
    # only by confirmed misreads (the wide search of every part costs too much).
    if not wide and n >= MIN_COMPOUND and not any(lex.flags(f) & lx.TRUSTED for f in found):
        for r in _compounds(obs, parts_at):
            add(r)
    return sorted(found.values(), key=lambda r: (-r.score, r.form))[:limit]


@dataclass(frozen=True)
class _Partial:
    """A compound reading under way: the parts read so far."""

    pos: int  # observed characters read
    parts: tuple[str, ...] = ()
    pieces: tuple[str, ...] = ()
    channel: float = 0.0
    prior: float = 0.0

    def then(self, stop: int, form: str, pieces: tuple[str, ...], channel: float, prior: float) -> "_Partial":
        return _Partial(stop, (*self.parts, form), (*self.pieces, *pieces), self.channel + channel, self.prior + prior)

    def reading(self) -> Reading:
        bonus = COMPOUND_BONUS * (len(self.parts) - 1)
        return Reading("".join(self.parts), self.parts, self.pieces, self.channel, self.prior + bonus)


def _compounds(obs: str, parts_at) -> list[Reading]:
    """Compound readings, two ways: Hunspell's begin + middle* + end parts
    (strict), or trusted whole words of four letters or more with an
    optional linking -s- (loose)."""
    n = len(obs)
    out = []
    for strict in (True, False):
        max_parts = lx.MAX_PARTS if strict else lx.LOOSE_MAX_PARTS
        min_part = lx.MIN_PART if strict else lx.LOOSE_MIN_PART
        stack = [_Partial(0)]
        while stack:
            partial = stack.pop()
            for stop, entry, pieces, channel in parts_at(partial.pos):
                f = entry.flags
                if len(entry.form) < min_part:
                    continue
                if strict:
                    head, tail = f & (lx.MIDDLE if partial.parts else lx.BEGIN), f & lx.END
                else:
                    head = tail = f & lx.WORD and f & lx.TRUSTED
                step = partial.then(stop, entry.form, pieces, channel, prior(entry))
                if stop == n and partial.parts and tail:
                    out.append(step.reading())
                elif stop < n and head and len(step.parts) < max_parts:
                    stack.append(step)
                    if not strict and obs[stop] == "s" and stop + 1 < n:
                        stack.append(partial.then(stop + 1, entry.form + "s", (*pieces, "s"), channel + LINK_COST, prior(entry)))
    return out
