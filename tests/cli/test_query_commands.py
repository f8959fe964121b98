"""``minegraph queries / query / sparql`` and the Python API: output formats, files, exit codes (0 ok,
2 bad input, 3 endpoint failure), one message and no traceback for expected errors."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest

import minegraph
from minegraph.cli import main

STATE = "https://w3id.org/minegraph/id/state/"
STATES = "SELECT ?s ?code WHERE { ?s a mg:State ; mg:iso3166Alpha3 ?code } ORDER BY ?code"


@pytest.fixture
def run(fixture_project, capsys):
    """Run the CLI on the fixture project: (exit code, stdout, stderr)."""

    def invoke(*args: str, stdin: str | None = None):
        if stdin is not None:
            sys.stdin = io.StringIO(stdin)
        try:
            code = main(["--project", str(fixture_project.root), *args])
        finally:
            sys.stdin = sys.__stdin__
        out, err = capsys.readouterr()
        return code, out, err

    return invoke


def test_queries_lists_every_library_query_with_its_title(run, fixture_project):
    code, out, _ = run("queries")
    assert code == 0
    assert ["param-types", "Parameter types (test fixture)"] in [line.split(None, 1) for line in out.splitlines()]
    assert len(out.splitlines()) == len(list(fixture_project.queries_dir.glob("*.rq"))) + 1


def test_query_prints_a_table_with_labels(run):
    code, out, _ = run("query", "actors-by-type", "--param", "class=mg:State", "--width", "100")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["type", "actor", "country"]
    assert lines[2].split("  ")[0] == "State" and "Finland" in lines[2]
    assert lines[-1] == "(3 rows)"


def test_query_with_iris_shows_prefixed_names(run):
    code, out, _ = run("query", "actors-by-type", "--param", "class=mg:State", "--iris", "--width", "0")
    assert code == 0 and "mg:State" in out and "state:FIN" in out


@pytest.mark.parametrize("fmt", ["csv", "tsv", "json"])
def test_each_format_holds_the_same_rows(run, fmt):
    code, out, _ = run("sparql", STATES, "--format", fmt)
    assert code == 0
    if fmt == "json":
        codes = [b["code"]["value"] for b in json.loads(out)["results"]["bindings"]]
    elif fmt == "csv":
        assert out.startswith("s,code\r\n")
        codes = [line.split(",")[1] for line in out.splitlines()[1:]]
    else:
        assert out.startswith("?s\t?code\n")
        codes = [line.split("\t")[1].strip('"') for line in out.splitlines()[1:]]
    assert codes == ["FIN", "LVA", "USA"]


def test_construct_as_turtle(run):
    code, out, _ = run("sparql", "CONSTRUCT WHERE { ?s mg:iso3166Alpha3 ?code }", "--format", "ttl")
    assert code == 0 and 'state:LVA mg:iso3166Alpha3 "LVA"' in out


def test_output_goes_to_a_file_written_whole(run, tmp_path):
    target = tmp_path / "out" / "states.csv"
    code, out, err = run("sparql", STATES, "--format", "csv", "--output", str(target))
    assert code == 0 and out == "" and err.endswith(f"wrote {target} (3 rows)\n")
    assert target.read_bytes().startswith(b"s,code\r\n")
    assert [p.name for p in target.parent.iterdir()] == ["states.csv"]


def test_sparql_reads_standard_input_with_a_dash(run):
    code, out, _ = run(
        "sparql", "-", "--format", "csv", stdin="SELECT ?code WHERE { ?s mg:iso3166Alpha3 ?code } ORDER BY ?code"
    )
    assert code == 0 and out.splitlines()[1:] == ["FIN", "LVA", "USA"]


def test_rdflib_engine_gives_the_same_output(run):
    assert (
        run("sparql", STATES, "--format", "json")[1]
        == run("sparql", STATES, "--format", "json", "--engine", "rdflib")[1]
    )


@pytest.mark.parametrize(
    "args, message",
    [
        (("query", "no-such-query"), "unknown query 'no-such-query'"),
        (("query", "param-types", "--param", "day=2025-13-01"), "parameter day: not a calendar date"),
        (("query", "param-types", "--param", "day"), "--param expects NAME=VALUE, got 'day'"),
        (("query", "param-types", "--param", "colour=red"), "query param-types has no parameter 'colour'"),
        (("sparql", "SELECT ?x WHERE {\n  ?x ?y\n}"), "<query>:2:3: syntax error: "),
        (("sparql", "DROP ALL"), "SPARQL Update (DROP) is not accepted"),
        (
            ("sparql", "SELECT ?s WHERE { ?s ?p ?o }", "--format", "ttl"),
            "SELECT gives a table: use --format table, json, xml, csv, tsv or jsonl",
        ),
        (("query", "dataset-summary", "--endpoint", "file:///etc/passwd"), "the endpoint must be an http(s) URL"),
    ],
)
def test_bad_input_exits_2_with_one_message_and_no_traceback(run, args, message):
    code, out, err = run(*args)
    assert code == 2
    assert out == ""
    # the first command of a worker may rebuild the fixture's store first and say so on stderr
    errors = [line for line in err.splitlines() if line.startswith("minegraph: error: ")]
    assert len(errors) == 1 and message in err[err.index(errors[0]) :] and "Traceback" not in err


def test_describe_shows_the_documentation(run):
    code, out, _ = run("query", "param-types", "--describe")
    assert code == 0
    assert out.startswith("param-types: Parameter types (test fixture)\n")
    assert "param  day (xsd:date, default 2025-01-01): a date" in out


# ----------------------------------------------------------------------- Python API


def test_minegraph_query_returns_rows_as_dicts_and_a_dataframe(fixture_project, monkeypatch):
    monkeypatch.setenv("MINEGRAPH_HOME", str(fixture_project.root))
    rows = minegraph.query("actors-by-type", **{"class": "mg:State"})
    assert [row["actorLabel"] for row in rows] == ["Finland", "Latvia", "United States of America"]
    assert rows[0]["actor"] == STATE + "FIN"
    frame = rows.to_dataframe()
    assert list(frame.columns) == rows.variables and len(frame) == 3


def test_run_query_takes_a_params_dict_and_a_store(fixture_project, fixture_stores):
    result = minegraph.run_query(
        "most-cited-sources", {"minimum": "6"}, store=fixture_stores["rdflib"], project=fixture_project
    )
    assert result.variables == ["source", "sourceLabel", "kind", "authorityRank", "url", "citingNodes"]
    assert [(r["url"], r["citingNodes"]) for r in result.rows] == [("https://www.euronews.com/example", 11)]


def test_importing_minegraph_loads_no_rdf_library():
    code = "import sys, minegraph; print(sorted(m for m in ('rdflib', 'pyoxigraph', 'SPARQLWrapper', 'pandas') if m in sys.modules))"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout == "[]\n"
