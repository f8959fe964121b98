"""Fixtures of the query layer, shared by the queries, querylang, store, cli and scaleout tests: the real
project and a small fixture project copied once, stores on every engine, and a real Oxigraph server
(``oxigraph serve``) holding the real graph (default graph) and the fixture graph (a named graph),
started once per session and always stopped."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from minegraph.bench.loadserver import free_port
from minegraph.core.project import Project
from tests.support.paths import FIXTURES, ROOT

FIXTURE_GRAPH_IRI = "urn:minegraph:test:fixture"


def copy_project(root: Path, graph: Path, queries: list[Path]) -> Project:
    """A project at ``root``: the checkout's ontology/, the given graph folder and query files."""
    shutil.copytree(ROOT / "ontology", root / "ontology")
    shutil.copytree(graph, root / "graph")
    (root / "queries").mkdir()
    for path in queries:
        shutil.copy(path, root / "queries" / path.name)
    return Project(root)


@pytest.fixture(scope="session")
def real_project(tmp_path_factory) -> Project:
    """A snapshot of the real project (ontology/, graph/, queries/) taken once, so that every engine
    answers over the same files even while graph/ is being rebuilt."""
    return copy_project(
        tmp_path_factory.mktemp("real-project"), ROOT / "graph", sorted((ROOT / "queries").glob("*.rq"))
    )


@pytest.fixture(scope="session")
def fixture_project(tmp_path_factory) -> Project:
    """A project with the real ontology and queries, the fixture graph, and the fixture queries."""
    queries = sorted([*(ROOT / "queries").glob("*.rq"), *(FIXTURES / "queries").glob("*.rq")])
    return copy_project(tmp_path_factory.mktemp("fixture-project"), FIXTURES / "graph", queries)


@pytest.fixture(scope="session")
def fixture_stores(fixture_project):
    """The fixture graph on the embedded engines: {"oxigraph": ..., "rdflib": ...}."""
    from minegraph.store.memory import RdflibStore
    from minegraph.store.oxigraph import OxigraphStore

    files = fixture_project.all_rdf_files()
    return {"oxigraph": OxigraphStore.memory(files), "rdflib": RdflibStore.memory(files)}


@pytest.fixture(scope="session")
def real_stores(real_project):
    """The real graph (ontology/ + graph/) on the embedded engines."""
    from minegraph.store.memory import RdflibStore
    from minegraph.store.oxigraph import OxigraphStore

    files = real_project.all_rdf_files()
    return {"oxigraph": OxigraphStore.memory(files), "rdflib": RdflibStore.memory(files)}


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=1) as response:
            return response.status == 200
    except OSError:
        return False


def wait_until_serving(base: str, process: subprocess.Popen, what: str, seconds: float = 60) -> None:
    """Return once the SPARQL endpoint at ``base`` answers; fail the test if the process dies or stays silent."""
    deadline = time.monotonic() + seconds
    while not _answers(f"{base}/query?query=ASK%7B%7D"):
        if process.poll() is not None:
            pytest.fail(f"{what} exited with code {process.returncode}")
        if time.monotonic() > deadline:
            pytest.fail(f"{what} did not answer within {seconds:.0f} s")
        time.sleep(0.05)


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory):
    """Base URL of an ``oxigraph serve`` on 127.0.0.1 (binary from the ``oxigraph`` package)."""
    binary = Path(sys.executable).parent / "oxigraph"
    if not binary.exists():
        pytest.fail(f"{binary} is missing: install the test extra (make test installs minegraph[server])")
    port = free_port()
    location = tmp_path_factory.mktemp("oxigraph-server")
    log = open(location.parent / f"oxigraph-server-{port}.log", "wb")
    process = subprocess.Popen(
        [str(binary), "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_serving(base, process, f"oxigraph serve (log: {log.name})")
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


@pytest.fixture(scope="session")
def server_stores(oxigraph_server, real_project, fixture_project):
    """The server after ``minegraph push``: the real graph in the default graph, the fixture graph
    in a named graph. {"real": RemoteStore, "fixture": RemoteStore}."""
    from minegraph.cli import main

    endpoint = f"{oxigraph_server}/query"
    assert main(["--project", str(real_project.root), "push", "--endpoint", endpoint]) == 0
    assert (
        main(["--project", str(fixture_project.root), "push", "--endpoint", endpoint, "--graph", FIXTURE_GRAPH_IRI])
        == 0
    )
    from minegraph.store.remote import RemoteStore

    return {"real": RemoteStore(endpoint), "fixture": RemoteStore(endpoint, graph=FIXTURE_GRAPH_IRI)}
