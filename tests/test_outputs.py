"""The files of a run: names, contents, byte-identical reruns, atomic replacement,
the Excel workbook's safety and layout, the HTML's escaping, the notebook API."""
from __future__ import annotations

import io
import json
import multiprocessing
import re
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from outputs_fixtures import HOSTILE, PROBLEMS, R000, R001, R004, SUMMARY, results
from reformtrace import api
from reformtrace.matrix import build_tables, vocabulary
from reformtrace.outputs import write_outputs
from reformtrace.themes.pairs import history_files

FILES = [
    "changes.csv", "cooccurrence.csv", "cooccurrence_goal_intervention.csv", "cooccurrence_goal_intervention.png",
    "evidence.csv", f"evidence/{R000}.parquet", f"evidence/{R001}.parquet", f"evidence/{R004}.parquet", "evidence.xlsx", "first_mentions.csv", "heatmap_region_goal.png", "heatmap_region_intervention.png",
    "matrix_region_goal.csv", "matrix_region_goal_done_measured.csv", "matrix_region_goal_reports.csv", "matrix_region_goal_verified.csv",
    "matrix_region_intervention.csv", "matrix_region_intervention_done_measured.csv", "matrix_region_intervention_reports.csv",
    "matrix_region_intervention_verified.csv", "repairs.csv", "report.html", "reports.csv",
    "reuse.csv", "theme_spread.csv", "theme_spread.png", "theme_timeline.csv", "theme_timeline.png", "verdicts_applied.csv", "verdicts_unmatched.csv",
    *history_files(),  # the texts text reuse compared and the pairs it found, for the next run
]


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    folder = tmp_path_factory.mktemp("out")
    written = write_outputs(folder, results(), PROBLEMS, SUMMARY)
    assert written == sorted(folder / name for name in FILES)
    return folder


def test_writes_every_file_and_nothing_else(out):
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()) == sorted(FILES)


def test_the_done_and_measured_matrix_counts_only_those_kinds(tmp_path):
    runs = results()
    r004 = next(r for r in runs if r.report_id == R004)
    r004.passages[1].passage.text = "Region Halland planerar att starta mobila team nära kommunernas hemsjukvård."
    r004.passages[1].region_mentions[0].start, r004.passages[1].region_mentions[0].end = 7, 14
    write_outputs(tmp_path, runs, PROBLEMS, SUMMARY)
    every = pd.read_csv(tmp_path / "matrix_region_intervention.csv", dtype={"region_code": str}).set_index("region_code")
    firm = pd.read_csv(tmp_path / "matrix_region_intervention_done_measured.csv", dtype={"region_code": str}).set_index("region_code")
    evidence = pd.read_csv(tmp_path / "evidence.csv", dtype={"region_code": str})
    halland = evidence[(evidence["region_code"] == "13") & (evidence["label"] == "mobila_team")]
    assert sorted(halland["kind"]) == ["done", "planned"]
    assert (every.loc["13", "mobila_team"], firm.loc["13", "mobila_team"]) == (2, 1)


def test_same_results_give_byte_identical_files(out, tmp_path):
    write_outputs(tmp_path, list(reversed(results())), PROBLEMS, SUMMARY)
    assert [name for name in FILES if (out / name).read_bytes() != (tmp_path / name).read_bytes()] == []


def test_repairs_csv_is_the_audit_trail_with_every_original(out):
    assert (out / "repairs.csv").read_text(encoding="utf-8").splitlines() == [
        "report_id,page,offset,original,replacement,score",
        "000_socialstyrelsen_uppfoljning_2022,9,120,nira,nära,0.98",
        "000_socialstyrelsen_uppfoljning_2022,9,180,14n,län,0.95",
    ]


def test_evidence_csv_and_parquet_hold_the_same_table(out):
    expected = build_tables(results(), vocabulary()).evidence
    csv_lines = (out / "evidence.csv").read_text(encoding="utf-8").splitlines()
    assert csv_lines[0] == ",".join(expected.columns)
    assert len(csv_lines) == 20
    assert csv_lines[1].startswith(f"{R000},{R000}.txt,Socialstyrelsen,Uppföljning av omställningen till en mer nära vård 2022,2023,9,")
    assert (",13,Halland,Halland,intervention,mobila_team,Mobila team,done,,,0.66,rule: mobila_team; model p=0.91,"
            "the only region named,I Halland har mobila team arbetat med vaccinationer under pandemin.,0-67,") in csv_lines[1]
    pd.testing.assert_frame_equal(api.load_run(out).evidence, expected)
    pd.testing.assert_frame_equal(pd.read_parquet(out / "evidence"), expected)  # the folder is one dataset to pandas and Arrow


def test_csv_rows_quote_what_a_reader_would_split_and_keep_numbers_as_written():
    from reformtrace.outputs import csv_rows

    row = ["Region Skåne, Malmö", 'så kallade "mobila team"', "rad ett\nrad två", "vagn\rretur", "", None, 1, 1.0, 0.94, 2023, " kant "]
    assert csv_rows([row, row[:2]]).decode("utf-8") == (
        '"Region Skåne, Malmö","så kallade ""mobila team""","rad ett\nrad två","vagn\rretur",,,1,1.0,0.94,2023, kant \n'
        '"Region Skåne, Malmö","så kallade ""mobila team"""\n'
    )
    assert pd.read_csv(io.BytesIO(csv_rows([row])), header=None).iloc[0, :4].tolist() == row[:4]


def test_matrix_csvs_have_21_region_rows_and_label_columns(out):
    lines = (out / "matrix_region_intervention.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("region_code,region,mobila_team,sip,halsosamtal,")
    assert len(lines) == 22
    assert lines[11] == "13,Halland,2" + ",0" * 14
    goals = (out / "matrix_region_goal_reports.csv").read_text(encoding="utf-8").splitlines()
    assert goals[-1] == "25,Norrbotten" + ",0" * 9
    spread = (out / "theme_spread.csv").read_text(encoding="utf-8").splitlines()
    assert spread[0] == f"dimension,label,label_name,{R001},{R000},{R004}"
    assert "intervention,mobila_team,Mobila team,0.4,0.5,1.0" in spread


def test_workbook_sheets_heatmaps_filters_and_text_never_formula(out):
    book = openpyxl.load_workbook(out / "evidence.xlsx")
    assert book.sheetnames == [  # in Swedish by default
        "Om", "Målmatris", "Målmatris (rapporter)", "Insatsmatris", "Insatsmatris (rapporter)", "Temaspridning", "Rapporter", "Evidens",
    ]
    goals = book["Målmatris"]
    assert [goals.cell(1, j).value for j in (1, 2, 3)] == ["Kod", "Region", "Ökad tillgänglighet"]
    assert goals.freeze_panes == "C2" and goals.max_row == 22
    assert [str(r.sqref) for r in goals.conditional_formatting] == ["C2:K22"]
    evidence = book["Evidens"]
    assert evidence.freeze_panes == "A2" and evidence.auto_filter.ref == "A1:Y20"
    hostile = [c for row in evidence.iter_rows() for c in row if c.value == HOSTILE]
    assert len(hostile) == 4 and {c.data_type for c in hostile} == {"s"}  # its quote and, one sentence, its tying sentence
    header = [c.value for c in evidence[1]]
    assert header[:3] == ["Rapport-id", "Källfil", "Utgivare"] and header[-1] == "Citat"
    quote, verdict = header.index("Citat") + 1, header.index("Omdöme") + 1
    assert evidence.cell(2, quote).alignment.wrap_text and not evidence.cell(2, 1).alignment.wrap_text  # the quotes wrap
    [validation] = evidence.data_validations.dataValidation
    assert validation.formula1 == '"rätt,fel"' and str(validation.sqref) == f"{evidence.cell(2, verdict).coordinate}:{evidence.cell(20, verdict).coordinate}"
    assert book["Temaspridning"].cell(1, 4).value == "001 (2022)"
    with zipfile.ZipFile(out / "evidence.xlsx") as archive:
        assert not [n for n in archive.namelist() if n.startswith("xl/worksheets/") and b"<f>" in archive.read(n)]
        assert b"<dcterms:modified xsi:type=\"dcterms:W3CDTF\">2000-01-01T00:00:00Z" in archive.read("docProps/core.xml")
    about = [c.value for row in book["Om"].iter_rows() for c in row if c.value is not None]
    assert "trasig.pdf" in about and "extract: not a PDF (no %PDF header)" in about


def test_workbook_about_sheet_describes_the_changes_sheet_only_when_the_book_has_one(tmp_path):
    from reformtrace.outputs import RunContext

    def described(book):
        column = [row[0].value for row in book["Om"].iter_rows(min_row=4)]
        return column[:column.index(None)]

    write_outputs(tmp_path, [r for r in results() if r.report_id != R004], PROBLEMS, SUMMARY, context=RunContext(previous=tmp_path, now="2026-01-10 09:00 UTC"))
    first = openpyxl.load_workbook(tmp_path / "evidence.xlsx", read_only=True)
    assert "Ändringar" not in first.sheetnames and described(first) == first.sheetnames[1:]
    write_outputs(tmp_path, results(), PROBLEMS, SUMMARY, context=RunContext(previous=tmp_path, now="2026-02-01 09:00 UTC"))
    second = openpyxl.load_workbook(tmp_path / "evidence.xlsx", read_only=True)
    assert second.sheetnames[-1] == "Ändringar" and described(second) == second.sheetnames[1:]


def test_workbook_keeps_text_that_looks_like_a_formula_as_text(tmp_path):
    from reformtrace.report import excel

    runs = results()
    runs[0].meta.update(publisher="@Vårdanalys", title="+Omtag för omställning")
    runs[0].passages[1].passage.section = ["-Fallstudier"]  # 004, the last row
    path = tmp_path / "book.xlsx"
    path.write_bytes(excel.workbook(build_tables(runs, vocabulary()), [], {}))
    sheet = openpyxl.load_workbook(path)["Evidens"]
    row = [c for c in sheet[sheet.max_row]]
    assert [(c.value, c.data_type) for c in row[2:4]] == [("@Vårdanalys", "s"), ("+Omtag för omställning", "s")]
    assert (row[8].value, row[8].data_type) == ("-Fallstudier", "s")


def test_an_evidence_table_longer_than_a_sheet_is_cut_with_a_note_not_dropped_silently(tmp_path, monkeypatch):
    from reformtrace.report import excel

    tables = build_tables(results(), vocabulary())
    assert len(tables.evidence) == 19
    monkeypatch.setattr(excel, "MAX_ROWS", 5)  # a sheet of five rows: the header, three rows and the note
    path = tmp_path / "book.xlsx"
    path.write_bytes(excel.workbook(tables, [], {}))
    sheet = openpyxl.load_workbook(path)["Evidens"]
    assert sheet.max_row == 5
    assert [c.value for c in sheet[4]][:2] == list(tables.evidence.iloc[2][:2])
    assert sheet["A5"].value == "… 16 rader till än ett blad rymmer: se evidence.csv"
    assert sheet.auto_filter.ref == "A1:Y4"


def test_workbook_rows_made_a_few_at_a_time_are_the_same_bytes_as_all_at_once(tmp_path, monkeypatch):
    from reformtrace.report import excel

    tables = build_tables(results(), vocabulary())
    monkeypatch.setattr(excel, "ROWS_AT_ONCE", 10_000)
    whole = excel.workbook(tables, [], {})
    monkeypatch.setattr(excel, "ROWS_AT_ONCE", 3)  # 19 rows: seven pieces, the last of one row
    pieces = excel.workbook(tables, [], {})
    assert pieces == whole
    path = tmp_path / "book.xlsx"
    path.write_bytes(pieces)
    sheet = openpyxl.load_workbook(path)["Evidens"]
    assert sheet.max_row == 20 and [c.value for c in sheet[20]][:2] == list(tables.evidence.iloc[18][:2])


CELLS = ["", None, pd.NA, float("nan"), float("inf"), "=SUMMA(A1)", 0.5, "http://x.se", 2023, " kant ", "a<b & c>d", "\x01styr\x02ning", "\x01", "_x0041_"]
CELLS_READ = [(None, "n")] * 5 + [("=SUMMA(A1)", "s"), (0.5, "n"), ("http://x.se", "s"), (2023, "n"), (" kant ", "s"), ("a<b & c>d", "s"), ("styrning", "s"), (None, "n")]


def test_workbook_cells_are_blank_for_empty_and_missing_values(tmp_path):
    import xlsxwriter

    from reformtrace.report import excel

    path = tmp_path / "cells.xlsx"
    book = xlsxwriter.Workbook(str(path))
    excel._write_row(book.add_worksheet("S"), 0, CELLS)
    book.close()
    row = [(c.value, c.data_type) for c in openpyxl.load_workbook(path)["S"][1]]
    assert row == CELLS_READ + [("_x0041_", "s")]  # openpyxl reads Excel's escape of the escape


def test_table_rows_written_as_xml_read_back_as_the_cells_xlsxwriter_writes(tmp_path):
    import xlsxwriter

    from reformtrace.report import excel

    sink = io.BytesIO()
    book = xlsxwriter.Workbook(sink, {"in_memory": True})
    excel._write_row(book.add_worksheet("S"), 0, ["rubrik"] * len(CELLS))
    book.close()
    columns = [[value, "andra raden", "andra raden"] for value in CELLS]
    path = tmp_path / "rows.xlsx"
    frame = pd.DataFrame(dict(enumerate(columns)), dtype=object)
    path.write_bytes(excel._with_rows(sink.getvalue(), {"xl/worksheets/sheet1.xml": ("A1:N4", frame)}))
    sheet = openpyxl.load_workbook(path)["S"]
    assert sheet.dimensions == "A1:N4"
    assert [(c.value, c.data_type) for c in sheet[2]] == CELLS_READ + [("_x0041_", "s")]
    assert [c.value for c in sheet[3]] == [c.value for c in sheet[4]] == ["andra raden"] * len(CELLS)
    with zipfile.ZipFile(path) as archive:
        xml, strings = (archive.read(f"xl/{name}.xml").decode() for name in ("worksheets/sheet1", "sharedStrings"))
    assert '<row r="2"><c r="F2" t="s"><v>1</v></c>' in xml and '<c r="I2"><v>2023</v></c>' in xml
    assert strings.count("<si><t>andra raden</t></si>") == 1 and '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" uniqueCount="8">' in strings
    assert '<si><t xml:space="preserve"> kant </t></si>' in strings and "<si><t>a&lt;b &amp; c&gt;d</t></si>" in strings
    assert "<si><t>_x005F_x0041_</t></si>" in strings  # Excel reads it as _x0041_, not as "A"


def test_html_is_self_contained_names_every_region_and_escapes_report_text(out):
    page = (out / "report.html").read_text(encoding="utf-8")
    assert all(name in page for name in vocabulary().regions.values())
    assert "<script>alert(1)" not in page and "<img" not in page
    assert page.count("<script") == 2 and not re.search(r"(?:src|href)=[\"']?https?:", page)
    block = re.search(r'<script type="application/json" id="data">(.*?)</script>', page, re.S).group(1)
    assert "</" not in block
    data = json.loads(block)
    assert HOSTILE in [p[3] for p in data["passages"]]
    assert [r["label"] for r in data["reports"]] == ["001 (2022)", "000 (2023)", "004 (2025)"]
    assert "<td>seconds.extract</td><td>1.5</td>" in page


def test_html_names_a_report_without_a_publisher_an_unknown_publisher_not_a_blank(tmp_path):
    runs = results()
    next(r for r in runs if r.report_id == R004).meta["publisher"] = ""  # a PDF whose metadata names none, without an entry in sources.toml
    write_outputs(tmp_path, runs, PROBLEMS, SUMMARY)
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    data = json.loads(re.search(r'<script type="application/json" id="data">(.*?)</script>', page, re.S).group(1))
    assert data["publishers"] == ["Socialstyrelsen", "okänd utgivare"]
    assert [r["publisher"] for r in data["reports"]] == ["Socialstyrelsen", "Socialstyrelsen", "okänd utgivare"]
    assert [name for _, name in data["themes"]["timeline"]["publisher"]["groups"]] == ["okänd utgivare", "Socialstyrelsen"]
    assert pd.read_csv(tmp_path / "reports.csv", keep_default_na=False)["publisher"].tolist() == ["Socialstyrelsen", "Socialstyrelsen", ""]


def test_reports_sharing_a_file_name_prefix_are_headed_by_their_whole_ids():
    from reformtrace.report import report_labels

    ids = ["001_socialstyrelsen_uppfoljning_2021", "prop_1991-92_43_SCANNED_excerpt", "prop_2013-14_104_etablering_encrypted", "simrishamn_kfn_arsbokslut"]
    assert report_labels(ids, [2022, 1991, 2013, float("nan")]) == [
        "001 (2022)", "prop_1991-92_43_SCANNED_excerpt (1991)", "prop_2013-14_104_etablering_encrypted (2013)", "simrishamn",
    ]


def test_run_details_give_each_warning_a_row_of_its_own():
    from reformtrace.report import run_details

    summary = {"reports": 7, "warnings": [
        "nfs_2007_10_naturvardsverket.pdf: no entry in sources.toml; title 'Naturvårdsverkets författningssamling' taken from the PDF",
        "prop_1991-92_43_SCANNED_excerpt.pdf: no entry in sources.toml; year 1991 from the file name; the file name as title",
    ], "problems": [], "seconds": {"extract": 5.3}}
    assert run_details(summary) == [
        ("reports", "7"),
        ("warnings", "nfs_2007_10_naturvardsverket.pdf: no entry in sources.toml; title 'Naturvårdsverkets författningssamling' taken from the PDF"),
        ("warnings", "prop_1991-92_43_SCANNED_excerpt.pdf: no entry in sources.toml; year 1991 from the file name; the file name as title"),
        ("seconds.extract", "5.3"),
    ]


def test_pngs_are_images(out):
    for name in ("heatmap_region_goal.png", "heatmap_region_intervention.png", "theme_spread.png"):
        assert (out / name).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_a_failure_while_rendering_leaves_the_previous_outputs(out, tmp_path, monkeypatch):
    write_outputs(tmp_path, results(), PROBLEMS, SUMMARY)
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}

    def broken(*args):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("reformtrace.report.html.report", broken)
    with pytest.raises(RuntimeError, match="disk on fire"):
        write_outputs(tmp_path, results()[:1], [], {})
    assert {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()} == before  # the three parts too, not one
    assert multiprocessing.active_children() == []  # the process rendering the workbook and the heatmaps is gone too


def test_api_loads_a_run_and_builds_a_matrix_for_a_subset_in_one_call(out):
    run = api.load_run(out)
    pd.testing.assert_frame_equal(run.evidence, build_tables(results(), vocabulary()).evidence)
    assert list(run.reports["report_id"]) == [R000, R001, R004]
    assert run.label_names["intervention"]["sip"] == "Samordnad individuell plan (SIP)"
    whole = api.matrix(run.evidence, "intervention")
    pd.testing.assert_frame_equal(whole, pd.read_csv(out / "matrix_region_intervention.csv", dtype={"region_code": str}, index_col=[0, 1]))
    sub = api.matrix(run.evidence, "intervention", years=[2023, 2025], publishers=["Socialstyrelsen"], labels=["mobila_team", "digital_vard"])
    assert list(sub.columns) == ["mobila_team", "digital_vard"] and len(sub) == 21
    assert {code: list(row) for (code, _), row in sub.iterrows() if row.any()} == {"08": [0, 1], "13": [1, 0]}
    by_reports = run.matrix("intervention", count="reports", reports=[R000, R004])
    assert by_reports.loc[("13", "Halland"), "mobila_team"] == 2
    spread = run.theme_spread
    assert list(spread.columns) == [R001, R000, R004]
    assert spread.loc[("intervention", "mobila_team", "Mobila team"), R004] == 1.0


def test_api_takes_regions_by_code_or_name_and_refuses_what_the_run_does_not_know(out):
    run = api.load_run(out)
    by_name = run.quotes(region="Skåne", label="mobila_team")
    assert list(by_name["passage_id"]) == [f"{R004}:0001"] and list(by_name["region"]) == ["Skåne"]
    for same in ("12", 12, "Region Skåne", "skåne län", "12 Skåne"):
        pd.testing.assert_frame_equal(run.quotes(region=same, label="mobila_team"), by_name)
    assert len(run.quotes(region="Västerbotten")) == 3 and len(run.quotes(region=24)) == 3
    assert run.quotes(region="Gotland").empty  # a region the run has no evidence for: no rows, rightly
    with pytest.raises(ValueError, match=r"unknown region 'Lund'; regions: 01 Stockholm, 03 Uppsala, .* 25 Norrbotten"):
        run.quotes(region="Lund", label="mobila_team")
    with pytest.raises(ValueError, match=r"no evidence for year \[2030\]; years with evidence: \[2022, 2023, 2025\]"):
        run.matrix("goal", years=[2030])
    with pytest.raises(ValueError, match=r"no evidence for year \[2030\]"):
        run.quotes(region="Skåne", years=2030)
    with pytest.raises(ValueError, match=r"no evidence for report_id \['999_okand'\]; known: \['000_socialstyrelsen"):
        run.matrix("goal", reports=["999_okand"])
    with pytest.raises(ValueError, match="unknown label \\['mobil_team'\\]; the labels: \\['ambulans', "):
        run.quotes(label="mobil_team")
    # a label of the taxonomy that the run has no evidence for: no rows, and a column of zeros
    assert "egenmonitorering" not in set(run.evidence["label"])
    assert run.quotes(region="Skåne", label="egenmonitorering").empty
    assert run.matrix("intervention", labels=["egenmonitorering"])["egenmonitorering"].sum() == 0
    # a label of the other dimension is an error too, not an empty matrix
    with pytest.raises(ValueError, match=r"\['mobila_team'\] are no goal labels; the goal labels: \['tillganglighet', "):
        run.matrix("goal", labels=["mobila_team"])
    assert list(run.matrix("intervention", labels=["mobila_team"]).columns) == ["mobila_team"]


@pytest.mark.parametrize("name, quote", [
    ("theme_spread.ipynb", "I Halland har mobila team arbetat med vaccinationer under pandemin."),
    ("evidence_for_one_goal.ipynb", "I Region Skåne och Västra Götalandsregionen har mobila team byggts ut"),
])
def test_notebooks_run_top_to_bottom(out, name, quote, monkeypatch):
    import nbclient
    import nbformat

    folder = Path(__file__).resolve().parent.parent / "notebooks"
    notebook = nbformat.read(folder / name, as_version=4)
    assert all(not cell.get("outputs") for cell in notebook.cells if cell.cell_type == "code")  # committed clean
    monkeypatch.setenv("REFORMTRACE_OUT", str(out))
    nbclient.NotebookClient(notebook, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(folder)}}).execute()
    shown = "\n".join(o.get("data", {}).get("text/plain", "") for cell in notebook.cells for o in cell.get("outputs", []))
    assert "error" not in {o.output_type for cell in notebook.cells for o in cell.get("outputs", [])}
    assert quote in shown
