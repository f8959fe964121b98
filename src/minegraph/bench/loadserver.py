"""The load test's surroundings: ``minegraph serve`` in a child process on 127.0.0.1, the memory of
its process tree (the server and its query workers), and a loopback listener SERVICE must never reach."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    """A running ``python -m minegraph.publish.server`` and where its log goes."""

    process: subprocess.Popen
    port: int
    log: Path

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    @property
    def endpoint(self) -> str:
        return self.url + "/query"

    def get_json(self, path: str, timeout: float = 10):
        with urllib.request.urlopen(self.url + path, timeout=timeout) as answer:
            return json.load(answer)

    def health(self) -> dict:
        return self.get_json("/health")

    def stop(self) -> int:
        """SIGTERM, then the exit code (SIGKILL after 15 s: a server that does not stop is a failure)."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                return self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
                return -signal.SIGKILL
        return self.process.returncode


def start_server(project_root: Path, log_dir: Path, *options: str, env: dict | None = None) -> Server:
    """Start the endpoint with ``options`` on a free loopback port (log: ``log_dir/server-PORT.log``) and wait
    (90 s at most; the store is built first if it is missing) until ``/health`` answers."""
    port = free_port()
    log = Path(log_dir) / f"server-{port}.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    command = [
        sys.executable,
        "-m",
        "minegraph.publish.server",
        "--project",
        str(project_root),
        "--host",
        HOST,
        "--port",
        str(port),
        *options,
    ]
    with log.open("wb") as sink:
        process = subprocess.Popen(command, stdout=sink, stderr=subprocess.STDOUT, env=env)
    server = Server(process, port, log)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(
                f"the server exited with {process.returncode}: {log.read_text(errors='replace')[-2000:]}"
            )
        try:
            server.health()
            return server
        except OSError:
            time.sleep(0.2)
    server.stop()
    raise RuntimeError(f"the server did not answer within 90 s: {log.read_text(errors='replace')[-2000:]}")


def _children() -> dict[int, list[int]]:
    """Every process's children, from /proc (Linux)."""
    tree: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        tree.setdefault(parent, []).append(int(entry.name))
    return tree


def _rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0  # gone (a worker just replaced) or a zombie: no memory held


def tree_rss_mb(pid: int) -> tuple[float, int]:
    """Resident memory of ``pid`` and all its descendants (MB), and how many processes that is."""
    tree, pids, todo = _children(), [], [pid]
    while todo:
        current = todo.pop()
        pids.append(current)
        todo.extend(tree.get(current, ()))
    return round(sum(_rss_kb(p) for p in pids) / 1024, 1), len(pids)


class MemorySampler:
    """Samples the server tree's RSS every ``every`` seconds in a thread: ``[[t, mb, processes], …]``."""

    def __init__(self, pid: int, every: float):
        self.pid, self.every = pid, every
        self.samples: list[list[float]] = []
        self.origin = time.monotonic()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True, name="loadtest-memory")

    def sample(self) -> list[float]:
        mb, count = tree_rss_mb(self.pid)
        point = [round(time.monotonic() - self.origin, 2), mb, count]
        self.samples.append(point)
        return point

    def _run(self) -> None:
        while not self._stop.wait(self.every):
            self.sample()

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(self.every + 5)


class Listener:
    """A loopback TCP listener counting the connections it is offered (a SERVICE that left would show)."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind((HOST, 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self._running = True
        self._thread = threading.Thread(target=self._accept, daemon=True, name="loadtest-listener")
        self._thread.start()

    def _accept(self) -> None:
        while self._running:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.connections += 1
            conn.close()

    def close(self) -> None:
        self._running = False
        self._thread.join(2)
        self.sock.close()
