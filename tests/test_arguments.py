"""Bad numbers and addresses on the command line are refused with what to give instead."""
import sys

import pytest

from reformtrace.cli import main as cli


@pytest.mark.parametrize("argv, message", [
    (["run", "--jobs", "x"], "argument --jobs/-j: 'x' is not a whole number; give 1 or more"),
    (["run", "--jobs", "0"], "argument --jobs/-j: 0 is too few; give 1 or more"),
    (["run", "--max-pages", "-1"], "argument --max-pages: -1 is too few; give 1 or more"),
    (["run", "--scheduler", "local:x"], "argument --scheduler: local:N takes the number of worker processes, 1 or more (local:2), not 'local:x'"),
    (["run", "--scheduler", "local:0"], "argument --scheduler: local:N takes the number of worker processes, 1 or more (local:2), not 'local:0'"),
    (["run", "--scheduler", "127.0.0.1:8786"], "argument --scheduler: '127.0.0.1:8786': give a scheduler address (tcp://HOST:PORT) or local:N"),
    (["classify", "passages.jsonl", "--jobs", "0"], "argument --jobs/-j: 0 is too few; give 1 or more"),
])
def test_a_bad_count_or_scheduler_says_what_to_give(argv, message, tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_:
        cli([*argv, "--out", str(tmp_path / "out")] if argv[0] == "run" else argv)
    assert exit_.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1] == f"reformtrace {argv[0]}: error: {message}"
    assert not (tmp_path / "out").exists()


def test_a_scheduler_without_dask_installed_is_refused_before_the_run_starts(tmp_path, capsys, monkeypatch):
    """Without the extra, no outputs process is forked and stopped mid-start (its traceback came first)."""
    monkeypatch.setitem(sys.modules, "distributed", None)  # `import distributed` raises ImportError, as without the extra
    monkeypatch.delitem(sys.modules, "reformtrace.run.cluster", raising=False)
    corpus = tmp_path / "rapporter"
    corpus.mkdir()
    (corpus / "rapport.txt").write_text("Region Skåne har infört mobila team.\n", encoding="utf-8")
    assert cli(["run", "--corpus", str(corpus), "--out", str(tmp_path / "out"), "--scheduler", "local:2"]) == 2
    assert capsys.readouterr().err == "reformtrace run: --scheduler needs Dask: pip install 'reformtrace[dask]'\n"
    assert not (tmp_path / "out").exists()
