"""Regions: which of the 21 regions (and which municipalities) a passage is about.

The knowledge is data (pipeline/data/gazetteer/, see its README): the counties,
the 290 municipalities, the other names reports use, the healthcare regions and
their bodies, regional care bodies, hospitals, sub-regional areas, postal
localities, the names that need context, and the context words. gazetteer.py
loads and checks it once (gazetteer_files.py reads the files); this module matches
its names over the tokens of a passage, longest phrase first, through inflection
(genitive, "Xregionen"), line-end hyphenation and OCR damage, and drops the
mentions that are not about a region's work: persons, institutions,
bibliographic places and web addresses. A mention says what it names (county,
municipality, locality, hospital, healthcare region, body, area) and is made
once per county it is credited to.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

from reformtrace.annotate.gazetteer import NAMED_KINDS, SEVERAL, Gazetteer, Place, load_gazetteer
from reformtrace.annotate.region_contexts import (
    PHRASE_GAP, SAME_LINE_SPACE, document_row, excluded, gap_after, in_context, prefixed, token_text,
)
from reformtrace.model import RegionMention

TOKEN = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}&]*")
CAPITALISED = regex.compile(r"(?<![\p{L}\p{N}&])\p{Lu}[\p{L}\p{N}&]*")
# Words a PDF table glued together: "Hallands länJämtlands län", "0Åtvidaberg", "Essunga9"; two
# patterns searched one after the other (the regex module scans an alternation of lookbehinds
# more slowly than each of them)
GLUED = (regex.compile(r"(?<=[\p{Ll}\p{N}])\p{Lu}"), regex.compile(r"(?<=\p{L})\p{N}+(?![\p{L}\p{N}&])"))
GLUED_CAPITAL = regex.compile(r"(?<=\p{N})\p{Lu}|(?<=\p{Ll}\p{Ll})\p{Lu}(?=\p{Ll})")  # not "FoC", "iPad"
TRAILING_DIGITS = regex.compile(r"(?<=\p{L})\p{N}+$")
WEB_HINT = regex.compile(r"://|(?i:www)\.|\w@\w|\w\.(?:se|nu|com|org|net|eu|info|io)\b")
# what each WEB_HINT match holds, looked for first: literal marks, found without WEB_HINT's trying
# its word-led alternatives at every letter
WEB_MARK = regex.compile(r"://|@|(?i:www)\.|\.(?:se|nu|com|org|net|eu|info|io)\b")
NOT_IN_ADDRESS = set(" \t\r\n<>()[]{}\"'”“«»|")


@dataclass
class _Candidate:
    """A name found in the text; ambiguous ones wait for a neighbour to accept them."""

    place: Place
    first: int  # token index range of the name itself
    last: int
    accepted: bool


def find_regions(text: str, gazetteer: Gazetteer | None = None, context: frozenset[str] = frozenset()) -> list[RegionMention]:
    """Every region mention in a passage, in text order.

    A mention's span covers the name with its "Region"/"Landstinget i" prefix and
    "län"/"kommun" suffix; `via_municipality` names the municipality when the
    mention is of a municipality (or a town in one) rather than of the region.
    `context` holds the counties the passage's headings name: they settle a
    locality of several counties as the passage's own mentions do.
    """
    gaz = gazetteer or load_gazetteer()
    starts = [m.start() for m in CAPITALISED.finditer(text) if gaz.may_start(text, *m.span())]
    glued = any(pattern.search(text) is not None for pattern in GLUED)
    tokens = _tokens(text, gaz) if glued else None
    if tokens is not None:  # a name glued to what stands before or after it in a table
        starts = sorted(set(starts) | {a for a, b in tokens if text[a].isupper() and gaz.may_start(text, a, b)})
    low = text.lower()
    if any(map(low.__contains__, gaz.adjective_stems)):
        starts = sorted(set(starts) | {m.start() for m in gaz.adjectives.finditer(text)})
    if not starts:
        return []
    if tokens is None:
        tokens = [m.span() for m in TOKEN.finditer(text, concurrent=False)]  # the GIL kept: see _tokens
    index = {a: k for k, (a, _) in enumerate(tokens)}
    web = _web_addresses(text)
    found: list[_Candidate] = []
    free = 0  # first token not yet inside a name
    for i in (index[a] for a in starts):
        hit = _match_at(text, tokens, i, gaz) if i >= free else None
        if hit is None:
            continue
        place, last = hit
        start, end = tokens[i][0], tokens[last][1]
        if not any(a < end and start < b for a, b in web) and not excluded(text, tokens, i, last, place, gaz):
            found.append(_Candidate(place, i, last, in_context(text, tokens, i, last, place, gaz)))
        free = last + 1
    if found and document_row(text, tokens, found[0], gaz):
        return []
    _accept_enumerated(text, tokens, found, gaz)
    named = {code for c in found if c.accepted and c.place.rule != SEVERAL for code in c.place.counties} | context
    mentions = []
    for c in found:
        if c.accepted:
            codes = c.place.counties if c.place.rule != SEVERAL else tuple(x for x in c.place.counties if x in named)
            mentions += _mentions(text, tokens, c, codes, gaz)
    return mentions


def _tokens(text: str, gaz: Gazetteer) -> list[tuple[int, int]]:
    """The word spans of a text, with words a PDF table glued together cut apart:
    at a capital after a small letter or a digit ("länJämtlands", "1Rättvik") and
    before digits that end a name ("Essunga9 28")."""
    spans = []
    # concurrent=False: else the regex module lets the GIL go and takes it back at every word found
    for m in TOKEN.finditer(text, concurrent=False):
        a, b = m.span()
        word = m.group()
        cuts = [a + g.start() for g in GLUED_CAPITAL.finditer(word)]
        digits = TRAILING_DIGITS.search(word)
        if digits is not None and word[(cuts[-1] - a) if cuts else 0:digits.start()].lower() in gaz.vocabulary:
            cuts.append(a + digits.start())
        for cut in cuts:
            spans.append((a, cut))
            a = cut
        spans.append((a, b))
    return spans


def _web_addresses(text: str) -> list[tuple[int, int]]:
    """Spans of web and e-mail addresses: "www.regionstockholm.se", "x@regionhalland.se"."""
    if not WEB_MARK.search(text):
        return []  # no address (nearly every passage)
    spans = []
    for m in WEB_HINT.finditer(text):
        start, end = m.start(), m.end()
        while start > 0 and text[start - 1] not in NOT_IN_ADDRESS:
            start -= 1
        while end < len(text) and text[end] not in NOT_IN_ADDRESS:
            end += 1
        spans.append((start, end))
    return spans


def names_several(text: str, gazetteer: Gazetteer | None = None) -> bool:
    """Whether a text holds the name of a locality of several counties (what `context` may settle)."""
    gaz = gazetteer or load_gazetteer()
    return any(m.group().lower() in gaz.several_words for m in CAPITALISED.finditer(text))


def settle_in_headings(text: str, section: list[str], mentions: list[RegionMention]) -> list[RegionMention]:
    """The passage's mentions with its localities of several counties settled by the counties its
    headings name ("Sjukvårdsministern besöker Halland" > "vårdcentralen i Andersberg": Halmstad)."""
    if not section or not names_several(text):
        return mentions
    context = frozenset(code for title in section for code in _heading_counties(title))
    return find_regions(text, context=context) if context else mentions


@lru_cache(maxsize=4096)
def _heading_counties(title: str) -> tuple[str, ...]:
    return tuple(regions_of(find_regions(title)))


def regions_of(mentions: list[RegionMention]) -> list[str]:
    """The sorted unique county codes of some mentions: a passage's `regions` field."""
    return sorted({m.code for m in mentions})


def _word_at(text: str, tokens: list[tuple[int, int]], k: int, gaz: Gazetteer) -> tuple[str | None, int]:
    """The gazetteer word at token k and the index of its last token (k + 1 if broken in two)."""
    a, b = tokens[k]
    word = gaz.joined(text, a, b) if k + 1 < len(tokens) else None
    return (word, k + 1) if word is not None else (gaz.canonical(text[a:b]), k)


def _match_at(text, tokens, i, gaz: Gazetteer) -> tuple[Place, int] | None:
    """The longest name starting at token i, with the index of its last token."""
    a, b = tokens[i]
    first = text[a:b]
    if not first[0].isupper() and first.lower() not in gaz.vocabulary:
        return None
    word, k = _word_at(text, tokens, i, gaz)
    if word not in gaz.first_words:
        return None
    words, ends = [word], [k]
    while len(words) < gaz.max_words and k + 1 < len(tokens):
        if not PHRASE_GAP.fullmatch(text[tokens[k][1]:tokens[k + 1][0]]):
            break
        word, k = _word_at(text, tokens, k + 1, gaz)
        if word is None:
            break
        words.append(word)
        ends.append(k)
    for n in range(len(words), 0, -1):
        place = gaz.phrases.get(tuple(words[:n]))
        if place is not None and _case_ok(first, place):
            return place, ends[n - 1]
    return None


def _case_ok(token: str, place: Place) -> bool:
    """Names are capitalised (or in an upper-case heading); abbreviations are capitals."""
    if place.kind == "adjective" or place.case == "any":
        return True
    if place.kind == "abbreviation":
        return token == place.name
    if place.case == "exact":
        return token == place.written
    return token[0].isupper()


def _accept_enumerated(text, tokens, found: list[_Candidate], gaz: Gazetteer) -> None:
    """Ambiguous names listed with accepted ones: "Ale, Kungälv och Stenungsund"."""
    changed = True
    while changed:
        changed = False
        for left, right in zip(found, found[1:]):
            if left.accepted != right.accepted and gaz.joint.fullmatch(
                text[tokens[left.last][1]:tokens[right.first][0]]
            ):
                left.accepted = right.accepted = changed = True


def _mentions(text, tokens, cand: _Candidate, codes: tuple[str, ...], gaz: Gazetteer) -> list[RegionMention]:
    """The mention, one per county credited, with its span widened to "Region …",
    "… län" / "… kommun" and a body before it ("Hälsoval Region Halland")."""
    first, last = cand.first, cand.last
    prefix = prefixed(text, tokens, first, gaz)
    if prefix is not None:
        first = prefix
    municipal = False
    for _ in range(2):
        word = token_text(text, tokens, last + 1).lower()
        if not PHRASE_GAP.fullmatch(gap_after(text, tokens, last)) or not (
            word in gaz.context["suffix"] or word in gaz.context["municipal_suffix"]
        ):
            break
        municipal = municipal or word in gaz.context["municipal_suffix"]
        last += 1
    place = cand.place
    via = place.municipality if place.municipality and (municipal or not place.regional) else None
    kind, entity = _kind(place, via, gaz)
    if kind in ("county", "area") and token_text(text, tokens, first - 1).lower() in gaz.context["body_prefix"] \
            and SAME_LINE_SPACE.fullmatch(gap_after(text, tokens, first - 1)):
        first -= 1  # "Hälsoval Västerbotten": the region's own body
    if kind in ("county", "area", "municipality") and token_text(text, tokens, first).lower() in gaz.context["body_prefix"]:
        kind, entity = "body", " ".join(text[tokens[first][0]:tokens[last][1]].split())  # "Länsstyrelsen i Norrbottens län"
    start, end = tokens[first][0], tokens[last][1]
    return [RegionMention(code, start, end, text[start:end], via, kind, entity) for code in codes]


def _kind(place: Place, via: str | None, gaz: Gazetteer) -> tuple[str, str]:
    """What a mention names (RegionMention.kind) and its entity's name."""
    if place.kind in NAMED_KINDS:
        return place.kind, place.name
    if place.kind == "town":
        return "locality", place.name
    if place.kind == "place":
        return "area", place.name
    if via:
        return "municipality", via
    return "county", gaz.region_names[place.code]
