"""Fiction ingested into a throw-away copy of the project (the ingest and review tests), and a draft edited as
a reviewer would; fiction never reaches the committed graph."""

from __future__ import annotations

import contextlib
import shutil
from pathlib import Path

from minegraph.cli import main
from minegraph.core.project import Project
from tests.support.paths import ROOT

#: A fiction wire story (the review page's tests).
FINLAND_WIRE = """Finland completes its exit from the mine ban

HELSINKI, Jan 10 (Fictional Wire) - Finland's withdrawal from the Ottawa Convention took effect on Saturday.

"We followed every step the treaty requires," said Eero Mattila, a spokesman for the president's office.

For the mayor of Kotka, Liisa Rantanen, the withdrawal is a mistake the town will pay for.

The aid group Clearway Trust said the exit would cost lives. "Mines do not sign ceasefires," its director, Sofia Lind, said.
"""


def ingest_fiction(tmp_path: Path, text: str, title: str, date: str, publisher: str = "Fictional Wire"):
    """A throw-away copy of the project with a fiction `text` ingested: the project, its draft, and the
    accept command ingest printed. Fiction never reaches the committed graph."""
    root = tmp_path / "project"
    for part in ("ontology", "graph", "queries", "curation"):
        shutil.copytree(ROOT / part, root / part)
    source = tmp_path / "wire.txt"
    source.write_text(text, encoding="utf-8")
    out = tmp_path / "ingest.out"
    with out.open("w") as stream, contextlib.redirect_stdout(stream):
        assert (
            main(
                [
                    "--project",
                    str(root),
                    "ingest",
                    str(source),
                    "--url",
                    "https://example.invalid/wire",
                    "--title",
                    title,
                    "--publisher",
                    publisher,
                    "--date",
                    date,
                ]
            )
            == 0
        )
    command = out.read_text().strip().splitlines()[-1].split("then: ", 1)[1]
    return Project(root), next((root / "drafts").glob("*.toml")), command


def as_reviewed(draft: Path, tmp_path: Path) -> Path:
    """The draft of tests/gold/fiction-01-wire-story.txt (the ingest tests' ``ingested``) as a reviewer leaves
    it: the unnamed speaker filled in, one stance changed."""
    text = draft.read_text(encoding="utf-8").replace(
        'speaker = ""', 'speaker = "post:european-commission-spokesperson"'
    )
    start = text.index('id = "02-')
    stance = text.index('stance = "support"', start)
    text = text[:stance] + 'stance = "neutral"' + text[stance + len('stance = "support"') :]
    edited = tmp_path / draft.name
    edited.write_text(text, encoding="utf-8")
    return edited


def ingested_draft(tmp_path: Path) -> tuple[Project, Path]:
    """A scratch project with FINLAND_WIRE ingested: the project and its draft."""
    project, draft, _ = ingest_fiction(tmp_path, FINLAND_WIRE, "Finland completes its exit", "2026-01-10")
    return project, draft
