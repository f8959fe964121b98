"""The worker pool on its own: busy (503), timeout (504) and no worker lost when a wait is cut short."""

from __future__ import annotations

import asyncio

from minegraph.core.namespaces import PREFIXES
from minegraph.core.project import Project
from minegraph.publish.pool import JobFailed, WorkerPool
from minegraph.store.cache import open_current
from tests.support.paths import ROOT

SLOW = {
    "kind": "query",
    "text": "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
    "form": "SELECT",
    "format": "JSON",
    "max_rows": 10,
}
QUICK = {"kind": "query", "text": "ASK { ?s ?p ?o }", "form": "ASK", "format": "JSON", "max_rows": 10}


def test_busy_then_timeout_then_served_again():
    _, database = open_current(Project(ROOT))

    async def scenario():
        pool = WorkerPool(str(database), str(ROOT), dict(PREFIXES), size=1, timeout=1.5)
        await pool.start()
        try:
            slow = asyncio.ensure_future(pool.run(SLOW))
            await asyncio.sleep(0.1)
            try:
                await pool.run(QUICK, timeout=0.3)
            except JobFailed as busy:
                assert busy.status == 503 and busy.kind == "busy"
            else:
                raise AssertionError("a second job found a free worker")
            try:
                await slow
            except JobFailed as timed_out:
                assert timed_out.status == 504 and timed_out.kind == "timeout"
            answer = await pool.run(QUICK, timeout=20)
            assert answer["status"] == 200 and answer["body"] == b'{"head":{},"boolean":true}'
            assert pool.replaced == 1 and len(pool.workers) == 1 and pool.idle.qsize() == 1
        finally:
            pool.close()

    asyncio.run(scenario())


def test_a_request_waits_for_a_worker_no_longer_than_the_queue_deadline():
    """While a slow query holds the only worker (10 s timeout), another request is told 503 within the
    queue deadline (0.5 s), not after the slow one's whole timeout."""
    import time

    _, database = open_current(Project(ROOT))

    async def scenario():
        pool = WorkerPool(str(database), str(ROOT), dict(PREFIXES), size=1, timeout=10, queue_timeout=0.5)
        await pool.start()
        try:
            slow = asyncio.ensure_future(pool.run(SLOW))
            await asyncio.sleep(0.1)
            started = time.monotonic()
            try:
                await pool.run(QUICK)
            except JobFailed as busy:
                assert busy.status == 503 and busy.kind == "busy" and time.monotonic() - started < 3
            else:
                raise AssertionError("a second job found a free worker")
            slow.cancel()
        finally:
            pool.close()

    asyncio.run(scenario())


def test_the_default_queue_deadline_is_shorter_than_the_query_timeout():
    from minegraph.publish.settings import Settings

    assert Settings(timeout=30).queue_deadline() == 10 and Settings(timeout=2).queue_deadline() == 1
    assert Settings(timeout=2, queue_timeout=0.25).queue_deadline() == 0.25
