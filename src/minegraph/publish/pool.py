"""The endpoint's query workers: a few supervised child processes, each answering one job at a time.

A job that runs past the wall-clock timeout gets its worker SIGKILLed (the CPU work stops with
it) and a fresh worker started in its place; a worker that dies mid-job is replaced the same
way. The caller gets a :class:`JobFailed` with the HTTP status to answer (504, 502, 503). Starting,
waiting on and killing one child is :mod:`minegraph.store.supervised`, shared with local queries.
"""

from __future__ import annotations

import asyncio
import sys
from concurrent.futures import ThreadPoolExecutor

from minegraph.store.supervised import START_TIMEOUT as _START_TIMEOUT
from minegraph.store.supervised import Worker, WorkerFailed, start_worker

from . import worker as worker_module


class JobFailed(Exception):
    """A job without an answer: ``status`` and ``kind`` say why (timeout, crashed, busy)."""

    def __init__(self, status: int, kind: str, message: str):
        super().__init__(message)
        self.status, self.kind, self.message = status, kind, message


_STATUS = {"timeout": 504, "crashed": 502}


def _call(worker: Worker, job: dict, timeout: float) -> dict:
    """The worker's reply, or JobFailed with the HTTP status of what went wrong (blocking: run in a thread)."""
    try:
        return worker.call(job, timeout)
    except WorkerFailed as exc:
        message = exc.message + ("; it was replaced" if exc.kind == "crashed" else "")
        raise JobFailed(_STATUS.get(exc.kind, 502), exc.kind, message) from None


class WorkerPool:
    """``size`` workers over one read-only database; ``run`` hands a job to the next idle worker."""

    def __init__(
        self,
        database: str,
        project_root: str,
        prefixes: dict[str, str],
        *,
        size: int = 2,
        timeout: float = 30.0,
        queue_timeout: float | None = None,
    ):
        self.database, self.project_root, self.prefixes = database, project_root, prefixes
        self.size, self.timeout = size, timeout
        self.queue_timeout = timeout if queue_timeout is None else queue_timeout
        self.threads = ThreadPoolExecutor(max_workers=size * 2 + 2, thread_name_prefix="minegraph-pool")
        self.idle: asyncio.Queue[Worker] = asyncio.Queue()
        self.workers: dict[int, Worker] = {}
        self.replaced = 0
        self.closed = False

    def _spawn(self) -> Worker:
        try:
            return start_worker(
                worker_module.serve_jobs, (self.database, self.project_root, self.prefixes), wait=_START_TIMEOUT
            )
        except WorkerFailed as exc:
            raise RuntimeError(f"{exc.message}; is the database {self.database} readable?") from None

    async def start(self) -> None:
        loop = asyncio.get_running_loop()
        started = await asyncio.gather(*[loop.run_in_executor(self.threads, self._spawn) for _ in range(self.size)])
        for worker in started:
            self.workers[worker.pid] = worker
            self.idle.put_nowait(worker)

    async def _replace(self, worker: Worker) -> None:
        loop = asyncio.get_running_loop()
        self.workers.pop(worker.pid, None)
        await loop.run_in_executor(self.threads, worker.kill)
        if self.closed:
            return
        for attempt in range(3):
            try:
                fresh = await loop.run_in_executor(self.threads, self._spawn)
                break
            except RuntimeError as exc:
                print(f"minegraph serve: {exc} (attempt {attempt + 1} of 3)", file=sys.stderr)
                await asyncio.sleep(1 + attempt)
        else:
            return  # the pool is smaller now; /health shows it
        self.replaced += 1
        self.workers[fresh.pid] = fresh
        self.idle.put_nowait(fresh)

    async def _next_idle(self, timeout: float) -> Worker:
        """The next idle worker, waiting at most ``timeout`` (no worker is lost when the wait is cut short)."""
        getter = asyncio.ensure_future(self.idle.get())
        try:
            await asyncio.wait({getter}, timeout=timeout)
        except BaseException:  # the request itself was cancelled
            self._abandon(getter)
            raise
        if not getter.done():
            getter.cancel()
            raise JobFailed(503, "busy", f"no query worker became free within {timeout:g} s; try again later")
        return getter.result()

    def _abandon(self, getter: asyncio.Future) -> None:
        if getter.done() and not getter.cancelled():
            self.idle.put_nowait(getter.result())
        else:
            getter.cancel()

    async def run(self, job: dict, timeout: float | None = None) -> dict:
        """The worker's reply to ``job``; JobFailed when no worker is free within the queue deadline, or it
        timed out or died."""
        timeout = self.timeout if timeout is None else timeout
        worker = await self._next_idle(min(self.queue_timeout, timeout))
        loop = asyncio.get_running_loop()
        try:
            reply = await loop.run_in_executor(self.threads, _call, worker, job, timeout)
        except JobFailed:
            asyncio.ensure_future(self._replace(worker))
            raise
        except BaseException:  # cancelled (client gone, shutdown): the worker may still be busy
            asyncio.ensure_future(self._replace(worker))
            raise
        worker.jobs += 1
        self.idle.put_nowait(worker)
        return reply

    def pids(self) -> list[int]:
        return sorted(self.workers)

    def close(self) -> None:
        """Kill every worker and wait for each (no orphans)."""
        self.closed = True
        for worker in list(self.workers.values()):
            worker.kill()
        self.workers.clear()
        self.threads.shutdown(wait=False, cancel_futures=True)
