"""Every ``minegraph.x.y`` the docs and docstrings name exists: a module, or an attribute of one (a renamed
module otherwise leaves its old name in the prose, where nothing fails)."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NAME = re.compile(r"(?<![\w./-])minegraph(?:\.[A-Za-z_][A-Za-z0-9_]*)+")
TEXTS = [
    ROOT / "README.md",
    ROOT / "SECURITY.md",
    ROOT / "queries" / "README.md",
    *sorted((ROOT / "docs").glob("*.md")),
    *sorted((ROOT / "src" / "minegraph").rglob("*.py")),
]


def resolves(name: str) -> bool:
    parts = name.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            thing = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for attribute in parts[cut:]:
            if not hasattr(thing, attribute):
                return False
            thing = getattr(thing, attribute)
        return True
    return False


def named() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for path in TEXTS:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for match in NAME.finditer(line):
                name = match.group(0).rstrip(".")
                if name.split(".")[-1] in (
                    "py",
                    "toml",
                    "md",
                    "txt",
                    "ttl",
                    "rq",
                    "nt",
                    "nq",
                    "trig",
                    "jsonld",
                    "gz",
                    "csv",
                    "json",
                ):
                    continue  # a file name such as minegraph.ttl, not a module
                found.setdefault(name, []).append(f"{path.relative_to(ROOT)}:{number}")
    return found


def test_every_named_module_or_attribute_exists():
    missing = {name: where[:3] for name, where in named().items() if not resolves(name)}
    assert not missing, "names of modules that do not exist (renamed?):\n" + "\n".join(
        f"  {name}  ({', '.join(where)})" for name, where in sorted(missing.items())
    )


def test_the_check_tells_a_real_name_from_a_stale_one():
    assert resolves("minegraph.queries.library.load_query") and resolves("minegraph.query")
    assert not resolves("minegraph.sparql_text.substitute") and not resolves("minegraph.build.builder")
