"""SPARQL lives in ``.rq`` files (issue 8): no module of the package holds a query in a string literal;
every ``.rq`` file of the package, in whichever folder, has a header and is strict SPARQL; and only
:mod:`minegraph.queries.library` reads them (issue 19)."""

from __future__ import annotations

import ast
import re
import shlex
from pathlib import Path

import pytest

from minegraph.queries.library import INTERNAL_DIR, internal_query_files, load_query, package_query

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "minegraph"

#: A string constant that looks like a SPARQL query: a query form, then WHERE, possibly lines later.
QUERY_TEXT = re.compile(r"\b(SELECT|CONSTRUCT|ASK|DESCRIBE)\b.*\bWHERE\b", re.S)

#: Folders allowed to hold SPARQL text, and why.
EXCEPTIONS = {
    "querylang": "the query-text layer itself: tokenizer, guard, syntax checks and their messages",
    "validation/sparql": "the shape compiler must build SPARQL text from RDF terms (its own escaping)",
    "publish": "the SPARQL endpoint and its examples page serve query text to users",
    "bench": "benchmark workloads are queries run at scale, kept beside their harness",
    "scaleout": "engine-specific rewrites compared against the library's portable forms",
    # Not yet moved (issue 8 left these): the store layer sits below minegraph.queries, so it cannot load
    # internal queries without an upward import; its queries need a loader of their own in store/.
    "store/asof.py": "as-of views: the dated-triples query and whole-store CONSTRUCT/COUNT, below the query layer",
    "store/knowledge.py": "knowledge time: the queries dating each triple for the as-of index, below the query layer",
    "store/base.py": "the triple count every store answers, below the query layer",
}


def _excepted(path: Path) -> bool:
    relative = path.relative_to(PACKAGE).as_posix()
    return any(relative == entry or relative.startswith(entry + "/") for entry in EXCEPTIONS)


def _query_literals(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        (node.lineno, node.value[:60])
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
        and QUERY_TEXT.search(node.value)
    ]


MODULES = sorted(p for p in PACKAGE.rglob("*.py") if not _excepted(p))


def test_the_scan_sees_the_modules_and_catches_a_query():
    assert len(MODULES) > 20
    assert QUERY_TEXT.search("SELECT ?s\nWHERE { ?s ?p ?o }")
    assert not QUERY_TEXT.search("select the rows where the date is set")  # words in prose are not SPARQL


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_no_module_holds_sparql_text(path):
    found = _query_literals(path)
    assert not found, f"{path.relative_to(PACKAGE)}: SPARQL in string literals at {found}; move it to a .rq file"


INTERNAL = internal_query_files()


@pytest.mark.parametrize("path", INTERNAL, ids=lambda p: p.stem)
def test_every_internal_query_has_the_library_header_and_is_strict_sparql(path):
    from minegraph.querylang.guard import check as guard
    from minegraph.querylang.text import check_syntax, query_form

    definition = load_query(path)  # header complete, parameters declared and used
    assert definition.title and definition.description and definition.examples
    for example in definition.examples:
        words = shlex.split(example)
        assert words[:3] == ["minegraph", "query", definition.name], example
        definition.bind(dict(w.split("=", 1) for w in words[3:] if "=" in w and not w.startswith("-")))
    text = path.read_text(encoding="utf-8")
    query_form(text)
    check_syntax(text, source=str(path))  # its own PREFIX lines: no predeclared prefixes
    guard(text)


#: Every ``.rq`` file the package ships outside ``queries/internal/`` (the extractor's, the endpoint's, the
#: release's, the load test's…): found on disk, so a new folder is covered at once.
PACKAGE_QUERIES = sorted(p for p in PACKAGE.rglob("*.rq") if p.parent != INTERNAL_DIR)


def test_the_package_keeps_queries_in_several_folders_and_the_scan_sees_them_all():
    folders = {p.parent.relative_to(PACKAGE).as_posix() for p in PACKAGE_QUERIES}
    assert {"ingest/queries", "publish/queries", "publish/export/queries", "bench/load_queries"} <= folders


@pytest.mark.parametrize("path", PACKAGE_QUERIES, ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_every_package_query_has_a_header_and_is_strict_sparql(path):
    from minegraph.querylang.guard import check as guard
    from minegraph.querylang.text import check_syntax, query_form

    definition = package_query(path.parent, path.stem)  # title, description, parameters declared and used
    assert definition.title and definition.description
    query_form(definition.text)
    check_syntax(definition.text, source=str(path))  # its own PREFIX lines: no predeclared prefixes
    guard(definition.text, allow_service=True)  # the load test's federated query is refused by the endpoint


#: A module that reads an ``.rq`` file itself: a file read on a line that names ``.rq``.
RQ_READ = re.compile(r"\.rq\b.*\b(read_text|read_bytes|open)\(|\b(read_text|read_bytes|open)\(.*\.rq\b")


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_only_the_query_library_reads_rq_files(path):
    if path == PACKAGE / "queries" / "library.py":
        return
    lines = [n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if RQ_READ.search(line)]
    assert not lines, f"{path.relative_to(PACKAGE)}:{lines}: reads a .rq file; use minegraph.queries.library"


def test_the_rq_read_scan_catches_a_reader():
    assert RQ_READ.search('text = (HERE / f"{name}.rq").read_text("utf-8")')
    assert not RQ_READ.search("return package_query(HERE, name).text")
