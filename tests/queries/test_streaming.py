"""Streamed answers: CSV, TSV and JSON lines written row by row as they arrive (bounded memory, the
first rows out before the query ends), the same text as the whole-result formats, files atomic."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time

import pyoxigraph as ox
import pytest

from minegraph.queries.streaming import write_stream
from minegraph.queries.writers import render
from minegraph.querylang.terms import from_json
from minegraph.store.cache import open_current
from minegraph.store.oxigraph import OxigraphStore
from tests.support.processes import as_from_a_terminal, query_workers, running

MANY = "SELECT * WHERE { ?s ?p ?o . VALUES ?i { 1 2 3 4 5 6 7 8 } } LIMIT {n}"
CLI = [sys.executable, "-m", "minegraph"]


@pytest.fixture(scope="module")
def project(real_project):
    open_current(real_project)
    return real_project


def peak_rss_mb(*args: str) -> tuple[int, subprocess.CompletedProcess]:
    """Run the CLI; the peak resident memory of it and its workers (MB) and how it ended."""
    process = subprocess.Popen([*CLI, *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    return usage.ru_maxrss // 1024, subprocess.CompletedProcess(args, process.returncode, "", process.stderr.read())


@pytest.mark.parametrize("fmt", ["tsv", "jsonl"])
def test_a_100k_row_answer_streams_in_bounded_memory(project, tmp_path, fmt):
    small, done = peak_rss_mb(
        "--project", str(project.root), "sparql", MANY.replace("{n}", "10"), "-f", fmt, "-o", str(tmp_path / "small")
    )
    assert done.returncode == 0, done.stderr
    big, done = peak_rss_mb(
        "--project", str(project.root), "sparql", MANY.replace("{n}", "100000"), "-f", fmt, "-o", str(tmp_path / "big")
    )
    assert done.returncode == 0 and done.stderr == f"wrote {tmp_path / 'big'} (100000 rows)\n", done.stderr
    lines = (tmp_path / "big").read_text().splitlines()
    assert len(lines) == 100000 + (fmt == "tsv") and (tmp_path / "big").stat().st_size > 15_000_000
    assert big - small < 30, f"peak memory grew from {small} MB to {big} MB with the answer"


def test_rows_are_written_before_the_query_ends(project):
    process = subprocess.Popen(
        [
            *CLI,
            "--project",
            str(project.root),
            "sparql",
            "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
            "-f",
            "jsonl",
            "--timeout",
            "120",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=as_from_a_terminal,
    )
    try:
        first = json.loads(process.stdout.readline())
        assert process.poll() is None, "the query ended before its first row was read"
        assert set(first) == set("abcdefghi")
        workers = query_workers(process.pid)
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=10) == 130
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.stderr.read() == "minegraph: interrupted\n"
    assert workers and not any(running(pid) for pid in workers)


@pytest.fixture(scope="module")
def odd_terms():
    """An in-memory store whose terms need every spelling rule: blank nodes, languages, datatypes,
    quotes, backslashes and \\u, control characters, unbound variables."""
    native = ox.Store()
    s, p = ox.NamedNode("https://example.org/s"), ox.NamedNode("https://example.org/p")
    for value in [
        ox.Literal('say "hi"\n\\u0022 tab\there'),
        ox.Literal("chat", language="fr"),
        ox.Literal("1.50", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal")),
        ox.Literal("2025-02-03", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date")),
        ox.BlankNode("b1"),
        ox.NamedNode("https://example.org/o?x=1&y=é"),
        ox.Literal("bell\x07"),
    ]:
        native.add(ox.Quad(s, p, value))
    return OxigraphStore(native)


ODD = "SELECT ?s ?o ?none WHERE { ?s ?p ?o OPTIONAL { ?o ?p ?none } } ORDER BY STR(?o)"


@pytest.mark.parametrize("fmt", ["csv", "tsv", "jsonl"])
def test_a_streamed_answer_is_the_whole_answer_rendered(odd_terms, fmt):
    out = io.StringIO(newline="")
    rows = write_stream(odd_terms.stream(ODD, timeout=30), fmt, out)
    assert rows == 7
    assert out.getvalue() == render(odd_terms.query(ODD), fmt)


def test_json_lines_round_trip_to_the_same_terms(odd_terms):
    out = io.StringIO()
    write_stream(odd_terms.stream(ODD, timeout=30), "jsonl", out)
    back = [{name: from_json(cell) for name, cell in json.loads(line).items()} for line in out.getvalue().splitlines()]
    expected = [{n: t for n, t in row.items() if t is not None} for row in odd_terms.query(ODD).terms]
    assert back == expected


def test_graph_answers_and_booleans_stream_too(odd_terms):
    out = io.StringIO()
    assert write_stream(odd_terms.stream("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", timeout=30), "jsonl", out) == 7
    assert all(set(json.loads(line)) == {"subject", "predicate", "object"} for line in out.getvalue().splitlines())
    out = io.StringIO()
    write_stream(odd_terms.stream("ASK { ?s ?p ?o }", timeout=30), "jsonl", out)
    assert out.getvalue() == '{"boolean": true}\n'


def test_a_streamed_file_appears_only_when_complete(project, tmp_path):
    target = tmp_path / "answer.jsonl"
    process = subprocess.Popen(
        [
            *CLI,
            "--project",
            str(project.root),
            "sparql",
            MANY.replace("{n}", "100000"),
            "-f",
            "jsonl",
            "-o",
            str(target),
        ],
        stderr=subprocess.PIPE,
        text=True,
    )
    seen_partial = False
    while process.poll() is None and not target.exists():
        seen_partial |= any(p.name.endswith(".tmp") for p in tmp_path.iterdir())
        time.sleep(0.05)
    assert len(target.read_text().splitlines()) == 100000  # whole the moment it appears
    assert process.wait(timeout=60) == 0 and seen_partial  # it was written into a temporary sibling, then renamed
    assert [p.name for p in tmp_path.iterdir()] == ["answer.jsonl"]
