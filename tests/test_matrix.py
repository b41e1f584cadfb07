"""The tables: evidence rows, region matrices, theme spread, subsets."""
from __future__ import annotations

import copy

import pandas as pd
import pytest

from outputs_fixtures import HOSTILE, R000, R001, R004, results
from reformtrace.matrix import EVIDENCE_COLUMNS, build_tables, region_matrix, select, vocabulary
from reformtrace.model import Label, ReportResult

CODES = ["01", "03", "04", "05", "06", "07", "08", "09", "10", "12", "13", "14", "17", "18", "19", "20", "21", "22", "23", "24", "25"]


@pytest.fixture(scope="module")
def tables():
    return build_tables(results(), vocabulary())


def test_evidence_has_one_row_per_passage_region_and_label(tables):
    evidence = tables.evidence
    assert list(evidence.columns) == EVIDENCE_COLUMNS
    assert len(evidence) == 19
    assert list(evidence["report_id"].unique()) == [R000, R001, R004]  # sorted, whatever the input order
    both = evidence[evidence["passage_id"] == f"{R004}:0001"]
    assert list(zip(both["dimension"], both["label"], both["region_code"], both["region"])) == [
        ("goal", "samordning", "12", "Skåne"), ("goal", "samordning", "14", "Västra Götaland"),
        ("intervention", "mobila_team", "12", "Skåne"), ("intervention", "mobila_team", "14", "Västra Götaland"),
    ]
    assert f"{R001}:0005" not in set(evidence["passage_id"])  # no label, no row


def test_a_labelled_passage_without_region_has_empty_region_and_folded_quote(tables):
    rows = tables.evidence[tables.evidence["passage_id"] == f"{R001}:0001"]
    assert list(rows["label"]) == ["mobila_team", "sip", "hemsjukvard"]  # taxonomy order
    assert set(rows["region_code"]) == {""} and set(rows["region"]) == {""}
    assert set(rows["quote"]) == {"De flesta regioner redovisar att de arbetar med mobila team, hemsjukvård och samordnad individuell plan."}
    assert list(rows["label_name"]) == ["Mobila team", "Samordnad individuell plan (SIP)", "Hemsjukvård"]


def test_evidence_keeps_provenance(tables):
    row = tables.evidence[(tables.evidence["passage_id"] == f"{R001}:0002") & (tables.evidence["label"] == "mobila_team")].iloc[0]
    assert row["source"] == f"{R001}.txt"
    assert (row["publisher"], row["year"], row["page"]) == ("Socialstyrelsen", 2022, 12)
    assert row["section"] == "5 Arbetet med omställningen > Mobila team och hemsjukvård"
    assert row["region_surface"] == "Region Västerbotten; Skellefteå"
    assert (row["score"], row["evidence"]) == (0.66, "rule: mobila_team; model p=0.91")  # one cue, the only region
    assert row["quote"].startswith("Ett exempel är att Region Västerbotten och Skellefteå kommun under våren 2021 började")
    hostile = tables.evidence[tables.evidence["region_code"] == "08"]
    assert set(hostile["quote"]) == {HOSTILE}


def test_region_matrix_has_all_regions_in_code_order_and_counts_passages(tables):
    goals, interventions = tables.matrix("goal"), tables.matrix("intervention")
    assert goals.shape == (21, 9) and interventions.shape == (21, 15)
    assert list(interventions.index.get_level_values("region_code")) == CODES
    assert interventions.index[-3] == ("23", "Jämtland Härjedalen")
    assert list(interventions.columns[:3]) == ["mobila_team", "sip", "halsosamtal"]
    column = interventions["mobila_team"]
    assert {code: n for (code, _), n in column.items() if n} == {"12": 1, "13": 2, "14": 1, "24": 1}
    assert int(interventions.to_numpy().sum()) == 9  # the passage without region counts in no cell
    assert goals.loc[("21", "Gävleborg"), "delaktighet"] == 1


def test_reports_count_differs_from_passages_when_one_report_says_it_twice():
    runs = results()
    r004 = next(r for r in runs if r.report_id == R004)
    again = copy.deepcopy(r004.passages[1])
    again.passage.id = f"{R004}:0003"
    again.passage.text = "Mobila team i Halland har utökats under året."
    r004.passages.append(again)  # Halland × mobila team once more in 004, in other words
    tables = build_tables(runs, vocabulary())
    assert tables.matrix("intervention").loc[("13", "Halland"), "mobila_team"] == 3
    assert tables.matrix("intervention", "reports").loc[("13", "Halland"), "mobila_team"] == 2


def test_a_passage_printed_on_several_pages_is_one_piece_of_evidence():
    runs = results()
    r004 = next(r for r in runs if r.report_id == R004)
    for n, page in ((3, 140), (4, 180)):
        again = copy.deepcopy(r004.passages[1])  # "Mobila team i Halland ...", a box printed in every chapter
        again.passage.id, again.passage.page = f"{R004}:{n:04d}", page
        again.passage.text = again.passage.text.replace(" arbetar", "\narbetar")  # broken over lines elsewhere
        r004.passages.append(again)
    tables = build_tables(runs, vocabulary())
    rows = tables.evidence[tables.evidence["report_id"] == R004]
    halland = rows[rows["region_code"] == "13"]
    assert list(halland["pages"]) == ["102; 140; 180"]
    assert tables.matrix("intervention").loc[("13", "Halland"), "mobila_team"] == 2  # 004 once, 000 once


def test_a_label_no_longer_in_the_taxonomy_still_shows_under_its_id():
    runs = results()
    runs[0].passages[0].interventions.append(Label("telefonrad", 0.8, ["rule: telefonrad"]))
    tables = build_tables(runs, vocabulary())
    assert tables.matrix("intervention").columns[-1] == "telefonrad"
    assert set(tables.evidence.loc[tables.evidence["label"] == "telefonrad", "label_name"]) == {"telefonrad"}


def test_region_matrix_rejects_unknown_dimension_or_count(tables):
    with pytest.raises(ValueError, match="dimension must be one of"):
        region_matrix(tables.evidence, tables.vocab, "region")
    with pytest.raises(ValueError, match="count must be one of"):
        region_matrix(tables.evidence, tables.vocab, "goal", count="quotes")


def test_theme_spread_is_share_of_passages_per_report_in_year_order(tables):
    spread = tables.spread
    assert list(spread.columns) == [R001, R000, R004]  # published 2022, 2023, 2025
    assert len(spread) == 24
    assert list(spread.loc[("intervention", "mobila_team", "Mobila team")]) == [0.4, 0.5, 1.0]
    assert list(spread.loc[("goal", "samordning", "Samordnad vård")]) == [0.2, 0.0, 0.5]
    assert list(spread.loc[("goal", "effektivitet", "Effektivitet")]) == [0.0, 0.0, 0.0]


def test_theme_spread_keeps_a_report_without_passages_at_zero():
    runs = results() + [ReportResult("005_tom", {"source": "005_tom.md", "publisher": "SKR", "year": 2024}, 3)]
    spread = build_tables(runs, vocabulary()).spread
    assert list(spread.columns) == [R001, R000, "005_tom", R004]
    assert spread["005_tom"].sum() == 0.0


def test_select_subsets_and_names_what_is_unknown(tables):
    evidence = tables.evidence
    assert set(select(evidence, reports=[R001])["report_id"]) == {R001}
    assert set(select(evidence, years=range(2024, 2026))["report_id"]) == {R004}
    assert set(select(evidence, publishers="Vårdanalys")["passage_id"]) == {f"{R004}:0001", f"{R004}:0002"}
    assert len(select(evidence, labels=["sip", "nara"])) == 3
    with pytest.raises(ValueError, match=r"no evidence for report_id \['999'\]; known: \['000_"):
        select(evidence, reports=["999"])


def test_empty_run_gives_empty_tables_with_the_same_shape():
    tables = build_tables([], vocabulary())
    assert list(tables.evidence.columns) == EVIDENCE_COLUMNS and tables.evidence.empty
    assert tables.matrix("goal").shape == (21, 9)
    assert tables.spread.shape == (24, 0)
    assert isinstance(tables.evidence["year"].dtype, pd.Int64Dtype)
