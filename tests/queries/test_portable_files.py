"""Every library ``.rq`` file runs as it is on any SPARQL 1.1 server and gives its documented default answer:
the raw text (its defaults in a ``VALUES`` block) answers as ``minegraph query NAME`` does with no --param,
on the embedded store and on the Oxigraph server; and each ``VALUES`` default is the header's ``default=``."""

from __future__ import annotations

from pathlib import Path

import pytest

from minegraph.queries.library import load_query
from minegraph.queries.run import execute
from minegraph.querylang.terms import to_sparql
from minegraph.querylang.text import substitute
from tests.support.engines import comparable, difference

ROOT = Path(__file__).resolve().parents[2]
LIBRARY = sorted((ROOT / "queries").glob("*.rq"))


def _raw_and_bound(path: Path, store):
    definition = load_query(path)
    raw = store.query(definition.text, {}, source=str(path))
    bound = execute(definition, {}, store)
    return definition, raw, bound


@pytest.mark.parametrize("path", LIBRARY, ids=lambda p: p.stem)
def test_the_raw_file_gives_the_default_answer_on_the_embedded_store(path, real_stores):
    definition, raw, bound = _raw_and_bound(path, real_stores["oxigraph"])
    assert raw.variables == bound.variables
    mine, theirs = comparable(definition, bound), comparable(definition, raw)
    assert mine == theirs, difference(mine, theirs, bound.variables)
    if definition.params:
        assert len(raw) > 0, "the default answer of a parametrised query should not be empty"


@pytest.mark.server
@pytest.mark.parametrize("path", LIBRARY, ids=lambda p: p.stem)
def test_the_raw_file_gives_the_default_answer_on_the_oxigraph_server(path, real_stores, server_stores):
    definition = load_query(path)
    bound = execute(definition, {}, real_stores["oxigraph"])
    raw = server_stores["real"].query(definition.text, {}, source=str(path))
    mine, theirs = comparable(definition, bound), comparable(definition, raw)
    assert mine == theirs, difference(mine, theirs, bound.variables)


@pytest.mark.parametrize("path", [p for p in LIBRARY if load_query(p).params], ids=lambda p: p.stem)
def test_the_values_defaults_are_the_header_defaults(path):
    definition = load_query(path)
    defaults = {p.name: to_sparql(p.term(p.default)) for p in definition.params}
    assert all(p.default is not None for p in definition.params), "a portable file needs a default for each parameter"
    bound = substitute(definition.text, {p.name: p.term(p.default) for p in definition.params})
    assert not any(f"VALUES ?{n} " in bound for n in defaults), "binding removes the defaults block"
    for name, term in defaults.items():
        assert term in definition.text, f"the VALUES block does not hold the default of ?{name} ({term})"
