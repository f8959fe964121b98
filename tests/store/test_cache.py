"""The persisted Oxigraph store (.store/) is rebuilt when ontology/ or graph/ changes, and a corrupt
or unreadable store is detected — rebuilt, or reported — never silently used."""

from __future__ import annotations

import json
import os
import re
import shutil
import threading

import pytest

from minegraph.core.project import Project
from minegraph.errors import InputError, StoreError
from minegraph.store import persisted_store
from minegraph.store.cache import MANIFEST, default_location

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


@pytest.fixture
def project(fixture_project, tmp_path) -> Project:
    """A private copy of the fixture project (these tests change its files)."""
    root = tmp_path / "project"
    for part in ("ontology", "graph", "queries"):
        shutil.copytree(fixture_project.root / part, root / part)
    return Project(root)


def _open(project, **options):
    messages = []
    store = persisted_store(project, progress=lambda m: messages.append(str(m)), **options)
    return store, messages


def _count(store) -> int:
    return store.query(COUNT).rows[0]["n"]


def _manifest(project) -> dict:
    return json.loads((default_location(project) / MANIFEST).read_text(encoding="utf-8"))


def test_the_first_open_builds_the_store_and_the_next_one_reuses_it(project):
    store, messages = _open(project)
    assert messages[0] == f"store {default_location(project)} is missing: rebuilding"
    assert any(m.startswith("loading fixture.ttl") for m in messages)
    again, messages = _open(project)
    assert messages == []
    assert _count(again) == _count(store) > 0
    assert sorted(_manifest(project)["files"]) == [
        "graph/fixture.ttl",
        "ontology/concepts.ttl",
        "ontology/minegraph.ttl",
    ]


def test_a_changed_graph_file_triggers_a_rebuild_with_the_new_data(project):
    store, _ = _open(project)
    before = _count(store)
    with open(project.graph_dir / "fixture.ttl", "a", encoding="utf-8") as handle:
        handle.write("\n<urn:new:s> <urn:new:p> <urn:new:o> .\n")
    store, messages = _open(project)
    assert messages[0] == f"store {default_location(project)} is stale (changed: graph/fixture.ttl): rebuilding"
    assert _count(store) == before + 1
    assert len(list(default_location(project).glob("db-*"))) == 1  # the old database is gone


def test_an_added_or_removed_file_triggers_a_rebuild(project):
    _open(project)
    (project.graph_dir / "extra.ttl").write_text("<urn:x:s> <urn:x:p> <urn:x:o> .\n", encoding="utf-8")
    store, messages = _open(project)
    assert "stale (changed: graph/extra.ttl)" in messages[0]
    (project.graph_dir / "extra.ttl").unlink()
    store, messages = _open(project)
    assert "stale (changed: graph/extra.ttl)" in messages[0]


def test_a_touched_but_unchanged_file_does_not_trigger_a_rebuild(project):
    _open(project)
    path = project.graph_dir / "fixture.ttl"
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
    _, messages = _open(project)
    assert messages == []
    assert _manifest(project)["files"]["graph/fixture.ttl"]["mtime_ns"] == stat.st_mtime_ns + 10**9


def test_a_changed_file_is_the_only_input_hashed_again(project, monkeypatch):
    from minegraph.store import cache

    _open(project)
    hashed = []
    original = cache.sha256_file
    monkeypatch.setattr(cache, "sha256_file", lambda path: hashed.append(path) or original(path))
    with open(project.graph_dir / "fixture.ttl", "a", encoding="utf-8") as handle:
        handle.write("\n<urn:new:s> <urn:new:p> <urn:new:o> .\n")
    _open(project)
    inputs = [p for p in hashed if default_location(project) not in p.parents]
    assert inputs == [project.graph_dir / "fixture.ttl"]


def _database(project):
    return default_location(project) / _manifest(project)["database"]


@pytest.mark.parametrize("damage", ["current", "sst", "missing-sst"])
def test_a_corrupt_database_is_detected_and_rebuilt(project, damage):
    store, _ = _open(project)
    expected = _count(store)
    del store
    database = _database(project)
    if damage == "current":
        (database / "CURRENT").write_text("garbage\n")
    elif damage == "sst":
        for sst in database.glob("*.sst"):
            sst.write_bytes(sst.read_bytes()[: sst.stat().st_size // 2])
    else:
        for sst in database.glob("*.sst"):
            sst.unlink()
    store, messages = _open(project)
    assert messages[0].startswith(f"store {default_location(project)} is corrupt: ")
    assert re.search(r"database file \S+ was changed after the build|has other files than were built", messages[0])
    assert _count(store) == expected


def test_bytes_flipped_inside_the_store_with_the_mtime_restored_are_detected(project):
    store, _ = _open(project)
    expected = _count(store)
    del store
    sst = max(_database(project).glob("*.sst"), key=lambda p: p.stat().st_size)
    before = sst.stat()
    with open(sst, "r+b") as handle:
        handle.seek(before.st_size // 2)
        block = handle.read(4096)
        handle.seek(before.st_size // 2)
        handle.write(bytes(b ^ 0xFF for b in block))
    os.utime(sst, ns=(before.st_atime_ns, before.st_mtime_ns))
    store, messages = _open(project)
    assert messages and f"database file {sst.name} was changed after the build" in messages[0]
    assert _count(store) == expected


def test_a_same_size_edit_of_a_graph_file_with_its_mtime_restored_is_seen(project):
    _open(project)
    path = project.data_files()[0]
    before = path.stat()
    data = path.read_bytes()
    index = data.index(b'"') + 1  # the first letter of the first literal: flip its case
    path.write_bytes(data[:index] + bytes([data[index] ^ 0x20]) + data[index + 1 :])
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert (path.stat().st_size, path.stat().st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    _, messages = _open(project)
    assert messages and "is stale" in messages[0]


def test_a_corrupt_store_is_reported_when_rebuilding_is_not_allowed(project):
    _open(project)
    (_database(project) / "CURRENT").write_text("garbage\n")
    with pytest.raises(StoreError, match=r"is corrupt: database file CURRENT was changed after the build"):
        _open(project, rebuild=False)


def test_an_unreadable_manifest_is_detected_and_rebuilt(project):
    _open(project)
    (default_location(project) / MANIFEST).write_text("{ not json", encoding="utf-8")
    store, messages = _open(project)
    assert messages[0].startswith(
        f"store {default_location(project)} is corrupt: {default_location(project) / MANIFEST} is unreadable"
    )
    assert _count(store) > 0


def test_a_database_that_is_not_the_one_the_manifest_names_is_refused(project, tmp_path):
    _open(project)
    other = Project(tmp_path / "other")
    shutil.copytree(project.ontology_dir, other.ontology_dir)
    other.graph_dir.mkdir()
    (other.graph_dir / "fixture.ttl").write_text("<urn:a> <urn:b> <urn:c> .\n", encoding="utf-8")
    persisted_store(other)
    shutil.rmtree(_database(project))
    shutil.copytree(_database(other), _database(project))
    with pytest.raises(StoreError, match="has other files than were built|was changed after the build"):
        _open(project, rebuild=False)


@pytest.fixture(params=["one-ingest", "an-ingest-per-file"])
def load_way(request, monkeypatch) -> str:
    """Small inputs are loaded in one bulk_extend, larger ones with a bulk_load per file: each test
    using this runs both ways."""
    from minegraph.store import cache

    if request.param == "an-ingest-per-file":
        monkeypatch.setattr(cache, "_AT_ONCE_LIMIT", -1)
    return request.param


def test_a_store_holds_what_an_in_memory_load_holds_and_a_blank_node_label_stays_per_file(project, load_way):
    from rdflib.compare import isomorphic

    from minegraph.store.oxigraph import OxigraphStore

    for name in ("a", "b"):
        (project.graph_dir / f"blank-{name}.ttl").write_text(
            f'_:x <urn:t:p> "{name}" . [] <urn:t:q> _:x .\n', encoding="utf-8"
        )
    store, _ = _open(project)
    assert isomorphic(store.graph(), OxigraphStore.memory(project.all_rdf_files()).graph())
    assert store.query("SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x <urn:t:p> ?o }").rows[0]["n"] == 2
    again, messages = _open(project, rebuild=False)  # the stamp names the files it was built from
    assert messages == [] and _count(again) == _count(store)


def test_a_file_written_during_the_load_fails_the_build_even_when_it_is_hashed_after_the_write(
    project, monkeypatch, load_way
):
    from minegraph.store import cache

    written, original, loaded = threading.Event(), cache.fingerprint, []

    def hashed_late(project, previous=None):
        if previous is None:  # the thread hashing the inputs while they load: only after the write
            written.wait(10)
        return original(project, previous)

    def write_the_loaded_file(step):
        loaded.append(getattr(step, "path", None))
        if getattr(step, "index", None) == 2:  # the first file is read: change it
            with open(loaded[-2], "a", encoding="utf-8") as handle:
                handle.write("\n<urn:late:s> <urn:late:p> <urn:late:o> .\n")
            written.set()

    monkeypatch.setattr(cache, "fingerprint", hashed_late)
    with pytest.raises(StoreError, match="changed while the store was being built"):
        persisted_store(project, progress=write_the_loaded_file)
    store, messages = _open(project)
    assert "missing: rebuilding" in messages[0]
    assert store.query("ASK { <urn:late:s> <urn:late:p> <urn:late:o> }").boolean


def test_a_failed_build_keeps_the_previous_store_and_leaves_no_scratch_directory(project, load_way):
    store, _ = _open(project)
    expected = _count(store)
    manifest = _manifest(project)
    (project.graph_dir / "broken.ttl").write_text("<urn:a> <urn:b> .\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"broken\.ttl:1:\d+: "):
        _open(project)
    assert _manifest(project) == manifest
    assert list(default_location(project).glob("build-*")) == []
    (project.graph_dir / "broken.ttl").unlink()
    store, messages = _open(project)
    assert messages == [] and _count(store) == expected


@pytest.mark.parametrize("scratch", ["in-memory", "missing", "too-small"])
def test_a_store_built_in_the_memory_scratch_or_in_place_holds_the_same_data_and_leaves_nothing_there(
    project, tmp_path, monkeypatch, scratch
):
    from minegraph.store import cache

    place = tmp_path / "shm"
    if scratch != "missing":
        place.mkdir()
    monkeypatch.setattr(cache, "_FAST_SCRATCH", place)
    if scratch == "too-small":
        monkeypatch.setattr(cache, "_FAST_LIMIT", 0)
    expected = _count(persisted_store(project, location=tmp_path / "reference"))
    store, _ = _open(project)
    assert _count(store) == expected > 0
    assert not place.exists() or list(place.iterdir()) == []
    again, messages = _open(project, rebuild=False)
    assert messages == [] and _count(again) == expected


def test_several_readers_can_open_the_store_at_once(project):
    first, _ = _open(project)
    second, _ = _open(project)
    assert _count(first) == _count(second) > 0


def test_loading_into_the_persisted_store_is_refused(project):
    store, _ = _open(project)
    with pytest.raises(StoreError, match=r"cannot load fixture\.ttl into this store"):
        store.load(project.data_files())
