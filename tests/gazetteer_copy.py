"""A copy of the package's gazetteer with one line changed: how the tests break a file."""
from __future__ import annotations

import shutil

from reformtrace.annotate.gazetteer import DATA_DIR


def broken_copy(tmp_path, name, old, new):
    """The copied folder and the changed file's path: `old` replaced by `new` once in `name`."""
    target = tmp_path / "gazetteer"
    shutil.copytree(DATA_DIR, target)
    path = target / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return target, path
