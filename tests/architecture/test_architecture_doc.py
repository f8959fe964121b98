"""docs/architecture.md's map of packages and modules is the packages' own ``__init__`` docstrings, in layer
order, so it lists every package and module that exists and none that does not (each docstring names its
modules: test_package_maps.py). ``python tests/architecture/test_architecture_doc.py --update`` rewrites it."""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "src" / "minegraph"
DOC = ROOT / "docs" / "architecture.md"
BEGIN = "<!-- package map: generated from the __init__ docstrings by tests/architecture/test_architecture_doc.py -->"
END = "<!-- end of the package map -->"
#: The layers, bottom first (the order of tests/architecture/test_import_rules.py's LAYERS).
ORDER = [
    "core",
    "querylang",
    "assemble",
    "store",
    "queries",
    "validation",
    "provenance",
    "analysis",
    "report",
    "ingest",
    "publish",
    "bench",
    "scaleout",
    "cli",
]


def markdown(docstring: str) -> str:
    """reStructuredText roles and literals as Markdown code: ``x``, :mod:`.x`, :func:`~a.b.c` → `x`, `c`."""
    text = re.sub(r":\w+:`~([\w.]+)`", lambda m: f"`{m.group(1).rsplit('.', 1)[-1]}`", docstring)
    text = re.sub(r":\w+:`\.?([^`]+)`", r"`\1`", text)
    return re.sub(r"``([^`]+)``", r"`\1`", text)


def packages() -> list[Path]:
    """Every package below minegraph, each top-level one in layer order followed by its subpackages."""
    found = sorted(p.parent for p in PACKAGE.rglob("__init__.py") if p.parent != PACKAGE)
    tops = {p.relative_to(PACKAGE).parts[0] for p in found}
    assert tops <= set(ORDER), f"packages with no place in ORDER: {sorted(tops - set(ORDER))}"
    return sorted(found, key=lambda p: (ORDER.index(p.relative_to(PACKAGE).parts[0]), p.relative_to(PACKAGE).parts))


def package_map() -> str:
    sections = []
    for package in packages():
        doc = ast.get_docstring(ast.parse((package / "__init__.py").read_text(encoding="utf-8"))) or ""
        sections.append(f"### `{package.relative_to(PACKAGE).as_posix()}/`\n\n{markdown(doc).strip()}\n")
    return "\n".join([BEGIN, "", *sections, END])


def current(text: str) -> str:
    start, end = text.index(BEGIN), text.index(END) + len(END)
    return text[start:end]


def test_the_architecture_doc_maps_the_packages_as_they_are():
    text = DOC.read_text(encoding="utf-8")
    assert BEGIN in text and END in text, f"docs/architecture.md has no package map ({BEGIN})"
    assert current(text) == package_map(), (
        "docs/architecture.md's package map is stale: python tests/architecture/test_architecture_doc.py --update"
    )


def test_the_map_names_every_module_of_the_tree():
    section = current(DOC.read_text(encoding="utf-8"))
    for path in PACKAGE.rglob("*.py"):
        if not path.stem.startswith("_") and path.parent != PACKAGE and "validation" not in path.parts:
            assert re.search(rf"(?<![\w-]){path.stem}(?![\w-])", section), f"{path.relative_to(ROOT)} is not in the map"


if __name__ == "__main__" and sys.argv[1:] == ["--update"]:
    text = DOC.read_text(encoding="utf-8")
    DOC.write_text(text.replace(current(text), package_map()), encoding="utf-8")
