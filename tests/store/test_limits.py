"""Local query limits: a timeout that kills the worker process (its CPU work stops with it), Ctrl-C
that stops the CLI within a second (exit 130, no child left), and a row cap that is never silent."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time

import pytest

import minegraph
from minegraph.errors import QueryTimeout
from minegraph.store.cache import open_current
from tests.support.processes import as_from_a_terminal, children, cpu_ticks, query_workers, running

CROSS_PRODUCT = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
TRIPLES = "SELECT * WHERE { ?s ?p ?o }"
CLI = [sys.executable, "-m", "minegraph"]


@pytest.fixture(scope="module")
def project(real_project):
    open_current(real_project)  # build the persisted store once, outside the timed parts
    return real_project


def watch_workers(busy: set[int], stop: threading.Event) -> None:
    """Collect the workers seen using CPU until ``stop``."""
    while not stop.is_set():
        for pid in query_workers(os.getpid()):
            try:
                if cpu_ticks(pid) > 0:
                    busy.add(pid)
            except FileNotFoundError:
                pass
        time.sleep(0.02)


def test_a_timeout_kills_the_worker_and_its_cpu_work_stops(project):
    busy, stop = set(), threading.Event()
    watcher = threading.Thread(target=watch_workers, args=(busy, stop))
    watcher.start()
    started = time.monotonic()
    try:
        with pytest.raises(QueryTimeout, match=r"^the query ran longer than 1 s and was stopped$"):
            minegraph.sparql(CROSS_PRODUCT, project=project, timeout=1)
        elapsed = time.monotonic() - started
    finally:
        stop.set()
        watcher.join()
    assert elapsed < 10
    gone = {pid for pid in busy if not running(pid)}
    assert gone, "no worker was killed at the deadline"
    idle = {pid: cpu_ticks(pid) for pid in busy - gone}  # workers kept for the next query, if any
    time.sleep(0.3)
    assert all(cpu_ticks(pid) == ticks for pid, ticks in idle.items()), "a worker still works after the deadline"
    assert minegraph.sparql("ASK { ?s ?p ?o }", project=project, timeout=30).boolean  # a fresh worker answers


def test_an_in_memory_store_is_bounded_in_a_forked_child(real_stores):
    store = real_stores["oxigraph"]
    before = children(os.getpid())
    with pytest.raises(QueryTimeout):
        store.stream(CROSS_PRODUCT, timeout=0.5).to_result()
    assert children(os.getpid()) <= before  # the forked child was killed and reaped
    answer = store.stream(TRIPLES, timeout=30, max_rows=7).to_result()
    assert len(answer) == 7 and answer.truncated


def test_the_row_cap_is_never_silent(project):
    capped = minegraph.sparql(TRIPLES, project=project, max_rows=5)
    assert len(capped) == 5 and capped.truncated
    whole = minegraph.sparql(TRIPLES, project=project, timeout=60)
    assert not whole.truncated and len(whole) > 1000
    exact = minegraph.sparql(TRIPLES, project=project, max_rows=len(whole))
    assert len(exact) == len(whole) and not exact.truncated
    assert minegraph.sparql("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", project=project, max_rows=3).truncated


def test_the_bounded_answer_equals_the_in_process_answer(project):
    from minegraph.queries.run import run_query

    bounded = run_query("in-force-on-date", {"date": "2025-01-01"}, project=project, timeout=60)
    plain = run_query("in-force-on-date", {"date": "2025-01-01"}, project=project)
    assert bounded.variables == plain.variables and bounded.terms == plain.terms and not bounded.truncated


def test_the_low_level_roads_stay_in_process(project, monkeypatch):
    """run_query and run_sparql without a timeout or cap start no worker (no per-call overhead)."""
    from minegraph.queries.run import run_query, run_sparql
    from minegraph.store import bounded

    def refuse(*args, **kwargs):
        raise AssertionError("a worker was started")

    monkeypatch.setattr(bounded, "start_worker", refuse)
    assert run_sparql("ASK { ?s ?p ?o }", project=project).boolean
    assert len(run_query("in-force-on-date", {"date": "2025-01-01"}, project=project)) > 100


def cli(project, *args, **options):
    return subprocess.run(
        [*CLI, "--project", str(project.root), *args], capture_output=True, text=True, timeout=120, **options
    )


def test_cli_timeout_is_exit_2_with_one_line(project, tmp_path):
    target = tmp_path / "out.csv"
    done = cli(project, "sparql", CROSS_PRODUCT, "--timeout", "1", "--format", "csv", "-o", str(target))
    assert done.returncode == 2
    assert done.stderr == "minegraph: error: the query ran longer than 1 s and was stopped\n"
    assert list(tmp_path.iterdir()) == []  # no file, no temporary left


def test_cli_says_when_the_answer_was_cut(project):
    done = cli(project, "sparql", TRIPLES, "--max-rows", "4", "--format", "tsv")
    assert done.returncode == 0 and len(done.stdout.splitlines()) == 5  # header and four rows
    assert done.stderr == "minegraph: the answer was cut at 4 rows (--max-rows 4); there are more\n"
    whole = cli(project, "query", "in-force-on-date", "-p", "date=2025-01-01", "--max-rows", "100000", "-f", "csv")
    assert whole.returncode == 0 and whole.stderr == ""
    bad = cli(project, "sparql", TRIPLES, "--max-rows", "-1")
    assert bad.returncode == 2 and "--max-rows: expected a number >= 0" in bad.stderr and "Traceback" not in bad.stderr


def test_ctrl_c_stops_the_cli_within_a_second(project):
    process = subprocess.Popen(
        [*CLI, "--project", str(project.root), "sparql", CROSS_PRODUCT, "--timeout", "120"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=as_from_a_terminal,
    )
    try:
        deadline = time.monotonic() + 60
        workers: set[int] = set()
        while time.monotonic() < deadline:  # wait until the worker is evaluating (it uses CPU)
            workers = query_workers(process.pid)
            if any(running(pid) and cpu_ticks(pid) > 20 for pid in workers):
                break
            time.sleep(0.05)
        else:
            raise AssertionError("the query worker never started evaluating")
        sent = time.monotonic()
        process.send_signal(signal.SIGINT)
        code = process.wait(timeout=10)
        elapsed = time.monotonic() - sent
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    out, err = process.communicate()
    assert code == 130 and elapsed < 1.5, (code, elapsed)
    assert err == "minegraph: interrupted\n" and out == ""
    assert not any(running(pid) for pid in workers)
