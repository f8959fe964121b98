"""accept: a reviewed draft becomes curation and a rebuilt, validated graph; untouched suggestions stay
'suggested', edited ones become 'accepted'; a draft with a mistake is refused naming line and field, and
nothing is written. All on a scratch copy: the fiction never reaches the committed graph."""

from __future__ import annotations

import pytest

from minegraph.cli import main
from minegraph.core.project import Project
from minegraph.errors import CurationError
from minegraph.ingest.accept import check_draft
from tests.support.fiction import as_reviewed


def _snapshot(project: Project) -> dict[str, bytes]:
    return {
        str(p.relative_to(project.root)): p.read_bytes()
        for folder in ("curation", "graph")
        for p in sorted((project.root / folder).rglob("*"))
        if p.is_file()
    }


def test_an_edited_stance_becomes_accepted_and_untouched_ones_stay_suggested(ingested, tmp_path):
    project, draft = ingested
    curation, actors, result = check_draft(project, as_reviewed(draft, tmp_path))
    drafted = draft.read_text(encoding="utf-8").splitlines().count("[[statement]]")
    assert drafted >= 6 and result.statements == drafted and (result.accepted, result.suggested) == (1, drafted - 1)
    assert 'method = "accepted"\nby = "organisation:minegraph-curators"' in curation
    assert 'by = "organisation:minegraph-extractor"' in curation
    assert actors is not None and 'label = "Marta Lindqvist"' in actors


@pytest.mark.parametrize(
    "edit, message",
    [
        (('method = "suggested"\nconfidence', 'method = "maybe"\nconfidence'), "method 'maybe'"),
        (('stance = "oppose"', 'stance = "against"'), "stance 'against' is not one of support, oppose, neutral"),
        (('mode = "direct"', 'mode = "direct"\ntone = "angry"'), "unknown field(s) tone"),
        (('about = "decision:LTU-withdrawal"', 'about = "decision:XXX-withdrawal"'), "is not a decision of the graph"),
        (
            ('quote = "This is a tragic step backwards for civilians"', 'quote = "This is a tragic step forwards"'),
            "is not in graph/sources/",
        ),
    ],
)
def test_a_draft_with_a_mistake_names_line_and_field_and_writes_nothing(ingested, tmp_path, capsys, edit, message):
    project, draft = ingested
    reviewed = as_reviewed(draft, tmp_path)
    reviewed.write_text(reviewed.read_text(encoding="utf-8").replace(*edit, 1), encoding="utf-8")
    before = _snapshot(project)
    with pytest.raises(CurationError, match=r":\d+: ") as error:
        check_draft(project, reviewed)
    assert message in str(error.value)
    assert main(["--project", str(project.root), "accept", str(reviewed)]) == 2
    assert "Traceback" not in capsys.readouterr().err
    assert _snapshot(project) == before


def test_accept_writes_curation_rebuilds_and_the_graph_conforms(ingested, tmp_path, capsys):
    project, draft = ingested
    assert main(["--project", str(project.root), "accept", str(as_reviewed(draft, tmp_path))]) == 0
    assert "the graph is rebuilt and conforms" in capsys.readouterr().out
    slug = draft.stem
    assert (project.curation_dir / "sources" / f"{slug}.toml").is_file()
    assert (
        main(
            [
                "--project",
                str(project.root),
                "query",
                "who-said-what",
                "--param",
                f"source=source:{slug}",
                "--format",
                "csv",
            ]
        )
        == 0
    )
    rows = capsys.readouterr().out.strip().splitlines()[1:]
    assert len(rows) == draft.read_text(encoding="utf-8").splitlines().count("[[statement]]") and any(
        "Marta Lindqvist" in r for r in rows
    )
    assert main(["--project", str(project.root), "validate"]) == 0
