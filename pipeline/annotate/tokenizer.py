"""spaCy's Swedish tokenizer, without importing spaCy.

The rule layer needs only spaCy's tokens, and importing spaCy (with thinc, its
registries and its command line) plus building `spacy.blank("sv")` cost more
than annotating a whole report. So the tokenizer's rules, as spaCy's Swedish
language data defines them (prefix, suffix and infix patterns, the URL pattern,
the special cases and the stop words), are exported once into
`pipeline/data/tokenizer/sv.json`, and `Tokenizer` runs spaCy's algorithm
(spacy/tokenizer.pyx: whitespace spans, affixes, special cases, infixes, then
the pass that rejoins special cases split by affixes) over them. The tokens and
their offsets are the ones spaCy gives; tests/test_tokenizer.py compares the
two on every passage of the corpus and the annotations.

    python -m reformtrace.annotate.tokenizer   # re-export the rules (needs spaCy installed)
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from itertools import accumulate, compress, count
from operator import add
from pathlib import Path
from typing import NamedTuple

RULES_PATH = Path(__file__).resolve().parent.parent / "data" / "tokenizer" / "sv.json"
FORMAT = "reformtrace-tokenizer/1"
CACHE_SIZE = 100_000  # whitespace-separated chunks whose tokens are remembered
OTHER_SPACE = re.compile(r"[^\S ]")  # whitespace other than a plain space
NON_SPACE = re.compile(r"\S+")  # a chunk between whitespace (\s: what str.isspace calls whitespace)


class Token(NamedTuple):
    text: str
    idx: int  # character offset in the text


class Tokenizer:
    """Text -> tokens, as spacy.blank("sv").tokenizer splits it."""

    def __init__(self, rules: dict):
        self.prefix = re.compile(rules["prefix"]).search
        self.suffix = re.compile(rules["suffix"]).search
        self.infixes = re.compile(rules["infix"]).finditer
        self.url = re.compile(rules["url"]).match
        self.specials: dict[str, tuple[str, ...]] = {text: tuple(orths) for text, orths in rules["special_cases"].items()}
        self.memo: dict[tuple[str, bool], tuple[str, ...]] = {}  # (chunk, specials) -> its pieces
        self._known: dict[str, tuple[str, ...]] = dict(self.specials)  # chunk -> its pieces (specials on), for _spaced
        # special cases that affixes would split ("t.ex." -> "t.ex" "."): spaCy finds them again
        # among the tokens, as sequences of the pieces the affix rules make of them
        self._split_specials: dict[str, list[tuple[str, ...]]] = {}
        for text in sorted(self.specials):
            if self._affix_len(text) or list(self.infixes(text)) or " " in text:
                pieces = tuple(t.text for t in self._tokens(text, specials=False))
                self._split_specials.setdefault(pieces[0], []).append(pieces)
        # a run of tokens can spell one of them only where a pair of tokens is one's first two
        # pieces; one of a single piece is that piece again, unless its special case splits it
        self._split_pairs = {pieces[:2] for options in self._split_specials.values() for pieces in options if len(pieces) > 1}
        self._rejoin_always = any(
            len(pieces) == 1 and self.specials.get(pieces[0]) != pieces for options in self._split_specials.values() for pieces in options
        )

    def __call__(self, text: str) -> list[Token]:
        return list(map(Token, *self.split(text)))

    def split(self, text: str) -> tuple[list[str], list[int]]:
        """The tokens' texts and offsets as two lists: `__call__` without an object per token."""
        if _single_spaced(text):
            texts, starts = self._spaced(text)
        else:
            texts, starts = self._pieces(text, specials=True)
        if self._rejoin_always or not self._split_pairs.isdisjoint(zip(texts, texts[1:])):
            return self._rejoin_specials(text, texts, starts)
        return texts, starts

    def _affix_len(self, text: str) -> int:
        return _length(self.prefix(text)) or _length(self.suffix(text))

    def _tokens(self, text: str, specials: bool) -> list[Token]:
        return list(map(Token, *self._pieces(text, specials)))

    def _pieces(self, text: str, specials: bool) -> tuple[list[str], list[int]]:
        """Split at whitespace as spaCy does: a single space after a token belongs to
        it; any other whitespace run is a token of its own (a run that opens the text
        keeps its first space)."""
        texts: list[str] = []
        starts: list[int] = []
        end = 0
        special, memo = (self.specials if specials else {}).get, self.memo.get
        for match in NON_SPACE.finditer(text):
            start = match.start()
            if start > end:  # the whitespace before this chunk
                after = end + 1 if end and text[end] == " " else end
                if after < start:
                    self._chunk(text[after:start], after, specials, texts, starts)
            end = match.end()
            chunk = match.group()
            pieces = special(chunk) or memo((chunk, specials))  # _chunk's lookups, inline: most chunks are known
            if pieces is not None and len(pieces) == 1:
                texts.append(chunk)
                starts.append(start)
            else:
                self._chunk(chunk, start, specials, texts, starts)
        if end < len(text):
            after = end + 1 if end and text[end] == " " else end
            if after < len(text):
                self._chunk(text[after:], after, specials, texts, starts)
        return texts, starts

    def _spaced(self, text: str) -> tuple[list[str], list[int]]:
        """`_pieces` of a text whose words are parted by single spaces (nearly every clean
        passage): each space belongs to the word before it, so the chunks are `text.split(" ")`.
        Their pieces are looked up all at once, and only the chunks of several pieces are
        taken apart."""
        chunks = text.split(" ")
        offsets = list(map(add, accumulate(map(len, chunks), initial=0), count()))  # chunk i starts after i spaces
        pieces = list(map(self._known.get, chunks))
        if None in pieces:  # chunks not seen yet: as _chunk finds them
            for i in [i for i, found in enumerate(pieces) if found is None]:
                found: list[str] = []
                self._chunk(chunks[i], 0, True, found, [])
                pieces[i] = tuple(found)
                if len(self._known) < CACHE_SIZE:
                    self._known[chunks[i]] = pieces[i]
        texts: list[str] = []
        starts: list[int] = []
        done = 0
        for i in compress(count(), map((1).__lt__, map(len, pieces))):
            texts += chunks[done:i]
            starts += offsets[done:i]
            offset = offsets[i]
            for piece in pieces[i]:
                texts.append(piece)
                starts.append(offset)
                offset += len(piece)
            done = i + 1
        texts += chunks[done:]
        starts += offsets[done : len(chunks)]
        return texts, starts

    def _chunk(self, chunk: str, offset: int, specials: bool, texts: list[str], starts: list[int]) -> None:
        pieces = self.specials.get(chunk) if specials else None
        if pieces is None:
            key = (chunk, specials)
            pieces = self.memo.get(key)
            if pieces is None:
                pieces = self._split(chunk, specials)
                if len(self.memo) < CACHE_SIZE:
                    self.memo[key] = pieces
        if len(pieces) == 1:
            texts.append(pieces[0])
            starts.append(offset)
            return
        for piece in pieces:
            texts.append(piece)
            starts.append(offset)
            offset += len(piece)

    def _split(self, text: str, specials: bool) -> tuple[str, ...]:
        """Prefixes and suffixes off, as long as they come, then the rest (a special
        case, a URL, or split at its infixes). spacy/tokenizer.pyx: _split_affixes
        and _attach_tokens."""
        prefixes: list[str] = []
        suffixes: list[str] = []
        last = 0
        while text and len(text) != last:
            if specials and text in self.specials:
                break
            last = len(text)
            pre = _length(self.prefix(text))
            if pre and specials and text[pre:] and text[pre:] in self.specials:
                prefixes.append(text[:pre])
                text = text[pre:]
                break
            suf = _length(self.suffix(text[pre:]))
            if suf and specials and text[:-suf] and text[:-suf] in self.specials:
                suffixes.append(text[-suf:])
                text = text[:-suf]
                break
            if pre and suf and pre + suf <= len(text):
                prefixes.append(text[:pre])
                suffixes.append(text[-suf:])
                text = text[pre:-suf]
            elif pre:
                prefixes.append(text[:pre])
                text = text[pre:]
            elif suf:
                suffixes.append(text[-suf:])
                text = text[:-suf]
        middle: tuple[str, ...] = ()
        if text:
            if specials and text in self.specials:
                middle = self.specials[text]
            elif self.url(text):
                middle = (text,)
            else:
                middle = self._split_infixes(text)
        return (*prefixes, *middle, *reversed(suffixes))

    def _split_infixes(self, text: str) -> tuple[str, ...]:
        pieces: list[str] = []
        start = 0
        for match in self.infixes(text):
            if match.start() == 0:  # an infix at the very start stays with what follows
                continue
            if match.start() != start:
                pieces.append(text[start : match.start()])
            if match.start() != match.end():
                pieces.append(match.group())
            start = match.end()
        if text[start:]:
            pieces.append(text[start:])
        return tuple(pieces)

    def _rejoin_specials(self, text: str, texts: list[str], starts: list[int]) -> tuple[list[str], list[int]]:
        """spaCy's last pass (Tokenizer._apply_special_cases): a run of tokens that
        spells a special case the affix rules split is made that special case again.
        The longest runs win, the earlier among equally long; runs may not share an
        end token with one already taken."""
        found: list[tuple[int, int]] = []
        for i, token in enumerate(texts):
            for pieces in self._split_specials.get(token, ()):
                end = i + len(pieces)
                if end <= len(texts) and all(texts[i + k] == p for k, p in enumerate(pieces)):
                    found.append((i, end))
        if not found:
            return texts, starts
        chosen: dict[int, int] = {}
        seen: set[int] = set()
        for start, end in sorted(found, key=lambda span: (span[0] - span[1], span[0])):
            if start not in seen and end - 1 not in seen:
                chosen[start] = end
            seen.update(range(start, end))
        out_texts: list[str] = []
        out_starts: list[int] = []
        i = 0
        while i < len(texts):
            end = chosen.get(i)
            if end is None:
                out_texts.append(texts[i])
                out_starts.append(starts[i])
                i += 1
                continue
            first, last = starts[i], starts[end - 1] + len(texts[end - 1])
            pieces = self.specials.get(text[first:last])
            if pieces is None:  # the run has whitespace inside: it stays as it is
                out_texts += texts[i:end]
                out_starts += starts[i:end]
            else:
                offset = first
                for piece in pieces:
                    out_texts.append(piece)
                    out_starts.append(offset)
                    offset += len(piece)
            i = end
        return out_texts, out_starts


def _single_spaced(text: str) -> bool:
    """Words parted by single plain spaces, and nothing else (substring tests first: a
    regex with four alternatives tries each at every character)."""
    return bool(text) and "  " not in text and text[0] != " " and text[-1] != " " and not OTHER_SPACE.search(text)


def _length(match: re.Match | None) -> int:
    return match.end() - match.start() if match else 0


@lru_cache(maxsize=1)
def load_rules(path: Path = RULES_PATH) -> dict:
    rules = json.loads(path.read_text(encoding="utf-8"))
    if rules.get("format") != FORMAT:
        raise ValueError(f"{path}: tokenizer rules format {rules.get('format')!r}, expected {FORMAT!r}; re-export them")
    return rules


@lru_cache(maxsize=1)
def swedish() -> Tokenizer:
    """The Swedish tokenizer, built once per process."""
    return Tokenizer(load_rules())


def export_rules(path: Path = RULES_PATH) -> dict:
    """spaCy's Swedish tokenizer rules as plain data (run by hand when spaCy changes)."""
    import spacy
    from spacy.attrs import ORTH
    from spacy.lang.sv.stop_words import STOP_WORDS

    tokenizer = spacy.blank("sv").tokenizer
    rules = {
        "format": FORMAT,
        "source": f"spaCy {spacy.__version__}, spacy.lang.sv (MIT licence, Explosion AI)",
        "prefix": tokenizer.prefix_search.__self__.pattern,
        "suffix": tokenizer.suffix_search.__self__.pattern,
        "infix": tokenizer.infix_finditer.__self__.pattern,
        "url": tokenizer.url_match.__self__.pattern,
        "special_cases": {text: [piece[ORTH] for piece in pieces] for text, pieces in sorted(tokenizer.rules.items())},
        "stop_words": sorted(STOP_WORDS),
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(rules, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return rules


if __name__ == "__main__":
    exported = export_rules()
    print(f"{RULES_PATH}: {len(exported['special_cases'])} special cases, {len(exported['stop_words'])} stop words ({exported['source']})")
