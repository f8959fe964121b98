"""Every module path the docs and docstrings name (``publish/negotiation.py``, ``core/formats.py``) exists,
under src/minegraph or at the repository's root: a renamed module otherwise leaves its old path in the prose
(test_named_modules.py does the same for dotted names)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "src" / "minegraph"
TEXTS = [
    ROOT / "README.md",
    ROOT / "SECURITY.md",
    ROOT / "queries" / "README.md",
    *sorted((ROOT / "docs").glob("*.md")),
    *sorted(PACKAGE.rglob("*.py")),
]
TOPS = "|".join(sorted(p.parent.name for p in PACKAGE.glob("*/__init__.py")))
#: A package-relative path to a module, not part of a longer path (``tests/core/x.py`` is a test's path).
PATH = re.compile(rf"(?<![\w/.-])(?:{TOPS})/[\w/]+\.py\b")


def missing(texts: list[Path]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for text in texts:
        for number, line in enumerate(text.read_text(encoding="utf-8").splitlines(), 1):
            for path in PATH.findall(line):
                if not (PACKAGE / path).is_file() and not (ROOT / path).is_file():
                    found.setdefault(path, []).append(f"{text.name}:{number}")
    return found


def test_every_named_module_path_exists():
    stale = missing(TEXTS)
    assert not stale, "module paths that do not exist (renamed?):\n" + "\n".join(
        f"  {path}  ({', '.join(where[:3])})" for path, where in sorted(stale.items())
    )


def test_the_check_tells_a_stale_path_from_a_real_or_a_test_one(tmp_path):
    doc = tmp_path / "doc.md"
    doc.write_text("`core/formats.py` and `publish/no_such_module.py`, tests/core/test_files.py\n")
    assert list(missing([doc])) == ["publish/no_such_module.py"]
