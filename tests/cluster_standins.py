"""Stand-in stages for the Dask tests: module-level, so that the cluster's worker
processes (which start with the tests' sys.path) can import them by name."""
from __future__ import annotations

import os

from reformtrace.run import stages


def extract_dying(path):
    """A file named *dies_once* kills its worker the first time it is read (the
    OOM killer, a node lost); one named *always_dies* every time."""
    marker = path.with_name(f".{path.name}.died")
    if "always_dies" in path.name or ("dies_once" in path.name and not marker.exists()):
        marker.touch()
        os._exit(1)
    return stages.extract(path)
