"""One front door to data: outside ``minegraph.store`` no module makes a pyoxigraph store itself
(``pyoxigraph.Store()``, ``Store.read_only``…); it asks the store layer, which maps bad files to one
error (file, line, column) and knows which file describes each subject."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "minegraph"

#: Modules still making their own, and why.
EXCEPTIONS = {
    # below the store layer: an empty store is Oxigraph's query parser, used for syntax checks only
    "querylang/text.py",
}


def _makes_pyoxigraph_store(tree: ast.AST) -> list[int]:
    """Lines calling ``<pyoxigraph alias>.Store(...)`` or ``<alias>.Store.<constructor>(...)``."""
    aliases = {
        a.asname or a.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for a in node.names
        if a.name == "pyoxigraph"
    }
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Attribute):  # ox.Store.read_only(...)
            func = func.value
        if (
            isinstance(func, ast.Attribute)
            and func.attr == "Store"
            and isinstance(func.value, ast.Name)
            and func.value.id in aliases
        ):
            found.append(node.lineno)
    return found


MODULES = sorted(p for p in PACKAGE.rglob("*.py") if not p.relative_to(PACKAGE).as_posix().startswith("store/"))


def test_the_scan_catches_every_way_of_making_a_store():
    tree = ast.parse(
        "import pyoxigraph as ox\nimport pyoxigraph\na = ox.Store()\nb = pyoxigraph.Store.read_only('d')\n"
    )
    assert _makes_pyoxigraph_store(tree) == [3, 4]


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_no_module_outside_the_store_makes_a_pyoxigraph_store(path):
    relative = path.relative_to(PACKAGE).as_posix()
    lines = _makes_pyoxigraph_store(ast.parse(path.read_text(encoding="utf-8")))
    if relative in EXCEPTIONS:
        assert lines, f"{relative} no longer makes a store: remove it from EXCEPTIONS"
        return
    assert not lines, f"{relative}:{lines}: makes a pyoxigraph store; open it through minegraph.store"
