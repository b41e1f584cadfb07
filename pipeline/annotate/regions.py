"""Regions: which of the 21 regions (and which municipalities) a passage is about.

The knowledge is data (pipeline/data/gazetteer/, see its README): the counties,
the 290 municipalities, the other names reports use, the healthcare regions and
their bodies, regional care bodies, hospitals, sub-regional areas, postal
localities, the names that need context, and the context words. This module
loads and checks it once (gazetteer_files.py reads the files), then matches
names over the tokens of a passage, longest phrase first, through inflection
(genitive, "Xregionen"), line-end hyphenation and OCR damage, and drops the
mentions that are not about a region's work: persons, institutions,
bibliographic places and web addresses. A mention says what it names (county,
municipality, locality, hospital, healthcare region, body, area) and is made
once per county it is credited to.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import regex

from reformtrace.annotate.gazetteer_files import (
    GazetteerError,
    Named,
    read_areas,
    read_bodies,
    read_csv as _read_csv,
    read_healthcare_regions,
    read_hospitals,
    read_locality_rules,
    read_localities,
    read_names,
)
from reformtrace.model import RegionMention

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "gazetteer"

INFLECTED = ("region", "municipality", "place", "town", "area")  # take a genitive and compounds
GENITIVE_ONLY = ("healthcare_region", "body", "hospital", "locality")  # "Xregionen" of these names nothing
KINDS = ("region", "place", "town", "abbreviation", "adjective", "municipality_genitive")
NAMED_KINDS = ("healthcare_region", "body", "hospital", "area", "locality")  # kinds a mention reports as they are
RULES = ("context", "not_initial")
ROLES = (
    "prefix", "suffix", "municipal_suffix", "place_preposition", "joiner",
    "compound_head", "institution", "not_a_name", "document", "place_word", "body_prefix",
)
SEVERAL = "several"  # the rule of a locality in several counties: only where another mention names one of them
LOWER_NAME_STEM = 15  # "sjukvårdsregion": the test before the lower-case names' regex ("sjukv" is in most passages)
FOLDED_LOCALITY = 6  # shortest locality found without its diacritics: "Åby" folds into a word ("aby"), "Hälleforsnäs" does not

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
# "Väs-\nternorrland", "Väster\nnorrland", "Väster norrland": a name broken in two
# (the digits a table glued to its end are no part of it: "Å tvidaberg9 0,58")
BROKEN_WORD = regex.compile(r"(-[ \t]*(?:\r?\n[ \t]*)+|\s+)(\p{Ll}[\p{L}\p{N}&]*?)(?=\p{N}*(?![\p{L}\p{N}&]))")
PHRASE_GAP = regex.compile(r"\s*(?:[-–]\s*)?")  # between the words of one name: "Uppsala–Örebro sjukvårdsregion"
WORD_GAP = regex.compile(r"[\s\-–]+")  # between the words of a name as the data files write it
SAME_LINE_SPACE = regex.compile(r"[ \t]{1,3}")
NAME_PART_GAP = regex.compile(r"[ \t]{1,3}|[ \t]?-[ \t]?")
POSTCODE_BEFORE = regex.compile(r"\b\d{3} ?\d{2}[ \t]+$")
INSTITUTION_GAP = regex.compile(r"[ \t]*,?\s*(?:(?:i|of|vid|för|över)\s+)?", regex.IGNORECASE)
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
DATELINE_AFTER = regex.compile(  # "Stockholm mars 2025", "Stockholm den 13 januari 2025", "Stockholm 2025-01-13"
    r",?\s+(?:i\s+|den\s+\d{1,2}\s+)?(?:januari|februari|mars|april|maj|juni|juli"
    r"|augusti|september|oktober|november|december)\s+(?:19|20)\d\d|,?\s+(?:19|20)\d\d-\d\d-\d\d"
)
REFERENCE_YEAR_AFTER = regex.compile(r"\s*[;,]\s*(?:19|20)\d\d\b")
YEAR = regex.compile(r"\b(?:19|20)\d\d\b")
PUBLISHER_YEAR_AFTER = regex.compile(r"\s+(?:19|20)\d\d\b")  # "…(SKR), Stockholm 2021."
CITATION_AFTER = regex.compile(r"\s*(?:\(\s*(?:19|20)\d\d|et\.?\s+al\b|m\.\s?fl\.)")  # a surname: "Lund (2019)"
BRACKETED_YEAR_AFTER = regex.compile(r",?\s*(?:19|20)\d\d[a-z]?\s*[);]")

DIACRITICS = "åäö"
DAMAGE = frozenset("åäöaoeiéèêdb&604")  # what OCR made of å, ä and ö in the sample reports
OCR_MARKS = set("&éèê0123456789")  # characters no Swedish place name has
WEAK_BEFORE = " \t\"'”»([*_#"


@dataclass(frozen=True)
class Place:
    """What a name refers to; several keys (forms, genitives, compounds) share one Place."""

    code: str
    name: str  # the entity a mention of it reports: the form, or the body, hospital, area it names
    kind: str  # "region", "municipality", a KINDS value or a NAMED_KINDS value
    municipality: str | None = None  # the municipality it is (or lies in)
    regional: bool = False  # also names the region or county itself (or one of its bodies)
    rule: str = ""  # "", a RULES value from ambiguous.csv or locality_rules.csv, or SEVERAL
    codes: tuple[str, ...] = ()  # every county credited, when more than one ("Norra sjukvårdsregionen")
    case: str = ""  # "", or how it must be written (gazetteer_files.CASES); "" follows the kind
    written: str = ""  # its first word as written, for case "exact" ("NRF")

    @property
    def counties(self) -> tuple[str, ...]:
        return self.codes or (self.code,)


@dataclass(frozen=True, order=True)
class _Target:
    """A name the fuzzy fallback may find, with what makes its distance cheap to bound."""

    word: str
    budget: int
    code: str
    length: int
    slack: int  # extra length a damaged token may have: budget + one per å/ä/ö
    allowed: frozenset[str]  # letters a damaged token may show
    required: frozenset[str]  # letters it must show (all but å/ä/ö)

    @classmethod
    def of(cls, word: str, budget: int, code: str) -> "_Target":
        marks = sum(ch in DIACRITICS for ch in word)
        allowed = frozenset(word) | (DAMAGE if marks else frozenset())
        return cls(word, budget, code, len(word), budget + marks, allowed, frozenset(word) - set(DIACRITICS))


@dataclass
class Gazetteer:
    region_names: dict[str, str]  # code -> canonical region name
    municipalities: dict[str, str]  # municipality name -> code
    phrases: dict[tuple[str, ...], Place]
    context: dict[str, frozenset[str]]
    first_names: frozenset[str]
    first_words: frozenset[str] = frozenset()
    several_words: frozenset[str] = frozenset()  # first words of the localities of several counties
    vocabulary: frozenset[str] = frozenset()
    folded: dict[str, str] = field(default_factory=dict)  # fold(word) -> word, proper names only
    fuzzy_targets: dict[str, list[_Target]] = field(default_factory=dict)  # by folded first letter
    max_words: int = 1
    adjectives: regex.Pattern | None = None  # "skånska", "norra sjukvårdsregionen": the names written in lower case
    adjective_stems: tuple[str, ...] = ()  # cheap test before that regex
    joint: regex.Pattern | None = None  # what may stand between two places of a list
    compounds: frozenset[str] = frozenset()  # "umeåregionen": words made with a compound head
    locality_words: frozenset[str] = frozenset()  # words only localities' names have ("svartå", "påläng")
    memo: dict[str, str | None] = field(default_factory=dict, repr=False, compare=False)  # canonical(), per lower-case token

    def __post_init__(self) -> None:
        self.first_words = frozenset(key[0] for key in self.phrases)
        self.several_words = frozenset(key[0] for key, place in self.phrases.items() if place.rule == SEVERAL)
        self.vocabulary = frozenset(w for key in self.phrases for w in key)
        self.max_words = max(len(key) for key in self.phrases)
        other = {w for key, place in self.phrases.items() if place.kind != "locality" for w in key}
        self.locality_words = frozenset(
            w for key, place in self.phrases.items() if place.kind == "locality" for w in key if w not in other)
        heads = tuple(sorted(self.context["compound_head"]))
        self.compounds = frozenset(
            w for w in self.vocabulary
            if w.endswith(heads) and any(w.endswith(head) and len(w) > len(head) + 2 for head in heads)
        )
        lower = sorted((k for k, p in self.phrases.items() if p.kind == "adjective" or p.case == "any"),
                       key=lambda k: (-len(" ".join(k)), k))  # longest first: the regex takes the first that fits
        self.adjectives = regex.compile(r"(?i)(?<![\p{L}\p{N}&])(?:%s)(?![\p{L}\p{N}&])" % "|".join(
            r"[\s\-–]+".join(map(regex.escape, k)) for k in lower))
        self.adjective_stems = tuple(sorted({  # an adjective's stem; the distinctive word of a longer name
            k[0][:5] if len(k) == 1 else max(k, key=len)[:LOWER_NAME_STEM] for k in lower}))
        joiners = "|".join(sorted(self.context["joiner"]))
        self.joint = regex.compile(rf"\s*(?:[,/&–-]\s*(?:(?:{joiners})\s+)?|(?:{joiners})\s+)", regex.IGNORECASE)
        folds: dict[str, set[str]] = {}
        for key, place in self.phrases.items():
            if place.kind in ("abbreviation", "adjective", "locality") or place.case == "exact":
                continue
            for word in key:
                folds.setdefault(fold(word), set()).add(word)
        for key, place in self.phrases.items():  # localities never take a fold from another name
            if place.kind == "locality":
                for word in key:
                    if len(word) >= FOLDED_LOCALITY and fold(word) not in folds:
                        folds[fold(word)] = {word}
        self.folded = {f: next(iter(ws)) for f, ws in folds.items() if len(ws) == 1}
        targets: dict[str, set[_Target]] = {}
        for key, place in self.phrases.items():
            if place.rule or place.kind in ("abbreviation", "adjective") or place.kind in NAMED_KINDS:
                continue  # the OCR fallback is for the county and municipality names it was tuned on
            for word in key:
                if word in self.context["suffix"] or (word in self.compounds and not place.regional):
                    continue  # "län" is no name; municipal compounds are found through folding only
                budget = _budget(word) if place.kind != "municipality" else 0
                if len(word) >= 5:
                    targets.setdefault(fold(word[0]), set()).add(_Target.of(word, budget, place.code))
        self.fuzzy_targets = {k: sorted(v) for k, v in targets.items()}

    def may_start(self, text: str, start: int, end: int) -> bool:
        """Cheap test before the full match: a known first word, alone or broken in two."""
        return (self.canonical(text[start:end]) in self.first_words
                or self.joined(text, start, end) in self.first_words)

    def joined(self, text: str, start: int, end: int) -> str | None:
        """The gazetteer word the token at start:end makes with the next one ("Väs-\nternorrland").

        Across a line-end hyphen the joined word may be damaged; across a plain space
        or line break it must be a name as it stands (up to diacritics), not a
        compound ("Ange regionens process" is no "Ångeregionens") and no locality
        ("På lång sikt" is no "Påläng", "Som men" no "Sommen").
        """
        m = BROKEN_WORD.match(text, end)
        if m is None:
            return None
        whole = text[start:end] + m.group(2)
        if m.group(1)[0] == "-":
            return self.canonical(whole)
        low = whole.lower()
        word = low if low in self.vocabulary else self.folded.get(fold(low))
        return None if word in self.compounds or word in self.locality_words else word

    def canonical(self, token: str) -> str | None:
        """The gazetteer word a token stands for: exact, without diacritics, or OCR-damaged."""
        low = token.lower()
        if low in self.vocabulary:
            return low
        if low in self.memo:
            return self.memo[low]
        word = None
        if low not in self.context["not_a_name"]:
            word = self.folded.get(fold(low)) or self._fuzzy(low)
            if word and fold(low) != fold(word) and not _looks_damaged(low):
                word = None  # a real word near a name ("Dagarnas", "Boris"), not OCR damage
            elif word in self.locality_words and not _looks_damaged(low):
                word = None  # a word that is a locality's name without its marks ("Svarta havet", not Svartå)
        self.memo[low] = word
        return word

    def _fuzzy(self, low: str) -> str | None:
        """Nearest name within its damage budget, if one code wins: a fallback after repair."""
        if len(low) < 5:
            return None
        best: list[tuple[int, str, str]] = []
        letters = set(low)
        for t in self.fuzzy_targets.get(fold(low[0]), ()):
            if not t.length - t.budget <= len(low) <= t.length + t.slack:
                continue
            if len(letters - t.allowed) > t.budget or len(t.required - letters) > t.budget:
                continue  # a lower bound on the edits already exceeds the budget
            cost = damage_distance(low, t.word, t.budget)
            if cost <= t.budget:
                best.append((cost, t.code, t.word))
        if not best:
            return None
        best.sort()
        winners = {code for cost, code, _ in best if cost == best[0][0]}
        return best[0][2] if len(winners) == 1 else None


_FOLD = {
    code: unicodedata.normalize("NFD", chr(code))[0]
    for code in range(0xC0, 0x250)
    if unicodedata.normalize("NFD", chr(code)) != chr(code)
}


def fold(text: str) -> str:
    """Lower case without diacritics: "Jönköping" -> "jonkoping"."""
    return text.lower().translate(_FOLD)


def _budget(word: str) -> int:
    """Edits allowed beyond damaged å/ä/ö: none for short names, more for long ones."""
    return 0 if len(word) < 7 else 1 if len(word) < 14 else 2


def _looks_damaged(word: str) -> bool:
    """OCR marks in it, or no Swedish word at all (not in wordfreq's list, as the
    lexicon keeps it): "J&miland", "Goftland"."""
    if any(ch in OCR_MARKS for ch in word):
        return True
    from reformtrace import lexicon  # loaded only when a fuzzy match needs the check

    entry = lexicon.load().lookup(word)
    return entry is None or entry.zipf < 1.0


def damage_distance(token: str, word: str, budget: int) -> int:
    """Edit distance where å/ä/ö read as one or two OCR damage characters cost nothing.

    The first letter must match up to diacritics ("Orebro", not "Bland" for "Öland").
    Returns budget + 1 as soon as the distance must exceed the budget.
    """
    n, m = len(token), len(word)
    over = budget + 1
    before_prev: list[int] | None = None
    prev = list(range(m + 1))
    for i in range(1, n + 1):
        t = token[i - 1]
        row = [i] + [0] * m
        for j in range(1, m + 1):
            w = word[j - 1]
            free = t == w or (w in DIACRITICS and (fold(t) == fold(w) if j == 1 else t in DAMAGE))
            cost = min(prev[j - 1] + (0 if free else 1), prev[j] + 1, row[j - 1] + 1)
            if (before_prev is not None and j > 1 and w in DIACRITICS and t in DAMAGE
                    and token[i - 2] in DAMAGE and {t, token[i - 2]} & {fold(w), "&", "é"}):
                cost = min(cost, before_prev[j - 1])
            row[j] = cost
        if min(row) > budget:
            return over
        before_prev, prev = prev, row
    return min(prev[m], over)


# ---------------------------------------------------------------- loading


def _words(form: str) -> tuple[str, ...]:
    return tuple(w for w in WORD_GAP.split(form.lower()) if w)


def _genitive(word: str) -> str:
    return word if word[-1] in "sxz" else word + "s"


def _keys(form: str, kind: str, heads: frozenset[str]) -> list[tuple[str, ...]]:
    """Every key a form is found by: itself, its genitive and its compounds ("Xregionen")."""
    words = _words(form)
    keys = [words]
    if kind in INFLECTED or kind in GENITIVE_ONLY:
        *rest, last = words
        keys.append((*rest, _genitive(last)))
    if kind in INFLECTED:
        keys += [(*rest, last + link + head) for head in sorted(heads) for link in ("", "s")]
    return keys


def _known_code(counties: dict[str, str], path: Path, line: int, code: str) -> str:
    if code not in counties:
        raise GazetteerError(f"{path}:{line}: unknown county code {code!r}")
    return code


@lru_cache(maxsize=4)
def _regions(directory: str) -> tuple[dict[str, str], dict[str, str]]:
    """The counties (code -> short name) and the names of their regions, checked:
    what the outputs' tables need, without the cost of the whole gazetteer."""
    root = Path(directory)
    counties: dict[str, str] = {}
    for line, row in _read_csv(root / "counties.csv", ("county_code", "county_name", "county_name_short")):
        code = row["county_code"]
        if not regex.fullmatch(r"\d\d", code) or code in counties or not row["county_name_short"]:
            raise GazetteerError(f"{root / 'counties.csv'}:{line}: bad or repeated county code {code!r}")
        counties[code] = row["county_name_short"]
    region_names: dict[str, str] = {}
    path = root / "regions.csv"
    for line, row in _read_csv(path, ("county_code", "region_name")):
        region_names[_known_code(counties, path, line, row["county_code"])] = row["region_name"]
    if set(region_names) != set(counties):
        missing = ", ".join(sorted(set(counties) - set(region_names)))
        raise GazetteerError(f"{path}: no region name for county code(s) {missing}")
    return counties, region_names


@lru_cache(maxsize=4)
def _load(directory: str) -> Gazetteer:
    root = Path(directory)
    counties, region_names = _regions(directory)

    context: dict[str, set[str]] = {role: set() for role in ROLES}
    path = root / "context.csv"
    for line, row in _read_csv(path, ("role", "word")):
        if row["role"] not in ROLES or not row["word"] or row["word"] != row["word"].lower():
            raise GazetteerError(
                f"{path}:{line}: role must be one of {', '.join(ROLES)} and word a lower-case word"
            )
        context[row["role"]].add(row["word"])
    frozen = {role: frozenset(words) for role, words in context.items()}
    heads = frozen["compound_head"]

    phrases: dict[tuple[str, ...], Place] = {}
    origin: dict[tuple[str, ...], str] = {}

    def add(key: tuple[str, ...], place: Place, where: str) -> None:
        old = phrases.get(key)
        if old is not None and old.code != place.code:
            raise GazetteerError(
                f"{where}: {' '.join(key)!r} is county {place.code} here but {old.code} in {origin[key]}"
            )
        if old is not None:  # one name, two roles: "Jönköping" is a region and a municipality
            place = Place(
                old.code, old.name, old.kind if old.regional else place.kind,
                old.municipality or place.municipality, old.regional or place.regional,
            )
        else:
            origin[key] = where
        phrases[key] = place

    for code, name in counties.items():  # "Skåne län", "Region Skåne": suffix and prefix words
        for form in (name, region_names[code]):
            place = Place(code, form, "region", regional=True)
            for key in _keys(form, "region", heads):
                add(key, place, f"{root / 'regions.csv'}")

    municipalities: dict[str, str] = {}
    municipality_codes: dict[str, tuple[str, str]] = {}  # four-digit code -> (name, county code)
    path = root / "municipalities.csv"
    header = ("municipality_code", "municipality_name", "municipality_name_short", "county_code")
    for line, row in _read_csv(path, header):
        code, name = _known_code(counties, path, line, row["county_code"]), row["municipality_name_short"]
        if not regex.fullmatch(r"\d{4}", row["municipality_code"]) or not row["municipality_code"].startswith(code):
            raise GazetteerError(f"{path}:{line}: municipality code must be four digits starting with {code}")
        if not name or name in municipalities:
            raise GazetteerError(f"{path}:{line}: empty or repeated municipality name {name!r}")
        municipalities[name] = code
        municipality_codes[row["municipality_code"]] = (name, code)
        for key in _keys(name, "municipality", heads):
            add(key, Place(code, name, "municipality", municipality=name), f"{path}:{line}")
    if len(municipalities) != 290:
        raise GazetteerError(f"{path}: expected 290 municipalities, found {len(municipalities)}")

    path = root / "name_forms.csv"
    for line, row in _read_csv(path, ("county_code", "form", "kind", "municipality")):
        code, form, kind, muni = _known_code(counties, path, line, row["county_code"]), row["form"], row["kind"], row["municipality"]
        if kind not in KINDS or not _words(form):
            raise GazetteerError(f"{path}:{line}: kind must be one of {', '.join(KINDS)}, form non-empty")
        if muni and municipalities.get(muni) != code:
            raise GazetteerError(f"{path}:{line}: {muni!r} is not a municipality in county {code}")
        if kind == "abbreviation" and form != form.upper():
            raise GazetteerError(f"{path}:{line}: an abbreviation is written in capitals")
        place = Place(code, form, kind, municipality=muni or None, regional=not muni and kind != "adjective")
        for key in _keys(form, kind, heads):
            add(key, place, f"{path}:{line}")

    healthcare = read_healthcare_regions(root, counties)
    named = read_bodies(root, counties, healthcare) + read_hospitals(root, municipalities) + read_areas(root, counties)
    for entry in named:
        for key in _keys(entry.form, entry.kind, heads):
            _add_named(phrases, key, _named_place(entry), entry.where, origin)

    path = root / "ambiguous.csv"
    local: dict[str, list[tuple[str, ...]]] = {}  # name -> keys of its places that are not regions
    for key, place in phrases.items():
        if not place.regional:
            local.setdefault(place.name, []).append(key)
    for line, row in _read_csv(path, ("name", "rule", "reason")):
        if row["rule"] not in RULES:
            raise GazetteerError(f"{path}:{line}: rule must be one of {', '.join(RULES)}")
        matched = local.get(row["name"], [])
        if not matched:
            raise GazetteerError(f"{path}:{line}: {row['name']!r} is not a municipality or town in the gazetteer")
        for key in matched:
            p = phrases[key]
            phrases[key] = Place(p.code, p.name, p.kind, p.municipality, p.regional, row["rule"])

    names = read_names(root / "first_names.txt", "first name")
    localities = read_localities(root, municipality_codes)
    rules = read_locality_rules(root, localities)
    for locality in localities.values():  # after every other name: a locality never displaces one
        rule = rules.get(locality.name, "")
        if rule == "never":
            continue
        place = Place(
            locality.codes[0], locality.name, "locality",
            locality.municipalities[0] if len(locality.municipalities) == 1 else None,
            rule=SEVERAL if len(locality.codes) > 1 else rule,
            codes=locality.codes if len(locality.codes) > 1 else (),
        )
        base, *inflected = _keys(locality.name, "locality", heads)
        phrases.setdefault(base, place)
        if not place.rule:  # "Vegas", "Gustafs", "Kinnarps": a genitive is a name's as often as a place's
            place = Place(place.code, place.name, place.kind, place.municipality, rule="context", codes=place.codes)
        for key in inflected:
            phrases.setdefault(key, place)
    return Gazetteer(region_names, municipalities, phrases, frozen, names)


def _named_place(entry: Named) -> Place:
    """The Place of a healthcare region, body, hospital or area form."""
    written = entry.form.split()[0] if entry.case == "exact" else ""
    return Place(entry.codes[0], entry.name, entry.kind, entry.municipality, True,
                 codes=entry.codes if len(entry.codes) > 1 else (), case=entry.case, written=written)


def _add_named(phrases: dict, key: tuple[str, ...], place: Place, where: str, origin: dict) -> None:
    """Add a curated name; one that another name already holds for other counties is an error."""
    old = phrases.get(key)
    if old is not None and (old.counties != place.counties or old.kind != place.kind):
        raise GazetteerError(
            f"{where}: {' '.join(key)!r} is {place.kind} {'+'.join(place.counties)} here "
            f"but {old.kind} {'+'.join(old.counties)} in {origin.get(key, 'the gazetteer')}"
        )
    if old is None:
        phrases[key] = place
        origin[key] = where


def load_gazetteer(directory: str | Path | None = None) -> Gazetteer:
    """The gazetteer in `directory` (the package's own by default), read and checked once."""
    return _load(str(Path(directory).resolve())) if directory else _load(str(DATA_DIR))


def region_names() -> dict[str, str]:
    """County code -> canonical region name ("04" -> "Sörmland")."""
    return dict(_regions(str(DATA_DIR))[1])


# ---------------------------------------------------------------- matching


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
    if (place.kind == "locality" or place.rule) and _in_longer_name(text, tokens, i, last, gaz, place.kind == "locality"):
        return True  # "Tällberg Foundation", "Los Angeles", "Ersta Sköndal"; "Troels Lund Poulsen"
    if POSTCODE_BEFORE.search(text, max(0, start - 12), start):
        return True  # an address: "Box 2318, 103 17 Stockholm"
    k = i - 1
    if _token_text(text, tokens, k).lower() in ("i", "of", "vid", "för", "över") and INSTITUTION_GAP.fullmatch(_gap(text, tokens, k)):
        k -= 1
    if k >= 0 and INSTITUTION_GAP.fullmatch(text[tokens[k][1]:start]) and \
            _token_text(text, tokens, k).lower() in gaz.context["institution"]:
        return True  # "Högskolan i Jönköping", "Karolinska Institutet, Stockholm"
    if _post(text, tokens, i, last, place, gaz):
        return True  # "Maria Landgren som idag är läkemedelschef i Region Skåne"
    if _publisher(text, tokens, i, last, gaz):
        return True  # "Stockholm: Länsstyrelsen i Stockholms län; 2013": a reference's publisher
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
    "Stockholm Fueling Services AB")."""
    k = last
    for _ in range(ORGANISATION_WORDS):
        if not SAME_LINE_SPACE.fullmatch(_gap(text, tokens, k)):
            return False
        k += 1
        word = _token_text(text, tokens, k)
        if not word[:1].isupper() or gaz.canonical(word) is not None:
            return False  # the name's sentence goes on, or another place follows
        if k > last + 1 and (word == "AB" or (word.lower() in gaz.context["institution"] and word.lower() != "ab")):
            return True
    return False


def _publisher(text, tokens, i, last, gaz: Gazetteer) -> bool:
    """The publisher of an entry of a list of references: between the place's
    colon and the year ("Stockholm: Länsstyrelsen i Stockholms län; 2013")."""
    first = _prefixed(text, tokens, i, gaz)
    first = i if first is None else first
    if _token_text(text, tokens, first - 1).lower() in gaz.context["body_prefix"]:
        first -= 1
    while _token_text(text, tokens, last + 1).lower() in gaz.context["suffix"] and \
            PHRASE_GAP.fullmatch(_gap(text, tokens, last)):
        last += 1
    return _char_before(text, tokens[first][0]) == ":" and bool(REFERENCE_YEAR_AFTER.match(text, tokens[last][1]))


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
