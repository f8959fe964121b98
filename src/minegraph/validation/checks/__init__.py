"""The validation checks SHACL cannot express, one definition each, run by both engines: a row of
``profile.tsv`` (name, severity, run order), a query ``NAME.rq`` (one row contract: ``?focus ?path ?value``
then what the wording needs) and a wording function (``@wording("NAME")``: the rows → findings, reading
archived texts or doing date arithmetic where SPARQL cannot). Adding a check is those three things.

Modules: ``context`` (what every wording reads, and ``@wording``), the wordings by subject: ``archived_texts``
(archives, quotes, cues), ``graph``, ``owners``, ``stance`` and ``treaty``."""

from __future__ import annotations

import csv
import dataclasses
from collections.abc import Callable, Iterable
from concurrent.futures import Executor
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pyoxigraph as ox

from minegraph.store.oxigraph import OxigraphStore
from minegraph.validation.findings import Finding

from .context import HERE, WORDINGS, Context, finding, query_text, text, wording  # noqa: F401 (the public names)

#: The row contract: the variables every check query projects first.
CONTRACT = ("focus", "path", "value")


@dataclass(frozen=True)
class Check:
    """One row of the profile: the check's name, the severity of its findings and when it starts."""

    name: str
    severity: str
    run: str  # "first", "last" or "-"
    over: str = "graph"  # or "files": the data files, one named graph each

    @property
    def query(self) -> str:
        return query_text(self.name)

    def findings(self, context: Context) -> list[Finding]:
        """Run the query, word its rows; every finding named for this check, with its severity."""
        rows = context.select(self.name, context.files_store() if self.over == "files" else None)
        return [
            dataclasses.replace(f, source=f"check {self.name}", severity=f.severity or self.severity)
            for f in wordings()[self.name](context, rows)
        ]


@cache
def profile() -> dict[str, Check]:
    """The checks of ``profile.tsv``, in its order."""
    with open(HERE / "profile.tsv", encoding="utf-8", newline="") as handle:
        rows = csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t")
        return {row["name"]: Check(row["name"], row["severity"], row["run"], row["over"]) for row in rows}


def wordings() -> dict[str, Callable]:
    """Every wording function by check name (importing the modules registers them)."""
    # Importing the wording modules registers their wordings.
    # lazy: they (and the reference tables treaty reads) load when checks run
    from . import archived_texts, graph, owners, stance, treaty  # noqa: F401

    return WORDINGS


def known() -> list[str]:
    """The names of every check, sorted."""
    return sorted(profile())


def make_context(
    store: ox.Store,
    graph_dir: Path,
    *,
    ontology_files: Iterable[Path] = (),
    data_files: Iterable[Path] = (),
    reference_dir: Path | None = None,
    shared: dict | None = None,
) -> Context:
    """The context of one run: ``ontology_files`` are the files of the store that are not data (their triples are
    not checked); ``data_files`` are read by the checks that need the files themselves (owners); ``shared``:
    values the checks share (``Context.shared``) computed beforehand."""
    ontology = OxigraphStore.memory(ontology_files).native
    return Context(
        store, Path(graph_dir), ontology, tuple(map(Path, data_files)), reference_dir, cache=dict(shared or {})
    )


def check_tasks(context: Context, names: Iterable[str] | None = None) -> list[tuple[str, Callable[[], list[Finding]]]]:
    """(name, call) of the named checks (all by default, in the profile's order), each call returning that
    check's findings; an unknown name is a ValueError."""
    checks = profile()
    selected = list(checks) if names is None else list(names)
    unknown = [n for n in selected if n not in checks]
    if unknown:
        raise ValueError(f"unknown check(s) {', '.join(unknown)}; known checks: {', '.join(known())}")
    return [(name, lambda check=checks[name]: check.findings(context)) for name in selected]


def in_run_order(tasks: list[tuple[str, Callable]]) -> tuple[list[Callable], list[Callable]]:
    """The calls of :func:`check_tasks`'s tasks as (to start before the shapes, to start after them): the
    profile's "first" checks in its order and then the rest, and apart its "last" ones."""
    checks, order = profile(), list(profile())
    first = [n for n in order if checks[n].run == "first"]
    early = sorted(
        (task for task in tasks if checks[task[0]].run != "last"),
        key=lambda task: first.index(task[0]) if task[0] in first else len(first),
    )
    return [call for _, call in early], [call for name, call in tasks if checks[name].run == "last"]


def sort_key(found: Finding) -> tuple:
    """The order of check findings within a run: by check, focus, property, message."""
    return (found.source, found.focus or "", found.path or "", found.message, found.severity)


def run_checks(context: Context, names: Iterable[str] | None = None, pool: Executor | None = None) -> list[Finding]:
    """Run the named checks (all by default) in ``context``; with ``pool`` side by side (Oxigraph evaluates
    queries without holding the GIL). Sorted by :func:`sort_key`."""
    found = (pool.map if pool else map)(lambda task: task[1](), check_tasks(context, names))
    return sorted((f for findings in found for f in findings), key=sort_key)
