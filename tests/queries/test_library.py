"""The query library: every file is documented in the header format, parameters are typed and checked,
and mistakes (unknown query, bad parameter, syntax error) get one clear message."""

from __future__ import annotations

import datetime as dt
import shlex
from pathlib import Path

import pytest

from minegraph.errors import ParameterError, QueryError, QuerySyntaxError
from minegraph.queries.library import find_query, load_query, query_files
from minegraph.queries.run import execute, run_query, run_sparql

ROOT = Path(__file__).resolve().parents[2]
LIBRARY = sorted((ROOT / "queries").glob("*.rq"))


def test_the_library_has_at_least_twenty_queries():
    assert len(LIBRARY) >= 20, [p.stem for p in LIBRARY]


@pytest.mark.parametrize("path", LIBRARY, ids=lambda p: p.stem)
def test_every_library_query_has_a_complete_header_and_valid_examples(path):
    definition = load_query(path)
    assert definition.title and definition.description
    for example in definition.examples:
        words = shlex.split(example)
        assert words[:3] == ["minegraph", "query", definition.name], example
        given = dict(w.split("=", 1) for w in words[3:] if "=" in w and not w.startswith("-"))
        definition.bind(given)  # the example's parameters are valid


@pytest.mark.parametrize("path", LIBRARY, ids=lambda p: p.stem)
def test_every_library_query_is_strict_sparql_with_its_own_prefixes(path):
    from minegraph.querylang.guard import check as guard
    from minegraph.querylang.text import check_syntax, query_form

    text = path.read_text(encoding="utf-8")
    query_form(text)
    check_syntax(text, source=str(path))  # no predeclared prefixes: the file runs anywhere
    guard(text)  # no SERVICE, within the limits


def test_header_fields_and_parameters_are_read(fixture_project):
    definition = find_query(fixture_project, "param-types")
    assert definition.title == "Parameter types (test fixture)"
    assert definition.description.startswith("Returns every parameter as bound, one row, so that tests")
    assert [(p.name, p.type, p.default) for p in definition.params] == [
        ("day", "xsd:date", "2025-01-01"),
        ("count", "xsd:integer", "3"),
        ("share", "xsd:decimal", "0.90"),
        ("flag", "xsd:boolean", "true"),
        ("text", "xsd:string", "Lat"),
        ("node", "iri", "state:LVA"),
    ]
    assert definition.params[0].description == "a date"


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_each_parameter_type_is_bound_as_a_typed_term(fixture_project, fixture_stores, engine):
    definition = find_query(fixture_project, "param-types")
    params = {"day": "2024-02-29", "count": "-7", "share": "1.50", "flag": "false", "text": "Fin", "node": "<urn:x:y>"}
    [row] = execute(definition, params, fixture_stores[engine]).rows
    assert row == {
        "day": dt.date(2024, 2, 29),
        "count": -7,
        "share": row["share"],
        "flag": False,
        "text": "Fin",
        "node": "urn:x:y",
        "state": "https://w3id.org/minegraph/id/state/FIN",
    }
    assert float(row["share"]) == 1.5


def test_defaults_apply_and_today_is_the_current_date(tmp_path):
    path = tmp_path / "today.rq"
    path.write_text(
        "# title: t\n# description: d\n# param: when xsd:date default=today — d\n"
        "# example: minegraph query today\nSELECT ?when WHERE {}\n",
        encoding="utf-8",
    )
    assert str(load_query(path).bind()["when"]) == dt.date.today().isoformat()


def test_python_values_are_accepted_as_parameters(fixture_project, fixture_stores):
    definition = find_query(fixture_project, "param-types")
    [row] = execute(definition, {"day": dt.date(2025, 3, 1), "count": 5, "flag": True}, fixture_stores["oxigraph"]).rows
    assert (row["day"], row["count"], row["flag"]) == (dt.date(2025, 3, 1), 5, True)


@pytest.mark.parametrize(
    "params, message",
    [
        ({"day": "2025-02-30"}, "parameter day: not a calendar date"),
        ({"day": "01/02/2025"}, "parameter day: expected an ISO date"),
        ({"count": "3.5"}, "parameter count: expected an integer"),
        ({"share": "1e3"}, "parameter share: expected a decimal"),
        ({"flag": "yes"}, "parameter flag: expected true or false"),
        ({"node": "not an iri"}, "parameter node: not an absolute IRI"),
        ({"node": "http://x/a b"}, "parameter node: character ' ' is not allowed"),
        ({"node": "stat:LVA"}, "parameter node: unknown prefix stat: in 'stat:LVA'"),
        ({"colour": "red"}, "query param-types has no parameter 'colour'; it takes day"),
    ],
)
def test_a_bad_parameter_is_refused_with_a_clear_message(fixture_project, params, message):
    with pytest.raises(ParameterError, match="^" + message.replace("(", r"\(")):
        find_query(fixture_project, "param-types").bind(params)


def test_a_missing_required_parameter_is_named(tmp_path):
    path = tmp_path / "needs.rq"
    path.write_text(
        "# title: t\n# description: d\n# param: state iri — the state\n"
        "# example: minegraph query needs --param state=state:LVA\nSELECT ?state WHERE {}\n",
        encoding="utf-8",
    )
    with pytest.raises(ParameterError, match=r"query needs needs --param state=VALUE \(an absolute IRI"):
        load_query(path).bind({})


def test_a_prefixed_name_expands_with_minegraph_prefixes(fixture_project):
    bound = find_query(fixture_project, "param-types").bind({"node": "decision:LVA-withdrawal"})
    assert str(bound["node"]) == "https://w3id.org/minegraph/id/decision/LVA-withdrawal"


def test_an_unknown_query_name_lists_close_matches(fixture_project):
    with pytest.raises(QueryError, match=r"^unknown query 'param-typs'; did you mean param-types\b"):
        find_query(fixture_project, "param-typs")


@pytest.mark.parametrize(
    "header, message",
    [
        ("# description: d\n# example: e\n", "has no '# title:' line"),
        ("# title: t\n# description: d\n", "has no '# example:' line"),
        ("# title: t\n# description: d\n# param: x xsd:float\n# example: e\n", "unknown type 'xsd:float'"),
        (
            "# title: t\n# description: d\n# param: x xsd:date default=soon\n# example: e\n",
            "default of parameter x is not valid",
        ),
        (
            "# title: t\n# description: d\n# param: unused xsd:string\n# example: e\n",
            "parameter unused is declared but ?unused does not occur",
        ),
        ("# title: t\n# note: n\n# description: d\n# example: e\n", ":2: header lines are"),
    ],
)
def test_a_malformed_header_is_reported_with_the_file(tmp_path, header, message):
    path = tmp_path / "bad.rq"
    path.write_text(header + "SELECT ?x WHERE { ?x ?p ?o }\n", encoding="utf-8")
    with pytest.raises(QueryError, match=message.replace("?", r"\?").replace("(", r"\(")):
        load_query(path)


def test_a_syntax_error_names_line_and_column_and_shows_the_line(fixture_project, fixture_stores, tmp_path):
    path = tmp_path / "broken.rq"
    path.write_text(
        "# title: t\n# description: d\n# example: minegraph query broken.rq\n"
        "SELECT ?x WHERE {\n  ?x ?y ?z .\n  ?x ?y\n}\n",
        encoding="utf-8",
    )
    with pytest.raises(QuerySyntaxError) as caught:
        run_query(str(path), store=fixture_stores["oxigraph"], project=fixture_project)
    assert (caught.value.line, caught.value.column) == (6, 3)
    assert str(caught.value).startswith(f"{path}:6:3: syntax error: ")
    assert str(caught.value).endswith("\n      ?x ?y\n      ^")


def test_a_syntax_error_is_located_by_the_parse_without_evaluating(fixture_stores):
    """The syntax check is a parse only (rdflib's SPARQL grammar): it names where reading stopped."""
    with pytest.raises(QuerySyntaxError) as caught:
        fixture_stores["rdflib"].query("SELECT ?x\nWHERE { ?x ?p ?o }\nLIMIT x")
    assert (caught.value.line, caught.value.column) == (3, 1)
    assert "the query cannot be read from here on" in caught.value.message


def test_an_undeclared_prefix_is_named(fixture_stores):
    with pytest.raises(QuerySyntaxError, match=r"<query>:1:\d+: syntax error: prefix foo: is not declared"):
        run_sparql("SELECT ?x WHERE { ?x foo:bar ?y }", store=fixture_stores["oxigraph"], source="<query>")


def test_ad_hoc_sparql_has_minegraph_prefixes_predeclared(fixture_stores):
    rows = run_sparql("SELECT ?s WHERE { ?s a mg:State ; mg:iso3166Alpha3 'FIN' }", store=fixture_stores["rdflib"]).rows
    assert rows == [{"s": "https://w3id.org/minegraph/id/state/FIN"}]


@pytest.mark.parametrize(
    "text, message",
    [
        ("DELETE WHERE { ?s ?p ?o }", r"SPARQL Update \(DELETE\) is not accepted"),
        ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", r"SPARQL Update \(INSERT\) is not accepted"),
        (
            "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
            r"line 1: SERVICE \(a federated query to another endpoint\) is refused",
        ),
    ],
)
def test_updates_and_federated_queries_are_refused(fixture_stores, text, message):
    with pytest.raises(QueryError, match=message):
        fixture_stores["oxigraph"].query(text)


def test_query_files_are_listed_in_name_order(fixture_project):
    names = [p.stem for p in query_files(fixture_project)]
    assert names == sorted(names) and "param-types" in names


def test_a_package_query_needs_a_title_and_description_but_no_example(tmp_path):
    from minegraph.queries.library import package_query

    (tmp_path / "own.rq").write_text("# title: t\n# description: d\nSELECT ?s WHERE { ?s ?p ?o }\n", encoding="utf-8")
    (tmp_path / "bare.rq").write_text("# just a note\nSELECT ?s WHERE { ?s ?p ?o }\n", encoding="utf-8")
    assert package_query(tmp_path, "own").title == "t"
    with pytest.raises(QueryError, match="no '# example:' line"):
        load_query(tmp_path / "own.rq")  # one users run must say how
    with pytest.raises(QueryError, match=r"bare\.rq:1: header lines"):
        package_query(tmp_path, "bare")
