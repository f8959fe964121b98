"""Ingest and accept agree (issue 23): a new publisher and new speakers are proposed actors, a kept role and
organisation become a membership, every mistake of a draft is reported at once with "did you mean", and the
printed accept command works from any directory. The text is fiction written for this test."""

from __future__ import annotations

import shlex
import tomllib

import pytest

from minegraph.cli import main
from tests.support.fiction import ingest_fiction

TEXT = """Finland leaves the mine ban

HELSINKI, Jan 10 (Fictional Wire) - Finland's withdrawal from the Ottawa Convention took effect on Saturday.

"Leaving the treaty is a grave mistake that will cost lives," said Jonas Berg, spokesperson for the Nordic Mine Action Network.

President's office spokesman Eero Mattila said the country had acted responsibly and would keep supporting victims of mines.
"""


@pytest.fixture
def ingested(tmp_path):
    return ingest_fiction(tmp_path, TEXT, "Finland leaves the mine ban", "2026-01-10")


def test_a_new_publisher_and_new_speakers_are_proposed_and_a_kept_capacity_becomes_a_membership(
    ingested, tmp_path, monkeypatch, capsys
):
    project, draft, command = ingested
    data = tomllib.loads(draft.read_text(encoding="utf-8"))
    proposed = {a["id"]: a for a in data["new_actor"]}
    assert data["document"]["publisher"] == "organisation:fictional-wire" and "organisation:fictional-wire" in proposed
    berg = proposed["person:jonas-berg"]
    assert (berg["capacity_role"], berg["capacity_organisation"]) == (
        "spokesperson",
        "organisation:nordic-mine-action-network",
    )
    assert "organisation:nordic-mine-action-network" in proposed
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)  # the printed command works from any directory
    args = shlex.split(command)
    assert args[0] == "minegraph"
    assert main(args[1:]) == 0
    actors = (project.curation_dir / "actors" / f"{draft.stem}.toml").read_text(encoding="utf-8")
    assert 'id = "jonas-berg-nordic-mine-action-network-spokesperson"' in actors
    assert 'role = "spokesperson"' in actors and 'held_on = "2026-01-10"' in actors
    built = (project.graph_dir / "actors.ttl").read_text(encoding="utf-8")
    assert "jonas-berg-nordic-mine-action-network-spokesperson" in built
    curated = (project.curation_dir / "sources" / f"{draft.stem}.toml").read_text(encoding="utf-8")
    assert 'capacity = "membership:jonas-berg-nordic-mine-action-network-spokesperson"' in curated


def test_every_mistake_of_a_draft_is_reported_at_once_with_did_you_mean(ingested, capsys):
    project, draft, _ = ingested
    head, marker, text = draft.read_text(encoding="utf-8").partition("# ------")
    text = text.replace('speaker = "person:jonas-berg"', 'speaker = "person:jonas-bergg"', 1)
    text = text.replace('about = "decision:FIN-withdrawal"', 'about = "decision:FIN-withdrawl"', 1)
    text = text.replace('stance = "oppose"', 'stance = "opose"', 1)
    text = text.replace('method = "suggested"', 'method = "suggested"\nstnace = "oppose"', 1)
    draft.write_text(head + marker + text, encoding="utf-8")
    before = sorted(p.name for p in (project.curation_dir).rglob("*"))
    assert main(["--project", str(project.root), "accept", str(draft)]) == 2
    err = capsys.readouterr().err
    assert "4 problems; nothing was written" in err
    for hint in ("'person:jonas-berg'", "'decision:FIN-withdrawal'", "'oppose'", "did you mean 'stance'"):
        assert hint in err, hint
    assert err.count("line ") >= 4 and "Traceback" not in err
    assert sorted(p.name for p in (project.curation_dir).rglob("*")) == before


def test_the_draft_says_what_accept_requires(ingested):
    _, draft, _ = ingested
    header = draft.read_text(encoding="utf-8").split("[document]")[0]
    for required in (
        "AT LEAST ONE [[statement.assessment]]",
        "decision:FIN-withdrawal",
        "capacity_role",
        "(never\n#     empty)",
    ):
        assert required in header, required
