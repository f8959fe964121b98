"""The release export of minegraph: dumps in five RDF formats (plain and gzipped), VoID/DCAT,
ontology docs, archived texts and SHA256SUMS, reproducible byte for byte (see docs/export.md).

The CLI calls :func:`export`; :func:`build_files` makes the same files in memory.
"""

from .release import DEFAULT_BASE, Manifest, ManifestEntry, build_files, export

__all__ = ["DEFAULT_BASE", "Manifest", "ManifestEntry", "build_files", "export"]
