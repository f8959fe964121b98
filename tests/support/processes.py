"""Processes seen through /proc: a process's live children, whether one still runs, its CPU time, and the
query workers of a minegraph process (the store and queries tests watch workers stop with their query)."""

from __future__ import annotations

import os
import signal
from pathlib import Path


def as_from_a_terminal() -> None:
    """Ctrl-C's default disposition in the child: a shell starts background jobs with SIGINT ignored and
    the child would inherit that (a CLI started with ``&`` rightly ignores Ctrl-C), whoever ran pytest."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def children(pid: int) -> set[int]:
    """The live (not zombie) child processes of ``pid``."""
    found = set()
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            found.update(int(c) for c in Path(f"/proc/{pid}/task/{task}/children").read_text().split())
    except FileNotFoundError:
        return set()
    return {c for c in found if running(c)}


def running(pid: int) -> bool:
    """True while ``pid`` exists and is not a zombie (a zombie uses no CPU; it only waits to be reaped)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def cpu_ticks(pid: int) -> int:
    """The CPU time ``pid`` has used so far, in clock ticks."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime + stime


def query_workers(parent: int) -> set[int]:
    """The spawned query workers among ``parent``'s children."""
    return {pid for pid in children(parent) if b"child_main" in Path(f"/proc/{pid}/cmdline").read_bytes()}
