"""Outputs go only to regular files, atomically; a directory is replaced whole or not at all, under a lock;
killed runs are in test_faults.py."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from minegraph.core.files import atomic_write, locked, replaced_directory
from minegraph.errors import InputError

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    "make, what",
    [
        (lambda p: p.symlink_to(p.parent / "elsewhere"), "a symbolic link"),
        (lambda p: p.mkdir(), "a directory"),
        (lambda p: os.mkfifo(p), "a FIFO"),
    ],
)
def test_only_regular_files_are_replaced(tmp_path, make, what):
    target = tmp_path / "out.txt"
    make(target)
    with pytest.raises(InputError, match=f"is {what}; outputs are written only to regular files"):
        atomic_write(target, b"data")
    assert not target.is_file() or target.is_symlink()


def device_or_fifo(path: Path) -> str:
    """A node made in the test's own folder: a character device like /dev/null (root may make one), else a
    FIFO; what :func:`check_output_target` must call it."""
    try:
        os.mknod(path, 0o600 | stat.S_IFCHR, os.makedev(1, 3))
        return "a device"
    except PermissionError:
        os.mkfifo(path)
        return "a FIFO"


def test_a_device_is_never_replaced(tmp_path):
    node = tmp_path / "null"
    what = device_or_fifo(node)
    with pytest.raises(InputError, match=f"is {what}"):
        atomic_write(node, b"data")
    assert not node.is_file() and sorted(tmp_path.iterdir()) == [node]


def test_an_unwritable_place_is_an_error_not_a_traceback(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(InputError, match="cannot write here"):
        atomic_write(blocker / "below" / "out.txt", b"data")


@pytest.mark.parametrize("durable", [True, False])
def test_a_write_is_synced_before_the_rename_unless_it_is_not_durable(tmp_path, monkeypatch, durable):
    synced = []
    monkeypatch.setattr(os, "fsync", lambda fd: synced.append(fd))
    target = tmp_path / "out.txt"
    target.write_bytes(b"old")
    atomic_write(target, b"new", durable=durable)
    assert target.read_bytes() == b"new" and len(synced) == int(durable)
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_a_failure_inside_the_block_keeps_the_old_directory(tmp_path):
    target = tmp_path / "graph"
    target.mkdir()
    (target / "a.ttl").write_text("old")
    with pytest.raises(RuntimeError):
        with replaced_directory(target, "build") as staging:
            (staging / "a.ttl").write_text("new")
            raise RuntimeError("disk full")
    assert (target / "a.ttl").read_text() == "old"
    assert [p.name for p in tmp_path.iterdir() if "staging" in p.name] == []


def test_a_second_run_is_refused_while_the_first_holds_the_lock(tmp_path):
    target = tmp_path / "graph"
    target.mkdir()
    with locked(target, "build"):
        with pytest.raises(InputError, match="another build is running on it"):
            with locked(target, "build"):
                pass
