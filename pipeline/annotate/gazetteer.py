"""The gazetteer as the region finder matches it: every name form (counties, municipalities,
their other names, healthcare regions and their bodies, hospitals, areas, localities) as
word keys with the Place each stands for, read and checked once from pipeline/data/gazetteer/
(gazetteer_files.py reads the files), and the lookup of a token through diacritics and OCR
damage ("J&miland", "Orebro"). regions.py finds the mentions in a passage.
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

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "gazetteer"

INFLECTED = ("region", "municipality", "place", "town", "area")  # take a genitive and compounds
GENITIVE_ONLY = ("healthcare_region", "body", "hospital", "locality")  # "Xregionen" of these names nothing
KINDS = ("region", "place", "town", "abbreviation", "adjective", "municipality_genitive")
NAMED_KINDS = ("healthcare_region", "body", "hospital", "area", "locality")  # kinds a mention reports as they are
RULES = ("context", "not_initial")
ROLES = (
    "prefix", "suffix", "municipal_suffix", "place_preposition", "joiner",
    "compound_head", "institution", "not_a_name", "document", "place_word", "body_prefix", "name_part",
)
SEVERAL = "several"  # the rule of a locality in several counties: only where another mention names one of them
LOWER_NAME_STEM = 15  # "sjukvårdsregion": the test before the lower-case names' regex ("sjukv" is in most passages)
FOLDED_LOCALITY = 6  # shortest locality found without its diacritics: "Åby" folds into a word ("aby"), "Hälleforsnäs" does not

# "Väs-\nternorrland", "Väster\nnorrland", "Väster norrland": a name broken in two
# (the digits a table glued to its end are no part of it: "Å tvidaberg9 0,58")
BROKEN_WORD = regex.compile(r"(-[ \t]*(?:\r?\n[ \t]*)+|\s+)(\p{Ll}[\p{L}\p{N}&]*?)(?=\p{N}*(?![\p{L}\p{N}&]))")
WORD_GAP = regex.compile(r"[\s\-–]+")  # between the words of a name as the data files write it

DIACRITICS = "åäö"
DAMAGE = frozenset("åäöaoeiéèêdb&604")  # what OCR made of å, ä and ö in the sample reports
OCR_MARKS = set("&éèê0123456789")  # characters no Swedish place name has


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

    return lexicon.load().zipf(word) < 1.0


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
