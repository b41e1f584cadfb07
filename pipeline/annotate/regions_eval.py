"""`reformtrace evaluate regions`: precision, recall and F1 of find_regions per region.

Gold is the `regions` field of the hand-labelled passages (annotations/passages.jsonl);
the detector sees only the `text`. Nothing is trained on the annotations, so every
passage is a test passage; but the detector's rules were written with passages.jsonl
in view, so each heldout*.jsonl file (never looked at while writing them) is scored
on its own after it.
"""
from __future__ import annotations

import argparse
import json
from dataclasses import dataclass
from pathlib import Path

from reformtrace.annotate.gazetteer import region_names
from reformtrace.annotate.regions import find_regions, regions_of

DEFAULT_ANNOTATIONS = Path("annotations")
PASSAGES = "passages.jsonl"
HELD_OUT = "heldout*.jsonl"
UNSEEN_TEST = Path("unseen") / "test.jsonl"  # government texts no gazetteer entry was written from


class AnnotationError(ValueError):
    """An unreadable annotation file: the message names the file and the line."""


@dataclass(frozen=True)
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: "Counts") -> "Counts":
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def precision(self) -> float | None:  # None: nothing detected, so undefined
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:  # None: nothing in the gold, so undefined
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        decisions = 2 * self.tp + self.fp + self.fn
        return 2 * self.tp / decisions if decisions else None


def read_gold(path: str | Path) -> list[dict]:
    """Passages with `id`, `text` and `regions` from a JSONL file (or a folder's passages.jsonl)."""
    path = Path(path)
    if path.is_dir():
        path = path / PASSAGES
    rows = []
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise AnnotationError(f"{path}: no such annotation file") from None
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as err:
            raise AnnotationError(f"{path}:{number}: not JSON ({err.msg})") from None
        if not isinstance(row.get("text"), str) or not isinstance(row.get("regions"), list):
            raise AnnotationError(f"{path}:{number}: needs a 'text' string and a 'regions' list")
        rows.append(row)
    return rows


def held_out_files(annotations: str | Path) -> list[Path]:
    """A folder's heldout*.jsonl files and the unseen texts' test half (a single file given is evaluated alone)."""
    folder = Path(annotations)
    if not folder.is_dir():
        return []
    return sorted(folder.glob(HELD_OUT)) + [path for path in (folder / UNSEEN_TEST,) if path.is_file()]


def score(gold: list[list[str]], predicted: list[list[str]]) -> dict[str, Counts]:
    """Per-region counts over passages (a passage-region pair is one decision)."""
    counts: dict[str, Counts] = {}
    for want, got in zip(gold, predicted, strict=True):
        for code in set(want) | set(got):
            hit = Counts(int(code in want and code in got), int(code in got and code not in want),
                         int(code in want and code not in got))
            counts[code] = counts.get(code, Counts()) + hit
    return counts


def _row(label: str, c: Counts) -> str:
    figures = "".join(f"{'-' if x is None else f'{x:.3f}':>8}" for x in (c.precision, c.recall, c.f1))
    return f"{label:<24}{c.tp + c.fn:>6}{c.tp + c.fp:>6}{figures}"


def report(counts: dict[str, Counts], names: dict[str, str]) -> str:
    """The table `evaluate regions` prints: one line per region, then micro and macro F1.

    "-" marks an undefined figure (no detection, or no gold passage, for that region).
    """
    lines = [f"{'region':<24}{'gold':>6}{'found':>6}{'P':>8}{'R':>8}{'F1':>8}"]
    for code in sorted(set(names) | set(counts)):
        lines.append(_row(f"{code} {names.get(code, '?')}", counts.get(code, Counts())))
    lines.append(_row("micro", sum(counts.values(), Counts())))
    in_gold = [c.f1 for c in counts.values() if c.tp + c.fn]
    macro = f"{sum(in_gold) / len(in_gold):.3f}" if in_gold else "-"
    lines.append(f"{'macro F1 (regions in gold)':<52}{macro:>8}")
    return "\n".join(lines)


def main(args: argparse.Namespace) -> int:
    """Print the table, then each held-out file's micro figures; with `args.errors` also
    every passage of the main file where detection and gold differ."""
    annotations = getattr(args, "annotations", DEFAULT_ANNOTATIONS)
    rows = read_gold(annotations)
    gold = [sorted(row["regions"]) for row in rows]
    mentions = [find_regions(row["text"]) for row in rows]
    predicted = [regions_of(m) for m in mentions]
    print(f"{len(rows)} passages")
    print(report(score(gold, predicted), region_names()))
    for path in held_out_files(annotations):
        test = read_gold(path)
        counts = score([sorted(r["regions"]) for r in test], [regions_of(find_regions(r["text"])) for r in test])
        print(f"\nheld out: {len(test)} passages ({path.name})\n" + _row("micro", sum(counts.values(), Counts())))
    if getattr(args, "errors", False):
        for row, want, got, found in zip(rows, gold, predicted, mentions):
            if want != got:
                surfaces = "; ".join(f"{m.code} {m.surface!r}" for m in found)
                print(f"\n{row.get('id', '?')}: gold {want} detected {got} [{surfaces}]\n  {row['text'][:300]!r}")
    return 0
