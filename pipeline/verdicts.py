"""An evaluator's verdicts on evidence rows: read them, find each one's row in this
run's evidence, and put them on it.

A verdict names a row as evidence.csv does (report, passage, region, label) and
says `correct` or `wrong`, with an optional note. The row is found by the
passage's text, not its number, so that a verdict outlives a rerun, a new
report, a new model and a new segmentation:

1. the text the verdict carries (the HTML's download and the workbook's sheet
   carry it), else the text it was matched to last time (verdicts_applied.csv
   of the previous outputs), else the text the previous outputs showed under
   that passage number; then the row of the same report, region and label with
   the same text, or failing that, with most of the same words;
2. a verdict with no text anywhere (a hand-made file, first run): the row with
   that passage number.

A verdict whose row is gone is listed in verdicts_unmatched.csv with the reason,
never dropped. A `wrong` row stays in the evidence table but counts nowhere
(matrix.Tables.counted).
"""
from __future__ import annotations

import csv
import io
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

import pandas as pd

from reformtrace.errors import InputError
from reformtrace.identity import normalise, overlap, row_key, share, text_key

DEFAULT_FILE = Path("annotations") / "verdicts.csv"  # read by `run` when it exists
APPLIED_CSV = "verdicts_applied.csv"
UNMATCHED_CSV = "verdicts_unmatched.csv"
REQUIRED = ("report_id", "passage_id", "region_code", "label", "verdict")
OPTIONAL = ("note", "sentence", "quote")
IDENTITY = ("report_id", "passage_id", "region_code", "label")
# what the HTML downloads: the required columns, names to read them by, the note, and the text that finds the row again
FILE_COLUMNS = ["report_id", "passage_id", "region_code", "region", "label", "label_name", "verdict", "note", "sentence", "quote"]
APPLIED_COLUMNS = [*IDENTITY, "verdict", "note", "matched_by", "matched_passage_id", "sentence", "quote"]
UNMATCHED_COLUMNS = [*IDENTITY, "verdict", "note", "reason", "sentence", "quote"]
DELIMITERS = ",;\t"  # Excel saves CSV with the list separator of its locale: ";" in Swedish
# Share of the shorter text's words that the other must hold to be the same passage: a
# passage split, merged or repaired again keeps them; another passage on the same topic does not.
SIMILAR = 0.8
MIN_SIZE = 0.3  # and the shorter text at least this share of the longer: a whole chapter is not one passage


@dataclass(frozen=True)
class Verdict:
    """One line of a verdicts file."""

    report_id: str
    passage_id: str
    region_code: str  # "" for a row that names no region
    label: str
    verdict: str  # correct | wrong
    note: str = ""
    quote: str = ""  # the passage's text, where the file has it: the row is found by it
    sentence: str = ""  # the tying sentence, where the file has it: picks the part of a passage split in two
    line: int = 0

    @property
    def identity(self) -> tuple[str, str, str, str]:
        return self.report_id, self.passage_id, self.region_code, self.label


# --- reading ---------------------------------------------------------------------------


def read_verdicts(path: str | Path) -> list[Verdict]:
    """The verdicts of a CSV file (comma, semicolon or tab; UTF-8 or Excel's Windows-1252;
    headers as evidence.csv or the workbook names them). Rows with an empty verdict are
    skipped: a saved evidence sheet has one per row."""
    from reformtrace.report.i18n import column_names, verdict_words

    path = Path(path)
    try:
        text = _decode(path.read_bytes())
    except OSError as err:
        raise InputError(path, f"cannot read the verdicts file ({err.strerror or err})", stage="verdicts") from err
    first = text.split("\n", 1)[0]
    delimiter = max(DELIMITERS, key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    names = column_names()
    header = [names.get(h.strip().casefold(), h.strip()) for h in next(reader, [])]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise InputError(path, f"a verdicts file needs the columns {', '.join(REQUIRED)}; missing {', '.join(missing)}", stage="verdicts")
    words = verdict_words()
    verdicts = []
    for number, values in enumerate(reader, start=2):
        row = {name: value.strip() for name, value in zip(header, values)}
        row.setdefault("note", row.get("verdict_note", ""))  # a saved evidence sheet names it so
        said = row.get("verdict", "")
        if not said:
            continue
        if said.casefold() not in words:
            raise InputError(path, f"line {number}: verdict {said!r}; write correct or wrong (rätt or fel)", stage="verdicts")
        region = row.get("region_code", "")
        verdicts.append(Verdict(
            row.get("report_id", ""), row.get("passage_id", ""), region.zfill(2) if region.isdigit() else region,
            row.get("label", ""), words[said.casefold()], row.get("note", ""), row.get("quote", ""), row.get("sentence", ""), number,
        ))
    return verdicts


def _decode(data: bytes) -> str:
    """UTF-8 (with or without Excel's byte-order mark), else Windows-1252 (Excel's plain "CSV")."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


# --- what earlier outputs say -----------------------------------------------------------


@dataclass(frozen=True)
class Previous:
    """The text each verdict was tied to by the previous outputs: for verdicts that carry none."""

    applied: dict[tuple, tuple[str, str]] = field(default_factory=dict)  # identity -> (quote, sentence) it was matched to
    shown: dict[tuple, tuple[str, str]] = field(default_factory=dict)  # identity -> (quote, sentence) under that passage number


def previous(out_dir: Path | None, verdicts: Sequence[Verdict]) -> Previous:
    """What the outputs in `out_dir` (the last run's) say of the verdicts without text."""
    wanted = {v.identity for v in verdicts if not v.quote}
    if out_dir is None or not wanted:
        return Previous()
    applied, shown = {}, {}
    path = Path(out_dir) / APPLIED_CSV
    if path.is_file():
        with open(path, encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                identity = tuple(row.get(c, "") for c in IDENTITY)
                if identity in wanted and row.get("quote"):
                    applied[identity] = (row["quote"], row.get("sentence", ""))
    from reformtrace.evidence_parts import has_evidence, read_evidence

    if has_evidence(out_dir):
        try:
            frame = read_evidence(out_dir)
        except Exception:  # an unreadable part says nothing
            frame = None
        if frame is not None and set(IDENTITY) | {"quote"} <= set(frame.columns):
            sentences = frame["sentence"].tolist() if "sentence" in frame.columns else [""] * len(frame)
            for identity, quote, sentence in zip(zip(*(frame[c].tolist() for c in IDENTITY)), frame["quote"].tolist(), sentences):
                if identity in wanted:
                    shown.setdefault(identity, (quote, sentence))
    return Previous(applied, shown)


# --- matching ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Matching:
    """The verdicts put on the rows of one evidence table."""

    verdict: list[str]  # per evidence row: "", "correct" or "wrong"
    note: list[str]
    applied: list[list]  # rows of verdicts_applied.csv
    unmatched: list[list]  # rows of verdicts_unmatched.csv
    given: int  # verdicts read

    def counts(self) -> dict[str, int]:
        """How many verdicts were read, applied (correct, wrong) and left without a row."""
        on_rows = [v for v in self.verdict if v]
        return {
            "given": self.given, "applied": len(on_rows), "correct": on_rows.count("correct"),
            "wrong": on_rows.count("wrong"), "unmatched": len(self.unmatched),
        }


def match(verdicts: Sequence[Verdict], evidence: pd.DataFrame, before: Previous = Previous(), keys: Sequence[str] | None = None) -> Matching:
    """Find each verdict's row (`keys`: the rows' identities, where made already); the
    last verdict in the file wins a row two of them find."""
    latest = {v.identity: v for v in verdicts}  # the same row named twice: the later line is the evaluator's last word
    rows = _Rows(evidence, keys)
    verdict, note = [""] * len(evidence), [""] * len(evidence)
    applied: dict[int, tuple[Verdict, list]] = {}  # evidence row -> the verdict on it, its row of verdicts_applied.csv
    unmatched = []
    for v in sorted(latest.values(), key=lambda v: v.line):
        quote, sentence = (v.quote, v.sentence) if v.quote else before.applied.get(v.identity) or before.shown.get(v.identity) or ("", "")
        hit, how, reason = rows.find(v, quote, sentence)
        if hit is None:
            unmatched.append([*v.identity, v.verdict, v.note, reason, sentence, quote])
            continue
        if hit in applied:  # two lines name the same row (say, under its old and its new passage number)
            earlier, _ = applied[hit]
            unmatched.append([*earlier.identity, earlier.verdict, earlier.note, f"line {v.line} of the file, later, names the same row", earlier.sentence, earlier.quote])
        verdict[hit], note[hit] = v.verdict, v.note
        applied[hit] = v, [*v.identity, v.verdict, v.note, how, rows.passage[hit], rows.sentence[hit], rows.quote[hit]]
    return Matching(verdict, note, sorted(row for _, row in applied.values()), sorted(unmatched), len(verdicts))


class _Rows:
    """An evidence table indexed for matching: by report, region and label, and by text."""

    def __init__(self, evidence: pd.DataFrame, keys: Sequence[str] | None = None):
        columns = ("report_id", "passage_id", "region_code", "label", "quote", "sentence")
        self.report, self.passage, self.region, self.label, self.quote, self.sentence = (evidence[c].tolist() for c in columns)
        self.cells: dict[tuple, list[int]] = defaultdict(list)
        for i, key in enumerate(zip(self.report, self.region, self.label)):
            self.cells[key].append(i)
        self.reports, self.labels = set(self.report), set(self.label)
        self.keys, self._texts, self._reports = keys, None, None

    def norm(self, i: int) -> str:
        """A row's normalised text, made when a verdict asks: a large table has many rows no verdict names."""
        return normalise(self.quote[i])

    @property
    def texts(self) -> dict[tuple, list[int]]:
        """(text key, region, label) -> rows: for a report renamed since, made once when first needed."""
        if self._texts is None:
            self._texts = defaultdict(list)
            keys = self.keys if self.keys is not None else map(row_key, self.report, self.quote, self.region, self.label)
            for i, key in enumerate(keys):
                self._texts[key.rsplit("|", 3)[1], self.region[i], self.label[i]].append(i)
        return self._texts

    def find(self, v: Verdict, quote: str, sentence: str) -> tuple[int | None, str, str]:
        """The row a verdict names, how it was found, or why none was."""
        candidates = self.cells.get((v.report_id, v.region_code, v.label), [])
        if not quote:
            same = [i for i in candidates if self.passage[i] == v.passage_id]
            if same:
                return same[0], "passage id", ""
            return None, "", self._missing(v, "no row of this report, region and label has this passage number (and the file gives no text)")
        text = normalise(quote)
        same = [i for i in candidates if self.norm(i) == text]
        if same:
            return same[0], "text", ""
        if v.report_id not in self.reports:  # a renamed report file: the same passage in one other report
            elsewhere = self.texts.get((text_key(quote), v.region_code, v.label), [])
            if len(elsewhere) == 1:
                return elsewhere[0], "text (report renamed)", ""
        tie = normalise(sentence) if sentence else ""
        scored = []
        for i in candidates:
            small, large = overlap(text, self.norm(i))
            if small >= SIMILAR and large >= small * MIN_SIZE:  # the part of a split that holds most of the tying sentences first
                scored.append((share(tie, self.norm(i)), small, large, -i))
        if scored:
            return -max(scored)[3], "similar text", ""
        there = any(self.norm(i) == text for i in self.in_report(v.report_id))
        return None, "", self._missing(v, "the passage is in this run without this region and label: the row is no longer given" if there
                                       else "no row of this report, region and label has this passage's text")

    def in_report(self, report_id: str) -> list[int]:
        """The rows of a report (indexed when first asked)."""
        if self._reports is None:
            self._reports = defaultdict(list)
            for i, report in enumerate(self.report):
                self._reports[report].append(i)
        return self._reports.get(report_id, [])

    def _missing(self, v: Verdict, otherwise: str) -> str:
        if v.report_id not in self.reports:
            return "the report is not in this run"
        if v.label not in self.labels:
            return "no row in this run has the label"
        return otherwise


# --- the outputs ------------------------------------------------------------------------


class Judge:
    """Puts the verdicts on an evidence table (matrix.build_tables calls it) and keeps the matching."""

    def __init__(self, verdicts: Sequence[Verdict], before: Previous = Previous(), keys: Sequence[str] | None = None):
        self.verdicts, self.before, self.keys = list(verdicts), before, keys
        self.matching: Matching | None = None

    def __call__(self, evidence: pd.DataFrame) -> pd.DataFrame:
        self.matching = match(self.verdicts, evidence, self.before, self.keys)
        return evidence.assign(verdict=self.matching.verdict, verdict_note=self.matching.note)


def verified_matrix_file(dimension: str) -> str:
    """matrix_region_goal_verified.csv: the passages whose row an evaluator marked correct."""
    return f"matrix_region_{dimension}_verified.csv"


def csv_files(matching: Matching | None) -> dict[str, list[list]]:
    """verdicts_applied.csv and verdicts_unmatched.csv as rows (headers first); only headers without verdicts."""
    applied, unmatched = (matching.applied, matching.unmatched) if matching else ([], [])
    return {APPLIED_CSV: [APPLIED_COLUMNS, *applied], UNMATCHED_CSV: [UNMATCHED_COLUMNS, *unmatched]}


def summary_of(out_dir: Path) -> dict[str, int]:
    """The verdict counts of the outputs in `out_dir`, for the run summary."""
    counts = {"applied": 0, "correct": 0, "wrong": 0, "unmatched": 0}
    for name, key in ((APPLIED_CSV, "applied"), (UNMATCHED_CSV, "unmatched")):
        path = Path(out_dir) / name
        if not path.is_file():
            continue
        with open(path, encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                counts[key] += 1
                if key == "applied":
                    counts[row["verdict"]] += 1
    return counts
