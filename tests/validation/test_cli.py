"""``minegraph validate`` on throw-away projects: exit 0 when the graph conforms, 1 when it
does not (one line per problem, then a summary), 2 on unreadable input naming file:line:column."""

from __future__ import annotations

import json
from pathlib import Path

from rdflib import Graph

from minegraph.cli import main
from minegraph.core.namespaces import DCTERMS, MG, iri
from minegraph.core.rdf_io import parse_into, serialize_turtle

FIXTURES = Path(__file__).resolve().parent / "fixtures"
STATEMENT = iri("statement", "fixture-01-ozols-defend")
ASSESSMENT = iri("stance-assessment", "fixture-01-ozols-defend.LVA-withdrawal")
DECISION = iri("decision", "LVA-withdrawal")


def broken_project(new_project):
    """The valid fixture without the stance of the statement's assessment and the decision's sources."""
    graph = parse_into(Graph(), FIXTURES / "valid.ttl")
    graph.remove((ASSESSMENT, MG.stance, None))
    graph.remove((DECISION, DCTERMS.source, None))
    project = new_project(data_files=())
    (project.graph_dir / "fixture.ttl").write_bytes(serialize_turtle(graph))
    return project


def run(
    project,
    *args,
    capsys,
    checks=(
        "quotes",
        "archives",
        "cues",
        "references",
        "terms",
        "identifiers",
        "date-bounds",
        "intervals",
        "assertion-dates",
    ),
):
    """Run the CLI on ``project`` with the foundation's checks (the treaty checks need the full reference data)."""
    selected = [arg for name in checks for arg in ("--check", name)]
    code = main(["--project", str(project.root), "validate", *selected, *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_valid_project_exits_0_and_says_it_conforms(new_project, capsys):
    code, out, _ = run(new_project(), capsys=capsys)
    assert code == 0
    assert out.splitlines() == [out.strip()]  # only the summary
    assert out.startswith("0 violation(s), 0 warning(s), 0 info(s) in ") and "the graph conforms" in out


def test_broken_project_exits_1_with_one_line_per_problem_and_a_summary(new_project, capsys):
    code, out, _ = run(broken_project(new_project), capsys=capsys)
    lines = out.splitlines()
    assert code == 1
    assert lines[:-1] == [
        f'graph/fixture.ttl: Violation "Latvia\'s decision to withdraw from the Convention" <{DECISION}> dcterms:source: '
        "A fact needs at least one source document (dcterms:source)  [shape mgsh:Fact-source]",
        f'graph/fixture.ttl: Violation "support: “Our soldiers must be able…” → LVA-withdrawal" <{ASSESSMENT}> '
        "mg:stance: A stance assessment needs exactly one stance (mg:stance)  [shape mgsh:StanceAssessment-stance]",
    ]
    assert lines[-1].startswith("2 violation(s), 0 warning(s), 0 info(s) in ")
    assert lines[-1].endswith("(shapes + 9 check(s)): the graph does NOT conform")


def test_json_output_lists_the_findings(new_project, capsys):
    code, out, _ = run(broken_project(new_project), "--format", "json", capsys=capsys)
    report = json.loads(out)
    assert code == 1 and report["conforms"] is False and report["counts"]["Violation"] == 2
    assert {(f["file"], f["focus"], f["path"]) for f in report["findings"]} == {
        ("graph/fixture.ttl", str(DECISION), "dcterms:source"),
        ("graph/fixture.ttl", str(ASSESSMENT), "mg:stance"),
    }


def test_no_shacl_runs_only_the_extra_checks(new_project, capsys):
    code, out, _ = run(broken_project(new_project), "--no-shacl", capsys=capsys)
    assert code == 0  # only the shapes know that a statement needs a stance
    assert "pySHACL" not in out and "the graph conforms" in out


def test_malformed_turtle_exits_2_naming_file_line_and_column(new_project, capsys):
    project = new_project()
    (project.graph_dir / "broken.ttl").write_text(
        '@prefix ex: <http://example.org/> .\nex:a ex:b ex:c .\nex:d ex:e "open .\n'
    )
    code, out, err = run(project, capsys=capsys)
    assert code == 2 and out == ""
    assert f"{project.graph_dir / 'broken.ttl'}:3:11: " in err


def test_unknown_check_exits_2(new_project, capsys):
    code, _, err = run(new_project(), capsys=capsys, checks=["no-such-check"])
    assert code == 2 and "unknown check(s) no-such-check" in err


def test_shapes_beyond_shacl_core_exit_2_naming_the_term(new_project, capsys):
    project = new_project()
    with open(project.shapes_file, "a", encoding="utf-8") as handle:
        handle.write("\nmgsh:Inferred a sh:NodeShape ; sh:targetClass mg:State ; sh:rule [ a sh:TripleRule ] .\n")
    code, out, err = run(project, capsys=capsys)
    assert code == 2 and out == ""
    assert "shapes.ttl: sh:rule on https://w3id.org/minegraph/shapes#Inferred is not supported" in err
