"""Whole processes are timed from outside, each with the peak memory of that child alone (so a
command and its raw baseline compare on memory too), and a failing one is recorded, not raised."""

from __future__ import annotations

import sys

from minegraph.bench.tasks import _timed_process


def test_each_child_reports_its_own_peak_memory():
    big = _timed_process([sys.executable, "-c", "b = b'x' * (256 * 2**20)"], runs=1, timeout=60)
    small = _timed_process([sys.executable, "-c", "pass"], runs=1, timeout=60)
    assert big["runs"] == 1 and big["peak_mb"] >= 256
    assert small["peak_mb"] < big["peak_mb"] - 128  # not the larger sibling's peak carried over


def test_a_child_of_a_large_process_reports_its_own_peak_not_its_parents():
    ballast = b"x" * (384 * 2**20)  # the bench (or a test worker) holding a store when it starts a command
    small = _timed_process([sys.executable, "-c", "pass"], runs=1, timeout=60)
    assert len(ballast) and small["peak_mb"] < 128


def test_a_command_that_cannot_start_is_recorded_as_an_error():
    assert _timed_process(["/nonexistent/minegraph-bench-command"], runs=1, timeout=60) == {
        "error": "/nonexistent/minegraph-bench-command: No such file or directory"
    }


def test_a_failing_command_is_recorded_with_its_last_error_line():
    failed = _timed_process(
        [sys.executable, "-c", "import sys; sys.stderr.write('no store here\\n'); sys.exit(3)"], runs=1, timeout=60
    )
    assert failed == {"error": "no store here"}


def test_a_command_past_its_timeout_is_recorded_as_such():
    assert _timed_process([sys.executable, "-c", "import time; time.sleep(30)"], runs=1, timeout=0.5) == {
        "timeout": 0.5
    }
