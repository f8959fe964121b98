"""Files of a release: reproducible gzip, SHA-256 sums, and a directory that appears all at once.

The release is written into a temporary directory beside the output and renamed into place, so a
crash leaves the previous release (or nothing), never a half-written one.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

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
    """A fresh directory beside ``output``; on success it replaces ``output``, on error it is removed."""
    output = Path(output).absolute()
    check_replaceable(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=f".{output.name}.", suffix=".tmp", dir=output.parent))
    try:
        yield stage
        _swap_into_place(stage, output)
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise


def _swap_into_place(stage: Path, output: Path) -> None:
    """Rename the old release aside, the new one into place, then delete the old one."""
    os.chmod(stage, 0o755)  # mkdtemp makes 0700
    old = None
    if output.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{output.name}.", suffix=".old", dir=output.parent))
        os.replace(output, old / output.name)
    os.replace(stage, output)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def write_tree(root: Path, files: dict[str, bytes]) -> None:
    """Write every file (relative path -> bytes) under ``root``, fsynced."""
    for name, data in sorted(files.items()):
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
