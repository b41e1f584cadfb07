"""The one error type users see: it names the file and the reason."""
from __future__ import annotations

from pathlib import Path


class InputError(Exception):
    """A file could not be read as a report. The batch records it and goes on."""

    def __init__(self, path: str | Path, reason: str, stage: str = "extract"):
        self.path = str(path)
        self.reason = reason
        self.stage = stage
        super().__init__(f"{self.path}: {reason}")
