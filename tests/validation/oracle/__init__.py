"""The oracle of the engine-equality tests: every validation check written a second time, independently, in
Python over rdflib (the shipped definition is the SPARQL of minegraph.validation.checks). The tests compare
the two on the real graph and on every negative fixture.

A check is a function ``(CheckContext) -> Iterable[Problem]`` registered with :func:`check`.
Each module of this package holds the checks of one concern (anchors and hashes, references,
dates, treaty rules, sources); :func:`all_checks` imports them all.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from rdflib import Graph, URIRef

from minegraph.core.project import Project

#: Modules of this package that define checks.
MODULES = ("quotes", "references", "dates", "treaty", "owners", "sources")


@dataclass(frozen=True)
class Problem:
    """One finding of a check: the node, the property, and a message a person understands."""

    check: str
    message: str
    focus: URIRef | None = None
    path: URIRef | None = None
    severity: str = "Violation"  # "Violation" | "Warning" | "Info", as in SHACL


@dataclass
class CheckContext:
    """What checks read: the union graph (ontology + data) and the project (for archived files)."""

    graph: Graph
    project: Project
    data_graph: Graph | None = None  # the data alone, without the ontology (defaults to graph)
    extra: dict = field(default_factory=dict)

    @property
    def data(self) -> Graph:
        return self.data_graph if self.data_graph is not None else self.graph


CheckFunction = Callable[[CheckContext], Iterable[Problem]]
_REGISTRY: dict[str, CheckFunction] = {}


def check(name: str) -> Callable[[CheckFunction], CheckFunction]:
    """Register a check under a stable name (used in reports and to select checks)."""

    def decorate(function: CheckFunction) -> CheckFunction:
        if name in _REGISTRY and _REGISTRY[name] is not function:
            raise ValueError(f"two checks named {name!r}")
        _REGISTRY[name] = function
        return function

    return decorate


def all_checks() -> dict[str, CheckFunction]:
    """Every registered check by name, importing the check modules that exist."""
    for module in MODULES:
        try:
            importlib.import_module(f"{__name__}.{module}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{__name__}.{module}":
                raise
    return dict(sorted(_REGISTRY.items()))
