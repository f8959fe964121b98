"""Typed errors of minegraph. The library raises these; only the CLI turns them into
messages and exit codes (one exit code per kind of failure)."""

from __future__ import annotations

import importlib
from pathlib import Path


class MinegraphError(Exception):
    """Base class of every error minegraph raises on purpose."""

    exit_code = 2


class InputError(MinegraphError):
    """Unreadable or malformed input: names the file, line and column and what is wrong."""

    def __init__(self, path: str | Path | None, message: str, line: int | None = None, column: int | None = None):
        self.path = str(path) if path is not None else None
        self.line = line
        self.column = column
        self.message = message
        super().__init__(self.location() + message)

    def location(self) -> str:
        if self.path is None:
            return ""
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return where + ": "


class CurationError(InputError):
    """A curation record (annotation of a source) is inconsistent: unknown actor, quote not found…"""


class QueryError(MinegraphError):
    """A query cannot be run: unknown name, syntax error, bad parameter."""


class ParameterError(QueryError):
    """A query parameter is missing, unknown or not of its declared type."""


class QuerySyntaxError(QueryError):
    """A query is not valid SPARQL 1.1: names the line and column (1-based) and shows the line."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None, source: str | None = None):
        self.line = line
        self.column = column
        self.source = source
        self.message = message
        where = source or "query"
        if line is not None:
            where += f":{line}" + (f":{column}" if column is not None else "")
        super().__init__(f"{where}: syntax error: {message}")


class QueryTimeout(QueryError):
    """A local query ran past its wall-clock timeout and its worker process was killed."""


class EndpointError(MinegraphError):
    """A remote SPARQL endpoint failed: HTTP error, timeout, unreachable."""

    exit_code = 3


class StoreError(MinegraphError):
    """The persisted store is stale or corrupt."""


class MissingExtra(MinegraphError):
    """An optional dependency is not installed; says which extra provides it."""

    def __init__(self, module: str, extra: str):
        self.module = module
        self.extra = extra
        super().__init__(f"{module} is not installed; install it with: pip install 'minegraph[{extra}]'")


def require(module: str, extra: str):
    """Import an optional dependency lazily, or raise :class:`MissingExtra` naming the extra."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise MissingExtra(module, extra) from exc


class TraceError(MinegraphError):
    """The text or IRI to trace names nothing traceable, or several things (see ``candidates``:
    (IRI, kind, text) triples; the message shows them with ``display`` applied to each IRI)."""

    def __init__(self, message: str, candidates: list[tuple[str, str, str]] | None = None, display=str):
        self.candidates = candidates or []
        lines = [message] + [f"  {display(iri)}  ({kind})  {cut(text, 70)}" for iri, kind, text in self.candidates[:25]]
        if len(self.candidates) > 25:
            lines.append(f"  … and {len(self.candidates) - 25} more: use more words")
        super().__init__("\n".join(lines))


def cut(text: str, width: int) -> str:
    """``text`` on one line, cut to ``width`` characters with an ellipsis (for cards and listings)."""
    text = " ".join(str(text).split())
    return text if len(text) <= width else text[: width - 1] + "…"


#: How much of a user's value an error message echoes.
SHOWN = 80


def shown(value, width: int = SHOWN) -> str:
    """A user's value as an error message echoes it: quoted (repr), and when long cut to ``width``
    characters with its full length said, so a 100 KB argument never fills the terminal."""
    text = str(value)
    if len(text) <= width:
        return repr(text)
    return f"{text[:width]!r}… ({len(text):,} characters)"


def position(data: bytes, offset: int) -> tuple[int, int]:
    """The 1-based (line, column) of a byte offset into a file's bytes (columns count characters)."""
    line = data.count(b"\n", 0, offset) + 1
    return line, len(data[data.rfind(b"\n", 0, offset) + 1 : offset].decode("utf-8", "replace")) + 1


def not_utf8(data: bytes, error: UnicodeDecodeError) -> tuple[str, int, int]:
    """(message, line, column) naming the first byte of ``data`` that is not UTF-8."""
    return (f"not UTF-8 text (byte 0x{data[error.start]:02x})", *position(data, error.start))
