"""The corpus folder: metadata from sources.toml, from a PDF's own metadata, and what is reported."""
from datetime import datetime, timezone

import pytest
from fpdf import FPDF

from reformtrace.corpus import discover, pdf_metadata, stray_entries
from reformtrace.errors import InputError


def _pdf(path, title="", author="", first_line="Uppföljning av nära vård i Region Halland 2024"):
    pdf = FPDF()
    if title:
        pdf.set_title(title)
    if author:
        pdf.set_author(author)
    pdf.set_creation_date(datetime(2024, 3, 1, tzinfo=timezone.utc))
    pdf.add_page()
    pdf.set_font("helvetica", size=14)
    pdf.cell(0, 10, first_line)
    pdf.output(str(path))
    return path


def test_a_pdf_without_an_entry_takes_title_author_and_year_from_its_metadata(tmp_path):
    _pdf(tmp_path / "rapport.pdf", title="Nära vård i Halland 2024", author="Region Halland")
    (source,) = discover(tmp_path)
    assert (source.title, source.publisher, source.year) == ("Nära vård i Halland 2024", "Region Halland", 2024)
    assert source.warnings == ["rapport.pdf: no entry in sources.toml; title 'Nära vård i Halland 2024', publisher 'Region Halland', "
                               "year 2024 taken from the PDF (its metadata and first page)"]


def test_a_year_in_the_file_name_comes_before_the_pdfs_creation_date(tmp_path):
    """A scan's creation date is the day it was scanned: Prop. 1991/92:43 is no 2014 report."""
    _pdf(tmp_path / "prop_1991-92_43.pdf", title="Regeringens proposition 1991/92:43", author="Regeringen")
    (tmp_path / "nara_vard_uppfoljning.txt").write_text("Region Skåne inför mobila team.\n", encoding="utf-8")
    (tmp_path / "skr_rapport_2023.txt").write_text("Region Skåne inför mobila team.\n", encoding="utf-8")
    by_name = {s.path.name: s for s in discover(tmp_path)}
    assert [(n, s.year) for n, s in sorted(by_name.items())] == [
        ("nara_vard_uppfoljning.txt", None), ("prop_1991-92_43.pdf", 1991), ("skr_rapport_2023.txt", 2023)]
    assert by_name["prop_1991-92_43.pdf"].warnings == [
        "prop_1991-92_43.pdf: no entry in sources.toml; title 'Regeringens proposition 1991/92:43', publisher 'Regeringen' "
        "taken from the PDF (its metadata and first page); year 1991 from the file name"]
    assert by_name["skr_rapport_2023.txt"].warnings == [
        "skr_rapport_2023.txt: no entry in sources.toml; year 2023 from the file name; the file name as title"]
    assert by_name["nara_vard_uppfoljning.txt"].warnings == ["nara_vard_uppfoljning.txt: no entry in sources.toml; the file name as title"]


def test_a_markdown_text_without_an_entry_is_titled_by_its_first_heading(tmp_path):
    (tmp_path / "pressmeddelanden_2023_11_sjukvardsministern-besoker-halland.md").write_text(
        "\n# Sjukvårdsministern besöker  Halland\n\nPå fredag besöker sjukvårdsminister Acko Ankarberg Johansson Halland.\n",
        encoding="utf-8")
    (tmp_path / "utan_rubrik.md").write_text("## Bakgrund\n\nRegion Skåne inför mobila team.\n", encoding="utf-8")
    by_name = {s.path.name: s for s in discover(tmp_path)}
    halland = by_name["pressmeddelanden_2023_11_sjukvardsministern-besoker-halland.md"]
    assert (halland.title, halland.year) == ("Sjukvårdsministern besöker Halland", 2023)
    assert halland.warnings == ["pressmeddelanden_2023_11_sjukvardsministern-besoker-halland.md: no entry in sources.toml; "
                                "title 'Sjukvårdsministern besöker Halland' taken from its first heading; year 2023 from the file name"]
    assert by_name["utan_rubrik.md"].title == "utan_rubrik"  # a second-level heading is no title
    assert by_name["utan_rubrik.md"].warnings == ["utan_rubrik.md: no entry in sources.toml; the file name as title"]


def test_a_title_that_is_a_file_name_gives_way_to_the_first_page(tmp_path):
    found = pdf_metadata(_pdf(tmp_path / "r.pdf", title="NFS 2007-10k2.indd.indd", first_line="Uppfoljning av vardcentralerna 2024"))
    assert found == {"title": "Uppfoljning av vardcentralerna 2024", "year": 2024}


def test_an_entry_that_names_no_file_is_reported(tmp_path):
    (tmp_path / "a.txt").write_text("Region Skåne inför mobila team.\n", encoding="utf-8")
    (tmp_path / "sources.toml").write_text('[[report]]\nfile = "a.txt"\npublisher = "X"\n\n'
                                           '[[report]]\nfile = "b_rapport.pdf"\npublisher = "Y"\n', encoding="utf-8")
    sources = discover(tmp_path)
    assert [s.path.name for s in sources] == ["a.txt"] and sources[0].warnings == []
    assert stray_entries(tmp_path, sources) == [
        f"sources.toml: the entry for 'b_rapport.pdf' names no file in {tmp_path}; check the file name"]


def test_a_file_given_as_the_corpus_says_so(tmp_path):
    report = tmp_path / "rapport.txt"
    report.write_text("Region Skåne inför mobila team.\n", encoding="utf-8")
    with pytest.raises(InputError, match="a file, not a folder: --corpus takes the folder that holds the reports"):
        discover(report)


def test_a_folder_given_to_run_without_corpus_is_named_with_the_option_to_use(tmp_path, capsys):
    from reformtrace.cli import main as cli

    (tmp_path / "rapporter").mkdir()
    (tmp_path / "rapporter" / "rapport.txt").write_text("Region Skåne inför mobila team.\n", encoding="utf-8")
    assert cli(["run", str(tmp_path / "rapporter"), "--out", str(tmp_path / "out")]) == 2
    assert capsys.readouterr().err == (
        f"reformtrace run: error: unrecognized arguments: {tmp_path / 'rapporter'}: run takes no file or folder of its own; "
        f"name the reports' folder with --corpus (reformtrace run --corpus {tmp_path / 'rapporter'})\n")
    assert not (tmp_path / "out").exists()


def test_an_empty_corpus_folder_says_so(tmp_path):
    (tmp_path / "sources.toml").write_text("", encoding="utf-8")
    with pytest.raises(InputError, match="the corpus folder holds no report files"):
        discover(tmp_path)
