"""The release export of minegraph: dumps in five RDF formats (plain and gzipped), VoID/DCAT,
ontology docs, archived texts and SHA256SUMS, reproducible byte for byte (see docs/export.md).

The CLI calls :func:`export`; :func:`build_files` makes the same files in memory. Modules: ``release`` (the
whole release), ``inputs`` (the RDF files split into named graphs), ``serialise`` (the dumps), ``jsonld`` and
``jsonld_context`` (the JSON-LD dump and its ``@context``), ``void`` (VoID + DCAT), ``docs_html`` (the ontology's
HTML docs), ``release_files`` (gzip, sums, a directory swapped in at once)."""

from .release import DEFAULT_BASE, Manifest, ManifestEntry, build_files, export

__all__ = ["DEFAULT_BASE", "Manifest", "ManifestEntry", "build_files", "export"]
