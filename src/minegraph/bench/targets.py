"""The operations the bench measures, each next to its baseline. With :mod:`.tasks` (trace, store,
whole processes) this is the only module of ``bench/`` that imports minegraph's query, store,
validation and network code, so when those move only these imports change.

Each function takes a project root and returns plain numbers (seconds, counts); the process
that calls it is fresh (see :mod:`.measure`).
"""

from __future__ import annotations

import datetime
import hashlib
import signal
import statistics
import time
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox
from rdflib import RDF, Graph, URIRef

from minegraph.analysis import measures
from minegraph.analysis.discourse.statements import Statements
from minegraph.analysis.discourse.windows import sequence
from minegraph.analysis.graphs import analyse
from minegraph.core.project import Project
from minegraph.core.rdf_io import load_graph
from minegraph.queries.library import load_query, query_files
from minegraph.queries.run import run_query
from minegraph.querylang.results import QueryResult
from minegraph.querylang.text import substitute
from minegraph.store.oxigraph import OxigraphStore, baseline_store
from minegraph.validation import ENGINES, validate

#: Values for required parameters (the others run with their defaults).
REQUIRED = {"state-history": {"state": "LVA"}}


class Timeout(Exception):
    """An operation ran past its cap."""


@contextmanager
def cap(seconds: float | None):
    """Interrupt pure-Python work (rdflib) after ``seconds`` with :class:`Timeout`."""
    if not seconds:
        yield
        return

    def expire(signum, frame):
        raise Timeout()

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def timed(function: Callable[[], object]) -> tuple[float, float, object]:
    """(wall seconds, CPU seconds, result) of one call."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = function()
    return time.perf_counter() - wall, time.process_time() - cpu, result


def project(root: Path) -> Project:
    return Project(Path(root).resolve())


def rdf_files(root: Path) -> list[Path]:
    return project(root).all_rdf_files()


def raw_store(root: Path) -> ox.Store:
    """pyoxigraph alone: ``bulk_load`` of every file (the baseline of minegraph's load)."""
    return baseline_store(rdf_files(root))


def project_store(root: Path) -> OxigraphStore:
    """minegraph's embedded store, in memory (syntax errors reported by file and line)."""
    return OxigraphStore.memory(rdf_files(root))


def rdflib_graph(root: Path):
    return load_graph(rdf_files(root))


def library(root: Path) -> list[Path]:
    """Every library query file (``queries/*.rq``), in name order."""
    return query_files(project(root))


def bound_query(path: Path) -> tuple[str, dict, str]:
    """(name, parameters, SPARQL text with the parameters bound) of a query file, defaults used."""
    definition = load_query(Path(path))
    params = REQUIRED.get(definition.name, {})
    return definition.name, params, substitute(definition.text, definition.bind(params))


def library_call(root: Path, store: OxigraphStore, path: Path, params: dict) -> Callable[[], QueryResult]:
    """One query through minegraph's ``run_query`` as a user calls it (by name for a library query,
    else by path; the project opened once): its result holds every cell the engine gave, as
    Oxigraph terms until ``.rows`` or ``.terms`` asks for Python values or rdflib terms."""
    where = project(root)
    name = path.stem if path.parent.resolve() == where.queries_dir.resolve() else str(path)
    return lambda: run_query(name, params, store=store, project=where)


class Cells(list):
    """Rows as ``run_query`` keeps them: one tuple of the engine's terms per solution, plus the variables."""

    variables: list[str] = []


def run_raw(store: ox.Store, text: str) -> list:
    """The same SPARQL on raw pyoxigraph, materialised as ``run_query`` materialises it (one tuple of
    Oxigraph terms per solution, no look-up by name), so the ratio measures minegraph's own work."""
    answer = store.query(text)
    if isinstance(answer, ox.QuerySolutions):
        rows = Cells(tuple(solution) for solution in answer)
        rows.variables = [v.value for v in answer.variables]
        return rows
    if isinstance(answer, ox.QueryBoolean):
        return [bool(answer)]
    return [(t.subject, t.predicate, t.object) for t in answer]


def run_rdflib(graph, text: str) -> list:
    """The same SPARQL on rdflib's engine, every row read."""
    return list(graph.query(text))


def digest(rows: list | QueryResult) -> str:
    """A fingerprint of rows independent of row order and of the order inside space-separated lists
    (GROUP_CONCAT's order is the engine's), to tell whether two queries answer the same."""
    if isinstance(rows, QueryResult):
        rows = (
            [" ".join(t.n3() for t in triple) for triple in rows.triples]
            if rows.is_graph
            else [rows.boolean]
            if rows.form == "ASK"
            else rows.terms
        )

    def cell(value) -> str:
        text = value.value if isinstance(value, (ox.NamedNode, ox.BlankNode, ox.Literal)) else str(value)
        return " ".join(sorted(text.split(" ")))

    if isinstance(rows, Cells):
        rows = [dict(zip(rows.variables, row)) for row in rows]
    lines = sorted(
        "\t".join(f"{k}={cell(v)}" for k, v in sorted(row.items()) if v is not None)
        if isinstance(row, dict)
        else " ".join(map(str, row))
        if isinstance(row, tuple)
        else str(row)
        for row in rows
    )
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()[:16]


def repeat(function: Callable[[], object], runs: int, budget: float | None = None) -> dict:
    """First run, then up to ``runs`` more (fewer if ``budget`` seconds are spent): first, p50, p95."""
    first, _, answer = timed(function)
    times, spent = [], first
    for _ in range(runs):
        if budget is not None and spent > budget:
            break
        wall, _, _ = timed(function)
        times.append(wall)
        spent += wall
    times = times or [first]
    ordered = sorted(times)
    return {
        "first": first,
        "p50": statistics.median(ordered),
        "p95": ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))],
        "runs": len(times),
        "rows": len(answer),
        "digest": digest(answer),
    }


def alternate(sides: dict[str, Callable[[], object]], runs: int, budget: float) -> dict[str, dict]:
    """p50 and best wall time of each side, the sides run in turn (one warm-up round first) up to
    ``runs`` rounds or until ``budget`` seconds are spent (the best is the least disturbed by a
    shared machine)."""
    for call in sides.values():
        call()
    times: dict[str, list[float]] = {name: [] for name in sides}
    spent = 0.0
    for _ in range(runs):
        for name, call in sides.items():
            wall, _, _ = timed(call)
            times[name].append(wall)
            spent += wall
        if spent > budget:
            break
    return {
        name: {"p50": statistics.median(values), "best": min(values), "runs": len(values)}
        for name, values in times.items()
    }


def run_validation(root: Path, engine: str) -> dict:
    """One validation of the project with ``engine``: minegraph's (``sparql``, ``pyshacl``: shapes and checks),
    or the shapes alone on ``pyshacl-alone`` or ``pyrudof`` (the ``bench`` extra); ``missing`` when not installed."""
    if engine in ENGINES:
        report = validate(project(root), engine=engine)
        return {"conforms": report.conforms, "counts": report.counts(), "triples": report.triples}
    if engine == "pyshacl-alone":
        return _pyshacl_alone(root)
    if engine == "pyrudof":
        return _pyrudof_alone(root)
    raise ValueError(f"unknown validator {engine!r}")


def _pyshacl_alone(root: Path) -> dict:
    """pySHACL on ontology + data in one rdflib graph, shapes only, as minegraph's reference engine calls it."""
    # lazy: pySHACL, only on this path
    from minegraph.validation.pyshacl import shacl_report

    data, shapes = rdflib_graph(root), Graph().parse(project(root).shapes_file)
    conforms, results = shacl_report(data, shapes)
    found = set(results.subjects(RDF.type, URIRef("http://www.w3.org/ns/shacl#ValidationResult")))
    return {"conforms": conforms, "findings": len(found), "triples": len(data)}


def _pyrudof_alone(root: Path) -> dict:
    """rudof's SHACL engine on the same files and shapes. It compares an xsd:nonNegativeInteger value with
    an xsd:integer bound as different types, so it reports violations pySHACL and minegraph do not."""
    try:  # lazy: pyrudof is optional (the bench extra)
        import pyrudof
    except ImportError:
        return {"missing": "not installed"}
    rudof = pyrudof.Rudof(pyrudof.RudofConfig())
    for path in rdf_files(root):
        rudof.read_data(str(path), merge=True)
    rudof.read_shacl(str(project(root).shapes_file))
    return {"findings": len(rudof.validate_shacl())}


def exact_betweenness() -> None:
    """Make this process compute betweenness exactly at any size (the analysis samples large graphs)."""
    measures.EXACT_BETWEENNESS_NODES = 1 << 62


def run_network(root: Path, store: OxigraphStore) -> dict:
    analysis = analyse(store, project(root))
    return {"counts": analysis.counts()}


#: The window sequence the bench times: 30-day windows every 7 days across 2025, actors as persons.
WINDOWS = {"size": "30d", "step": "7d", "year": 2025}


def run_windows(root: Path, store: OxigraphStore) -> dict:
    """The discourse statements read from the store, then the full window sequence (networks, polarisation,
    camps, stability) over 2025: what ``minegraph network --window 30d --step 7d`` computes."""
    year = WINDOWS["year"]
    statements = Statements.from_store(store, project(root))
    windows = sequence(
        statements, WINDOWS["size"], WINDOWS["step"], start=datetime.date(year, 1, 1), end=datetime.date(year, 12, 31)
    ).windows
    return {
        "coded": len(statements.coded),
        "windows": len(windows),
        "actors": len(windows[0].congruence.rows) if windows else 0,
        "exact": all(w.polarisation.exact for w in windows),
    }
