"""Files of a release: reproducible gzip, SHA-256 sums, and a directory that appears all at once.

The release is written into a staging directory beside the output and swapped into place in one
step, so a crash leaves the previous release (or nothing), never a half-written one.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from minegraph.core.files import replaced_directory
from minegraph.errors import InputError

SUMS_FILE = "SHA256SUMS"


def gzip_bytes(data: bytes) -> bytes:
    """Gzip with no file name and mtime 0, so the same bytes always compress to the same bytes."""
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", compresslevel=9, fileobj=buffer, mtime=0) as handle:
        handle.write(data)
    return buffer.getvalue()


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sums_text(files: dict[str, bytes]) -> bytes:
    """``SHA256SUMS`` in the format ``sha256sum -c`` reads: hash, two spaces, path; sorted by path."""
    return b"".join(f"{sha256_hex(data)}  {name}\n".encode("utf-8") for name, data in sorted(files.items()))


#: Written into every release folder: export replaces only a folder holding it (one it made itself).
MARKER = ".minegraph-release"
MARKER_TEXT = b"A release written by minegraph export; the next export replaces this folder whole.\n"


def check_replaceable(output: Path) -> None:
    """Refuse to replace a directory export did not make, or one holding files its release does not list
    (in ``SHA256SUMS``): such a folder could be anything, and replacing it would delete those files."""
    if output.is_symlink() or (output.exists() and not output.is_dir()):
        raise InputError(output, "the export output exists and is not a directory; choose another --output")
    if not output.is_dir() or not any(output.iterdir()):
        return
    marker = output / MARKER
    if marker.is_symlink() or not marker.is_file() or marker.read_bytes() != MARKER_TEXT:
        raise InputError(
            output,
            f"the output directory is not empty and was not made by minegraph export (no {MARKER}): "
            "not replacing it; choose another --output",
        )
    sums = output / SUMS_FILE
    listed = (
        {
            line.split("  ", 1)[1]
            for line in sums.read_text(encoding="utf-8", errors="replace").splitlines()
            if "  " in line
        }
        if sums.is_file() and not sums.is_symlink()
        else set()
    )
    for path in sorted(output.rglob("*")):
        name = path.relative_to(output).as_posix()
        if (path.is_symlink() or path.is_file()) and name not in listed | {SUMS_FILE, MARKER}:
            raise InputError(
                output,
                f"the output directory holds {name}, which no release of minegraph wrote: "
                "not replacing it; move that file or choose another --output",
            )


@contextmanager
def staged_directory(output: Path) -> Iterator[Path]:
    """A fresh directory beside ``output``; on success it replaces ``output`` in one swap (see
    :func:`minegraph.core.files.replaced_directory`), on error it is removed."""
    output = Path(output).absolute()
    check_replaceable(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    with replaced_directory(output, "export") as stage:
        yield stage


def write_tree(root: Path, files: dict[str, bytes]) -> None:
    """Write every file (relative path -> bytes) under ``root``, fsynced."""
    for name, data in sorted(files.items()):
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
