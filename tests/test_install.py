"""`pip install .` (not editable) and a run in another folder: the installed
package carries everything a run reads, the trained model included."""
from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
from pathlib import Path

from test_batch import SKANE, UPPSALA

ROOT = Path(__file__).resolve().parent.parent


def test_an_installed_reformtrace_runs_in_another_folder(tmp_path):
    source = tmp_path / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    shutil.copytree(ROOT / "pipeline", source / "pipeline", ignore=shutil.ignore_patterns("__pycache__"))
    site = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(site), str(source)], check=True, capture_output=True)
    shutil.rmtree(source)  # nothing may be read from the source tree

    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "corpus").mkdir(parents=True)
    (elsewhere / "corpus" / "010_skane.txt").write_text(SKANE, encoding="utf-8")
    (elsewhere / "corpus" / "011_uppsala.md").write_text(UPPSALA, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(site)}
    where = subprocess.run([sys.executable, "-c", "import reformtrace; print(reformtrace.__file__)"], cwd=elsewhere, env=env, capture_output=True, text=True, check=True)
    assert Path(where.stdout.strip()).is_relative_to(site)
    done = subprocess.run([str(site / "bin" / "reformtrace"), "run", "--quiet"], cwd=elsewhere, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "no trained model" not in done.stderr
    with open(elsewhere / "out" / "evidence.csv", encoding="utf-8", newline="") as f:
        evidence = list(csv.DictReader(f))
    assert {("010_skane", "12", "mobila_team"), ("011_uppsala", "03", "fast_lakarkontakt")} <= {(r["report_id"], r["region_code"], r["label"]) for r in evidence}
    assert not any("no model for this label" in r["evidence"] for r in evidence)

    shutil.rmtree(site / "reformtrace" / "data" / "model")  # what the check above would see without the installed model
    without = subprocess.run([str(site / "bin" / "reformtrace"), "run", "--quiet", "--out", "out2"], cwd=elsewhere, env=env, capture_output=True, text=True)
    assert "no trained model" in without.stderr


def test_python_dash_m_reformtrace_is_the_command(tmp_path):
    report = tmp_path / "rapport.txt"
    report.write_text("Region Skåne har infört mobila team.\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "reformtrace", "extract", str(report)], capture_output=True, text=True)
    assert (done.returncode, done.stdout, done.stderr) == (0, "Region Skåne har infört mobila team.\n", "")
    missing = subprocess.run([sys.executable, "-m", "reformtrace", "extract", str(tmp_path / "saknas.pdf")], capture_output=True, text=True)
    assert (missing.returncode, missing.stderr) == (2, f"reformtrace: error: {tmp_path / 'saknas.pdf'}: cannot read the file (No such file or directory)\n")
