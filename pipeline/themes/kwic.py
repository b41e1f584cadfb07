"""A concordance (keyword in context): every place a term stands in the corpus,
with report, year, page and section, the words before and after.

The term is found as the annotator finds a taxonomy cue (annotate/rules.py):
each word reduced to the lemmas of its compound parts through the lemma table,
so that "mobila team" finds "mobilt team", "mobila teamen", "mobilteamet" and
"mobila närvårdsteamen". The rules run only on the passages in which every
word of the term has its root (its first letters, a and o also as ä and ö), a
cheap test that leaves a few dozen of the corpus's thousands.
"""
from __future__ import annotations

from dataclasses import astuple, dataclass
from functools import lru_cache

import regex

from reformtrace.themes.passages import ReportPassages

WINDOW = 8  # words shown on each side: a clause, as concordance tools show by default
ROOT_LETTERS = 3  # a root keeps at least this many letters of a word part: "team" -> "tea"
UMLAUT = {"a": "[aä]", "o": "[oö]", "å": "[åä]"}  # vowels a Swedish inflection may change: stad/städer, son/söner
KWIC_COLUMNS = ["report_id", "year", "publisher", "page", "printed_page", "section", "passage_id", "left", "match", "right"]
WORDS = regex.compile(r"\S+")


@dataclass(frozen=True)
class Line:
    """One place the term stands: where, and the words around it ("right" begins with
    the punctuation that follows the match, if any, with no space before it)."""

    report_id: str
    year: int | None
    publisher: str
    page: int
    printed_page: str
    section: str
    passage_id: str
    left: str
    match: str
    right: str

    def row(self) -> tuple:
        return astuple(self)


@lru_cache(maxsize=8)
def _rules(term: str):
    from reformtrace.annotate.rules import Rules
    from reformtrace.annotate.taxonomy import LabelDef, Taxonomy

    return Rules(Taxonomy((LabelDef("term", "interventions", term, "", (term,)),), (), 0, "kwic"))


def term_roots(term: str) -> list[regex.Pattern]:
    """One pattern per word part of the term that a passage must hold for the term to stand in it."""
    rules = _rules(term)
    units = [unit for token in rules.tokenizer(term) for unit in rules.words.units(token.text)]
    roots = []
    for unit in dict.fromkeys(u.casefold() for u in units):
        root = unit[: max(ROOT_LETTERS, len(unit) - 1)]
        roots.append(regex.compile("".join(UMLAUT.get(c, regex.escape(c)) for c in root)))
    return roots


def kwic(term: str, reports: list[ReportPassages], window: int = WINDOW) -> list[Line]:
    """The concordance lines of `term`, by report (as given), then place in the report.
    (pandas is left out here: importing it would double the command's time.)"""
    term = " ".join(term.split())
    if not term:
        raise ValueError("the term is empty")
    rules, roots = _rules(term), term_roots(term)
    lines = []
    for report in reports:
        meta = report.source
        for passage in report.passages:
            text = passage.text
            folded = text.casefold()
            if not all(root.search(folded) for root in roots):
                continue
            for hit in rules.analyse([text])[0].hits:
                before, after = WORDS.findall(text[: hit.start]), WORDS.findall(text[hit.end :])
                right = " ".join(after[:window]) if window else ""
                if text[hit.end : hit.end + 1].isspace() or not right:
                    right = " " + right if right else ""
                lines.append(Line(
                    meta.report_id, meta.year, meta.publisher, passage.page, passage.page_label, " > ".join(passage.section),
                    passage.id, " ".join(before[-window:]) if window else "", " ".join(hit.surface.split()), right,
                ))
    return lines
