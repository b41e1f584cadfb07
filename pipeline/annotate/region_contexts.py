"""When a name the gazetteer knows is not a place the text is about: a person ("Maria
Landgren som idag är läkemedelschef i Region Skåne"), an institution ("Högskolan i
Jönköping"), a publisher, a reference's author or place of publication, a dateline, an
organisation's English name ("Stockholm Resilience Centre"), a name cut short ("Mark- och
miljödomstolen"), a row of a list of documents. regions.py asks it of each name it finds.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import regex

from reformtrace.annotate.gazetteer import NAMED_KINDS, SEVERAL, Gazetteer, Place

if TYPE_CHECKING:
    from reformtrace.annotate.regions import _Candidate

PHRASE_GAP = regex.compile(r"\s*(?:[-–]\s*)?")  # between the words of one name: "Uppsala–Örebro sjukvårdsregion"
SAME_LINE_SPACE = regex.compile(r"[ \t]{1,3}")
NAME_PART_GAP = regex.compile(r"[ \t]{1,3}|[ \t]?-[ \t]?")
POSTCODE_BEFORE = regex.compile(r"\b\d{3} ?\d{2}[ \t]+$")
INSTITUTION_PREPOSITIONS = ("i", "of", "vid", "för", "över", "av")  # "Högskolan i Jönköping", "hertiginna av Värmland"
INSTITUTION_GAP = regex.compile(rf"[ \t]*,?\s*(?:(?:{'|'.join(INSTITUTION_PREPOSITIONS)})\s+)?", regex.IGNORECASE)
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


def token_text(text, tokens, k) -> str:
    return text[tokens[k][0]:tokens[k][1]] if 0 <= k < len(tokens) else ""


def gap_after(text, tokens, k) -> str:
    """The text between token k and token k + 1."""
    return text[tokens[k][1]:tokens[k + 1][0]] if 0 <= k and k + 1 < len(tokens) else ""


def excluded(text, tokens, i, last, place: Place, gaz: Gazetteer) -> bool:
    """A person, an institution or a bibliographic place named after the place."""
    before, after = token_text(text, tokens, i - 1), token_text(text, tokens, last + 1)
    start, end = tokens[i][0], tokens[last][1]
    same_line_before = bool(SAME_LINE_SPACE.fullmatch(gap_after(text, tokens, i - 1)))
    if same_line_before and before in gaz.first_names:
        return True  # "Anna Halland"
    if len(before) == 1 and before.isupper() and text[tokens[i - 1][1]] == ".":
        return True  # "A. Halland"
    if (place.name in gaz.first_names and SAME_LINE_SPACE.fullmatch(gap_after(text, tokens, last))
            and after[:1].isupper() and gaz.canonical(after) is None):
        return True  # "Nora Persson"
    if INITIALS_AFTER.match(text, end):
        return True  # "Halland A, Berg B."
    if after.lower() in gaz.context["institution"] and NAME_PART_GAP.fullmatch(gap_after(text, tokens, last)):
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
    if token_text(text, tokens, k).lower() in INSTITUTION_PREPOSITIONS and INSTITUTION_GAP.fullmatch(gap_after(text, tokens, k)):
        k -= 1
    if k >= 0 and INSTITUTION_GAP.fullmatch(text[tokens[k][1]:start]) and \
            token_text(text, tokens, k).lower() in gaz.context["institution"] and \
            (k < i - 1 or "\n" not in text[tokens[k][1]:start]):
        return True  # "Högskolan i Jönköping", "Karolinska Institutet, Stockholm"; not the next line of a list
    if _post(text, tokens, i, last, place, gaz):
        return True  # "Maria Landgren som idag är läkemedelschef i Region Skåne"
    if _publisher(text, tokens, i, last, gaz):
        return True  # "Stockholm: Länsstyrelsen i Stockholms län; 2013": a reference's publisher
    if _reference_author(text, tokens, i, last, gaz):
        return True  # "23. Region Skåne. Handlingsplan för äldre. Malmö: Region Skåne; 2014": its author
    if prefixed(text, tokens, i, gaz) is not None or after.lower() in gaz.context["suffix"] \
            or after.lower() in gaz.context["municipal_suffix"]:
        return False  # "Region Skåne (2021)" is the region as author
    if _organisation_after(text, tokens, last, gaz):
        return True  # "Stockholm Fueling Services AB", "Stockholm Environment Institute"
    if PUBLICATION_AFTER.match(text, end) or (
        PUBLISHER_YEAR_AFTER.match(text, end) and _char_before(text, start) == ","
    ):
        return True  # "Stockholm: Socialstyrelsen; 2019", "SKR, Stockholm 2021"
    if DATELINE_AFTER.match(text, end) and not (
        before.lower() in gaz.context["place_preposition"] and SAME_LINE_SPACE.fullmatch(gap_after(text, tokens, i - 1))
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
    first = prefixed(text, tokens, i, gaz)
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
        if not SAME_LINE_SPACE.fullmatch(gap_after(text, tokens, k)):
            return False
        k += 1
        word = token_text(text, tokens, k)
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
        if not SAME_LINE_SPACE.fullmatch(gap_after(text, tokens, k)):
            return False
        k += 1
        word = token_text(text, tokens, k)
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
    first = prefixed(text, tokens, i, gaz)
    first = i if first is None else first
    if token_text(text, tokens, first - 1).lower() in gaz.context["body_prefix"]:
        first -= 1
    while token_text(text, tokens, last + 1).lower() in gaz.context["suffix"] and \
            PHRASE_GAP.fullmatch(gap_after(text, tokens, last)):
        last += 1
    return tokens[first][0], tokens[last][1]


def _in_longer_name(text, tokens, i, last, gaz: Gazetteer, before: bool = True) -> bool:
    """A locality next to a capitalised word on its line that is no name, place word or
    prefix of the gazetteer: part of another proper name ("Los Angeles", "Erna Solberg").
    An ambiguous municipality name looks only after it ("Lund Poulsen"): a word before
    it is as often the place's own ("Campus Varberg", "Godsstråket Hallsberg–Åsbro")."""
    neighbours = ((last + 1, gap_after(text, tokens, last)), (i - 1, gap_after(text, tokens, i - 1)))
    for k, gap in neighbours if before else neighbours[:1]:
        word = token_text(text, tokens, k)
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


def document_row(text, tokens, first: _Candidate, gaz: Gazetteer) -> bool:
    """A row of a list of publications: "Region Jönköpings län 2022 Granskning av …".

    The passage opens with the region, then its document: a title with a document
    word ("budget", "granskning") and a year. A reference gives no region.
    """
    opening = prefixed(text, tokens, first.first, gaz)
    if text[:tokens[first.first if opening is None else opening][0]].strip():
        return False
    words = {token_text(text, tokens, k).lower() for k in range(first.last + 1, len(tokens))}
    return bool(words & gaz.context["document"]) and bool(YEAR.search(text, tokens[first.last][1]))


def _char_before(text: str, start: int) -> str:
    """The last character before `start` that is not white space ("" at the start)."""
    k = start - 1
    while k >= 0 and text[k].isspace():
        k -= 1
    return text[k] if k >= 0 else ""


def prefixed(text, tokens, i, gaz: Gazetteer) -> int | None:
    """Index of a region prefix word ("Region", "Landstinget i") before token i, if any."""
    k = i - 1
    if token_text(text, tokens, k).lower() == "i" and token_text(text, tokens, k - 1).lower() in gaz.context["prefix"]:
        k -= 1
    if k >= 0 and token_text(text, tokens, k).lower() in gaz.context["prefix"] and \
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


def in_context(text, tokens, i, last, place: Place, gaz: Gazetteer) -> bool:
    """Whether an ambiguous name ("Vara", "Lund") is a place here, by its neighbours."""
    if not place.rule or place.rule == SEVERAL:
        return True  # a locality in several counties is settled by the passage's other mentions
    after = token_text(text, tokens, last + 1).lower()
    before = token_text(text, tokens, i - 1).lower()
    if after in gaz.context["municipal_suffix"] or (
        before in gaz.context["place_preposition"] and PHRASE_GAP.fullmatch(gap_after(text, tokens, i - 1))
    ):
        return True
    if (after in gaz.context["place_word"] and PHRASE_GAP.fullmatch(gap_after(text, tokens, last))) or (
        before in gaz.context["place_word"] and PHRASE_GAP.fullmatch(gap_after(text, tokens, i - 1))
    ):
        return True  # "Kinna vårdcentral", "Vårdcentralen Kinna"
    return place.rule == "not_initial" and not _sentence_initial(text, tokens[i][0])
