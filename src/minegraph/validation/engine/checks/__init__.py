"""The checks SHACL cannot express, as SPARQL over the same Oxigraph store plus one read of each
archived text: each ``.rq`` file of this folder answers one question, the Python around it only reads
files and words the messages. ``run_checks(store, graph_dir)`` returns what minegraph.checks returns."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from concurrent.futures import Executor
from pathlib import Path

import pyoxigraph as ox

from .base import REGISTRY, CheckFinding, Context, check, query_text, text  # noqa: F401 (the public names)


def known() -> list[str]:
    """The names of every check (importing the modules registers them)."""
    from . import anchors, graph, owners, stance, treaty  # noqa: F401  (they register their checks)

    return sorted(REGISTRY)


#: The checks with the most work of their own (whole-graph scans, joins over every act), started first so
#: that no worker is left running one of them alone at the end of a run.
FIRST = ("treaty-dates-in-order", "references", "treaty-article-17", "anchors", "treaty-act-sequence")
#: Checks that reuse what another computes (terms: references' scan; archives and cues: anchors' reads),
#: started last so that they find it ready instead of holding a worker while they wait for it.
LAST = ("terms", "archives", "cues")


def check_tasks(store: ox.Store, graph_dir: Path, *, ontology_files: Iterable[Path] = (),
                names: Iterable[str] | None = None, shared: dict | None = None) -> list[tuple[str, Callable]]:
    """(name, call) of the named checks (all by default), each call returning that check's findings; see
    :func:`run_checks` for the arguments. In the order given (``names``), else alphabetical."""
    everything = known()
    ontology = ox.Store()
    for path in map(Path, ontology_files):
        ontology.bulk_load(path=str(path), format=ox.RdfFormat.TURTLE, base_iri=path.resolve().as_uri())
    context = Context(store, Path(graph_dir), ontology, cache=dict(shared or {}))
    selected = everything if names is None else list(names)
    unknown = [n for n in selected if n not in REGISTRY]
    if unknown:
        raise ValueError(f"unknown check(s) {', '.join(unknown)}; known checks: {', '.join(sorted(REGISTRY))}")
    return [(name, lambda name=name: list(REGISTRY[name](context))) for name in selected]


def in_run_order(tasks: list[tuple[str, Callable]]) -> tuple[list[Callable], list[Callable]]:
    """The calls of :func:`check_tasks`'s tasks as (to start before anything else, to start after it): the
    :data:`FIRST` checks in that order and then the rest, and apart the :data:`LAST` ones."""
    early = sorted((task for task in tasks if task[0] not in LAST),
                   key=lambda task: FIRST.index(task[0]) if task[0] in FIRST else len(FIRST))
    return [call for _, call in early], [call for name, call in tasks if name in LAST]


def run_checks(store: ox.Store, graph_dir: Path, *, ontology_files: Iterable[Path] = (),
               names: Iterable[str] | None = None, pool: Executor | None = None,
               shared: dict | None = None) -> list[CheckFinding]:
    """Run the named checks (all by default) over ``store``; archived texts are read under ``graph_dir``.
    ``ontology_files`` are the files of the store that are not data (their triples are not checked).
    With ``pool`` the checks run side by side (Oxigraph evaluates queries without holding the GIL).
    ``shared``: values the checks share (``Context.shared``) computed beforehand, e.g. while the store loaded."""
    tasks = check_tasks(store, graph_dir, ontology_files=ontology_files, names=names, shared=shared)
    found = (pool.map if pool else map)(lambda task: task[1](), tasks)
    return sorted((f for findings in found for f in findings), key=CheckFinding.sort_key)
