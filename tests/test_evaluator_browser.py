"""The evaluator's loop in a real browser (headless Chromium over the DevTools
protocol, as in test_report_browser.py), in Swedish, the default: what is new
since the previous run, marking two quotes, downloading the verdicts, rerunning
with them and reopening the page; then the compare view."""
from __future__ import annotations

import csv
import json
import time
from pathlib import Path

import pandas as pd
import pytest

from outputs_fixtures import PROBLEMS, R000, R004, SUMMARY, results
from reformtrace.outputs import RunContext, write_outputs
from reformtrace.verdicts import read_verdicts
from test_report_browser import Browser, cell

FIRST, SECOND, THIRD = "2026-01-10 09:00 UTC", "2026-02-01 09:00 UTC", "2026-02-02 09:00 UTC"
HALLAND_000 = "I Halland har mobila team arbetat med vaccinationer under pandemin."
HALLAND_004 = "Mobila team i Halland arbetar nära kommunernas hemsjukvård."


@pytest.fixture(scope="module")
def loop(tmp_path_factory):
    """A run without report 004, then one with it: 004's rows are new since the first."""
    out = tmp_path_factory.mktemp("out")
    write_outputs(out, [r for r in results() if r.report_id != R004], PROBLEMS, SUMMARY, context=RunContext(previous=out, now=FIRST))
    write_outputs(out, results(), PROBLEMS, SUMMARY, context=RunContext(previous=out, now=SECOND))
    downloads = tmp_path_factory.mktemp("downloads")
    browser = Browser(tmp_path_factory.mktemp("profile"))
    browser.send("Browser.setDownloadBehavior", behavior="allow", downloadPath=str(downloads))
    browser.open(out / "report.html")
    yield browser, out, downloads
    browser.close()


def article(text: str) -> str:
    """The script that finds the listed quote with this text."""
    return f"[...document.querySelectorAll('#quotes article')].find(a => a.querySelector('blockquote').textContent === {json.dumps(text)})"


def click_in(page: Browser, quote: str, selector: str) -> None:
    page.js(f"{article(quote)}.querySelector({json.dumps(selector)}).setAttribute('data-target', '1')")
    page.click("[data-target='1']")
    page.js("document.querySelector(\"[data-target='1']\").removeAttribute('data-target')")


def choose(page: Browser, select: str, *values: str) -> None:
    """Choose options of a <select> as a person does, and let it tell the page."""
    page.js(f"(() => {{ const s = document.getElementById({json.dumps(select)}); const want = {json.dumps(values)};"
            " [...s.options].forEach(o => { o.selected = want.includes(o.value); }); s.dispatchEvent(new Event('change')); })()")


def test_the_new_rows_are_marked_and_can_be_shown_alone(loop):
    page, out, _ = loop
    assert page.js("document.getElementById('new-filter').hidden") is False
    assert page.text("#new-filter").split() == f"Nytt bara nytt sedan {FIRST} (5 rader)".split()
    assert page.js(f"document.querySelector('{cell('intervention', '13', 'mobila_team')}').parentElement.classList.contains('new')")
    assert not page.js(f"document.querySelector('{cell('intervention', '24', 'mobila_team')}').parentElement.classList.contains('new')")
    page.click("input[name=only-new]")
    assert [page.text(cell("intervention", code, "mobila_team")) for code in ("12", "13", "14", "24")] == ["1", "1", "1", ""]
    page.click(cell("intervention", "13", "mobila_team"))
    assert page.js("[...document.querySelectorAll('#quotes article blockquote')].map(b => b.textContent)") == [HALLAND_004]
    assert page.js("document.querySelector('#quotes article .badge.new').textContent") == "ny"
    page.click("input[name=only-new]")
    changes = pd.read_csv(out / "changes.csv", dtype=str, keep_default_na=False)
    assert set(changes["change"]) == {"added"} and set(changes["report_id"]) == {R004} and len(changes) == 5


def test_mark_two_quotes_download_rerun_and_reopen(loop):
    page, out, downloads = loop
    assert page.text(cell("intervention", "13", "mobila_team")) == "2"
    page.click(cell("intervention", "13", "mobila_team"))
    assert page.text("#quotes .selection") == "Halland × Mobila team: 2 passager i 2 rapporter"
    click_in(page, HALLAND_000, ".v-wrong")
    click_in(page, HALLAND_004, ".v-note")
    page.send("Input.insertText", session=True, text="bekräftad i fallstudien")
    click_in(page, HALLAND_004, ".v-correct")  # (the note is kept as the field loses focus)
    # the marks count at once, and wait in this browser for a run
    assert page.text(cell("intervention", "13", "mobila_team")) == "1"
    assert page.text("#verdict-status").startswith("2 omdömen är bara sparade i den här webbläsaren")
    assert page.js(f"{article(HALLAND_000)}.classList.contains('wrong')")

    page.click("#verdict-download")
    saved = downloads / "verdicts.csv"
    deadline = time.monotonic() + 10
    while not saved.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    with open(saved, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [(r["report_id"], r["region_code"], r["label"], r["verdict"], r["note"], r["quote"]) for r in rows] == [
        (R000, "13", "mobila_team", "wrong", "", HALLAND_000),
        (R004, "13", "mobila_team", "correct", "bekräftad i fallstudien", HALLAND_004),
    ]

    # the rerun with the downloaded file: the evidence is the same, so what is new stays new
    write_outputs(out, results(), PROBLEMS, SUMMARY, context=RunContext(verdicts=tuple(read_verdicts(saved)), previous=out, now=THIRD))
    evidence = pd.read_csv(out / "evidence.csv", dtype=str, keep_default_na=False)
    halland = evidence[(evidence["region_code"] == "13") & (evidence["label"] == "mobila_team")]
    assert sorted(zip(halland["report_id"], halland["verdict"], halland["verdict_note"])) == [
        (R000, "wrong", ""), (R004, "correct", "bekräftad i fallstudien")]
    matrix = pd.read_csv(out / "matrix_region_intervention.csv", dtype={"region_code": str}).set_index("region_code")
    verified = pd.read_csv(out / "matrix_region_intervention_verified.csv", dtype={"region_code": str}).set_index("region_code")
    assert (matrix.loc["13", "mobila_team"], verified.loc["13", "mobila_team"], verified.drop(columns="region").to_numpy().sum()) == (1, 1, 1)

    page.open(out / "report.html")
    assert page.text(cell("intervention", "13", "mobila_team")) == "1"  # the cell changed
    assert page.text("#verdict-status") == "2 märkta rader, alla med i körningen; 0 omdömen utan rad."
    assert page.text("#new-filter").split() == f"Nytt bara nytt sedan {FIRST} (5 rader)".split()
    page.click(cell("intervention", "13", "mobila_team"))
    assert page.text("#quotes .selection") == "Halland × Mobila team: 1 passage i 1 rapport (och 1 märkta fel, som inte räknas)"
    # the marks are there: the wrong quote last, struck through
    assert page.js("[...document.querySelectorAll('#quotes article blockquote')].map(b => b.textContent)") == [HALLAND_004, HALLAND_000]
    assert page.js(f"{article(HALLAND_000)}.querySelector('.v-wrong').getAttribute('aria-pressed')") == "true"
    assert page.js(f"{article(HALLAND_000)}.classList.contains('wrong')")
    assert page.js(f"{article(HALLAND_004)}.querySelector('.v-correct').getAttribute('aria-pressed')") == "true"
    assert page.js(f"{article(HALLAND_004)}.querySelector('.v-note').value") == "bekräftad i fallstudien"

    page.click("input[name=verified][value=verified]")  # only what an evaluator marked correct
    assert [page.text(cell("intervention", code, "mobila_team")) for code in ("12", "13", "24")] == ["", "1", ""]
    page.click("input[name=verified][value=all]")
    assert page.text(cell("intervention", "24", "mobila_team")) == "1"


def test_compare_publisher_against_publisher_and_years_against_years(loop):
    page, _, _ = loop
    page.click("#views button[data-view=compare]")
    assert page.js("document.getElementById('heatmaps').hidden") is True
    choose(page, "compare-dim", "1")
    side = lambda k, code: f'#compare-table button[data-side="{k}"][data-region="{code}"][data-label="mobila_team"]'
    assert page.text("#compare-maps .sides-named") == "A: Socialstyrelsen · B: Vårdanalys"
    # Skåne and Västra Götaland only in Vårdanalys; Västerbotten only in Socialstyrelsen; Halland's 000 row is marked wrong
    assert [page.text(side("a", code)) for code in ("12", "13", "24")] == ["", "", "1"]
    assert [page.text(side("b", code)) for code in ("12", "13", "24")] == ["1", "1", ""]
    assert page.js(f"document.querySelector('{side('b', '12')}').parentElement.classList.contains('only')")
    assert page.js(f"document.querySelector('{side('a', '24')}').parentElement.classList.contains('only')")
    assert page.text("#compare-summary").startswith("A (Socialstyrelsen) har evidens i ")
    page.click(side("b", "12"))
    groups = page.js("[...document.querySelectorAll('#quotes .side-quotes h3')].map(h => h.textContent)")
    assert groups == ["A: Socialstyrelsen: 0 passager i 0 rapporter", "B: Vårdanalys: 1 passage i 1 rapport"]

    choose(page, "compare-by", "year")
    choose(page, "compare-b", "2023", "2025")
    assert page.text("#compare-maps .sides-named") == "A: 2022 · B: 2023, 2025"
    assert [page.text(side("a", "24")), page.text(side("b", "24")), page.text(side("b", "12"))] == ["1", "", "1"]
    page.click("#views button[data-view=maps]")
    assert page.js("document.getElementById('compare').hidden") is True
    assert not [e for e in page.events if e.get("method") == "Runtime.exceptionThrown"]
