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


def check_replaceable(output: Path) -> None:
    """Refuse to replace a directory that is not an earlier release (it could be anything)."""
    if output.is_symlink() or (output.exists() and not output.is_dir()):
        raise InputError(output, "the export output exists and is not a directory; choose another --output")
    if output.is_dir() and any(output.iterdir()) and not (output / SUMS_FILE).is_file():
        raise InputError(output, f"the output directory is not empty and holds no {SUMS_FILE}: not replacing it")


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
