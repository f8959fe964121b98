"""Where minegraph's files live: ontology/, graph/, queries/, curation/.

The project root is ``$MINEGRAPH_HOME`` when set, else the nearest directory upward from
the working directory that holds ``ontology/minegraph.ttl``, else the checkout this
package was installed from (editable installs).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from minegraph.errors import InputError

_MARKER = Path("ontology") / "minegraph.ttl"


@dataclass(frozen=True)
class Project:
    """The directories of one minegraph checkout."""

    root: Path

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

    def ontology_files(self) -> list[Path]:
        """The OWL ontology and the SKOS concept schemes (not the shapes)."""
        return sorted(p for p in self.ontology_dir.glob("*.ttl") if p.name != "shapes.ttl")

    def data_files(self) -> list[Path]:
        """The data: every ``graph/*.ttl``, in name order."""
        return sorted(self.graph_dir.glob("*.ttl"))

    def all_rdf_files(self) -> list[Path]:
        """Ontology plus data: what a store is loaded from."""
        return self.ontology_files() + self.data_files()


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
    checkout = Path(__file__).resolve().parents[2]
    if (checkout / _MARKER).is_file():
        return Project(checkout)
    raise InputError(here, f"no minegraph project found (looked for {_MARKER} here and upward; set MINEGRAPH_HOME)")
