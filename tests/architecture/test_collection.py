"""Every test file on disk is collected: a folder that pytest skips by name (``build``, ``dist``,
``venv`` …) or a file that fails to import would otherwise guard nothing while the run stays green."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.collection import COLLECTED_FILES

TESTS = Path(__file__).resolve().parents[1]


def _on_disk(roots: list[Path]) -> set[Path]:
    files: set[Path] = set()
    for root in roots:
        if root.is_file():
            files.add(root)
        elif root.is_dir():
            files.update(p for p in root.rglob("test_*.py") if "__pycache__" not in p.parts)
    return files


def test_every_test_file_under_the_run_paths_is_collected(request: pytest.FixtureRequest) -> None:
    config = request.config
    args = [a.split("::", 1)[0] for a in config.args] or [str(TESTS)]
    roots = [Path(config.invocation_params.dir, a).resolve() for a in args]
    roots = [r for r in roots if r == TESTS or TESTS in r.parents]
    collected = request.config.stash.get(COLLECTED_FILES, set())
    missing = sorted(str(p.relative_to(TESTS)) for p in _on_disk(roots) - collected)
    assert not missing, f"test files on disk that pytest did not collect: {missing}"
    assert len(collected & _on_disk([TESTS])) >= len(_on_disk(roots))
