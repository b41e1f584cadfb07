"""Interface text in Swedish and English: the HTML report, the workbook's sheet
names and headers, the charts' titles and the run's printed summary.

The text is data (pipeline/data/report/strings.toml), one table per language
with the same keys; label names come from the taxonomy (`name`, `name_en`).
Machine-readable outputs (CSV and Parquet columns, label ids, region codes)
have one form whatever the language: scripts read them.
"""
from __future__ import annotations

import tomllib
from functools import lru_cache
from importlib import resources

LANGUAGES = ("sv", "en")
DEFAULT_LANGUAGE = "sv"  # the users are Swedish evaluators
SECTIONS = ("columns", "stages")  # sub-tables of a language: the evidence table's column headers, the run's stages


@lru_cache(maxsize=1)
def _tables() -> dict[str, dict]:
    """strings.toml, checked: every language has every key of the first."""
    path = resources.files("reformtrace") / "data" / "report" / "strings.toml"
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    if sorted(data) != sorted(LANGUAGES):
        raise ValueError(f"pipeline/data/report/strings.toml: needs the tables {list(LANGUAGES)}, has {sorted(data)}")
    reference = data[LANGUAGES[0]]
    for lang in LANGUAGES[1:]:
        for section in (None, *SECTIONS):
            want = set(reference if section is None else reference.get(section, {}))
            have = set(data[lang] if section is None else data[lang].get(section, {}))
            if want != have:
                where = f"[{lang}{'.' + section if section else ''}]"
                raise ValueError(f"pipeline/data/report/strings.toml: {where} differs from [{LANGUAGES[0]}] in {sorted(want ^ have)}")
    return data


class Strings:
    """One language's interface text: `t("key", n=3)` formats the entry."""

    def __init__(self, lang: str = DEFAULT_LANGUAGE):
        if lang not in LANGUAGES:
            raise ValueError(f"language must be one of {LANGUAGES}, not {lang!r}")
        self.lang = lang
        self.table = _tables()[lang]

    def __call__(self, key: str, **values) -> str:
        text = self.table[key]
        return text.format(**values) if values else text

    def stage(self, name: str) -> str:
        """A stage's name in the run's summary in this language (its own name where none is given)."""
        return self.table.get("stages", {}).get(name, name)

    def column(self, name: str) -> str:
        """The header of an evidence column in this language (its own name where none is given)."""
        return self.table.get("columns", {}).get(name, name)

    def publisher(self, name: str) -> str:
        """A publisher as shown: one unknown (a file without metadata) named so, never a blank."""
        return name or self("publisher_unknown")

    def plain(self) -> dict[str, str]:
        """Every top-level entry, for the page's script."""
        return {key: value for key, value in self.table.items() if isinstance(value, str)}


def column_names() -> dict[str, str]:
    """Every language's header of an evidence column, case-folded -> the column's name:
    a workbook sheet saved as CSV in any language reads as the table it shows."""
    names = {}
    for lang in LANGUAGES:
        for name, header in _tables()[lang].get("columns", {}).items():
            names[header.casefold()] = name
    return names


def verdict_words() -> dict[str, str]:
    """Every language's word for a verdict, case-folded -> `correct` or `wrong`."""
    words = {"correct": "correct", "wrong": "wrong"}
    for lang in LANGUAGES:
        for verdict in ("correct", "wrong"):
            for word in _tables()[lang][f"verdict_{verdict}_words"].split("|"):
                words[word.strip().casefold()] = verdict
    return words
