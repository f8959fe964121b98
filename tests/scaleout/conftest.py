"""Fixtures of the scale-out tests: a real Virtuoso on 127.0.0.1 holding the real graph and the
fixture graph (each in a named graph, pushed by ``minegraph push --server virtuoso``).

The instance is the one ``make virtuoso-start`` runs (its ``instance.json`` in
``$MINEGRAPH_VIRTUOSO_DIR``, default ``.virtuoso/``) when it answers; otherwise, when ``virtuoso-t``
is installed, a fresh one in a temporary folder, started here and always stopped. Without either,
the tests are skipped, saying why, unless ``MINEGRAPH_VIRTUOSO_REQUIRED=1`` (``make test-virtuoso``
sets it) turns that into a failure. The projects and embedded stores compared with it are the query
layer's (tests/support/stores.py), so both suites compare the same files.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from tests.support.engines import virtuoso_push_args
from tests.support.paths import ROOT

INSTANCE_SCRIPT = ROOT / "scaleout" / "instance.py"
REAL_GRAPH = "urn:minegraph:test:real"
FIXTURE_GRAPH = "urn:minegraph:test:fixture"


def _answers(info: dict) -> bool:
    try:
        with urllib.request.urlopen(info["endpoint"] + "?query=ASK%7B%7D", timeout=3) as response:
            return response.status == 200
    except (OSError, KeyError):
        return False


def _unavailable(reason: str):
    if os.environ.get("MINEGRAPH_VIRTUOSO_REQUIRED") == "1":
        pytest.fail(f"no Virtuoso: {reason}")
    pytest.skip(f"no Virtuoso reachable: {reason} (run `make test-virtuoso`)")


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory):
    """``instance.json`` of a running Virtuoso: endpoint, graph_store, user, password_file, pid, folder."""
    folder = Path(os.environ.get("MINEGRAPH_VIRTUOSO_DIR", ROOT / ".virtuoso"))
    try:
        info = json.loads((folder / "instance.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        info = None
    if info and _answers(info):
        yield info
        return
    if not shutil.which("virtuoso-t") or not shutil.which("isql-vt"):
        _unavailable(f"{folder}/instance.json does not answer and virtuoso-t is not installed")
    own = tmp_path_factory.mktemp("virtuoso")
    started = subprocess.run(
        [sys.executable, str(INSTANCE_SCRIPT), "--dir", str(own), "start"], capture_output=True, text=True, timeout=300
    )
    try:
        if started.returncode != 0:
            pytest.fail(f"could not start Virtuoso: {started.stderr.strip()}")
        yield json.loads((own / "instance.json").read_text(encoding="utf-8"))
    finally:
        subprocess.run(
            [sys.executable, str(INSTANCE_SCRIPT), "--dir", str(own), "stop"], capture_output=True, timeout=300
        )


@pytest.fixture(scope="session")
def virtuoso_stores(virtuoso, real_project, fixture_project):
    """Virtuoso after ``minegraph push --server virtuoso``: {"real": store, "fixture": store}, each
    querying its own named graph as the default graph (what ``--graph`` does on the command line)."""
    from minegraph.cli import main
    from minegraph.store.remote import RemoteStore

    assert (
        main(virtuoso_push_args(virtuoso, real_project, REAL_GRAPH, "--password-file", virtuoso["password_file"])) == 0
    )
    assert (
        main(virtuoso_push_args(virtuoso, fixture_project, FIXTURE_GRAPH, "--password-file", virtuoso["password_file"]))
        == 0
    )
    return {
        "real": RemoteStore(virtuoso["endpoint"], graph=REAL_GRAPH, timeout=120),
        "fixture": RemoteStore(virtuoso["endpoint"], graph=FIXTURE_GRAPH, timeout=120),
    }
