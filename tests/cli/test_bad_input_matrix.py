"""The bad-input matrix: every bad input, on every surface (CLI, library, curation, graph files, store,
endpoint), is refused with the exact exit code (exception type, HTTP status) and a message naming what is
wrong — never a Python traceback — and leaves every file of the project as it was (``-o`` targets too).

One table of cases, one test. A case breaks a fresh copy of the real project (``setup``), snapshots every
file (path, kind, SHA-256 or link target), acts, and compares. ``changes`` names the paths a case may
change (a store rebuilt from graph/ after it was found damaged)."""

from __future__ import annotations

import contextlib
import hashlib
import http.server
import io
import json
import os
import re
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "fixtures"
SOURCE = "graph/sources/euronews-2025-04-10-anti-personnel-mines.txt"
CURATED = "curation/sources/euronews-2025-04-10-anti-personnel-mines.toml"
LVA = "https://w3id.org/minegraph/id/state/LVA"
EVENT = "https://w3id.org/minegraph/id/event/LVA-accession"
XSD = "http://www.w3.org/2001/XMLSchema#"


@dataclass
class Outcome:
    code: object  # exit code, exception class name, or HTTP status
    out: str
    err: str


@dataclass(frozen=True)
class Case:
    id: str
    act: Callable[[Path, "Env"], Outcome]
    code: object
    message: str
    setup: Callable[[Path], None] | None = None
    changes: tuple[str, ...] = ()


@dataclass
class Env:
    """What some acts need beside the project: a loopback HTTP server and the endpoint's client."""

    server: "Loopback"
    client_factory: Callable


# --------------------------------------------------------------------------- acting


def cli(*args: str, stdin: bytes = b"") -> Callable[[Path, Env], Outcome]:
    """Run ``minegraph --project ROOT ARGS`` in this process; an escaping exception counts as a traceback."""

    def act(root: Path, env: Env) -> Outcome:
        from minegraph.cli import main

        out, err = io.StringIO(), io.StringIO()
        stream = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8", errors="surrogateescape")
        old = sys.stdin
        sys.stdin = stream
        try:
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                argv = [a.replace("{root}", str(root)).replace("{url}", env.server.url) for a in args]
                code = main(["--project", str(root), *argv])
        except SystemExit as exc:
            code = exc.code
        except BaseException as exc:  # noqa: BLE001 - the matrix must see it
            import traceback

            code, err = (
                "crash",
                io.StringIO(err.getvalue() + "Traceback (most recent call last):\n" + traceback.format_exc()),
            )
            del exc
        finally:
            sys.stdin = old
        return Outcome(code, out.getvalue(), err.getvalue())

    return act


def without(module: str, act: Callable[[Path, Env], Outcome]) -> Callable[[Path, Env], Outcome]:
    """``act`` with ``module`` unimportable (an extra that is not installed)."""

    def wrapped(root: Path, env: Env) -> Outcome:
        saved = {
            name: sys.modules.pop(name) for name in list(sys.modules) if name == module or name.startswith(module + ".")
        }
        sys.modules[module] = None  # import raises ImportError
        try:
            return act(root, env)
        finally:
            del sys.modules[module]
            sys.modules.update(saved)

    return wrapped


def library(call: Callable[[Path, Env], object]) -> Callable[[Path, Env], Outcome]:
    """Call the Python API; the outcome is the name of the exception raised (or "returned")."""

    def act(root: Path, env: Env) -> Outcome:
        err = io.StringIO()
        with contextlib.redirect_stderr(err):
            try:
                call(root, env)
            except Exception as exc:  # noqa: BLE001
                return Outcome(type(exc).__name__, "", str(exc) + err.getvalue())
        return Outcome("returned", "", err.getvalue())

    return act


def endpoint(method: str, path: str, body: bytes | None = None, headers: dict | None = None):
    """One request to ``minegraph serve``'s app (Starlette's TestClient, its workers on the case's store)."""

    def act(root: Path, env: Env) -> Outcome:
        client = env.client_factory(root)
        answer = client.request(method, path, content=body, headers=headers or {})
        return Outcome(answer.status_code, "", answer.text)

    return act


# --------------------------------------------------------------------------- breaking


def write(name: str, data: bytes | str) -> Callable[[Path], None]:
    def setup(root: Path) -> None:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))

    return setup


def append(name: str, data: str) -> Callable[[Path], None]:
    def setup(root: Path) -> None:
        with open(root / name, "a", encoding="utf-8") as handle:
            handle.write(data)

    return setup


def replace(name: str, old: str, new: str) -> Callable[[Path], None]:
    def setup(root: Path) -> None:
        path = root / name
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{name} has no {old!r}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return setup


def steps(*setups: Callable[[Path], None]) -> Callable[[Path], None]:
    def setup(root: Path) -> None:
        for one in setups:
            one(root)

    return setup


def output_targets(root: Path) -> None:
    """out/link (a symlink to graph/actors.ttl), out/fifo, out/dir, out/file (a regular file), out/null (a
    character device like /dev/null made here, or a FIFO where mknod is not allowed: never the real one)."""
    out = root / "out"
    (out / "dir").mkdir(parents=True)
    (out / "link").symlink_to(root / "graph" / "actors.ttl")
    os.mkfifo(out / "fifo")
    try:
        os.mknod(out / "null", 0o600 | stat.S_IFCHR, os.makedev(1, 3))
    except PermissionError:
        os.mkfifo(out / "null")
    (out / "file").write_text("keep\n")


def flip_store_bytes(root: Path) -> None:
    """4 KB of the largest database file inverted, its mtime restored."""
    database = max(
        (p for p in (root / ".store").rglob("*") if p.is_file() and p.name != "manifest.json"),
        key=lambda p: p.stat().st_size,
    )
    info = database.stat()
    data = bytearray(database.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 4096] = bytes(b ^ 0xFF for b in data[middle : middle + 4096])
    database.write_bytes(bytes(data))
    os.utime(database, ns=(info.st_atime_ns, info.st_mtime_ns))


def same_size_edit(root: Path) -> None:
    """ "Latvia" → "Latvja" in graph/states.ttl, size and mtime kept: the store must see it."""
    path = root / "graph" / "states.ttl"
    info = path.stat()
    path.write_bytes(path.read_bytes().replace(b'"Latvia"@en', b'"Latvja"@en', 1))
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))


# --------------------------------------------------------------------------- queries and documents


def nested(depth: int) -> str:
    return "SELECT * WHERE " + "{" * depth + " ?s ?p ?o " + "}" * depth


SERVICE = "SERVICE <{url}/sparql> { ?s ?p ?o }"
#: A lexer reads ``<?b#>`` as an IRI and ``"""`` as a long string hiding the SERVICE; the grammar reads a
#: comparison, a comment to the end of the line, and a SERVICE clause.
HIDDEN_SERVICE = 'SELECT * WHERE { BIND(1 AS ?a) BIND(2 AS ?b) FILTER(?a<?b#>"""\n) ' + SERVICE + ' } #"""'
VALUES_CROSS = (
    "ASK { "
    + " ".join(f"VALUES ?v{i} {{ {' '.join(map(str, range(200)))} }}" for i in range(4))
    + " FILTER(?v0 + ?v1 + ?v2 + ?v3 = -1) }"
)


def chain(kind: str, n: int) -> str:
    """A flat chain of ``n`` items of one operator or list kind (each under the length limit)."""
    return {
        "plus": "ASK { FILTER(" + "+".join(["1"] * n) + ") }",
        "star": "ASK { FILTER(" + "*".join(["1"] * n) + ") }",
        "objects": "ASK { ?s ?p " + ",".join(["1"] * n) + " }",
        "minus": "ASK { ?s ?p ?o " + "MINUS{} " * n + "}",
        "join": "ASK { " + " ".join(["?s ?p ?o ."] * n) + " }",
    }[kind]


RQ_HEADER = "# title: t\n# description: d\n# example: minegraph query x\n"
#: The line a triple appended to graph/actors.ttl stands on is the file's length plus one.
ACTORS_LINES = len(
    (Path(__file__).resolve().parents[2] / "graph" / "actors.ttl").read_text(encoding="utf-8").splitlines()
)
BAD_TTL = f'<{EVENT}> <https://w3id.org/minegraph/ontology#date> "{{}}"^^<{XSD}date> .\n'
JSONLD_CONTEXT = json.dumps({"@context": "{url}/context.jsonld", "@id": "urn:x", "urn:p": "v"})


def api_sparql(text: str) -> Callable[[Path, Env], object]:
    def call(root: Path, env: Env):
        import minegraph
        from minegraph.core.project import Project

        return minegraph.sparql(text.replace("{url}", env.server.url), project=Project(root))

    return call


def api_query(name: str, **params) -> Callable[[Path, Env], object]:
    def call(root: Path, env: Env):
        from minegraph.core.project import Project
        from minegraph.queries.library import find_query

        return find_query(Project(root), name).bind(params)

    return call


def api_remote(content_type: str, body: str) -> Callable[[Path, Env], object]:
    """A CONSTRUCT on a loopback endpoint answering ``body`` as ``content_type``."""

    def call(root: Path, env: Env):
        from minegraph.store.remote import RemoteStore

        env.server.answer(content_type, body.replace("{url}", env.server.url).encode("utf-8"))
        return RemoteStore(env.server.url + "/sparql").query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")

    return call


def api(function: str, *args, **kwargs) -> Callable[[Path, Env], object]:
    def call(root: Path, env: Env):
        import minegraph
        from minegraph.core.project import Project

        return getattr(minegraph, function)(*args, project=Project(root), **kwargs)

    return call


CASES = [
    # ------------------------------------------------------------------ CLI: query text and parameters
    Case(
        "cli-non-utf8-argument",
        cli("sparql", 'SELECT * WHERE {\n ?s ?p "\udcff" }'),
        2,
        "line 2, column 9: byte 0xff is not UTF-8; a query is UTF-8 text",
    ),
    Case(
        "cli-non-utf8-stdin",
        cli("sparql", "-", stdin=b'SELECT * WHERE { ?s ?p "\xfe" }'),
        2,
        "line 1, column 25: byte 0xfe is not UTF-8",
    ),
    Case(
        "cli-non-utf8-rq-file",
        cli("query", "{root}/bad.rq"),
        2,
        "bad.rq:4:25: not UTF-8 text (byte 0xff)",
        setup=write("bad.rq", RQ_HEADER.encode() + b'SELECT * WHERE { ?s ?p "\xff" }\n'),
    ),
    Case(
        "cli-binary-rq-file",
        cli("query", "{root}/blob.rq"),
        2,
        "blob.rq:1:1: not UTF-8 text (byte 0x89)",
        setup=write("blob.rq", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))),
    ),
    Case(
        "cli-service-top-level",
        cli("sparql", "SELECT * WHERE { " + SERVICE + " }"),
        2,
        "line 1: SERVICE (a federated query to another endpoint) is refused",
    ),
    Case(
        "cli-service-in-filter-exists",
        cli("sparql", "ASK { ?s ?p ?o FILTER EXISTS { " + SERVICE + " } }"),
        2,
        "SERVICE (a federated query to another endpoint) is refused",
    ),
    Case(
        "cli-service-in-subquery-optional",
        cli("sparql", "SELECT * { { SELECT ?s { OPTIONAL { service silent <{url}/x> { ?s ?p ?o } } } } }"),
        2,
        "SERVICE (a federated query to another endpoint) is refused",
    ),
    Case(
        "cli-service-prefixed-name",
        cli("sparql", "PREFIX SERVICE: <{url}/>\nSELECT * { SERVICE:x { ?s ?p ?o } }"),
        2,
        "line 1: SERVICE (a federated query",
    ),
    Case(
        "cli-service-in-rq-file",
        cli("query", "{root}/svc.rq"),
        2,
        "SERVICE (a federated query to another endpoint)",
        setup=write(
            "svc.rq",
            RQ_HEADER + "SELECT * WHERE { GRAPH ?g { " + SERVICE.replace("{url}", "http://127.0.0.1:9") + " } }\n",
        ),
    ),
    Case(
        "cli-service-hidden-from-a-lexer",
        cli("sparql", HIDDEN_SERVICE),
        2,
        "SERVICE (a federated query to another endpoint) is refused",
    ),
    Case("cli-update", cli("sparql", "DELETE WHERE { ?s ?p ?o }"), 2, "SPARQL Update (DELETE) is not accepted"),
    Case("cli-chain-plus", cli("sparql", chain("plus", 7000)), 2, "more than 256 operators and list separators"),
    Case("cli-chain-star", cli("sparql", chain("star", 7000)), 2, "more than 256 operators and list separators"),
    Case(
        "cli-chain-object-list", cli("sparql", chain("objects", 7000)), 2, "more than 256 operators and list separators"
    ),
    Case("cli-chain-minus", cli("sparql", chain("minus", 3000)), 2, "more than 256 operators and list separators"),
    Case("cli-join-of-2900-patterns", cli("sparql", chain("join", 2900)), 2, "more than 4,096 terms"),
    Case(
        "cli-values-cross-product-obeys-the-timeout",
        cli("sparql", VALUES_CROSS, "--timeout", "1"),
        2,
        "the query ran longer than 1 s and was stopped",
    ),
    Case("cli-deep-nesting", cli("sparql", nested(5000)), 2, "brackets nested deeper than 64 levels"),
    Case(
        "cli-long-operator-chain",
        cli("sparql", "ASK { FILTER(" + " || ".join(["true"] * 2000) + ") }"),
        2,
        "more than 256 operators",
    ),
    Case(
        "cli-huge-query",
        cli("sparql", 'ASK { ?s ?p "' + "a" * 100_000 + '" }'),
        2,
        "the query is 100,016 characters long; the limit is 32,768",
    ),
    Case("cli-syntax-error", cli("sparql", "SELECT ?x WHERE { ?x ?y }"), 2, "<query>:1:19: syntax error"),
    Case(
        "cli-param-injection",
        cli("query", "in-force-on-date", "-p", 'date=2025-01-01"^^xsd:date) } DROP ALL #'),
        2,
        "parameter date: expected an ISO date YYYY-MM-DD, got '2025-01-01\"^^xsd:date) } DROP ALL #'",
    ),
    Case(
        "cli-param-impossible-date",
        cli("query", "in-force-on-date", "-p", "date=2025-02-30"),
        2,
        "parameter date: not a calendar date: '2025-02-30' (day is out of range for month)",
    ),
    Case(
        "cli-param-huge-value-cut",
        cli("query", "in-force-on-date", "-p", "date=" + "9" * 100_000),
        2,
        "got '" + "9" * 80 + "'… (100,000 characters)",
    ),
    Case(
        "cli-param-huge-name-cut",
        cli("query", "in-force-on-date", "-p", "n" * 100_000 + "=1"),
        2,
        "has no parameter '" + "n" * 80 + "'… (100,000 characters)",
    ),
    Case(
        "cli-query-name-too-long",
        cli("query", "q" * 100_000),
        2,
        "unknown query '" + "q" * 80 + "'… (100,000 characters)",
    ),
    Case("cli-timeout-infinite", cli("sparql", "ASK {}", "--timeout", "inf"), 2, "expected a finite number, got 'inf'"),
    Case(
        "cli-synth-negative-triples",
        cli("synth", "--triples", "-5", "--output", "{root}/out/synth", "--quiet"),
        2,
        "--triples must be a whole number from 1 to 100,000,000, not -5",
    ),
    Case(
        "cli-synth-unbounded-triples",
        cli("synth", "--triples", str(10**12), "--output", "{root}/out/synth", "--quiet"),
        2,
        "--triples must be a whole number from 1 to 100,000,000",
    ),
    Case(
        "cli-as-of-impossible-date",
        cli("sparql", "ASK {}", "--as-of", "2025-02-30"),
        2,
        "as of '2025-02-30': expected an ISO date",
    ),
    # ------------------------------------------------------------------ CLI: output targets
    Case(
        "cli-output-directory",
        cli("sparql", "ASK {}", "-o", "{root}/out/dir"),
        2,
        "out/dir: is a directory; outputs are written only to regular files (use - for standard output)",
        setup=output_targets,
    ),
    # the query ran before its output was refused: the record of library texts that passed their parse-only
    # check (a cache beside the store, minegraph.queries.checked) may gain them
    Case(
        "cli-output-symlink",
        cli("query", "dataset-summary", "-o", "{root}/out/link"),
        2,
        "out/link: is a symbolic link; outputs are written only to regular files",
        setup=output_targets,
        changes=(".store/checked-queries.json",),
    ),
    Case(
        "cli-output-fifo",
        cli("trace", "statement:euronews-2025-04-10-01-carbonnier-civilian-victims", "-o", "{root}/out/fifo"),
        2,
        "out/fifo: is a FIFO",
        setup=output_targets,
        changes=(".store/checked-queries.json",),
    ),
    Case(
        "cli-output-device",
        cli("sparql", "ASK {}", "-o", "{root}/out/null"),
        2,
        "out/null: is a ",
        setup=output_targets,
    ),
    Case(
        "cli-output-under-a-file",
        cli("sparql", "ASK {}", "-o", "{root}/out/file/x.csv", "-f", "csv"),
        2,
        "out/file/x.csv: cannot write here: Not a directory",
        setup=output_targets,
    ),
    Case(
        "cli-output-dash-is-stdout",
        cli("sparql", "ASK { ?s ?p ?o }", "-o", "-", "-f", "json"),
        0,
        "",
        setup=output_targets,
    ),
    # ------------------------------------------------------------------ CLI: terminal output
    Case(
        "cli-table-terminal-escapes",
        cli("sparql", 'SELECT ?x { BIND("a\\u001b[2J\\u009b31mb" AS ?x) }'),
        0,
        "a\\x1b[2J\\u009b31mb",
    ),
    Case(
        "cli-syntax-error-caret-escapes",
        cli("sparql", "SELECT ?x WHERE { ?x \x1b]0;title\x07 ?y }"),
        2,
        "\\x1b]0;title\\x07",
    ),
    Case(
        "cli-trace-terminal-escapes",
        cli("trace", "statement:euronews-2025-04-10-01-carbonnier-civilian-victims"),
        0,
        "Gilles\\x1b]0;pwned\\x07 Carbonnier",
        setup=replace("graph/actors.ttl", '"Gilles Carbonnier"', '"Gilles\\u001b]0;pwned\\u0007 Carbonnier"'),
        changes=(".store/",),
    ),
    # ------------------------------------------------------------------ CLI: trace
    Case(
        "cli-trace-path-traversal",
        cli("trace", "statement:euronews-2025-04-10-01-carbonnier-civilian-victims"),
        0,
        "",
        setup=replace(
            "graph/euronews-2025-04-10-anti-personnel-mines.ttl",
            'mg:path "sources/euronews-2025-04-10-anti-personnel-mines.txt"',
            'mg:path "../../../../../../etc/passwd"',
        ),
        changes=(".store/",),
    ),
    Case(
        "cli-trace-long-text",
        cli("trace", *(["mines " * 20_000] * 8)),
        2,
        "the text to trace is 960,007 characters long; give at most 2,000",
    ),
    Case("cli-trace-many-words", cli("trace", *["a"] * 100), 2, "the text to trace has 100 words; give at most 64"),
    # ------------------------------------------------------------------ library (Python API)
    Case(
        "api-service-nested",
        library(api_sparql("SELECT * { { ?s ?p ?o } UNION { " + SERVICE + " } }")),
        "ServiceRefused",
        "SERVICE (a federated query to another endpoint) is refused",
    ),
    Case(
        "api-service-hidden-from-a-lexer",
        library(api_sparql(HIDDEN_SERVICE)),
        "ServiceRefused",
        "SERVICE (a federated query to another endpoint) is refused",
    ),
    Case(
        "api-lone-surrogate",
        library(api_sparql('ASK { ?s ?p "\ud800" }')),
        "NotAQuery",
        "line 1, column 14: U+D800 is a lone surrogate",
    ),
    Case(
        "api-unknown-parameter",
        library(api_query("in-force-on-date", country="LVA")),
        "ParameterError",
        "query in-force-on-date has no parameter 'country'",
    ),
    Case(
        "api-iri-parameter-injection",
        library(api_query("actors-by-type", **{"class": "mg:State> } ; DROP ALL #"})),
        "ParameterError",
        "parameter class: not a valid local name after mg: in 'mg:State> } ; DROP ALL #'",
    ),
    Case(
        "api-trace-huge-text",
        library(api("trace", "x" * 1_000_000)),
        "TraceError",
        "the text to trace is 1,000,000 characters long",
    ),
    Case(
        "api-remote-rdf-xml-entities",
        library(api_remote("application/rdf+xml", FIXTURES.joinpath("entities.rdf").read_text())),
        "EndpointError",
        "answered RDF/XML, which minegraph refuses",
    ),
    Case(
        "api-remote-json-ld-remote-context",
        library(api_remote("application/ld+json", JSONLD_CONTEXT)),
        "EndpointError",
        "answered JSON-LD, which minegraph refuses",
    ),
    Case(
        "cli-remote-rdf-xml-output-untouched",
        cli(
            "sparql",
            "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }",
            "--endpoint",
            "{url}/xml",
            "-f",
            "ttl",
            "-o",
            "{root}/out/file",
        ),
        3,
        "answered RDF/XML, which minegraph refuses",
        setup=output_targets,
    ),
    # ------------------------------------------------------------------ curation → minegraph build
    Case(
        "curation-malformed-toml",
        cli("build"),
        2,
        "curation/actors.toml:14:",
        setup=replace("curation/actors.toml", 'id = "euronews"', 'id = "euronews'),
    ),
    Case(
        "curation-non-utf8-toml",
        cli("build"),
        2,
        "curation/actors.toml",
        setup=lambda root: (root / "curation" / "actors.toml").open("ab").write(b"\n# caf\xe9\n"),
    ),
    Case(
        "curation-impossible-date",
        cli("build"),
        2,
        "date = '2025-02-30' is not an ISO date",
        setup=replace(CURATED, 'date = "2025-04-10"', 'date = "2025-02-30"'),
    ),
    Case(
        "curation-wrong-datatype",
        cli("build"),
        2,
        CURATED,
        setup=replace(CURATED, 'date = "2025-04-10"', "date = 20250410"),
    ),
    Case(
        "curation-duplicate-id",
        cli("build"),
        2,
        "curation/actors.toml",
        setup=replace("curation/actors.toml", 'id = "icbl-cmc"', 'id = "euronews"'),
    ),
    Case(
        "curation-toml-nesting-bomb",
        cli("build"),
        2,
        "curation/actors.toml: values are nested too deeply",
        setup=append("curation/actors.toml", "\nbomb = " + "[" * 50_000 + "]" * 50_000 + "\n"),
    ),
    Case(
        "curation-id-no-iri-can-hold",
        cli("build"),
        2,
        "id = 'icbl cmc <x>' cannot be part of an IRI",
        setup=replace("curation/actors.toml", 'id = "icbl-cmc"', 'id = "icbl cmc <x>"'),
    ),
    Case(
        "curation-dangling-actor",
        cli("build"),
        2,
        "person:nobody is described nowhere in curation/",
        setup=replace(CURATED, 'speaker = "person:gilles-carbonnier"', 'speaker = "person:nobody"'),
    ),
    Case(
        "curation-quote-drift",
        cli("build"),
        2,
        CURATED,
        setup=replace(
            CURATED, "victims of anti-personnel mines are civilians", "victims of anti-personnel mines are soldiers"
        ),
    ),
    Case(
        "curation-archive-tampered",
        cli("build"),
        2,
        CURATED,
        setup=replace(SOURCE, "over 80% of the victims", "over 90% of the victims"),
        changes=(SOURCE,),
    ),
    # ------------------------------------------------------------------ graph files → validate / open_store
    Case(
        "graph-malformed-turtle",
        cli("validate"),
        2,
        "graph/zz-malformed.ttl:2:",
        setup=write("graph/zz-malformed.ttl", FIXTURES.joinpath("malformed.ttl").read_bytes()),
    ),
    Case(
        "graph-malformed-turtle-pyshacl",
        cli("validate", "--engine", "pyshacl"),
        2,
        "graph/zz-malformed.ttl:2:",
        setup=write("graph/zz-malformed.ttl", FIXTURES.joinpath("malformed.ttl").read_bytes()),
    ),
    Case(
        "graph-rdf-xml-as-turtle",
        library(api("open_store")),
        "InputError",
        "graph/zz-entities.ttl:1:",
        setup=write("graph/zz-entities.ttl", FIXTURES.joinpath("entities.rdf").read_bytes()),
    ),
    Case(
        "graph-non-utf8",
        cli("validate"),
        2,
        "graph/zz-latin1.ttl:1:",
        setup=write(
            "graph/zz-latin1.ttl",
            f'<{LVA}> <http://www.w3.org/2000/01/rdf-schema#comment> "caf\xe9" .\n'.encode("latin-1"),
        ),
    ),
    Case(
        "graph-binary",
        cli("validate"),
        2,
        "graph/zz-blob.ttl:1:",
        setup=write("graph/zz-blob.ttl", bytes(range(256)) * 64),
    ),
    Case(
        "graph-deep-nesting",
        cli("validate", "--no-shacl"),
        1,
        "the graph does NOT conform",
        setup=write("graph/zz-deep.ttl", "<urn:a> <urn:b> " + "( " * 100_000 + ")" * 100_000 + " .\n"),
    ),
    Case(
        "graph-impossible-date-pyshacl",
        cli("validate", "--engine", "pyshacl"),
        1,
        f"graph/actors.ttl: Violation: line {ACTORS_LINES + 1}, column 96: '2025-02-30' is not a valid <http://www.w3.org/2001/XMLSchema#date>",
        setup=append("graph/actors.ttl", BAD_TTL.format("2025-02-30")),
    ),
    Case(
        "graph-wrong-datatype-pyshacl",
        cli("validate", "--engine", "pyshacl"),
        1,
        "'tenth of April' is not a valid <http://www.w3.org/2001/XMLSchema#date>",
        setup=append("graph/actors.ttl", BAD_TTL.format("tenth of April")),
    ),
    Case(
        "graph-impossible-date-sparql",
        cli("validate"),
        1,
        "must be a valid xsd:date (YYYY-MM-DD)  [shape mgsh:Dated-type]",
        setup=append("graph/actors.ttl", BAD_TTL.format("2025-02-30")),
        changes=(".store/shapes/",),
    ),
    Case(
        "graph-one-owner-per-node",
        cli("validate", "--no-shacl"),
        1,
        f"<{LVA}> is described in 2 files (graph/actors.ttl, graph/states.ttl); one build part owns each node",
        setup=append("graph/actors.ttl", f'<{LVA}> <http://www.w3.org/2000/01/rdf-schema#comment> "again" .\n'),
    ),
    Case(
        "graph-one-owner-per-node-pyshacl",
        cli("validate", "--no-shacl", "--engine", "pyshacl", "--check", "owners"),
        1,
        f"<{LVA}> is described in 2 files (graph/actors.ttl, graph/states.ttl)",
        setup=append("graph/actors.ttl", f'<{LVA}> <http://www.w3.org/2000/01/rdf-schema#comment> "again" .\n'),
    ),
    Case(
        "graph-dangling-iri",
        cli("validate", "--no-shacl", "--check", "references"),
        1,
        "<https://w3id.org/minegraph/id/person/nobody> is described nowhere",
        setup=append(
            "graph/actors.ttl",
            f"<{LVA}> <http://www.w3.org/ns/org#hasMember> <https://w3id.org/minegraph/id/person/nobody> .\n",
        ),
    ),
    Case(
        "graph-offset-drift",
        cli("validate", "--no-shacl"),
        1,
        "[check quotes]",
        setup=replace("graph/euronews-2025-04-10-anti-personnel-mines.ttl", 'oa:start "1599"', 'oa:start "1600"'),
    ),
    Case(
        "graph-archive-tampered",
        cli("validate", "--no-shacl"),
        1,
        "[check archives]",
        setup=replace(SOURCE, "over 80% of the victims", "over 90% of the victims"),
    ),
    Case(
        "graph-path-traversal",
        cli("validate", "--no-shacl", "--check", "archives"),
        1,
        "leads outside the graph/ directory",
        setup=replace(
            "graph/euronews-2025-04-10-anti-personnel-mines.ttl",
            'mg:path "sources/euronews-2025-04-10-anti-personnel-mines.txt"',
            'mg:path "../../../etc/passwd"',
        ),
    ),
    # ------------------------------------------------------------------ the persisted store
    Case(
        "store-bytes-flipped",
        cli("query", "dataset-summary", "-f", "csv"),
        0,
        "rebuilding",
        setup=flip_store_bytes,
        changes=(".store/",),
    ),
    Case(
        "store-manifest-garbage",
        cli("query", "dataset-summary", "-f", "csv"),
        0,
        "is corrupt",
        setup=write(".store/manifest.json", b"\x00{not json"),
        changes=(".store/",),
    ),
    Case(
        "store-same-size-edit",
        cli("sparql", "SELECT ?l { state:LVA rdfs:label ?l }", "-f", "csv"),
        0,
        "stale (changed: graph/states.ttl)",
        setup=same_size_edit,
        changes=(".store/",),
    ),
    # ------------------------------------------------------------------ the endpoint (minegraph serve's app)
    Case(
        "endpoint-service",
        endpoint(
            "GET",
            "/query?query=" + "ASK%20%7B%20SERVICE%20%3Chttp%3A%2F%2F127.0.0.1%3A9%2F%3E"
            "%20%7B%20%3Fs%20%3Fp%20%3Fo%20%7D%20%7D",
        ),
        400,
        "SERVICE",
    ),
    Case(
        "endpoint-service-hidden-from-a-lexer",
        endpoint(
            "POST",
            "/query",
            HIDDEN_SERVICE.replace("{url}", "http://127.0.0.1:9").encode(),
            {"Content-Type": "application/sparql-query"},
        ),
        400,
        "SERVICE (a federated query",
    ),
    Case(
        "endpoint-chain-costs-no-worker",
        endpoint("POST", "/query", chain("plus", 7000).encode(), {"Content-Type": "application/sparql-query"}),
        400,
        "more than 256 operators and list separators",
    ),
    Case(
        "endpoint-update",
        endpoint("POST", "/query", b"DROP ALL", {"Content-Type": "application/sparql-update"}),
        403,
        "Update",
    ),
    Case(
        "endpoint-deep-nesting",
        endpoint("POST", "/query", nested(500).encode(), {"Content-Type": "application/sparql-query"}),
        400,
        "nested deeper",
    ),
    Case(
        "endpoint-non-utf8-query",
        endpoint("GET", "/query?query=ASK%20%7B%20%3Fs%20%3Fp%20%22%FF%22%20%7D"),
        400,
        "the URL's parameters are not UTF-8 URL-encoded text",
    ),
    Case(
        "endpoint-non-utf8-form",
        endpoint("POST", "/query", b"query=ASK%20%7B%7D%FF", {"Content-Type": "application/x-www-form-urlencoded"}),
        400,
        "the form body is not UTF-8 URL-encoded text",
    ),
    Case(
        "endpoint-huge-body",
        endpoint("POST", "/query", b"ASK {} #" + b"x" * 2_000_000, {"Content-Type": "application/sparql-query"}),
        413,
        "",
    ),
    Case(
        "endpoint-xss-in-a-not-found-page",
        endpoint("GET", "/id/x/%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E?format=html"),
        404,
        "/id/x/&lt;img src=x onerror=alert(1)&gt;",
    ),
    Case(
        "endpoint-health-shows-no-pids-to-a-web-page",
        endpoint("GET", "/health", headers={"Origin": "http://evil.example"}),
        200,
        '"workers":1,',
    ),
    Case(
        "cli-serve-without-its-extra",
        without("uvicorn", cli("serve", "--port", "9")),
        2,
        "install it with: pip install 'minegraph[serve]'",
    ),
    Case("endpoint-path-traversal", endpoint("GET", "/id/state/..%2F..%2F..%2Fetc%2Fpasswd"), 404, ""),
]


# --------------------------------------------------------------------------- the loopback server


class Loopback:
    """An HTTP server on 127.0.0.1 that records every request and answers what it was told to."""

    def __init__(self):
        self.requests: list[str] = []
        self.content_type, self.body = "application/rdf+xml", FIXTURES.joinpath("entities.rdf").read_bytes()
        owner = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def _answer(self):
                owner.requests.append(self.path)
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                self.send_response(200)
                self.send_header("Content-Type", owner.content_type)
                self.send_header("Content-Length", str(len(owner.body)))
                self.end_headers()
                self.wfile.write(owner.body)

            do_GET = do_POST = _answer

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        # shutdown() waits for serve_forever to notice (every poll_interval, 0.5 s by default): once a test
        threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True).start()

    def answer(self, content_type: str, body: bytes) -> None:
        self.content_type, self.body = content_type, body

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def loopback():
    server = Loopback()
    yield server
    server.close()


@pytest.fixture
def client_factory():
    """``factory(root)``: a TestClient of the endpoint over the case's persisted store (started once, closed after)."""
    from starlette.testclient import TestClient

    from minegraph.core.project import Project
    from minegraph.publish.app import create_app
    from minegraph.publish.settings import Settings
    from minegraph.store.cache import open_current

    opened = []

    def factory(root: Path):
        project = Project(root)
        store, database = open_current(project)
        del store
        client = TestClient(create_app(Settings(workers=1, timeout=10), database, project), base_url="http://127.0.0.1")
        client.__enter__()
        opened.append(client)
        return client

    yield factory
    for client in opened:
        client.__exit__(None, None, None)


# --------------------------------------------------------------------------- the test


def snapshot(root: Path) -> dict[str, str]:
    """Every path under ``root``: a file's SHA-256, a link's target, or its kind."""
    found = {}
    for folder, dirs, files in os.walk(root):
        for name in dirs + files:
            path = Path(folder) / name
            mode = os.lstat(path).st_mode
            key = path.relative_to(root).as_posix()
            if stat.S_ISLNK(mode):
                found[key] = "link -> " + os.readlink(path)
            elif stat.S_ISREG(mode):
                found[key] = hashlib.sha256(path.read_bytes()).hexdigest()
            else:
                found[key] = "fifo" if stat.S_ISFIFO(mode) else "dir" if stat.S_ISDIR(mode) else oct(mode)
    return found


def changed(before: dict, after: dict, allowed: tuple[str, ...]) -> list[str]:
    paths = {p for p in before.keys() | after.keys() if before.get(p) != after.get(p)}
    return sorted(p for p in paths if not any(p == a.rstrip("/") or p.startswith(a) for a in allowed))


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_bad_input_is_refused_clearly_and_changes_nothing(case, case_project, loopback, client_factory):
    root = case_project.root
    if case.setup:
        case.setup(root)
    before = snapshot(root)
    outcome = case.act(root, Env(loopback, client_factory))
    assert "Traceback" not in outcome.err and "Traceback" not in outcome.out, outcome.err[-3000:]
    if case.id.startswith("cli-"):  # nothing a terminal would obey: ESC, CSI and the other C0/C1 controls
        assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", outcome.out + outcome.err), (
            "a raw control reached the terminal"
        )
    assert outcome.code == case.code, f"{outcome.code!r}: {outcome.err[-2000:]}"
    assert case.message in outcome.err + outcome.out, (outcome.err + outcome.out)[-2000:]
    assert len(outcome.err) < 20_000, "a long value was echoed whole"
    assert changed(before, snapshot(root), case.changes) == []
    assert loopback.requests == [] or case.id.startswith(("api-remote", "cli-remote")), loopback.requests
    if case.id.startswith(("api-remote", "cli-remote")):
        assert all(not r.endswith("context.jsonld") for r in loopback.requests), "a remote JSON-LD context was fetched"
    if case.id.startswith("endpoint-xss"):
        assert "<img" not in outcome.err, "the request's markup came back unescaped"
    if case.id == "cli-trace-path-traversal":
        assert "root:" not in outcome.out and "root:" not in outcome.err  # /etc/passwd was never read


def test_trace_refuses_a_megabyte_in_bounded_time(template_project):
    """A 1 MB text (ten 100 KB arguments: Linux caps one at 128 KB) is refused before the store is opened."""
    started = time.monotonic()
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "minegraph",
            "--project",
            str(template_project.root),
            "trace",
            *(["mines " * 16_667] * 10),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    elapsed = time.monotonic() - started
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "the text to trace is 1,000,029 characters long; give at most 2,000" in done.stderr
    assert len(done.stderr) < 500
    assert elapsed < 30  # generous: the machine is shared; the refusal itself takes milliseconds
