"""Raptor's rapper (a third, independent parser) reads every RDF dump and counts its triples."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

pytestmark = pytest.mark.raptor

RAPPER = shutil.which("rapper")
DUMPS = {"minegraph.ttl": "turtle", "minegraph.nt": "ntriples", "minegraph.nq": "nquads", "minegraph.trig": "trig"}


@pytest.mark.skipif(
    RAPPER is None, reason="rapper is not installed (Debian raptor2-utils; `make export-tools` installs it)"
)
@pytest.mark.parametrize("name", sorted(DUMPS))
def test_rapper_parses_each_dump_and_counts_every_statement(release, name):
    result = subprocess.run(
        [RAPPER, "-i", DUMPS[name], "-c", str(release.output_dir / name)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert "Error" not in result.stderr, result.stderr
    counted = re.search(r"Parsing returned (\d+) (?:triples|statements)", result.stderr)
    assert counted, result.stderr
    assert int(counted.group(1)) == (release.quads if DUMPS[name] in ("nquads", "trig") else release.triples)


@pytest.mark.skipif(
    RAPPER is None, reason="rapper is not installed (Debian raptor2-utils; `make export-tools` installs it)"
)
def test_rapper_parses_the_void_description(release):
    result = subprocess.run(
        [RAPPER, "-i", "turtle", "-c", str(release.output_dir / "void.ttl")], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0 and "Error" not in result.stderr, result.stderr
