"""Bytes to text: UTF-8 (with or without BOM), else cp1252, else latin-1; never binary."""
from __future__ import annotations

from pathlib import Path

from reformtrace.errors import InputError

CONTROL_BYTES = set(range(0, 9)) | {11, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31}


def decode(data: bytes, path: str | Path) -> str:
    """Decode a text file's bytes, or raise InputError if they are not text."""
    if not data.strip():
        raise InputError(path, "the file is empty")
    if data.startswith(b"%PDF"):
        raise InputError(path, "this is a PDF with a text-file name; rename it to .pdf")
    sample = data[:65536]
    if b"\x00" in sample or sum(b in CONTROL_BYTES for b in sample) > len(sample) * 0.01:
        raise InputError(path, "binary data, not text (NUL or control bytes); is this really a report?")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:  # cp1252 leaves five bytes undefined; latin-1 takes any
        return data.decode("latin-1")
