"""accept keeps every path in its folder and writes TOML as TOML: a draft's slug or archive that leaves
its folder is refused (one message whether or not such a file exists), a title holding a line break
cannot inject tables, a nesting bomb or an id no IRI can hold is a message naming the draft."""

from __future__ import annotations

import re
import tomllib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from minegraph.cli import main
from minegraph.errors import CurationError
from minegraph.ingest.accept import accept, check_draft
from tests.support.fiction import as_reviewed


def _tree(root):
    """Every file under the scratch project's parent (so a write beside the project shows too)."""
    return sorted(str(p.relative_to(root.parent)) for p in root.parent.rglob("*") if p.is_file())


def _edited(draft, tmp_path, pattern: str, replacement: str):
    reviewed = as_reviewed(draft, tmp_path)
    text = reviewed.read_text(encoding="utf-8")
    edited, count = re.subn(pattern, lambda m: replacement, text, count=1, flags=re.MULTILINE)
    assert count == 1, pattern
    reviewed.write_text(edited, encoding="utf-8")
    return reviewed


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("slug", "../../pyproject", "cannot be part of an IRI"),
        ("slug", "../../../x", "cannot be part of an IRI"),
        ("slug", "a/b", "cannot be part of an IRI"),
        ("slug", ".hidden", "cannot be part of an IRI"),
        ("slug", "Upper_Case", "is not a slug"),
        ("slug", "a..b", "is not a slug"),
        ("archive", "../../pyproject.toml", "is not a text ingest archived"),
        ("archive", "../../../../../../etc/passwd", "is not a text ingest archived"),
        ("archive", "no-such-text.txt", "is not a text ingest archived"),
    ],
)
def test_a_path_leaving_its_folder_is_refused_and_nothing_is_written(ingested, tmp_path, capsys, field, value, message):
    project, draft = ingested
    reviewed = _edited(draft, tmp_path, rf'^{field} = ".*"$', f'{field} = "{value}"')
    before = _tree(project.root)
    with pytest.raises(CurationError, match=r":\d+: \[document\] " + field) as refused:
        check_draft(project, reviewed)
    assert message in str(refused.value)
    assert main(["--project", str(project.root), "accept", str(reviewed)]) == 2
    assert "Traceback" not in capsys.readouterr().err
    assert _tree(project.root) == before


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    title=st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=60)
    | st.sampled_from(['x\n[[statement]]\nid = "forged"', 'x"\nby = "person:someone"', "\r\n[document]\x1b[2J"])
)
def test_any_title_round_trips_and_injects_nothing(ingested, tmp_path_factory, title):
    project, draft = ingested
    reviewed = _edited(
        draft,
        tmp_path_factory.mktemp("title"),
        r'^title = ".*"$',
        'title = "'
        + title.translate({ord("\\"): "\\\\", ord('"'): '\\"', ord("\n"): "\\n", ord("\r"): "\\r", ord("\t"): "\\t"})
        + '"',
    )
    if any(ord(c) < 0x20 and c not in "\n\r\t" or ord(c) == 0x7F for c in title):
        reviewed.write_text(
            reviewed.read_text(encoding="utf-8").replace(
                title.translate({ord("\n"): "\\n", ord("\r"): "\\r", ord("\t"): "\\t"}),
                "".join(f"\\u{ord(c):04X}" if ord(c) < 0x20 or ord(c) == 0x7F else c for c in title),
            ),
            encoding="utf-8",
        )
    try:
        curation, _, result = check_draft(project, reviewed)
    except CurationError:
        return  # a title the draft's own TOML could not carry: refused, nothing written
    data = tomllib.loads(curation)
    assert data["document"]["title"] == title
    drafted = draft.read_text(encoding="utf-8").splitlines().count("[[statement]]")
    assert set(data) == {"document", "statement"} and len(data["statement"]) == result.statements == drafted
    assert all(
        a["by"] in ("organisation:minegraph-extractor", "organisation:minegraph-curators")
        for s in data["statement"]
        for a in s["assessment"]
    )


def test_a_toml_nesting_bomb_in_a_draft_is_a_message(ingested, tmp_path, capsys):
    project, draft = ingested
    bomb = tmp_path / "bomb.toml"
    bomb.write_text(
        draft.read_text(encoding="utf-8") + "\nbomb = " + "[" * 50_000 + "]" * 50_000 + "\n", encoding="utf-8"
    )
    with pytest.raises(CurationError, match="nested too deeply"):
        check_draft(project, bomb)
    assert main(["--project", str(project.root), "accept", str(bomb)]) == 2
    assert "Traceback" not in capsys.readouterr().err


def test_a_statement_id_no_iri_can_hold_is_named_at_its_line_in_the_draft(ingested, tmp_path):
    project, draft = ingested
    reviewed = _edited(draft, tmp_path, r'^id = "01-.*"$', 'id = "01 <script>"')
    with pytest.raises(
        CurationError,
        match=rf"{re.escape(str(reviewed))}:\d+: \[statement\] id = '01 <script>' cannot be part of an IRI",
    ):
        check_draft(project, reviewed)


def test_a_draft_the_trial_build_refuses_is_named_not_the_deleted_trial_file(ingested, tmp_path):
    """A mistake only the build finds (a mention of an actor nobody describes) names the draft."""
    project, draft = ingested
    reviewed = _edited(draft, tmp_path, r'^(mode = ".*")$', 'mode = "direct"\nmentions = ["person:nobody-at-all"]')
    with pytest.raises(CurationError) as refused:
        accept(project, reviewed)
    message = str(refused.value)
    assert message.startswith(f"{reviewed}: the accepted draft would not build: ") and "-trial" not in message
    assert "person:nobody-at-all" in message
