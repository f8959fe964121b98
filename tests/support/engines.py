"""Answers compared across engines, shared by the engine-agreement tests (tests/queries/test_engines.py) and the
Virtuoso ones (tests/scaleout): the library's cases (default parameters and each example's) and rows made
comparable (canonical terms, the parts of a GROUP_CONCAT column sorted, since their order is unspecified)."""

from __future__ import annotations

import ast
import shlex
from collections import Counter

import pytest
from rdflib import Literal

from minegraph.queries.library import load_query
from minegraph.querylang.terms import canonical
from minegraph.querylang.text import tokenize
from tests.support.paths import FIXTURE_QUERIES, ROOT


def group_concat_columns(text: str) -> dict[str, str]:
    """``{column: separator}`` for each ``(GROUP_CONCAT(... ; separator="s") AS ?column)`` of a query."""
    code = [t for t in tokenize(text) if t.kind not in ("ws", "comment")]
    columns = {}
    for i, token in enumerate(code):
        if token.word != "GROUP_CONCAT":
            continue
        depth, j, separator = 0, i + 1, " "
        while j < len(code):
            depth += {"(": 1, ")": -1}.get(code[j].text, 0)
            if depth == 1 and code[j].word == "SEPARATOR" and j + 2 < len(code) and code[j + 2].kind == "string":
                separator = ast.literal_eval(code[j + 2].text)
            if depth == 0:
                break
            j += 1
        if j + 2 < len(code) and code[j + 1].word == "AS" and code[j + 2].kind == "var":
            columns[code[j + 2].name] = separator
    return columns


def cases(paths) -> list:
    """``pytest.param(path, params)`` for each query: its defaults (when no parameter is required) and each example's."""
    found = []
    for path in paths:
        definition = load_query(path)
        settings = [{}] if all(not p.required for p in definition.params) else []
        settings += [example_params(e) for e in definition.examples]
        for index, params in enumerate(s for i, s in enumerate(settings) if s not in settings[:i]):
            found.append(pytest.param(path, params, id=f"{path.stem}-{index}"))
    return found


def example_params(example: str) -> dict[str, str]:
    """The ``name=value`` words of a documented example command line."""
    words = shlex.split(example)
    return dict(w.split("=", 1) for w in words if "=" in w and not w.startswith("-"))


LIBRARY_CASES = cases(sorted((ROOT / "queries").glob("*.rq")))
FIXTURE_CASES = cases(sorted((ROOT / "queries").glob("*.rq")) + sorted(FIXTURE_QUERIES.glob("*.rq")))


def comparable(definition, result) -> Counter:
    """Canonical rows, with the parts of each GROUP_CONCAT column sorted (their order is unspecified)."""
    separators = group_concat_columns(definition.text)
    rows = []
    for row in result.terms:
        cells = []
        for name in result.variables:
            term = canonical(row.get(name))
            if name in separators and isinstance(term, Literal) and not term.datatype:
                term = Literal(separators[name].join(sorted(str(term).split(separators[name]))), lang=term.language)
            cells.append(term)
        rows.append(tuple(cells))
    return Counter(rows) if not result.is_graph and result.form != "ASK" else result.canonical_rows()


def difference(expected: Counter, actual: Counter, names: list[str]) -> str:
    """The first rows each side holds and the other does not, for an assertion message."""

    def show(rows):
        return "\n".join(str({n: str(v) for n, v in zip(names, row) if v is not None}) for row in list(rows)[:3])

    return f"rows only in the reference:\n{show(expected - actual)}\nrows only in the other engine:\n{show(actual - expected)}"


def virtuoso_push_args(info: dict, project, graph: str, *extra: str) -> list[str]:
    """The command line of ``minegraph push --server virtuoso`` to the test instance ``info``, graph ``graph``."""
    return [
        "--project",
        str(project.root),
        "push",
        "--server",
        "virtuoso",
        "--endpoint",
        info["endpoint"],
        "--graph",
        graph,
        *extra,
    ]
