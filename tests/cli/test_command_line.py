"""The command line helps a person who mistypes: "did you mean" for commands and choices, shell completion."""

from __future__ import annotations

import os
import subprocess
import sys


def _minegraph(*args: str, env: dict | None = None, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "minegraph", *args], capture_output=True, text=True, timeout=120, env=env, cwd=cwd
    )


def test_a_mistyped_command_gets_the_closest_one():
    done = _minegraph("valdate")
    assert done.returncode == 2 and "did you mean 'validate'?" in done.stderr and "Traceback" not in done.stderr


def test_a_mistyped_choice_gets_the_closest_one():
    done = _minegraph("query", "who-said-what", "--format", "jsn")
    assert done.returncode == 2 and "did you mean 'json'?" in done.stderr


def test_nothing_close_gets_no_guess():
    done = _minegraph("zzzzzz")
    assert done.returncode == 2 and "did you mean" not in done.stderr


def test_shell_completion_completes_commands(tmp_path):
    out = tmp_path / "completions"
    env = {
        **os.environ,
        "_ARGCOMPLETE": "1",
        "COMP_LINE": "minegraph val",
        "COMP_POINT": "13",
        "_ARGCOMPLETE_STDOUT_FILENAME": str(out),
        "_ARGCOMPLETE_IFS": "\n",
    }
    done = _minegraph(env=env, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert out.read_text().split() == ["validate"]


def test_a_parameter_naming_nothing_in_the_graph_warns_with_the_closest_term():
    done = _minegraph("query", "actors-by-type", "--param", "class=mg:Persn", "--format", "csv")
    assert done.returncode == 0
    assert "mg:Persn occurs nowhere in the graph" in done.stderr and "did you mean mg:Person?" in done.stderr
    known = _minegraph("query", "actors-by-type", "--param", "class=mg:Person", "--format", "csv")
    assert known.returncode == 0 and "warning" not in known.stderr and len(known.stdout.splitlines()) > 1
