"""The parse-free query guard (minegraph.querylang.guard): limits, refusals, and that no text crashes it."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from minegraph.querylang.guard import (GuardError, Limits, NotAQuery, QueryTooDeep, QueryTooLong, ServiceRefused,
                                    UpdateRefused, check, scan)


@pytest.mark.parametrize("text", [
    "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
    "select * where { service <http://example.org/> { ?s ?p ?o } }",
    "SELECT * WHERE { FILTER EXISTS { SERVICE <http://e/> { ?s ?p ?o } } }",
    "SELECT * WHERE { FILTER NOT EXISTS { { { SERVICE SILENT <http://e/> {} } } } }",
    "SELECT * WHERE { { SELECT ?s WHERE { SERVICE ?endpoint { ?s ?p ?o } } } }",
    "SELECT * WHERE { SERVICE:x { ?s ?p ?o } }",  # Oxigraph reads this as SERVICE :x
    "SELECT * WHERE { ?s ?p ?o.SERVICE <http://e/> {} }",
    "SELECT * WHERE { ?s ?p 1SERVICE <http://e/> {} }",
    "SELECT * WHERE { ?s <p> 'a' . # comment\rSERVICE <http://e/> {} }",  # \r ends a comment
])
def test_service_refused_everywhere(text):
    with pytest.raises(ServiceRefused, match="SERVICE"):
        check(text)


@pytest.mark.parametrize("text", [
    "SELECT ?service WHERE { ?service a <http://e/Service> }",
    "SELECT * WHERE { ?s <http://e/SERVICE> ?o } # SERVICE in a comment",
    'SELECT * WHERE { ?s ?p "Mine Action SERVICE" }',
    "PREFIX ex: <http://e/> SELECT * WHERE { ?s ex:service ?o }",
    "SELECT * WHERE { ?s ?p '''a long SERVICE ''' }",
])
def test_service_as_a_name_or_text_is_fine(text):
    assert check(text) == "SELECT"


def test_ambiguous_apostrophe_in_angle_brackets_refused():
    # Oxigraph reads ?x<2&&'>' as a comparison with the string '>': the scan cannot tell, so it refuses.
    with pytest.raises(GuardError, match="apostrophe"):
        check("SELECT * WHERE { BIND(1 AS ?x) FILTER(?x<2&&'>'!=?x) } #' SERVICE <http://e/> {}")


@pytest.mark.parametrize("text,word", [("INSERT DATA { <a> <b> <c> }", "INSERT"), ("delete where { ?s ?p ?o }", "DELETE"),
                                       ("PREFIX x: <http://e/> DROP ALL", "DROP"), ("LOAD <http://e/>", "LOAD")])
def test_updates_refused(text, word):
    with pytest.raises(UpdateRefused, match=word) as refused:
        check(text)
    assert refused.value.status == 403


def test_forms():
    assert check("PREFIX a: <http://e/> ASK { ?s ?p ?o }") == "ASK"
    assert check("CONSTRUCT WHERE { ?s ?p ?o }") == "CONSTRUCT"
    assert check("DESCRIBE <http://e/x>") == "DESCRIBE"
    with pytest.raises(NotAQuery):
        check("PREFIX a: <http://e/>")


def test_limits_are_checked_on_the_raw_text():
    with pytest.raises(QueryTooLong, match="limit is 100"):
        check("SELECT * WHERE { ?s ?p ?o }" + " " * 100, Limits(max_length=100))
    with pytest.raises(QueryTooDeep, match="deeper than 3"):
        check("ASK { FILTER((((1)))) }", Limits(max_depth=3))
    assert scan("ASK { FILTER(((1))) }", Limits(max_depth=4)).depth == 4
    with pytest.raises(QueryTooDeep, match="operators"):
        check("ASK { FILTER(" + "||".join(["true"] * 20) + ") }", Limits(max_operators=10))
    brackets_in_text = "SELECT * WHERE { ?s ?p '" + "(" * 500 + "' }"
    assert scan(brackets_in_text).depth == 1  # brackets inside strings do not count


SPARQL_PIECES = st.sampled_from(["SELECT", "ASK", "SERVICE", "{", "}", "(", ")", "[", "]", "<", ">", "'", '"', "'''",
                                 "#", "\\", "\\u0041", "?x", "$y", "ex:", ":", ".", "&&", "||", "!", "/", " ", "\n",
                                 "\r", "<http://e/>", "FILTER", "EXISTS", "INSERT", "UNION", "é", "\x00"])


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(max_size=300), st.lists(SPARQL_PIECES, max_size=80).map("".join)))
def test_any_text_never_crashes_the_guard(text):
    try:
        form = check(text)
    except GuardError as refused:
        assert str(refused) and refused.status in (400, 403)
    else:
        assert form in ("SELECT", "CONSTRUCT", "DESCRIBE", "ASK")


def test_settings_hosts_and_exposure_warning():
    from minegraph.publish.server import exposure_warning
    from minegraph.publish.settings import Settings

    assert Settings().is_loopback() and exposure_warning(Settings()) is None
    assert set(Settings().hosts()) >= {"127.0.0.1", "localhost", "::1"}
    public = Settings(host="0.0.0.0")
    assert not public.is_loopback() and "0.0.0.0" not in public.hosts()
    assert "exposes the endpoint beyond this machine" in exposure_warning(public)
    assert Settings(host="10.1.2.3", allowed_hosts=("data.example.org",)).hosts() == ["data.example.org"]
