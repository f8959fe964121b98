"""Pictures redrawn only when their inputs change: each written picture has beside it (``NAME.inputs``) the
hash of what it was drawn from — the persisted store's digest (the graph's files), the drawing code and the
matplotlib version. Drawing the report's four files takes most of ``minegraph run``; unchanged, they are
reused and matplotlib is not even imported.

A store without a digest (in memory, remote) always redraws.
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Callable, Sequence
from importlib import metadata
from importlib.util import find_spec
from pathlib import Path

from minegraph.core.files import atomic_write

SUFFIX = ".inputs"


def store_digest(store) -> str | None:
    """The digest of the files a persisted store was built from (its manifest, verified current when the
    store was opened); None for a store without one."""
    # lazy: ~18 ms of imports, only on this path
    from minegraph.store.cache import read_manifest

    location = getattr(store, "location", None)
    if not location:
        return None
    try:
        manifest = read_manifest(Path(location).parent)
    except Exception:  # noqa: BLE001 - an unreadable manifest only means: draw again
        return None
    if not manifest or manifest.get("database") != Path(location).name:
        return None
    return manifest.get("digest")


def inputs_key(store, *modules: str, extra: str = "") -> str | None:
    """The hash of a picture's inputs: the store's digest, the source of the drawing ``modules`` (by name;
    changed code redraws), the matplotlib version and ``extra``; None when the store has no digest."""
    digest = store_digest(store)
    if digest is None:
        return None
    hashed = hashlib.sha256(f"{digest}\n{extra}\n".encode())
    try:
        hashed.update(metadata.version("matplotlib").encode())
    except metadata.PackageNotFoundError:
        return None
    for name in modules:
        module = sys.modules.get(name)
        source = getattr(module, "__file__", None) if module else _source_of(name)
        hashed.update(Path(source).read_bytes() if source else name.encode())
    return hashed.hexdigest()


def _source_of(name: str) -> str | None:
    """The file of a module, found without importing it (importing matplotlib is what reuse avoids)."""
    spec = find_spec(name)
    return spec.origin if spec and spec.origin and spec.origin.endswith(".py") else None


def current(paths: Sequence[Path], key: str | None) -> bool:
    """Whether every picture exists with ``key`` recorded beside it."""
    if key is None:
        return False
    for path in paths:
        record = path.with_name(path.name + SUFFIX)
        if not path.is_file() or not record.is_file() or record.read_text(encoding="utf-8").strip() != key:
            return False
    return True


def drawn(paths: Sequence[Path], key: str | None, draw: Callable[[], list[Path]],
          progress: Callable[[str], None] | None = None) -> list[Path]:
    """``paths`` as they are when their inputs are unchanged, else ``draw()`` (which writes them) and the
    key recorded beside each; the paths either way."""
    if current(paths, key):
        if progress:
            progress(f"unchanged: {', '.join(str(p) for p in paths)}")
        return list(paths)
    written = draw()
    if key is not None:
        for path in written:
            atomic_write(path.with_name(path.name + SUFFIX), (key + "\n").encode("utf-8"))
    return written
