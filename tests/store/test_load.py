"""The store is the one door from files to a store: every way of loading maps a bad file to the same
error (file, line, column), and a load can note which files describe each subject."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from minegraph.errors import InputError
from minegraph.ingest.gazetteer import open_store as gazetteer_store
from minegraph.store.base import Store
from minegraph.store.oxigraph import OxigraphStore

PREFIX = "@prefix ex: <https://example.org/> .\n"


def _files(tmp_path):
    first, second = tmp_path / "a.ttl", tmp_path / "b.ttl"
    first.write_text(PREFIX + "ex:x ex:p ex:y .\nex:y ex:p 1 .\n", encoding="utf-8")
    second.write_text(PREFIX + "ex:x ex:q ex:z .\n_:b ex:p ex:x .\n", encoding="utf-8")
    return first, second


def test_a_load_noting_subjects_names_every_file_that_describes_each_iri(tmp_path):
    first, second = _files(tmp_path)
    store = OxigraphStore.memory([first, second], owners=True)
    assert store.owners == {"https://example.org/x": [first, second], "https://example.org/y": [first]}
    assert store.triple_count() == 4


def test_the_owners_map_answers_a_query_over_one_named_graph_per_file(tmp_path):
    first, second = _files(tmp_path)
    store = OxigraphStore.memory([first, second], owners=True)
    files = store.owners_store([first, second], lambda path: f"file:///{path.name}")
    rows = files.query("SELECT ?focus (COUNT(DISTINCT ?file) AS ?n) WHERE { GRAPH ?file { ?focus ?p ?o } } "
                       "GROUP BY ?focus ORDER BY ?focus").rows
    assert rows == [{"focus": "https://example.org/x", "n": 2}, {"focus": "https://example.org/y", "n": 1}]


@pytest.mark.parametrize("how", ["in order", "side by side", "noting subjects"])
def test_every_load_names_the_bad_file_its_line_and_column(tmp_path, how):
    first, _ = _files(tmp_path)
    bad = tmp_path / "bad.ttl"
    bad.write_text(PREFIX + "ex:x ex:p ex:y .\nex:x ex:p \"open .\n", encoding="utf-8")
    with ThreadPoolExecutor(2) as pool, pytest.raises(InputError) as caught:
        options = {"in order": {}, "side by side": {"pool": pool}, "noting subjects": {"owners": True}}[how]
        OxigraphStore.memory([first, bad], **options)
    assert caught.value.path == str(bad) and caught.value.line == 3 and caught.value.column is not None


def test_a_store_loaded_without_owners_says_it_keeps_no_file_of_origin(tmp_path):
    from minegraph.errors import StoreError

    with pytest.raises(StoreError, match="owners=True"):
        _ = OxigraphStore.memory(_files(tmp_path)).owners


def test_the_extractors_gazetteer_opens_a_minegraph_store(tmp_path):
    _files(tmp_path)
    store = gazetteer_store(tmp_path)
    assert isinstance(store, Store) and store.triple_count() == 4


def test_values_answer_a_query_for_the_terms_given_only(tmp_path):
    from rdflib import URIRef

    store = OxigraphStore.memory(_files(tmp_path))
    rows = store.query("SELECT ?s ?o WHERE { ?s ?p ?o } ORDER BY ?o", values=("s", [URIRef("https://example.org/y")])).rows
    assert rows == [{"s": "https://example.org/y", "o": 1}]
