"""Which region each label is said of, the sentence that ties them, and the kind of evidence.

A passage's labels are not all its regions' labels: reports go through the
regions one after another, so a passage about Dalarna and Västmanland says
one thing of each. A label is credited to the regions named in the sentence
where its cue stands (in its clause, where the sentence joins clauses about
different regions: "..., medan Region Blekinge har startat ..."); a sentence
that names none speaks of the region of the sentence before when it points
back to it ("Regionen ...", "Där ...", "Avtalet ..." after "... ett hälso- och
sjukvårdsavtal ..."), else of its paragraph's or list item's lead ("Region
Jönköpings län: ..."); a sentence about regions in general, or before any
region is named, credits no region in particular, and the regions named after
it as its examples ("Flera regioner har infört X. I Kalmar ..."), up to the
next topic on something else, unless such a sentence tells a measure of its
own without saying it is an example or taking up the topic's cue word (a topic
that does not speak of regions has only the examples said to be such or that
take up its noun). Figures for regions are credited with the measure the next
sentence names. A region named as the exception ("alla regioner utom
Stockholm") is credited nothing; a heading's cue credits no region; a
quotation is said of the region of the source given after it. The kind is read
at the cue, clause by clause (kinds.py). Only a passage that names one region
credits it with every label, but for a label whose cues all stand in sentences
about regions in general (and those going on from them): that one is the
region's only as their example.

Reads: the passage's labels with their cue spans and its region mentions
(annotate), who each sentence speaks of (subjects.py: sentence boundaries, leads,
back references), the strength table (data/evidence_strength.toml), the words of an
example and of a denial (data/attribution_words.toml), and the kind of evidence at a
cue (kinds.py).
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import regex

from reformtrace.annotate.kinds import credit_kind, marked_kind
from reformtrace.annotate.subjects import (CLAUSE_JOINS, IN_GENERAL, NAMED, WORD, Sentence, is_heading, refers_back,
                                          sentences, subjects, takes_up)
from reformtrace.model import Credit, LabelledPassage

STRENGTH_FILE = Path(__file__).parents[1] / "data" / "evidence_strength.toml"
WORDS_FILE = Path(__file__).parents[1] / "data" / "attribution_words.toml"  # the words of an example and of a denial

# A list of bodies (consultation lists, distribution lists) names regions as addressees, not as
# actors of any work: this many region mentions in a text where this share of the words are
# capitalised credits no region.
LIST_MENTIONS = 4
LIST_CAPITALISED = 0.4

STEM = 7  # letters a word of an example shares with the topic's cue word: "utbildningsinsatser" ... "utbildningar"
# A rule hit's line of evidence, as rules.Hit.describe writes it: the cue (a note in brackets after it left out) and
# the text it matched: rule "koordinator": "rehabiliteringskoordinatorer".
CUE_HIT = regex.compile(r'rule "([^"(]+)(?:\([^"]*\))?": "([^"]+)"')


@dataclass(frozen=True)
class AttributionWords:
    example: regex.Pattern  # a sentence that says it is an example of what was said before it
    denied: regex.Pattern  # a denial that the text is about a thing: the cues after it credit nothing


@lru_cache(maxsize=1)
def attribution_words() -> AttributionWords:
    """The words of data/attribution_words.toml, as the patterns that find them."""
    data = tomllib.loads(WORDS_FILE.read_text(encoding="utf-8"))
    either = lambda key: "(?:" + "|".join(map(regex.escape, data[key])) + ")"
    return AttributionWords(regex.compile(rf"(?<!\w){either('examples')}(?!\w)", regex.I),
                 regex.compile(rf"(?<!\w){either('negations')}\s+(?:\p{{L}}+\s+)?{either('denied_links')}(?!\w)", regex.I))


@lru_cache(maxsize=1)
def strength_table() -> dict:
    return tomllib.loads(STRENGTH_FILE.read_text(encoding="utf-8"))


def strength(label, credit: Credit) -> float:
    """How strong a row of evidence is: by the label's cues in the passage and the
    attribution's reason (data/evidence_strength.toml says where the numbers come from)."""
    table = strength_table()
    cues = table["cues"][str(min(3, len(label.spans)))]
    return round(cues * table["how"].get(credit.how, 1.0), 2)


def attribute(lp: LabelledPassage) -> list[Credit]:
    """Each label of the passage with the region(s) it is said of."""
    labels = [("goal", l) for l in lp.goals] + [("intervention", l) for l in lp.interventions]
    if not labels:
        return []
    sents = sentences(lp)
    text = lp.passage.text
    if _lists_regions(lp):
        return [Credit("", d, l.id, "mentioned", [[0, len(text)]], "a list of bodies names no actor") for d, l in labels]
    if len(lp.regions) <= 1:
        return _one_region(lp, labels, sents)
    said = subjects(sents, text)
    return [c for dimension, label in labels for c in _label_credits(dimension, label, labels, sents, said, text)]


def _label_credits(dimension, label, labels, sents: list[Sentence], said, text: str) -> list[Credit]:
    """In a passage that names several regions, the regions one label is said of: those of the sentences its cues
    stand in (in the cue's clause), of the figures of the same measure around them, and of the examples after a
    topic sentence; no region in particular for a heading or a sentence about regions in general."""
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
        if why == NAMED and len(regions) > 1:
            regions = _clause_regions(label, labels, sents[i], text)
        for code in regions or ("",):
            by_region.setdefault(code, []).append((i, why))
            if i in explained:  # the sentence that names the measure ties them too
                by_region[code].append((i + 1, why))
        if not regions and not heading:  # a topic sentence: the regions given as examples after it speak of it too
            for j in _examples(i, label, labels, sents, said, text):
                for code in sents[j].regions:
                    by_region.setdefault(code, []).append((j, "an example of the topic before it"))
    credits = []
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
        tying = cued or [i for i, s in enumerate(sents) if region in s.regions][:1] or ([0] if sents else [])
        if region and not any(region in sents[i].regions for i in tying):  # the cues speak of no region: its own figures tie too
            tying = sorted(tying + [i for i, s in enumerate(sents) if region in s.regions and _measured(s, text)])
        own = [sents[i] for i in tying if not general[i]] or [sents[i] for i in tying]
        credits.append(Credit(region, dimension, label.id, credit_kind(text, own, label.spans, region, bool(region)),
                              [[sents[i].start, sents[i].end] for i in tying], how))
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
                  [[sents[i].start, sents[i].end] for i in cued], IN_GENERAL)]
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
    "Gotland har en implementeringsplan ..., och i Uppsala har ... en genomförandeplan"; one that says it does the
    same: "..., men Region Blekinge har gjort detsamma") shares the label; one with a measure of its own does not,
    "också" or not ("..., och i Kalmar har det också inrättats samordnande grupper för psykisk hälsa").
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
    for a, b, named in parts:
        here = any(a <= at < b for at, _ in label.spans)
        other = any(a <= at < b for _, l in labels for at, _ in l.spans)
        if here or not other:
            out += named or ()
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
    topic on something else: a sentence without a region with cues of other labels only, or one
    about regions in general without the label's cue ("Ett annat exempel är Jönköping ... I flera län
    håller man på att ta fram mer konkreta insatser. I Norrbotten pågår ...": Norrbotten's is the
    new topic's example)."""
    out = []
    for j in range(i + 1, len(sents)):
        s = sents[j]
        if not said[j][0] and not _has_cue(label, s) and not is_heading(text[s.start:s.end]) \
                and (any(_has_cue(l, s) for _, l in labels) or said[j][1] == IN_GENERAL):
            break
        if s.regions and (_repeats_cue(label, sents[i], s, text)
                          or not _tells_its_own(s, labels, text) and _example_of(sents, i, j, text)):
            out.append(j)
    return out


def _repeats_cue(label, topic: Sentence, s: Sentence, text: str) -> bool:
    """Whether a region sentence takes up a cue word of the label in the topic sentence: its own cues
    notwithstanding, it is one of the topic's examples ("Flera utbildningsinsatser riktas mot ... Region
    Sörmland har genomfört utbildningar för att ..."). The first STEM letters of the cue's own word count,
    not of the compound it stands in, and anywhere in a word of the region sentence ("rehabiliteringskoordinatorer"
    is a cue by "koordinator": "vårdkoordinatorer" takes it up, "rehabiliteringsinterventioner" nothing)."""
    cues = _cue_words(label)
    stems = {w.lower()[:STEM] for a, b in label.spans if topic.start <= a < topic.end
             for w in cues.get(text[a:b].lower(), WORD.findall(text[a:b])) if len(w) >= STEM}
    return any(stem in w.group().lower() for w in WORD.finditer(text, s.start, s.end) for stem in stems)


def _cue_words(label) -> dict[str, list[str]]:
    """The words of the cue each of the label's hits matched, by the text it matched (its evidence lines)."""
    out: dict[str, list[str]] = {}
    for line in label.evidence:
        if hit := CUE_HIT.match(line):
            out.setdefault(hit[2].lower(), []).extend(WORD.findall(hit[1]))
    return out


def _example_of(sents: list[Sentence], i: int, j: int, text: str) -> bool:
    """Whether region sentence j can be an example of topic sentence i: the topic speaks of
    regions in general ("Flera regioner har ..."), or j says it is an example ("exempelvis",
    "bland annat") or takes up a noun of the topic's line ("Piloterna i Hälsolabb ... i piloterna
    i Värmland"). A statement about something else ("Inom välfärden finns många exempel på ...")
    has no regions as its examples unless they are given as such."""
    if sents[i].generic or attribution_words().example.search(text, sents[j].start, sents[j].end):
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
    return bool(s.regions) and any(_has_cue(l, s) for _, l in labels) \
        and not attribution_words().example.search(text, s.start, s.end)


def _denied(label, s: Sentence, text: str) -> bool:
    """Every cue of the label in the sentence stands after a denial of the link ("Detta är alltså
    inte nödvändigtvis kopplat till en fast läkarkontakt"): the sentence says it is not that."""
    denial = attribution_words().denied.search(text, s.start, s.end)
    return bool(denial) and all(a >= denial.end() for a, _ in label.spans if s.start <= a < s.end)


def _has_cue(label, s: Sentence) -> bool:
    return any(s.start <= a < s.end for a, _ in label.spans)


def _lists_regions(lp: LabelledPassage) -> bool:
    """A run of organisation names naming many regions (a consultation list), mostly capitalised words: the regions
    are addressees. (The rules give no label to a text that is mostly names of bodies at all: bodies.py.)"""
    if len(lp.region_mentions) < LIST_MENTIONS:
        return False
    words = WORD.findall(lp.passage.text)
    return bool(words) and sum(w[0].isupper() for w in words) / len(words) >= LIST_CAPITALISED
