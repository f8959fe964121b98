"""``export``: the release of minegraph as a directory of dumps, description, docs and checksums.

Every file is made in memory from the project's files (nothing from the clock or the host), then
written into a temporary directory beside the output and renamed into place. Same input, same
bytes. Layout and formats: ``docs/export.md``.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from minegraph.core.files import FILE_NAME, contained
from minegraph.core.formats import by_suffix, formats
from minegraph.core.namespaces import MG

from . import serialise
from .docs_html import ontology_docs
from .inputs import Release, load_release
from .jsonld import jsonld
from .jsonld_context import CONTEXT_FILE, committed_context, context_bytes
from .release_files import (
    MARKER,
    MARKER_TEXT,
    SUMS_FILE,
    check_replaceable,
    gzip_bytes,
    sha256_hex,
    staged_directory,
    sums_text,
    write_tree,
)
from .void import SPDX, DumpFile, describe

DEFAULT_BASE = "https://w3id.org/minegraph/"
DUMP_NAME = "minegraph"
#: The writer of each dump the release holds: one per RDF format of the registry (minegraph.core.formats).
WRITERS = {
    "ttl": serialise.turtle,
    "nt": serialise.ntriples,
    "nq": serialise.nquads,
    "trig": serialise.trig,
    "jsonld": lambda release: jsonld(release, committed_context()),
}
_MG_PATH = str(MG.path)
ARCHIVED_TEXT_SUFFIX = ".txt"  # third-party texts; other files in graph/sources/ are minegraph's own


@dataclass(frozen=True)
class ManifestEntry:
    path: str  # relative to the release directory
    byte_size: int
    sha256: str


@dataclass(frozen=True)
class Manifest:
    """What an export wrote: the directory, each file with its size and hash, and the graph's size."""

    output_dir: Path
    files: tuple[ManifestEntry, ...]
    triples: int
    quads: int
    graphs: tuple[str, ...]
    without_texts: bool

    def entry(self, path: str) -> ManifestEntry:
        return next(entry for entry in self.files if entry.path == path)


def package_version() -> str:
    try:
        return metadata.version("minegraph")
    except metadata.PackageNotFoundError:  # running from a source tree that is not installed
        return "0+unknown"


def _dumps(release: Release) -> dict[str, bytes]:
    """Each dump plain and gzipped."""
    files = {}
    for fmt in formats("rdf-dump"):
        data = WRITERS[fmt.name](release)
        files[f"{DUMP_NAME}{fmt.suffix}"] = data
        files[f"{DUMP_NAME}{fmt.suffix}.gz"] = gzip_bytes(data)
    return files


def _dump_files(files: dict[str, bytes]) -> list[DumpFile]:
    described = []
    for name, data in sorted(files.items()):
        fmt = by_suffix(Path(name.removesuffix(".gz")).suffix, "rdf-dump")
        described.append(DumpFile(name, fmt.media_type, len(data), sha256_hex(data)))
    return described


def _ontology_files(project_dir: Path, release: Release, version: str, use_pylode: bool) -> dict[str, bytes]:
    """The ontology, concepts and shapes as committed, plus their HTML documentation, made from the
    release's whole graph (open schemes, the measures, keep their concepts with the data)."""
    ontology_dir = project_dir / "ontology"
    files = {f"ontology/{path.name}": path.read_bytes() for path in sorted(ontology_dir.glob("*.ttl"))}
    docs = ontology_docs(ontology_dir / "minegraph.ttl", release.rdflib_graph, version, use_pylode)
    files.update({f"ontology/{name}": data for name, data in docs.items()})
    return files


def _source_files(project_dir: Path, release: Release, without_texts: bool) -> dict[str, bytes]:
    """The archived files the graph names (``mg:path "sources/<name>"``), each a regular file inside
    graph/sources/: a file no node names (a draft's text never accepted) or a symbolic link is never
    shipped. Third-party texts only when asked for."""
    folder = project_dir / "graph" / "sources"
    named = {t.object.value for t in release.triples() if t.predicate.value == _MG_PATH}
    files = {}
    for relative in sorted(named):
        path = (
            contained(folder, relative.removeprefix("sources/"), FILE_NAME) if relative.startswith("sources/") else None
        )
        if path is None or path.is_symlink() or not path.is_file():
            continue  # validate reports a path that leads elsewhere or to nothing
        if not (without_texts and path.suffix == ARCHIVED_TEXT_SUFFIX):
            files[f"sources/{path.name}"] = path.read_bytes()
    return files


def _legal_files(project_dir: Path) -> dict[str, bytes]:
    return {
        name: (project_dir / name).read_bytes()
        for name in ("LICENSE", "RIGHTS.md", "CITATION.cff")
        if (project_dir / name).is_file()
    }


def build_files(
    project_dir: Path, without_texts: bool = False, base: str = DEFAULT_BASE, use_pylode: bool = True
) -> tuple[Release, dict[str, bytes]]:
    """Every file of the release (relative path -> bytes), nothing written yet."""
    project_dir = Path(project_dir)
    if not base.endswith("/"):
        base += "/"
    version = package_version()
    release = load_release(project_dir)
    files = _dumps(release)
    void_triples = describe(release, _dump_files(files), base, version)
    files["void.ttl"] = serialise.turtle_of(void_triples, {"spdx": SPDX})
    files[CONTEXT_FILE] = context_bytes(committed_context())
    files.update(_ontology_files(project_dir, release, version, use_pylode))
    files.update(_source_files(project_dir, release, without_texts))
    files.update(_legal_files(project_dir))
    files[MARKER] = MARKER_TEXT  # export -o replaces only a folder holding this (one it made)
    files[SUMS_FILE] = sums_text(files)
    return release, files


def export(
    project_dir: Path, output_dir: Path, without_texts: bool = False, base: str = DEFAULT_BASE, use_pylode: bool = True
) -> Manifest:
    """Write the release of the project at ``project_dir`` to ``output_dir`` (replaced as a whole).

    ``base`` is where the release is published: downloads at ``<base>dist/<file>``, the SPARQL
    endpoint at ``<base>query``. ``without_texts`` leaves out the archived third-party texts.
    """
    output_dir = Path(output_dir)
    check_replaceable(output_dir.absolute())  # before the work, so a wrong --output fails at once
    release, files = build_files(project_dir, without_texts, base, use_pylode)
    with staged_directory(output_dir) as stage:
        write_tree(stage, files)
    entries = tuple(ManifestEntry(name, len(data), sha256_hex(data)) for name, data in sorted(files.items()))
    graphs = tuple(graph.value for graph in release.graphs())
    return Manifest(output_dir, entries, len(release.triples()), len(release.quads), graphs, without_texts)
