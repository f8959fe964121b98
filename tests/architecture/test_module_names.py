"""No two modules or packages of minegraph share a name unless they do the same kind of job: a reader who
meets ``report`` or ``formats`` in a traceback or an import should know which one is meant.

Two exceptions, each stated: the CLI's modules are named for the command they implement (``cli/report.py``
is ``minegraph report``), and the short allow-list below, each entry with its reason."""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "minegraph"

#: Names several modules may share, and why a reader will not confuse them.
ALLOWED = {
    "render": "each renders its own package's data for people, beside that data (findings, networks, trace cards)",
    "run": "each runs the job its package is named for: library queries (queries/) and compiled shapes "
    "(validation/sparql/)",
    "cache": "each caches its own package's product: the persisted store (store/), the compiled shapes (validation/)",
    "stance": "one subject from its two sides: ingest/ suggests a statement's stance, validation/checks/ checks it",
}


def commands(root: Path = PACKAGE) -> tuple[str, ...]:
    """The subcommand names of ``minegraph`` (``cli.COMMANDS``), read without importing the CLI."""
    tree = ast.parse((root / "cli" / "__init__.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.AnnAssign | ast.Assign) and "COMMANDS" in ast.unparse(node).split("=")[0]:
            return tuple(ast.literal_eval(node.value))
    raise AssertionError("cli/__init__.py defines no COMMANDS")


def names(root: Path = PACKAGE) -> dict[str, list[str]]:
    """Every module and package name below ``root`` → where it is (paths relative to ``root``); the CLI's
    command modules, ``__init__``/``__main__`` and private modules left out."""
    found: dict[str, list[str]] = defaultdict(list)
    cli_commands = set(commands(root)) if (root / "cli" / "__init__.py").exists() else set()
    for path in sorted(root.rglob("*.py")):
        rel = path.relative_to(root)
        if path.stem.startswith("_") or (rel.parts[0] == "cli" and path.stem in cli_commands):
            continue
        found[path.stem].append(str(rel))
    for init in sorted(root.rglob("__init__.py")):
        if init.parent != root:
            found[init.parent.name].append(str(init.parent.relative_to(root)) + "/")
    return found


def clashes(root: Path = PACKAGE) -> dict[str, list[str]]:
    return {name: where for name, where in names(root).items() if len(where) > 1}


def test_no_two_modules_or_packages_share_a_name():
    unexplained = {name: where for name, where in clashes().items() if name not in ALLOWED}
    assert not unexplained, "modules or packages sharing a name (rename one, or allow it with a reason):\n" + "\n".join(
        f"  {name}: {', '.join(where)}" for name, where in sorted(unexplained.items())
    )


def test_every_allowed_clash_is_still_a_clash():
    stale = sorted(set(ALLOWED) - set(clashes()))
    assert not stale, f"allow-list entries no longer needed (delete them): {stale}"


def test_every_cli_module_is_a_command():
    modules = {p.stem for p in (PACKAGE / "cli").glob("*.py") if not p.stem.startswith("_")}
    assert modules <= set(commands()), f"cli modules not named for a command: {sorted(modules - set(commands()))}"


def test_the_check_finds_a_module_clashing_with_a_module_or_a_package(tmp_path):
    for file in (
        "a/__init__.py",
        "a/report.py",
        "b/__init__.py",
        "b/report.py",
        "b/tables.py",
        "c/__init__.py",
        "c/tables/__init__.py",
        "cli/__init__.py",
        "cli/tables.py",
        "a/single.py",
    ):
        (tmp_path / file).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / file).write_text('COMMANDS = ("tables",)\n' if file == "cli/__init__.py" else "")
    found = clashes(tmp_path)
    assert found == {"report": ["a/report.py", "b/report.py"], "tables": ["b/tables.py", "c/tables/"]}
