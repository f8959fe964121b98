"""The synthetic generator at about 10^4 triples: deterministic, the size asked for, valid against
the shapes and checks, copy 0 equal to the real graph, and every query's answer growing with copies."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest

from minegraph.bench.synth import SynthError, main, synthesize
from minegraph.core.project import Project
from minegraph.queries.library import load_query, query_files
from minegraph.queries.run import execute
from minegraph.store.oxigraph import OxigraphStore
from minegraph.validation import validate

ROOT = Path(__file__).resolve().parents[2]
#: Queries about one fixed node (a state, a statement): their answer does not grow with copies.
FIXED = {"state-history", "statement-provenance"}
#: Queries that aggregate into a fixed set of rows: their values grow, not their row count.
AGGREGATES = {"dataset-summary", "membership-summary"}
REQUIRED = {"state-history": {"state": "LVA"}}


def triples_of(directory: Path) -> set[ox.Triple]:
    return {
        q.triple
        for path in sorted((directory / "graph").glob("*.ttl"))
        for q in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE)
    }


def files_of(directory: Path) -> dict[str, bytes]:
    return {str(p.relative_to(directory)): p.read_bytes() for p in sorted(directory.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> Path:
    """About 10^4 triples: one copy, the real graph itself."""
    out = tmp_path_factory.mktemp("synth") / "small"
    synthesize(ROOT, out, triples=10_000, seed=7, progress=False)
    return out


@pytest.fixture(scope="module")
def two_copies(tmp_path_factory) -> Path:
    """Two copies plus Zipf-skewed extra statements."""
    out = tmp_path_factory.mktemp("synth") / "two"
    manifest = synthesize(ROOT, out, triples=60_000, seed=7, progress=False, copies=2)
    assert manifest.copies == 2 and manifest.extras > 0
    return out


def test_same_seed_gives_identical_bytes(small, tmp_path):
    synthesize(ROOT, tmp_path / "again", triples=10_000, seed=7, progress=False)
    assert files_of(tmp_path / "again") == files_of(small)


def test_another_seed_draws_other_extras(two_copies, tmp_path):
    synthesize(ROOT, tmp_path / "other", triples=60_000, seed=8, progress=False, copies=2)
    assert files_of(tmp_path / "other") != files_of(two_copies)


@pytest.mark.parametrize("target", [20_000, 30_000])  # one copy of the real graph is ~19k triples: the floor
def test_triple_count_within_ten_percent(target, tmp_path):
    manifest = synthesize(ROOT, tmp_path / "out", triples=target, seed=1, progress=False)
    counted = len(triples_of(tmp_path / "out"))
    assert counted == manifest.triples
    assert abs(counted - target) <= 0.1 * target


def test_copy_zero_is_the_real_graph(small):
    assert triples_of(small) == triples_of(ROOT)


def test_two_copies_and_extras_validate(two_copies):
    """With ``minegraph validate``'s engine (SPARQL; pySHACL is over ten times slower here): that both engines report
    the same is proved on the real graph and every negative fixture (tests/validation/sparql)."""
    report = validate(Project(two_copies.resolve()))
    violations = [f for f in report.findings if f.severity == "Violation"]
    assert violations == []
    # the only other finding: no curation/reference in a synthetic project, so the counts are not compared
    assert {f.source for f in report.findings} <= {"check treaty-reference-counts"}


def _answers(directory: Path) -> dict[str, list]:
    project = Project(directory.resolve())
    store = OxigraphStore.memory(project.all_rdf_files())
    answers = {}
    for path in query_files(project):
        definition = load_query(path)
        answers[definition.name] = execute(definition, REQUIRED.get(definition.name), store).terms
    return answers


def test_every_query_answer_grows_with_copies(small, two_copies):
    one, two = _answers(small), _answers(two_copies)
    assert one.keys() == two.keys() and len(one) >= 20
    for name in one:
        if name in FIXED:
            assert len(two[name]) == len(one[name]), name
        elif name in AGGREGATES:
            assert two[name] != one[name], name
        else:
            assert len(two[name]) > len(one[name]) > 0, name


def test_refuses_to_overwrite_a_directory_it_did_not_write(tmp_path):
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("keep me")
    with pytest.raises(SynthError, match="not a synthetic project"):
        synthesize(ROOT, tmp_path / "mine", triples=10_000, progress=False)
    assert (tmp_path / "mine" / "notes.txt").read_text() == "keep me"


def test_command_line(tmp_path, capsys):
    assert (
        main(
            ["--triples", "10000", "--seed", "2", "--output", str(tmp_path / "cli"), "--project", str(ROOT), "--quiet"]
        )
        == 0
    )
    assert "triples (1 copies" in capsys.readouterr().out
    assert main(["--output", str(tmp_path / "x"), "--project", str(tmp_path / "nowhere"), "--quiet"]) == 2
    assert "not a minegraph project" in capsys.readouterr().err


def test_reported_positions_are_spread_over_a_year_and_read_as_reported(two_copies):
    from minegraph.analysis.discourse.statements import Statements

    manifest = json.loads((two_copies / "synth.json").read_text())
    store = OxigraphStore.memory(Project(two_copies.resolve()).all_rdf_files())
    reported = [c for c in Statements.from_store(store).coded if "/synth-reported-" in c.statement]
    assert len({c.statement for c in reported}) == manifest["reported"] > 0
    assert {c.evidence for c in reported} == {"reported-position"} and {c.stance for c in reported} <= {
        "support",
        "oppose",
    }
    months = {c.date.month for c in reported if c.date.year == 2025}
    assert len(months) >= 6  # dates drawn across 2025, not on the few days of the real statements


@pytest.mark.parametrize("triples", [-5, 0, 10**12, True])
def test_a_triple_count_out_of_bounds_is_refused_before_any_work(tmp_path, triples):
    with pytest.raises(SynthError, match="--triples must be a whole number from 1 to 100,000,000"):
        synthesize(ROOT, tmp_path / "out", triples=triples, progress=False)
    assert list(tmp_path.iterdir()) == []


def test_a_killed_run_leaves_nothing_the_next_run_keeps(tmp_path):
    """A killed run's work folder (its process gone) is removed by the next run; a running one's is kept."""
    import subprocess
    import sys

    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    killed = tmp_path / f".out.synth-{int(gone.stdout)}-abc"
    running = tmp_path / f".out.synth-{__import__('os').getpid()}-def"
    for folder in (killed, running):
        (folder / "graph").mkdir(parents=True)
    synthesize(ROOT, tmp_path / "out", triples=10_000, progress=False)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["out", running.name])
