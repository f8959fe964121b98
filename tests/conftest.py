"""Shared fixtures: the real project and its graph (loaded once per session), and a small project; the order
the tests are handed to pytest-xdist's workers; the plugins of tests/support (the write audit among them)."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest

from minegraph.core.project import Project
from tests.support.paths import FIXTURE_GRAPH, ROOT

#: The fixtures and hooks of tests/support every folder sees.
pytest_plugins = [
    "tests.support.write_audit",
    "tests.support.collection",
    "tests.support.stores",
    "tests.support.snapshot",
    "tests.support.membership",
]


@pytest.fixture(scope="session")
def project() -> Project:
    return Project(ROOT)


@pytest.fixture(scope="session")
def real_graph(project):
    """ontology/ + graph/ in one rdflib graph (read-only: do not modify)."""
    from minegraph.core.rdf_io import load_graph

    return load_graph(project.all_rdf_files())


@pytest.fixture
def small_project(tmp_path) -> Path:
    """A project of this test's own: ontology/ and queries/ of the checkout with the small fixture graph
    as graph/fixture.ttl (a release in about a second, a fifth of the real graph's), for the tests
    whose behaviour does not depend on the curation."""
    root = tmp_path / "project"
    for part in ("ontology", "queries"):
        shutil.copytree(ROOT / part, root / part)
    (root / "graph").mkdir()
    shutil.copy(FIXTURE_GRAPH, root / "graph" / "fixture.ttl")
    return root


#: The folders (under tests/) whose files share one worker: tests/validation (the engine-equality tests
#: reuse the session's pySHACL reports of the shape and check tests), tests/scaleout (one Virtuoso
#: instance) and tests/publish/export (one export of the real project, its session fixture, not one a worker).
SHARED = {"validation": "validation", "scaleout": "scaleout", "publish/export": "publish/export"}

#: The groups that take ten seconds or more on one core (``--durations=0``, December 2026), longest first.
#: They are handed to the workers first, then the others by their number of tests (pytest-xdist's own
#: order, which would leave these few-test groups for last): a long group started last keeps one worker
#: busy while the other has nothing left to do.
LONG_GROUPS = (
    "validation",
    "publish/export",
    "tests/core/test_faults.py",
    "tests/cli/test_bad_input_matrix.py",
    "tests/queries/test_engines.py",
    "scaleout",
    "tests/model/test_owl_consistency.py",
    "tests/publish/test_guards.py",
    "tests/packaging/test_wheel.py",
)


def group(nodeid: str) -> str:
    """The worker group of a test: its file, or the folder of SHARED it is in."""
    path = nodeid.split("::", 1)[0]
    return next((name for folder, name in SHARED.items() if path.startswith(f"tests/{folder}/")), path)


@pytest.hookimpl(optionalhook=True)  # the suite also runs without pytest-xdist (-p no:xdist)
def pytest_xdist_make_scheduler(config, log):
    """``make test`` runs on two pytest-xdist workers (``--dist loadgroup``), each group (see
    :func:`group`) on one worker, so its module and session fixtures are built once. The scheduler is
    xdist's by-scope one with our groups as scopes: xdist's own loadgroup reads ``xdist_group`` marks
    into the node ids, which pytest 9 no longer lets it change (every test became a group of its own)."""
    if config.getvalue("dist") != "loadgroup":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class ByGroup(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return group(nodeid)

    config.option.loadscopereorder = False  # the groups come in the order the workers collected them (below)
    return ByGroup(config, log)


def pytest_collection_modifyitems(config, items):
    """On a worker: the tests in the order their groups are handed out, LONG_GROUPS first, then the
    rest with the most tests first (a stable sort: a group's tests keep their order)."""
    if not hasattr(config, "workerinput"):
        return
    groups = {item.nodeid: group(item.nodeid) for item in items}
    sizes = Counter(groups.values())
    rank = {name: position for position, name in enumerate(LONG_GROUPS)}
    items.sort(key=lambda item: (rank.get(groups[item.nodeid], len(rank)), -sizes[groups[item.nodeid]]))
