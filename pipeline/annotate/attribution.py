"""Which region each label is said of, the sentence that ties them, and the kind of evidence.

A passage's labels are not all its regions' labels: reports go through the
regions one after another, so a passage about Dalarna and Västmanland says
one thing of each. A label is credited to the regions named in the sentence
where its cue stands (in its clause, where the sentence joins clauses about
different regions, "..., medan Region Blekinge har startat ..."); a sentence that names none speaks of the region of the
sentence before when it points back to it ("Regionen ...", "Där ...", "Avtalet
..." after "... ett hälso- och sjukvårdsavtal ..."), else of its paragraph's or
list item's lead ("Region Jönköpings län: ..."); a sentence about regions in
general, or before any region is named, credits no region in particular, and
the regions named after it as its examples ("Flera regioner har infört X. I
Kalmar ..."), up to the next topic on something else, unless such a sentence
tells a measure of its own without saying it is an example (a topic that does
not speak of regions has only the examples said to be such or that take up
its noun). Figures for
regions are credited with the measure the next sentence names. A region named
as the exception ("alla regioner utom Stockholm") is credited nothing; a
heading's cue credits no region; a quotation is said of the region of the
source given after it. The kind is read at the cue, clause by clause (kinds.py).
Only a passage that names one region credits it with every label, but for
a label whose cues all stand in sentences about regions in general (and
those going on from them): that one is the region's only as their example.

Reads: the passage's labels with their cue spans and its region mentions
(annotate), sentence boundaries (pipeline/sentences.py), the words a sentence
points back with (data/back_references.toml), lemmas (a definite noun that
takes up one before: lemmas.py), and the kind of evidence at a cue (kinds.py).
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import regex

from reformtrace.annotate.kinds import credit_kind, marked_kind
from reformtrace.annotate.lemmas import lemma_table
from reformtrace.model import Credit, LabelledPassage
from reformtrace.sentences import sentence_spans

STRENGTH_FILE = Path(__file__).parents[1] / "data" / "evidence_strength.toml"
# A sentence about every region, or about regions in general: it credits none in particular.
GENERIC = regex.compile(
    r"\b(?:alla|samtliga|flera|många|några|de flesta|ett antal|övriga|andra|fler|ett fåtal|vissa|en del|flertalet|merparten"
    r"|majoriteten) (?:av )?(?:regioner(?:na)?|län(?:en)?|kommuner(?:na)?)\b"
    r"|\bregionerna(?:s)?\b|\bregioner\b|\blänen\b|\blandstingen\b|\bi (?:hela )?landet\b|\bnationell(?:t|a)?\b",
    regex.I,
)


# A list of bodies (consultation lists, distribution lists) names regions as addressees, not as
# actors of any work: this many region mentions in a text where this share of the words are
# capitalised credits no region.
LIST_MENTIONS = 4
LIST_CAPITALISED = 0.4
WORD = regex.compile(r"\p{L}[\p{L}-]*")
BACK_FILE = Path(__file__).parents[1] / "data" / "back_references.toml"  # the words a sentence points back with
DEFINITE = ("en", "et", "n", "t", "na")  # a definite noun's endings ("avtalet", "enheten", "strategin", "målen")
# A denial that the text is about a thing: the cues after it credit nothing.
DENIED = regex.compile(r"\b(?:inte|ej)\s+(?:\p{L}+\s+)?(?:kopplat|kopplad|kopplade|knutet|knuten|knutna|relaterat|relaterad"
                       r"|detsamma|samma sak)\b", regex.I)
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
EXAMPLE = regex.compile(r"\b(?:exempelvis|till exempel|t\.ex\.|bland annat|bl\.a\.|exempel|sådana|sådan|sådant)\b", regex.I)
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


# Where a sentence joins clauses about different regions, and a clause that says it does the same as the one before.
CLAUSE_JOINS = regex.compile(r"(?:,\s+(?=(?:och|men|medan|samtidigt som)\s)|;\s+|\s+(?=medan\s))", regex.I)
SAME_AGAIN = regex.compile(r"\b(?:också|även|likaså|detsamma|samma|liknande|på motsvarande sätt)\b", regex.I)


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


@lru_cache(maxsize=1)
def back_references() -> BackReferences:
    """The pointer words of data/back_references.toml."""
    data = tomllib.loads(BACK_FILE.read_text(encoding="utf-8"))
    words = regex.compile(r"\b(?:" + "|".join(map(regex.escape, data["region_words"])) + r")\b", regex.I)
    return BackReferences(words, frozenset(data["opening_words"]), frozenset(data["prepositions"]), data["opening_reach"],
                          frozenset(data["not_back"]))


@lru_cache(maxsize=1)
def strength_table() -> dict:
    return tomllib.loads(STRENGTH_FILE.read_text(encoding="utf-8"))


def strength(label, credit: Credit) -> float:
    """How strong a row of evidence is: by the label's cues in the passage and the
    attribution's reason (data/evidence_strength.toml says where the numbers come from)."""
    table = strength_table()
    cues = table["cues"][str(min(3, len(label.spans)))]
    return round(cues * table["how"].get(credit.how, 1.0), 2)


def sentences(lp: LabelledPassage) -> list[Sentence]:
    """The passage's sentences, line by line, with the regions each names."""
    text = lp.passage.text
    out, offset = [], 0
    for number, line in enumerate(text.split("\n")):
        for a, b in _spans(line):
            start, end = offset + a, offset + b
            addressees = _no_actors_after(text, start, end)
            inside = [m for m in sorted(lp.region_mentions, key=lambda m: m.start)
                      if start <= m.start < min(end, addressees) and not excepted(text, m, start)]
            named = tuple(dict.fromkeys(m.code for m in inside))
            out.append(Sentence(start, end, number, named, bool(GENERIC.search(text, start, end)),
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
            out.append((s.regions, "named in the sentence"))
        elif (back := _antecedent(out, named if line_named == s.line else ())) and \
                refers_back(text[s.start:s.end], text[_run_start(sents, out, i):sents[i - 1].end], s.generic):
            out.append((back, "refers back to the sentence before"))
        elif s.generic:
            out.append(((), "said of regions in general"))
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
    that stands for the region anywhere ("... där regionen har ...", "Båda regionerna ..."), or, in a
    sentence not about regions in general, an opening pronoun or adverb of place ("Där ...") or a
    definite noun that takes up a noun of the sentences before ("... ett hälso- och sjukvårdsavtal ...
    Avtalet inkluderade ...", "... inrättade en enhet ... Enheten arbetar ...")."""
    rules = back_references()
    if rules.region_words.search(sentence):
        return True
    if generic:
        return False
    opening = WORD.findall(sentence)[:rules.opening_reach]
    pointer = opening[1:2] if opening and opening[0].lower() in rules.prepositions else opening[:1]  # "I dem anges ..."
    return bool(pointer) and pointer[0].lower() in rules.opening_words or takes_up(opening, before)


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
        return _one_region(lp, labels, sents)
    said = subjects(sents, text)
    credits = []
    for dimension, label in labels:
        tying = [i for i, s in enumerate(sents) if _has_cue(label, s) and not _denied(label, s, text)]
        by_region: dict[str, list[tuple[int, str]]] = {}
        if not tying and len(sents) == 1:
            tying = [0]  # a one-sentence passage: its regions are what it speaks of
        elif not tying:  # decided by the model without a cue: no sentence says which region
            by_region[""] = [(0, "no cue to place it")]
        figures = [j for j in _figures_after(tying, sents, labels, text) if j not in tying]
        explained = [j for j in _figures_before(tying, sents, labels, text) if j not in tying + figures]
        for i in tying + figures + explained:
            regions, why = said[i]
            if i in figures:
                regions, why = sents[i].regions, "the same measure's figures for other regions"
            if i in explained:
                regions, why = sents[i].regions, "the figures the sentence after speaks of"
            heading = not sents[i].regions and is_heading(text[sents[i].start:sents[i].end])
            if heading:
                regions, why = (), "a heading names the topic only"
            if why == "named in the sentence" and len(regions) > 1:
                regions = _clause_regions(label, labels, sents[i], text)
            for code in regions or ("",):
                by_region.setdefault(code, []).append((i, why))
                if i in explained:  # the sentence that names the measure ties them too
                    by_region[code].append((i + 1, why))
            if not regions and not heading:  # a topic sentence: the regions given as examples after it speak of it too
                for j in _examples(i, label, labels, sents, said, text):
                    for code in sents[j].regions:
                        by_region.setdefault(code, []).append((j, "an example of the topic before it"))
        for code, found in sorted(by_region.items()):
            chosen = sorted({i for i, _ in found})
            credits.append(Credit(code, dimension, label.id, credit_kind(text, [sents[i] for i in chosen], label.spans, code),
                                  [[sents[i].start, sents[i].end] for i in chosen], found[0][1]))
    return credits


def _one_region(lp: LabelledPassage, labels, sents: list[Sentence]) -> list[Credit]:
    """A passage that names one region (or none) credits it with every label not said of regions in
    general nor only in a heading; the kind is read in the tying sentences that are not about regions in general, where
    there are such ("Några regioner ... Region Skåne har skapat ... Flera regioner skriver dock att
    behovet ... ökat": Skåne's work is done, the others' figures are not its measure)."""
    text = lp.passage.text
    # the region counts where a sentence names it as an actor: not as the exception, nor as the publisher
    # of a footnote's reference entry or a body to consult (sentences)
    region = lp.regions[0] if lp.regions and any(lp.regions[0] in s.regions for s in sents) else ""
    how = "the only region named" if region else "no region named"
    credits = []
    general = _said_in_general(sents, text, region) if region else [False] * len(sents)
    headings = [not s.regions and is_heading(text[s.start:s.end]) for s in sents]
    for dimension, label in labels:
        cued = [i for i, s in enumerate(sents) if _has_cue(label, s)]
        if cued and region and all(headings[i] for i in cued):  # a heading names the topic only, as in several regions'
            credits.append(Credit("", dimension, label.id, "mentioned", [[sents[i].start, sents[i].end] for i in cued],
                                  "a heading names the topic only"))
            continue
        if cued and region and all(general[i] or headings[i] for i in cued):
            credits += _general_credits(dimension, label, labels, cued, sents, text, region)
            continue
        tying = _cue_sentences(label, sents) or _region_sentences(region, sents) or sents[:1]
        if region and not any(region in t.regions for t in tying):  # the cues speak of no region: its own figures tie too
            tying += [t for t in sents if region in t.regions and _measured(t, text)]
            tying.sort(key=lambda t: t.start)
        own = [t for t in tying if not general[sents.index(t)]] or tying
        credits.append(Credit(region, dimension, label.id, credit_kind(text, own, label.spans, region, bool(region)),
                              [[t.start, t.end] for t in tying], how))
    return credits


def _said_in_general(sents: list[Sentence], text: str, region: str) -> list[bool]:
    """For a passage that names one region: which sentences speak of regions in general, the
    generic ones that do not name it and those that go on from them without naming or pointing
    back at it ("Det förekommer även att regioner har ... Det kan exempelvis handla om att ...")."""
    out: list[bool] = []
    for i, s in enumerate(sents):
        if region in s.regions:
            out.append(False)
        elif s.generic:
            out.append(True)
        else:
            out.append(bool(out) and out[-1] and not refers_back(text[s.start:s.end], text[sents[i - 1].start:sents[i - 1].end]))
    return out


def _general_credits(dimension, label, labels, cued: list[int], sents: list[Sentence], text: str, region: str) -> list[Credit]:
    """A label whose cues all stand in sentences about regions in general: no region in particular,
    and the only region where it is given as an example after them ("Många regioner redovisar insatser
    ... Region Skåne har exempelvis ...")."""
    said = subjects(sents, text)
    examples = sorted({j for i in cued for j in _examples(i, label, labels, sents, said, text) if region in sents[j].regions})
    out = [Credit("", dimension, label.id, credit_kind(text, [sents[i] for i in cued], label.spans, ""),
                  [[sents[i].start, sents[i].end] for i in cued], "said of regions in general")]
    if examples:  # tied by the topic's sentences and its examples
        tying = [sents[j] for j in sorted({*cued, *examples})]
        out.append(Credit(region, dimension, label.id, credit_kind(text, tying, label.spans, region),
                          [[t.start, t.end] for t in tying], "an example of the topic before it"))
    return out


def _clause_regions(label, labels, s: Sentence, text: str) -> tuple[str, ...]:
    """The regions a sentence naming several says the label of: those of the clauses its cues stand in,
    where the sentence joins clauses about different regions ("I Region Kalmar har man infört hälsosamtal
    ..., medan Region Blekinge har startat mobila team ..."). A clause that holds no cue of any label (the same
    measure's figure: "..., men inga alls i Hallands ... län"; a parallel clause whose measure has no cue:
    "Gotland har en implementeringsplan ..., och i Uppsala har ... en genomförandeplan") shares the label, and so
    does one that says it does the same as one before ("..., men Region Blekinge har gjort detsamma").
    Coordinated regions ("Regionerna Kalmar och Blekinge har infört ...") are one clause."""
    cuts = [s.start] + [m.start() for m in CLAUSE_JOINS.finditer(text, s.start, s.end)] + [s.end]
    parts = []  # [start, end, regions]; a clause that names no region belongs to the one before it
    for a, b in zip(cuts, cuts[1:]):
        named = tuple(dict.fromkeys(code for at, code in s.mentions if a <= at < b))
        if parts and not named:
            parts[-1][1] = b
        else:
            parts.append([a, b, named])
    if sum(bool(p[2]) for p in parts) < 2:
        return s.regions
    out: list[str] = []
    cued = False
    for a, b, named in parts:
        here = any(a <= at < b for at, _ in label.spans)
        other = any(a <= at < b for _, l in labels for at, _ in l.spans)
        if here or not other or cued and SAME_AGAIN.search(text, a, b):
            out += named or ()
        cued = cued or here
    return tuple(dict.fromkeys(out)) or s.regions


def _measured(s: Sentence, text: str) -> bool:
    """Whether the sentence gives a figure or a result (kinds.py's `measured` cues)."""
    return marked_kind(text[s.start:s.end], ("measured",)) == "measured"


def _figures_after(tying: list[int], sents: list[Sentence], labels, text: str) -> list[int]:
    """Region sentences without a cue that give figures right after a sentence that
    gives the label's figures: the same measure for other regions ("... 60–79 procent
    ... med fast läkarkontakt. Region Östergötland och Blekinge anger 54 respektive
    6 procent")."""
    out = []
    for i in tying:
        if not _measured(sents[i], text):
            continue
        for j in range(i + 1, len(sents)):
            s = sents[j]
            if any(_has_cue(l, s) for _, l in labels):
                break
            if s.regions:
                if not _measured(s, text):
                    break
                out.append(j)
    return out


def _examples(i: int, label, labels, sents: list[Sentence], said, text: str) -> list[int]:
    """The region sentences after topic sentence i that give examples of it, up to the next
    topic on something else (a sentence without a region with cues of other labels only)."""
    out = []
    for j in range(i + 1, len(sents)):
        if not said[j][0] and not _has_cue(label, sents[j]) and any(_has_cue(l, sents[j]) for _, l in labels) \
                and not is_heading(text[sents[j].start:sents[j].end]):
            break
        if sents[j].regions and (_repeats_cue(label, sents[i], sents[j], text)
                                 or not _tells_its_own(sents[j], labels, text) and _example_of(sents, i, j, text)):
            out.append(j)
    return out


STEM = 7  # letters a word of an example shares with the topic's cue word: "utbildningsinsatser" ... "utbildningar"


def _repeats_cue(label, topic: Sentence, s: Sentence, text: str) -> bool:
    """Whether a region sentence takes up a cue word of the label in the topic sentence: its own cues
    notwithstanding, it is one of the topic's examples ("Flera utbildningsinsatser riktas mot ... Region
    Sörmland har genomfört utbildningar för att ...")."""
    stems = {w.group().lower()[:STEM] for a, b in label.spans if topic.start <= a < topic.end
             for w in WORD.finditer(text, a, b) if len(w.group()) >= STEM}
    return any(w.group().lower()[:STEM] in stems for w in WORD.finditer(text, s.start, s.end))


def _example_of(sents: list[Sentence], i: int, j: int, text: str) -> bool:
    """Whether region sentence j can be an example of topic sentence i: the topic speaks of
    regions in general ("Flera regioner har ..."), or j says it is an example ("exempelvis",
    "bland annat") or takes up a noun of the topic's line ("Piloterna i Hälsolabb ... i piloterna
    i Värmland"). A statement about something else ("Inom välfärden finns många exempel på ...")
    has no regions as its examples unless they are given as such."""
    if sents[i].generic or EXAMPLE.search(text, sents[j].start, sents[j].end):
        return True
    opening = next(k for k in range(i + 1) if sents[k].line == sents[i].line)
    return takes_up(WORD.findall(text[sents[j].start:sents[j].end]), text[sents[opening].start:sents[i].end])


def _figures_before(tying: list[int], sents: list[Sentence], labels, text: str) -> list[int]:
    """Region sentences that give figures without naming any measure, right before a sentence
    without a region that first says what they measure ("Andelstalen varierar från 7 procent i Region
    Kronoberg till 96 procent i Västra Götalandsregionen. En förklaring ... olika definitioner av
    fast läkarkontakt")."""
    return [i - 1 for i in tying if i and not sents[i].regions and sents[i - 1].regions and sents[i - 1].line == sents[i].line
            and not any(j < i - 1 for j in tying)  # no sentence before names the measure they give
            and not any(_has_cue(l, sents[i - 1]) for _, l in labels)
            and _measured(sents[i - 1], text)]


def _tells_its_own(s: Sentence, labels, text: str) -> bool:
    """A sentence about a region that holds cues of its own speaks of its own measure,
    not of the topic before it, unless it says it is an example of it or points
    back to it ("exempelvis", "bland annat", "sådana")."""
    return bool(s.regions) and any(_has_cue(l, s) for _, l in labels) and not EXAMPLE.search(text, s.start, s.end)


def _denied(label, s: Sentence, text: str) -> bool:
    """Every cue of the label in the sentence stands after a denial of the link ("Detta är alltså
    inte nödvändigtvis kopplat till en fast läkarkontakt"): the sentence says it is not that."""
    denial = DENIED.search(text, s.start, s.end)
    return bool(denial) and all(a >= denial.end() for a, _ in label.spans if s.start <= a < s.end)


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
