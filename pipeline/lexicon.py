"""The Swedish lexicon: which strings are Swedish words, how common they are.

Built offline by `python -m reformtrace.repair.build` from the Swedish Hunspell
dictionary (every affix form, with its compound flags), wordfreq's Swedish
list, the clean reports of the corpus, the unlabelled Government Offices
prose corpus and the gazetteer's place names, into one table in
pipeline/data/lexicon/. Hand additions live in additions.txt beside it.

Lookups are case-insensitive. The table is a trie (marisa-trie) of
`key + SEPARATOR + form`, the key being the form without diacritics, so that
all words one key away share a prefix: the OCR repair stage asks "which words
could 'omstallningen' be?". It is mapped into memory as it lies on disk, without building a
million Python strings or copying the file, so a process that needs it loads
it in a millisecond (a sorted list of forms took 0.3 s in every process, a
copy of the file 0.05 s), and the workers share its pages.
"""
from __future__ import annotations

import json
import mmap
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import marisa_trie

# Flag bits of a form.
WORD = 1  # a word on its own
BEGIN = 2  # may begin a compound (Hunspell COMPOUNDBEGIN, e.g. "omställnings")
MIDDLE = 4  # may sit inside a compound
END = 8  # may end a compound
HUNSPELL = 16  # from the Hunspell dictionary
CORPUS = 32  # seen in clean public-sector text (a clean report, the prose corpus) or a place name of the gazetteer
NAME = 64  # Hunspell writes it with a capital ("Östersjön")
ADDED = 128  # a hand addition (additions.txt)
TRUSTED = HUNSPELL | CORPUS | ADDED  # sources that vouch for a word (wordfreq also lists web noise)

TABLE = "lexicon.bin"
ADDITIONS = "additions.txt"
FORMAT = "reformtrace-lexicon/2"
TRIE_ALIGNMENT = 8  # the trie starts at a multiple of this in the file (the header is padded): it is mapped in place
SEPARATOR = "\x01"  # between key and form in the trie: sorts before every letter, in no form
MIN_PART = 2  # shortest compound part (Hunspell COMPOUNDMIN)
MAX_PARTS = 4  # most parts in a compound (Hunspell COMPOUNDWORDMAX)
LOOSE_MIN_PART = 4  # outside Hunspell's compound flags, parts are words this long ("vitt"+"när" is no compound)
LOOSE_MAX_PARTS = 3
PROBE_MEMO = 1 << 18  # prefixes remembered by `probe` and forms by `flags` (a few MB each), then forgotten all at once
WORDFREQ_MIN_ZIPF = 3.0  # wordfreq-only strings rarer than this are not taken as words

def _strip(ch: str) -> str:
    return {"æ": "a", "ø": "o", "ß": "s"}.get(ch, unicodedata.normalize("NFD", ch)[0])


# Forms are Latin-1 (Swedish and its loan words), so keys are one byte-table away.
_LATIN1 = bytes(range(256)).decode("latin-1")
KEY_BYTES = bytes.maketrans(_LATIN1.encode("latin-1"), "".join(_strip(c.lower()) if c.isalpha() else c for c in _LATIN1).encode("latin-1"))
KEY_TABLE = str.maketrans({c: _strip(c) for c in _LATIN1.lower() if c.isalpha() and _strip(c) != c})


def key(form: str) -> str:
    """The lookup key: lower case, diacritics removed ("Västmanland" -> "vastmanland")."""
    return form.lower().translate(KEY_TABLE)


class LexiconError(Exception):
    """The lexicon data files are missing or broken."""


@dataclass(frozen=True)
class Entry:
    form: str
    flags: int
    zipf: float  # wordfreq Zipf frequency (0 when not in wordfreq)
    domain: float  # Zipf frequency in the clean reports of the corpus (0 when unseen)


class Lexicon:
    """The word table plus the hand additions."""

    def __init__(self, table: "Table", additions: dict[str, int]):
        self._table = table
        self._added: dict[str, list[Entry]] = {}
        for form, fl in sorted(additions.items()):
            self._added.setdefault(key(form), []).append(Entry(form, fl | ADDED, 0.0, 0.0))
        self._added_keys = sorted(self._added)
        self._probes: dict[str, tuple[bool, bool]] = {}
        self._flags: dict[str, int] = {}  # form -> its entry's flags, as `flags` found them

    def __len__(self) -> int:
        return len(self._table.trie)

    def by_key(self, k: str) -> list[Entry]:
        """Every form whose key is `k`, in the order of the forms."""
        t = self._table
        start = len(k) + 1
        out = [Entry(item[start:], t.flags[i], t.zipf[i] / 10, t.domain[i] / 10) for item, i in sorted(_items(t.trie, k + SEPARATOR))]
        return out + self._added.get(k, [])

    def probe(self, prefix: str) -> tuple[bool, bool]:
        """(some form has exactly this key, some form's key starts with it); remembered,
        for the repair asks about the same prefixes over and over."""
        hit = self._probes.get(prefix)
        if hit is None:
            if len(self._probes) >= PROBE_MEMO:
                self._probes.clear()
            hit = self._probes[prefix] = self._probe(prefix)
        return hit

    def _probe(self, prefix: str) -> tuple[bool, bool]:
        trie = self._table.trie
        full = _has_prefix(trie, prefix + SEPARATOR)
        start = full or _has_prefix(trie, prefix)
        if self._added_keys and not full:
            full2, start2 = _probe(self._added_keys, prefix)
            return full2, start or start2
        return full, start

    def lookup(self, form: str) -> Entry | None:
        """The entry of `form` (case-insensitive), or None."""
        form = form.lower()
        hits = [e for e in self.by_key(key(form)) if e.form == form]
        if len(hits) > 1:  # a hand addition on top of a table entry
            return Entry(form, hits[0].flags | hits[1].flags, hits[0].zipf, hits[0].domain)
        return hits[0] if hits else None

    def zipf(self, form: str) -> float:
        """`form`'s wordfreq Zipf frequency (0 when it is not in the lexicon)."""
        entry = self.lookup(form)
        return entry.zipf if entry else 0.0

    def flags(self, form: str) -> int:
        """The flags of `form`'s entry (0: none); remembered, for the repair asks about the
        forms it writes over and over (numbers only: nothing for the garbage collector to walk)."""
        found = self._flags.get(form)
        if found is None:
            if len(self._flags) >= PROBE_MEMO:
                self._flags.clear()
            entry = self.lookup(form)
            found = self._flags[form] = entry.flags if entry else 0
        return found

    def is_whole_word(self, form: str) -> bool:
        """A word on its own: Hunspell, a clean report, an addition, or common in wordfreq."""
        entry = self.lookup(form)
        if entry is None or not entry.flags & WORD:
            return False
        return bool(entry.flags & TRUSTED) or entry.zipf >= WORDFREQ_MIN_ZIPF

    def compound_split(self, word: str) -> list[str] | None:
        """Parts of `word` as a compound of known words, or None.

        Hunspell's compound flags first (begin + middle* + end, linking -s-
        forms included); otherwise whole words of four or more letters that
        Hunspell or a clean report vouches for, with an optional linking -s-.
        """
        word = word.lower()
        return _split(self, word, 0, True) or _split(self, word, 0, False)


# marisa cuts a key at "\x00" (a question about "vård\x00x" would be one about every
# "vård…") and cannot encode a lone surrogate; no form holds either, so such a
# prefix has no entries.
def _items(trie: marisa_trie.Trie, prefix: str) -> list[tuple[str, int]]:
    if "\x00" in prefix:
        return []
    try:
        return trie.items(prefix)
    except UnicodeEncodeError:
        return []


def _has_prefix(trie: marisa_trie.Trie, prefix: str) -> bool:
    if "\x00" in prefix:
        return False
    try:
        return next(trie.iterkeys(prefix), None) is not None
    except UnicodeEncodeError:
        return False


def _probe(keys: list[str], prefix: str) -> tuple[bool, bool]:
    i = bisect_left(keys, prefix)
    if i == len(keys):
        return False, False
    return keys[i] == prefix, keys[i].startswith(prefix)


def _trusted_word(lex: Lexicon, form: str) -> bool:
    """A whole word that Hunspell, a clean report or a hand addition vouches for."""
    f = lex.flags(form)
    return bool(f & WORD and f & TRUSTED)


def _split(lex: Lexicon, word: str, done: int, strict: bool) -> list[str] | None:
    """Split `word` into compound parts after `done` parts already taken."""
    if done >= (MAX_PARTS if strict else LOOSE_MAX_PARTS):
        return None
    minpart = MIN_PART if strict else LOOSE_MIN_PART
    for cut in range(len(word) - minpart, minpart - 1, -1):
        head, rest = word[:cut], word[cut:]
        if strict:
            if not lex.flags(head) & (BEGIN if done == 0 else MIDDLE):
                continue
            if lex.flags(rest) & END:
                return [head, rest]
        else:
            if not _trusted_word(lex, head):
                continue
            if _trusted_word(lex, rest):
                return [head, rest]
            if rest.startswith("s") and len(rest) > minpart and _trusted_word(lex, rest[1:]):
                return [head + "s", rest[1:]]
        tail = _split(lex, rest, done + 1, strict)
        if tail:
            return [head, *tail]
        if not strict and rest.startswith("s"):
            tail = _split(lex, rest[1:], done + 1, strict)
            if tail:
                return [head + "s", *tail]
    return None


@dataclass(frozen=True)
class Table:
    """The table as read from disk: the trie, and per trie id one byte each of
    flags, wordfreq's Zipf times ten and the corpus's Zipf times ten."""

    trie: marisa_trie.Trie
    flags: memoryview
    zipf: memoryview
    domain: memoryview


def write_table(forms: list[str], flags: dict[str, int], zipf: dict[str, float], domain: dict[str, float], sources: dict) -> bytes:
    """The table file: a header line (JSON), the trie, then the three byte columns."""
    if any(ch in form for form in forms for ch in "\x00" + SEPARATOR):
        raise LexiconError("a form holds a control character the trie cannot hold")
    items = [key(form) + SEPARATOR + form for form in forms]
    trie = marisa_trie.Trie(items)
    columns = [bytearray(len(items)) for _ in range(3)]
    for item, form in zip(items, forms):
        i = trie[item]
        columns[0][i] = flags[form]
        columns[1][i] = min(255, max(0, round(zipf.get(form, 0.0) * 10)))
        columns[2][i] = min(255, max(0, round(domain.get(form, 0.0) * 10)))
    data = trie.tobytes()
    return padded_header({"format": FORMAT, "count": len(items), "trie_bytes": len(data), "sources": sources}) + data + b"".join(columns)


def padded_header(meta: dict) -> bytes:
    """A header line of JSON, padded so that what follows starts at a multiple of TRIE_ALIGNMENT."""
    header = json.dumps(meta, sort_keys=True).encode()
    return header + b" " * (-(len(header) + 1) % TRIE_ALIGNMENT) + b"\n"


def read_header(data: bytes | mmap.mmap, expected: str) -> tuple[dict, int]:
    """The header's fields and the offset where the body starts (ValueError: another format)."""
    start = data.find(b"\n") + 1
    meta = json.loads(bytes(memoryview(data)[:start]))
    if meta.get("format") != expected:
        raise ValueError(f"format {meta.get('format')!r}, expected {expected!r}")
    return meta, start


def map_file(path) -> mmap.mmap:
    """A package data file mapped into memory, shared by every process that reads it."""
    with resources.as_file(path) as file_path, open(file_path, "rb") as file:
        return mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)


def _read_table(data: bytes | mmap.mmap, source: str) -> Table:
    """The table in `data` (the file's bytes, or the file mapped into memory). An aligned
    trie is read where it lies, without a copy: the table then holds slices of `data`."""
    view = memoryview(data)
    try:
        meta, start = read_header(data, FORMAT)
        n, size = meta["count"], meta["trie_bytes"]
        if len(view) - start != size + 3 * n:
            raise ValueError("counts do not match the header")
        body = view[start:]
        trie = marisa_trie.Trie()
        if start % TRIE_ALIGNMENT == 0:
            trie.map(body[:size])
        else:  # a table written before the header was padded
            trie.frombytes(bytes(body[:size]))
        if len(trie) != n:
            raise ValueError("counts do not match the header")
        return Table(trie, body[size : size + n], body[size + n : size + 2 * n], body[size + 2 * n :])
    except (ValueError, KeyError, RuntimeError) as err:
        raise LexiconError(f"{source}: broken lexicon table ({err}); rebuild with `python -m reformtrace.repair.build`") from err


def _read_additions(text: str, source: str) -> dict[str, int]:
    """One form per line; `#` starts a comment; an optional second column `begin`/`end`."""
    out: dict[str, int] = {}
    kinds = {"word": WORD | END, "begin": BEGIN, "end": END}
    for n, line in enumerate(text.splitlines(), 1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        form, *kind = line.split()
        if len(kind) > 1 or (kind and kind[0] not in kinds):
            raise LexiconError(f"{source}:{n}: expected 'form [word|begin|end]', got {line!r}")
        out[form.lower()] = out.get(form.lower(), 0) | kinds[kind[0] if kind else "word"]
    return out


@lru_cache(maxsize=1)
def load() -> Lexicon:
    """The lexicon, read once per process."""
    folder = resources.files("reformtrace") / "data" / "lexicon"
    table = folder / TABLE
    try:
        data = map_file(table)
        additions = (folder / ADDITIONS).read_text(encoding="utf-8")
    except (OSError, ValueError) as err:  # ValueError: an empty file cannot be mapped
        raise LexiconError(f"cannot read the lexicon ({err}); build it with `python -m reformtrace.repair.build`") from err
    return Lexicon(_read_table(data, str(table)), _read_additions(additions, str(folder / ADDITIONS)))


def is_word(word: str) -> bool:
    """A Swedish word: a whole-word hit, or a compound of known words (linking -s- allowed)."""
    lex = load()
    return lex.is_whole_word(word) or lex.compound_split(word) is not None
