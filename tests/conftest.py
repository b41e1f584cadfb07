import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))  # tests/pdfgen.py: PDFs made in the tests

import pytest  # noqa: E402
import system  # noqa: E402


@pytest.fixture(scope="session")
def rules():
    """The rule layer over the package's taxonomy, built once (a test module may build its own)."""
    from reformtrace.annotate.rules import Rules
    from reformtrace.annotate.taxonomy import load_taxonomy

    return Rules(load_taxonomy())


def pytest_terminal_summary(terminalreporter):
    if system.MISSING:
        packages = " ".join(system.PACKAGES[p] for p in sorted(system.MISSING))
        terminalreporter.write_line(f"skipped the tests that need {', '.join(sorted(system.MISSING))}: on Debian, apt-get install {packages}")
