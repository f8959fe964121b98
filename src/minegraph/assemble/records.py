"""Reading curation files (TOML): records that know their file and line, and references
(``person:gilles-carbonnier``, ``state:LVA``, URLs) resolved to IRIs.

Errors name the file and line of the record at fault, so a curator can fix the input
without reading Python.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from rdflib import URIRef

from minegraph.assemble.source_registry import SourceRegistry
from minegraph.core.namespaces import KINDS, MG, SCHEMES, concept, iri, valid_slug
from minegraph.errors import CurationError, not_utf8, shown

_TOML_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")


def load_toml(path: Path) -> tuple[dict, list[str]]:
    """The parsed TOML and its lines; syntax errors become :class:`CurationError` with line/column."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise CurationError(path, f"cannot read file: {exc.strerror or exc}") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        message, line, column = not_utf8(data, exc)
        raise CurationError(path, message, line=line, column=column) from None
    try:
        return tomllib.loads(text), text.splitlines()
    except RecursionError:  # arrays or inline tables nested thousands deep: tomllib recurses per level
        raise CurationError(path, "values are nested too deeply (arrays or inline tables inside each other)") from None
    except tomllib.TOMLDecodeError as exc:
        match = _TOML_POSITION.search(str(exc))
        line, column = (int(match.group(1)), int(match.group(2))) if match else (None, None)
        raise CurationError(path, _TOML_POSITION.sub("", str(exc)).strip(), line=line, column=column) from None


@dataclass(frozen=True)
class Record:
    """One table of a curation file (``[[statement]]``, ``[document]`` …) with its location."""

    data: dict
    path: Path
    line: int | None
    table: str

    def error(self, message: str) -> CurationError:
        return CurationError(self.path, f"[{self.table}] {message}", line=self.line)

    def get(self, key: str, default=None):
        return self.data.get(key, default)

    def require(self, key: str):
        if key not in self.data or self.data[key] in ("", None, []):
            raise self.error(f"missing required field {key!r}")
        return self.data[key]

    def list(self, key: str) -> list:
        value = self.data.get(key, [])
        return value if isinstance(value, list) else [value]

    def classes(self, key: str, allowed) -> list[URIRef]:
        """The mg: classes named in ``key`` (e.g. ``types = ["Parliament"]``), each one of ``allowed``."""
        names = self.list(key)
        unknown = [name for name in names if name not in allowed]
        if unknown or not names:
            raise self.error(f"{key} {unknown or names!r}: expected some of {', '.join(sorted(allowed))}")
        return [MG[name] for name in names]

    def date(self, key: str) -> str | None:
        value = self.data.get(key)
        if value is None:
            return None
        try:
            if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
                raise ValueError(value)
            return date.fromisoformat(value).isoformat()
        except ValueError:
            raise self.error(f'{key} = {shown(value)} is not an ISO date written as a string "YYYY-MM-DD"') from None


def records(document: dict, lines: list[str], path: Path, table: str, *, kind_ids: bool = False) -> Iterator[Record]:
    """The records of an array of tables ``[[table]]``, each with the line it starts on; with ``kind_ids``
    an id is a reference ``kind:slug`` (a draft's [[new_actor]])."""
    starts = [n for n, text in enumerate(lines, 1) if text.strip() == f"[[{table}]]"]
    seen: dict[object, int | None] = {}
    for index, data in enumerate(document.get(table, [])):
        record = Record(data, path, starts[index] if index < len(starts) else None, table)
        _check_names(record, kind_ids)
        key = data.get("id") if isinstance(data, dict) else None
        if key is not None and key in seen:  # two records of one node: the build owns each node once
            raise record.error(f"id {shown(key)} is given twice in [[{table}]] (first on line {seen[key]})")
        seen[key] = record.line
        yield record


def single(document: dict, lines: list[str], path: Path, table: str) -> Record:
    """The record of a single table ``[table]`` (required)."""
    if table not in document:
        raise CurationError(path, f"missing table [{table}]")
    line = next((n for n, text in enumerate(lines, 1) if text.strip() == f"[{table}]"), None)
    record = Record(document[table], path, line, table)
    _check_names(record)
    return record


#: Fields whose value becomes (part of) an IRI's last segment.
_NAMES = ("id", "slug", "prefix")


def _check_names(record: Record, kind_ids: bool = False) -> None:
    """CurationError at the record's line when an id, slug or prefix holds what an IRI cannot."""
    if not isinstance(record.data, dict):
        raise record.error("is not a table")
    for key in _NAMES:
        value = record.data.get(key)
        if kind_ids and key == "id" and isinstance(value, str) and value.partition(":")[0] in KINDS:
            value = value.partition(":")[2]
        if value is not None and not (isinstance(value, str) and valid_slug(value)):
            raise record.error(
                f"{key} = {shown(str(value))} cannot be part of an IRI: use letters, digits, "
                "'.', '_' and '-' (starting with a letter or digit)"
            )


class Resolver:
    """Turns the references written in curation files into IRIs, remembering where each ``kind:slug``
    was written (``references``) so the build can refuse one that no curation file describes."""

    def __init__(self, sources: SourceRegistry, references: dict | None = None):
        self.sources = sources
        self.references = references if references is not None else {}

    def ref(self, record: Record, value: str) -> URIRef:
        """``kind:slug`` → instance IRI; ``http(s)://…`` → the cited source document."""
        if value.startswith(("http://", "https://")):
            return self.sources.cite(value)
        kind, sep, slug = value.partition(":")
        if not sep or kind not in KINDS:
            raise record.error(f"reference {value!r} is neither a URL nor kind:slug with a kind of {', '.join(KINDS)}")
        try:
            node = iri(kind, slug)
        except ValueError as exc:
            raise record.error(str(exc)) from None
        self.references.setdefault(node, (record, value))
        return node

    def refs(self, record: Record, key: str) -> list[URIRef]:
        return [self.ref(record, value) for value in record.list(key)]

    def concept(self, record: Record, scheme: str, value: str) -> URIRef:
        assert scheme in SCHEMES, scheme
        try:
            return concept(scheme, value)
        except ValueError as exc:
            raise record.error(f"{scheme}: {exc}") from None
