"""`make loadtest`'s harness (minegraph.bench.loadtest), run small: 2 clients for 3 s against a real server.

Checks the report's structure and that every answer was the expected one for its class (no timing
is asserted: the figures belong to `make loadtest` and docs/loadtest.md)."""

from __future__ import annotations

import json

from minegraph.bench import loadreport
from minegraph.bench.loadmix import Options, Request, judge
from minegraph.bench.loadtest import run, write
from tests.support.paths import ROOT


def test_a_short_load_gets_only_expected_answers_and_a_complete_report(tmp_path):
    # A few quick library queries, so that the 4 s timeout (which the slow class must reach) is far above
    # them even on a busy machine; `make loadtest` runs the whole library with a 20 s timeout.
    options = Options(
        clients=2,
        seconds=3,
        timeout=4,
        sample_every=1,
        queries=("actors-by-type", "membership-summary", "dataset-summary", "contested-decisions"),
    )
    report = run(options, ROOT, tmp_path, "smoke")
    assert set(report["classes"]) == set(loadreport.CLASSES)
    for name, figures in report["classes"].items():
        assert figures["requests"] >= 1, name  # every class is sent at least once
        assert {"per_second", "p50_ms", "p95_ms", "p99_ms", "statuses", "unexpected"} <= set(figures)
    assert report["unexpected"] == [] and report["total"]["unexpected"] == 0
    assert set(report["classes"]["over-limit"]["statuses"]) == {"400"}
    assert set(report["classes"]["slow"]["statuses"]) <= {"503", "504"}
    assert report["service_connections"] == 0 and report["server_exit"] == 0
    memory = report["memory"]
    assert memory["start_mb"] > 0 and len(memory["samples"]) >= 2 and memory["ok"]
    assert report["ok"]
    target = write(report, tmp_path, tmp_path / "loadtest.md")
    assert json.loads(target.read_text())["total"]["requests"] == report["total"]["requests"]
    page = (tmp_path / "loadtest.md").read_text()
    assert "| over-limit |" in page and "Verdict: passed" in page


def test_an_answer_is_judged_by_status_and_error_kind():
    refused = Request("over-limit", "service", "GET", "/query", expected=(400,), errors=("service",))
    assert judge(refused, 400, "service")
    assert not judge(refused, 400, "syntax")  # refused, but by the parser: the guard let it through
    assert not judge(refused, 200, "")
    library = Request("library", "q", "GET", "/query")
    assert judge(library, 200, "") and not judge(library, 200, "empty body") and not judge(library, 503, "busy")
