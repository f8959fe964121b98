"""Every library query answers on Virtuoso as on the embedded Oxigraph store: same columns, same
rows after the normalisation of the engine-agreement tests (tests/support/engines.py), with the
default parameters and those of each example, on the real graph and on the fixture graph.

The library itself is written portably (the rewrites Virtuoso 7.2 needed are folded into
``queries/*.rq``); what no rewrite can change is a strict expected failure, described in docs/scale-out.md.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from minegraph.queries.library import load_query
from minegraph.queries.run import execute
from tests.support import engines
from tests.support.paths import ROOT

#: Differences no rewrite of the query can remove (strict xfail: fails as soon as Virtuoso agrees).
#: Both come from parameter binding. A parameter in an aggregate query's SELECT clause is bound as
#: ``GROUP BY (term AS ?p)``; Virtuoso 7.2 returns that constant key with its type lost (xsd:date
#: as xsd:dateTime at midnight, an IRI as a plain literal) when it sorts the answer through a
#: temporary table, which it does on the real graph's answers (27-165 rows) and not on the fixture
#: graph's smaller ones; binding through ``GROUP BY ?p`` and ``VALUES ?p { term }`` instead gives
#: the right types on Virtuoso. And it returns every boolean constant as the integer 1 (VALUES
#: too); only ``STRDT("true", xsd:boolean)`` and booleans from the data keep their type. See
#: docs/scale-out.md.
CONSTANT_KEY = "Virtuoso 7.2 retypes a constant GROUP BY key in a sorted answer (docs/scale-out.md)"
DIFFERS_ON_REAL_GRAPH = {
    name: CONSTANT_KEY for name in ("consented-by-date", "in-force-on-date", "non-parties-on-date", "who-said-what")
}
DIFFERS_ON_FIXTURE_GRAPH = {
    "param-types": "Virtuoso 7.2 returns a boolean constant as the integer 1 (docs/scale-out.md)"
}


def on_virtuoso(path: Path) -> Path:
    """The text Virtuoso runs for a query: the library's own (every rewrite is folded into queries/)."""
    return path


def _mark(cases, differs: dict[str, str]):
    marked = []
    for case in cases:
        reason = differs.get(case.values[0].stem)
        marks = [pytest.mark.virtuoso] + ([pytest.mark.xfail(reason=reason, strict=True)] if reason else [])
        marked.append(pytest.param(*case.values, id=case.id, marks=marks))
    return marked


def _same_on_virtuoso(path: Path, params, oxigraph, virtuoso) -> None:
    original, portable = load_query(path), load_query(on_virtuoso(path))
    expected = execute(original, params, oxigraph)
    actual = execute(portable, params, virtuoso)
    assert actual.variables == expected.variables
    mine, theirs = engines.comparable(original, expected), engines.comparable(portable, actual)
    assert mine == theirs, engines.difference(mine, theirs, expected.variables)


@pytest.mark.parametrize("path, params", _mark(engines.LIBRARY_CASES, DIFFERS_ON_REAL_GRAPH))
def test_real_graph_same_answer_on_virtuoso(path, params, real_stores, virtuoso_stores):
    _same_on_virtuoso(path, params, real_stores["oxigraph"], virtuoso_stores["real"])


@pytest.mark.parametrize("path, params", _mark(engines.FIXTURE_CASES, DIFFERS_ON_FIXTURE_GRAPH))
def test_fixture_graph_same_answer_on_virtuoso(path, params, fixture_stores, virtuoso_stores):
    _same_on_virtuoso(path, params, fixture_stores["oxigraph"], virtuoso_stores["fixture"])


@pytest.mark.virtuoso
@pytest.mark.parametrize("path", sorted((ROOT / "queries").glob("*.rq")), ids=lambda p: p.stem)
def test_the_raw_library_file_gives_its_default_answer_on_virtuoso(path, real_stores, virtuoso_stores):
    """The file as it is (defaults in its VALUES blocks, nothing bound by minegraph) on Virtuoso answers as
    ``minegraph query NAME`` with no --param on the embedded store (queries/README.md: portable files)."""
    definition = load_query(path)
    expected = execute(definition, {}, real_stores["oxigraph"])
    actual = virtuoso_stores["real"].query(definition.text, {}, source=str(path))
    mine, theirs = engines.comparable(definition, expected), engines.comparable(definition, actual)
    assert mine == theirs, engines.difference(mine, theirs, expected.variables)
