"""Imports sit at the top of a module; one inside a function says why on its line or just above it
(``# lazy: <why>``: a heavy or optional dependency on a rarely used path, or the start-up of the CLI or of a
query worker), so that laziness is a decision a reader can check, not a habit."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "minegraph"
PENDING: tuple[str, ...] = ()


def unexplained(source: str) -> list[int]:
    """Line numbers of function-level imports without a ``# lazy:`` comment on their line, on the line above,
    or above the run of import statements they belong to (a ``try:`` line counts)."""
    lines, found = source.splitlines(), []
    for function in ast.walk(ast.parse(source)):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        bodies = (
            getattr(node, field)
            for node in ast.walk(function)
            for field in ("body", "orelse", "finalbody")
            if isinstance(getattr(node, field, None), list)
        )
        for body in bodies:
            run_start = None
            for previous, node in zip([None, *body], body):
                if not isinstance(node, ast.Import | ast.ImportFrom):
                    run_start = None
                    continue
                if not isinstance(previous, ast.Import | ast.ImportFrom):
                    run_start = node.lineno
                marked = any(
                    "# lazy:" in lines[number - 1]
                    for number in (node.lineno, node.end_lineno, node.lineno - 1, run_start - 1)
                    if number >= 1
                )
                if not marked:
                    found.append(node.lineno)
    return sorted(set(found))


def test_every_function_level_import_says_why_it_is_lazy():
    missing = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.relative_to(PACKAGE).parts[0] in PENDING:
            continue
        missing += [f"{path.relative_to(PACKAGE.parent)}:{n}" for n in unexplained(path.read_text(encoding="utf-8"))]
    assert not missing, (
        "imports inside functions without a '# lazy: <why>' comment (move them to the top, "
        "or say why not):\n" + "\n".join(missing)
    )


def test_the_check_accepts_a_marked_run_and_refuses_an_unmarked_import():
    source = (
        "def f():\n    # lazy: rdflib is heavy\n    import rdflib\n    import json\n    x = 1\n"
        "    import csv\n\ndef g():\n    import os  # lazy: start-up\n"
    )
    assert unexplained(source) == [6]
