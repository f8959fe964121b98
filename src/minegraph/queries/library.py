"""The one reader of ``.rq`` files: the query library (``queries/*.rq``), the package's own queries
(``queries/internal/``) and the ``.rq`` folders of other packages (:func:`package_query`), all with a
documented comment header.

A library query opens with ``# key: value`` comment lines (continued on lines starting ``#   ``)::

    # title: States for which the Convention is in force on a date
    # description: What it answers and the definitions it uses,
    #   continued on further lines.
    # param: date xsd:date default=today — the date D
    # param: state iri — the state (no default: required)
    # example: minegraph query in-force-on-date --param date=2025-01-01

Parameter types are those of :data:`minegraph.querylang.terms.PARAM_TYPES`; see ``queries/README.md``.
"""

from __future__ import annotations

import errno
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from stat import S_ISREG
from typing import TYPE_CHECKING

from minegraph.errors import ParameterError, QueryError, not_utf8, shown
from minegraph.querylang.text import variables

if TYPE_CHECKING:  # rdflib (through querylang.terms) is loaded when a parameter is bound or a default read
    from rdflib.term import Node

FIELDS = ("title", "description", "param", "example")
_FIELD = re.compile(r"^#\s?(?P<key>[A-Za-z][\w-]*):\s*(?P<value>.*)$")
_CONTINUATION = re.compile(r"^#\s{2,}(?P<value>\S.*)$")
_PARAM = re.compile(
    r"^(?P<name>[A-Za-z_]\w*)\s+(?P<type>\S+)"
    r"(?:\s+default=(?P<default>\"[^\"]*\"|\S+))?"
    r"(?:\s+(?:—|–|--|-)\s+(?P<description>.*))?\s*$"
)


@dataclass(frozen=True)
class Param:
    """One declared parameter: its name (the query variable), type, default and meaning."""

    name: str
    type: str
    default: str | None
    description: str

    @property
    def required(self) -> bool:
        return self.default is None

    def term(self, value: object) -> Node:
        """The RDF term for a value of this parameter; ParameterError if it does not fit the type."""
        # lazy: pulls in rdflib (~170 ms), only on this path
        from minegraph.querylang.terms import as_text, parse_value

        try:
            return parse_value(self.type, as_text(value))
        except ValueError as exc:
            raise ParameterError(f"parameter {self.name}: {exc}") from None

    def summary(self) -> str:
        default = "required" if self.required else f"default {self.default}"
        return f"{self.name} ({self.type}, {default})" + (f": {self.description}" if self.description else "")


@dataclass(frozen=True)
class QueryDef:
    """A library query: its name (file stem), documentation and SPARQL text."""

    name: str
    path: Path
    title: str
    description: str
    params: tuple[Param, ...]
    examples: tuple[str, ...]
    text: str

    def bind(self, values: Mapping[str, object] | None = None) -> dict[str, Node]:
        """RDF terms for every parameter: the given values checked against their types, else defaults."""
        # lazy: pulls in rdflib (~170 ms), only on this path
        from minegraph.querylang.terms import PARAM_TYPES

        values = dict(values or {})
        known = {p.name: p for p in self.params}
        unknown = sorted(set(values) - set(known))
        if unknown:
            takes = "; ".join(p.summary() for p in self.params) or "no parameters"
            raise ParameterError(
                f"query {self.name} has no parameter {', '.join(map(shown, unknown))}; it takes {takes}"
            )
        bound = {}
        for param in self.params:
            if param.name in values:
                bound[param.name] = param.term(values[param.name])
            elif param.required:
                raise ParameterError(f"query {self.name} needs --param {param.name}=VALUE ({PARAM_TYPES[param.type]})")
            else:
                bound[param.name] = param.term(param.default)
        return bound


def parse_header(text: str, source: str) -> dict[str, list[str]]:
    """The header fields of a query text, in order; QueryError (file:line) on a malformed line."""
    fields: dict[str, list[str]] = {key: [] for key in FIELDS}
    last: str | None = None
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.rstrip()
        if not stripped.startswith("#"):
            if stripped:
                break
            continue
        continuation = _CONTINUATION.match(stripped)
        field = _FIELD.match(stripped)
        if continuation and last is not None:
            fields[last][-1] += " " + continuation.group("value").strip()
        elif field and field.group("key") in FIELDS:
            last = field.group("key")
            fields[last].append(field.group("value").strip())
        elif stripped.strip("# ") == "":
            last = None
        else:
            raise QueryError(
                f"{source}:{number}: header lines are '# title:', '# description:', '# param:', "
                f"'# example:' or continuations starting '#   '; got {stripped!r}"
            )
    return fields


def _param(spec: str, source: str) -> Param:
    # lazy: pulls in rdflib (~170 ms), only on this path
    from minegraph.querylang.terms import PARAM_TYPES, parse_value

    match = _PARAM.match(spec)
    if not match:
        raise QueryError(f"{source}: cannot read '# param: {spec}'; expected 'NAME TYPE [default=VALUE] — meaning'")
    name, kind, default = match.group("name"), match.group("type"), match.group("default")
    if kind not in PARAM_TYPES:
        raise QueryError(
            f"{source}: parameter {name} has unknown type {kind!r}; expected one of {', '.join(PARAM_TYPES)}"
        )
    if default is not None:
        default = default.strip('"')
    param = Param(name, kind, default, (match.group("description") or "").strip())
    if default is not None:
        try:
            parse_value(kind, default)
        except ValueError as exc:
            raise QueryError(f"{source}: default of parameter {name} is not valid: {exc}") from None
    return param


#: The package's own queries (trace cards, networks, charts, labels), in the library's format.
INTERNAL_DIR = Path(__file__).resolve().parent / "internal"
_CACHE: dict[tuple[str, int, int], QueryDef] = {}


def load_query(path: Path, *, example: bool = True) -> QueryDef:
    """Read and check one ``.rq`` file (header complete, parameters declared and used); cached
    per file and version (size, mtime), so a query is read and checked once per process. A query
    run by ``minegraph query`` shows how (``# example:``); one a package runs for itself need not."""
    definition = _cached(Path(path))
    if definition is None:
        raise QueryError(f"{path}: cannot read query file (no such file, or not a regular file)")
    return _shown_how(definition) if example else definition


def _shown_how(definition: QueryDef) -> QueryDef:
    """A query users run must say how (``# example:``)."""
    if not definition.examples:
        raise QueryError(f"{definition.path}: the header has no '# example:' line")
    return definition


def package_query(folder: Path, name: str) -> QueryDef:
    """``folder/NAME.rq``, a query a package keeps beside its modules (the extractor's gazetteer, the
    endpoint's entity pages, the release's VoID counts, the load test, the validation checks)."""
    return load_query(Path(folder) / f"{name}.rq", example=False)


def _cached(path: Path | str) -> QueryDef | None:
    """The query of ``path`` from the cache while the file is unchanged (one ``stat``), else read;
    None when there is no such file. A ``str`` path is taken as is (no pathlib work on a cache hit)."""
    try:
        stat = os.stat(path)
    except (FileNotFoundError, ValueError):  # ValueError: a NUL byte in the name
        return None
    except OSError as exc:
        if exc.errno == errno.ENAMETOOLONG:
            return None
        raise QueryError(f"{shown(str(path))}: cannot read query file ({exc.strerror})") from None
    if not S_ISREG(stat.st_mode):
        return None
    key = (str(path), stat.st_size, stat.st_mtime_ns)
    definition = _CACHE.get(key)
    if definition is None:
        definition = _CACHE[key] = _read_query(Path(path))
    return definition


def internal_query(name: str) -> QueryDef:
    """One of the package's own queries (``queries/internal/NAME.rq`` in the package)."""
    path = INTERNAL_DIR / f"{name}.rq"
    if not path.is_file():
        raise QueryError(f"no internal query {name!r}")
    return load_query(path)


def internal_query_files() -> list[Path]:
    """The package's own queries, by name (``minegraph queries --all`` lists them too)."""
    return sorted(INTERNAL_DIR.glob("*.rq"))


def _read_query(path: Path) -> QueryDef:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise QueryError(f"{path}: cannot read query file ({exc.strerror or exc})") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        message, line, column = not_utf8(data, exc)
        raise QueryError(f"{path}:{line}:{column}: {message}") from None
    fields = parse_header(text, str(path))
    for key in ("title", "description"):
        if not fields[key]:
            raise QueryError(f"{path}: the header has no '# {key}:' line")
    params = tuple(_param(spec, str(path)) for spec in fields["param"])
    names = [p.name for p in params]
    if len(set(names)) != len(names):
        raise QueryError(f"{path}: a parameter is declared twice ({', '.join(names)})")
    unused = [n for n in names if n not in variables(text)]
    if unused:
        raise QueryError(
            f"{path}: parameter {', '.join(unused)} is declared but ?{unused[0]} does not occur in the query"
        )
    return QueryDef(
        path.stem, path, fields["title"][0], " ".join(fields["description"]), params, tuple(fields["example"]), text
    )


def query_files(project) -> list[Path]:
    """Every ``queries/*.rq`` file, by name."""
    return sorted(project.queries_dir.glob("*.rq"))


def find_query(project, name: str) -> QueryDef:
    """A library query by name, or any ``.rq`` file by path; QueryError naming close matches."""
    if name.endswith(".rq") or "/" in name or os.sep in name:  # else a plain name, known without pathlib
        candidate = Path(name)  # (this runs on every run_query call)
        if name.endswith(".rq") or candidate.parent != Path("."):
            if _is_file(candidate):
                return load_query(candidate)
            raise QueryError(f"no query file {shown(name)}")
        name = candidate.name
    for folder in (project.queries_dir, INTERNAL_DIR):  # the public library first, then the package's own
        definition = _cached(os.path.join(folder, f"{name}.rq"))
        if definition is not None:
            return _shown_how(definition)
    names = [p.stem for p in query_files(project) + internal_query_files()]
    import difflib  # lazy: only an unknown name needs it (25 ms at every start otherwise)

    close = difflib.get_close_matches(name, names, n=3, cutoff=0.5) if len(name) <= 200 else []
    hint = f"; did you mean {' or '.join(close)}?" if close else "; run 'minegraph queries' to list them"
    raise QueryError(f"unknown query {shown(name)}{hint}")


def _is_file(path: Path) -> bool:
    """Whether ``path`` is a file; False for names the system refuses (too long, a NUL byte, …)."""
    try:
        return path.is_file()
    except (OSError, ValueError):
        return False
