"""A library query answered for many values of one parameter in one evaluation gives the rows one call per
value gives; a library text that passed the parse-only check is recorded beside the persisted store, so a later
process runs it without parsing it again, and a changed text is parsed again."""

from __future__ import annotations

import dataclasses

import pytest

from minegraph.queries import checked
from minegraph.queries.library import find_query, internal_query
from minegraph.queries.run import execute, execute_for_each, run_query
from minegraph.querylang import parse, text
from minegraph.store import persisted_store


def test_one_evaluation_for_many_sources_gives_the_rows_of_one_call_per_source(real_project, real_stores):
    store = real_stores["oxigraph"]
    sources = [
        row["source"]
        for row in run_query("statements-per-source", store=store, project=real_project).rows
        if row["statements"]
    ][:12]
    answers = execute_for_each(find_query(real_project, "who-said-what"), "source", sources, store)
    assert list(answers) == sources
    for source in sources:
        one = run_query("who-said-what", {"source": source}, store=store, project=real_project).rows
        assert answers[source] == one and one


def test_one_evaluation_for_many_nodes_of_a_required_parameter(real_project, real_stores):
    store = real_stores["oxigraph"]
    nodes = [row["statement"] for row in run_query("who-said-what", store=store, project=real_project).rows][:5]
    answers = execute_for_each(internal_query("assertion-details"), "node", nodes, store)
    for node in nodes:
        assert answers[node] == execute(internal_query("assertion-details"), {"node": node}, store).rows


def test_a_parameter_the_query_lacks_is_refused(real_project, real_stores):
    with pytest.raises(ValueError, match="no parameter"):
        execute_for_each(find_query(real_project, "who-said-what"), "speaker", ["x"], real_stores["oxigraph"])


def test_a_library_text_that_passed_is_not_parsed_again_by_a_later_process(real_project, tmp_path, monkeypatch):
    store = persisted_store(real_project, location=tmp_path / "store")
    definition = find_query(real_project, "most-quoted-speakers")
    rows = execute(definition, {}, store).rows
    assert (tmp_path / "store" / checked.RECORD).is_file()
    # a later process: nothing in memory, only the record beside the store; a parse would fail
    for module, name in ((text, "_ACCEPTED"), (parse, "_PASSED"), (checked, "_RECORDS")):
        monkeypatch.setattr(module, name, {})

    def parsed(query_text):
        raise AssertionError("parsed again")

    monkeypatch.setattr(parse, "_parse", parsed)
    assert execute(definition, {}, store).rows == rows
    changed = dataclasses.replace(definition, text=definition.text + "\n# changed\n")
    with pytest.raises(AssertionError, match="parsed again"):
        execute(changed, {}, store)
