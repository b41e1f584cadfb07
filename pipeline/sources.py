"""What a stage's output depends on, declared beside the stage's code as Sparv
annotators declare their inputs: `reformtrace run` hashes the declared code,
data and library versions into the stage's version, so a change to any of them
redoes that stage (and the ones after it) and nothing else does.

A test runs each stage in a fresh process and checks that every pipeline module
it imported is declared, so a declaration cannot silently fall behind its code.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Sources:
    code: tuple[str, ...]  # pipeline modules or packages (a package: every module in it)
    data: tuple[str, ...] = ()  # entries of pipeline/data/ (a file or a folder)
    libraries: tuple[str, ...] = ()  # distributions whose behaviour shapes the output
