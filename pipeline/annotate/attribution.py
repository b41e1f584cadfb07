"""Which region each label is said of, the sentence that ties them, and the kind of evidence.

A passage's labels are not all its regions' labels: reports go through the
regions one after another, so a passage about Dalarna and Västmanland says
one thing of each. A label is credited to the regions named in the sentence
where its cue stands; a sentence that names none speaks of the region its
paragraph or list item is about (the last region named before it, or its
lead: "Region Jönköpings län: ..."); a sentence about all regions, or before
any region is named, credits no region in particular, and the regions named
after it as its examples ("Flera regioner har infört X. I Kalmar ...").
Only a passage that names one region credits it with every label.

Reads: the passage's labels with their cue spans and its region mentions
(annotate), sentence boundaries (pipeline/sentences.py), and the kind cues
in data/evidence_kinds.toml.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import regex

from reformtrace.model import Credit, LabelledPassage
from reformtrace.sentences import sentence_spans

KINDS_FILE = Path(__file__).parents[1] / "data" / "evidence_kinds.toml"
STRENGTH_FILE = Path(__file__).parents[1] / "data" / "evidence_strength.toml"
# A sentence about every region, or about regions in general: it credits none in particular.
GENERIC = regex.compile(
    r"\b(?:alla|samtliga|flera|många|några|de flesta|ett antal|övriga|andra|fler) (?:av )?(?:regioner(?:na)?|län(?:en)?|kommuner(?:na)?)\b"
    r"|\bregionerna\b|\bi hela landet\b|\bnationell(?:t|a)?\b",
    regex.I,
)


# A list of bodies (consultation lists, distribution lists) names regions as addressees, not as
# actors of any work: this many region mentions in a text where this share of the words are
# capitalised credits no region.
LIST_MENTIONS = 4
LIST_CAPITALISED = 0.4
WORD = regex.compile(r"\p{L}[\p{L}-]*")
LEAD_WORDS = 6  # "Region Jönköpings län", "Norrbotten": a heading-like line that leads what follows
LEAD_OPENING = regex.compile(r"^\W*(?:\S+\s+){0,4}\S+(?::|\s[–-])\s")  # "Region Jönköpings län: Ett nytt ..."


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    line: int  # which line (block) of the passage it stands in
    regions: tuple[str, ...]  # county codes named in it, in order of mention
    generic: bool


@lru_cache(maxsize=1)
def kind_patterns() -> tuple[list[tuple[str, regex.Pattern]], regex.Pattern, str]:
    """The kinds in the order they are tried, the pattern of events, and the default kind."""
    data = tomllib.loads(KINDS_FILE.read_text(encoding="utf-8"))
    kinds = [(kind, regex.compile("|".join(f"(?:{p})" for p in data[kind]["patterns"]), regex.I)) for kind in data["order"]]
    events = regex.compile("|".join(f"(?:{p})" for p in data["events"]["patterns"]), regex.I)
    return kinds, events, data["default"]


@lru_cache(maxsize=1)
def strength_table() -> dict:
    return tomllib.loads(STRENGTH_FILE.read_text(encoding="utf-8"))


def strength(label, credit: Credit) -> float:
    """How strong a row of evidence is: by the label's cues in the passage and the
    attribution's reason (data/evidence_strength.toml says where the numbers come from)."""
    table = strength_table()
    cues = table["cues"][str(min(3, len(label.spans)))]
    return round(cues * table["how"].get(credit.how, 1.0), 2)


def kind_of(text: str) -> str:
    """done, planned, measured or mentioned, from the tying sentences' words."""
    kinds, events, default = kind_patterns()
    event = events.search(text)
    for kind, pattern in kinds:
        match = pattern.search(text)
        if match and not (event and kind != "measured" and _only_the_event(text, pattern, events)):
            return kind
    return "mentioned" if event else default


def _only_the_event(text: str, pattern: regex.Pattern, events: regex.Pattern) -> bool:
    """A visit or press event whose sentence reports no measure beside it."""
    return all(events.search(text, max(0, m.start() - 40), m.end() + 40) for m in pattern.finditer(text))


def sentences(lp: LabelledPassage) -> list[Sentence]:
    """The passage's sentences, line by line, with the regions each names."""
    text = lp.passage.text
    out, offset = [], 0
    for number, line in enumerate(text.split("\n")):
        for a, b in sentence_spans(line):
            start, end = offset + a, offset + b
            named = tuple(dict.fromkeys(m.code for m in sorted(lp.region_mentions, key=lambda m: m.start)
                                        if start <= m.start < end))
            out.append(Sentence(start, end, number, named, bool(GENERIC.search(text, start, end))))
        offset += len(line) + 1
    return out


def subjects(sents: list[Sentence], text: str) -> list[tuple[tuple[str, ...], str]]:
    """For each sentence, the regions it speaks of and why. A sentence that names
    no region speaks of the region of the lead before it ("Region Jönköpings län:",
    a heading-like line); after an ordinary sentence about a region it may well
    speak of something else, so it is said of no region in particular."""
    out: list[tuple[tuple[str, ...], str]] = []
    lead: tuple[str, ...] = ()
    line_of_lead = -1
    for s in sents:
        if s.regions:
            lead, line_of_lead = (s.regions, s.line) if _is_lead(text[s.start:s.end]) else ((), -1)
            out.append((s.regions, "named in the sentence"))
        elif s.generic:
            out.append(((), "said of regions in general"))
        elif lead:
            out.append((lead, "subject of the paragraph" if line_of_lead == s.line else "subject of the list item before"))
        else:
            out.append(((), "no region named in or before it"))
    return out


def _is_lead(sentence: str) -> bool:
    """A lead names what follows: it opens with "Region X:" or "X –", ends with a
    colon, or is as short as a heading."""
    return bool(LEAD_OPENING.match(sentence)) or sentence.rstrip().endswith((":", "–", "-")) \
        or len(sentence.split()) <= LEAD_WORDS


def attribute(lp: LabelledPassage) -> list[Credit]:
    """Each label of the passage with the region(s) it is said of."""
    labels = [("goal", l) for l in lp.goals] + [("intervention", l) for l in lp.interventions]
    if not labels:
        return []
    sents = sentences(lp)
    text = lp.passage.text
    if is_list_of_bodies(lp):
        return [Credit("", d, l.id, "mentioned", [[0, len(text)]], "a list of bodies names no actor") for d, l in labels]
    if len(lp.regions) <= 1:
        region = lp.regions[0] if lp.regions else ""
        how = "the only region named" if region else "no region named"
        credits = []
        for dimension, label in labels:
            tying = _cue_sentences(label, sents) or _region_sentences(region, sents) or sents[:1]
            spans = [[s.start, s.end] for s in tying]
            credits.append(Credit(region, dimension, label.id, kind_of(_join(text, tying)), spans, how))
        return credits
    said = subjects(sents, text)
    credits = []
    for dimension, label in labels:
        tying = [i for i, s in enumerate(sents) if _has_cue(label, s)]
        by_region: dict[str, list[tuple[int, str]]] = {}
        if not tying and len(sents) == 1:
            tying = [0]  # a one-sentence passage: its regions are what it speaks of
        elif not tying:  # decided by the model without a cue: no sentence says which region
            by_region[""] = [(0, "no cue to place it")]
        for i in tying:
            regions, why = said[i]
            for code in regions or ("",):
                by_region.setdefault(code, []).append((i, why))
            if not regions:  # a topic sentence: the regions given as examples after it speak of it too
                for j in range(i + 1, len(sents)):
                    for code in sents[j].regions:
                        by_region.setdefault(code, []).append((j, "an example of the topic before it"))
        for code, found in sorted(by_region.items()):
            chosen = sorted({i for i, _ in found})
            credits.append(Credit(code, dimension, label.id, kind_of(_join(text, [sents[i] for i in chosen])),
                                  [[sents[i].start, sents[i].end] for i in chosen], found[0][1]))
    return credits


def _has_cue(label, s: Sentence) -> bool:
    return any(s.start <= a < s.end for a, _ in label.spans)


def is_list_of_bodies(lp: LabelledPassage) -> bool:
    """A run of organisation names (a consultation list): many regions, mostly capitalised words."""
    if len(lp.region_mentions) < LIST_MENTIONS:
        return False
    words = WORD.findall(lp.passage.text)
    return bool(words) and sum(w[0].isupper() for w in words) / len(words) >= LIST_CAPITALISED


def _cue_sentences(label, sents: list[Sentence]) -> list[Sentence]:
    return [s for s in sents if any(s.start <= a < s.end for a, _ in label.spans)]


def _region_sentences(code: str, sents: list[Sentence]) -> list[Sentence]:
    return [s for s in sents if code in s.regions][:1]


def _join(text: str, chosen: list[Sentence]) -> str:
    return " ".join(text[s.start:s.end] for s in chosen)
