"""Argument types shared by the subcommands: a bad value is refused with what to give instead."""
from __future__ import annotations

import argparse


def positive_int(text: str) -> int:
    """A count of processes or pages: a whole number, 1 or more."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number; give 1 or more") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text} is too few; give 1 or more")
    return value


def scheduler(text: str) -> str:
    """A Dask scheduler's address, or local:N for a cluster of N worker processes here."""
    if text.startswith("local:"):
        count = text.removeprefix("local:")
        if not count.isdigit() or int(count) < 1:
            raise argparse.ArgumentTypeError(f"local:N takes the number of worker processes, 1 or more (local:2), not {text!r}")
    elif "://" not in text:
        raise argparse.ArgumentTypeError(f"{text!r}: give a scheduler address (tcp://HOST:PORT) or local:N")
    return text
