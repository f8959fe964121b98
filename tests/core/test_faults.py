"""SIGKILL at random points: ``build``, ``accept``, ``export`` and the store's rebuild each leave their
folders wholly the old or wholly the new version, free locks, and a next run that finishes the job
and leaves nothing behind.

Each command is first run whole (timed, giving the new version), then started again from the old
version and killed after a delay drawn by a seeded RNG over that duration, a few times; the real
process is killed, no hook inside minegraph. The small fixture graph serves ``export`` and the
store, whose cost does not depend on the curation; ``build`` and ``accept`` need the real curation.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import random
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from minegraph.cli import main
from minegraph.core.project import Project
from minegraph.store.cache import open_current, store_files

ROOT = Path(__file__).resolve().parents[2]
KILLS = 5
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
NEW_TRIPLE = (
    "\n<https://w3id.org/minegraph/id/person/fault-added> <http://www.w3.org/2000/01/rdf-schema#label> "
    '"added after the first version"@en .\n'
)


def _copy_project(root: Path, parts=("ontology", "graph", "queries", "curation")) -> Path:
    for part in parts:
        shutil.copytree(ROOT / part, root / part)
    return root


def tree_hash(folder: Path) -> str:
    """One digest of every file under ``folder`` (hidden ones too: a stray temp file is a difference)."""
    if not folder.exists():
        return "absent"
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(f"{path.relative_to(folder)}\0{path.stat().st_size}\0".encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def store_version(location: Path) -> str:
    """The digest the store's manifest names, if the database it names holds the bytes it was built with."""
    try:
        manifest = json.loads((location / "manifest.json").read_text(encoding="utf-8"))
    except FileNotFoundError:
        return "absent"
    database = location / manifest["database"]
    built = {name: entry["sha256"] for name, entry in manifest["store_files"].items()}
    now = {name: entry["sha256"] for name, entry in store_files(database).items()} if database.is_dir() else {}
    return manifest["digest"] if now == built else "broken"


def leftovers(root: Path) -> list[str]:
    """Staging folders, temporary files, scratch builds and superseded databases anywhere in the project."""
    strays = [
        p
        for p in root.rglob("*")
        if "staging" in p.name or p.name.endswith(".tmp") or p.name.startswith(("build-", "trash-"))
    ]
    store = root / ".store"
    if (store / "manifest.json").exists():
        current = json.loads((store / "manifest.json").read_text(encoding="utf-8"))["database"]
        strays += [p for p in store.glob("db-*") if p.name != current]
    return sorted(str(p.relative_to(root)) for p in strays)


def locks_are_free(root: Path) -> bool:
    """Every lock file of the project can be taken at once (a killed holder leaves none stuck)."""
    for lock in [*root.glob(".*.lock"), *root.glob(".store/.*.lock")]:
        with open(lock, "a+") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return False
    return True


def _minegraph(root: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "minegraph", "--project", str(root), *args]


def _succeeds(argv: list[str]) -> str:
    done = subprocess.run(argv, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def _kill_after(argv: list[str], delay: float) -> None:
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        process.wait(timeout=delay)
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGKILL)
        process.wait()


class Faults:
    """Kill ``argv`` repeatedly between the old and the new version of the folders ``versions`` names."""

    def __init__(self, root: Path, argv: list[str], versions: dict[str, Callable[[Path], str]], seed: int):
        self.root, self.argv, self.versions, self.rng = root, argv, versions, random.Random(seed)
        self.pristine = root.parent / f"{root.name}-old"
        for name in versions:
            if (root / name).exists():
                shutil.copytree(root / name, self.pristine / name, symlinks=True)

    def state(self) -> dict[str, str]:
        return {name: version(self.root / name) for name, version in self.versions.items()}

    def restore_old(self) -> None:
        for name in self.versions:
            shutil.rmtree(self.root / name, ignore_errors=True)
            if (self.pristine / name).exists():
                shutil.copytree(self.pristine / name, self.root / name, symlinks=True)

    def run(self, kills: int = KILLS) -> tuple[dict, dict, list[dict]]:
        """(old, new, the state after each kill); asserts after each kill that every folder is old or new,
        and that the locks are free; the last run from what the kills left must give the new version."""
        old = self.state()
        started = time.monotonic()
        _succeeds(self.argv)
        duration = time.monotonic() - started
        new = self.state()
        assert all(new[name] != old[name] for name in new), "the command did not change what it should"
        self.restore_old()
        seen = []
        for delay in sorted(self.rng.uniform(0.05, duration) for _ in range(kills)):
            _kill_after(self.argv, delay)
            state = self.state()
            seen.append(state)
            for name, version in state.items():
                assert version in (old[name], new[name]), (
                    f"{name} is neither the old nor the new version after a kill at {delay:.2f} s"
                )
            assert locks_are_free(self.root), f"a lock is stuck after a kill at {delay:.2f} s"
            if state == new:
                self.restore_old()
        self.last_output = _succeeds(self.argv)
        assert self.state() == new, "the run after the kills does not give the new version"
        assert leftovers(self.root) == []
        return old, new, seen


def test_a_killed_build_leaves_graph_old_or_new_and_the_next_build_recovers(tmp_path):
    root = _copy_project(tmp_path / "project")
    actors = root / "graph" / "actors.ttl"
    actors.write_bytes(actors.read_bytes() + b"# an edit the build will undo\n")
    Faults(root, _minegraph(root, "build"), {"graph": tree_hash}, seed=1).run()


def test_a_killed_accept_leaves_curation_and_graph_old_or_new_and_accepting_again_finishes(tmp_path):
    root = _copy_project(tmp_path / "project")
    assert (
        main(
            [
                "--project",
                str(root),
                "ingest",
                str(ROOT / "tests" / "gold" / "fiction-01-wire-story.txt"),
                "--url",
                "https://example.invalid/wire",
                "--title",
                "Lawmakers back exit",
                "--publisher",
                "Euronews",
                "--date",
                "2026-03-03",
            ]
        )
        == 0
    )
    draft = next((root / "drafts").glob("*.toml"))
    draft.write_text(
        draft.read_text(encoding="utf-8").replace('speaker = ""', 'speaker = "post:european-commission-spokesperson"'),
        encoding="utf-8",
    )
    faults = Faults(root, _minegraph(root, "accept", str(draft)), {"curation": tree_hash, "graph": tree_hash}, seed=2)
    old, new, seen = faults.run(kills=3)  # the slowest command (two builds and a validation): fewer kills
    assert all(s["curation"] == new["curation"] for s in seen if s["graph"] == new["graph"]), (
        "graph/ was rebuilt from a curation/ that is not yet the accepted one"
    )
    assert (root / "curation" / "actors" / f"{draft.stem}.toml").is_file()


def test_a_killed_export_leaves_dist_old_or_new_and_the_next_export_recovers(small_project):
    root = small_project
    argv = _minegraph(root, "export", "--output", str(root / "dist"))
    _succeeds(argv)
    with open(root / "graph" / "fixture.ttl", "a", encoding="utf-8") as handle:
        handle.write(NEW_TRIPLE)
    Faults(root, argv, {"dist": tree_hash}, seed=3).run(kills=4)  # three whole exports besides: fewer kills


def test_a_killed_store_rebuild_leaves_the_old_or_new_store_and_the_next_query_answers_the_new_data(small_project):
    root = small_project
    argv = _minegraph(root, "sparql", COUNT, "--format", "csv")
    before = _succeeds(argv)
    with open(root / "graph" / "fixture.ttl", "a", encoding="utf-8") as handle:
        handle.write(NEW_TRIPLE)
    faults = Faults(root, argv, {".store": store_version}, seed=4)
    faults.run(kills=6)
    assert int(faults.last_output.split()[-1]) == int(before.split()[-1]) + 1
    open_current(Project(root), rebuild=False)  # current: opened without a rebuild
