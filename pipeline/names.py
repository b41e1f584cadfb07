"""What people type for a region or a label, resolved to the codes and ids the data uses.

A region is its two-digit county code (12, "12", "06"), its region's name ("Skåne",
"Region Skåne", "Jönköping"), its county's ("Södermanland", "Skåne län",
"Jönköpings län") or a labelling tool's label ("06 Jönköping"); a label is its
taxonomy id ("mobila_team") or its Swedish name ("Mobila team"). Anything else is
refused with the list of valid ones, never matched to nothing in silence.
"""
from __future__ import annotations

from functools import lru_cache

import regex

TOOL_LABEL = regex.compile(r"^(\d\d)\s")  # "06 Jönköping": a labelling tool's region label


@lru_cache(maxsize=1)
def region_names() -> dict[str, str]:
    """County code -> region name, in code order ("04" -> "Sörmland")."""
    from reformtrace.annotate.gazetteer import region_names as names

    return dict(sorted(names().items()))


@lru_cache(maxsize=1)
def _region_aliases() -> dict[str, str]:
    from reformtrace.annotate.gazetteer import DATA_DIR, _regions

    counties, regions = _regions(str(DATA_DIR))
    aliases: dict[str, str] = {}
    for code in sorted(regions):
        aliases[code] = code
        for name in {regions[code], counties[code]}:
            for form in (name, f"region {name}", f"{name} län", f"{name}s län", tool_label(code)):
                aliases[form.casefold()] = code
    aliases[""] = ""  # no region in particular: the evidence rows of passages that name none
    return aliases


def tool_label(code: str) -> str:
    """The label a labelling tool shows for a region: code and name ("06 Jönköping")."""
    return f"{code} {region_names()[code]}"


def region_code(value: str | int) -> str:
    """The county code of a region given by code or name; "" for none in particular."""
    key = f"{value:02d}" if isinstance(value, int) and not isinstance(value, bool) else str(value).strip()
    code = _region_aliases().get(key.casefold())
    if code is None and (match := TOOL_LABEL.match(key)):
        code = _region_aliases().get(match[1])
    if code is None:
        raise ValueError(f"unknown region {value!r}; regions: {valid_regions()}")
    return code


def valid_regions() -> str:
    """"01 Stockholm, 03 Uppsala, …": for error messages."""
    return ", ".join(tool_label(code) for code in region_names())


@lru_cache(maxsize=1)
def _labels() -> dict[str, tuple[str, str]]:
    """Label id or Swedish name (case folded) -> (dimension: goals | interventions, id)."""
    from reformtrace.annotate.taxonomy import load_taxonomy

    out: dict[str, tuple[str, str]] = {}
    for label in load_taxonomy().labels:
        out[label.id] = out[label.name.casefold()] = (label.dimension, label.id)
    return out


def label_of(value: str) -> tuple[str, str] | None:
    """(dimension, id) of a label given by id or Swedish name; None when the taxonomy has no such label."""
    return _labels().get(value) or _labels().get(str(value).strip().casefold())


def valid_labels(dimension: str | None = None) -> str:
    """The taxonomy's label ids (of one dimension), for error messages."""
    from reformtrace.annotate.taxonomy import load_taxonomy

    taxonomy = load_taxonomy()
    ids = taxonomy.ids(dimension) if dimension else [label.id for label in taxonomy.labels]
    return ", ".join(ids)
