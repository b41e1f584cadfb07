"""The build's word sources beyond Hunspell and wordfreq: clean prose and place names.

Read only by `python -m reformtrace.repair.build`:
- the unlabelled Government Offices corpus (corpus-dev/g0vse-unlabelled.jsonl.gz,
  34,899 documents of clean Swedish public-sector prose): its words, their
  frequencies, the word pairs, and which words it writes with a capital;
- the place names of the gazetteer (pipeline/data/gazetteer/: counties,
  regions, municipalities, localities (CC0), the names reports use, areas,
  care bodies and hospitals), with their genitives.
"""
from __future__ import annotations

import csv
import gzip
import json
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import regex

from reformtrace.extract.normalize import normalize
from reformtrace.repair.context import NUMBERS, sentence_words

ENGLISH = regex.compile(r"\b(?:the|and|of|to|is|that|for|with)\b")
ENGLISH_SHARE = 0.03  # a document with this share of English function words is not Swedish prose
LINK = regex.compile(r"\[([^\]]*)\]\([^)]*\)")  # Markdown link: keep the text
ADDRESS = regex.compile(r"(?:https?://|www\.)\S+|\S+@\S+")
MID_SENTENCE = regex.compile(r"(?<![.!?:]\s*)(?<=\p{Ll}[,;]?[ \t]+)(\p{Lu}?\p{Ll}+)\b")
NAME_SHARE = 0.9  # a word written with a capital this often, mid-sentence, is a name


@dataclass
class Counts:
    """Word statistics of a body of clean text."""

    words: Counter = field(default_factory=Counter)  # lower-case word -> occurrences
    documents: Counter = field(default_factory=Counter)  # lower-case word -> documents it occurs in
    bigrams: Counter = field(default_factory=Counter)  # (word, word) within a sentence, numbers as <num>
    capital: Counter = field(default_factory=Counter)  # mid-sentence occurrences with a capital
    lower: Counter = field(default_factory=Counter)  # ... and without

    def add(self, text: str) -> None:
        seen = set()
        for words in sentence_words(text):
            body = [w for w in words[1:] if w not in NUMBERS]
            self.words.update(body)
            seen.update(body)
            self.bigrams.update(zip(words, words[1:]))
        self.documents.update(seen)
        for m in MID_SENTENCE.finditer(text):
            word = m.group(1)
            (self.capital if word[0].isupper() else self.lower)[word.lower()] += 1

    def names(self) -> set[str]:
        """Words written with a capital mid-sentence (nearly) every time."""
        return {w for w, n in self.capital.items() if n >= 2 and n >= NAME_SHARE * (n + self.lower[w])}


def count(texts: Iterable[str]) -> Counts:
    out = Counts()
    for text in texts:
        out.add(text)
    return out


def prose_texts(path: Path) -> Iterator[str]:
    """The Swedish documents of a JSON-lines corpus (`text` field), normalised,
    Markdown links reduced to their text, web and mail addresses removed."""
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            text = json.loads(line)["text"]
            if len(ENGLISH.findall(text)) > ENGLISH_SHARE * len(text.split()):
                continue
            yield ADDRESS.sub(" ", LINK.sub(r"\1", normalize(text)))


def _rows(path: Path) -> list[dict[str, str]]:
    """A CSV file's rows by column name; `#` lines are comments."""
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(line for line in f if not line.lstrip().startswith("#")))


def genitive(name: str) -> str:
    """Swedish genitive: "Umeå" -> "Umeås"; a name ending in s, x or z takes none."""
    return name if name[-1:].lower() in "sxz" else name + "s"


PLACES = {  # gazetteer file -> the columns that hold names (name_forms.csv: only its kinds of place)
    "counties.csv": ("county_name_short",),
    "municipalities.csv": ("municipality_name_short",),
    "regions.csv": ("region_name",),
    "localities.csv": ("locality",),
    "name_forms.csv": ("form",),
    "areas.csv": ("form",),
    "bodies.csv": ("form",),
    "hospitals.csv": ("form",),
}
PLACE_KINDS = ("region", "place", "town")  # name_forms.csv kinds that are names (not adjectives or abbreviations)


def place_names(gazetteer: Path) -> set[str]:
    """Every capitalised word of the gazetteer's names, lower case, with its
    genitive ("nyköping", "nyköpings", "umeå", "umeås", "sahlgrenska")."""
    names = set()
    for file, columns in PLACES.items():
        if not (gazetteer / file).exists():  # the files beyond the official lists are the project's own
            continue
        for row in _rows(gazetteer / file):
            if row.get("kind", PLACE_KINDS[0]) in PLACE_KINDS:
                names |= {row[c] for c in columns}
    words = {w for name in names for w in regex.findall(r"\p{L}+", name) if len(w) >= 2 and w[0].isupper() and not w.isupper()}
    return {form.lower() for w in words for form in (w, genitive(w))}
