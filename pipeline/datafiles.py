"""Where data comes from: the package's plain lists (pipeline/data/), and the project's
shared folder (../shared/: the real PDFs, the development corpus) found from any
working folder, a checkout's or a git worktree's, which sits deeper."""
from __future__ import annotations

from importlib import resources
from pathlib import Path


def data_lines(*path: str) -> list[str]:
    """The items of a list under pipeline/data/: one a line, `#` comments, blank lines skipped."""
    text = resources.files("reformtrace").joinpath("data", *path).read_text(encoding="utf-8")
    return [item for line in text.splitlines() if (item := line.split("#", 1)[0].strip())]


def shared_path(relative: str, start: Path | None = None) -> Path:
    """shared/`relative` in the first folder above `start` (the working folder) that has
    it, else ../shared/`relative`."""
    for folder in (start or Path.cwd()).resolve().parents:
        if (folder / "shared" / relative).exists():
            return folder / "shared" / relative
    return Path("../shared") / relative
