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
PHRASE_GAP = regex.compile(r"\s*(?:[-–]\s*)?")  # between the words of one name: "Uppsala–Örebro sjukvårdsregion"
SAME_LINE_SPACE = regex.compile(r"[ \t]{1,3}")
NAME_PART_GAP = regex.compile(r"[ \t]{1,3}|[ \t]?-[ \t]?")
POSTCODE_BEFORE = regex.compile(r"\b\d{3} ?\d{2}[ \t]+$")
INSTITUTION_PREPOSITIONS = ("i", "of", "vid", "för", "över", "av")  # "Högskolan i Jönköping", "hertiginna av Värmland"
INSTITUTION_GAP = regex.compile(r"[ \t]*,?\s*(?:(?:i|of|vid|för|över|av)\s+)?", regex.IGNORECASE)
TRUNCATED_COMPOUND_AFTER = regex.compile(r"-[ \t]+(?:och|eller|samt)\s+\p{Ll}")  # "Mark- och miljödomstolen"
ORGANISATION_WORDS = 4  # capitalised words between a name and the word that makes it an organisation's
# A person's post: "Maria Landgren som idag är läkemedelschef i Region Skåne",
# "Region Skånes läkemedelschef Maria Landgren": the person is named, not the region's work
POST_BEFORE = regex.compile(
    r"(\p{Lu}\p{Ll}+)[ \t]+\p{Lu}[\p{L}-]+,?\s+som\s+(?:idag\s+|i\s+dag\s+|nu\s+)?är\s+"
    r"(?:(?!(?:att|som|där|men|när)\b)[\p{L}-]+[ \t]+){0,8}?(?:i|vid|på)[ \t]+$"  # the post's words, no clause
)
POST_AFTER = regex.compile(r"[ \t]+(?:[\p{Ll}]+-?[ \t]+){0,3}(\p{Ll}{3,})[ \t]+(\p{Lu}\p{Ll}+)[ \t]+\p{Lu}\p{Ll}")
INITIALS_AFTER = regex.compile(r",?[ \t]\p{Lu}{1,2}(?:[.,;]|\s*$)")
PUBLICATION_AFTER = regex.compile(  # place of publication: "Stockholm: Socialstyrelsen; 2019"
    r"\]?\s*(?::\s*\p{Lu}[^\n:;]{0,80}?[;,]\s*\(?(?:19|20)\d\d|:\s*\p{Lu}\p{L}+(?:\s\p{Lu}\p{L}+)?\.\s*$"
    r"|[;,]\s*(?:19|20)\d\d\b)",
    regex.MULTILINE,
)
DATELINE_AFTER = regex.compile(  # "Stockholm mars 2025", "Stockholm den 13 januari 2025", "Umeå, 22 november 2023"
    r",?\s+(?:i\s+|(?:den\s+)?\d{1,2}\s+)?(?:januari|februari|mars|april|maj|juni|juli"
    r"|augusti|september|oktober|november|december)\s+(?:19|20)\d\d|,?\s+(?:19|20)\d\d-\d\d-\d\d"
)
REFERENCE_YEAR_AFTER = regex.compile(r"\s*[;,]\s*(?:19|20)\d\d\b")
ENTRY_NUMBER_BEFORE = regex.compile(r"(?<![\p{L}\p{N}])(?:\d{1,3}\.|\[\d{1,3}\])[ \t]*$")  # "23. ", "[23] "
REFERENCE_ENTRY_AFTER = regex.compile(  # a title, then "Place: Publisher; 2014" or "Hämtad från"
    r"\.[ \t]+\p{Lu}[^\n]{0,300}?(?::[ \t]*\p{Lu}[^:;\n]{0,80};[ \t]*(?:19|20)\d\d|[Hh]ämtad)"
)
YEAR = regex.compile(r"\b(?:19|20)\d\d\b")
PUBLISHER_YEAR_AFTER = regex.compile(r"\s+(?:19|20)\d\d\b")  # "…(SKR), Stockholm 2021."
CITATION_AFTER = regex.compile(r"\s*(?:\(\s*(?:19|20)\d\d|et\.?\s+al\b|m\.\s?fl\.)")  # a surname: "Lund (2019)"
BRACKETED_YEAR_AFTER = regex.compile(r",?\s*(?:19|20)\d\d[a-z]?\s*[);]")

WEAK_BEFORE = " \t\"'”»([*_#"


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
        if not any(a < end and start < b for a, b in web) and not _excluded(text, tokens, i, last, place, gaz):
            found.append(_Candidate(place, i, last, _in_context(text, tokens, i, last, place, gaz)))
        free = last + 1
    if found and _document_row(text, tokens, found[0], gaz):
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


def _token_text(text, tokens, k) -> str:
    return text[tokens[k][0]:tokens[k][1]] if 0 <= k < len(tokens) else ""


def _gap(text, tokens, k) -> str:
    """The text between token k and token k + 1."""
    return text[tokens[k][1]:tokens[k + 1][0]] if 0 <= k and k + 1 < len(tokens) else ""


def _excluded(text, tokens, i, last, place: Place, gaz: Gazetteer) -> bool:
    """A person, an institution or a bibliographic place named after the place."""
    before, after = _token_text(text, tokens, i - 1), _token_text(text, tokens, last + 1)
    start, end = tokens[i][0], tokens[last][1]
    same_line_before = bool(SAME_LINE_SPACE.fullmatch(_gap(text, tokens, i - 1)))
    if same_line_before and before in gaz.first_names:
        return True  # "Anna Halland"
    if len(before) == 1 and before.isupper() and text[tokens[i - 1][1]] == ".":
        return True  # "A. Halland"
    if (place.name in gaz.first_names and SAME_LINE_SPACE.fullmatch(_gap(text, tokens, last))
            and after[:1].isupper() and gaz.canonical(after) is None):
        return True  # "Nora Persson"
    if INITIALS_AFTER.match(text, end):
        return True  # "Halland A, Berg B."
    if after.lower() in gaz.context["institution"] and NAME_PART_GAP.fullmatch(_gap(text, tokens, last)):
        return True  # "Uppsala universitet", "Göteborgs-Posten"
    if text[end - 1] == "s" and _institution_after_words(text, tokens, last, gaz):
        return True  # "Stockholms konstnärliga högskola"
    if (place.kind == "locality" or place.rule) and _in_longer_name(text, tokens, i, last, gaz, place.kind == "locality"):
        return True  # "Tällberg Foundation", "Los Angeles", "Ersta Sköndal"; "Troels Lund Poulsen"
    if POSTCODE_BEFORE.search(text, max(0, start - 12), start):
        return True  # an address: "Box 2318, 103 17 Stockholm"
    if TRUNCATED_COMPOUND_AFTER.match(text, end):
        return True  # "Mark- och miljödomstolen": the first part of a compound, no name
    k = i - 1
    if _token_text(text, tokens, k).lower() in INSTITUTION_PREPOSITIONS and INSTITUTION_GAP.fullmatch(_gap(text, tokens, k)):
        k -= 1
    if k >= 0 and INSTITUTION_GAP.fullmatch(text[tokens[k][1]:start]) and \
            _token_text(text, tokens, k).lower() in gaz.context["institution"] and \
            (k < i - 1 or "\n" not in text[tokens[k][1]:start]):
        return True  # "Högskolan i Jönköping", "Karolinska Institutet, Stockholm"; not the next line of a list
    if _post(text, tokens, i, last, place, gaz):
        return True  # "Maria Landgren som idag är läkemedelschef i Region Skåne"
    if _publisher(text, tokens, i, last, gaz):
        return True  # "Stockholm: Länsstyrelsen i Stockholms län; 2013": a reference's publisher
    if _reference_author(text, tokens, i, last, gaz):
        return True  # "23. Region Skåne. Handlingsplan för äldre. Malmö: Region Skåne; 2014": its author
    if _prefixed(text, tokens, i, gaz) is not None or after.lower() in gaz.context["suffix"] \
            or after.lower() in gaz.context["municipal_suffix"]:
        return False  # "Region Skåne (2021)" is the region as author
    if _organisation_after(text, tokens, last, gaz):
        return True  # "Stockholm Fueling Services AB", "Stockholm Environment Institute"
    if PUBLICATION_AFTER.match(text, end) or (
        PUBLISHER_YEAR_AFTER.match(text, end) and _char_before(text, start) == ","
    ):
        return True  # "Stockholm: Socialstyrelsen; 2019", "SKR, Stockholm 2021"
    if DATELINE_AFTER.match(text, end) and not (
        before.lower() in gaz.context["place_preposition"] and SAME_LINE_SPACE.fullmatch(_gap(text, tokens, i - 1))
    ):
        return True  # a dateline, "Stockholm mars 2025"; not "rikskonferensen i Sälen den 13 januari 2025"
    if place.kind in NAMED_KINDS and _char_before(text, start) in ("(", ";") and BRACKETED_YEAR_AFTER.match(text, end):
        return True  # "(Kammarkollegiet 2024; Norra sjukvårdsregionförbundet 2022)": a reference
    if place.regional:
        return False  # "Västra Götalandsregionen (2023) visar": the region as author
    return bool(CITATION_AFTER.match(text, end)) or (
        _char_before(text, start) == "(" and bool(BRACKETED_YEAR_AFTER.match(text, end))
    )  # "Lund et al.", "(Lund 2019)"


def _post(text, tokens, i, last, place: Place, gaz: Gazetteer) -> bool:
    """A name that only says where a named person holds a post: after "<First>
    <Surname> som är <post> i/vid", or a genitive before "<post> <First> <Surname>"."""
    first = _prefixed(text, tokens, i, gaz)
    start = tokens[i if first is None else first][0]
    m = POST_BEFORE.search(text, max(0, start - 200), start)
    if m is not None and m.group(1) in gaz.first_names:
        return True
    end = tokens[last][1]
    if text[end - 1] != "s" or text[tokens[i][0]:end].lower() == place.name.lower():
        return False  # no genitive ("Västerås ska Johan Pehrson …")
    m = POST_AFTER.match(text, end)  # the post is no "län" ("i Hallands län Nora Persson")
    return m is not None and m.group(2) in gaz.first_names and m.group(1) not in gaz.context["suffix"]


def _organisation_after(text, tokens, last, gaz: Gazetteer) -> bool:
    """A name that opens an organisation's name: up to ORGANISATION_WORDS capitalised
    words on its line, then an institution word ("Stockholm Environment Institute",
    "Stockholm Fueling Services AB") or a word of an English name ("Uppsala Health Summit")."""
    k = last
    for _ in range(ORGANISATION_WORDS):
        if not SAME_LINE_SPACE.fullmatch(_gap(text, tokens, k)):
            return False
        k += 1
        word = _token_text(text, tokens, k)
        if not word[:1].isupper() or gaz.canonical(word) is not None:
            return False  # the name's sentence goes on, or another place follows
        low = word.lower()
        if low in gaz.context["name_part"] or (k > last + 1 and (word == "AB" or (low in gaz.context["institution"] and low != "ab"))):
            return True
    return False


def _institution_after_words(text, tokens, last, gaz: Gazetteer) -> bool:
    """A genitive name, one or two adjectives (lower case, definite: "-a") and an institution
    word, on one line: "Stockholms konstnärliga högskola" (one right after is tested apart)."""
    k = last
    for _ in range(3):
        if not SAME_LINE_SPACE.fullmatch(_gap(text, tokens, k)):
            return False
        k += 1
        word = _token_text(text, tokens, k)
        if word.lower() in gaz.context["institution"] and word.lower() != "ab":
            return k > last + 1
        if not (word.islower() and word.endswith("a")):
            return False  # "Jönköpings kommun och Kammarrätten": the name's own sentence goes on
    return False


def _publisher(text, tokens, i, last, gaz: Gazetteer) -> bool:
    """The publisher of an entry of a list of references: between the place's
    colon and the year ("Stockholm: Länsstyrelsen i Stockholms län; 2013")."""
    start, end = _whole_name(text, tokens, i, last, gaz)
    return _char_before(text, start) == ":" and bool(REFERENCE_YEAR_AFTER.match(text, end))


def _reference_author(text, tokens, i, last, gaz: Gazetteer) -> bool:
    """The author of an entry of a numbered list of references: after its number, before its
    title and its place, publisher and year ("23. Region Skåne. Handlingsplan för äldre.
    Malmö: Region Skåne; 2014")."""
    start, end = _whole_name(text, tokens, i, last, gaz)
    return bool(ENTRY_NUMBER_BEFORE.search(text, max(0, start - 12), start)) and bool(REFERENCE_ENTRY_AFTER.match(text, end))


def _whole_name(text, tokens, i, last, gaz: Gazetteer) -> tuple[int, int]:
    """The span of a name with its prefix and body before it and its suffixes after it
    ("Länsstyrelsen i Stockholms län", "Region Jönköpings län")."""
    first = _prefixed(text, tokens, i, gaz)
    first = i if first is None else first
    if _token_text(text, tokens, first - 1).lower() in gaz.context["body_prefix"]:
        first -= 1
    while _token_text(text, tokens, last + 1).lower() in gaz.context["suffix"] and \
            PHRASE_GAP.fullmatch(_gap(text, tokens, last)):
        last += 1
    return tokens[first][0], tokens[last][1]


def _in_longer_name(text, tokens, i, last, gaz: Gazetteer, before: bool = True) -> bool:
    """A locality next to a capitalised word on its line that is no name, place word or
    prefix of the gazetteer: part of another proper name ("Los Angeles", "Erna Solberg").
    An ambiguous municipality name looks only after it ("Lund Poulsen"): a word before
    it is as often the place's own ("Campus Varberg", "Godsstråket Hallsberg–Åsbro")."""
    neighbours = ((last + 1, _gap(text, tokens, last)), (i - 1, _gap(text, tokens, i - 1)))
    for k, gap in neighbours if before else neighbours[:1]:
        word = _token_text(text, tokens, k)
        if not word or not word[0].isupper() or word.isupper() or not SAME_LINE_SPACE.fullmatch(gap):
            continue
        a = tokens[k][0]
        if k < i and _sentence_initial(text, a) and not (text[a - 1:a] == "-" and text[a - 2:a - 1].isalpha()):
            continue  # "Även Kinna har …": capitalised for its place in the sentence ("Jon-Ivar Nygård" is not)
        low = word.lower()
        if low in gaz.context["place_word"] or low in gaz.context["prefix"] or low in gaz.context["suffix"] \
                or low in gaz.context["municipal_suffix"] or low in gaz.context["body_prefix"] \
                or (gaz.canonical(word),) in gaz.phrases:
            continue  # "Vårdcentralen Kinna", "Hemavan Tärnaby": a place word or a name of its own
        return True
    return False


def _document_row(text, tokens, first: _Candidate, gaz: Gazetteer) -> bool:
    """A row of a list of publications: "Region Jönköpings län 2022 Granskning av …".

    The passage opens with the region, then its document: a title with a document
    word ("budget", "granskning") and a year. A reference gives no region.
    """
    opening = _prefixed(text, tokens, first.first, gaz)
    if text[:tokens[first.first if opening is None else opening][0]].strip():
        return False
    words = {_token_text(text, tokens, k).lower() for k in range(first.last + 1, len(tokens))}
    return bool(words & gaz.context["document"]) and bool(YEAR.search(text, tokens[first.last][1]))


def _char_before(text: str, start: int) -> str:
    """The last character before `start` that is not white space ("" at the start)."""
    k = start - 1
    while k >= 0 and text[k].isspace():
        k -= 1
    return text[k] if k >= 0 else ""


def _prefixed(text, tokens, i, gaz: Gazetteer) -> int | None:
    """Index of a region prefix word ("Region", "Landstinget i") before token i, if any."""
    k = i - 1
    if _token_text(text, tokens, k).lower() == "i" and _token_text(text, tokens, k - 1).lower() in gaz.context["prefix"]:
        k -= 1
    if k >= 0 and _token_text(text, tokens, k).lower() in gaz.context["prefix"] and \
            PHRASE_GAP.fullmatch(text[tokens[k][1]:tokens[k + 1][0]]):
        return k
    return None


def _sentence_initial(text: str, start: int) -> bool:
    k = start - 1
    while k >= 0 and text[k] in WEAK_BEFORE:
        k -= 1
    if k < 0 or text[k] in ".!?:;•–-":
        return True
    if text[k] == "\n":
        k -= 1
        while k >= 0 and text[k] in " \t\r":
            k -= 1
        return k < 0 or text[k] == "\n"
    return False


def _in_context(text, tokens, i, last, place: Place, gaz: Gazetteer) -> bool:
    """Whether an ambiguous name ("Vara", "Lund") is a place here, by its neighbours."""
    if not place.rule or place.rule == SEVERAL:
        return True  # a locality in several counties is settled by the passage's other mentions
    after = _token_text(text, tokens, last + 1).lower()
    before = _token_text(text, tokens, i - 1).lower()
    if after in gaz.context["municipal_suffix"] or (
        before in gaz.context["place_preposition"] and PHRASE_GAP.fullmatch(_gap(text, tokens, i - 1))
    ):
        return True
    if (after in gaz.context["place_word"] and PHRASE_GAP.fullmatch(_gap(text, tokens, last))) or (
        before in gaz.context["place_word"] and PHRASE_GAP.fullmatch(_gap(text, tokens, i - 1))
    ):
        return True  # "Kinna vårdcentral", "Vårdcentralen Kinna"
    return place.rule == "not_initial" and not _sentence_initial(text, tokens[i][0])


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
    prefix = _prefixed(text, tokens, first, gaz)
    if prefix is not None:
        first = prefix
    municipal = False
    for _ in range(2):
        word = _token_text(text, tokens, last + 1).lower()
        if not PHRASE_GAP.fullmatch(_gap(text, tokens, last)) or not (
            word in gaz.context["suffix"] or word in gaz.context["municipal_suffix"]
        ):
            break
        municipal = municipal or word in gaz.context["municipal_suffix"]
        last += 1
    place = cand.place
    via = place.municipality if place.municipality and (municipal or not place.regional) else None
    kind, entity = _kind(place, via, gaz)
    if kind in ("county", "area") and _token_text(text, tokens, first - 1).lower() in gaz.context["body_prefix"] \
            and SAME_LINE_SPACE.fullmatch(_gap(text, tokens, first - 1)):
        first -= 1  # "Hälsoval Västerbotten": the region's own body
    if kind in ("county", "area", "municipality") and _token_text(text, tokens, first).lower() in gaz.context["body_prefix"]:
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
