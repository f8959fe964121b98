"""A store build removes, under its lock, the in-memory scratch folders a killed build left behind
(``minegraph-store-<pid>-…`` of a process that is gone), and never one of a build still running."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from minegraph.core.project import Project
from minegraph.store import open_store


def test_a_killed_builds_scratch_is_removed_by_the_next_build(small_project):
    scratch = Path(os.environ["MINEGRAPH_FAST_SCRATCH"])  # the tests' own folder (tests/support/write_audit.py)
    gone = int(
        subprocess.run(
            [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True, check=True
        ).stdout
    )
    killed = scratch / f"minegraph-store-{gone}-abc"
    running = scratch / f"minegraph-store-{os.getppid()}-def"  # pytest's parent: alive
    for folder in (killed, running):
        (folder / "db").mkdir(parents=True)
    try:
        open_store(Project(small_project)).close()  # no store yet: a build, under the lock
        assert not killed.exists() and running.exists()
    finally:
        for folder in (killed, running):
            if folder.exists():
                shutil.rmtree(folder)
