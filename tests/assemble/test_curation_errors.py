"""Bad curation input gets a clear error naming the file and line, and writes nothing."""

from pathlib import Path

import pytest

from minegraph.assemble.builder import BuildContext
from minegraph.assemble.parts.landmine_monitor import parse_figure
from minegraph.assemble.parts.source_documents import build_source
from minegraph.assemble.source_registry import SourceRegistry
from minegraph.core.project import Project
from minegraph.errors import CurationError

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

[[statement.assessment]]
about = "decision:X-withdrawal"
stance = "{stance}"
method = "curated"
note = "Calls mines a thing of the past."
"""


def make_project(tmp_path: Path, toml_text: str) -> tuple[Project, Path]:
    root = tmp_path / "project"
    (root / "curation" / "sources").mkdir(parents=True)
    (root / "graph" / "sources").mkdir(parents=True)
    (root / "graph" / "sources" / "tiny.txt").write_text(
        "He said: “Mines are weapons of the past.”\n", encoding="utf-8"
    )
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
    project, toml = make_project(
        tmp_path,
        ARTICLE.format(quote="x", stance="oppose").replace('title = "A tiny article"', "title = A tiny article"),
    )
    with pytest.raises(CurationError) as caught:
        build(project, toml)
    assert caught.value.line == 5 and caught.value.column is not None


def test_a_missing_required_field_is_named(tmp_path):
    project, toml = make_project(
        tmp_path,
        ARTICLE.format(quote="Mines are weapons of the past.", stance="oppose").replace(
            'speaker = "person:someone"\n', ""
        ),
    )
    with pytest.raises(CurationError, match="missing required field 'speaker'"):
        build(project, toml)


def test_a_reference_of_unknown_kind_is_refused(tmp_path):
    project, toml = make_project(
        tmp_path,
        ARTICLE.format(quote="Mines are weapons of the past.", stance="oppose").replace(
            "person:someone", "human:someone"
        ),
    )
    with pytest.raises(CurationError, match="neither a URL nor kind:slug"):
        build(project, toml)


def test_a_good_statement_is_anchored_at_code_point_offsets(tmp_path):
    from minegraph.core.namespaces import OA, iri

    project, toml = make_project(tmp_path, ARTICLE.format(quote="Mines are weapons of the past.", stance="oppose"))
    graph = build(project, toml)
    position = iri("selector", "tiny-01-first-position")
    assert graph.value(position, OA.start).toPython() == 10
    assert graph.value(position, OA.end).toPython() == 40


def _article(**assessment) -> str:
    """The tiny article with its assessment's fields replaced (None removes a field)."""
    fields = {
        "about": '"decision:X-withdrawal"',
        "stance": '"oppose"',
        "method": '"curated"',
        "note": '"Calls mines a thing of the past."',
        **assessment,
    }
    head = ARTICLE.format(quote="Mines are weapons of the past.", stance="oppose").split("[[statement.assessment]]")[0]
    return head + "[[statement.assessment]]\n" + "".join(f"{k} = {v}\n" for k, v in fields.items() if v is not None)


def test_an_assessment_is_one_node_per_statement_and_decision_with_its_assessor_and_method(tmp_path):
    from minegraph.core.namespaces import MG, PROV, concept, iri

    groups = '[groups]\npair = ["decision:X-withdrawal", "decision:Y-withdrawal"]\n\n[[statement]]'
    project, toml = make_project(tmp_path, _article(about='"@pair"').replace("[[statement]]", groups))
    graph = build(project, toml)
    statement = iri("statement", "tiny-01-first")
    assessments = sorted(graph.subjects(MG.assessedStatement, statement))
    assert assessments == [
        iri("stance-assessment", "tiny-01-first.X-withdrawal"),
        iri("stance-assessment", "tiny-01-first.Y-withdrawal"),
    ]
    assert set(graph.objects(statement, MG.about)) == {iri("decision", "X-withdrawal"), iri("decision", "Y-withdrawal")}
    first = assessments[0]
    assert graph.value(first, MG.stance) == concept("stance", "oppose")
    assert graph.value(first, MG.assessmentMethod) == concept("assessment-method", "curated")
    assert graph.value(first, PROV.wasAttributedTo) == iri("organisation", "minegraph-curators")
    assert graph.value(statement, MG.stance) is None  # the stance is on the assessment, never on the statement


@pytest.mark.parametrize(
    "change, message",
    [
        ({"stance": '"against"'}, "stance must be one of support, oppose, neutral, mixed"),
        ({"method": '"guessed"'}, "method must be one of curated, suggested, accepted"),
        ({"method": '"suggested"', "by": '"organisation:extractor"'}, "needs a confidence"),
        ({"method": '"suggested"', "confidence": "0.7"}, "must name who suggested it"),
        ({"confidence": "1.5"}, "confidence must be between 0 and 1"),
        ({"note": None}, "missing required field 'note'"),
        ({"colour": '"red"'}, "unknown field(s) colour"),
    ],
)
def test_a_bad_assessment_names_the_file_and_the_line_of_its_table(tmp_path, change, message):
    project, toml = make_project(tmp_path, _article(**change))
    with pytest.raises(CurationError) as caught:
        build(project, toml)
    assert message in str(caught.value) and caught.value.line == 16  # the [[statement.assessment]] line


def test_a_statement_without_assessment_or_with_the_old_single_stance_is_refused(tmp_path):
    head = _article().split("[[statement.assessment]]")[0]
    project, toml = make_project(tmp_path, head)
    with pytest.raises(CurationError, match="needs at least one \\[\\[statement.assessment\\]\\]"):
        build(project, toml)
    toml.write_text(head + 'about = ["decision:X-withdrawal"]\nstance = "oppose"\n', encoding="utf-8")
    with pytest.raises(CurationError, match="belong in \\[\\[statement.assessment\\]\\] tables"):
        build(project, toml)


def test_two_assessments_toward_the_same_decision_are_refused(tmp_path):
    text = _article() + "\n" + "[[statement.assessment]]" + _article().split("[[statement.assessment]]")[1]
    project, toml = make_project(tmp_path, text)
    with pytest.raises(CurationError, match="more than one assessment toward"):
        build(project, toml)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("6,279", (6279, "exact", None)),
        ("at least 1,983", (1983, "at-least", None)),
        ('84% (wom.ch summary says "three quarters")', (84, "exact", "%")),
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
