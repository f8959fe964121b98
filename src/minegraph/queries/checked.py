"""Library queries checked once per text, not once per process.

Every query text passes the guard and a real SPARQL parse before it runs (:func:`minegraph.querylang.text.accepted_form`);
rdflib's parse costs tens of milliseconds a text and importing its grammar more, which a ``minegraph run`` paid
for some twenty library texts on every start. A library text that passed is recorded beside the persisted
store it ran on (``.store/checked-queries.json``): the SHA-256 of the text, whether SERVICE was allowed and
the checking code (minegraph's querylang modules: guard, lexer, parser…; rdflib's and pyparsing's versions). A later
process takes a recorded text as checked; any change to the text or to the checker checks it again. A store
without a location (in memory, remote) records nothing.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from minegraph.core.files import atomic_write
from minegraph.errors import InputError
from minegraph.querylang.text import query_form, remember_accepted

RECORD = "checked-queries.json"
#: Texts kept in a record (the oldest go first): the library and its internal queries, with room to spare.
KEPT = 512
_RECORDS: dict[Path, dict[str, None]] = {}  # record file -> the keys it holds, read once per process


@lru_cache(maxsize=1)
def _checker() -> bytes:
    """What decides whether a text passes: the querylang package (its guard, lexer, parser…) and the grammar's versions."""
    digest = hashlib.sha256()
    for path in sorted((Path(__file__).resolve().parent.parent / "querylang").glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    for package in ("rdflib", "pyparsing"):
        try:
            digest.update(f"{package} {metadata.version(package)}\n".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{package} absent\n".encode())
    return digest.digest()


def _key(text: str, allow_service: bool) -> str:
    return hashlib.sha256(_checker() + bytes([allow_service]) + text.encode("utf-8", "surrogatepass")).hexdigest()


def _record_file(store) -> Path | None:
    location = getattr(store, "location", None)
    return Path(location).parent / RECORD if location else None


def _record(path: Path) -> dict[str, None]:
    if path not in _RECORDS:
        try:
            keys = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):  # none yet, or unreadable: everything is checked again
            keys = []
        _RECORDS[path] = dict.fromkeys(k for k in keys if isinstance(k, str)) if isinstance(keys, list) else {}
    return _RECORDS[path]


def recall(text: str, store) -> None:
    """Take ``text`` as checked for ``store`` if a record beside the store says it passed."""
    path = _record_file(store)
    allow_service = getattr(store, "allow_service", False)
    if path is not None and _key(text, allow_service) in _record(path):
        remember_accepted(text, query_form(text), allow_service)


def record(text: str, store) -> None:
    """Record that ``text`` passed the check on ``store`` (called after it ran); a record that cannot be
    written is left as it is — it is a cache."""
    path = _record_file(store)
    if path is None:
        return
    keys, key = _record(path), _key(text, getattr(store, "allow_service", False))
    if key in keys:
        return
    keys[key] = None
    while len(keys) > KEPT:
        keys.pop(next(iter(keys)))
    try:  # not synced: a record cut short by a power failure reads as no record
        atomic_write(path, (json.dumps(list(keys), indent=0) + "\n").encode("utf-8"), durable=False)
    except (OSError, InputError):
        pass
