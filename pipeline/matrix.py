"""Labelled passages -> the tables users read, as pandas DataFrames.

The evidence table (one row per passage × region × label) is the ground truth:
every matrix cell and every theme-spread share is a count over its rows, so a
number can always be traced back to its quotes. Pure functions; writing files
is pipeline/outputs.py's job.
"""
from __future__ import annotations

from dataclasses import dataclass, fields
from functools import cached_property, lru_cache
from operator import attrgetter
from typing import TYPE_CHECKING, Callable, Iterable, Mapping, Sequence

import pandas as pd

from reformtrace.model import LabelledPassage, Repair, ReportResult

if TYPE_CHECKING:
    from pathlib import Path

    from reformtrace.changes import Changes
    from reformtrace.verdicts import Matching

DIMENSIONS = ("goal", "intervention")
COUNTS = {"passages": "passage_id", "reports": "report_id"}
EVIDENCE_COLUMNS = [
    "report_id", "source", "publisher", "title", "year", "page", "printed_page", "pages", "section", "passage_id",
    "region_code", "region", "region_surface", "dimension", "label", "label_name", "kind", "verdict", "verdict_note",
    "score", "evidence", "attribution", "sentence", "sentence_spans", "quote",
]
KINDS = ("done", "planned", "measured", "mentioned")
VERDICTS = ("correct", "wrong")  # an evaluator's word on a row (pipeline/verdicts.py); a wrong row counts nowhere
REPORT_COLUMNS = [
    "report_id", "source", "publisher", "title", "year", "covers", "pages", "passages",
    "labelled_passages", "passages_with_region", "repairs", "warnings",
]
SECTION_SEPARATOR = " > "


@dataclass(frozen=True)
class Vocabulary:
    """What users read instead of ids: label names per dimension in taxonomy
    order, region names in county-code order (the matrices' rows and columns)."""

    labels: dict[str, dict[str, str]]  # dimension -> {label id: Swedish name}
    regions: dict[str, str]  # two-digit county code -> region name
    english: dict[str, dict[str, str]] | None = None  # dimension -> {label id: English name}, for the interface in English

    def label_name(self, dimension: str, label: str, lang: str = "sv") -> str:
        names = self.english if lang == "en" and self.english else self.labels
        return names[dimension].get(label) or self.labels[dimension].get(label, label)

    def label_order(self, dimension: str, seen: Iterable[str] = ()) -> list[str]:
        """The taxonomy's labels, then any others the data carries (a label
        since removed from the taxonomy still shows, under its id)."""
        known = list(self.labels[dimension])
        return known + sorted(set(seen) - set(known))

    def label_rank(self, dimension: str, label: str) -> tuple[int, str]:
        """A sort key that puts labels in `label_order`'s order."""
        position = self._positions[dimension]
        return position.get(label, len(position)), label

    @cached_property
    def _positions(self) -> dict[str, dict[str, int]]:
        return {dimension: {label: i for i, label in enumerate(names)} for dimension, names in self.labels.items()}


def label_names(field: str = "name") -> dict[str, dict[str, str]]:
    """{dimension: {label id: Swedish name}} from the package's taxonomy (`name_en`: English)."""
    from reformtrace.annotate.taxonomy import load_taxonomy

    taxonomy = load_taxonomy()
    return {
        dimension: {label.id: getattr(label, field) for label in taxonomy.labels if label.dimension == dimension + "s"}
        for dimension in DIMENSIONS
    }


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """The package's taxonomy and gazetteer, loaded once."""
    from reformtrace.annotate.gazetteer import region_names

    return Vocabulary(label_names(), dict(region_names()), label_names("name_en"))


def fold(text: str) -> str:
    """Whitespace folded to single spaces: a quote reads as one line."""
    return " ".join(text.split())


def evidence_table(results: Sequence[ReportResult], vocab: Vocabulary) -> pd.DataFrame:
    """One row per (passage, region, label), in report and passage order; a
    labelled passage that names no region gets one row per label with an
    empty region."""
    return evidence_frame([row for result in sorted(results, key=lambda r: r.report_id) for row in evidence_rows(result, vocab)])


def evidence_rows(result: ReportResult, vocab: Vocabulary) -> list[list]:
    """One report's rows of the evidence table, as Python values (None for a missing year):
    a row per label and the region it is said of. A passage printed again on other
    pages (a fact box, a box of links) is one piece of evidence: its first row
    lists every page it stands on."""
    from reformtrace.annotate.attribution import attribute, strength

    rows = []
    meta = result.meta
    head = [result.report_id, meta.get("source", ""), meta.get("publisher", ""), meta.get("title", ""), meta.get("year")]
    pages_of: dict[str, list[str]] = {}
    for lp in result.passages:
        pages_of.setdefault(fold(lp.passage.text), []).append(lp.passage.page_label or str(lp.passage.page))
    seen: set[str] = set()
    for lp in result.passages:
        passage = lp.passage
        quote = fold(passage.text)
        if quote in seen:
            continue
        seen.add(quote)
        surfaces = _surfaces(lp)
        section = SECTION_SEPARATOR.join(passage.section)
        labels = {(d, label.id): label for d, group in (("goal", lp.goals), ("intervention", lp.interventions)) for label in group}
        credits = lp.credits or attribute(lp)
        order = sorted(credits, key=lambda c: (DIMENSIONS.index(c.dimension), vocab.label_rank(c.dimension, c.label), c.region))
        for credit in order:
            label = labels[credit.dimension, credit.label]
            spans = [_folded_span(passage.text, a, b) for a, b in credit.spans]
            rows.append(head + [
                passage.page, passage.page_label, "; ".join(dict.fromkeys(pages_of[quote])), section, passage.id,
                credit.region, vocab.regions.get(credit.region, credit.region), surfaces.get(credit.region, ""),
                credit.dimension, credit.label, vocab.label_name(credit.dimension, credit.label), credit.kind, "", "",
                strength(label, credit), "; ".join(label.evidence), credit.how,
                " ".join(quote[a:b] for a, b in spans), ";".join(f"{a}-{b}" for a, b in spans), quote,
            ])
    return rows


def _folded_span(text: str, start: int, end: int) -> tuple[int, int]:
    """A span of the passage text as a span of its folded quote."""
    def at(i: int) -> int:
        head = text[:i]
        folded = len(fold(head))
        return folded + (1 if folded and head[-1:].isspace() and text[i:i + 1].strip() else 0)
    return at(start), at(end)


def evidence_frame(rows: list[list]) -> pd.DataFrame:
    """Evidence rows as the evidence table."""
    table = pd.DataFrame(rows, columns=EVIDENCE_COLUMNS)
    return table.astype({"year": "Int64", "page": "int64", "score": "float64"})


def _surfaces(lp: LabelledPassage) -> dict[str, str]:
    """How each region is named in the passage ("Region Skåne; Malmö")."""
    names: dict[str, list[str]] = {}
    for mention in lp.region_mentions:
        forms = names.setdefault(mention.code, [])
        if mention.surface not in forms:
            forms.append(mention.surface)
    return {code: "; ".join(forms) for code, forms in names.items()}


def report_row(result: ReportResult) -> list:
    """The report's row of the reports table: its metadata and what the pipeline
    made of it (the denominators of the theme spread)."""
    meta = result.meta
    return [
        result.report_id, meta.get("source", ""), meta.get("publisher", ""), meta.get("title", ""),
        meta.get("year"), str(meta.get("covers", "")), result.pages, len(result.passages),
        sum(1 for lp in result.passages if lp.goals or lp.interventions),
        sum(1 for lp in result.passages if lp.regions),
        len(result.repairs), len(result.warnings),
    ]


def reports_frame(rows: list[list]) -> pd.DataFrame:
    """Rows of `report_row` as the reports table."""
    return pd.DataFrame(rows, columns=REPORT_COLUMNS).astype({"year": "Int64"})


REPAIR_COLUMNS = [f.name for f in fields(Repair)]


def repair_rows(result: ReportResult) -> list[list]:
    """Every word the OCR repair changed in a report, with its original: its rows of the
    audit trail (out/repairs.csv), in text order."""
    return [[getattr(r, c) for c in REPAIR_COLUMNS] for r in sorted(result.repairs, key=attrgetter("offset"))]


@dataclass(frozen=True)
class ReportTables:
    """One report's rows of every table: all the tables need of its result. A batch
    keeps them in its cache, so that an unchanged report costs the tables only
    the reading of them."""

    report_id: str
    evidence: pd.DataFrame  # its evidence_table
    report: list  # its report_row


def report_tables(result: ReportResult, vocab: Vocabulary, evidence: list[list] | None = None) -> ReportTables:
    """`evidence`: the result's evidence_rows, where the caller made them already."""
    rows = evidence_rows(result, vocab) if evidence is None else evidence
    return ReportTables(result.report_id, evidence_frame(rows), report_row(result))


def select(
    evidence: pd.DataFrame,
    reports: Iterable[str] | None = None,
    years: Iterable[int] | None = None,
    publishers: Iterable[str] | None = None,
    labels: Iterable[str] | None = None,
) -> pd.DataFrame:
    """The evidence rows of a subset; None means no restriction. Unknown report
    ids, publishers or labels (in neither the taxonomy nor the evidence) are an
    error, not an empty table; a taxonomy label without evidence gives no rows."""
    keep = pd.Series(True, index=evidence.index)
    if labels is not None:
        labels = [labels] if isinstance(labels, str) else list(labels)
        known = {label for names in vocabulary().labels.values() for label in names} | set(evidence["label"])
        unknown = sorted(set(labels) - known)
        if unknown:
            raise ValueError(f"unknown label {unknown}; the labels: {sorted(known)}")
        keep &= evidence["label"].isin(labels)
    for column, wanted in (("report_id", reports), ("year", years), ("publisher", publishers)):
        if wanted is None:
            continue
        wanted = [wanted] if isinstance(wanted, (str, int)) else list(wanted)
        if column != "year":
            unknown = sorted(set(wanted) - set(evidence[column]))
            if unknown:
                raise ValueError(f"no evidence for {column} {unknown}; known: {sorted(set(evidence[column]))}")
        keep &= evidence[column].isin(wanted)
    return evidence[keep]


def region_matrix(evidence: pd.DataFrame, vocab: Vocabulary, dimension: str = "goal", count: str = "passages") -> pd.DataFrame:
    """Regions (all of them, county-code order) × labels of one dimension; a
    cell counts the distinct passages (or reports) that tie the region to the
    label. Index: (region_code, region)."""
    if dimension not in DIMENSIONS:
        raise ValueError(f"dimension must be one of {DIMENSIONS}, not {dimension!r}")
    if count not in COUNTS:
        raise ValueError(f"count must be one of {sorted(COUNTS)}, not {count!r}")
    rows = evidence[(evidence["dimension"] == dimension) & (evidence["region_code"] != "")]
    return cell_matrix(rows.groupby(["region_code", "label"])[COUNTS[count]].nunique().to_dict(), vocab, dimension)


def cell_matrix(counts: Mapping[tuple[str, str], int], vocab: Vocabulary, dimension: str) -> pd.DataFrame:
    """Counts per (region code, label) laid out as a region matrix: every region in
    county-code order × the dimension's labels in the tables' order, 0 where none."""
    labels = vocab.label_order(dimension, {label for _, label in counts})
    regions = list(vocab.regions)
    grid = pd.DataFrame([[counts.get((r, label), 0) for label in labels] for r in regions], columns=labels, dtype="int64")
    grid.index = pd.MultiIndex.from_arrays([regions, list(vocab.regions.values())], names=["region_code", "region"])
    return grid


def dimension_labels(evidence: pd.DataFrame, vocab: Vocabulary, dimension: str) -> list[str]:
    """One dimension's labels in the tables' order: the taxonomy's, then any other the
    evidence carries (read from the column's distinct values: reading a column of
    Arrow strings element by element is slow)."""
    return vocab.label_order(dimension, evidence.loc[evidence["dimension"] == dimension, "label"].unique())


def report_order(reports: pd.DataFrame) -> list[str]:
    """Report ids by publication year (unknown years last), then id."""
    return list(reports.sort_values(["year", "report_id"], na_position="last")["report_id"])


def theme_spread(evidence: pd.DataFrame, reports: pd.DataFrame, vocab: Vocabulary) -> pd.DataFrame:
    """Label × report (ordered by year): the share of the report's passages
    that carry the label, region or not. Index: (dimension, label, label_name)."""
    order = report_order(reports)
    passages = reports.set_index("report_id")["passages"].reindex(order)
    counts = evidence.groupby(["dimension", "label", "report_id"])["passage_id"].nunique().to_dict()  # a dict: looked up per cell
    index = [
        (dimension, label, vocab.label_name(dimension, label))
        for dimension in DIMENSIONS
        for label in dimension_labels(evidence, vocab, dimension)
    ]
    shares = [
        [round(counts.get((dimension, label, report), 0) / n, 4) if n else 0.0 for report, n in passages.items()]
        for dimension, label, _ in index
    ]
    return pd.DataFrame(
        shares,
        index=pd.MultiIndex.from_tuples(index, names=["dimension", "label", "label_name"]),
        columns=pd.Index(order, name=None),
        dtype="float64",
    )


@dataclass(frozen=True)
class Tables:
    """Everything the outputs show, built once from a run's results (the matrices
    too, which several outputs show, each rendered in a process of its own)."""

    evidence: pd.DataFrame
    reports: pd.DataFrame
    spread: pd.DataFrame
    vocab: Vocabulary
    matrices: dict[tuple[str, str], pd.DataFrame]  # (dimension, count) -> region_matrix
    lang: str = "sv"  # of the interface text (pipeline/report/i18n.py); the tables have one form in every language
    verdicts: Matching | None = None  # the verdicts put on the evidence rows, when a run had any
    changes: Changes | None = None  # the evidence against the previous run's, in a run
    keys: list[str] | None = None  # each evidence row's identity across runs (identity.row_key), where made
    parts: Path | None = None  # where each report's whole rows are (evidence_parts) when `evidence` holds them without their long texts (full_rows.py)

    def matrix(self, dimension: str, count: str = "passages") -> pd.DataFrame:
        if (dimension, count) not in self.matrices:
            return region_matrix(self.counted, self.vocab, dimension, count)  # raises the ValueError that names what is unknown
        return self.matrices[dimension, count]

    @cached_property
    def counted(self) -> pd.DataFrame:
        """The rows every count is made of: all but those an evaluator marked wrong."""
        return counted(self.evidence)


def counted(evidence: pd.DataFrame) -> pd.DataFrame:
    """The rows of an evidence table that count: all but those marked wrong (the table
    itself when none is: a copy of every row costs as much as the table)."""
    if "verdict" not in evidence.columns:
        return evidence
    keep = evidence["verdict"] != "wrong"
    return evidence if keep.all() else evidence[keep]


def build_tables(
    results: Sequence[ReportResult | ReportTables], vocab: Vocabulary, judge: Callable[[pd.DataFrame], pd.DataFrame] | None = None,
    matrices: dict | None = None,
) -> Tables:
    """The tables of these reports (their results, or the rows made of them ahead); `judge`
    puts verdicts on the evidence (reformtrace.verdicts.Judge) before anything is counted;
    `matrices`: the region matrices where the caller sums them (outputs.write_outputs)."""
    parts = sorted((r if isinstance(r, ReportTables) else report_tables(r, vocab) for r in results), key=lambda p: p.report_id)
    table = _joined([part.evidence for part in parts])
    if judge is not None:
        table = judge(table)
    rows = counted(table)
    reports = reports_frame([part.report for part in parts])
    if matrices is None:
        matrices = {(d, c): region_matrix(rows, vocab, d, c) for d in DIMENSIONS for c in COUNTS}
    return Tables(table, reports, theme_spread(rows, reports, vocab), vocab, matrices)


def _joined(parts: Sequence[pd.DataFrame]) -> pd.DataFrame:
    """The evidence table of several reports from theirs, as `evidence_table` makes it."""
    rows = [part for part in parts if len(part)]  # an empty part's columns have no type to keep
    return pd.concat(rows, ignore_index=True) if rows else evidence_frame([])
