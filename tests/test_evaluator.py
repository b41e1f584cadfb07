"""The evaluator's loop on the bundled corpus, with the real stages: the README's
examples are rows of its run, and the issue's acceptance: ten rows marked wrong
and ten correct in a five-column CSV, `run --verdicts`, then a new report and
the same file again."""
from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pandas as pd
import pytest

from reformtrace.cli import main as cli
from reformtrace.matrix import EVIDENCE_COLUMNS
from reformtrace.readme import README, blocks_in, examples

PROJECT = Path(__file__).resolve().parent.parent
NEW_REPORT = "005_region_vastmanland_2025"
NEW_TEXT = """# Uppföljning av nära vård i Västmanland 2025

Region Västmanland har under 2024 startat mobila team för äldre personer i alla kommuner i länet.

Region Västmanland erbjuder nu alla invånare som fyller 40 år ett hälsosamtal på vårdcentralen.

I Dalarna har regionen och kommunerna infört samordnad individuell plan vid utskrivning från sjukhus.
"""
NEW_SOURCE = f"""
[[report]]
file = "{NEW_REPORT}.md"
publisher = "Region Västmanland"
title = "Uppföljning av nära vård i Västmanland 2025"
year = 2025
covers = "2024"
kind = "Markdown"
"""


@pytest.fixture(scope="module")
def bundled(tmp_path_factory):
    """A run of the bundled corpus (a copy of it), as `reformtrace run` makes it."""
    root = tmp_path_factory.mktemp("bundled")
    shutil.copytree(PROJECT / "corpus", root / "corpus")
    assert cli(["run", "--corpus", str(root / "corpus"), "--out", str(root / "out"), "--quiet"]) == 0
    return root


def read(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def test_the_readme_examples_are_whole_rows_of_the_bundled_run(bundled):
    shown = blocks_in(README.read_text(encoding="utf-8"))
    assert shown["evidence.csv"].splitlines()[0] == ",".join(EVIDENCE_COLUMNS)
    assert shown == examples(bundled / "out"), "the README's examples are stale: run the bundled corpus, then `python -m reformtrace.readme OUT`"


def identities(rows: pd.DataFrame) -> set[tuple]:
    return set(zip(rows["report_id"], rows["passage_id"], rows["region_code"], rows["label"]))


def check_verdicts(out: Path, wrong: pd.DataFrame, correct: pd.DataFrame) -> None:
    """The wrong rows carry verdict=wrong and their passage no longer counts in its
    cell; the correct rows carry verdict=correct and count (in the verified matrix too)."""
    evidence = read(out / "evidence.csv")
    assert identities(evidence[evidence["verdict"] == "wrong"]) == identities(wrong)
    assert identities(evidence[evidence["verdict"] == "correct"]) == identities(correct)
    for dimension in ("goal", "intervention"):
        matrix = pd.read_csv(out / f"matrix_region_{dimension}.csv", dtype={"region_code": str}).set_index("region_code")
        verified = pd.read_csv(out / f"matrix_region_{dimension}_verified.csv", dtype={"region_code": str}).set_index("region_code")
        for rows, left_out in ((wrong, 1), (correct, 0)):
            for row in rows[rows["dimension"] == dimension].itertuples():
                cell = evidence[(evidence["region_code"] == row.region_code) & (evidence["label"] == row.label)]
                assert matrix.loc[row.region_code, row.label] == cell["passage_id"].nunique() - left_out, row
        assert verified.drop(columns="region").to_numpy().sum() == (correct["dimension"] == dimension).sum()


def test_ten_wrong_and_ten_correct_verdicts_hold_through_a_new_report(bundled, tmp_path):
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    shutil.copytree(bundled / "corpus", corpus)
    shutil.copytree(bundled / "out", out)  # with its cache: the reruns redo only what changed
    evidence = read(out / "evidence.csv")
    regional = evidence[evidence["region_code"] != ""].drop_duplicates(["region_code", "label"]).drop_duplicates("passage_id")
    chosen = regional.sample(20, random_state=22)  # twenty rows, each in a cell and a passage of its own
    wrong, correct = chosen.iloc[:10], chosen.iloc[10:]
    verdicts = tmp_path / "verdicts.csv"
    with open(verdicts, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["report_id", "passage_id", "region_code", "label", "verdict"])
        for rows, verdict in ((wrong, "wrong"), (correct, "correct")):
            writer.writerows([r.report_id, r.passage_id, r.region_code, r.label, verdict] for r in rows.itertuples())

    assert cli(["run", "--corpus", str(corpus), "--out", str(out), "--verdicts", str(verdicts), "--quiet"]) == 0
    check_verdicts(out, wrong, correct)
    assert read(out / "verdicts_unmatched.csv").empty and len(read(out / "verdicts_applied.csv")) == 20

    (corpus / f"{NEW_REPORT}.md").write_text(NEW_TEXT, encoding="utf-8")
    with open(corpus / "sources.toml", "a", encoding="utf-8") as f:
        f.write(NEW_SOURCE)
    assert cli(["run", "--corpus", str(corpus), "--out", str(out), "--verdicts", str(verdicts), "--quiet"]) == 0
    check_verdicts(out, wrong, correct)
    evidence, changes = read(out / "evidence.csv"), read(out / "changes.csv")
    new = evidence[evidence["report_id"] == NEW_REPORT]
    assert ("19", "mobila_team") in set(zip(new["region_code"], new["label"]))  # Västmanland's mobile teams
    assert set(changes["change"]) == {"added"} and set(changes["report_id"]) == {NEW_REPORT}
    assert identities(changes) == identities(new)


def test_the_readme_tool_explains_itself_and_names_a_folder_without_a_run(tmp_path, capsys):
    from reformtrace import readme

    before = README.read_bytes()
    with pytest.raises(SystemExit) as exit_:
        readme.main(["--help"])
    assert exit_.value.code == 0 and "usage: python -m reformtrace.readme [-h] [out]" in capsys.readouterr().out
    assert readme.main([str(tmp_path)]) == 2
    assert capsys.readouterr().err == f"{tmp_path}: no evidence.csv here; run the bundled corpus first (reformtrace run --out {tmp_path})\n"
    assert README.read_bytes() == before  # neither wrote the README
