"""What every SPARQL check shares: its finding, its context, the registry and the .rq texts."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pyoxigraph as ox

HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class CheckFinding:
    """One problem a check found: the node, the property, a message; severity as in SHACL."""

    check: str
    message: str
    focus: str | None = None
    path: str | None = None
    severity: str = "Violation"

    def sort_key(self) -> tuple:
        return (self.check, self.focus or "", self.path or "", self.message, self.severity)


@dataclass
class Context:
    """What the checks read: the store (ontology + data), graph/ (archived texts), the ontology's own triples."""

    store: ox.Store
    graph_dir: Path
    ontology: ox.Store
    cache: dict = field(default_factory=dict)
    _locks: dict = field(default_factory=dict, repr=False)
    _guard: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def shared(self, key: str, compute: Callable[[], object]):
        """``compute()`` once per run, however many checks (in however many threads) ask for ``key``."""
        with self._guard:
            lock = self._locks.setdefault(key, threading.Lock())
        with lock:
            if key not in self.cache:
                self.cache[key] = compute()
        return self.cache[key]

    def select(self, name: str, **bindings) -> list[ox.QuerySolution]:
        """Run ``name.rq`` with ``bindings`` (variable → RDF term) substituted."""
        substitutions = {ox.Variable(k): v for k, v in bindings.items()}
        return list(self.store.query(query_text(name), substitutions=substitutions or None))

    def is_ontology_triple(self, s, p, o) -> bool:
        return ox.Quad(s, p, o, ox.DefaultGraph()) in self.ontology


@cache
def query_text(name: str) -> str:
    return (HERE / f"{name}.rq").read_text("utf-8")


Check = Callable[[Context], Iterable[CheckFinding]]
REGISTRY: dict[str, Check] = {}


def check(name: str) -> Callable[[Check], Check]:
    def register(function: Check) -> Check:
        REGISTRY[name] = function
        return function

    return register


def text(node) -> str:
    return node.value if isinstance(node, ox.NamedNode | ox.Literal) else str(node)
