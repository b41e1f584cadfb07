"""Reading and checking the gazetteer's files (pipeline/data/gazetteer/, see its README).

Each reader returns plain rows that are already checked against the counties
and municipalities; `gazetteer._load` turns them into the names it matches. A
broken file raises GazetteerError naming the file and the line. Files may open
with `#` comment lines that document their own columns (as taxonomy.toml does).
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import regex

CASES = ("any", "capital", "exact")  # how a name must be written: see bodies.csv
BODY_KINDS = ("healthcare_region", "body")
LOCALITY_RULES = ("context", "not_initial", "never")


class GazetteerError(ValueError):
    """A broken gazetteer file: the message names the file, the line and what is wrong."""


@dataclass(frozen=True)
class Named:
    """One form of a name beyond the counties and municipalities, with what it names."""

    form: str
    name: str  # the entity the form names ("Norra sjukvårdsregionförbundet" for "NRF")
    kind: str  # healthcare_region, body, hospital, area
    codes: tuple[str, ...]  # the counties it is credited to, sorted
    case: str  # a CASES value
    where: str  # file:line, for error messages
    municipality: str | None = None  # a hospital's municipality


@dataclass(frozen=True)
class Locality:
    """A postal locality: the municipalities and counties it lies in."""

    name: str
    municipalities: tuple[str, ...]  # names, sorted
    codes: tuple[str, ...]  # county codes, sorted


def _uncommented(handle):
    """The file's lines with `#` comment lines blanked (line numbers stay right)."""
    for line in handle:
        yield "\n" if line.lstrip().startswith("#") else line


def read_csv(path: Path, header: tuple[str, ...]):
    """Rows of a gazetteer CSV as (line number, dict), after checking the header."""
    try:
        handle = path.open(encoding="utf-8", newline="")
    except FileNotFoundError:
        raise GazetteerError(f"{path}: no such gazetteer file") from None
    with handle:
        reader = csv.reader(_uncommented(handle))
        try:
            first = next((row for row in reader if row and "".join(row).strip()), None)
        except (csv.Error, UnicodeDecodeError) as err:
            raise GazetteerError(f"{path}:{reader.line_num}: unreadable ({err})") from None
        if first is None or tuple(c.strip() for c in first) != header:
            raise GazetteerError(f"{path}:{max(reader.line_num, 1)}: header must be {','.join(header)}")
        try:
            for row in reader:
                if not row or not "".join(row).strip():
                    continue
                if len(row) != len(header):
                    raise GazetteerError(
                        f"{path}:{reader.line_num}: expected {len(header)} fields, got {len(row)}"
                    )
                yield reader.line_num, dict(zip(header, (c.strip() for c in row)))
        except (csv.Error, UnicodeDecodeError) as err:
            raise GazetteerError(f"{path}:{reader.line_num}: unreadable ({err})") from None


def read_names(path: Path, what: str) -> frozenset[str]:
    """A list of one capitalised name a line (`#` lines are comments): first names, surnames."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise GazetteerError(f"{path}: no such gazetteer file") from None
    names = set()
    for number, text in enumerate(lines, 1):
        text = text.strip()
        if text and not text.startswith("#"):
            if not regex.fullmatch(r"\p{Lu}[\p{L}-]+", text):
                raise GazetteerError(f"{path}:{number}: a {what} is one capitalised word, got {text!r}")
            names.add(text)
    return frozenset(names)


def _codes(text: str, counties: dict[str, str], where: str) -> tuple[str, ...]:
    """Space-separated county codes, checked: known, sorted, none repeated."""
    codes = tuple(text.split())
    if not codes or list(codes) != sorted(set(codes)):
        raise GazetteerError(f"{where}: county codes must be space-separated, sorted and distinct, got {text!r}")
    for code in codes:
        if code not in counties:
            raise GazetteerError(f"{where}: unknown county code {code!r}")
    return codes


def _case(value: str, form: str, where: str) -> str:
    if value not in CASES:
        raise GazetteerError(f"{where}: case must be one of {', '.join(CASES)}")
    if value == "exact" and not any(ch.isupper() for ch in form.split()[0][1:]):
        raise GazetteerError(f"{where}: an exact form is an acronym written with capitals, got {form!r}")
    return value


def read_healthcare_regions(root: Path, counties: dict[str, str]) -> dict[str, tuple[str, ...]]:
    """The six healthcare regions: name -> member county codes."""
    path = root / "healthcare_regions.csv"
    regions: dict[str, tuple[str, ...]] = {}
    for line, row in read_csv(path, ("healthcare_region", "county_codes", "source")):
        where = f"{path}:{line}"
        name = row["healthcare_region"]
        if not name or name in regions or not row["source"]:
            raise GazetteerError(f"{where}: empty or repeated healthcare region, or no source")
        regions[name] = _codes(row["county_codes"], counties, where)
    return regions


def read_bodies(root: Path, counties: dict[str, str], healthcare: dict[str, tuple[str, ...]]) -> list[Named]:
    """Names of healthcare regions and bodies, each credited to its region or regions."""
    path = root / "bodies.csv"
    rows = []
    for line, row in read_csv(path, ("form", "name", "kind", "belongs_to", "case", "source")):
        where = f"{path}:{line}"
        if row["kind"] not in BODY_KINDS or not row["form"] or not row["name"] or not row["source"]:
            raise GazetteerError(f"{where}: kind must be one of {', '.join(BODY_KINDS)}; form, name and source non-empty")
        owner = row["belongs_to"]
        if owner in healthcare:
            codes = healthcare[owner]
        elif owner in counties:
            codes = (owner,)
        else:
            raise GazetteerError(f"{where}: belongs_to {owner!r} is neither a healthcare region nor a county code")
        if row["kind"] == "healthcare_region" and owner not in healthcare:
            raise GazetteerError(f"{where}: a healthcare_region form belongs to a healthcare region")
        rows.append(Named(row["form"], row["name"], row["kind"], codes, _case(row["case"], row["form"], where), where))
    return rows


def read_hospitals(root: Path, municipalities: dict[str, str]) -> list[Named]:
    """Hospitals by name, each credited to the county of its municipality."""
    path = root / "hospitals.csv"
    rows = []
    for line, row in read_csv(path, ("form", "hospital", "municipality", "case", "basis")):
        where = f"{path}:{line}"
        if not row["form"] or not row["hospital"] or not row["basis"]:
            raise GazetteerError(f"{where}: form, hospital and basis must be non-empty")
        code = municipalities.get(row["municipality"])
        if code is None:
            raise GazetteerError(f"{where}: {row['municipality']!r} is not a municipality")
        rows.append(Named(row["form"], row["hospital"], "hospital", (code,),
                          _case(row["case"], row["form"], where), where, row["municipality"]))
    return rows


def read_areas(root: Path, counties: dict[str, str]) -> list[Named]:
    """Sub-regional areas, each credited to the county (or counties) it lies in."""
    path = root / "areas.csv"
    rows = []
    for line, row in read_csv(path, ("form", "area", "county_codes", "basis")):
        where = f"{path}:{line}"
        if not row["form"] or not row["area"] or not row["basis"]:
            raise GazetteerError(f"{where}: form, area and basis must be non-empty")
        case = "exact" if row["form"].isupper() else "capital"  # "GGVV" is an acronym
        rows.append(Named(row["form"], row["area"], "area", _codes(row["county_codes"], counties, where), case, where))
    return rows


def read_localities(root: Path, municipality_codes: dict[str, tuple[str, str]]) -> dict[str, Locality]:
    """Postal localities (localities.csv, CC0) and city districts (districts.csv):
    name -> the municipalities and counties it lies in.

    `municipality_codes` maps a four-digit code to (municipality name, county code).
    """
    path = root / "localities.csv"
    found: dict[str, set[str]] = {}
    for line, row in read_csv(path, ("locality", "municipality_code")):
        if not row["locality"] or row["municipality_code"] not in municipality_codes:
            raise GazetteerError(f"{path}:{line}: empty locality or unknown municipality code {row['municipality_code']!r}")
        found.setdefault(row["locality"], set()).add(row["municipality_code"])
    for name, code in read_districts(root, municipality_codes):
        found.setdefault(name, set()).add(code)
    return {
        name: Locality(
            name,
            tuple(sorted({municipality_codes[c][0] for c in codes})),
            tuple(sorted({municipality_codes[c][1] for c in codes})),
        )
        for name, codes in sorted(found.items())
    }


def read_districts(root: Path, municipality_codes: dict[str, tuple[str, str]]) -> list[tuple[str, str]]:
    """City districts and suburbs that are no postal locality (districts.csv): (name, municipality code)."""
    path = root / "districts.csv"
    by_name = {name: code for code, (name, _) in municipality_codes.items()}
    postal = {row["locality"]: row["municipality_code"]
              for _, row in read_csv(root / "localities.csv", ("locality", "municipality_code"))}
    rows = []
    for line, row in read_csv(path, ("district", "municipality", "basis")):
        where = f"{path}:{line}"
        code = by_name.get(row["municipality"])
        if not row["district"] or not row["basis"] or code is None:
            raise GazetteerError(f"{where}: district and basis must be non-empty and {row['municipality']!r} a municipality")
        if postal.get(row["district"]) == code or (row["district"], code) in rows:
            raise GazetteerError(f"{where}: {row['district']!r} is already a locality of {row['municipality']}")
        rows.append((row["district"], code))
    return rows


def locality_names(root: Path) -> list[str]:
    """The names of localities.csv and districts.csv, sorted: what locality_rules.csv may name."""
    names = {row["locality"] for _, row in read_csv(root / "localities.csv", ("locality", "municipality_code"))}
    names |= {row["district"] for _, row in read_csv(root / "districts.csv", ("district", "municipality", "basis"))}
    return sorted(names)


def read_locality_rules(root: Path, localities: dict[str, Locality]) -> dict[str, str]:
    """Localities that need context (or are never taken): name -> rule, from locality_rules.csv."""
    path = root / "locality_rules.csv"
    rules: dict[str, str] = {}
    for line, row in read_csv(path, ("locality", "rule", "basis")):
        where = f"{path}:{line}"
        if row["rule"] not in LOCALITY_RULES or not row["basis"]:
            raise GazetteerError(f"{where}: rule must be one of {', '.join(LOCALITY_RULES)}, basis non-empty")
        if row["locality"] not in localities or row["locality"] in rules:
            raise GazetteerError(f"{where}: {row['locality']!r} is not a locality of localities.csv or districts.csv, or repeated")
        rules[row["locality"]] = row["rule"]
    return rules
