"""The suite's write audit (tests/support/write_audit.py) refuses and records a write outside the test's tmp_path.

The probes aim at /proc, where nothing can be created: without the audit the write fails anyway (with
another error), so these tests can never change the machine they run on."""

from __future__ import annotations

import os
import subprocess

import pytest

PROBE = "/proc/minegraph-write-audit-probe"


@pytest.mark.parametrize(
    "write",
    [
        lambda tmp: open(PROBE, "w"),
        lambda tmp: os.open(PROBE, os.O_WRONLY | os.O_CREAT),
        lambda tmp: os.replace(tmp / "file", PROBE),
        lambda tmp: os.mkdir(PROBE),
        lambda tmp: os.remove(PROBE),
    ],
    ids=["open", "os.open", "rename", "mkdir", "remove"],
)
def test_a_write_outside_tmp_path_is_refused_and_recorded(tmp_path, write_audit, write):
    (tmp_path / "file").write_text("x")
    seen = len(write_audit.violations)
    with pytest.raises(PermissionError, match="a test may write only inside its tmp_path"):
        write(tmp_path)
    assert len(write_audit.violations) == seen + 1 and PROBE in write_audit.violations[-1]
    del write_audit.violations[seen:]  # recorded as it should be; this test's own check must pass


def test_writes_inside_tmp_path_and_reading_anywhere_are_allowed(tmp_path, write_audit):
    seen = len(write_audit.violations)
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "b.txt").write_text("x")
    os.replace(tmp_path / "a" / "b.txt", tmp_path / "c.txt")
    with open("/etc/hostname", "rb") as handle:
        handle.read()
    subprocess.run(["true"], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, check=True)  # a sink, never replaced
    assert write_audit.violations[seen:] == []


def test_a_bytecode_cache_may_be_made_anywhere_but_only_a_folder_of_that_name(write_audit):
    """``make test`` writes bytecode: a module imported for the first time during a test makes its package's
    ``__pycache__`` folder and the file in it; a look-alike name is still refused."""
    assert write_audit.allowed("/proc/minegraph/__pycache__")
    assert write_audit.allowed("/proc/minegraph/__pycache__/module.cpython-311.pyc")
    assert not write_audit.allowed("/proc/minegraph/__pycache__x")
    assert not write_audit.allowed("/proc/minegraph/not__pycache__")
