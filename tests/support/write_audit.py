"""No test writes outside its tmp_path: an audit hook refuses and records every write elsewhere, and every test
fails that tried one (a plugin: tests/conftest.py)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

#: Audit events that change the file system: the argument positions of each path touched and of its
#: ``dir_fd`` (None: the path is absolute or relative to the working folder).
_CHANGES = {
    "os.rename": ((0, 2), (1, 3)),
    "os.remove": ((0, 1),),
    "os.rmdir": ((0, 1),),
    "os.mkdir": ((0, 2),),
    "os.symlink": ((1, 2),),
    "os.link": ((1, 3),),
    "os.truncate": ((0, None),),
    "os.chmod": ((0, 2),),
    "os.chown": ((0, 3),),
    "shutil.rmtree": ((0, 1),),
}
_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND


class WriteAudit:
    """A ``sys.addaudithook`` hook refusing (PermissionError) and recording every write, rename, removal or
    new folder outside the allowed roots: pytest's base temporary folder (every tmp_path; TMPDIR points
    there too), its cache (and the ``pytest-cache-files-*`` folders it renames into place), Hypothesis's
    example database and ``__pycache__`` folders (``make test`` caches bytecode). Opening
    ``os.devnull`` as a sink (``subprocess.DEVNULL``) is allowed: it writes nothing and replaces nothing."""

    def __init__(self, roots: list[Path], prefixes: list[Path]):
        self.roots = [str(Path(r).resolve()) for r in roots]
        self.prefixes = tuple(str(Path(p).resolve()) for p in prefixes)
        self.violations: list[str] = []

    def allowed(self, path) -> bool:
        text = os.path.abspath(os.fsdecode(path))
        real = os.path.join(os.path.realpath(os.path.dirname(text)), os.path.basename(text))
        return all(
            any(p == root or p.startswith(root + os.sep) for root in self.roots)
            or p.startswith(self.prefixes)
            or f"{os.sep}__pycache__{os.sep}" in p
            or p.endswith(f"{os.sep}__pycache__")  # the folder itself, made on a module's first import
            for p in {text, real}
        )

    def __call__(self, event: str, args: tuple) -> None:
        if event == "open":
            path, _, flags = args
            writing = bool((flags or 0) & _WRITE_FLAGS) and isinstance(path, (str, bytes, os.PathLike))
            sink = writing and os.fsdecode(path) == os.devnull and not flags & (os.O_CREAT | os.O_TRUNC)
            targets = [path] if writing and not sink else []
        elif event in _CHANGES:
            targets = [
                _at(args[i], None if fd is None else args[fd])
                for i, fd in _CHANGES[event]
                if isinstance(args[i], (str, bytes, os.PathLike))
            ]
        else:
            return
        for path in targets:
            if not self.allowed(path):
                self.violations.append(f"{event} {os.fsdecode(path)}")
                raise PermissionError(f"a test may write only inside its tmp_path, not {os.fsdecode(path)} ({event})")


def _at(path, dir_fd) -> str:
    """``path`` as an absolute path when it is relative to an open folder (``dir_fd``, as shutil.rmtree uses)."""
    path = os.fsdecode(path)
    if isinstance(dir_fd, int) and dir_fd >= 0 and not os.path.isabs(path):
        return os.path.join(os.readlink(f"/proc/self/fd/{dir_fd}"), path)
    return path


_AUDIT: list[WriteAudit] = []


@pytest.hookimpl(trylast=True)  # after the tmpdir plugin has its factory
def pytest_configure(config):
    """Point every temporary and cache folder the suite's libraries use into pytest's base temporary
    folder, then install the write audit, before collection (matplotlib makes its config folder on import)."""
    import sys
    import tempfile

    base = config._tmp_path_factory.getbasetemp()
    folders = {
        "TMPDIR": "tmp",
        "MINEGRAPH_FAST_SCRATCH": "shm",
        "MPLCONFIGDIR": "matplotlib",
        "XDG_CACHE_HOME": "cache",
    }
    for variable, name in folders.items():
        (base / name).mkdir(exist_ok=True)
        os.environ[variable] = str(base / name)  # here and in the children tests start
    tempfile.tempdir = os.environ["TMPDIR"]
    try:
        cache = config.rootpath / config.getini("cache_dir")
    except ValueError:  # -p no:cacheprovider
        cache = config.rootpath / ".pytest_cache"
    _AUDIT.append(WriteAudit([base, cache, config.rootpath / ".hypothesis"], [config.rootpath / "pytest-cache-files-"]))
    sys.addaudithook(_AUDIT[-1])


@pytest.fixture(scope="session")
def write_audit() -> WriteAudit:
    """The process's write audit (installed at configure time; audit hooks cannot be removed)."""
    return _AUDIT[-1]


@pytest.fixture(autouse=True)
def _writes_stay_in_tmp_path(write_audit):
    """Every test fails if it (or its fixtures) tried to write outside the allowed roots, even when the
    code under test caught the PermissionError."""
    seen = len(write_audit.violations)
    yield
    assert write_audit.violations[seen:] == [], "a test wrote outside its tmp_path"
