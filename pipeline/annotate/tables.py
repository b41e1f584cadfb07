"""Rows of a table or list of regions take the labels of the text that leads them.

Government texts give a measure's figures region by region under a lead ("I
tabellen nedan visas hur stor andel ... respektive region lyckats uppnå",
"utbetalning till regionerna kommer att göras enligt följande:"): a row names
its region and a figure, never the measure. A passage of such rows (after the
line that leads them, when the list is joined to it) without a label of its
own takes the labels of its lead: the nearest passage before it in its section
that has labels (header rows and other rows passed over), else its heading's,
else the title's when one title heads the whole text. Each region it names is
credited.
"""
from __future__ import annotations

from textwrap import shorten

import regex

from reformtrace.annotate.subjects import sentences
from reformtrace.annotate.kinds import credit_kind
from reformtrace.model import Credit, Label, LabelledPassage

WORD = regex.compile(r"\p{L}[\p{L}-]*")
# Words a row of figures may hold beside its region: units and amounts.
UNITS = regex.compile(r"(?:kr|kronor|tkr|mkr|mnkr|sek|procent|miljon(?:er)?|miljard(?:er)?|st|andel|antal)", regex.I)
LEAD_REACH = 3  # passages before the rows (other rows not counted) where a lead is looked for
HOW = "the lead of the table or list"
LEAD_SHOWN = 200  # characters of a lead passage quoted in its rows' evidence, so that a bare row can be checked


def is_region_rows(lp: LabelledPassage) -> bool:
    """Rows of figures by region, perhaps after the line that leads them: each word of a line
    that names a region, outside the region names, is a unit."""
    if not lp.region_mentions:
        return False
    text, offset, rows, other = lp.passage.text, 0, 0, 0
    for line in text.split("\n"):
        end = offset + len(line)
        named = [(m.start, m.end) for m in lp.region_mentions if offset <= m.start < end]
        words = [w for w in WORD.finditer(text, offset, end) if not any(a <= w.start() < b for a, b in named)]
        if not named:
            other += bool(words)
        elif all(UNITS.fullmatch(w.group()) for w in words):
            rows += 1
        else:
            return False
        offset = end + 1
    return rows > 0 and other <= 1


def _pairs(goals: list[Label], interventions: list[Label]) -> list[tuple[str, Label]]:
    return [("goal", l) for l in goals] + [("intervention", l) for l in interventions]


def lead_labels(labelled: list[LabelledPassage], i: int, headings: dict, tops: dict) -> tuple[list[tuple[str, Label]], str]:
    """The (dimension, label) pairs the rows at `i` take from their lead, and where they come from."""
    section, report = labelled[i].passage.section, labelled[i].passage.report_id
    reach = 0
    for j in range(i - 1, -1, -1):
        lp = labelled[j]
        if lp.passage.section != section or lp.passage.report_id != report or reach == LEAD_REACH:
            break
        if is_region_rows(lp):
            continue
        reach += 1
        if lp.goals or lp.interventions:
            return _pairs(lp.goals, lp.interventions), f"passage {lp.passage.id}: {shorten(lp.passage.text, LEAD_SHOWN, placeholder=' …')!r}"
    for title in headings_over(labelled[i], tops):
        if headings.get(title):
            return headings[title], f"heading {title!r}"
    return [], ""


def headings_over(rows: LabelledPassage, tops: dict[str, set]) -> list[str]:
    """The headings whose topic the rows share: their own, and the title when it heads the
    whole text (a press release, an article; not a report's chapter). `tops`: each report's
    first headings, as `top_headings` gives them."""
    section = rows.passage.section
    titled = len(section) > 1 and tops[rows.passage.report_id] == {tuple(section[:1])}
    return section[-1:] + (section[:1] if titled else [])


def top_headings(labelled: list[LabelledPassage]) -> dict[str, set]:
    tops: dict[str, set] = {}
    for lp in labelled:
        tops.setdefault(lp.passage.report_id, set()).add(tuple(lp.passage.section[:1]))
    return tops


def credit_rows(labelled: list[LabelledPassage], decide) -> None:
    """Give each passage of region rows without labels its lead's labels, credited to every
    region it names. `decide(texts)` labels the section headings (Annotator.decide)."""
    rows = [i for i, lp in enumerate(labelled) if not (lp.goals or lp.interventions) and is_region_rows(lp)]
    if not rows:
        return
    tops = top_headings(labelled)
    titles = sorted({t for i in rows for t in headings_over(labelled[i], tops)})
    headings = {t: _pairs(d.goals, d.interventions) for t, d in zip(titles, decide(titles))}
    for i in rows:
        lp = labelled[i]
        pairs, source = lead_labels(labelled, i, headings, tops)
        sents = sentences(lp)
        for dimension, label in pairs:
            given = Label(label.id, label.score, [f"from the lead of the rows ({source})"] + label.evidence, [])
            (lp.goals if dimension == "goal" else lp.interventions).append(given)
            for code in lp.regions:
                tying = [s for s in sents if code in s.regions][:1]
                lp.credits.append(Credit(code, dimension, label.id, credit_kind(lp.passage.text, tying, []),
                                         [[s.start, s.end] for s in tying], HOW))
