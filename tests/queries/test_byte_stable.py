"""Every library query answers byte for byte the same on fresh stores: aggregates that concatenate
(GROUP_CONCAT) read an ordered subselect, since SPARQL leaves the order of a group's values open and
Oxigraph's varies between stores."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest

from minegraph.queries.library import load_query
from minegraph.queries.run import run_query
from minegraph.queries.writers import render
from minegraph.store.oxigraph import OxigraphStore

LIBRARY = sorted((Path(__file__).resolve().parents[2] / "queries").glob("*.rq"))


def _example_params(path: Path) -> dict[str, str]:
    """The parameters of the query's first documented example (defaults for the rest)."""
    examples = load_query(path).examples
    words = shlex.split(examples[0])[3:] if examples else []
    return dict(w.split("=", 1) for w in words if "=" in w and not w.startswith("-"))


@pytest.fixture(scope="module")
def answers(real_project):
    """Each library query's answer, rendered, on three stores loaded afresh."""
    runs = []
    for _ in range(3):
        store = OxigraphStore.memory(real_project.all_rdf_files())
        rendered = {}
        for path in LIBRARY:
            result = run_query(path.stem, _example_params(path), store=store, project=real_project)
            rendered[path.stem] = render(result, "csv" if result.form == "SELECT" else "nt")
        runs.append(rendered)
    return runs


@pytest.mark.parametrize("path", LIBRARY, ids=lambda p: p.stem)
def test_a_library_query_gives_the_same_bytes_on_fresh_stores(answers, path):
    first, *others = (run[path.stem] for run in answers)
    assert first and all(other == first for other in others)
