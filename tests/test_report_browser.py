"""report.html in a real browser: headless Chromium driven over the DevTools
protocol (through --remote-debugging-pipe, so no extra package): load the
file, click heatmap cells and filters with real mouse events, read what the
page shows."""
from __future__ import annotations

import fcntl
import json
import os
import select
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from outputs_fixtures import HOSTILE, PROBLEMS, SUMMARY, results
from reformtrace.matrix import vocabulary
from reformtrace.outputs import RunContext, write_outputs
from system import require

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--remote-debugging-pipe", "--window-size=1400,1000",
]


class Browser:
    """A minimal DevTools client: JSON messages separated by NUL bytes on fds 3 and 4."""

    def __init__(self, profile: Path):
        to_chrome, self._write = os.pipe()
        self._read, from_chrome = os.pipe()

        def wire_pipes() -> None:
            """In the child: the pipes on the protocol's fixed fds 3 and 4 (via
            high numbers first, so neither dup2 is a no-op keeping close-on-exec)."""
            high = [fcntl.fcntl(fd, fcntl.F_DUPFD, 10) for fd in (to_chrome, from_chrome)]
            for fd, target in zip(high, (3, 4)):
                os.dup2(fd, target)  # inheritable

        self.process = subprocess.Popen(
            [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", "about:blank"],
            preexec_fn=wire_pipes, close_fds=False,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        os.close(to_chrome)
        os.close(from_chrome)
        self._buffer = b""
        self._next_id = 0
        self.events: list[dict] = []
        target = self.send("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.send("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        for domain in ("Page", "Runtime"):
            self.send(f"{domain}.enable", session=True)

    def send(self, method: str, session: bool = False, **params) -> dict:
        self._next_id += 1
        message = {"id": self._next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = self.session
        os.write(self._write, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._receive()
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply["result"]
            self.events.append(reply)

    def _receive(self, timeout: float = 20) -> dict:
        deadline = time.monotonic() + timeout
        while b"\0" not in self._buffer:
            ready, _, _ = select.select([self._read], [], [], max(0.0, deadline - time.monotonic()))
            if not ready:
                raise TimeoutError("no answer from Chromium")
            chunk = os.read(self._read, 1 << 16)
            if not chunk:
                raise RuntimeError("Chromium closed the pipe")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def js(self, expression: str):
        result = self.send("Runtime.evaluate", session=True, expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise RuntimeError(result["exceptionDetails"])
        return result["result"].get("value")

    def open(self, path: Path) -> None:
        self.send("Page.navigate", session=True, url=path.as_uri())
        deadline = time.monotonic() + 20
        while self.js("document.readyState === 'complete' && document.body.dataset.ready === '1'") is not True:
            if time.monotonic() > deadline:
                raise TimeoutError("the report did not finish rendering")
            time.sleep(0.05)

    def click(self, selector: str) -> None:
        """A real left click at the centre of the element."""
        box = self.js(
            f"(() => {{ const e = document.querySelector({json.dumps(selector)}); e.scrollIntoView({{block: 'center'}});"
            " const r = e.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; })()"
        )
        for kind in ("mousePressed", "mouseReleased"):
            self.send("Input.dispatchMouseEvent", session=True, type=kind, x=box[0], y=box[1], button="left", clickCount=1)

    def text(self, selector: str) -> str:
        return self.js(f"document.querySelector({json.dumps(selector)}).innerText")

    def close(self) -> None:
        self.process.kill()
        self.process.wait()
        os.close(self._write)
        os.close(self._read)


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    require("chromium")
    out = tmp_path_factory.mktemp("out")
    write_outputs(out, results(), PROBLEMS, SUMMARY, context=RunContext(lang="en"))  # (the interface in Swedish: test_evaluator_browser.py)
    browser = Browser(tmp_path_factory.mktemp("profile"))
    browser.open(out / "report.html")
    yield browser
    browser.close()


def cell(dimension: str, region: str, label: str) -> str:
    return f'#map-{dimension} button[data-region="{region}"][data-label="{label}"]'


def test_click_on_a_cell_lists_its_quotes_with_report_year_and_page(page):
    assert page.text(cell("intervention", "13", "mobila_team")) == "2"
    page.click(cell("intervention", "13", "mobila_team"))
    quotes = page.text("#quotes")
    assert "Halland × Mobile teams: 2 passages in 2 reports" in quotes
    assert "I Halland har mobila team arbetat med vaccinationer under pandemin." in quotes
    assert "Mobila team i Halland arbetar nära kommunernas hemsjukvård." in quotes
    assert "Uppföljning av omställningen till en mer nära vård 2022 (Socialstyrelsen, 2023), page 9 of the file" in quotes
    assert "Omtag för omställning (Vårdanalys, 2025), page 102 of the file · 7 Fallstudier" in quotes
    assert page.js("document.querySelectorAll('#quotes article').length") == 2
    assert page.js("document.querySelector('#quotes mark.tie').textContent") == "I Halland har mobila team arbetat med vaccinationer under pandemin."
    assert page.js("document.querySelector('#quotes mark.tie mark').textContent") == "Halland"
    assert page.js("document.querySelector('#quotes .sentence').textContent") == "I Halland har mobila team arbetat med vaccinationer under pandemin."
    assert "Mobile teams · Halland: done" in quotes  # the label's English name in the interface in English


def test_the_kind_filter_counts_only_the_kinds_chosen(page):
    assert page.text(cell("intervention", "13", "mobila_team")) == "2"
    page.click('#kind-filter label:first-of-type input')  # done
    assert page.text(cell("intervention", "13", "mobila_team")) == ""
    page.click('#kind-filter label:first-of-type input')
    assert page.text(cell("intervention", "13", "mobila_team")) == "2"


def test_no_region_row_and_count_by_reports(page):
    page.click(cell("intervention", "", "sip"))
    assert "No region named × Coordinated individual plan (SIP): 1 passage in 1 report" in page.text("#quotes")
    page.click('input[name=count][value=reports]')
    assert page.text(cell("intervention", "13", "mobila_team")) == "2"
    assert page.text(cell("intervention", "13", "all")) == "2"
    page.click('input[name=count][value=passages]')


def test_report_and_publisher_filters_change_the_cells(page):
    page.click("#report-filter label:nth-of-type(3) input")  # 004, the last by year
    assert page.text(cell("intervention", "13", "mobila_team")) == "1"
    assert page.text(cell("intervention", "12", "mobila_team")) == ""
    page.click("#report-filter label:nth-of-type(3) input")
    page.click("#publisher-filter label:nth-of-type(1) input")  # Socialstyrelsen off
    assert page.text(cell("intervention", "13", "mobila_team")) == "1"
    assert page.text(cell("intervention", "24", "mobila_team")) == ""
    page.click("#publisher-filter label:nth-of-type(1) input")
    assert page.text(cell("intervention", "24", "mobila_team")) == "1"


def test_report_text_cannot_inject_markup_or_script(page):
    page.click(cell("intervention", "08", "digital_vard"))
    assert HOSTILE in page.text("#quotes")
    assert page.js("document.querySelectorAll('img').length") == 0
    assert page.js("document.scripts.length") == 2
    assert not [e for e in page.events if e.get("method") in ("Page.javascriptDialogOpening", "Runtime.exceptionThrown")]


def test_names_every_region_and_shows_spread_and_summary(page):
    names = page.js("[...document.querySelectorAll('#map-goal tbody th')].map(th => th.textContent)")
    assert names == [f"{code} {name}" for code, name in vocabulary().regions.items()] + ["No region named"]
    assert page.js("document.querySelectorAll('#spread-intervention circle').length") == 15 * 3
    page.click('#spread-intervention circle[data-label="mobila_team"][data-report="004_vardanalys_slutrapport_2025"]')
    assert "Any region × Mobile teams in 004 (2025): 2 passages in 1 report" in page.text("#quotes")
    summary = page.text("#summary")
    assert "Files that failed\t1" in summary and "not a PDF (no %PDF header)" in summary
    assert "seconds.annotate\t2.25" in summary


@pytest.fixture(scope="module")
def lazy_page(tmp_path_factory):
    """The page of a large run: its text in report_files/, read when shown (html_parts.LAZY_ROWS lowered to 0 for three reports)."""
    require("chromium")
    from reformtrace.report import html_parts

    out = tmp_path_factory.mktemp("lazy")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(html_parts, "LAZY_ROWS", 0)
        write_outputs(out, results(), PROBLEMS, SUMMARY, context=RunContext(lang="en"))
    browser = Browser(tmp_path_factory.mktemp("profile"))
    browser.open(out / "report.html")
    yield browser, out
    browser.close()


def read_scripts(page) -> list[str]:
    return page.js("[...document.head.querySelectorAll('script[src]')].map((e) => e.src.split('/').slice(-2).join('/')).sort()")


def wait_for(page, expression: str, timeout: float = 10):
    deadline = time.monotonic() + timeout
    while not (value := page.js(expression)):
        if time.monotonic() > deadline:
            raise TimeoutError(expression)
        time.sleep(0.05)
    return value


def test_a_large_runs_page_reads_a_reports_text_only_when_its_quotes_are_shown(lazy_page):
    page, out = lazy_page
    html = (out / "report.html").read_text(encoding="utf-8")
    data = json.loads(html.split('<script type="application/json" id="data">')[1].split("</script>")[0])
    assert len(data["passages"]) == 8 and {p[3] for p in data["passages"]} == {0}  # no quote on the page (but the first mentions')
    assert {row[5] for row in data["evidence"]} == {0} and data["themes"]["alsoIn"] == {}
    scripts = {report["id"]: report["scripts"] for report in data["reports"]}  # a text script per report, numbered within it
    assert sorted(p.name for p in (out / "report_files").iterdir()) == sorted(text for text, _ in scripts.values())
    halland = next(text for text, _ in scripts.values() if "mobila team arbetat med vaccinationer" in (out / "report_files" / text).read_text(encoding="utf-8"))
    assert (out / "report_files" / halland).read_text(encoding="utf-8").startswith('reformtraceChunk(["')
    assert [report["first"] for report in data["reports"]] == [[2, 3], [0, 0], [6, 14]]  # where each report's passages and rows begin (year order; the table is in id order)
    assert page.text(cell("intervention", "13", "mobila_team")) == "2"  # the matrices count before any text is read
    assert read_scripts(page) == []
    page.click(cell("intervention", "13", "mobila_team"))
    wait_for(page, "document.querySelectorAll('#quotes article').length === 2")
    quotes = page.text("#quotes")
    assert "Halland × Mobile teams: 2 passages in 2 reports" in quotes
    assert "I Halland har mobila team arbetat med vaccinationer under pandemin." in quotes
    assert "Omtag för omställning (Vårdanalys, 2025), page 102 of the file · 7 Fallstudier" in quotes
    assert page.js("document.querySelector('#quotes mark.tie mark').textContent") == "Halland"
    assert len(read_scripts(page)) == 2 and halland in " ".join(read_scripts(page))  # the two reports of the cell, not the third
