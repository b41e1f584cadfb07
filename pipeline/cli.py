"""The `reformtrace` command: one console script, one module per subcommand.

Each module in pipeline/commands/ defines `add_parser(subparsers)` and a
`main(args) -> int`; this file only wires them together and turns an
InputError into a one-line message instead of a traceback. `entry` is the
console script.
"""
from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys

# Parallel work runs in processes (--jobs); a BLAS thread pool in each would only
# contend for the same cores, and spin while idle. One thread also keeps the sums
# in one order on every machine. Set before anything imports numpy.
for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")

from reformtrace import __version__  # noqa: E402
from reformtrace.errors import InputError  # noqa: E402

COMMANDS = ("run", "extract", "repair", "classify", "train", "evaluate", "kwic", "passages", "export", "import")
MODULES = {"import": "import_"}  # a subcommand whose module name is a Python keyword


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="reformtrace",
        description=(
            "Mine Swedish reports on the reform 'God och nära vård': extract text, "
            "repair OCR damage, label passages by goal, intervention and region, and "
            "build evidence matrices traceable to quotes, report and page."
        ),
    )
    parser.add_argument("--version", action="version", version=f"reformtrace {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMANDS:
        module = importlib.import_module(f"reformtrace.commands.{MODULES.get(name, name)}")
        module.add_parser(sub).set_defaults(handler=module.main)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.handler(args)
    except InputError as err:
        print(f"reformtrace: error: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("reformtrace: interrupted", file=sys.stderr)
        return 130


def entry() -> None:
    """The console script: `main`, then leave at once. Every file is written and
    closed by then, and freeing the heap a run builds (the annotator's tables and
    caches, the results) would only take more time. When the
    reader of standard output leaves (`reformtrace classify … | head`), it stops
    quietly with status 141, as a shell tool killed by SIGPIPE does."""
    try:
        status = main()
        sys.stdout.flush()
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        status = 141
    logging.shutdown()
    sys.stderr.flush()
    os._exit(status)


if __name__ == "__main__":
    entry()
