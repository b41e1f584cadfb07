"""spaCy's Swedish lookup lemma table (inflected form -> lemma), read as it lies on disk.

Built offline by `python -m reformtrace.annotate.lemmas` from spacy-lookups-data
into pipeline/data/lemmas/sv.marisa: a JSON header line, then a trie
(marisa-trie) of the forms, the distinct lemmas (sorted, one a line) and, per
trie id, the index of its lemma (uint32, little-endian). Loading it takes
milliseconds; building the dict from spaCy's gzipped JSON took 0.45 s in every
process that annotates.
"""
from __future__ import annotations

import json
import sys
from array import array
from functools import lru_cache
from pathlib import Path

import marisa_trie

TABLE = "sv.marisa"
FORMAT = "reformtrace-lemmas/1"
DATA_DIR = Path(__file__).resolve().parents[1] / "data" / "lemmas"
REBUILD = "python -m reformtrace.annotate.lemmas"


class LemmaTableError(Exception):
    """The lemma table file is missing or broken."""


class LemmaTable:
    """Read-only form -> lemma mapping with the operations the rule layer uses on a dict."""

    __slots__ = ("_trie", "_lemma_of", "_lemmas", "_lemma_set")

    def __init__(self, trie: marisa_trie.Trie, lemma_of: array, lemmas: list[str]):
        self._trie = trie
        self._lemma_of = lemma_of  # trie id -> index in _lemmas
        self._lemmas = lemmas
        self._lemma_set: frozenset[str] | None = None

    def _id(self, word: str) -> int | None:
        # marisa cuts a key at "\x00" and cannot encode lone surrogates; no form holds either
        if "\x00" in word:
            return None
        try:
            return self._trie.get(word)
        except UnicodeEncodeError:
            return None

    def get(self, word: str, default: str | None = None) -> str | None:
        i = self._id(word)
        return default if i is None else self._lemmas[self._lemma_of[i]]

    def __getitem__(self, word: str) -> str:
        i = self._id(word)
        if i is None:
            raise KeyError(word)
        return self._lemmas[self._lemma_of[i]]

    def __contains__(self, word: str) -> bool:
        return self._id(word) is not None

    def __len__(self) -> int:
        return len(self._lemma_of)

    def lemmas(self) -> frozenset[str]:
        """Every lemma of the table (the dict's values)."""
        if self._lemma_set is None:
            self._lemma_set = frozenset(self._lemmas)
        return self._lemma_set


def write_table(table: dict[str, str], source: str) -> bytes:
    """The table file's bytes; the same table gives the same bytes."""
    if any("\x00" in form for form in table):
        raise LemmaTableError("a form holds '\\x00', which ends a key in the trie")
    if any("\n" in lemma for lemma in table.values()):
        raise LemmaTableError("a lemma holds a newline, which separates the lemmas in the file")
    lemmas = sorted(set(table.values()))
    index = {lemma: i for i, lemma in enumerate(lemmas)}
    trie = marisa_trie.Trie(sorted(table))
    lemma_of = array("I", bytes(4 * len(trie)))
    for form, lemma in table.items():
        lemma_of[trie[form]] = index[lemma]
    if sys.byteorder == "big":
        lemma_of.byteswap()
    trie_bytes, lemma_bytes = trie.tobytes(), "\n".join(lemmas).encode("utf-8")
    header = {"format": FORMAT, "forms": len(trie), "lemmas": len(lemmas), "trie_bytes": len(trie_bytes), "lemma_bytes": len(lemma_bytes), "source": source}
    return json.dumps(header, sort_keys=True).encode() + b"\n" + trie_bytes + lemma_bytes + lemma_of.tobytes()


def read_table(path: Path) -> LemmaTable:
    """The table in `path`; a missing or broken file is a LemmaTableError naming it."""
    try:
        data = Path(path).read_bytes()
    except OSError as err:
        raise LemmaTableError(f"cannot read the lemma table {path} ({err}); build it with `{REBUILD}`") from err
    try:
        start = data.index(b"\n") + 1
        meta = json.loads(data[:start])
        if not isinstance(meta, dict):
            raise ValueError("no header")
        if meta.get("format") != FORMAT:
            raise ValueError(f"format {meta.get('format')!r}, expected {FORMAT!r}")
        forms, count = meta["forms"], meta["lemmas"]
        trie_end = start + meta["trie_bytes"]
        lemmas_end = trie_end + meta["lemma_bytes"]
        if len(data) != lemmas_end + 4 * forms:
            raise ValueError("section sizes do not match the header")
        view = memoryview(data)  # slices without copying the file
        trie = marisa_trie.Trie().frombytes(data[start:trie_end])
        lemmas = str(view[trie_end:lemmas_end], "utf-8").split("\n")
        lemma_of = array("I")
        lemma_of.frombytes(view[lemmas_end:])
        if len(trie) != forms or len(lemma_of) != forms or len(lemmas) != count:
            raise ValueError("counts do not match the header")
    except (ValueError, KeyError, TypeError, RuntimeError) as err:  # UnicodeDecodeError and JSONDecodeError are ValueErrors
        raise LemmaTableError(f"{path}: broken lemma table ({err}); rebuild it with `{REBUILD}`") from err
    if sys.byteorder == "big":
        lemma_of.byteswap()
    return LemmaTable(trie, lemma_of, lemmas)


@lru_cache(maxsize=1)
def lemma_table() -> LemmaTable:
    """The lemma table, read once per process."""
    return read_table(DATA_DIR / TABLE)


def build(folder: Path = DATA_DIR) -> Path:
    """Write the table from spaCy's lookup table (spacy-lookups-data, needed only here)."""
    import gzip
    from importlib.metadata import version

    import spacy_lookups_data

    path = Path(str(spacy_lookups_data.sv["lemma_lookup"]))
    table = json.loads(gzip.decompress(path.with_name(path.name + ".gz").read_bytes()))
    out = Path(folder) / TABLE
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(write_table(table, f"spacy-lookups-data {version('spacy-lookups-data')}"))
    return out


if __name__ == "__main__":
    print(build())
