"""Work done in a process forked beside this one, which goes on meanwhile: the outputs'
workbook and theme chart, and text reuse (outputs.write_outputs)."""
from __future__ import annotations

import gc
import multiprocessing
import os
import signal
from collections.abc import Callable


class Forked:
    """`make()` run in a forked process while this one renders the rest; `result()` waits for
    what it returns. `then()`, if given, runs there after the result is sent (work this process
    does not wait for, but for `finish()`). Without fork, or with one core, both run when the
    result is asked for."""

    def __init__(self, what: str, make: Callable[[], object], then: Callable[[], None] | None = None):
        self.what, self.make, self.then, self.process = what, make, then, None
        if "fork" not in multiprocessing.get_all_start_methods() or (os.cpu_count() or 1) < 2:
            return
        context = multiprocessing.get_context("fork")
        self.receive, send = context.Pipe(duplex=False)

        def child() -> None:
            # the run's signal handlers would turn SIGTERM into an exception here: this process just ends
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            # no collection here walks what the fork inherited (and copies every page it touches)
            gc.freeze()
            self.receive.close()
            try:
                outcome = (True, make())
            except Exception as err:  # the parent raises it
                outcome = (False, f"{type(err).__name__}: {err}")
            send.send(outcome)
            if outcome[0] and then is not None:
                then()  # a failure ends this process with a non-zero exit code, which finish() raises

        self.process = context.Process(target=child, daemon=True)
        self.process.start()
        send.close()

    @property
    def pid(self) -> int:
        """The process that makes it (this one, without fork)."""
        return self.process.pid if self.process is not None else os.getpid()

    def result(self):
        if self.process is None:
            value = self.make()
            if self.then is not None:
                self.then()
            return value
        try:
            ok, value = self.receive.recv()
        except EOFError:
            self.process.join()
            ok, value = False, f"the process rendering it died (exit code {self.process.exitcode})"
        if not ok:
            raise RuntimeError(f"rendering {self.what} failed: {value}")
        return value

    def finish(self) -> None:
        """Wait for `then()` to end (after `result()`); raises if it failed."""
        if self.process is not None:
            self.process.join()
            if self.process.exitcode != 0:
                raise RuntimeError(f"rendering {self.what} failed (exit code {self.process.exitcode})")

    def stop(self) -> None:
        """End the process if it is still at work (nothing waits for it), and reap it."""
        if self.process is not None:
            if self.process.is_alive():
                self.process.kill()
            self.process.join()
            self.receive.close()
            self.process = None
