"""Every package's ``__init__`` docstring is a map of its room: a few lines that say what the package does and
name each of its modules and subpackages, so a reader opening a folder knows what is where."""

from __future__ import annotations

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "minegraph"
PENDING: set[str] = set()


def contents(package: Path) -> set[str]:
    """The modules (public ones: no ``_name``) and subpackages directly inside ``package``."""
    modules = {p.stem for p in package.glob("*.py") if not p.stem.startswith("_")}
    return modules | {p.parent.name for p in package.glob("*/__init__.py")}


def unnamed(package: Path) -> list[str]:
    """What ``package``'s docstring leaves out: each module or subpackage must occur in it as a word."""
    doc = ast.get_docstring(ast.parse((package / "__init__.py").read_text(encoding="utf-8"))) or ""
    return sorted(name for name in contents(package) if not re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", doc))


def packages() -> list[Path]:
    return sorted(p.parent for p in PACKAGE.rglob("__init__.py") if str(p.parent.relative_to(PACKAGE)) not in PENDING)


def test_every_package_docstring_is_a_map_of_several_lines():
    short = []
    for package in packages():
        doc = ast.get_docstring(ast.parse((package / "__init__.py").read_text(encoding="utf-8"))) or ""
        if len(doc.strip().splitlines()) < 3:
            short.append(f"{package.relative_to(PACKAGE.parent)}: {doc.strip()!r}")
    assert not short, "package docstrings under three lines (say what it does, its modules, what it imports):\n" + (
        "\n".join(short)
    )


def test_every_package_docstring_names_each_of_its_modules():
    missing = {str(p.relative_to(PACKAGE.parent)): names for p in packages() if (names := unnamed(p))}
    assert not missing, "modules a package docstring does not name:\n" + "\n".join(
        f"  {package}: {', '.join(names)}" for package, names in sorted(missing.items())
    )


def test_the_check_tells_a_named_module_from_a_word_inside_another(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "__init__.py").write_text('"""Modules: ``run`` and sub-packages; ``runner_x``."""\n')
    for name in ("run.py", "runner.py", "_private.py", "sub/__init__.py"):
        (tmp_path / name).write_text("")
    assert unnamed(tmp_path) == ["runner", "sub"]
