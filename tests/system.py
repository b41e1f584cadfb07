"""System programs some tests need. Outside CI a test whose program is missing
is skipped, and the run ends with one line naming the Debian packages that
bring them; under CI=true it fails, so CI always runs it (.ci/run installs them)."""
from __future__ import annotations

import functools
import os
import shutil
import subprocess

import pytest

PACKAGES = {"chromium": "chromium", "tesseract": "tesseract-ocr tesseract-ocr-swe"}
MISSING: set[str] = set()  # read by conftest.pytest_terminal_summary


@functools.cache
def _present(program: str) -> bool:
    if shutil.which(program) is None:
        return False
    if program == "tesseract":  # with its Swedish model
        langs = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True).stdout.split()
        return "swe" in langs
    return True


def require(program: str) -> None:
    """Skip the calling test (fail it under CI=true) when `program` is not installed."""
    if _present(program):
        return
    message = f"needs {program}: apt-get install {PACKAGES[program]}"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message + " (CI=true: every test must run)")
    MISSING.add(program)
    pytest.skip(message)
