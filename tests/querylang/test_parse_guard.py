"""SERVICE is refused on a real parse: structured queries mixing comments, long strings, IRIs with ``#``
and comparisons (the shapes that made a lexer and the grammar disagree) are judged by the grammar."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from minegraph.errors import QuerySyntaxError
from minegraph.querylang.guard import GuardError, ServiceRefused
from minegraph.querylang.parse import parse_check
from minegraph.querylang.text import accepted_form

URL = "http://127.0.0.1:9/sparql"
NOISE = st.text(alphabet="<>#\"'{}() SERVICEservice?ab", max_size=24)  # what hides or fakes code
SAFE_STRING = st.text(alphabet=st.sampled_from("SERVICE <>#{}(); ab'\n"), max_size=24).map(lambda t: t.replace("'", ""))


@st.composite
def piece(draw, n: int):
    """One group-pattern element, and whether it is a SERVICE clause the grammar reads as code."""
    kind = draw(
        st.sampled_from(
            ["triple", "compare", "compare-comment", "long-string", "iri-hash", "comment", "service", "nested-service"]
        )
    )
    if kind == "triple":
        return "?s ?p ?o .", False
    if kind == "compare":
        return f"FILTER(?a{n}<?b{n})", False
    if kind == "compare-comment":  # ?a<?b#>… : a comparison, then a comment to the end of the line
        return f"FILTER(?a{n}<?b{n}#>{draw(NOISE).replace(chr(10), '')}\n)", False
    if kind == "long-string":
        quote = draw(st.sampled_from(["'''", '"""']))
        return f"BIND({quote}{draw(SAFE_STRING).replace(quote[0], '')}{quote} AS ?x{n})", False
    if kind == "iri-hash":
        return f"?s <http://e/x#{draw(st.sampled_from(['SERVICE', 'a', 'b-c']))}> ?o .", False
    if kind == "comment":
        return f"# {draw(NOISE).replace(chr(10), ' ')}\n", False
    if kind == "service":
        return f"SERVICE <{URL}> {{ ?s ?p ?o }}", True
    return f"OPTIONAL {{ {{ SERVICE SILENT <{URL}> {{}} }} UNION {{ ?s ?p ?o }} }}", True


@st.composite
def query(draw):
    pieces = [draw(piece(n)) for n in range(draw(st.integers(1, 6)))]
    return "SELECT * WHERE { " + " ".join(p for p, _ in pieces) + " }", any(code for _, code in pieces)


@settings(max_examples=150, deadline=None)
@given(query())
def test_a_service_the_grammar_reads_is_always_refused(generated):
    text, has_service = generated
    if has_service:  # refused: on the parse tree, or because the grammar cannot read the text at all
        with pytest.raises((ServiceRefused, QuerySyntaxError)):
            parse_check(text)
        with pytest.raises((GuardError, QuerySyntaxError)):
            accepted_form(text)
    else:
        try:
            parse_check(text)
        except QuerySyntaxError:
            pass  # a drawn piece the grammar cannot read: refused, never evaluated


@pytest.mark.parametrize(
    "text",
    [
        'SELECT * WHERE { BIND(1 AS ?a) BIND(2 AS ?b) FILTER(?a<?b#>"""\n) SERVICE <http://e/> { ?s ?p ?o } } #"""',
        "SELECT * WHERE { BIND(1 AS ?a) BIND(2 AS ?b) FILTER(?a<?b#>'''\n) SERVICE <http://e/> { ?s ?p ?o } } #'''",
    ],
)
def test_service_hidden_from_a_lexer_is_refused_by_the_parse(text):
    with pytest.raises(ServiceRefused):
        accepted_form(text)


def test_a_parse_check_evaluates_nothing(monkeypatch):
    """No store is created or queried: the check is a parse (an ASK over a large cross product returns at once)."""
    import pyoxigraph

    def refuse(*args, **kwargs):
        raise AssertionError("the syntax check evaluated the query")

    monkeypatch.setattr(pyoxigraph, "Store", refuse)
    values = " ".join(f"VALUES ?v{i} {{ {' '.join(map(str, range(200)))} }}" for i in range(4))
    assert accepted_form(f"ASK {{ {values} FILTER(?v0 + ?v1 = -1) }}") == "ASK"


def test_the_cli_parses_in_its_worker_and_evaluates_nothing_before(small_project, monkeypatch, capsys):
    """With the parse and the evaluation made impossible in the CLI's own process, a query still runs:
    both happen in the supervised worker, under the query's timeout."""
    import pyoxigraph

    import minegraph.querylang.parse as parse
    from minegraph.cli import main

    def refuse(*args, **kwargs):
        raise AssertionError("parsed or evaluated in the CLI's own process")

    main(["--project", str(small_project), "sparql", "ASK {}"])  # the store is built (in-process) first
    capsys.readouterr()
    monkeypatch.setattr(parse, "_parse", refuse)
    monkeypatch.setattr(pyoxigraph.Store, "query", refuse)
    assert main(["--project", str(small_project), "sparql", "SELECT ?s { ?s a mg:State } LIMIT 1", "-f", "csv"]) == 0
    assert capsys.readouterr().out.startswith("s\r\n")
    assert main(["--project", str(small_project), "sparql", "SELECT ?x WHERE {\n ?x ?y }"]) == 2
    assert "<query>:2:" in capsys.readouterr().err
