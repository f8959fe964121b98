"""Where minegraph's files live: ontology/, graph/, queries/, curation/, and the store's cache.

The project root is ``--project DIR`` (which must exist), else ``$MINEGRAPH_HOME``, else the
nearest directory upward from the working directory that holds ``ontology/minegraph.ttl``, else
the checkout this package was installed from (editable installs), else the data the wheel
carries (``minegraph/_data``: ontology, graph, queries, curation). An installed project is
read-only: its persisted store lives in the user's cache directory, not in site-packages.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from minegraph._version import __version__
from minegraph.errors import InputError

_MARKER = Path("ontology") / "minegraph.ttl"
#: The data folders the wheel carries (mapped in by pyproject.toml's force-include).
PACKAGE_DATA = Path(__file__).resolve().parents[1] / "_data"


@dataclass(frozen=True)
class Project:
    """The directories of one minegraph project (a checkout, a copy, or the installed data)."""

    root: Path
    installed: bool = False

    @property
    def ontology_dir(self) -> Path:
        return self.root / "ontology"

    @property
    def graph_dir(self) -> Path:
        return self.root / "graph"

    @property
    def queries_dir(self) -> Path:
        return self.root / "queries"

    @property
    def curation_dir(self) -> Path:
        return self.root / "curation"

    @property
    def reference_dir(self) -> Path:
        """The vendored copy of the reference data (build input)."""
        return self.curation_dir / "reference"

    @property
    def shapes_file(self) -> Path:
        return self.ontology_dir / "shapes.ttl"

    @property
    def store_dir(self) -> Path:
        """Where the persisted store lives: ``.store/`` in a checkout, the user cache when installed."""
        if not self.installed:
            return self.root / ".store"
        return user_cache_dir() / "store"

    def ontology_files(self) -> list[Path]:
        """The OWL ontology and the SKOS concept schemes (not the shapes)."""
        return sorted((p for p in self.ontology_dir.glob("*.ttl") if p.name != "shapes.ttl"), key=_name)

    def data_files(self) -> list[Path]:
        """The data: every ``graph/*.ttl``, in name order."""
        return sorted(self.graph_dir.glob("*.ttl"), key=_name)

    def all_rdf_files(self) -> list[Path]:
        """Ontology plus data: what a store is loaded from."""
        return self.ontology_files() + self.data_files()


def _name(path: Path) -> str:
    """Sort key of files in one folder: their name (the order of ``Path`` comparison, far cheaper)."""
    return path.name


def user_cache_dir() -> Path:
    """The user's cache directory for minegraph (``$XDG_CACHE_HOME/minegraph``, platformdirs' choice)."""
    # lazy: platformdirs, only on this path
    from platformdirs import user_cache_path

    return Path(user_cache_path("minegraph", appauthor=False)) / __version__


def open_project(root: str | Path) -> Project:
    """The project at ``root`` as given by ``--project``: it must exist and hold the ontology."""
    path = Path(root)
    if not path.is_dir():
        raise InputError(path, "no such project directory")
    if not (path / _MARKER).is_file():
        raise InputError(path, f"not a minegraph project: {_MARKER} is missing")
    return Project(path.resolve())


def find_project(start: Path | None = None) -> Project:
    """Locate the project root (see module docstring)."""
    env = os.environ.get("MINEGRAPH_HOME")
    if env:
        root = Path(env)
        if not (root / _MARKER).is_file():
            raise InputError(root, f"MINEGRAPH_HOME does not hold {_MARKER}")
        return Project(root.resolve())
    here = (start or Path.cwd()).resolve()
    for candidate in (here, *here.parents):
        if (candidate / _MARKER).is_file():
            return Project(candidate)
    checkout = Path(__file__).resolve().parents[3]
    if (checkout / _MARKER).is_file() and (checkout / "pyproject.toml").is_file():
        return Project(checkout)
    if (PACKAGE_DATA / _MARKER).is_file():
        return Project(PACKAGE_DATA, installed=True)
    raise InputError(here, f"no minegraph project found (looked for {_MARKER} here and upward; set MINEGRAPH_HOME)")
