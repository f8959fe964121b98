"""The release a running server serves at ``/dist/``, ``/.well-known/void`` and ``/ontology``.

It is ``minegraph export`` of the same project with the server's ``--base`` (so every DCAT download URL
resolves on this server), written once per store digest into the store's folder and reused; built on
first use, not at start, so a server that is never asked for it pays nothing.
"""

from __future__ import annotations

import hashlib
import shutil
import threading
from pathlib import Path

from minegraph._version import __version__

_PREFIX = "release-"
_lock = threading.Lock()


def release_key(digest: str, base: str) -> str:
    """One folder name per (store digest, base, version): any change makes a new release."""
    return _PREFIX + hashlib.sha256(f"{digest}\n{base}\n{__version__}".encode()).hexdigest()[:16]


def served_release(project, digest: str, base: str) -> Path:
    """The release folder for this store and base, exported now if it is not there yet."""
    # lazy: pulls in rdflib (~170 ms), only on this path
    from .export import export

    home = Path(project.store_dir)
    target = home / release_key(digest, base)
    with _lock:
        if not (target / "SHA256SUMS").is_file():
            home.mkdir(parents=True, exist_ok=True)
            export(project.root, target, base=base)
            for old in home.glob(_PREFIX + "*"):
                if old != target and old.is_dir():
                    shutil.rmtree(old, ignore_errors=True)
    return target


def listed_files(release: Path) -> list[tuple[str, int, str]]:
    """(path, bytes, sha256) of every file the release's SHA256SUMS lists, in its order."""
    rows = []
    for line in (release / "SHA256SUMS").read_text(encoding="utf-8").splitlines():
        digest, _, name = line.partition("  ")
        if name:
            rows.append((name, (release / name).stat().st_size, digest))
    return rows
