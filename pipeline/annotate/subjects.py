"""Who each sentence of a passage speaks of: the passage cut into sentences (also where a
quotation opens or a heading is glued on), the regions each names as actors (not the
exception, a footnote's publisher or the bodies to consult), and, for a sentence that
names none, the region of its lead ("Region Jönköpings län: ..."), of the sentence it
points back to ("Regionen ...", "Avtalet ..." after "... ett hälso- och sjukvårdsavtal ..."),
or none in particular (regions in general). attribution.py credits the labels from it.

Reads: sentence boundaries (pipeline/sentences.py), the words a sentence points back
with (data/back_references.toml), the words of regions in general or of several regions
(data/regions_in_general.toml), lemmas (a definite noun that takes up one before: lemmas.py).
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import regex

from reformtrace.annotate.lemmas import lemma_table
from reformtrace.model import LabelledPassage
from reformtrace.sentences import sentence_spans

# Where a sentence joins clauses ("..., medan Region Blekinge har startat ...", "...; ...").
CLAUSE_JOINS = regex.compile(r"(?:,\s+(?=(?:och|men|medan|samtidigt som)\s)|;\s+|\s+(?=medan\s))", regex.I)
WORD = regex.compile(r"\p{L}[\p{L}-]*")
BACK_FILE = Path(__file__).parents[1] / "data" / "back_references.toml"  # the words a sentence points back with
GENERAL_FILE = Path(__file__).parents[1] / "data" / "regions_in_general.toml"  # the words of regions in general, or several
# The reasons a sentence speaks of its regions that attribution.py decides by (the keys of data/evidence_strength.toml's [how])
NAMED, IN_GENERAL = "named in the sentence", "said of regions in general"
DEFINITE = ("en", "et", "n", "t", "na")  # a definite noun's endings ("avtalet", "enheten", "strategin", "målen")

# A region named after these words is the exception or the contrast, within a list that follows them
# ("utom Stockholm", "förutom Kalmar, Kronoberg och Blekinge", "till skillnad från Region Halland").
EXCEPT = regex.compile(r"\b(?:utom|förutom|undantag (?:av|för)|till skillnad från|i motsats till)\s+"
                       r"(?:(?:i\s+|Region\s+|regionerna\s+)?\p{Lu}[\p{L}-]*(?:s)?(?:\s+län)?(?:,\s*|\s+(?:och|eller)\s+))*"
                       r"(?:i\s+|Region\s+|regionerna\s+)?$")
EXCEPT_REACH = 120
LEAD_WORDS = 6  # "Region Jönköpings län", "Norrbotten": a heading-like line that leads what follows

# The bodies an agency is to consult or hear, listed, are addressees, not actors of the work: "i samråd med ...,
# länsstyrelserna i Jönköpings, Skåne och Västerbottens län, ...", "ha en dialog med ..." ("i samråd med Region
# Skåne" alone may be a partner in the work: a list has LIST_COMMAS commas or more).
CONSULTED = regex.compile(r"\b(?:samråd(?:a)? med|dialog med|synpunkter från|inhämta\p{L}* (?:synpunkter|kunskap) från)\b", regex.I)
LIST_COMMAS = 2

# A footnote's reference entry: its number, the publishing region and the title ("16 Region Dalarna, Länsgemensam
# strategi med målbild ... 2022-2030."): a publication names no actor (annotations/README.md).
REFERENCE_ENTRY = regex.compile(r"\d{1,3}\s+(?=(?:Region|Landstinget)\s[^,.]{2,40},\s)")
HEADING_WORDS = 6  # a heading's cue names the section's topic: no region's work (annotations/README.md)
LEAD_OPENING = regex.compile(r"^\W*(?:\S+\s+){0,4}\S+(?::|\s[–-])\s")  # "Region Jönköpings län: Ett nytt ..."

# A quotation's source after it: "... Regionplan 2024–2026, Region Västernorrland, s. 3", "..., Region Gotland",
# "Granskning av Region Uppsalas arbete ..., s. 19, Helseplan Consulting Group AB (2022b)".
SOURCE_TAIL = regex.compile(r"(?:,\s*s\.\s*\d+(?:[–-]\d+)?(?:,[^.]{0,80}\(\d{4}\p{Ll}?\))?|,\s*Region(?:\s+\p{Lu}[\p{L}-]*){1,3})\s*$")

# Where attribution also ends a sentence: where a quotation opens after its source's reference (SOURCE_TAIL),
# and after a reference to a table or figure by number, which sentences.py reads as a list number ("tabell 5. Regionerna").
QUOTE_OPENS = regex.compile(r"(?<=\S)\s+(?=[˝„“”\"»]\p{Lu})")
REFERENCE_ENDS = regex.compile(r"(?<=\b(?:tabell|figur|bilaga|diagram|kapitel|avsnitt) \d{1,3}\.)\s+(?=\p{Lu})", regex.I)

# A heading glued to the sentence after it ("Förstärkta insatser inom rehabilitering i primärvården Några regioner har
# ..."): a function word capitalised only where a sentence starts, right after a lower-case word.
HEADING_GLUED = regex.compile(r"(?<=(?:^|\s)\p{Ll}[\p{L}-]*)\s+(?=(?:Några|Flera|Många|Alla|Samtliga|Det|De|Den|Denna|Detta|Dessa|Ett|En|I|Av|Vi)\s)")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    line: int  # which line (block) of the passage it stands in
    regions: tuple[str, ...]  # county codes named in it, in order of mention
    generic: bool
    first_mention: int = -1  # where its first region mention starts, from the sentence's start
    mentions: tuple[tuple[int, str], ...] = ()  # (start in the passage, county code) of each region mention in it


@dataclass(frozen=True)
class BackReferences:
    region_words: regex.Pattern  # anywhere in the sentence
    opening_words: frozenset[str]
    prepositions: frozenset[str]
    opening_reach: int
    not_back: frozenset[str]


@dataclass(frozen=True)
class InGeneral:
    generic: regex.Pattern  # a sentence about every region, or about regions in general: it credits none in particular
    several: regex.Pattern  # several regions or counties as the subject of a clause: a region word after it is each of them


@lru_cache(maxsize=1)
def in_general() -> InGeneral:
    """The words of data/regions_in_general.toml, as the patterns that find them (whole words, any case)."""
    data = tomllib.loads(GENERAL_FILE.read_text(encoding="utf-8"))
    words = lambda key: "|".join(map(regex.escape, data[key]))
    quantified = r"\b(?:" + words("quantifiers") + r") (?:av )?(?:"
    return InGeneral(regex.compile(quantified + words("general_nouns") + r")\b|\b(?:" + words("general_words") + r")\b", regex.I),
                     regex.compile(quantified + words("several_nouns") + r")\b", regex.I))


@lru_cache(maxsize=1)
def back_references() -> BackReferences:
    """The pointer words of data/back_references.toml."""
    data = tomllib.loads(BACK_FILE.read_text(encoding="utf-8"))
    words = regex.compile(r"\b(?:" + "|".join(map(regex.escape, data["region_words"])) + r")\b", regex.I)
    return BackReferences(words, frozenset(data["opening_words"]), frozenset(data["prepositions"]), data["opening_reach"],
                          frozenset(data["not_back"]))


def sentences(lp: LabelledPassage) -> list[Sentence]:
    """The passage's sentences, line by line, with the regions each names."""
    text = lp.passage.text
    mentions = sorted(lp.region_mentions, key=lambda m: m.start)
    out, offset, generic = [], 0, in_general().generic
    for number, line in enumerate(text.split("\n")):
        for a, b in _spans(line):
            start, end = offset + a, offset + b
            addressees = _no_actors_after(text, start, end)
            inside = [m for m in mentions if start <= m.start < min(end, addressees) and not excepted(text, m, start)]
            named = tuple(dict.fromkeys(m.code for m in inside))
            out.append(Sentence(start, end, number, named, bool(generic.search(text, start, end)),
                                inside[0].start - start if inside else -1, tuple((m.start, m.code) for m in inside)))
        offset += len(line) + 1
    return out


def excepted(text: str, mention, start: int = 0) -> bool:
    """A region named as the exception or the contrast ("i alla regioner utom Stockholm",
    "till skillnad från Region Halland", "förutom Kalmar och Blekinge"): not what is said."""
    before = text[max(start, mention.start - EXCEPT_REACH):mention.start]
    return bool(EXCEPT.search(before))


def _no_actors_after(text: str, start: int, end: int) -> int:
    """Where a sentence's region mentions stop naming actors: a footnote's reference
    entry names a publisher, a listed body of addressees those to consult."""
    if REFERENCE_ENTRY.match(text, start, end):
        return start
    consulted = CONSULTED.search(text, start, end)
    return consulted.start() if consulted and text.count(",", consulted.end(), end) >= LIST_COMMAS else end


def subjects(sents: list[Sentence], text: str) -> list[tuple[tuple[str, ...], str]]:
    """For each sentence, the regions it speaks of and why. A sentence that names
    no region speaks of the region of the lead before it ("Region Jönköpings län:",
    a heading-like line), or of the regions it points back to in its paragraph
    ("regionen", "Avtalet" after the sentence that names it); after an ordinary sentence about a region it may
    well speak of something else, so it is said of no region in particular."""
    out: list[tuple[tuple[str, ...], str]] = []
    lead: tuple[str, ...] = ()
    line_of_lead = -1
    named, line_named = (), -1  # the regions of the last sentence that names some, and its line
    quoted = _quotation_sources(sents, text)
    for i, s in enumerate(sents):
        if i in quoted:
            out.append((quoted[i], "the source of the quotation"))
        elif s.regions:
            lead, line_of_lead = (s.regions, s.line) if _is_lead(text[s.start:s.end], s.first_mention) else ((), -1)
            named, line_named = s.regions, s.line
            out.append((s.regions, NAMED))
        elif (back := _antecedent(out, named if line_named == s.line else ())) and \
                refers_back(text[s.start:s.end], text[_run_start(sents, out, i):sents[i - 1].end], s.generic):
            out.append((back, "refers back to the sentence before"))
        elif s.generic:
            out.append(((), IN_GENERAL))
        elif lead:
            out.append((lead, "subject of the paragraph" if line_of_lead == s.line else "subject of the list item before"))
        else:
            out.append(((), "no region named in or before it"))
    return out


def _run_start(sents: list[Sentence], said: list[tuple[tuple[str, ...], str]], i: int) -> int:
    """Where the run of sentences before sentence i that speak of the same regions, in its line, starts."""
    j = i - 1
    while j > 0 and said[j - 1][0] == said[i - 1][0] and sents[j - 1].line == sents[i].line:
        j -= 1
    return sents[j].start if sents[j].line == sents[i].line else sents[i].start


def _antecedent(said: list[tuple[tuple[str, ...], str]], named: tuple[str, ...]) -> tuple[str, ...]:
    """The regions a sentence that points back speaks of: those of the sentence before, else
    those of the last sentence of its line that names some."""
    return (said[-1][0] if said else ()) or named


def refers_back(sentence: str, before: str, generic: bool = False) -> bool:
    """Whether a sentence points back at the region before it (data/back_references.toml): a word
    that stands for the region anywhere ("... där regionen har ...", "Båda regionerna ..."), unless several
    regions stand before it in its clause ("i flera län ... mellan regionen och kommunerna"), or, in a
    sentence not about regions in general, an opening pronoun or adverb of place ("Där ...") or a
    definite noun that takes up a noun of the sentences before ("... ett hälso- och sjukvårdsavtal ...
    Avtalet inkluderade ...", "... inrättade en enhet ... Enheten arbetar ...")."""
    rules = back_references()
    if any(not _said_of_several(sentence, word.start()) for word in rules.region_words.finditer(sentence)):
        return True
    if generic:
        return False
    opening = WORD.findall(sentence)[:rules.opening_reach]
    pointer = opening[1:2] if opening and opening[0].lower() in rules.prepositions else opening[:1]  # "I dem anges ..."
    return bool(pointer) and pointer[0].lower() in rules.opening_words or takes_up(opening, before)


def _said_of_several(sentence: str, at: int) -> bool:
    """Whether several regions or counties stand before position `at` in its clause, so that a region word there
    is each of them ("Andra regioner ... redovisar uppgifter om hur många i regionen som ...")."""
    start = max((m.end() for m in CLAUSE_JOINS.finditer(sentence, 0, at)), default=0)
    return bool(in_general().several.search(sentence, start, at))


def takes_up(words: list[str], before: str) -> bool:
    """Whether one of the words is a definite noun that takes up a noun of the text
    before: the same word, or the head of a compound there ("sjukvårdsavtal ... Avtalet")."""
    table, not_back = lemma_table(), back_references().not_back
    earlier = {w.lower() for w in WORD.findall(before)}
    for word in words:
        w = word.lower()
        w = w[:-1] if w.endswith("s") and not table.get(w) else w  # a genitive: "Bedömningsbilens"
        lemma = table.get(w)
        definite = lemma and len(lemma) >= 3 and w != lemma and w.startswith(lemma[:3]) and w.endswith(DEFINITE)
        if definite and lemma not in not_back and any(e.endswith(lemma) or (table.get(e) or "").endswith(lemma) for e in earlier):
            return True
    return False


def _spans(line: str) -> list[tuple[int, int]]:
    """Sentence spans, with a sentence also ending where a quotation opens
    ("..., Region Gotland ˝Generellt har ..."), after "tabell 5." and after a heading
    glued to the sentence."""
    out = []
    for a, b in sentence_spans(line):
        quotes = [m.end() for m in QUOTE_OPENS.finditer(line, a, b) if SOURCE_TAIL.search(line, a, m.start())]
        cuts = sorted({a, b, *quotes, *(m.end() for m in REFERENCE_ENDS.finditer(line, a, b)),
                       *(m.end() for m in HEADING_GLUED.finditer(line, a, b))})
        out += [(x, len(line[:y].rstrip())) for x, y in zip(cuts, cuts[1:]) if line[x:y].strip()]
    return out


def _quotation_sources(sents: list[Sentence], text: str) -> dict[int, tuple[str, ...]]:
    """Quoted sentences and the regions of the source given after them: a quotation
    from a region's plan, report or audit is said of that region. The quotation runs
    back from its source to the previous source or the passage's start."""
    out: dict[int, tuple[str, ...]] = {}
    first = 0
    for i, s in enumerate(sents):
        if not (s.regions and SOURCE_TAIL.search(text[s.start:s.end])):
            continue
        opened = first == 0 or text[sents[first].start] in "˝„“”\"»"
        if opened and i > first:
            out.update({j: s.regions for j in range(first, i) if not sents[j].regions})
        first = i + 1
    return out


def is_heading(sentence: str) -> bool:
    """A heading, not a sentence: as short as a heading and without a closing stop,
    or a word or two ("Kompetensförsörjning.", "Utmaningar i arbetet med fast läkarkontakt")."""
    words = len(sentence.split())
    return words <= HEADING_WORDS and not sentence.rstrip().endswith((".", "!", "?", ":")) or words <= 2


def _is_lead(sentence: str, first_mention: int) -> bool:
    """A lead names what follows: it opens with "Region X:" or "X –" (the region in
    that opening: "Det finns också varianter: Region Värmland ..." leads nothing),
    ends with a colon, or is as short as a heading."""
    opening = LEAD_OPENING.match(sentence)
    return bool(opening and 0 <= first_mention < opening.end()) or sentence.rstrip().endswith((":", "–", "-")) \
        or len(sentence.split()) <= LEAD_WORDS
