"""The build's parts, registered with :func:`part` naming the file each writes in ``graph/``.

A part is a function ``(BuildContext) -> rdflib.Graph``; the modules of
:mod:`minegraph.assemble.parts` register theirs on import, as validation checks do. Parts run in
``order``; the curated sources (one part per ``curation/sources/*.toml``) come after them.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass

from rdflib import Graph

#: Modules of :mod:`minegraph.assemble.parts` that define parts.
MODULES = ("convention", "states", "withdrawals", "actors", "landmine_monitor")


@dataclass(frozen=True)
class Part:
    """One registered part: the file it writes, its rank in the build, the function."""

    output: str
    order: int
    function: Callable[..., Graph]


_REGISTRY: dict[str, Part] = {}


def part(output: str, order: int) -> Callable:
    """Register a part that writes ``graph/<output>``; ``order`` ranks it (the source registry is shared)."""

    def decorate(function):
        known = _REGISTRY.get(output)
        if known is not None and known.function is not function:
            raise ValueError(f"two parts write {output!r}")
        _REGISTRY[output] = Part(output, order, function)
        return function

    return decorate


def all_parts() -> list[Part]:
    """Every registered part, in build order."""
    for module in MODULES:
        importlib.import_module(f"minegraph.assemble.parts.{module}")
    return sorted(_REGISTRY.values(), key=lambda p: (p.order, p.output))
