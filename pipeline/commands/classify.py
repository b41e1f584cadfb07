"""`reformtrace classify` (placeholder until its stage lands)."""
from __future__ import annotations

import argparse


def add_parser(sub) -> argparse.ArgumentParser:
    return sub.add_parser("classify", help="(not built yet)")


def main(args: argparse.Namespace) -> int:
    raise SystemExit("reformtrace classify: not built yet")
