"""The layering is enforced, not described: no import circle between modules, and no
subpackage imports a higher layer (lazy imports inside functions count too)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src"
PACKAGE = SRC / "minegraph"

#: Layers from the bottom up; a subpackage may import its own layer's package and lower layers only.
LAYERS: list[set[str]] = [
    {"errors", "_version"},
    {"core"},
    {"querylang"},
    {"assemble", "store"},
    {"queries"},
    {"validation", "provenance"},
    {"analysis"},
    {"report"},
    {"ingest", "publish", "bench", "scaleout"},
    {"cli"},
    {"__main__"},
]
RANK = {name: rank for rank, names in enumerate(LAYERS) for name in names}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _named_imports(tree: ast.AST, package: str) -> set[str]:
    """Every minegraph module named by an import statement in ``tree`` (absolute or relative, at any depth)."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.startswith("minegraph"))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.startswith("minegraph"):  # a name resolves to its submodule, else to ``target``
                found.update(f"{target}.{alias.name}" for alias in node.names)
    return found


def facade_targets() -> dict[str, set[str]]:
    """What each function of the facade (``minegraph/__init__.py``) imports: using it is importing those."""
    tree = ast.parse((PACKAGE / "__init__.py").read_text())
    return {node.name: _named_imports(node, "minegraph") for node in tree.body if isinstance(node, ast.FunctionDef)}


def _facade_and_importlib(tree: ast.AST, facade: dict[str, set[str]]) -> set[str]:
    """Imports that are not import statements: ``minegraph.query(…)`` / ``from minegraph import query``
    through the facade, and ``importlib.import_module("minegraph.…")`` with a constant name."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "minegraph":
            found.update(facade.get(node.attr, ()))
        elif isinstance(node, ast.ImportFrom) and node.module == "minegraph" and not node.level:
            for alias in node.names:
                found.update(facade.get(alias.name, ()))
        elif isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
            called = ast.unparse(node.func)
            name = node.args[0].value
            if called.endswith("import_module") and isinstance(name, str) and name.startswith("minegraph"):
                found.add(name)
    return found


def imports_of(path: Path) -> set[str]:
    """Every minegraph module ``path`` reaches: import statements (relative and lazy ones too), the facade's
    functions it calls, and constant ``importlib.import_module`` names."""
    this = module_name(path)
    package = this if path.name == "__init__.py" else this.rsplit(".", 1)[0]
    tree = ast.parse(path.read_text(), str(path))
    found = _named_imports(tree, package)
    if this != "minegraph":
        found |= _facade_and_importlib(tree, facade_targets())
    return found


def all_modules() -> dict[str, Path]:
    return {module_name(p): p for p in PACKAGE.rglob("*.py")}


def resolve(name: str, modules: dict[str, Path]) -> str | None:
    """The module an imported name lives in (``a.b.func`` → ``a.b``)."""
    while name and name not in modules:
        name = name.rpartition(".")[0]
    return name or None


def graph() -> dict[str, set[str]]:
    modules = all_modules()
    edges = {}
    for name, path in modules.items():
        targets = {resolve(t, modules) for t in imports_of(path)}
        edges[name] = {t for t in targets if t and t != name and t != "minegraph"}
    return edges


def layer_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else None


def test_no_subpackage_imports_a_higher_or_peer_layer():
    wrong = []
    for source, targets in graph().items():
        here = layer_of(source)
        if here is None:  # the facade minegraph/__init__.py may reach every layer (lazily)
            continue
        assert here in RANK, f"{source}: subpackage {here!r} has no layer in LAYERS"
        for target in targets:
            there = layer_of(target)
            if there != here and RANK[there] >= RANK[here]:
                wrong.append(f"{source} imports {target} ({here} is layer {RANK[here]}, {there} is {RANK[there]})")
    assert not wrong, "upward or sideways imports:\n" + "\n".join(sorted(wrong))


def test_no_import_circle_between_modules():
    edges = graph()
    cycles, state = [], {}

    def visit(node, stack):
        state[node] = "open"
        stack.append(node)
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == "open":
                cycles.append(" → ".join(stack[stack.index(nxt) :] + [nxt]))
            elif nxt not in state:
                visit(nxt, stack)
        stack.pop()
        state[node] = "done"

    for node in sorted(edges):
        if node not in state:
            visit(node, [])
    assert not cycles, "import circles:\n" + "\n".join(cycles)


@pytest.mark.parametrize("limit", [420])
def test_no_module_is_over_the_size_limit(limit):
    big = {module_name(p): n for p in PACKAGE.rglob("*.py") if (n := len(p.read_text().splitlines())) > limit}
    assert not big, f"modules over {limit} lines (split by concern): {big}"


def test_the_checker_sees_relative_and_lazy_imports(tmp_path):
    pkg = tmp_path / "minegraph" / "core"
    pkg.mkdir(parents=True)
    probe = pkg / "probe.py"
    probe.write_text("from ..cli import main\n\ndef f():\n    from minegraph.store.base import Store\n")
    global SRC
    saved, SRC = SRC, tmp_path
    try:
        assert imports_of(probe) >= {"minegraph.cli.main", "minegraph.store.base.Store"}
    finally:
        SRC = saved


def test_the_checker_sees_the_facade_and_importlib_strings(tmp_path):
    global SRC, PACKAGE
    pkg = tmp_path / "minegraph" / "core"
    pkg.mkdir(parents=True)
    (tmp_path / "minegraph" / "__init__.py").write_text((PACKAGE / "__init__.py").read_text())
    probe = pkg / "probe.py"
    probe.write_text(
        "import importlib\nimport minegraph\n\ndef f():\n    minegraph.network()\n"
        "    importlib.import_module('minegraph.cli.run')\n"
    )
    saved, SRC, saved_package, PACKAGE = SRC, tmp_path, PACKAGE, tmp_path / "minegraph"
    try:
        reached = imports_of(probe)
    finally:
        SRC, PACKAGE = saved, saved_package
    assert "minegraph.cli.run" in reached
    assert any(name.startswith("minegraph.analysis") for name in reached), reached


def test_only_the_analysis_layer_imports_networkx():
    users = sorted(
        module_name(p)
        for p in PACKAGE.rglob("*.py")
        if any(
            isinstance(n, (ast.Import, ast.ImportFrom)) and "networkx" in ast.unparse(n)
            for n in ast.walk(ast.parse(p.read_text()))
        )
    )
    assert users and all(name.startswith("minegraph.analysis.") for name in users), users


def test_no_function_is_over_sixty_lines():
    long = []
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.end_lineno - node.lineno >= 60:
                long.append(f"{module_name(path)}.{node.name} ({node.end_lineno - node.lineno + 1} lines)")
    assert not long, "functions over 60 lines (split them): " + ", ".join(sorted(long))
