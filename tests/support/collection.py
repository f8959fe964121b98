"""Which test files were collected, for tests/architecture/test_collection.py (a plugin: tests/conftest.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

#: Every test file that yielded at least one test, before ``-m``/``-k`` deselection.
COLLECTED_FILES = pytest.StashKey[set]()


def pytest_itemcollected(item):
    item.config.stash.setdefault(COLLECTED_FILES, set()).add(Path(item.path).resolve())
