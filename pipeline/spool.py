"""Output files written under temporary names as they are made, and renamed into place
together once all are made: a large run's files are never all held in memory at once,
and a failure leaves none of them half-written or mixed with an earlier run's.
"""
from __future__ import annotations

import os
from collections.abc import Callable, Iterator, MutableMapping
from pathlib import Path
from typing import BinaryIO

Writer = Callable[[BinaryIO], None]  # writes a file's bytes into the open file it is given


class Spool(MutableMapping):
    """{file name under `out_dir`: its bytes}, each written to a temporary file beside its
    place when it is set (its bytes, or a Writer that writes them a piece at a time);
    `publish` renames them all into place, `discard` removes what was not published."""

    def __init__(self, out_dir: Path):
        self.out_dir, self.staged = Path(out_dir), {}

    def __setitem__(self, name: str, data: bytes | Writer) -> None:
        temp = self.temp(name)
        temp.parent.mkdir(parents=True, exist_ok=True)  # OUT/.history/, OUT/report_files/
        self.staged[name] = temp
        with open(temp, "wb") as file:
            if callable(data):
                data(file)
            else:
                file.write(data)

    def temp(self, name: str, pid: int | None = None) -> Path:
        """The temporary name under which the process `pid` (this one by default) writes `name`."""
        final = self.out_dir / name
        return final.with_name(f".{final.name}.{pid or os.getpid()}.tmp")

    def take(self, name: str, temp: Path) -> None:
        """A file another process wrote under its temporary name `temp`, published with the rest."""
        self.staged[name] = Path(temp)

    def __getitem__(self, name: str) -> bytes:
        return self.staged[name].read_bytes()

    def __delitem__(self, name: str) -> None:
        self.staged.pop(name).unlink(missing_ok=True)

    def __iter__(self) -> Iterator[str]:
        return iter(self.staged)

    def __len__(self) -> int:
        return len(self.staged)

    def publish(self) -> list[Path]:
        """Every file renamed into place; returns their paths, sorted."""
        finals = []
        for name, temp in sorted(self.staged.items()):
            os.replace(temp, self.out_dir / name)
            finals.append(self.out_dir / name)
        self.staged = {}
        return finals

    def discard(self) -> None:
        for temp in self.staged.values():
            temp.unlink(missing_ok=True)
        self.staged = {}
