"""The record of the last conforming validation (``.store/validated.json``), so that ``minegraph run`` can
skip validating a graph that has not changed since.

The record holds one digest of everything a validation reads: the store's inputs (ontology/ and
graph/*.ttl, as :func:`minegraph.store.cache.current_digest` gives them, cheaply when a persisted store
knows the files), the shapes, the archived texts (graph/sources/), the reference tables (curation/reference/),
the engine, minegraph's version and the validation code itself. Only a conforming run of every shape and
check is recorded; any change to one of these inputs means validating again.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from pathlib import Path

from minegraph._version import __version__
from minegraph.core.files import atomic_write, sha256_file
from minegraph.store.cache import current_digest

RECORD = "validated.json"
_CODE = Path(__file__).resolve().parent  # the validation package: its modules, its .rq checks and their profile


def _tree(root: Path, patterns: tuple[str, ...] = ("*",)) -> list[Path]:
    return (
        sorted(p for pattern in patterns for p in Path(root).rglob(pattern) if p.is_file())
        if Path(root).is_dir()
        else []
    )


def inputs_digest(project, engine: str) -> str:
    """One SHA-256 of every input of a validation of ``project`` with ``engine`` (see the module docstring)."""
    digest = hashlib.sha256(f"minegraph {__version__} validation engine {engine}\n".encode())
    digest.update(f"store {current_digest(project)}\n".encode())
    named = [
        ("shapes", [project.shapes_file]),
        ("sources", _tree(project.graph_dir / "sources")),
        ("reference", _tree(project.reference_dir)),
        ("code", _tree(_CODE, ("*.py", "*.rq", "*.tsv"))),
    ]
    for kind, paths in named:
        base = project.root if kind != "code" else _CODE
        for path in paths:
            name = path.relative_to(base).as_posix() if path.is_relative_to(base) else str(path)
            digest.update(f"{kind} {name} {sha256_file(path) if path.is_file() else 'absent'}\n".encode())
    return digest.hexdigest()


def _path(project) -> Path:
    return project.store_dir / RECORD


def recorded(project, engine: str = "sparql") -> dict | None:
    """The record of a conforming validation of exactly the current inputs, or None (no record, another
    input, an unreadable record)."""
    try:
        record = json.loads(_path(project).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(record, dict) or record.get("digest") != inputs_digest(project, engine):
        return None
    return record


def remember(project, report, summary: str, engine: str = "sparql") -> dict | None:
    """Record a conforming validation of every shape and check (anything else is not recorded: None)."""
    if not (report.conforms and report.shacl):
        return None
    record = {
        "digest": inputs_digest(project, engine),
        "engine": engine,
        "version": __version__,
        "validated": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "summary": summary,
    }
    atomic_write(_path(project), (json.dumps(record, indent=1, sort_keys=True) + "\n").encode("utf-8"))
    return record
