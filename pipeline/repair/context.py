"""Context: which reading of a token its neighbours favour ("varje år", "är en").

A bigram model of the clean reports (pipeline/data/lexicon/bigrams.tsv.gz,
built by `pipeline.repair.build`), smoothed (Witten-Bell) towards each
word's lexicon frequency, so words the reports never use still get their
wordfreq share.
"""
from __future__ import annotations

import gzip
import math
from collections import defaultdict
from functools import lru_cache
from importlib import resources

import regex

BIGRAMS = "bigrams.tsv.gz"
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


class Context:
    def __init__(self, bigrams: dict[tuple[str, str], int]):
        self.bigrams = bigrams
        self.after: dict[str, int] = defaultdict(int)
        numbers: dict[str, int] = defaultdict(int)
        for (a, b), n in bigrams.items():
            self.after[a] += n
            numbers[b] += n if b in NUMBERS else 0
        total = sum(self.after.values())
        self.number_prior = {c: math.log(max(numbers[c], 1) / total) for c in NUMBERS}  # log P(a token is such a number)
        self.types: dict[str, int] = defaultdict(int)
        for a, _ in bigrams:
            self.types[a] += 1
        self._unseen = {a: math.log(self.types[a] / (n + self.types[a])) for a, n in self.after.items()}

    def logp(self, prev: str, word: str, prior: float) -> float:
        """log P(word | prev), `prior` being log P(word) from the lexicon.

        Witten-Bell: a word seen after `prev` keeps its count; the rest share
        the mass of `prev`'s distinct followers, by lexicon frequency."""
        n = self.bigrams.get((prev, word))
        if n is None:  # the common case
            return prior + self._unseen.get(prev, 0.0)
        types = self.types[prev]
        return math.log((n + types * math.exp(prior)) / (self.after[prev] + types))


@lru_cache(maxsize=1)
def load_context() -> Context:
    path = resources.files("pipeline") / "data" / "lexicon" / BIGRAMS
    try:
        text = gzip.decompress(path.read_bytes()).decode("utf-8")
    except OSError as err:
        raise ContextError(f"cannot read {path} ({err}); build it with `python -m pipeline.repair.build`") from err
    bigrams = {}
    for n, line in enumerate(text.splitlines(), 1):
        if line.startswith("#"):
            continue
        try:
            a, b, count = line.split("\t")
            bigrams[a, b] = int(count)
        except ValueError:
            raise ContextError(f"{path}:{n}: expected 'first<TAB>second<TAB>count', got {line!r}") from None
    return Context(bigrams)
