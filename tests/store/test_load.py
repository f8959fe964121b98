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
    rows = files.query(
        "SELECT ?focus (COUNT(DISTINCT ?file) AS ?n) WHERE { GRAPH ?file { ?focus ?p ?o } } "
        "GROUP BY ?focus ORDER BY ?focus"
    ).rows
    assert rows == [{"focus": "https://example.org/x", "n": 2}, {"focus": "https://example.org/y", "n": 1}]


@pytest.mark.parametrize("how", ["in order", "side by side", "noting subjects"])
def test_every_load_names_the_bad_file_its_line_and_column(tmp_path, how):
    first, _ = _files(tmp_path)
    bad = tmp_path / "bad.ttl"
    bad.write_text(PREFIX + 'ex:x ex:p ex:y .\nex:x ex:p "open .\n', encoding="utf-8")
    with ThreadPoolExecutor(2) as pool, pytest.raises(InputError) as caught:
        options = {"in order": {}, "side by side": {"pool": pool}, "noting subjects": {"owners": True}}[how]
        OxigraphStore.memory([first, bad], **options)
    assert caught.value.path == str(bad) and caught.value.line == 3 and caught.value.column is not None


def test_a_store_loaded_without_owners_reads_them_when_first_asked(tmp_path):
    first, second = _files(tmp_path)
    assert OxigraphStore.memory([first, second]).owners == OxigraphStore.memory([first, second], owners=True).owners


def test_a_store_not_loaded_from_files_says_it_keeps_no_file_of_origin():
    from minegraph.errors import StoreError

    with pytest.raises(StoreError, match="no file of origin"):
        _ = OxigraphStore.from_quads([]).owners


def test_the_file_describing_an_iri_is_the_one_that_types_it_else_the_first(tmp_path):
    first, second = _files(tmp_path)
    third = tmp_path / "c.ttl"
    third.write_text(PREFIX + "ex:x a ex:Thing .\n", encoding="utf-8")
    ownership = OxigraphStore.memory([first, second, third], owners=True).ownership
    assert ownership.describing("https://example.org/x") == third
    assert ownership.describing("https://example.org/x", among=[first, second]) == first
    assert (
        ownership.describing("https://example.org/y") == first and ownership.describing("https://example.org/z") is None
    )


def test_the_extractors_gazetteer_opens_a_minegraph_store(tmp_path):
    _files(tmp_path)
    store = gazetteer_store(tmp_path)
    assert isinstance(store, Store) and store.triple_count() == 4


def test_values_answer_a_query_for_the_terms_given_only(tmp_path):
    from rdflib import URIRef

    store = OxigraphStore.memory(_files(tmp_path))
    rows = store.query(
        "SELECT ?s ?o WHERE { ?s ?p ?o } ORDER BY ?o", values=("s", [URIRef("https://example.org/y")])
    ).rows
    assert rows == [{"s": "https://example.org/y", "o": 1}]


def test_the_owners_pass_keeps_the_literals_of_the_datatypes_asked_for_as_the_file_wrote_them(tmp_path):
    data = tmp_path / "a.ttl"
    data.write_text(
        PREFIX + "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
        'ex:x ex:p "07"^^xsd:nonNegativeInteger ; ex:q 3 .\n',
        encoding="utf-8",
    )
    store = OxigraphStore.memory([data], owners=True, datatypes=["http://www.w3.org/2001/XMLSchema#nonNegativeInteger"])
    [(path, quad)] = store.ownership.written
    assert path == data and quad.object.value == "07" and quad.predicate.value == "https://example.org/p"
    assert store.query("SELECT ?o WHERE { ?s <https://example.org/p> ?o }").rows == [{"o": 7}]  # the store folds it
