"""Verdicts: reading the files evaluators write, finding each verdict's row when the
passages have been renumbered, split or repaired again, what counts, what is new
since the previous run, and verdicts as training examples."""
from __future__ import annotations

import pandas as pd
import pytest

from outputs_fixtures import PROBLEMS, R000, R001, R004, SUMMARY, results
from reformtrace import changes, teach
from reformtrace.cli import main as cli
from reformtrace.errors import InputError
from reformtrace.identity import text_key
from reformtrace.matrix import build_tables, vocabulary
from reformtrace.outputs import RunContext, csv_rows, frame_rows, tabulate, write_outputs
from reformtrace.report.i18n import LANGUAGES, Strings
from reformtrace.verdicts import Judge, Previous, Verdict, match, read_verdicts

UPPSALA = ("Region Uppsala anger att det primära syftet med riktade hälsosamtal är att förebygga hjärt- och "
           "kärlsjukdom men också att minska risken att utveckla exempelvis cancer och diabetes typ 2.")


def frame(*rows) -> pd.DataFrame:
    """An evidence table with the columns matching reads: (report, passage number, region, label, quote[, sentence])."""
    return pd.DataFrame(
        [(report, f"{report}:{n:04d}", region, label, quote, sentence[0] if sentence else quote) for report, n, region, label, quote, *sentence in rows],
        columns=["report_id", "passage_id", "region_code", "label", "quote", "sentence"],
    )


def test_reads_what_excel_and_a_swedish_workbook_save(tmp_path):
    path = tmp_path / "omdomen.csv"
    text = ("Rapport-id;Passage-id;Regionkod;Etikett-id;Omdöme;Anteckning;Citat\r\n"
            f"{R000};{R000}:0001;13;mobila_team;Fel;vaccinationer är inget mobilt team;I Halland har mobila team\r\n"
            f"{R001};{R001}:0003;3;halsosamtal;rätt;;\r\n"
            f"{R001};{R001}:0004;21;sip;;;\r\n")  # a row left unjudged
    path.write_bytes(text.encode("cp1252"))  # Excel's plain "CSV" in Swedish: semicolons, Windows-1252
    assert read_verdicts(path) == [
        Verdict(R000, f"{R000}:0001", "13", "mobila_team", "wrong", "vaccinationer är inget mobilt team", "I Halland har mobila team", "", 2),
        Verdict(R001, f"{R001}:0003", "03", "halsosamtal", "correct", "", "", "", 3),
    ]
    path.write_text("\ufeffreport_id,passage_id,region_code,label,verdict\n" f"{R000},{R000}:0001,13,mobila_team,correct\n", encoding="utf-8")
    assert [v.verdict for v in read_verdicts(path)] == ["correct"]


def test_a_broken_verdicts_file_is_named_and_stops_the_run_before_any_work(tmp_path, capsys):
    path = tmp_path / "verdicts.csv"
    path.write_text("report_id,passage_id,label,verdict\n", encoding="utf-8")
    with pytest.raises(InputError, match="needs the columns report_id, passage_id, region_code, label, verdict; missing region_code"):
        read_verdicts(path)
    path.write_text("report_id,passage_id,region_code,label,verdict\na,a:0001,01,sip,kanske\n", encoding="utf-8")
    with pytest.raises(InputError, match="line 2: verdict 'kanske'; write correct or wrong"):
        read_verdicts(path)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Region Skåne inför mobila team.\n", encoding="utf-8")
    assert cli(["run", "--corpus", str(corpus), "--out", str(tmp_path / "out"), "--verdicts", str(path)]) == 2
    assert "line 2: verdict 'kanske'" in capsys.readouterr().err
    assert cli(["run", "--corpus", str(corpus), "--out", str(tmp_path / "out"), "--verdicts", str(tmp_path / "none.csv")]) == 2
    assert not (tmp_path / "out" / "evidence.csv").exists()


def test_a_verdict_finds_its_row_by_text_when_the_passages_are_renumbered_split_or_repaired_again():
    first, second = UPPSALA.split(" men ")
    before = frame(("r", 1, "13", "mobila_team", "I Halland har mobila team arbetat med vaccinationer under pandemin."),
                   ("r", 2, "03", "halsosamtal", UPPSALA, first + "."))
    after = frame(("r", 1, "", "nara", "En ny rubrikpassage som flyttar numren."),
                  ("r", 2, "13", "mobila_team", "I Halland har mobila team arbetat med vaccinationer under pandemin."),
                  ("r", 3, "03", "halsosamtal", first + "."),  # the passage split in two, both parts keeping the label
                  ("r", 4, "03", "halsosamtal", "Men också att minska risken att utveckla exempelvis cancer och diabetes typ 2."))
    with_text = [Verdict("r", "r:0001", "13", "mobila_team", "wrong", quote=before["quote"][0], line=2),
                 Verdict("r", "r:0002", "03", "halsosamtal", "correct", quote=UPPSALA, sentence=first + ".", line=3)]
    found = match(with_text, after)
    assert found.verdict == ["", "wrong", "correct", ""]
    assert [row[6] for row in found.applied] == ["text", "similar text"]

    # a hand-made file has no text: the previous outputs give the text each was tied to
    bare = [Verdict("r", "r:0001", "13", "mobila_team", "wrong", line=2), Verdict("r", "r:0002", "03", "halsosamtal", "correct", line=3)]
    assert match(bare, after).verdict == ["", "", "", ""]  # by number alone: the rows there now are other passages
    assert [row[6] for row in match(bare, after).unmatched] == ["no row of this report, region and label has this passage number (and the file gives no text)"] * 2
    shown = Previous(shown={v.identity: (q, s) for v, q, s in zip(bare, before["quote"], before["sentence"])})
    assert match(bare, after, shown).verdict == ["", "wrong", "correct", ""]
    assert match(bare, before).verdict == ["wrong", "correct"]  # a first run: the number names the row

    repaired = frame(("r", 7, "13", "mobila_team", "I Halland har mobila team arbetat med vaccinationer under pandemin"))  # a repair took the stop
    assert match(with_text[:1], repaired).verdict == ["wrong"]
    renamed = frame(("r2", 1, "13", "mobila_team", before["quote"][0]))
    assert match(with_text[:1], renamed).applied[0][6:8] == ["text (report renamed)", "r2:0001"]


def test_a_verdict_without_its_row_is_listed_with_the_reason_and_the_last_line_wins():
    evidence = frame(("r", 1, "13", "mobila_team", "I Halland har mobila team."), ("r", 2, "13", "sip", "Halland har SIP."))
    verdicts = [
        Verdict("gone", "gone:0001", "13", "mobila_team", "wrong", quote="x", line=2),
        Verdict("r", "r:0001", "13", "ambulans", "wrong", quote="I Halland har mobila team.", line=3),
        Verdict("r", "r:0001", "14", "mobila_team", "wrong", quote="I Halland har mobila team.", line=4),  # the passage is there
        Verdict("r", "r:0002", "13", "sip", "wrong", line=5),
        Verdict("r", "r:0009", "13", "sip", "correct", quote="Halland har SIP.", line=6),  # the same row under another number, later
    ]
    found = match(verdicts, evidence)
    assert found.verdict == ["", "correct"]
    assert [(row[0], row[1], row[6]) for row in found.unmatched] == [
        ("gone", "gone:0001", "the report is not in this run"),
        ("r", "r:0001", "no row in this run has the label"),
        ("r", "r:0001", "the passage is in this run without this region and label: the row is no longer given"),
        ("r", "r:0002", "line 6 of the file, later, names the same row"),
    ]
    assert found.counts() == {"given": 5, "applied": 1, "correct": 1, "wrong": 0, "unmatched": 4}


def test_a_wrong_row_stays_in_the_table_and_counts_nowhere(tmp_path):
    verdicts = (Verdict(R004, f"{R004}:0002", "13", "mobila_team", "wrong", line=2), Verdict(R001, f"{R001}:0002", "24", "nara", "correct", line=3))
    write_outputs(tmp_path, results(), PROBLEMS, SUMMARY, context=RunContext(verdicts=verdicts))
    evidence = pd.read_csv(tmp_path / "evidence.csv", dtype=str, keep_default_na=False)
    assert len(evidence) == 19 and evidence["verdict"].tolist().count("wrong") == 1
    assert pd.read_parquet(tmp_path / "evidence")["verdict"].tolist() == evidence["verdict"].tolist()
    matrix = pd.read_csv(tmp_path / "matrix_region_intervention.csv", dtype={"region_code": str}).set_index("region_code")
    reports = pd.read_csv(tmp_path / "matrix_region_intervention_reports.csv", dtype={"region_code": str}).set_index("region_code")
    verified = pd.read_csv(tmp_path / "matrix_region_goal_verified.csv", dtype={"region_code": str}).set_index("region_code")
    assert (matrix.loc["13", "mobila_team"], reports.loc["13", "mobila_team"], verified.loc["24", "nara"]) == (1, 1, 1)
    spread = pd.read_csv(tmp_path / "theme_spread.csv").set_index("label")
    assert spread.loc["mobila_team", R004] == 0.5  # one of its two passages


def test_evidence_csv_is_written_again_only_for_reports_with_verdicts_and_the_same_as_tabulated():
    parts = [tabulate(r) for r in results()]
    for part in parts:  # a report's lines made from its rows are its tabulated lines
        assert csv_rows(frame_rows(part.tables.evidence)) == part.evidence_csv
    judge = Judge([Verdict(R000, f"{R000}:0001", "13", "mobila_team", "wrong", note='"fel", sa hon', line=2)])
    tables = build_tables([p.tables for p in parts], vocabulary(), judge)
    lines = csv_rows(frame_rows(tables.evidence)).decode().splitlines()
    assert ',intervention,mobila_team,Mobila team,done,wrong,"""fel"", sa hon",' in lines[0]


def test_what_is_new_since_the_previous_run_whose_evidence_differed(tmp_path):
    out = tmp_path / "out"
    without = [r for r in results() if r.report_id != R004]
    write_outputs(out, without, PROBLEMS, SUMMARY, context=RunContext(previous=out, now="2026-01-01 08:00 UTC"))
    assert changes.summary_of(out) == {"since": None, "added": 0, "removed": 0}  # a first run: nothing to compare with
    write_outputs(out, results(), PROBLEMS, SUMMARY, context=RunContext(previous=out, now="2026-01-02 08:00 UTC"))
    first = (out / "changes.csv").read_bytes()
    assert changes.summary_of(out) == {"since": "2026-01-01 08:00 UTC", "added": 5, "removed": 0}
    keys = (out / changes.KEYS).read_text(encoding="utf-8").splitlines()  # kept for the next run, which need not make them again
    assert len(keys) == 19 and keys[0] == f"{R000}|{text_key('I Halland har mobila team arbetat med vaccinationer under pandemin.')}|13|mobila_team"
    # a rerun with the same rows (verdicts, another language) keeps the comparison and its bytes
    verdicts = (Verdict(R004, f"{R004}:0002", "13", "mobila_team", "wrong", line=2),)
    write_outputs(out, results(), PROBLEMS, SUMMARY, context=RunContext(lang="en", verdicts=verdicts, previous=out, now="2026-01-03 08:00 UTC"))
    assert (out / "changes.csv").read_bytes() == first and changes.summary_of(out)["since"] == "2026-01-01 08:00 UTC"
    # a report gone: its rows are removed since the run that had them
    write_outputs(out, without, PROBLEMS, SUMMARY, context=RunContext(previous=out, now="2026-01-04 08:00 UTC"))
    table = pd.read_csv(out / "changes.csv", dtype=str, keep_default_na=False)
    assert changes.summary_of(out) == {"since": "2026-01-02 08:00 UTC", "added": 0, "removed": 5}
    assert set(table["report_id"]) == {R004} and table.columns.tolist() == changes.COLUMNS


def test_the_previous_evidence_is_read_a_part_at_a_time_for_the_columns_of_changes_csv_only(tmp_path, monkeypatch):
    import pyarrow.parquet as pq

    out, read = tmp_path / "out", []
    without = [r for r in results() if r.report_id != R004]
    write_outputs(out, results(), PROBLEMS, SUMMARY, context=RunContext(previous=out, now="2026-01-01 08:00 UTC"))
    whole = pq.ParquetFile.read_row_group

    def reading(file, group, columns=None, **kwargs):
        read.append(columns)
        return whole(file, group, columns=columns, **kwargs)

    monkeypatch.setattr(pq.ParquetFile, "read_row_group", reading)
    write_outputs(out, without, PROBLEMS, SUMMARY, context=RunContext(previous=out, now="2026-01-02 08:00 UTC"))
    # R004's part for its removed rows, then each report's part as the next run's baseline: not the sentences and the rest of every row
    assert read == [changes.COLUMNS[1:]] * 4
    table = pd.read_csv(out / "changes.csv", dtype=str, keep_default_na=False)
    assert changes.summary_of(out)["removed"] == 5 and "" not in set(table["quote"]) and table.columns.tolist() == changes.COLUMNS


@pytest.mark.parametrize("damage", ["truncated", "a page overwritten"])
def test_a_damaged_part_of_the_previous_evidence_compares_with_nothing_and_loses_no_output(tmp_path, damage):
    from reformtrace.evidence_parts import part_name

    out = tmp_path / "out"
    without = [r for r in results() if r.report_id != R004]
    write_outputs(out, results(), PROBLEMS, SUMMARY, context=RunContext(previous=out, now="2026-01-01 08:00 UTC"))
    part = out / part_name(R004)  # the report that goes: its rows would be read as removed
    data = part.read_bytes()
    part.write_bytes(data[:40] if damage == "truncated" else data[:4] + b"\xff" * 200 + data[204:])
    write_outputs(out, without, PROBLEMS, SUMMARY, context=RunContext(previous=out, now="2026-01-02 08:00 UTC"))
    assert changes.summary_of(out) == {"since": None, "added": 0, "removed": 0}
    assert (out / "evidence.csv").read_text(encoding="utf-8").count("\n") == 1 + 14 and not (out / changes.BASELINE).exists()


def test_a_damaged_part_of_a_report_that_stays_leaves_the_next_run_nothing_to_compare_with(tmp_path):
    from reformtrace.evidence_parts import part_name

    out = tmp_path / "out"
    without = [r for r in results() if r.report_id != R004]
    write_outputs(out, results(), PROBLEMS, SUMMARY, context=RunContext(previous=out, now="2026-01-01 08:00 UTC"))
    part = out / part_name(R000)  # a report that stays: its rows are read only for the baseline kept for the next run
    data = part.read_bytes()
    part.write_bytes(data[:4] + b"\xff" * 200 + data[204:])
    write_outputs(out, without, PROBLEMS, SUMMARY, context=RunContext(previous=out, now="2026-01-02 08:00 UTC"))
    assert changes.summary_of(out) == {"since": "2026-01-01 08:00 UTC", "added": 0, "removed": 5}
    assert (out / changes.BASELINE).read_bytes() == b""
    write_outputs(out, without, PROBLEMS, SUMMARY, context=RunContext(previous=out, now="2026-01-03 08:00 UTC"))
    assert changes.summary_of(out) == {"since": None, "added": 0, "removed": 0}


def test_verdicts_as_training_examples():
    evidence = build_tables(results(), vocabulary()).evidence
    verdicts = [
        Verdict(R004, f"{R004}:0001", "12", "mobila_team", "wrong", line=2),  # 14 keeps the label: about the region only
        Verdict(R004, f"{R004}:0002", "13", "mobila_team", "wrong", line=3),  # the passage's only mobila_team row: a negative
        Verdict(R001, f"{R001}:0003", "03", "halsosamtal", "correct", line=4),
        Verdict(R000, f"{R000}:0001", "13", "mobila_team", "correct", line=5),
        Verdict("gone", "gone:0001", "13", "sip", "wrong", line=6),
    ]
    annotated = [{"id": "x", "report": R001, "text": UPPSALA, "goals": ["forebyggande"], "interventions": [], "regions": ["03"]}]
    held_out = ["I Halland har mobila team arbetat med vaccinationer under pandemin."]
    rows, counts = teach.examples(verdicts, evidence, annotated, held_out)
    assert counts == {"negatives": 1, "positives": 1, "region_only": 1, "changed": 1, "added": 2, "held_out": 1, "verdicts": 5, "unmatched": 1}
    assert rows[0]["interventions"] == ["halsosamtal"]  # the hand label gains the verdict's
    added = {row["id"]: (row["goals"], row["interventions"]) for row in rows[1:]}
    assert added == {f"{R004}:0001": (["samordning"], ["mobila_team"]), f"{R004}:0002": ([], [])}
    assert "1 labels taken from their passages as negatives" in teach.card_lines("v.csv", "0" * 64, counts)


def test_interface_text_in_both_languages():
    for lang in LANGUAGES:
        t = Strings(lang)
        assert t("cli_reports", reports=1, processed=1, cached=0, failed=0) and t.column("quote")
    assert Strings("sv").column("verdict") == "Omdöme" and Strings("en").column("verdict") == "verdict"
    assert vocabulary().label_name("intervention", "mobila_team", "en") == "Mobile teams"
    with pytest.raises(ValueError):
        Strings("de")
