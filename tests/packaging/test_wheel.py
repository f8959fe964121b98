"""The built wheel works outside any checkout: it carries the ontology, graph, queries and curation,
and keeps its persisted store in the user's cache, not in site-packages."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.wheel


def run(cmd, cwd, env, timeout=600):
    done = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, f"{cmd} failed ({done.returncode}):\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}"
    return done


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """A fresh virtual environment outside the repository with the built wheel installed."""
    tmp = tmp_path_factory.mktemp("wheel")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MINEGRAPH", "VIRTUAL_ENV", "PYTHON"))}
    env["XDG_CACHE_HOME"] = str(tmp / "cache")
    run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(tmp / "dist"), str(ROOT)], tmp, env)
    wheel = next((tmp / "dist").glob("minegraph-*.whl"))
    venv.create(tmp / "venv")  # without pip of its own (seeding one takes seconds): this pip installs into it
    python = tmp / "venv" / "bin" / "python"
    run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--quiet",
            "-c",
            str(ROOT / "constraints.txt"),
            str(wheel),
        ],
        tmp,
        env,
    )
    work = tmp / "elsewhere"
    work.mkdir()
    return python, work, env, tmp


def test_the_wheel_carries_the_data(installed):
    python, work, env, _ = installed
    done = run([str(python), "-c", "import minegraph.core.project as p; print(p.PACKAGE_DATA)"], work, env)
    data = Path(done.stdout.strip())
    assert (data / "ontology" / "minegraph.ttl").is_file()
    assert (data / "queries" / "in-force-on-date.rq").is_file()
    assert any((data / "graph" / "sources").glob("*.txt"))
    assert (data.parent / "publish" / "static" / "yasgui" / "yasgui.min.js").is_file(), "the query page works offline"
    assert not str(data).startswith(str(ROOT))


def test_validate_query_and_trace_work_outside_a_checkout(installed):
    python, work, env, tmp = installed
    cli = [str(python), "-m", "minegraph"]
    run(cli + ["validate"], work, env)
    rows = run(cli + ["query", "in-force-on-date", "--param", "date=2025-01-01", "--format", "csv"], work, env)
    assert len(rows.stdout.strip().splitlines()) == 1 + 164
    card = run(cli + ["trace", "downward spiral"], work, env)
    assert "downward spiral" in card.stdout
    api = run(
        [str(python), "-c", "import minegraph; print(len(minegraph.query('in-force-on-date', date='2025-01-01')))"],
        work,
        env,
    )
    assert api.stdout.strip() == "164"
    site = Path(
        run([str(python), "-c", "import minegraph; print(minegraph.__file__)"], work, env).stdout.strip()
    ).parent
    assert not (site / "_data" / ".store").exists(), "the store must not be written into site-packages"
    assert any((tmp / "cache" / "minegraph").rglob("manifest.json")), "the store lives in the user cache"


def test_a_project_option_naming_no_directory_is_an_error(installed):
    python, work, env, _ = installed
    done = subprocess.run(
        [str(python), "-m", "minegraph", "--project", str(work / "missing"), "validate"],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    assert "no such project directory" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_release_exported_from_the_wheel_carries_its_licence_files(installed):
    python, work, env, tmp = installed
    run([str(python), "-m", "minegraph", "export", "--output", str(tmp / "release")], work, env)
    for name in ("LICENSE", "RIGHTS.md", "CITATION.cff"):
        assert (tmp / "release" / name).is_file(), name
    assert name in (tmp / "release" / "SHA256SUMS").read_text()
