"""A real endpoint for the tests: ``minegraph.publish.server`` in a child process on 127.0.0.1."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from minegraph.bench.loadserver import Listener, Server  # noqa: F401  (Listener: for the tests)
from minegraph.bench.loadserver import start_server as _start_server

ROOT = Path(__file__).resolve().parents[2]


def start_server(tmp: Path, *options: str) -> Server:
    """Start a server on the checkout and wait until /health answers (the store is built first if it is missing)."""
    return _start_server(ROOT, tmp, *options, env={**os.environ, "MINEGRAPH_HOME": str(ROOT)})


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    """The shared endpoint: 2 workers, a 2 s timeout, a 500-row cap, room for 128 requests in flight, each
    waiting up to 30 s for a worker (a burst of 100 must all be answered)."""
    started = start_server(tmp_path_factory.mktemp("endpoint"), "--timeout", "2", "--max-rows", "500",
                           "--max-concurrent", "128", "--max-depth", "32", "--queue-timeout", "30")
    yield started
    assert started.stop() == 0


def alive(pid: int) -> bool:
    """Whether a process exists and is not a zombie."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except OSError:
        return False
    return state != "Z"
