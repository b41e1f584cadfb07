"""`python -m reformtrace`: the `reformtrace` command, for when the console script is not on PATH."""
from reformtrace.cli import entry

entry()
