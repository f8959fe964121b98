"""Pictures redrawn only when their inputs change, and the slow analyses behind the report kept likewise.

Each written picture has beside it (``NAME.inputs``) the hash of what it was drawn from — the persisted store's
digest (the graph's files), the drawing code, the query library, and the versions of matplotlib and of the
analysis packages. Drawing the report's four files takes most of ``minegraph run``; unchanged, they are
reused and matplotlib is not even imported. The analyses the report and ``minegraph run`` print (the debate's
windows and polarisation, the stance network's coalitions) are kept as JSON beside the store
(``.store/computed/NAME.json``) under the same key (:func:`kept`), so an unchanged graph is not analysed again
and numpy, scipy and networkx are not imported.

A store without a digest (in memory, remote) always redraws and recomputes.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Callable, Sequence
from functools import lru_cache
from importlib import metadata
from importlib.util import find_spec
from pathlib import Path

from minegraph.core.files import atomic_write
from minegraph.errors import InputError
from minegraph.store.cache import read_manifest

SUFFIX = ".inputs"
COMPUTED = "computed"
#: What the pictures and the kept analyses are drawn and computed with, besides minegraph's own code.
PACKAGES = ("matplotlib", "numpy", "scipy", "networkx")
_PACKAGE = Path(__file__).resolve().parent.parent  # minegraph/
#: minegraph's code behind the report: its analyses, its drawing and the package's own queries.
_CODE = (("analysis", "*.py"), ("report", "*.py"), ("queries/internal", "*.rq"))


def store_digest(store) -> str | None:
    """The digest of the files a persisted store was built from (its manifest, verified current when the
    store was opened); None for a store without one."""
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


def inputs_key(store, *modules: str, extra: str = "", project=None) -> str | None:
    """The hash of a picture's or an analysis' inputs: the store's digest, minegraph's analysis and report code
    and its internal queries, the source of any other ``modules`` (by name; changed code redraws), the project's
    query library (given ``project``), the versions of :data:`PACKAGES` and ``extra``; None when the store has
    no digest (or matplotlib is not installed)."""
    digest = store_digest(store)
    if digest is None or _versions() is None:
        return None
    hashed = hashlib.sha256(f"{digest}\n{extra}\n".encode())
    hashed.update(_versions() + _code())
    for name in modules:
        module = sys.modules.get(name)
        source = getattr(module, "__file__", None) if module else _source_of(name)
        hashed.update(Path(source).read_bytes() if source else name.encode())
    if project is not None:
        hashed.update(_files_digest(Path(project.queries_dir), "*.rq"))
    return hashed.hexdigest()


@lru_cache(maxsize=1)
def _versions() -> bytes | None:
    """The versions of :data:`PACKAGES` (None without matplotlib: nothing can be drawn)."""
    found = []
    for package in PACKAGES:
        try:
            found.append(f"{package} {metadata.version(package)}")
        except metadata.PackageNotFoundError:
            if package == "matplotlib":
                return None
            found.append(f"{package} absent")
    return "\n".join(found).encode()


@lru_cache(maxsize=1)
def _code() -> bytes:
    return b"".join(_files_digest(_PACKAGE / folder, pattern) for folder, pattern in _CODE)


def _files_digest(folder: Path, pattern: str) -> bytes:
    """One hash of the names and bytes of the files of ``folder`` (and below) matching ``pattern``."""
    hashed = hashlib.sha256()
    for path in sorted(folder.rglob(pattern)) if folder.is_dir() else ():
        hashed.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return hashed.digest()


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


def drawn(
    paths: Sequence[Path],
    key: str | None,
    draw: Callable[[], list[Path]],
    progress: Callable[[str], None] | None = None,
) -> list[Path]:
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


def kept(store, name: str, key: str | None, compute: Callable[[], object]) -> object:
    """What ``compute()`` gives (a JSON value) as kept beside the persisted store under ``key``, else computed
    and kept; computed every time when ``key`` is None. A record that cannot be read or written is a cache
    miss, never an error."""
    location = getattr(store, "location", None)
    if key is None or not location:
        return json.loads(json.dumps(compute()))
    path = Path(location).parent / COMPUTED / f"{name}.json"
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(record, dict) and record.get("key") == key:
            return record["value"]
    except (OSError, ValueError, KeyError):
        pass
    value = json.loads(json.dumps(compute()))  # as a later run reads it back: the same value either way
    try:  # not synced: a record cut short reads as no record
        atomic_write(path, json.dumps({"key": key, "value": value}).encode("utf-8"), durable=False)
    except (OSError, InputError):
        pass
    return value
