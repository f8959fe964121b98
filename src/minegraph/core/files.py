"""Files written safely: atomic writes to regular files only, directories replaced in one step,
and a lock so that two builds never interleave.

A file is written to a temporary sibling and renamed over the target, so a reader (or a crash)
never sees it half-written. A directory (``graph/``, ``dist/``) is rebuilt beside itself and
swapped in with one ``renameat2(RENAME_EXCHANGE)`` call, so a SIGKILL at any point leaves either
the whole old or the whole new version; leftovers of a killed run are removed by the next one.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import hashlib
import os
import re
import shutil
import stat
import tempfile
from contextlib import contextmanager
from pathlib import Path

from minegraph.errors import InputError

_UMASK = os.umask(0)
os.umask(_UMASK)
_KINDS = (
    (stat.S_ISLNK, "a symbolic link"),
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISSOCK, "a socket"),
)


#: A name minegraph makes for a file of its own (a slug, an archive): lower-case letters, digits and
#: hyphens, then an optional extension; never a separator, a dot-dot or a leading dot.
SAFE_NAME = re.compile(r"[a-z0-9][a-z0-9-]{0,119}(?:\.[a-z0-9]{1,8})?")
#: One path component that is no folder escape: letters, digits, '.', '_', '-', not starting with '.'.
FILE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,199}")


def contained(folder: Path, name: object, pattern: re.Pattern = SAFE_NAME) -> Path | None:
    """``folder/name`` when ``name`` matches ``pattern`` and the path, symlinks resolved, stays in
    ``folder``; None otherwise (the caller says what it expected, the same for every wrong name, so an
    error is no oracle on which files exist)."""
    if not isinstance(name, str) or not pattern.fullmatch(name):
        return None
    path = Path(folder) / name
    return path if path.resolve().parent == Path(folder).resolve() else None


def check_output_target(path: Path) -> Path:
    """``path`` if it is a regular file or does not exist yet; InputError naming what it is otherwise."""
    path = Path(path)
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return path
    except OSError as exc:
        raise InputError(path, f"cannot write here: {exc.strerror}") from None
    for test, what in _KINDS:
        if test(mode):
            raise InputError(path, f"is {what}; outputs are written only to regular files (use - for standard output)")
    return path


def atomic_write(path: Path, data: bytes, *, durable: bool = True) -> Path:
    """Write bytes to ``path`` through a temporary file in the same directory, then rename.

    Only regular files are replaced; a directory that cannot be written to is an InputError. With
    ``durable=False`` the bytes are not synced to disk first: still all or nothing when the process is
    killed, but a power cut may leave the file empty (for a cache that checks what it reads)."""
    with atomic_stream(path, durable=durable) as handle:
        handle.write(data)
    return Path(path)


@contextmanager
def atomic_stream(path: Path, *, durable: bool = True):
    """A binary file to write ``path``'s new content into bit by bit (a streamed answer): it is a
    temporary sibling, synced (unless not ``durable``) and renamed over ``path`` when the block ends,
    removed if the block fails."""
    path = check_output_target(Path(path))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise InputError(path, f"cannot write here: {exc.strerror or exc}") from None
    try:
        os.fchmod(fd, 0o666 & ~_UMASK)  # mkstemp makes 0600; give the file the usual permissions
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def sha256_file(path: Path) -> str:
    """The SHA-256 of a file's bytes, as lowercase hex."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def exchange(a: Path, b: Path) -> None:
    """Swap two directories in one system call (Linux ``renameat2`` with ``RENAME_EXCHANGE``)."""
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.renameat2(-100, os.fsencode(a), -100, os.fsencode(b), 2) != 0:  # AT_FDCWD, RENAME_EXCHANGE
        code = ctypes.get_errno()
        raise OSError(code, f"cannot swap {a} and {b}: {os.strerror(code)}")


@contextmanager
def locked(target: Path, what: str):
    """Hold ``<target>.lock`` for the block; a second process gets an InputError at once."""
    lock = target.with_name(f".{target.name}.lock")
    lock.parent.mkdir(parents=True, exist_ok=True)
    with open(lock, "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            if exc.errno in (errno.EAGAIN, errno.EACCES):
                raise InputError(target, f"another {what} is running on it; wait for it to finish") from None
            raise
        yield


@contextmanager
def replaced_directory(target: Path, what: str, keep: tuple[str, ...] = ()):
    """A staging copy of ``target`` to write the new version into; swapped in whole on success.

    ``keep`` names files and subfolders carried over unchanged (hard-linked, so no bytes are copied);
    write into the copy only by replacing files (:func:`atomic_write`), never in place."""
    target = Path(target)
    with locked(target, what):
        remove_leftovers(target)
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.staging-", dir=target.parent))
        try:
            for name in keep:
                if (target / name).is_dir():
                    shutil.copytree(target / name, staging / name, copy_function=os.link)
                elif (target / name).is_file():
                    os.link(target / name, staging / name)
            yield staging
            os.chmod(staging, 0o777 & ~_UMASK)
            if target.exists():
                exchange(staging, target)
            else:
                staging.rename(target)
        finally:
            shutil.rmtree(staging, ignore_errors=True)


def remove_leftovers(target: Path) -> None:
    """Staging folders and temporary files a killed run left beside or inside ``target``."""
    for stray in target.parent.glob(f".{target.name}.staging-*"):
        shutil.rmtree(stray, ignore_errors=True)
    if target.is_dir():
        for stray in target.glob(".*.tmp"):
            stray.unlink(missing_ok=True)
