"""`reformtrace evaluate evidence`: is each label credited to the right region?

Gold is annotations/attribution/: passages that name two or more regions,
coded by reading with, for each region, the goals and interventions the
passage credits it with and the kind of evidence (tune and test halves, a
second tune batch tune2 coded after the rules were written, a second coder
on part of test and on tune2). Each passage's text is cleaned and annotated
as `run` does; a prediction is a (passage, region, label) triple. Printed:
precision, recall and F1 of the triples, the accuracy of the kind on the
triples that are right, and the same triples as the old cross product of a
passage's regions and labels would give them; why the triples missed are
missed (no such label in the passage, the region not found, or not credited,
and then where the label went instead) and why the false ones are false (a label
the gold gives the passage nowhere, or gives other regions, and then by what
reason the software credited it); for a second coder, also the
two coders' agreement. Then the kind alone on annotations/kinds/ (labelled passages
of the unseen texts' tune side, each label's kind by reading): the kind the software
gives each gold label in its passage, on each round's study and check sides apart
(kinds-, kinds2-: annotations/kinds/README.md), and the second coder against the first.
"""
from __future__ import annotations

import argparse
import hashlib
from collections import Counter
from pathlib import Path

from reformtrace.annotate.regions_eval import Counts

ATTRIBUTION, KINDS = "attribution", "kinds"  # the gold's folders in the annotations folder
BUNDLED = ("000_", "001_", "002_", "003_", "004_")  # the corpus reports' file names; the rest are unseen texts
# (name, file, the first coder's file a second coder is compared with); tune2 was drawn and coded after the rules
# were written from tune (annotations/attribution/README.md)
SETS = (("tune", "tune.jsonl", None), ("tune2", "tune2.jsonl", None),
        ("second coder (tune2)", "agreement/tune2_second_coder.jsonl", "tune2.jsonl"),
        ("test", "test.jsonl", None), ("second coder (test)", "agreement/test_second_coder.jsonl", "test.jsonl"))


def read(path: Path) -> list[dict]:
    """A gold file's rows; a line that is no JSON object is an error naming the file and the line."""
    from reformtrace.labelling.records import read_jsonl

    return [row for _, row in read_jsonl(path)]


def predict(texts: list[str]):
    """Each text's labelled passage, annotated as `run` annotates it, as a report of its own."""
    from reformtrace.annotate import Annotator
    from reformtrace.model import Passage
    from reformtrace.segment import clean_passage_text

    clean = [clean_passage_text(t) for t in texts]
    passages = [Passage(f"gold{i:04d}:0001", f"gold{i:04d}", 1, [], t, 0, len(t)) for i, t in enumerate(clean)]  # each alone
    return Annotator.load().annotate(passages)


def triples(credits) -> dict[tuple[str, str], str]:
    """(region, label) -> kind, regions named only."""
    return {(c["region"], c["label"]): c["kind"] for c in credits if c["region"]}


def credited(lp) -> dict[tuple[str, str], str]:
    """The software's triples of a labelled passage, as `triples` gives the gold's."""
    return {(c.region, c.label): c.kind for c in lp.credits if c.region}


def score(gold: list[dict], labelled) -> tuple[Counts, Counts, int, int, Counter]:
    """Triple counts with attribution, with the cross product, kinds right of the right triples."""
    attributed = crossed = Counts()
    kinds_right = kinds = 0
    confusion: Counter = Counter()
    for row, lp in zip(gold, labelled):
        expected = triples(row["credits"])
        found = credited(lp)
        cross = {(r, l.id) for r in lp.regions for l in lp.goals + lp.interventions}
        attributed += Counts(len(found.keys() & expected.keys()), len(found.keys() - expected.keys()), len(expected.keys() - found.keys()))
        crossed += Counts(len(cross & expected.keys()), len(cross - expected.keys()), len(expected.keys() - cross))
        for key in found.keys() & expected.keys():
            kinds += 1
            kinds_right += found[key] == expected[key]
            confusion[expected[key], found[key]] += 1
    return attributed, crossed, kinds_right, kinds, confusion


def _missed(gold: list[dict], labelled):
    """Each gold triple not found, with its labelled passage and why it is missed: its label not given
    to the passage at all (the label rules), its region not found in it (the gazetteer), or both found
    but the label not credited to the region (attribution)."""
    for row, lp in zip(gold, labelled):
        found = credited(lp).keys()
        labels = {l.id for l in lp.goals + lp.interventions}
        for region, label in triples(row["credits"]).keys() - found:
            yield lp, label, ("label not given" if label not in labels else "region not found" if region not in lp.regions
                              else "not credited to the region")


def missed(gold: list[dict], labelled) -> Counter:
    """How many gold triples not found are missed for each reason (`_missed`)."""
    return Counter(why for _, _, why in _missed(gold, labelled))


def uncredited_where(gold: list[dict], labelled) -> Counter:
    """Where the label of each triple missed by attribution (label given, region found) went instead: to no
    region in particular, by the reason of that credit ("said of regions in general", "a heading names the topic
    only", ...; the first by name where there are several), or only to other regions."""
    out: Counter = Counter()
    for lp, label, why in _missed(gold, labelled):
        if why == "not credited to the region":
            hows = sorted({c.how for c in lp.credits if c.label == label and not c.region})
            out[hows[0] if hows else "other regions only"] += 1
    return out


def _wrong(gold: list[dict], labelled):
    """Each credit to a region the gold does not give, and why it is wrong: a label the gold gives the
    passage nowhere (the label rules), or one it gives other regions or none in particular (attribution)."""
    for row, lp in zip(gold, labelled):
        labels, expected = {c["label"] for c in row["credits"]}, triples(row["credits"])
        for c in lp.credits:
            if c.region and (c.region, c.label) not in expected:
                yield c, "label not in the passage" if c.label not in labels else "credited to the wrong region"


def wrong(gold: list[dict], labelled) -> Counter:
    """How many triples given and not in the gold are wrong for each reason (`_wrong`; a triple once, however
    many credits give it)."""
    out: Counter = Counter()
    for row, lp in zip(gold, labelled):
        out.update({(c.region, c.label): why for c, why in _wrong([row], [lp])}.values())
    return out


def wrong_how(gold: list[dict], labelled) -> Counter:
    """Why the software credited each label the gold gives other regions: the reason of the wrong credit."""
    return Counter(c.how for c, why in _wrong(gold, labelled) if why == "credited to the wrong region")


def _counted(counts: Counter) -> str:
    return ", ".join(f"{k} {n}" for k, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))) or "none"


def agreement(second: list[dict], first: list[dict]) -> tuple[Counts, int, int]:
    """The second coder's triples against the first coder's on the passages both coded, and their kinds
    on the triples both give."""
    firsts = {r["id"]: triples(r["credits"]) for r in first}
    counts, same, shared = Counts(), 0, 0
    for row in second:
        b, a = triples(row["credits"]), firsts[row["id"]]
        counts += Counts(len(b.keys() & a.keys()), len(b.keys() - a.keys()), len(a.keys() - b.keys()))
        shared += len(b.keys() & a.keys())
        same += sum(b[k] == a[k] for k in b.keys() & a.keys())
    return counts, same, shared


def kinds_study(pid: str) -> bool:
    """The kinds-study side of annotations/kinds (README.md: fixed before looking); the rest is kinds-check."""
    return int(hashlib.sha256(("kinds-study:" + pid).encode()).hexdigest()[:8], 16) % 10 < 6


def kinds2_study(pid: str) -> bool:
    """The kinds2-study side of the second round (README.md: fixed before looking); the rest is kinds2-check."""
    return int(hashlib.sha256(("kinds2-check:" + pid).encode()).hexdigest()[:8], 16) % 10 >= 5


# each round of kind gold: its pool, first coder, second coder, name and which side a passage is on
KIND_ROUNDS = (
    ("pool.jsonl", "tune.jsonl", "agreement/second_coder.jsonl", "kinds", kinds_study),
    ("pool2.jsonl", "round2/a.jsonl", "round2/b.jsonl", "kinds2", kinds2_study),
)


def label_kinds(credits) -> dict[str, str]:
    """label -> the kind the passage gives it: of its credits' kinds, the strongest evidence."""
    from reformtrace.annotate.kinds import strongest

    found: dict[str, str] = {}
    for c in credits:
        found[c.label] = strongest((found.get(c.label, c.kind), c.kind))
    return found


def kind_counts(gold: dict[str, dict[str, str]], given: dict[str, dict[str, str]]) -> tuple[int, int, int, Counter]:
    """Right, labels compared, labels not found in `given`, and the confusions (gold, found)."""
    right = compared = missing = 0
    confusion: Counter = Counter()
    for pid, kinds in gold.items():
        for label, kind in kinds.items():
            found = given.get(pid, {}).get(label)
            if found is None:
                missing += 1
                continue
            compared += 1
            right += found == kind
            confusion[kind, found] += 1
    return right, compared, missing, confusion


def _kind_line(name: str, counts: tuple[int, int, int, Counter], confusions: bool) -> None:
    right, compared, missing, confusion = counts
    share = f" ({right / compared:.3f})" if compared else ""
    print(f"  {name}: kind right on {right} of {compared} labels{share}, label not found {missing}")
    if confusions:
        pairs = ", ".join(f"{g}->{p} {n}" for (g, p), n in sorted(confusion.items()) if g != p)
        print(f"    confusions (gold->found): {pairs or 'none'}")


def kinds_main(gold_dir: Path) -> None:
    """The kind of each gold label of annotations/kinds, each round's study and check sides apart,
    and the coders' agreement."""
    for pool_file, first_file, second_file, name, study in KIND_ROUNDS:
        first, second = gold_dir / first_file, gold_dir / second_file
        if not first.exists():
            continue
        texts = {r["id"]: r["text"] for r in read(gold_dir / pool_file)}
        gold = {r["id"]: r["kinds"] for r in read(first)}
        ids = sorted(gold)
        given = {pid: label_kinds(lp.credits) for pid, lp in zip(ids, predict([texts[pid] for pid in ids]))}
        print(f"\nkind of each label against {first} (first coder; labels the software does not give are apart)")
        for side_name, side in ((f"{name}-study", True), (f"{name}-check", False)):
            part = {pid: kinds for pid, kinds in gold.items() if study(pid) == side}
            _kind_line(f"{side_name} ({len(part)} passages)", kind_counts(part, given), side)
        if second.exists():
            _kind_line("second coder against first", kind_counts({r["id"]: r["kinds"] for r in read(second)}, gold), True)


def _figures(c: Counts) -> str:
    f = lambda x: "  -  " if x is None else f"{x:.3f}"
    return f"P {f(c.precision)}  R {f(c.recall)}  F1 {f(c.f1)}  (tp {c.tp}, fp {c.fp}, fn {c.fn})"


def _print_set(name: str, gold: list[dict], labelled) -> None:
    """One gold set's triples, why the missed and false ones are so, by source, and the kinds of the right ones
    (their confusions on the tune sets only)."""
    attributed, crossed, right, kinds, confusion = score(gold, labelled)
    print(f"\n{name}: {len(gold)} passages, {sum(len(triples(r['credits'])) for r in gold)} gold triples")
    print(f"  attributed     {_figures(attributed)}")
    print(f"  cross product  {_figures(crossed)}")
    why = missed(gold, labelled)
    print("  missed triples: " + ", ".join(f"{k} {why[k]}" for k in ("label not given", "region not found",
                                                                       "not credited to the region")))
    print(f"    not credited, the label went to: {_counted(uncredited_where(gold, labelled))}")
    why = wrong(gold, labelled)
    print(f"  false triples: label not in the passage {why['label not in the passage']}, "
          f"credited to the wrong region {why['credited to the wrong region']}")
    print(f"    wrong region, credited as: {_counted(wrong_how(gold, labelled))}")
    for source, keep in (("bundled reports", True), ("unseen texts", False)):
        part = [(r, lp) for r, lp in zip(gold, labelled) if r["source"].startswith(BUNDLED) == keep]
        if part:
            counts = score([r for r, _ in part], [lp for _, lp in part])[0]
            print(f"    {source:<16}{_figures(counts)}")
    if kinds:
        print(f"  kind right on {right} of {kinds} right triples ({right / kinds:.3f})")
        if name.startswith("tune"):
            pairs = ", ".join(f"{g}->{p} {n}" for (g, p), n in sorted(confusion.items()) if g != p)
            print(f"  kind confusions (gold->found): {pairs or 'none'}")


def main(args: argparse.Namespace) -> int:
    annotations = Path(getattr(args, "annotations", None) or "annotations")
    gold_dir = annotations / ATTRIBUTION
    print("(passage, region, label) triples against annotations/attribution (regions named; labels said of no")
    print("region in particular are left out), and the kind of evidence on the triples that are right")
    for name, file, first in SETS:
        path = gold_dir / file
        if not path.exists():
            continue
        gold = read(path)
        labelled = predict([r["text"] for r in gold])
        _print_set(name, gold, labelled)
        if first and (gold_dir / first).exists():
            counts, same, shared = agreement(gold, read(gold_dir / first))
            print(f"  coders' agreement (second against first) {_figures(counts)}")
            share = f" ({same / shared:.3f})" if shared else ""
            print(f"  coders' kinds the same on {same} of {shared} triples both give{share}")
    kinds_main(annotations / KINDS)
    return 0
