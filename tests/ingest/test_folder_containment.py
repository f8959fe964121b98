"""A folder ingest reads only the folder's own files: a text or sidecar that is a symbolic link out of
the folder is refused before anything is archived (else the private target would be archived, and
published by the next export)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from minegraph.cli import main

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "tests" / "gold"
NAME = "fiction-03-parliamentary-debate"


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("linked", [".txt", ".json"])
def test_a_symlink_out_of_the_folder_is_refused_and_nothing_is_archived(tmp_path, capsys, linked):
    project = tmp_path / "project"
    for part in ("ontology", "graph", "queries", "curation"):
        shutil.copytree(ROOT / part, project / part)
    private, inbox = tmp_path / "private", tmp_path / "inbox"
    private.mkdir()
    inbox.mkdir()
    meta = json.loads((GOLD / f"{NAME}.json").read_text())
    files = {
        ".txt": (GOLD / f"{NAME}.txt").read_bytes(),
        ".json": json.dumps({k: meta[k] for k in ("url", "title", "publisher", "date")}).encode(),
    }
    for suffix, data in files.items():
        target = (private if suffix == linked else inbox) / f"{NAME}{suffix}"
        target.write_bytes(data)
    (inbox / f"{NAME}{linked}").symlink_to(private / f"{NAME}{linked}")
    before = _files(project)
    assert main(["--project", str(project), "ingest", str(inbox)]) == 2
    err = capsys.readouterr().err
    assert f"{NAME}{linked}: is a symbolic link leading out of the folder" in err and "Traceback" not in err
    assert _files(project) == before
