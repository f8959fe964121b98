"""Supervised worker processes: a child evaluates, the parent waits with a deadline and SIGKILLs it.

Both the endpoint's pool (:mod:`minegraph.publish.pool`) and local bounded queries
(:mod:`minegraph.store.bounded`) run queries this way, so that a query past its time, or one that
crashes the engine, costs only the child: killing the process is what really stops the CPU work.
A child dies with its parent (``PR_SET_PDEATHSIG``) and leaves Ctrl-C to the parent. Children are
fresh interpreters (:func:`start_worker`), or forks when they must inherit an in-memory store.
"""

from __future__ import annotations

import ctypes
import importlib
import multiprocessing
import os
import resource
import signal
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path

START_TIMEOUT = 60.0
DEFAULT_TIMEOUT = 60.0  # seconds a bounded query may run (the CLI's --timeout, minegraph.query)


class WorkerFailed(Exception):
    """A job without an answer; ``kind`` says why: ``timeout`` (killed past its deadline), ``crashed``
    (the child died) or ``start`` (the child never became ready)."""

    def __init__(self, kind: str, message: str):
        super().__init__(message)
        self.kind, self.message = kind, message


def timeout_message(seconds: float) -> str:
    return f"the query ran longer than {seconds:g} s and was stopped"


def child_setup(network: bool = False) -> None:
    """First thing in a child: die when the parent dies, however it dies, and ignore Ctrl-C (the
    terminal sends it to the whole process group; the parent decides and kills us); then cap its
    memory and, unless ``network`` (a store opened for federation), cut it off the network (:func:`confine`)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})  # blocked by the parent around start
    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    confine(network)


_CLONE_NEWNET, _CLONE_NEWUSER = 0x40000000, 0x10000000
#: Address space a query worker may map (MINEGRAPH_WORKER_MEMORY, in bytes, overrides; 0: no cap).
WORKER_MEMORY = 4 << 30
#: Which wall keeps this worker off the network: "namespace" (a network namespace of its own, with
#: nothing but a loopback interface that is down), "user-namespace" (the same, inside a user namespace,
#: where an unprivileged process may make one), or "none" (the system allows neither: the parse-based
#: SERVICE refusal is then the only wall).
network_wall = "none"


def worker_memory() -> int:
    """The address-space cap of a query worker, in bytes (0: none)."""
    return int(os.environ.get("MINEGRAPH_WORKER_MEMORY", WORKER_MEMORY))


def confine(network: bool = False) -> str:
    """Cap this process's address space and, unless ``network``, put it in a network namespace of its
    own (no interface up: any connection, even to 127.0.0.1, fails); returns the wall that holds (see
    ``network_wall``)."""
    global network_wall

    libc = ctypes.CDLL(None, use_errno=True)
    for flags, wall in ((_CLONE_NEWNET, "namespace"), (_CLONE_NEWUSER | _CLONE_NEWNET, "user-namespace")):
        if not network and libc.unshare(flags) == 0:
            network_wall = wall
            break
    limit = worker_memory()
    if limit > 0:
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard == resource.RLIM_INFINITY or hard > limit:
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    return network_wall


def job_loop(conn, handle, failure) -> None:
    """A child's loop: say it is ready, then give each job to ``handle(job)`` (which sends the answer)
    until the pipe closes; an exception becomes the message ``failure(exc)``, and the worker lives on."""
    conn.send({"ready": os.getpid()})
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        try:
            handle(job)
        except (EOFError, BrokenPipeError):
            return
        except Exception as exc:
            conn.send(failure(exc))


def short(exc: Exception, width: int = 500) -> str:
    """An exception's message on one line, cut to ``width`` characters."""
    return " ".join(str(exc).split())[:width]


@contextmanager
def sigint_blocked():
    """Hold Ctrl-C back while a child is started: the child inherits the mask, so a Ctrl-C in that
    instant never reaches it before it ignores SIGINT (no traceback); the parent gets it after."""
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


@dataclass
class Worker:
    """One child process and the parent's end of its pipe."""

    process: object  # multiprocessing.process.BaseProcess
    conn: object
    jobs: int = 0
    started: float = field(default_factory=time.monotonic)

    @property
    def pid(self) -> int:
        return self.process.pid

    def kill(self) -> None:
        """SIGKILL the child (if alive) and reap it: no orphan, no zombie."""
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.conn.close()

    def receive(self, timeout: float | None):
        """The child's next message, waiting at most ``timeout`` seconds (None: no limit)."""
        if not self.conn.poll(timeout):
            raise WorkerFailed("timeout", timeout_message(timeout))
        try:
            return self.conn.recv()
        except (EOFError, OSError):
            self.process.join(1)
            if self.process.exitcode == -signal.SIGABRT:  # the engine could not allocate: the memory cap
                raise WorkerFailed(
                    "crashed",
                    f"the query needed more memory than a query worker may use ({worker_memory() / 2**30:g} GiB)",
                ) from None
            raise WorkerFailed("crashed", "the query worker died while evaluating this query") from None

    def call(self, job: dict, timeout: float) -> dict:
        """Send a job and wait for its one reply (blocking: run it in a thread from async code)."""
        self.conn.send(job)
        return self.receive(timeout)


class _Spawned:
    """A worker started with :mod:`subprocess`, seen through the few Process methods Worker uses."""

    def __init__(self, popen: subprocess.Popen):
        self.popen = popen

    @property
    def pid(self) -> int:
        return self.popen.pid

    @property
    def exitcode(self) -> int | None:
        return self.popen.poll()

    def is_alive(self) -> bool:
        return self.popen.poll() is None

    def kill(self) -> None:
        self.popen.kill()

    def join(self, timeout: float | None = None) -> None:
        try:
            self.popen.wait(timeout)
        except subprocess.TimeoutExpired:
            pass


def _spawn(target, args: tuple):
    """A fresh interpreter running ``target(conn, *args)``: it re-imports nothing of the caller's
    ``__main__`` (a script without a main guard, ``python -``), starts in its own session so the
    terminal's Ctrl-C never reaches it, and gets its target and arguments through the pipe."""
    ours, theirs = socket.socketpair()
    parent = Connection(ours.detach())
    fd = theirs.detach()
    package = str(Path(__file__).resolve().parents[2])
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([package, *filter(None, [os.environ.get("PYTHONPATH")])]),
        "RUST_BACKTRACE": "0",
    }  # an engine abort (the memory cap) prints one line, not a backtrace
    bootstrap = (
        "import sys; from minegraph.store.supervised import child_main; child_main(int(sys.argv[1]), int(sys.argv[2]))"
    )
    try:
        popen = subprocess.Popen(
            [sys.executable, "-P", "-c", bootstrap, str(fd), str(os.getpid())],
            pass_fds=[fd],
            env=env,
            start_new_session=True,
            stdin=subprocess.DEVNULL,
        )
    finally:
        os.close(fd)
    parent.send((target.__module__, target.__qualname__, args))
    return _Spawned(popen), parent


def child_main(fd: int, parent_pid: int) -> None:
    """The spawned interpreter's entry: read the target from the pipe and run it."""
    child_setup()
    if os.getppid() != parent_pid:  # the parent died before PR_SET_PDEATHSIG was set
        return
    conn = Connection(fd)
    module, name, args = conn.recv()
    getattr(importlib.import_module(module), name)(conn, *args)


def start_worker(
    target,
    args: tuple = (),
    *,
    fork: bool = False,
    name: str = "minegraph-query-worker",
    wait: float | None = START_TIMEOUT,
) -> Worker:
    """Start ``target(conn, *args)`` in a child: a fresh interpreter, or with ``fork`` a copy of this
    process (it inherits the caller's objects, e.g. an in-memory store). With ``wait``, block until
    the child sends its first message (it is ready) and raise WorkerFailed("start") if it does not."""
    if fork:
        context = multiprocessing.get_context("fork")
        parent, child = context.Pipe()
        process = context.Process(target=target, name=name, args=(child, *args), daemon=True)
        with sigint_blocked():  # the fork inherits the mask: Ctrl-C waits until it ignores SIGINT
            process.start()
        child.close()
    else:
        process, parent = _spawn(target, args)
    worker = Worker(process, parent)
    if wait is not None:
        try:
            if not parent.poll(wait):
                raise EOFError
            parent.recv()  # {"ready": pid}
        except (EOFError, OSError):
            worker.kill()
            raise WorkerFailed("start", f"a query worker did not start (exit code {process.exitcode})") from None
        except BaseException:  # Ctrl-C while waiting: no child left behind
            worker.kill()
            raise
    return worker
