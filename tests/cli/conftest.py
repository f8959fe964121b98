"""Fixtures of the bad-input matrix: one copy of the real project (ontology/, graph/, queries/ as the
query-layer tests copy them, plus curation/) with its store built, copied again for every case."""

from __future__ import annotations

import shutil

import pytest

from minegraph.core.project import Project
from tests.support.paths import ROOT
from tests.support.stores import copy_project


@pytest.fixture(scope="session")
def template_project(tmp_path_factory) -> Project:
    """The real project (with curation/) and its persisted store, built once; never changed by a case."""
    from minegraph.store import open_store

    root = tmp_path_factory.mktemp("matrix-template") / "project"
    project = copy_project(root, ROOT / "graph", sorted((ROOT / "queries").glob("*.rq")))
    shutil.copytree(ROOT / "curation", root / "curation")
    open_store(project).close()
    return project


@pytest.fixture
def case_project(template_project, tmp_path) -> Project:
    """A fresh copy of the template for one case to break (symlinks kept as links)."""
    from minegraph.store import open_store

    root = tmp_path / "project"
    shutil.copytree(template_project.root, root, symlinks=True)
    project = Project(root)
    open_store(project).close()  # the copy's new inodes and times are recorded now, not during the case
    return project
