"""SHA256SUMS, reproducibility, the archived texts, and the all-or-nothing write of a release."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys

import pytest

import minegraph.publish.export.release as release_module
from minegraph.errors import InputError
from minegraph.publish.export import export
from tests.support.paths import ROOT


def _tree(root):
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_sha256sums_lists_every_other_file_with_its_hash(release):
    root = release.output_dir
    lines = (root / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    listed = dict(reversed(line.split("  ", 1)) for line in lines)
    assert set(listed) == set(_tree(root)) - {"SHA256SUMS"}
    for name, digest in listed.items():
        assert hashlib.sha256((root / name).read_bytes()).hexdigest() == digest, name
    assert [line.split("  ", 1)[1] for line in lines] == sorted(listed)


def test_manifest_matches_the_files(release):
    tree = _tree(release.output_dir)
    assert {e.path for e in release.files} == set(tree)
    for entry in release.files:
        assert entry.byte_size == len(tree[entry.path])
        assert entry.sha256 == hashlib.sha256(tree[entry.path]).hexdigest()


def test_two_exports_are_byte_identical(release, tmp_path):
    again = export(ROOT, tmp_path / "dist")
    assert _tree(again.output_dir) == _tree(release.output_dir)


def test_another_process_with_another_hash_seed_writes_the_same_bytes(release, tmp_path):
    out = tmp_path / "dist"
    code = "import sys; from minegraph.publish.export import export; export(sys.argv[1], sys.argv[2])"
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    subprocess.run([sys.executable, "-c", code, str(ROOT), str(out)], check=True, env=env, capture_output=True)
    assert _tree(out) == _tree(release.output_dir)


def test_with_texts_the_archived_texts_are_included(release):
    for path in sorted((ROOT / "graph" / "sources").glob("*.txt")):
        assert (release.output_dir / "sources" / path.name).read_bytes() == path.read_bytes()


def test_without_texts_leaves_out_the_texts_but_keeps_hashes_and_selectors(release_without_texts):
    root = release_without_texts.output_dir
    texts = sorted((ROOT / "graph" / "sources").glob("*.txt"))
    assert texts, "the project archives at least one text"
    assert not list(root.rglob("*.txt"))
    dump = (root / "minegraph.nt").read_text(encoding="utf-8")
    for path in texts:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        assert f'"{digest}"' in dump
    assert "<http://www.w3.org/ns/oa#TextQuoteSelector>" in dump
    assert "<http://www.w3.org/ns/oa#TextPositionSelector>" in dump
    assert release_without_texts.without_texts


def test_legal_files_travel_with_the_release(release):
    for name in ("LICENSE", "RIGHTS.md", "CITATION.cff"):
        assert (release.output_dir / name).read_bytes() == (ROOT / name).read_bytes()


def test_a_crash_mid_export_leaves_the_previous_release_untouched(small_project, tmp_path, monkeypatch):
    """On the small project: what a crash leaves does not depend on the graph, and each export of the
    real one takes seconds."""
    out = tmp_path / "release" / "dist"
    out.parent.mkdir()
    export(small_project, out)
    before = _tree(out)

    def write_some_then_crash(root, files):
        (root / "minegraph.ttl").write_bytes(b"half")
        raise OSError("disk full")

    monkeypatch.setattr(release_module, "write_tree", write_some_then_crash)
    with pytest.raises(OSError, match="disk full"):
        export(small_project, out)
    assert _tree(out) == before
    left = sorted(p.name for p in out.parent.iterdir() if not p.name.endswith(".lock"))  # the lock file stays
    assert left == ["dist"], "no temporary directory left behind"


def test_refuses_to_replace_a_directory_that_is_not_a_release(tmp_path):
    out = tmp_path / "precious"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    with pytest.raises(InputError, match="not replacing it"):
        export(ROOT, out)
    assert (out / "notes.txt").read_text() == "mine"


def test_a_turtle_error_names_file_and_line(tmp_path):
    project = tmp_path / "project"
    for folder in ("ontology", "graph", "curation/sources"):
        (project / folder).mkdir(parents=True)
    (project / "ontology" / "minegraph.ttl").write_bytes((ROOT / "ontology" / "minegraph.ttl").read_bytes())
    (project / "graph" / "broken.ttl").write_text(
        "@prefix ex: <http://example.org/> .\n\nex:a ex:b \n", encoding="utf-8"
    )
    with pytest.raises(InputError) as caught:
        export(project, tmp_path / "dist")
    assert str(caught.value).startswith(f"{project / 'graph' / 'broken.ttl'}:")
    assert caught.value.line is not None
    assert not (tmp_path / "dist").exists()


@pytest.mark.parametrize(
    "make, message",
    [
        (lambda out: (out / "SHA256SUMS").write_text("x  notes.txt\n"), "was not made by minegraph export"),
        (lambda out: (out / ".minegraph-release").write_text("forged\n"), "was not made by minegraph export"),
    ],
)
def test_a_folder_holding_only_a_sums_file_or_a_forged_marker_is_never_replaced(tmp_path, small_project, make, message):
    out = tmp_path / "downloads"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    make(out)
    before = _tree(out)
    with pytest.raises(InputError, match=message):
        export(small_project, out)
    assert _tree(out) == before


def test_a_release_folder_with_a_foreign_file_added_is_never_replaced(tmp_path, small_project):
    out = tmp_path / "dist"
    export(small_project, out)
    (out / "ontology" / "my-notes.md").write_text("mine")
    before = _tree(out)
    with pytest.raises(InputError, match="holds ontology/my-notes.md, which no release of minegraph wrote"):
        export(small_project, out)
    assert _tree(out) == before
    (out / "ontology" / "my-notes.md").unlink()
    export(small_project, out)  # its own release alone: replaced


def test_only_archives_the_graph_names_are_shipped_and_never_through_a_symlink(tmp_path, small_project):
    """A text ingested but never accepted (no node names it) and a symlink out of graph/sources/ stay home."""
    sources = small_project / "graph" / "sources"
    sources.mkdir(exist_ok=True)
    (sources / "draft-never-accepted.txt").write_text("not reviewed")
    secret = tmp_path / "secret.txt"
    secret.write_text("private")
    (sources / "leak.txt").symlink_to(secret)
    manifest = export(small_project, tmp_path / "dist")
    shipped = {e.path for e in manifest.files}
    assert not {"sources/draft-never-accepted.txt", "sources/leak.txt"} & shipped
    assert not (tmp_path / "dist" / "sources").exists() or not any((tmp_path / "dist" / "sources").iterdir())
