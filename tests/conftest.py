import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))  # tests/pdfgen.py: PDFs made in the tests

import system  # noqa: E402


def pytest_terminal_summary(terminalreporter):
    if system.MISSING:
        packages = " ".join(system.PACKAGES[p] for p in sorted(system.MISSING))
        terminalreporter.write_line(f"skipped the tests that need {', '.join(sorted(system.MISSING))}: on Debian, apt-get install {packages}")
