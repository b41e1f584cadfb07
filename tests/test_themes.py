"""How themes travel, on the bundled reports: text reuse (the issue's acceptance: a
report planted from ten paragraphs of 001 and 004, five verbatim and five edited
and broken into other lines, plus unrelated text), first mentions, timelines,
co-occurrence, the concordance, the notebook."""
from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from reformtrace import api
from reformtrace.cli import main as cli
from reformtrace.themes.passages import corpus_passages

ROOT = Path(__file__).resolve().parent.parent
R001, R004, PLANTED = "001_socialstyrelsen_uppfoljning_2021", "004_vardanalys_slutrapport_2025", "005_planterad_2026"
# unrelated text: the field's stock phrases, and the forms of "mobila team" the bundled reports lack
UNRELATED = [
    "Omställningen till en god och nära vård i hälso- och sjukvården berör alla delar av länet, och i år har vi "
    "prövat ett mobilt team för barnfamiljer i glesbygden tillsammans med skolhälsovården och socialtjänsten.",
    "Mobila teamen i norra delen av kommunen fick under hösten nya bilar, och mobilteamet i söder började arbeta "
    "även på helger. God och nära vård handlar för oss om att vården ska finnas där människor bor och verkar.",
    "Hälso- och sjukvården står inför stora utmaningar, och en god och nära vård med primärvården som nav kräver "
    "att vi tänker nytt om lokaler, bemanning och digitala verktyg i varje del av regionen under kommande år.",
]
EDITS = {5: "tydligt", 14: "dessutom", 23: "samtliga"}  # word position -> the word put there: "a few words changed"


def edited(text: str) -> str:
    """A few words changed, the lines broken at another width, and one word hyphenated at a line end."""
    words = text.split()
    for at, word in EDITS.items():
        words[at] = word
    lines = textwrap.wrap(" ".join(words), 52)
    long = max(range(len(lines) - 1), key=lambda i: len(lines[i].split()[-1]))
    last = lines[long].split()[-1]
    if last.isalpha() and len(last) > 7:  # "omställningen" -> "omställ-" / "ningen"
        lines[long] = lines[long][: -len(last)] + last[:5] + "-"
        lines[long + 1] = last[5:] + " " + lines[long + 1]
    return "\n".join(lines)


def taken(reports) -> list[tuple[str, str, str]]:
    """Ten paragraphs of 001 and 004 (forty to a hundred and twenty words, said once in
    their report): (report, passage id, text), five of each, spread through the report."""
    chosen = []
    for report in reports:
        if report.source.report_id not in (R001, R004):
            continue
        texts = [p.text for p in report.passages]
        fit = [p for p in report.passages if 40 <= len(p.text.split()) <= 120 and texts.count(p.text) == 1]
        chosen += [(report.source.report_id, p.id, p.text) for p in fit[len(fit) // 7:: len(fit) // 6][:5]]
    return chosen


@pytest.fixture(scope="module")
def planted(tmp_path_factory):
    """A copy of the corpus, run once; then the planted report added and run again."""
    root = tmp_path_factory.mktemp("themes")
    corpus, out = root / "corpus", root / "out"
    shutil.copytree(ROOT / "corpus", corpus)
    assert cli(["run", "--corpus", str(corpus), "--out", str(out), "--quiet"]) == 0
    paragraphs = taken(corpus_passages(corpus, out / ".cache"))
    body = [text if i % 2 == 0 else edited(text) for i, (_, _, text) in enumerate(paragraphs)]
    text = "\n\n".join([UNRELATED[0], *body[:5], UNRELATED[1], *body[5:], UNRELATED[2]]) + "\n"
    (corpus / f"{PLANTED}.txt").write_text(text, encoding="utf-8")
    with open(corpus / "sources.toml", "a", encoding="utf-8") as f:
        f.write(f'\n[[report]]\nfile = "{PLANTED}.txt"\npublisher = "Testregionen"\ntitle = "Planterad rapport"\nyear = 2026\n')
    assert cli(["run", "--corpus", str(corpus), "--out", str(out), "--quiet"]) == 0
    return corpus, out, paragraphs


def rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_reuse_lists_all_ten_planted_paragraphs_with_their_source_and_nothing_for_unrelated_text(planted):
    corpus, out, paragraphs = planted
    assert len(paragraphs) == 10 and {r for r, _, _ in paragraphs} == {R001, R004}
    passages = next(r for r in corpus_passages(corpus, out / ".cache") if r.source.report_id == PLANTED).passages
    reuse = [r for r in rows(out / "reuse.csv") if r["report_id"] == PLANTED]
    found = {}
    for row in reuse:
        found.setdefault(row["passage_id"], []).append(row)
    for i, (report, source_id, text) in enumerate(paragraphs):
        mine = next(p for p in passages if p.text.split()[-4:] == edited(text).split()[-4:] or p.text.split()[-4:] == text.split()[-4:])
        sources = found.pop(mine.id)
        assert [(r["source_report_id"], r["source_passage_id"], r["relation"]) for r in sources] == [(report, source_id, "earlier")], i
        share = float(sources[0]["similarity"])
        # verbatim: all its words, bar a run-in heading the planted file sets apart; edited: three words changed
        assert share >= 0.95 if i % 2 == 0 else 0.85 < share < 1.0, (i, share)
        assert sources[0]["quote"] == " ".join(mine.text.split())
    assert found == {}  # no pair for the unrelated text
    unrelated = [p for p in passages if any(p.text.startswith(u[:40]) for u in UNRELATED)]
    assert len(unrelated) == 3


def test_reuse_between_the_yearly_follow_ups_runs_from_the_earlier_one(planted):
    _, out, _ = planted
    reuse = pd.read_csv(out / "reuse.csv", dtype=str, keep_default_na=False)
    pair = reuse[(reuse["report_id"] == "000_socialstyrelsen_uppfoljning_2022") & (reuse["source_report_id"] == R001)]
    assert len(pair) >= 10 and set(pair["relation"]) == {"earlier"}
    assert set(pair["year"]) == {"2023"} and set(pair["source_year"]) == {"2022"}
    assert not ((reuse["report_id"] == R001) & (reuse["source_report_id"] == "000_socialstyrelsen_uppfoljning_2022")).any()
    row = pair[pair["quote"].str.startswith("Rapporten vänder sig till regeringen")].iloc[0]
    assert (row["similarity"], row["page"], row["source_page"]) == ("1.0", "1", "1")


def test_first_mentions_has_a_row_for_every_region_label_cell_with_evidence(planted):
    _, out, _ = planted
    evidence = pd.read_csv(out / "evidence.csv", dtype={"region_code": str}, keep_default_na=False)
    cells = set(map(tuple, evidence.loc[evidence["region_code"] != "", ["region_code", "dimension", "label"]].values.tolist()))
    first = pd.read_csv(out / "first_mentions.csv", dtype={"region_code": str, "printed_page": str}, keep_default_na=False)
    assert set(map(tuple, first[["region_code", "dimension", "label"]].values.tolist())) == cells and len(first) == len(cells)
    for row in first.itertuples():  # the earliest year of the cell, and its quote is one of the cell's
        cell = evidence[(evidence["region_code"] == row.region_code) & (evidence["label"] == row.label) & (evidence["dimension"] == row.dimension)]
        assert row.year == cell["year"].min()
        assert row.quote in set(cell.loc[cell["report_id"] == row.report_id, "quote"])
        assert row.reports == cell["report_id"].nunique()
        assert row.reports_since == cell.loc[cell["year"] > row.year, "report_id"].nunique()


def test_timeline_counts_are_the_evidence_tables_passages(planted):
    _, out, _ = planted
    evidence = pd.read_csv(out / "evidence.csv", dtype={"region_code": str}, keep_default_na=False)
    reports = pd.read_csv(out / "reports.csv")
    timeline = pd.read_csv(out / "theme_timeline.csv", dtype={"group": str}, keep_default_na=False)
    row = timeline[(timeline["by"] == "publisher") & (timeline["group"] == "Socialstyrelsen") & (timeline["year"] == 2023) & (timeline["label"] == "mobila_team")].iloc[0]
    ids = set(reports.loc[(reports["publisher"] == "Socialstyrelsen") & (reports["year"] == 2023), "report_id"])
    mine = evidence[evidence["report_id"].isin(ids) & (evidence["label"] == "mobila_team")]
    assert (row["passages"], row["reports"]) == (mine["passage_id"].nunique(), mine["report_id"].nunique())
    assert row["all_passages"] == reports.loc[reports["report_id"].isin(ids), "passages"].sum() and len(ids) == 2
    assert row["share"] == round(row["passages"] / row["all_passages"], 4)
    region = timeline[(timeline["by"] == "region") & (timeline["group"] == "13") & (timeline["year"] == 2025)]
    assert set(region["all_passages"]) == {evidence[(evidence["region_code"] == "13") & (evidence["year"] == 2025)]["passage_id"].nunique()}


def test_cooccurrence_counts_passages_that_carry_both_labels(planted):
    _, out, _ = planted
    evidence = pd.read_csv(out / "evidence.csv", keep_default_na=False)
    co = pd.read_csv(out / "cooccurrence.csv", keep_default_na=False)
    row = co[(co["report_id"] == R001) & (co["label_a"] == "nara") & (co["label_b"] == "mobila_team")].iloc[0]
    mine = evidence[evidence["report_id"] == R001]
    both = set(mine.loc[mine["label"] == "nara", "passage_id"]) & set(mine.loc[mine["label"] == "mobila_team", "passage_id"])
    assert row["passages"] == len(both) > 0
    grid = pd.read_csv(out / "cooccurrence_goal_intervention.csv", index_col=[0, 1])
    everywhere = set(evidence.loc[evidence["label"] == "nara", "passage_id"]) & set(evidence.loc[evidence["label"] == "mobila_team", "passage_id"])
    assert grid.loc["nara", "mobila_team"].item() == len(everywhere) == co[(co["label_a"] == "nara") & (co["label_b"] == "mobila_team")]["passages"].sum()


def test_kwic_finds_inflected_and_compound_forms_fast_from_the_cache(planted, tmp_path):
    corpus, out, _ = planted
    found = api.kwic("mobila team", corpus, out)
    forms = set(found["match"].str.lower())
    assert {"mobila team", "mobilt psykiatriteam", "mobilt primärvårdsteam", "mobilt team", "mobila teamen", "mobilteamet"} <= forms
    assert set(found["report_id"]) == {"000_socialstyrelsen_uppfoljning_2022", R001, "002_socialstyrelsen_insatser_2022", R004, PLANTED}
    line = found[found["match"] == "mobilteamet"].iloc[0]
    assert (line["left"], line["right"], line["year"], line["page"]) == (
        "av kommunen fick under hösten nya bilar, och", " i söder började arbeta även på helger. God", 2026, 1)
    csv_file = tmp_path / "kwic.csv"
    done = subprocess.run([sys.executable, "-m", "reformtrace.cli", "kwic", "mobila team", "--corpus", str(corpus), "--out", str(out), "--csv", str(csv_file)],
                          capture_output=True, text=True, check=True)
    assert done.stderr.startswith(f"{len(found)} lines in 5 reports: ")  # every report read from the run's cache (its time: benchmarks/themes.py)
    assert pd.read_csv(csv_file, keep_default_na=False)["match"].tolist() == found["match"].tolist()
    printed = subprocess.run([sys.executable, "-m", "reformtrace.cli", "kwic", "Mobila teamen", "--corpus", str(corpus), "--out", str(out), "--window", "3"],
                             capture_output=True, text=True, check=True).stdout.splitlines()
    assert len(printed) == len(found)
    assert printed[-1].startswith("005 (2026)   PDF p. 1 ") and printed[-1].endswith("nya bilar, och [mobilteamet] i söder började")


def test_outputs_are_byte_identical_on_rerun(planted, tmp_path):
    corpus, out, _ = planted
    names = ["reuse.csv", "first_mentions.csv", "theme_timeline.csv", "cooccurrence.csv", "cooccurrence_goal_intervention.csv",
             "theme_timeline.png", "cooccurrence_goal_intervention.png", "report.html"]
    # what the report marks as new is against the previous run in its folder: the new folder starts from the same one
    (tmp_path / "again").mkdir()
    shutil.copytree(out / ".history", tmp_path / "again" / ".history")
    shutil.copytree(out / "evidence", tmp_path / "again" / "evidence")
    assert cli(["run", "--corpus", str(corpus), "--out", str(tmp_path / "again"), "--cache", str(out / ".cache"), "--quiet"]) == 0
    assert [n for n in names if (out / n).read_bytes() != (tmp_path / "again" / n).read_bytes()] == []


def test_reuse_with_a_new_report_compares_its_texts_alone_and_equals_a_cold_run(planted, tmp_path):
    from reformtrace.themes.pairs import history_files, known

    corpus, out, _ = planted
    before, after = known(out), None
    assert cli(["run", "--corpus", str(corpus), "--out", str(tmp_path / "cold"), "--cache", str(out / ".cache"), "--quiet"]) == 0
    names = ["reuse.csv", *history_files()]
    assert [n for n in names if (out / n).read_bytes() != (tmp_path / "cold" / n).read_bytes()] == []
    after = known(tmp_path / "cold")
    assert len(after.texts) == len(before.texts) > 0 and len(after.pairs) == len(before.pairs) > 0


def test_reuse_takes_the_pairs_an_earlier_run_confirmed_and_compares_the_rest(planted):
    """The planted report's run kept the pairs of the five reports' run; a pair that run kept
    is not compared again (a pair planted there with a share of 0.123 stays), a new one is."""
    from reformtrace.outputs import tabulate
    from reformtrace.run.cache import Cache
    from reformtrace.themes.pairs import PAIR, Known
    from reformtrace.themes.reuse import reuse_rows

    corpus, out, _ = planted
    cache = Cache(out / ".cache")
    prints = sorted((tabulate(cache.load("annotate", e["final"])).fingerprints for _, e in cache.manifest()["files"].items()),
                    key=lambda f: f.report_id)
    old = [f for f in prints if f.report_id != PLANTED]
    same = lambda x, y: x[0] == y[0] and [a.tobytes() for a in (x[1].texts, x[1].pairs)] == [a.tobytes() for a in (y[1].texts, y[1].pairs)]  # noqa: E731
    rows, first = reuse_rows(old)
    assert same(reuse_rows(old, first), (rows, first))  # nothing new: the same rows and pairs
    cold = reuse_rows(prints)
    assert same(reuse_rows(prints, first), cold) and len(cold[1].pairs) > len(first.pairs)
    a, b = first.pairs[0]["a"], first.pairs[0]["b"]
    planted_pair = Known(first.texts, np.array([(a, b, 0.123)] + [tuple(p) for p in first.pairs[1:].tolist()], dtype=PAIR))
    _, kept = reuse_rows(prints, planted_pair)
    assert kept.pairs[(kept.pairs["a"] == a) & (kept.pairs["b"] == b)]["share"].tolist() == [0.123]


def test_reuse_candidates_are_those_of_datasketchs_lsh(planted):
    """The bands shared, found with numpy over every signature, give MinHashLSH's candidate pairs."""
    from datasketch import MinHashLSH

    from reformtrace.outputs import tabulate
    from reformtrace.run.cache import Cache
    from reformtrace.themes.pairs import LSH_THRESHOLD, candidates
    from reformtrace.themes.fingerprints import NUM_PERM

    _, out, _ = planted
    cache = Cache(out / ".cache")
    prints = [tabulate(cache.load("annotate", e["final"])).fingerprints for _, e in sorted(cache.manifest()["files"].items())]
    texts = {}
    for f in prints:
        for i, key in enumerate(f.keys):
            texts.setdefault(key, (f, i))
    signatures = np.stack([f.signatures[i] for f, i in texts.values()])
    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    for t, (f, i) in enumerate(texts.values()):
        lsh.insert(t, f.minhash(i))
    expected = {(t, o) for t, (f, i) in enumerate(texts.values()) for o in lsh.query(f.minhash(i)) if o > t}
    fresh = np.zeros(len(signatures), dtype=bool)
    fresh[::7] = True
    assert candidates(signatures, np.ones(len(signatures), dtype=bool)) == expected and len(expected) > 100
    assert candidates(signatures, fresh) == {(x, y) for x, y in expected if fresh[x] or fresh[y]}


def test_the_report_page_shows_timelines_first_mentions_cooccurrence_and_where_a_quote_also_stands(planted, tmp_path):
    from test_report_browser import Browser

    _, out, _ = planted
    evidence = pd.read_csv(out / "evidence.csv", dtype={"region_code": str}, keep_default_na=False)
    reuse = pd.read_csv(out / "reuse.csv", dtype=str, keep_default_na=False)
    shared = evidence[evidence["passage_id"].isin(set(reuse["passage_id"])) & (evidence["region_code"] != "")].iloc[0]
    source = reuse[reuse["passage_id"] == shared["passage_id"]].iloc[0]
    browser = Browser(tmp_path / "profile")
    try:
        browser.open(out / "report.html")
        browser.js("(() => { const s = document.getElementById('theme-label'); s.value = '1|mobila_team'; s.dispatchEvent(new Event('change')); })()")
        lines = browser.js("[...document.querySelectorAll('#timeline polyline')].map(p => p.getAttribute('data-group'))")
        assert lines == ["Socialstyrelsen", "Testregionen", "Vårdanalys (Myndigheten för vård- och omsorgsanalys)"]
        first = browser.js("[...document.querySelectorAll('#first-mentions tbody tr')].map(tr => [...tr.cells].slice(0, 3).map(td => td.textContent))")
        expected = pd.read_csv(out / "first_mentions.csv", dtype={"region_code": str}, keep_default_na=False)
        expected = expected[expected["label"] == "mobila_team"].sort_values(["year", "region_code"])
        assert first == [[str(r.year), f"{r.region_code} {r.region}", r.report_id[:3] + f" ({r.year})"] for r in expected.itertuples()]
        browser.js("(() => { const s = document.getElementById('theme-by'); s.value = 'region'; s.dispatchEvent(new Event('change')); })()")
        assert browser.js("document.querySelectorAll('#timeline polyline').length") == len(set(evidence.loc[(evidence["label"] == "mobila_team") & (evidence["region_code"] != ""), "region_code"]))
        grid = pd.read_csv(out / "cooccurrence_goal_intervention.csv", index_col=[0, 1])
        assert browser.js("document.querySelectorAll('#cooccurrence tbody tr').length") == len(grid)
        assert browser.js("document.querySelector('#cooccurrence tbody tr td').textContent") == (str(grid.iloc[0, 0]) if grid.iloc[0, 0] else "")
        dimension = shared["dimension"]
        browser.click(f'#map-{dimension} button[data-region="{shared["region_code"]}"][data-label="{shared["label"]}"]')
        also = browser.text(f'#quotes article[data-passage="{shared["passage_id"]}"] .also')
        page = f"sidan {source['source_printed_page']}" if source["source_printed_page"] else f"PDF-sida {source['source_page']}"  # the page in Swedish, the default
        relation = {"earlier": "tidigare", "same year": "samma år", "within report": "i samma rapport"}[source["relation"]]
        assert also.startswith("Står också i: ") and f"{source['source_report_id'][:3]} ({source['source_year']}), {page} ({relation}" in also
        assert not [e for e in browser.events if e.get("method") == "Runtime.exceptionThrown"]
    finally:
        browser.close()


def test_the_notebook_runs_top_to_bottom_on_a_run(planted, monkeypatch):
    import nbclient
    import nbformat

    corpus, out, _ = planted
    folder = ROOT / "notebooks"
    notebook = nbformat.read(folder / "how_a_theme_spread.ipynb", as_version=4)
    assert all(not cell.get("outputs") for cell in notebook.cells if cell.cell_type == "code")  # committed clean
    monkeypatch.setenv("REFORMTRACE_OUT", str(out))
    monkeypatch.setenv("REFORMTRACE_CORPUS", str(corpus))
    nbclient.NotebookClient(notebook, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(folder)}}).execute()
    outputs = [o for cell in notebook.cells for o in cell.get("outputs", [])]
    assert "error" not in {o.output_type for o in outputs}
    shown = "\n".join(o.get("data", {}).get("text/plain", "") + o.get("text", "") for o in outputs)
    assert "places in 5 reports; forms: ['mobila team', 'mobila teamen', 'mobilt primärvårdsteam', 'mobilt psykiatriteam', 'mobilt team', 'mobilteamet']" in shown
    assert "005_planterad_2026" in shown and "regions so far" in shown


def test_kwic_and_passages_all_name_a_file_they_cannot_read_and_read_the_others(tmp_path, capsys):
    """A broken PDF beside a readable report: the run lists it in errors.csv and goes on
    (exit status 3), and so do the concordance and `passages --all`, naming it (they
    stopped at the file before)."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "010_region_jonkoping_2024.md").write_text(
        "# Uppföljning 2024\n\nRegion Jönköpings län har infört mobila team för äldre i hemmet. "
        "Mobilteamet besöker patienter i Tranås och Eksjö.\n", encoding="utf-8")
    (corpus / "011_trasig.pdf").write_bytes(b"%PDF-1.4 trasig")
    assert cli(["kwic", "mobila team", "--corpus", str(corpus), "--out", str(tmp_path / "out")]) == 3  # as `run` with a failed file
    printed = capsys.readouterr()
    assert [line.split("[")[1].split("]")[0] for line in printed.out.splitlines()] == ["mobila team", "Mobilteamet"]
    assert printed.err == ("2 lines in 1 reports; read now, not from a run's cache: 010_region_jonkoping_2024.md; "
                           "not read: 011_trasig.pdf (extract: the PDF is damaged or truncated (Failed to load document "
                           "(PDFium: Data format error).))\n")
    with pytest.warns(UserWarning, match=r"^kwic: not read: 011_trasig\.pdf \(extract: the PDF is damaged or truncated"):
        found = api.kwic("mobila team", corpus, tmp_path / "out")
    assert found["match"].tolist() == ["mobila team", "Mobilteamet"] and set(found["report_id"]) == {"010_region_jonkoping_2024"}
    assert cli(["passages", "--all", "--corpus", str(corpus), "--out", str(tmp_path / "out"), "-o", str(tmp_path / "p.jsonl")]) == 3
    assert capsys.readouterr().err == (
        "reformtrace passages: not read: 011_trasig.pdf (extract: the PDF is damaged or truncated (Failed to load document "
        "(PDFium: Data format error).))\nwrote 1 passages of 1 report(s) to " + str(tmp_path / "p.jsonl") + "\n")
    assert [json.loads(line)["id"] for line in (tmp_path / "p.jsonl").read_text(encoding="utf-8").splitlines()] == ["010_region_jonkoping_2024:0001"]
    assert cli(["passages", "011_trasig", "--corpus", str(corpus)]) == 2  # a report named alone: its error, as before


def test_kwic_names_reports_whose_file_names_share_a_prefix_by_their_whole_ids(tmp_path, capsys):
    """One's own files often share the part before the first '_' (region_..., prop_...):
    two reports of one year were printed alike, 'region (2024)'."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "region_jonkoping_2024.md").write_text(
        "# Uppföljning 2024\n\nRegion Jönköpings län har infört mobila team för äldre i hemmet.\n", encoding="utf-8")
    (corpus / "region_kalmar_2024.md").write_text(
        "# Uppföljning 2024\n\nRegion Kalmar län planerar mobila team i Västervik.\n", encoding="utf-8")
    (corpus / "sources.toml").write_text(
        '[[report]]\nfile = "region_jonkoping_2024.md"\nyear = 2024\n\n[[report]]\nfile = "region_kalmar_2024.md"\nyear = 2024\n', encoding="utf-8")
    assert cli(["kwic", "mobila team", "--corpus", str(corpus), "--out", str(tmp_path / "out"), "--window", "2"]) == 0
    printed = capsys.readouterr().out.splitlines()
    assert [line.split()[:2] for line in printed] == [["region_jonkoping_2024", "(2024)"], ["region_kalmar_2024", "(2024)"]]


def test_reuse_history_that_cannot_be_read_is_not_used(tmp_path):
    from reformtrace.themes.pairs import PAIR, Known, history_files, known

    texts, pairs = (tmp_path / name for name in history_files())
    texts.parent.mkdir()
    kept = Known(np.array([3, 5], dtype="<u8"), np.array([(3, 5, 0.7)], dtype=PAIR))
    with open(texts, "wb") as f:
        kept.write_texts(f)
    with open(pairs, "wb") as f:
        kept.write_pairs(f)
    assert known(tmp_path).texts.tolist() == [3, 5] and known(tmp_path).pairs.tolist() == [(3, 5, 0.7)]
    pairs.write_bytes(pairs.read_bytes()[:-8])  # cut short
    assert len(known(tmp_path).texts) == 0 and len(known(tmp_path).pairs) == 0
    assert len(known(None).texts) == 0
