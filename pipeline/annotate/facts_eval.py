"""`reformtrace evaluate facts`: the share of a reader's region facts that `run` makes evidence rows.

Gold is annotations/facts/tune.jsonl: facts found by reading Government Offices
texts (document, county code, label). The documents are written into a corpus
folder (from ../shared/corpus-dev/: the g0vse folder and the unlabelled
collection), `reformtrace run` processes it, and a fact counts as found when
evidence.csv holds a row of its document with its region and label. The rows
with a region that no fact names are counted beside (a reader found no such fact).
"""
from __future__ import annotations

import argparse
import csv
import gzip
import json
import shutil
import tempfile
from collections import Counter
from pathlib import Path

from reformtrace.datafiles import shared_path
from reformtrace.errors import InputError

FACTS = Path("facts") / "tune.jsonl"


def read_facts(path: Path) -> list[dict]:
    """The facts file's rows; a line that is no JSON object is an error naming the file and the line."""
    from reformtrace.labelling.records import read_jsonl

    return [row for _, row in read_jsonl(path)]


def write_corpus(facts: list[dict], folder: Path, dev: Path | None = None) -> None:
    """The documents the facts name, as files of `folder`, named as in the facts, from
    `dev` (default ../shared/corpus-dev)."""
    dev = dev or shared_path("corpus-dev")
    if not (dev / "g0vse").is_dir():
        raise InputError(dev, "no development corpus (the shared corpus-dev/ folder, whose g0vse/ texts the facts were "
                         "read in); run from a checkout that has ../shared/ beside it", stage="evaluate")
    folder.mkdir(parents=True, exist_ok=True)
    wanted = {f["doc"] for f in facts if f["source"] == "unlabelled"}
    for doc in {f["doc"] for f in facts if f["source"] == "g0vse"}:
        shutil.copyfile(dev / "g0vse" / doc, folder / doc)
    if wanted:
        with gzip.open(dev / "g0vse-unlabelled.jsonl.gz", "rt", encoding="utf-8") as lines:
            for line in lines:
                record = json.loads(line)
                name = record["path"].replace("/", "_")
                if name in wanted:
                    (folder / name).write_text(record["text"], encoding="utf-8")
                    wanted.discard(name)
    if wanted:
        raise FileNotFoundError(f"not in the unlabelled collection: {sorted(wanted)}")


def evidence_keys(evidence_csv: Path) -> set[tuple[str, str, str]]:
    """(report id, region code, label) of every evidence row."""
    with evidence_csv.open(encoding="utf-8", newline="") as handle:
        return {(r["report_id"], r["region_code"], r["label"]) for r in csv.DictReader(handle)}


def found(facts: list[dict], keys: set[tuple[str, str, str]]) -> list[bool]:
    """For each fact: does an evidence row of its document carry its region and label?"""
    return [(Path(f["doc"]).stem, f["region"], f["label"]) in keys for f in facts]


def run_corpus(facts: list[dict], work: Path) -> Path:
    """`reformtrace run` over the facts' documents; the path of its evidence.csv."""
    from reformtrace.cli import main as cli

    corpus, out = work / "corpus", work / "out"
    write_corpus(facts, corpus)
    status = cli(["run", "--corpus", str(corpus), "--out", str(out), "--quiet", "--jobs", "1"])
    if status not in (0, 3):
        raise RuntimeError(f"reformtrace run ended with status {status}")
    return out / "evidence.csv"


def _share(hits: list[bool]) -> str:
    return f"{sum(hits)} of {len(hits)} ({sum(hits) / len(hits):.3f})" if hits else "none"


def unread(facts: list[dict], keys: set[tuple[str, str, str]]) -> set[tuple[str, str, str]]:
    """The evidence rows with a region, in the facts' documents, that no fact names."""
    docs = {Path(f["doc"]).stem for f in facts}
    named = {(Path(f["doc"]).stem, f["region"], f["label"]) for f in facts}
    return {k for k in keys if k[0] in docs and k[1] and k not in named}


def report(facts: list[dict], hits: list[bool], extra: set[tuple[str, str, str]]) -> None:
    print(f"region facts found as evidence rows (same document, region and label): {_share(hits)}")
    print(f"evidence rows with a region in these documents that no fact names: {len(extra)}")
    for source in sorted({f["source"] for f in facts}):
        print(f"  {source:<12}{_share([h for f, h in zip(facts, hits) if f['source'] == source])}")
    docs = Counter(f["doc"] for f in facts)
    for doc in sorted(docs):
        print(f"  {_share([h for f, h in zip(facts, hits) if f['doc'] == doc]):<18}{doc[:90]}")
    missed = [f for f, h in zip(facts, hits) if not h]
    if missed:
        print("missed (tune side):")
        for f in missed:
            print(f"  {f['region']} {f['label']:<16}{f['quote'][:60]}  [{f['doc'][:50]}]")


def main(args: argparse.Namespace) -> int:
    facts = read_facts(Path(args.annotations) / FACTS)
    with tempfile.TemporaryDirectory(prefix="reformtrace-facts-") as work:
        keys = evidence_keys(run_corpus(facts, Path(work)))
    report(facts, found(facts, keys), unread(facts, keys))
    return 0
