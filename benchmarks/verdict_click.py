"""How fast does report.html answer a verdict? Time from the press of ✓ or ✗ on a quote
to the next painted frame after the page has counted again (both heatmaps and both
theme-spread charts drawn anew), in headless Chromium, on the bundled run.

    python benchmarks/verdict_click.py [--out OUT] [--clicks 20]

Without --out, the bundled corpus is run into a temporary folder first. The
clicks are real mouse events (DevTools protocol, as tests/test_report_browser.py
sends them) on the first quote of the fullest cell of each map, alternating ✗
and ✓; the time is measured in the page (performance.now at mousedown, then
after a requestAnimationFrame and a task: the frame is painted).
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from test_report_browser import Browser  # noqa: E402  (the tests' DevTools client)

PROBE = """
window.__times = [];
const verdict = (event) => event.target.closest && event.target.closest(".verdict button");
document.addEventListener("mousedown", (event) => { if (verdict(event)) window.__t0 = performance.now(); }, true);
document.addEventListener("click", (event) => {  // after the button's own handler: the page has counted again
  if (verdict(event)) requestAnimationFrame(() => setTimeout(() => window.__times.push(performance.now() - window.__t0), 0));
});
"""
FULLEST = """(() => {  // the fullest cell of a map (regions only): the longest list of quotes
  const cells = [...document.querySelectorAll('#map-%s tbody tr:not(.none) td:not(.total) button')];
  const best = cells.reduce((a, b) => (Number(b.textContent || 0) > Number(a.textContent || 0) ? b : a));
  best.setAttribute('data-bench', '1');
  return best.getAttribute('aria-label');
})()"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="a run's output folder (default: run the bundled corpus into a temporary one)")
    parser.add_argument("--clicks", type=int, default=20)
    args = parser.parse_args()
    out, made = args.out, []  # the folders this benchmark makes, removed at the end
    if out is None:
        made.append(Path(tempfile.mkdtemp(prefix="verdict-click-")))
        out = made[-1] / "out"
        subprocess.run([sys.executable, "-m", "reformtrace.cli", "run", "--out", str(out), "--quiet"], cwd=ROOT, check=True)
    made.append(Path(tempfile.mkdtemp(prefix="verdict-click-profile-")))
    browser = Browser(made[-1])
    try:
        tic = time.perf_counter()
        browser.open(out / "report.html")
        opened = time.perf_counter() - tic
        rows = browser.js("document.getElementById('data').textContent.length")
        browser.js(PROBE)
        for dimension in ("intervention", "goal"):
            cell = browser.js(FULLEST % dimension)
            browser.click("[data-bench='1']")
            browser.js("document.querySelector(\"[data-bench='1']\").removeAttribute('data-bench')")
            quotes = browser.js("document.querySelectorAll('#quotes article').length")
            for k in range(args.clicks // 2):
                browser.click("#quotes article .v-wrong" if k % 2 == 0 else "#quotes article .v-correct")
            time.sleep(0.2)
            print(f"cell {cell}: {quotes} quotes listed")
        times = browser.js("window.__times")
        browser.js("localStorage.clear()")
    finally:
        browser.close()
    print(f"{out / 'report.html'}: {(out / 'report.html').stat().st_size / 1e6:.1f} MB ({rows / 1e6:.1f} MB of data), opened and drawn in {opened:.2f} s")
    print(f"verdict clicks: {len(times)}, response median {statistics.median(times):.0f} ms, slowest {max(times):.0f} ms (target: under 1000 ms)")
    print("each, ms: " + " ".join(f"{t:.0f}" for t in times))
    for folder in made:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
