"""The tests mirror the packages: each folder of tests/ is a minegraph package (a nested one a subpackage) or
one of a few named cross-cutting folders, every package has its folder, and test code shares fixtures and
helpers only through tests/support, never by importing a conftest or another test module."""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]
PACKAGE = TESTS.parent / "src" / "minegraph"
PACKAGES = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()}

#: Folders whose tests prove something of the whole tree or of files no package owns.
CROSS_CUTTING = {
    "architecture": "properties of the whole source tree: layers, the store front door, SPARQL in .rq files, "
    "the write audit, this layout",
    "docs": "the command outputs pasted in README.md and docs/ are those of real runs",
    "model": "the ontology files (ontology/): OWL 2 RL consistency and term definitions",
    "packaging": "the wheel, built and installed in a fresh virtual environment",
}
#: Folders that hold no tests.
NO_TESTS = {
    "gold": "fiction texts and their expected extractions (data read by the ingest tests and evaluate-extraction)",
    "support": "the fixtures and helpers the folders share (the package tests.support)",
}

#: Modules that still import a conftest, and why (each to move to tests/support).
CONFTEST_IMPORTS_ALLOWED = {
    f"validation/sparql/{name}.py": "foundation_module of tests/validation/sparql/conftest.py: tests/validation is "
    "being reworked in place with the validation engines (issue 19 item 2)"
    for name in ("test_checks_equality", "test_engine_equality", "test_treaty_equality")
}


def _test_files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("test_*.py") if "__pycache__" not in p.parts]


def _folders() -> list[Path]:
    return sorted(p for p in TESTS.iterdir() if p.is_dir() and p.name != "__pycache__" and not p.name.startswith("."))


def test_every_test_folder_is_a_package_or_a_named_cross_cutting_one():
    unknown = [p.name for p in _folders() if p.name not in PACKAGES | CROSS_CUTTING.keys() | NO_TESTS.keys()]
    assert not unknown, (
        f"tests/ folders that are no package of src/minegraph (add a cross-cutting one to CROSS_CUTTING): {unknown}"
    )
    assert not set(CROSS_CUTTING) & PACKAGES and not set(NO_TESTS) & PACKAGES


def test_every_package_has_a_test_folder_with_tests():
    missing = sorted(name for name in PACKAGES if not _test_files(TESTS / name))
    assert not missing, f"packages without tests/<package>/test_*.py: {missing}"


def test_the_named_folders_exist_and_only_the_cross_cutting_ones_hold_tests():
    assert all(_test_files(TESTS / name) for name in CROSS_CUTTING), "a cross-cutting folder without tests: drop it"
    assert all((TESTS / name).is_dir() and not _test_files(TESTS / name) for name in NO_TESTS)


def test_a_nested_test_folder_mirrors_a_subpackage():
    folders = {p.parent for p in _test_files(TESTS)} - {TESTS}
    nested = [p.relative_to(TESTS) for p in folders if p.parent != TESTS and p.relative_to(TESTS).parts[0] in PACKAGES]
    strays = sorted(str(p) for p in nested if not (PACKAGE / p / "__init__.py").is_file())
    assert not strays, f"nested test folders that are no subpackage of src/minegraph: {strays}"


def _imported_test_code(tree: ast.AST) -> set[str]:
    """What a file imports that is a conftest or a test module (``from .conftest``, ``tests.x.test_y``), climbs
    out of its folder (``from ..x``), or is loaded by path (``spec_from_file_location`` of such a file)."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            name = node.module or ""
            last = name.rsplit(".", 1)[-1]
            if node.level > 1 or last == "conftest" or last.startswith("test_"):
                found.add("." * node.level + name)
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "spec_from_file_location":
            text = ast.unparse(node)
            if "conftest" in text or "test_" in text:
                found.add(text)
    return found


def test_no_test_code_imports_a_conftest_or_a_test_module():
    offenders = {}
    for path in sorted(TESTS.rglob("*.py")):
        name = str(path.relative_to(TESTS))
        if "__pycache__" in path.parts or name in CONFTEST_IMPORTS_ALLOWED:
            continue
        if found := _imported_test_code(ast.parse(path.read_text(encoding="utf-8"))):
            offenders[name] = sorted(found)
    assert not offenders, f"share it through tests/support instead: {offenders}"


def test_the_import_check_sees_each_way_of_reaching_test_code():
    for source in (
        "from .conftest import ROOT",
        "from ..ingest.conftest import x",
        "from .test_protocol import get",
        "from tests.queries.test_engines import comparable",
        "importlib.util.spec_from_file_location('m', ROOT / 'tests' / 'queries' / 'conftest.py')",
    ):
        assert _imported_test_code(ast.parse(source)), source
    assert not _imported_test_code(ast.parse("from tests.support.paths import ROOT\nimport tests.support.engines"))
