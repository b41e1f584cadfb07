"""`reformtrace evaluate regions`: precision, recall and F1 of find_regions per region.

Gold is the `regions` field of the hand-labelled passages (annotations/passages.jsonl);
the detector sees only the `text`. Nothing is trained on the annotations, but the
gazetteer and its rules were written with passages.jsonl in view, and with the study
sets of other publishers (unseen/tune.jsonl, unseen/train.jsonl's study side): those are
scored as tuned on. Each held-out set (heldout*.jsonl, train.jsonl's check side,
unseen/test.jsonl: never looked at while writing them) is scored on its own after them,
as an aggregate line only; `--errors` shows the passages of the tuned-on sets alone.
"""
from __future__ import annotations

import argparse
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from reformtrace.annotate.gazetteer import region_names
from reformtrace.annotate.regions import find_regions, regions_of

DEFAULT_ANNOTATIONS = Path("annotations")
PASSAGES = "passages.jsonl"
HELD_OUT = "heldout*.jsonl"
UNSEEN_TEST = Path("unseen") / "test.jsonl"  # government texts no gazetteer entry was written from
TUNE = "unseen/tune.jsonl"  # other publishers' passages labelled for tuning: studied and trained on
TRAIN = "unseen/train.jsonl"  # a second round of them (annotations/unseen/SPLIT.md): its study side studied,
CHECK_TENTHS = 4  # its check side (a hash of the passage id below this, of 10) only measured, as a held-out set


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


def is_check(passage_id: str) -> bool:
    """A passage of train.jsonl's check side: only measured, never studied or trained on (SPLIT.md)."""
    return int(hashlib.sha256(passage_id.encode()).hexdigest()[:8], 16) % 10 < CHECK_TENTHS


def study_sets(annotations: str | Path) -> list[tuple[str, list[dict]]]:
    """The other publishers' passages the gazetteer may be tuned on: unseen/tune.jsonl and
    train.jsonl's study side, each with the name the evaluation prints."""
    folder = Path(annotations)
    if not folder.is_dir():
        return []
    sets = [(TUNE, read_gold(folder / TUNE))] if (folder / TUNE).is_file() else []
    if (folder / TRAIN).is_file():
        sets.append((f"{TRAIN} (study)", [r for r in read_gold(folder / TRAIN) if not is_check(r.get("id", ""))]))
    return sets


def checked_sets(annotations: str | Path) -> list[tuple[str, list[dict]]]:
    """The held-out sets, only ever measured: heldout*.jsonl, train.jsonl's check side, unseen/test.jsonl."""
    folder = Path(annotations)
    paths = held_out_files(annotations)
    sets = [(path.name, read_gold(path)) for path in paths if path.parent == folder]
    if folder.is_dir() and (folder / TRAIN).is_file():
        sets.append((f"{TRAIN} (check)", [r for r in read_gold(folder / TRAIN) if is_check(r.get("id", ""))]))
    return sets + [(str(UNSEEN_TEST), read_gold(path)) for path in paths if path.parent != folder]


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
    """Print the table, then the micro figures of each tuned-on study set and of each held-out
    set; with `args.errors` also every passage of the tuned-on sets where detection and gold differ."""
    annotations = getattr(args, "annotations", DEFAULT_ANNOTATIONS)
    rows = read_gold(annotations)
    print(f"{len(rows)} passages")
    print(report(_counts(_detect(rows)), region_names()))
    studied = study_sets(annotations)
    for name, study in studied:
        print(f"\ntuned on: {len(study)} passages ({name})\n" + _micro(_detect(study)))
    for name, test in checked_sets(annotations):
        print(f"\nheld out: {len(test)} passages ({name})\n" + _micro(_detect(test)))
    if getattr(args, "errors", False):
        for name, study in [(Path(annotations).name, rows)] + studied:
            for row, (want, got, mentions) in zip(study, _detect(study)):
                if want != got:
                    surfaces = "; ".join(f"{m.code} {m.surface!r}" for m in mentions)
                    print(f"\n{row.get('id', '?')}: gold {want} detected {got} [{surfaces}]\n  {row['text'][:300]!r}")
    return 0


def _detect(rows: list[dict]) -> list[tuple[list[str], list[str], list]]:
    """Each passage's gold regions, detected regions and mentions."""
    out = []
    for row in rows:
        mentions = find_regions(row["text"])
        out.append((sorted(row["regions"]), regions_of(mentions), mentions))
    return out


def _counts(detected: list[tuple[list[str], list[str], list]]) -> dict[str, Counts]:
    return score([want for want, _, _ in detected], [got for _, got, _ in detected])


def _micro(detected: list[tuple[list[str], list[str], list]]) -> str:
    return _row("micro", sum(_counts(detected).values(), Counts()))
