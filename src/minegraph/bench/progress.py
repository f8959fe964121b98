"""A small progress bar on stderr (no dependency): ``synth  [#####.....]  37/133 copies  1.2M triples  12 s``."""

from __future__ import annotations

import sys
import time


class Bar:
    """Redrawn in place at most ten times a second on a terminal, a line per tenth elsewhere; silent when ``enabled`` is false."""

    def __init__(self, total: int, what: str, *, enabled: bool = True, width: int = 30, stream=None):
        self.total, self.what, self.enabled, self.width = max(total, 1), what, enabled, width
        self.stream = stream or sys.stderr
        self.started = self.drawn = time.monotonic()
        self.done, self.triples = 0, 0

    def advance(self, triples: int) -> None:
        self.done += 1
        self.triples += triples
        now = time.monotonic()
        if not self.enabled:
            return
        tty = self.stream.isatty()
        step = self.done * 10 // self.total != (self.done - 1) * 10 // self.total
        if (tty and now - self.drawn >= 0.1) or (not tty and step) or self.done == self.total:
            self.drawn = now
            filled = self.width * self.done // self.total
            self.stream.write(
                f"{chr(13) if tty else ''}synth  [{'#' * filled}{'.' * (self.width - filled)}]  "
                f"{self.done}/{self.total} {self.what}  {human(self.triples)} triples  "
                f"{now - self.started:.0f} s {'' if tty else chr(10)}"
            )
            self.stream.flush()

    def close(self) -> None:
        if self.enabled and self.stream.isatty():
            self.stream.write("\n")
            self.stream.flush()


def human(n: int) -> str:
    """1234567 → ``1.2M``."""
    for unit, size in (("G", 10**9), ("M", 10**6), ("k", 10**3)):
        if n >= size:
            return f"{n / size:.1f}{unit}"
    return str(n)
