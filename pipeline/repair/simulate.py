"""Damage clean text the way the scanner damaged report 000, to measure repair on unseen text.

The damage table (pipeline/data/ocr/damage.tsv) is learned from the
hand-corrected excerpts of report 000 (annotations/ocr/damaged and gold): each
gold token is aligned with its damaged token, letter by letter (a letter
becomes zero, one or two observed characters), and counted per position: a
letter that is a whole token alone ("i" read "1"), the first letter of a word
("län" read "14n", "läkare" read "Idkare") or a letter inside one. Clean text
is then damaged letter by letter, drawing each observed piece with those
frequencies from a seeded random generator: the same text and seed give the
same damage. The table is for measuring only; repair never reads it.
"""
from __future__ import annotations

import random
from collections import Counter
from functools import lru_cache
from importlib import resources
from pathlib import Path

import regex

from reformtrace.repair.channel import DELETED, ChannelError, _read_rows, align

DAMAGE = "damage.tsv"
POSITIONS = ("lone", "initial", "inner")
TOKEN = regex.compile(r"\S+")
LETTERS = regex.compile(r"\p{L}+")

Table = dict[tuple[str, str], tuple[list[str], list[float]]]


def position(index: int, length: int) -> str:
    """Where the letter at `index` of a word of `length` letters stands: alone, first, or inside."""
    if length == 1:
        return "lone"
    return "initial" if index == 0 else "inner"


def _letter_runs(token: str) -> list[tuple[int, int]]:
    return [m.span() for m in LETTERS.finditer(token)]


def learn(damaged_dir: Path, gold_dir: Path) -> Counter:
    """(position, true letter, observed piece) -> count over the line-aligned excerpts.

    Lines whose token counts differ (a lost space) are skipped; a token pair
    that no alignment explains ("III" read "111") counts as read right.
    """
    counts: Counter = Counter()
    for damaged_path in sorted(damaged_dir.glob("*.txt")):
        gold_path = gold_dir / damaged_path.name
        if not gold_path.exists():
            continue
        for d_line, g_line in zip(damaged_path.read_text(encoding="utf-8").split("\n"), gold_path.read_text(encoding="utf-8").split("\n")):
            d_tokens, g_tokens = d_line.split(), g_line.split()
            if len(d_tokens) != len(g_tokens):
                continue
            for d, g in zip(d_tokens, g_tokens):
                pairs = [(c, c) for c in g] if d == g else align(g, d) or [(c, c) for c in g]
                runs = _letter_runs(g)
                for i, (true, observed) in enumerate(pairs):
                    if not true.isalpha():
                        continue
                    run = next(r for r in runs if r[0] <= i < r[1])
                    counts[position(i - run[0], run[1] - run[0]), true, observed] += 1
    return counts


def write_table(path: Path, counts: Counter, notes: list[str]) -> None:
    rows = sorted(counts.items(), key=lambda x: (POSITIONS.index(x[0][0]), x[0][1], -x[1], x[0][2]))
    head = "".join(f"# {n}\n" for n in notes) + "# position\ttrue\tobserved\tcount\n"
    path.write_text(head + "".join(f"{p}\t{t}\t{o or DELETED}\t{n}\n" for (p, t, o), n in rows), encoding="utf-8")


def read_table(path) -> Table:
    """damage.tsv: `position<TAB>true<TAB>observed<TAB>count`; position is lone, initial or inner."""
    table: Table = {}
    anywhere: Table = {}  # a letter's rows at every position, for a position the excerpts lack ("Ä" first)
    for pos, true, observed, count in _read_rows(path, ("position", "true", "observed", "count"), counts=1):
        if pos not in POSITIONS or len(true) != 1 or len(observed) > 2:
            raise ChannelError(f"{path}: bad row {pos!r} {true!r} {observed!r}")
        for key, into in (((pos, true), table), (("", true), anywhere)):
            pieces, weights = into.setdefault(key, ([], []))
            pieces.append("" if observed == DELETED else observed)
            weights.append(float(count))
    for (_, true), row in anywhere.items():
        if any(o != true for o in row[0]):
            for pos in POSITIONS:
                table.setdefault((pos, true), row)
    return table


@lru_cache(maxsize=1)
def load_table() -> Table:
    return read_table(resources.files("reformtrace") / "data" / "ocr" / DAMAGE)


def damage(text: str, seed: str | int = 7, table: Table | None = None) -> str:
    """`text` with its letters damaged as report 000's were (deterministic for a seed).

    A letter the excerpts never show at its position (a capital Ü, a letter
    inside a word that is always read right) is kept.
    """
    table = table if table is not None else load_table()
    rng = random.Random(f"reformtrace-damage:{seed}")
    out, pos = [], 0
    for m in TOKEN.finditer(text):
        out.append(text[pos : m.start()])
        token = m.group()
        chars = list(token)
        for start, end in _letter_runs(token):
            for i in range(start, end):
                row = table.get((position(i - start, end - start), token[i]))
                if row is not None:
                    chars[i] = rng.choices(row[0], row[1])[0]
        out.append("".join(chars))
        pos = m.end()
    out.append(text[pos:])
    return "".join(out)
