"""``minegraph run`` validates only what changed: after a conforming validation the same inputs are
skipped (saying when they were validated), a changed graph file, shape or archived text is validated
again, ``--revalidate`` forces it, and a graph that does not conform is never recorded."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from minegraph.cli.run import validation_step
from minegraph.core.project import Project
from minegraph.validation.record import RECORD, recorded

ROOT = Path(__file__).resolve().parents[2]
BROKEN = '\n<https://w3id.org/minegraph/id/state/LVA> <https://w3id.org/minegraph/ontology#iso3166Alpha3> "LVX" .\n'


@pytest.fixture
def project(tmp_path) -> Project:
    for folder in ("ontology", "graph", "curation/reference"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    return Project(tmp_path)


def step(project, capsys, **options) -> tuple[bool, str]:
    conforms = validation_step(project, **options)
    return conforms, capsys.readouterr().out


def test_an_unchanged_graph_is_not_validated_twice(project, capsys):
    conforms, first = step(project, capsys)
    assert conforms and "the graph conforms" in first and "skipped" not in first
    record = recorded(project)
    assert record is not None
    conforms, second = step(project, capsys)
    assert conforms and "validation skipped" in second and record["validated"] in second
    assert "the graph conforms" in second  # the summary of the recorded run


def test_a_changed_graph_file_is_validated_again(project, capsys):
    step(project, capsys)
    graph_file = project.data_files()[0]
    graph_file.write_text(graph_file.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert recorded(project) is None
    conforms, out = step(project, capsys)
    assert conforms and "skipped" not in out and "the graph conforms" in out
    assert recorded(project) is not None  # the new inputs conform: recorded in turn


@pytest.mark.parametrize(
    "changed", ["ontology/shapes.ttl", "graph/sources/euronews-2025-04-10-anti-personnel-mines.txt"]
)
def test_a_changed_shape_or_archived_text_is_validated_again(project, capsys, changed):
    step(project, capsys)
    path = project.root / changed
    path.write_bytes(path.read_bytes() + b"\n")
    assert recorded(project) is None


def test_revalidate_forces_a_validation(project, capsys):
    step(project, capsys)
    conforms, out = step(project, capsys, revalidate=True)
    assert conforms and "skipped" not in out and "the graph conforms" in out


def test_a_graph_that_does_not_conform_is_never_recorded(project, capsys):
    with (project.data_files()[0]).open("a", encoding="utf-8") as handle:
        handle.write(BROKEN)
    conforms, out = step(project, capsys)
    assert not conforms and "does NOT conform" in out
    assert not (project.store_dir / RECORD).exists()
    conforms, out = step(project, capsys)
    assert not conforms and "skipped" not in out  # validated again, failing again
