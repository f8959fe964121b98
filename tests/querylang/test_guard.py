"""The parse-free query guard (minegraph.querylang.guard): limits, refusals, and that no text crashes it."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from minegraph.querylang.guard import (
    GuardError,
    Limits,
    NotAQuery,
    QueryTooDeep,
    QueryTooLong,
    ServiceRefused,
    UpdateRefused,
    check,
    scan,
)


@pytest.mark.parametrize(
    "text",
    [
        "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
        "select * where { service <http://example.org/> { ?s ?p ?o } }",
        "SELECT * WHERE { FILTER EXISTS { SERVICE <http://e/> { ?s ?p ?o } } }",
        "SELECT * WHERE { FILTER NOT EXISTS { { { SERVICE SILENT <http://e/> {} } } } }",
        "SELECT * WHERE { { SELECT ?s WHERE { SERVICE ?endpoint { ?s ?p ?o } } } }",
        "SELECT * WHERE { SERVICE:x { ?s ?p ?o } }",  # Oxigraph reads this as SERVICE :x
        "SELECT * WHERE { ?s ?p ?o.SERVICE <http://e/> {} }",
        "SELECT * WHERE { ?s ?p 1SERVICE <http://e/> {} }",
        "SELECT * WHERE { ?s <p> 'a' . # comment\rSERVICE <http://e/> {} }",  # \r ends a comment
    ],
)
def test_service_refused_everywhere(text):
    with pytest.raises(ServiceRefused, match="SERVICE"):
        check(text)


@pytest.mark.parametrize(
    "text",
    [
        "SELECT ?service WHERE { ?service a <http://e/Service> }",
        "SELECT * WHERE { ?s <http://e/SERVICE> ?o } # SERVICE in a comment",
        'SELECT * WHERE { ?s ?p "Mine Action SERVICE" }',
        "PREFIX ex: <http://e/> SELECT * WHERE { ?s ex:service ?o }",
        "SELECT * WHERE { ?s ?p '''a long SERVICE ''' }",
    ],
)
def test_service_as_a_name_or_text_is_fine(text):
    assert check(text) == "SELECT"


def test_ambiguous_apostrophe_in_angle_brackets_refused():
    # Oxigraph reads ?x<2&&'>' as a comparison with the string '>': the scan cannot tell, so it refuses.
    with pytest.raises(GuardError, match="apostrophe"):
        check("SELECT * WHERE { BIND(1 AS ?x) FILTER(?x<2&&'>'!=?x) } #' SERVICE <http://e/> {}")


@pytest.mark.parametrize(
    "text,word",
    [
        ("INSERT DATA { <a> <b> <c> }", "INSERT"),
        ("delete where { ?s ?p ?o }", "DELETE"),
        ("PREFIX x: <http://e/> DROP ALL", "DROP"),
        ("LOAD <http://e/>", "LOAD"),
    ],
)
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


SPARQL_PIECES = st.sampled_from(
    [
        "SELECT",
        "ASK",
        "SERVICE",
        "{",
        "}",
        "(",
        ")",
        "[",
        "]",
        "<",
        ">",
        "'",
        '"',
        "'''",
        "#",
        "\\",
        "\\u0041",
        "?x",
        "$y",
        "ex:",
        ":",
        ".",
        "&&",
        "||",
        "!",
        "/",
        " ",
        "\n",
        "\r",
        "<http://e/>",
        "FILTER",
        "EXISTS",
        "INSERT",
        "UNION",
        "é",
        "\x00",
    ]
)


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


# Oxigraph itself is the oracle: port 1 is one its HTTP client refuses before connecting ("not allowed"),
# so evaluating a SERVICE to it on an empty store raises at once and no request leaves the machine.
HIDING_PIECES = st.sampled_from(
    [
        "SERVICE <http://127.0.0.1:1/> { ?s ?p ?o }",
        "SERVICE",
        "<http://127.0.0.1:1/>",
        "{ }",
        "{",
        "}",
        " ",
        "\n",
        "\r",
        "'",
        '"',
        "'''",
        '"""',
        "#",
        "\\",
        "\\'",
        '\\"',
        "<",
        ">",
        "<a'",
        "ex:",
        "ex:a",
        ".",
        "-",
        ":",
        "?x",
        "$y",
        "_:b",
        "@en",
        "1",
        "a",
        "FILTER EXISTS {",
        "OPTIONAL {",
        "UNION",
        "(",
        ")",
        "\\u0027",
        "%27",
        "'x'",
        '"x"',
        "<http://e/>",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(HIDING_PIECES, max_size=24).map("".join))
def test_no_text_the_guard_passes_makes_oxigraph_run_service(body):
    import pyoxigraph

    text = f"PREFIX ex: <http://e/> SELECT * WHERE {{ {body} }}"
    try:
        check(text)
    except GuardError:
        return
    try:
        list(pyoxigraph.Store().query(text))  # solutions are evaluated as they are read
    except OSError as exc:
        assert "not allowed" not in str(exc), f"the guard passed a query that ran SERVICE: {text!r}"
    except (SyntaxError, ValueError, RuntimeError):
        pass  # the engine's parser refused it: nothing was evaluated
