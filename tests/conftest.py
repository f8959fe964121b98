"""Shared fixtures: the real project and its graph (loaded once per session), and a small project."""

from __future__ import annotations

import os
import shutil
from collections import Counter
from pathlib import Path

import pytest

from minegraph.core.project import Project
from tests.support.paths import FIXTURE_GRAPH, ROOT

#: The shared fixtures (tests/support), visible to every folder.
pytest_plugins = ["tests.support.collection", "tests.support.stores", "tests.support.snapshot", "tests.support.membership"]


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


# --------------------------------------------------------------------------- no test writes outside its tmp_path

#: Audit events that change the file system: the argument positions of each path touched and of its
#: ``dir_fd`` (None: the path is absolute or relative to the working folder).
_CHANGES = {"os.rename": ((0, 2), (1, 3)), "os.remove": ((0, 1),), "os.rmdir": ((0, 1),), "os.mkdir": ((0, 2),),
            "os.symlink": ((1, 2),), "os.link": ((1, 3),), "os.truncate": ((0, None),), "os.chmod": ((0, 2),),
            "os.chown": ((0, 3),), "shutil.rmtree": ((0, 1),)}
_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND


class WriteAudit:
    """A ``sys.addaudithook`` hook refusing (PermissionError) and recording every write, rename, removal or
    new folder outside the allowed roots: pytest's base temporary folder (every tmp_path; TMPDIR points
    there too), its cache (and the ``pytest-cache-files-*`` folders it renames into place), Hypothesis's
    example database and ``__pycache__`` folders. Opening
    ``os.devnull`` as a sink (``subprocess.DEVNULL``) is allowed: it writes nothing and replaces nothing."""

    def __init__(self, roots: list[Path], prefixes: list[Path]):
        self.roots = [str(Path(r).resolve()) for r in roots]
        self.prefixes = tuple(str(Path(p).resolve()) for p in prefixes)
        self.violations: list[str] = []

    def allowed(self, path) -> bool:
        text = os.path.abspath(os.fsdecode(path))
        real = os.path.join(os.path.realpath(os.path.dirname(text)), os.path.basename(text))
        return all(any(p == root or p.startswith(root + os.sep) for root in self.roots)
                   or p.startswith(self.prefixes) or f"{os.sep}__pycache__{os.sep}" in p for p in {text, real})

    def __call__(self, event: str, args: tuple) -> None:
        if event == "open":
            path, _, flags = args
            writing = bool((flags or 0) & _WRITE_FLAGS) and isinstance(path, (str, bytes, os.PathLike))
            sink = writing and os.fsdecode(path) == os.devnull and not flags & (os.O_CREAT | os.O_TRUNC)
            targets = [path] if writing and not sink else []
        elif event in _CHANGES:
            targets = [_at(args[i], None if fd is None else args[fd]) for i, fd in _CHANGES[event]
                       if isinstance(args[i], (str, bytes, os.PathLike))]
        else:
            return
        for path in targets:
            if not self.allowed(path):
                self.violations.append(f"{event} {os.fsdecode(path)}")
                raise PermissionError(f"a test may write only inside its tmp_path, not {os.fsdecode(path)} ({event})")


def _at(path, dir_fd) -> str:
    """``path`` as an absolute path when it is relative to an open folder (``dir_fd``, as shutil.rmtree uses)."""
    path = os.fsdecode(path)
    if isinstance(dir_fd, int) and dir_fd >= 0 and not os.path.isabs(path):
        return os.path.join(os.readlink(f"/proc/self/fd/{dir_fd}"), path)
    return path


_AUDIT: list[WriteAudit] = []


@pytest.hookimpl(trylast=True)  # after the tmpdir plugin has its factory
def pytest_configure(config):
    """Point every temporary and cache folder the suite's libraries use into pytest's base temporary
    folder, then install the write audit, before collection (matplotlib makes its config folder on import)."""
    import sys
    import tempfile

    base = config._tmp_path_factory.getbasetemp()
    folders = {"TMPDIR": "tmp", "MINEGRAPH_FAST_SCRATCH": "shm", "MPLCONFIGDIR": "matplotlib", "XDG_CACHE_HOME": "cache"}
    for variable, name in folders.items():
        (base / name).mkdir(exist_ok=True)
        os.environ[variable] = str(base / name)  # here and in the children tests start
    tempfile.tempdir = os.environ["TMPDIR"]
    try:
        cache = config.rootpath / config.getini("cache_dir")
    except ValueError:  # -p no:cacheprovider
        cache = config.rootpath / ".pytest_cache"
    _AUDIT.append(WriteAudit([base, cache, config.rootpath / ".hypothesis"], [config.rootpath / "pytest-cache-files-"]))
    sys.addaudithook(_AUDIT[-1])


@pytest.fixture(scope="session")
def write_audit() -> WriteAudit:
    """The process's write audit (installed at configure time; audit hooks cannot be removed)."""
    return _AUDIT[-1]


@pytest.fixture(autouse=True)
def _writes_stay_in_tmp_path(write_audit):
    """Every test fails if it (or its fixtures) tried to write outside the allowed roots, even when the
    code under test caught the PermissionError."""
    seen = len(write_audit.violations)
    yield
    assert write_audit.violations[seen:] == [], "a test wrote outside its tmp_path"
