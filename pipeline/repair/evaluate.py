"""`reformtrace evaluate repair`: how well the repair stage does, in figures.

1. Gold: the hand-corrected excerpts of report 000 (annotations/ocr/damaged
   and gold, line-aligned). Word error rate before and after repair,
   precision of the changes (changed tokens that now match the gold) and
   recall (tokens needing a fix that got the right one). Files go through
   the same path as `reformtrace repair`: detection, then repair.
2. Clean reports (every corpus report but the damaged one): the share of
   tokens changed, whole reports and 60-line excerpts, through detection;
   and, as a diagnostic, the share the repair would change if forced.
3. Unseen paragraphs (annotations/ocr/unseen/paragraphs.jsonl): titles,
   headings, paragraphs and list items of Government Offices documents,
   clean and damaged like report 000 (pipeline/repair/simulate.py), each
   repaired alone as `reformtrace repair` repairs a short file. Word error
   rate of the damaged ones, and the share of tokens changed in the clean
   ones, for `tune` and `test` documents apart (only aggregate figures).
4. Unseen text: Swedish prose on other topics (pipeline/data/ocr/unseen_sv.txt),
   damaged the same way with a fixed seed, then repaired as one document.
"""
from __future__ import annotations

import argparse
import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from reformtrace.repair.document import repair_pages
from reformtrace.repair.simulate import damage
from reformtrace.repair.text import repair_text

EXCERPT_LINES = 60
UNSEEN = "unseen_sv.txt"
PARAGRAPHS = Path("unseen") / "paragraphs.jsonl"
SPLITS = ("tune", "test")
DAMAGED_REPORT = "000"


@dataclass
class Scores:
    tokens: int = 0  # gold tokens
    errors_before: int = 0
    errors_after: int = 0
    changed: int = 0  # tokens the repair changed
    changed_right: int = 0  # ... to the gold token
    needed: int = 0  # tokens where damaged != gold
    fixed: int = 0  # ... that now equal the gold

    def add(self, damaged: str, repaired: str, gold: str) -> None:
        for d_line, r_line, g_line in zip(damaged.split("\n"), repaired.split("\n"), gold.split("\n")):
            d, r, g = d_line.split(), r_line.split(), g_line.split()
            self.tokens += len(g)
            self.errors_before += edit_distance(d, g)
            self.errors_after += edit_distance(r, g)
            if len(d) == len(r) == len(g):
                for dt, rt, gt in zip(d, r, g):
                    self.changed += rt != dt
                    self.changed_right += rt != dt and rt == gt
                    self.needed += dt != gt
                    self.fixed += dt != gt and rt == gt

    def lines(self) -> list[str]:
        def pct(a: int, b: int) -> str:
            return f"{100 * a / b:.2f}%" if b else "n/a"

        return [
            f"  tokens {self.tokens}",
            f"  WER before {pct(self.errors_before, self.tokens)}   after {pct(self.errors_after, self.tokens)}",
            f"  precision of changes {pct(self.changed_right, self.changed)} ({self.changed_right}/{self.changed})",
            f"  recall {pct(self.fixed, self.needed)} ({self.fixed}/{self.needed})",
        ]


def edit_distance(a: list[str], b: list[str]) -> int:
    """Word-level Levenshtein distance."""
    prev = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        cur = [i]
        for j, y in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x != y)))
        prev = cur
    return prev[-1]


def gold_scores(folder: Path) -> tuple[Scores, int]:
    scores, files = Scores(), 0
    for damaged_path in sorted((folder / "damaged").glob("*.txt")):
        gold_path = folder / "gold" / damaged_path.name
        if not gold_path.exists():
            continue
        damaged = damaged_path.read_text(encoding="utf-8")
        repaired, _ = repair_pages(damaged)
        scores.add(damaged, repaired, gold_path.read_text(encoding="utf-8"))
        files += 1
    return scores, files


def clean_share(paths: list[Path], force: bool) -> tuple[int, int, int, int]:
    """(tokens, tokens changed) over whole files and over 60-line excerpts."""
    whole = excerpt = tokens = 0
    for path in paths:
        text = path.read_text(encoding="utf-8")
        tokens += len(text.split())
        if not force:
            whole += len(repair_pages(text)[1])
        lines = text.split("\n")
        for i in range(0, len(lines), EXCERPT_LINES):
            part = "\n".join(lines[i : i + EXCERPT_LINES])
            excerpt += len(repair_text(part)[1] if force else repair_pages(part)[1])
    return tokens, whole, excerpt, len(paths)


def unseen_scores(path: Path) -> dict[str, tuple[int, Scores, int, int]]:
    """Per split: (texts, damaged-text scores, clean tokens, clean tokens changed), each text repaired alone."""
    out = {split: (0, Scores(), 0, 0) for split in SPLITS}
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        texts, scores, tokens, changed = out[row["split"]]
        scores.add(row["damaged"], repair_pages(row["damaged"])[0], row["clean"])
        out[row["split"]] = (texts + 1, scores, tokens + len(row["clean"].split()), changed + len(repair_pages(row["clean"])[1]))
    return out


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--gold", type=Path, default=Path("annotations/ocr"), help="folder with damaged/ and gold/")
    parser.add_argument("--corpus", type=Path, default=Path("corpus"), help="the clean reports are read here")
    parser.add_argument("--unseen", type=Path, help="clean Swedish text to damage and repair (default: the bundled one)")
    parser.add_argument("--no-forced", action="store_true", help="skip the forced run over the clean reports (slow)")


def main(args: argparse.Namespace) -> int:
    gold = Path(getattr(args, "gold", None) or Path(getattr(args, "annotations", "annotations")) / "ocr")
    corpus = Path(getattr(args, "corpus", None) or "corpus")
    unseen_path = getattr(args, "unseen", None)

    scores, files = gold_scores(gold)
    print(f"gold: hand-corrected excerpts of report {DAMAGED_REPORT} ({files} files in {gold})")
    print("\n".join(scores.lines()))

    clean = sorted(p for p in corpus.iterdir() if p.suffix in (".txt", ".md") and not p.name.startswith(DAMAGED_REPORT))
    tokens, whole, excerpt, n = clean_share(clean, force=False)
    print(f"clean reports ({n} files, {tokens} tokens), through detection:")
    print(f"  whole files: {whole} tokens changed ({100 * whole / tokens:.3f}%)")
    print(f"  {EXCERPT_LINES}-line excerpts: {excerpt} tokens changed ({100 * excerpt / tokens:.3f}%)")
    if not getattr(args, "no_forced", False):
        _, _, forced, _ = clean_share(clean, force=True)
        print(f"  diagnostic, repair forced on every excerpt: {forced} tokens changed ({100 * forced / tokens:.3f}%)")

    paragraphs = gold / PARAGRAPHS
    if paragraphs.exists():
        by_split = unseen_scores(paragraphs)
        print(f"unseen paragraphs damaged like report {DAMAGED_REPORT}, each repaired alone ({paragraphs}):")
        for split, (texts, scores, _, _) in by_split.items():
            print(f"  {split} ({texts} texts):")
            print("\n".join("  " + line for line in scores.lines()))
        print("the same paragraphs clean, each alone, through detection:")
        for split, (texts, _, tokens, changed) in by_split.items():
            print(f"  {split}: {changed} of {tokens} tokens changed ({100 * changed / max(tokens, 1):.3f}%)")

    text = unseen_path.read_text(encoding="utf-8") if unseen_path else (resources.files("reformtrace") / "data" / "ocr" / UNSEEN).read_text(encoding="utf-8")
    damaged = damage(text, seed=7)
    repaired, _ = repair_pages(damaged)
    unseen = Scores()
    unseen.add(damaged, repaired, text)
    print(f"unseen text damaged like report {DAMAGED_REPORT} (seed 7, {unseen_path or UNSEEN}), repaired as one document:")
    print("\n".join(unseen.lines()))
    return 0
