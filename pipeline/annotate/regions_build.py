"""Write pipeline/data/gazetteer/locality_rules.csv: which localities need a place cue.

    python -m reformtrace.annotate.regions_build [--corpus ../shared/corpus-dev/g0vse-unlabelled.jsonl.gz]

A locality of localities.csv or districts.csv is found alone only when its name is no Swedish
word, first name or surname. The others need a place cue ("i Vall", "Vall
vårdcentral", "Vall kommun"). The evidence, in order: the hand rows already in
the file (basis "hand: …", kept as they are), names of three letters or fewer,
first_names.txt, surnames.txt, the lexicon (reformtrace.lexicon.is_word, with
wordfreq's frequency and Hunspell's capitalisation), and with --corpus the
unlabelled corpus: how often it writes the name in lower case, and right after
a first name. Each row says which evidence decided it. Deterministic: the same
inputs give the same file.
"""
from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
from collections import Counter
from pathlib import Path

import regex

from reformtrace import lexicon
from reformtrace.annotate.gazetteer_files import locality_names, read_csv, read_names
from reformtrace.annotate.gazetteer import DATA_DIR, _words

RULES_FILE = "locality_rules.csv"
SHORT = 3  # names this short are too often another word, an abbreviation or a name part ("Ed", "Rö", "Los")
COMMON_ZIPF = 3.5  # a lexicon word without Hunspell's capital this common is an ordinary word ("handen", "viken")
MIN_LOWER = 1  # times the corpus writes the name in lower case before it counts as a word ("bara", "skog")
MIN_AFTER_FIRST_NAME = 1  # times right after a first name before it counts as a surname ("Anna Hammar")
TOKEN = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}&-]*")
HEADER = """\
# Localities (localities.csv, districts.csv) that are not found on their own name alone.
# Written by `python -m reformtrace.annotate.regions_build` (see its docstring);
# rows whose basis starts with "hand:" are kept as they are by every rebuild,
# the others are worked out again.
#
# Columns
#   locality  a name of localities.csv or districts.csv
#   rule      context: only with a place cue: a place preposition before it
#             ("i Vall"), a place word beside it ("Vall vårdcentral",
#             "vårdcentralen Vall"), "X kommun", or listed with an accepted
#             place; not_initial: as context, or capitalised inside a sentence;
#             never: not taken (another place or thing of the same name is
#             the one texts mean)
#   basis     the evidence that decided it
#
# Localities not listed are found alone. A locality in several counties is
# credited only where another mention in the passage names one of them
# (regions.py), whatever its row says.
"""


def corpus_counts(path: Path, names: set[str], first_names: frozenset[str]) -> tuple[Counter, Counter]:
    """(lower-case uses, uses right after a first name) of each one-word name in a JSONL(.gz) corpus."""
    lower = {n.lower(): n for n in names}
    in_lower, after_first = Counter(), Counter()
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            words = TOKEN.findall(json.loads(line)["text"])
            for k, word in enumerate(words):
                name = lower.get(word.lower())
                if name is None:
                    continue
                if word.islower():
                    in_lower[name] += 1
                elif k and words[k - 1] in first_names:
                    after_first[name] += 1
    return in_lower, after_first


def decide(name: str, first_names, surnames, in_lower: Counter | None, after_first: Counter | None) -> tuple[str, str] | None:
    """(rule, basis) for a locality that needs a cue, or None when its name stands alone."""
    words = name.replace("-", " ").split()
    if len(words) == 1 and len(name) <= SHORT:
        return "context", f"short: {len(name)} letters"
    if words[0] in first_names:
        return "context", f"first name {words[0]!r} (first_names.txt)"
    if words[0].endswith("s") and words[0][:-1] in first_names:
        return "context", f"genitive of the first name {words[0][:-1]!r} (first_names.txt)"
    if name in surnames:
        return "context", "surname (surnames.txt)"
    if after_first and after_first.get(name, 0) >= MIN_AFTER_FIRST_NAME:
        return "context", f"surname: {after_first[name]} times right after a first name in the unlabelled corpus"
    if len(words) > 1:
        return None
    low = name.lower()
    if not lexicon.is_word(low):
        return None
    if in_lower is not None and in_lower.get(name, 0) >= MIN_LOWER:
        return "context", f"word: in the lexicon, {in_lower[name]} times in lower case in the unlabelled corpus"
    entry = lexicon.load().lookup(low)
    if entry is not None and not entry.flags & lexicon.NAME and entry.zipf >= COMMON_ZIPF:
        return "context", f"word: in the lexicon without a capital, wordfreq Zipf {entry.zipf:.1f}"
    return None


def build(root: Path, corpus: Path | None) -> list[tuple[str, str, str]]:
    """The rows of locality_rules.csv: hand rows, then the worked-out ones, sorted by name."""
    from reformtrace.annotate.gazetteer import _load

    names = locality_names(root)
    gaz = _load.__wrapped__(str(root.resolve()))  # not the cached one: this build rewrites a file it reads
    own = [n for n in names if (p := gaz.phrases.get(_words(n))) is None or p.kind == "locality"]  # others are found as what they are
    hand = {}
    path = root / RULES_FILE
    if path.exists():
        hand = {row["locality"]: (row["rule"], row["basis"]) for _, row in read_csv(path, ("locality", "rule", "basis"))
                if row["basis"].startswith("hand:")}
    first_names = read_names(root / "first_names.txt", "first name")
    surnames = read_names(root / "surnames.txt", "surname")
    in_lower = after_first = None
    if corpus is not None:
        in_lower, after_first = corpus_counts(corpus, {n for n in own if " " not in n}, first_names)
    rows = []
    for name in own:
        decided = hand.get(name) or decide(name, first_names, surnames, in_lower, after_first)
        if decided:
            rows.append((name, *decided))
    return rows


def write(root: Path, rows: list[tuple[str, str, str]]) -> None:
    out = io.StringIO()
    out.write(HEADER)
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(("locality", "rule", "basis"))
    writer.writerows(rows)
    (root / RULES_FILE).write_text(out.getvalue(), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, help="unlabelled JSONL(.gz) with a 'text' field per line")
    parser.add_argument("--gazetteer", type=Path, default=DATA_DIR, help="the gazetteer folder to write into")
    args = parser.parse_args(argv)
    rows = build(args.gazetteer, args.corpus)
    write(args.gazetteer, rows)
    counts = Counter(rule for _, rule, _ in rows)
    print(f"{len(rows)} localities need a cue or are never taken: {dict(sorted(counts.items()))}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
