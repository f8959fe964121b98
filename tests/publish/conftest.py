"""A real endpoint for the tests: ``minegraph.publish.server`` in a child process on 127.0.0.1."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    process: subprocess.Popen
    port: int
    log: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def endpoint(self) -> str:
        return self.url + "/query"

    def health(self) -> dict:
        with urllib.request.urlopen(self.url + "/health", timeout=10) as answer:
            return json.load(answer)

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                return self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                return self.process.wait(5)
        return self.process.returncode


def start_server(tmp: Path, *options: str) -> Server:
    """Start a server and wait until /health answers (the store is built first if it is missing)."""
    port = free_port()
    log = tmp / f"server-{port}.log"
    env = {**os.environ, "MINEGRAPH_HOME": str(ROOT)}
    process = subprocess.Popen([sys.executable, "-m", "minegraph.publish.server", "--project", str(ROOT),
                                "--port", str(port), *options], stdout=log.open("wb"), stderr=subprocess.STDOUT, env=env)
    server = Server(process, port, log)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited: {log.read_text()}")
        try:
            server.health()
            return server
        except OSError:
            time.sleep(0.2)
    server.stop()
    raise RuntimeError(f"the server did not answer within 90 s: {log.read_text()}")


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    """The shared endpoint: 2 workers, a 2 s timeout, a 500-row cap, room for 128 requests in flight."""
    started = start_server(tmp_path_factory.mktemp("endpoint"), "--timeout", "2", "--max-rows", "500",
                           "--max-concurrent", "128", "--max-depth", "32")
    yield started
    assert started.stop() == 0


def alive(pid: int) -> bool:
    """Whether a process exists and is not a zombie."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except OSError:
        return False
    return state != "Z"
