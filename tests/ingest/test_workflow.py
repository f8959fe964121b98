"""ingest archives a text byte for byte, writes a draft and nothing else; a repeated text is refused;
bad metadata is an error naming the file and the field, with nothing written."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from minegraph.cli import main
from minegraph.core.project import Project

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "tests" / "gold"
TEXT = GOLD / "fiction-02-press-release.txt"


@pytest.fixture
def scratch(tmp_path) -> Project:
    """A throw-away copy of the project: fiction never reaches the committed graph."""
    for part in ("ontology", "graph", "queries", "curation"):
        shutil.copytree(ROOT / part, tmp_path / part)
    return Project(tmp_path)


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _ingest(project, *extra, text=TEXT):
    return main(
        [
            "--project",
            str(project.root),
            "ingest",
            str(text),
            "--url",
            "https://example.invalid/x",
            "--title",
            "Fiction press release",
            "--publisher",
            "Euronews",
            "--date",
            "2026-03-04",
            *extra,
        ]
    )


def test_ingest_archives_the_text_and_writes_only_a_draft(scratch, capsys):
    before = _files(scratch.root)
    assert _ingest(scratch) == 0
    after = _files(scratch.root)
    added = sorted(set(after) - set(before))
    assert [a for a in added if not a.startswith("drafts/")] == [
        "graph/sources/euronews-2026-03-04-fiction-press-release.txt"
    ]
    assert after["graph/sources/euronews-2026-03-04-fiction-press-release.txt"] == TEXT.read_bytes()
    assert all(after[name] == data for name, data in before.items()), "nothing else changed"
    draft = (scratch.root / "drafts" / "euronews-2026-03-04-fiction-press-release.toml").read_text()
    assert 'publisher = "organisation:euronews"' in draft and "[[statement.assessment]]" in draft
    assert f"minegraph --project {scratch.root.resolve()} accept " in capsys.readouterr().out


def test_the_same_text_again_is_refused_naming_the_archived_source(scratch, capsys):
    assert _ingest(scratch) == 0
    capsys.readouterr()
    before = _files(scratch.root)
    assert _ingest(scratch) == 2
    err = capsys.readouterr().err
    assert "already archived as graph/sources/euronews-2026-03-04-fiction-press-release.txt" in err
    assert "Traceback" not in err
    assert _files(scratch.root) == before


@pytest.mark.parametrize(
    "flag, value, message",
    [
        ("--date", "2025-02-30", "is not an ISO date"),
        ("--url", "ftp://example.invalid/x", "is not an http(s) URL"),
    ],
)
def test_bad_metadata_is_refused_with_nothing_written(scratch, capsys, flag, value, message):
    before = _files(scratch.root)
    assert _ingest(scratch, flag, value) == 2
    assert message in capsys.readouterr().err
    assert _files(scratch.root) == before


def test_a_text_that_is_not_utf8_is_refused_naming_the_byte(scratch, tmp_path, capsys):
    bad = tmp_path / "bad.txt"
    bad.write_bytes("Le ministre a déclaré".encode("latin-1"))
    assert _ingest(scratch, text=bad) == 2
    assert "not UTF-8 text (byte 0xe9" in capsys.readouterr().err


def test_a_folder_is_ingested_text_by_text_after_checking_every_sidecar(scratch, tmp_path, capsys):
    folder = tmp_path / "inbox"
    folder.mkdir()
    for name in ("fiction-03-parliamentary-debate", "fiction-07-non-ascii-names"):
        shutil.copy(GOLD / f"{name}.txt", folder)
        meta = json.loads((GOLD / f"{name}.json").read_text())
        (folder / f"{name}.json").write_text(json.dumps({k: meta[k] for k in ("url", "title", "publisher", "date")}))
    assert main(["--project", str(scratch.root), "ingest", str(folder)]) == 0
    out = capsys.readouterr()
    assert out.out.count("archived ") == 2 and "2/2" in out.err
    assert len(list((scratch.root / "drafts").glob("*.toml"))) == 2


def test_extract_prints_offsets_that_slice_the_text_to_the_quote(scratch, capsys):
    assert main(["--project", str(scratch.root), "extract", str(TEXT)]) == 0
    statements = json.loads(capsys.readouterr().out)["statements"]
    text = TEXT.read_text(encoding="utf-8")
    assert statements and all(text[s["start"] : s["end"]] == s["quote"] for s in statements)
    assert {s["stance"] for s in statements} <= {"support", "oppose", "neutral"}
