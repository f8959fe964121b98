"""Bad curation input gets a clear error naming the file and line, and writes nothing."""

from pathlib import Path

import pytest

from minegraph.build.parts.source_documents import build_source
from minegraph.build.builder import BuildContext
from minegraph.errors import CurationError
from minegraph.build.parts.landmine_monitor import parse_figure
from minegraph.core.project import Project
from minegraph.build.source_registry import SourceRegistry

ARTICLE = """[document]
slug = "tiny"
prefix = "tiny"
class = "NewsArticle"
title = "A tiny article"
url = "https://example.org/tiny"
date = "2025-01-02"
archive = "tiny.txt"

[[statement]]
id = "01-first"
speaker = "person:someone"
quote = "{quote}"
mode = "direct"
about = ["decision:X-withdrawal"]
stance = "{stance}"
"""


def make_project(tmp_path: Path, toml_text: str) -> tuple[Project, Path]:
    root = tmp_path / "project"
    (root / "curation" / "sources").mkdir(parents=True)
    (root / "graph" / "sources").mkdir(parents=True)
    (root / "graph" / "sources" / "tiny.txt").write_text("He said: “Mines are weapons of the past.”\n", encoding="utf-8")
    toml = root / "curation" / "sources" / "tiny.toml"
    toml.write_text(toml_text, encoding="utf-8")
    return Project(root), toml


def build(project: Project, toml: Path):
    return build_source(BuildContext(project=project, sources=SourceRegistry()), toml)


def test_a_quote_that_is_not_in_the_archived_text_names_file_line_and_statement(tmp_path):
    project, toml = make_project(tmp_path, ARTICLE.format(quote="Mines are weapons of the future.", stance="oppose"))
    with pytest.raises(CurationError) as caught:
        build(project, toml)
    error = caught.value
    assert error.path == str(toml) and error.line == 10
    assert "01-first" in str(error) and "quote not found" in str(error) and "tiny.txt" in str(error)


def test_a_toml_syntax_error_names_line_and_column(tmp_path):
    project, toml = make_project(tmp_path, ARTICLE.format(quote="x", stance="oppose").replace('title = "A tiny article"', "title = A tiny article"))
    with pytest.raises(CurationError) as caught:
        build(project, toml)
    assert caught.value.line == 5 and caught.value.column is not None


def test_a_missing_required_field_is_named(tmp_path):
    project, toml = make_project(tmp_path, ARTICLE.format(quote="Mines are weapons of the past.", stance="oppose").replace('speaker = "person:someone"\n', ""))
    with pytest.raises(CurationError, match="missing required field 'speaker'"):
        build(project, toml)


def test_a_reference_of_unknown_kind_is_refused(tmp_path):
    project, toml = make_project(tmp_path, ARTICLE.format(quote="Mines are weapons of the past.", stance="oppose").replace("person:someone", "human:someone"))
    with pytest.raises(CurationError, match="neither a URL nor kind:slug"):
        build(project, toml)


def test_a_good_statement_is_anchored_at_code_point_offsets(tmp_path):
    from minegraph.core.namespaces import OA, iri

    project, toml = make_project(tmp_path, ARTICLE.format(quote="Mines are weapons of the past.", stance="oppose"))
    graph = build(project, toml)
    position = iri("selector", "tiny-01-first-position")
    assert graph.value(position, OA.start).toPython() == 10
    assert graph.value(position, OA.end).toPython() == 40


@pytest.mark.parametrize(
    "text, expected",
    [
        ("6,279", (6279, "exact", None)),
        ("at least 1,983", (1983, "at-least", None)),
        ("84% (wom.ch summary says \"three quarters\")", (84, "exact", "%")),
        ("more than 55 million", (55_000_000, "over", None)),
        ("281.50 km2; 160,566 antipersonnel mines destroyed", (281.5, "exact", None)),
        ("Myanmar, 2,029 (second consecutive year highest)", None),
        ("27th annual edition", None),
    ],
)
def test_figures_are_parsed_from_their_leading_number(text, expected):
    parsed = parse_figure(text)
    if expected is None:
        assert parsed is None
    else:
        amount, qualifier, unit = parsed
        assert (float(amount), qualifier, unit) == (float(expected[0]), expected[1], expected[2])
