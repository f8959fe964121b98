"""The one format registry: every format minegraph reads or writes, one row each.

A row names the format (``name``, what ``--format`` and ``format=`` take), its media type, file suffix,
the kinds of output it serves and its writer. Kinds: ``results`` (SELECT/ASK answers), ``graph``
(CONSTRUCT/DESCRIBE answers and entity documents), ``rdf-dump`` (RDF files loaded and released),
``table`` (the terminal table), ``network`` (graph files of the network analysis). The writer is
``oxigraph:NAME`` (``pyoxigraph.RdfFormat`` or ``QueryResultsFormat``), ``rdflib:NAME`` or
``minegraph:NAME`` (the project's own, e.g. the table). ``extra`` holds what only some readers need:
``aliases`` (other names and media types accepted), ``label`` (for people), ``rdflib`` (rdflib's parser
name, for files minegraph loads), ``w3c`` (its name under https://www.w3.org/ns/formats/, for the
SPARQL service description), ``eu_file_type`` (the EU file-type authority code the DCAT
description gives). The CLI's choices, the endpoint's content negotiation, the release's dumps, the
VoID/DCAT file types and the network exports all read this table: a new format is one row and one writer.
"""

from __future__ import annotations

from dataclasses import dataclass, field

KINDS = ("results", "graph", "rdf-dump", "table", "network")


@dataclass(frozen=True)
class Format:
    """One format: name, media type, suffix (with the dot), kinds, writer and extra attributes."""

    name: str
    media_type: str
    suffix: str
    kinds: tuple[str, ...]
    writer: str
    extra: dict = field(default_factory=dict, hash=False, compare=False)

    @property
    def aliases(self) -> tuple[str, ...]:
        return tuple(self.extra.get("aliases", ()))

    @property
    def label(self) -> str:
        return self.extra.get("label", self.name)

    @property
    def oxigraph(self) -> str | None:
        """The pyoxigraph format attribute that writes it (``TURTLE``), None when Oxigraph does not."""
        engine, _, name = self.writer.partition(":")
        return name if engine == "oxigraph" else None

    def answers(self, form: str) -> bool:
        """Whether an answer of query ``form`` (SELECT, ASK, CONSTRUCT, DESCRIBE) can be written in it."""
        wanted = "graph" if form in ("CONSTRUCT", "DESCRIBE") else "results"
        return wanted in self.kinds or "table" in self.kinds


FORMATS: tuple[Format, ...] = (
    Format("table", "text/plain", ".txt", ("table",), "minegraph:table", {"label": "table"}),
    Format(
        "json",
        "application/sparql-results+json",
        ".srj",
        ("results",),
        "oxigraph:JSON",
        {"aliases": ("application/json",), "w3c": "SPARQL_Results_JSON", "label": "SPARQL JSON"},
    ),
    Format(
        "xml",
        "application/sparql-results+xml",
        ".srx",
        ("results",),
        "oxigraph:XML",
        {"aliases": ("application/xml", "text/xml"), "w3c": "SPARQL_Results_XML", "label": "SPARQL XML"},
    ),
    Format("csv", "text/csv", ".csv", ("results",), "oxigraph:CSV", {"w3c": "SPARQL_Results_CSV", "label": "CSV"}),
    Format(
        "tsv",
        "text/tab-separated-values",
        ".tsv",
        ("results",),
        "oxigraph:TSV",
        {"w3c": "SPARQL_Results_TSV", "label": "TSV"},
    ),
    Format("jsonl", "application/x-ndjson", ".jsonl", ("results", "graph"), "minegraph:jsonl", {"label": "JSON lines"}),
    Format(
        "ttl",
        "text/turtle",
        ".ttl",
        ("graph", "rdf-dump"),
        "oxigraph:TURTLE",
        {
            "aliases": ("turtle", "n3", "text/n3", "text/rdf+n3", "application/x-turtle", "application/turtle"),
            "w3c": "Turtle",
            "label": "Turtle",
            "rdflib": "turtle",
            "eu_file_type": "RDF_TURTLE",
        },
    ),
    Format(
        "nt",
        "application/n-triples",
        ".nt",
        ("graph", "rdf-dump"),
        "oxigraph:N_TRIPLES",
        {
            "aliases": ("ntriples", "text/plain"),
            "w3c": "N-Triples",
            "label": "N-Triples",
            "rdflib": "nt",
            "eu_file_type": "RDF_N_TRIPLES",
        },
    ),
    Format(
        "jsonld",
        "application/ld+json",
        ".jsonld",
        ("graph", "rdf-dump"),
        "oxigraph:JSON_LD",
        {
            "aliases": ("json-ld", "json", "application/json"),
            "w3c": "JSON-LD",
            "label": "JSON-LD",
            "eu_file_type": "JSON_LD",
        },
    ),
    # "xml": SPARQLWrapper sends format=xml with its default Accept (application/rdf+xml) for CONSTRUCT
    Format(
        "rdfxml",
        "application/rdf+xml",
        ".rdf",
        ("graph",),
        "oxigraph:RDF_XML",
        {
            "aliases": ("rdf-xml", "xml", "rdf", "rdf+xml", "application/xml", "text/xml"),
            "w3c": "RDF_XML",
            "label": "RDF/XML",
        },
    ),
    Format(
        "trig",
        "application/trig",
        ".trig",
        ("rdf-dump",),
        "oxigraph:TRIG",
        {"w3c": "TriG", "label": "TriG", "rdflib": "trig", "eu_file_type": "RDF_TRIG"},
    ),
    Format(
        "nq",
        "application/n-quads",
        ".nq",
        ("rdf-dump",),
        "oxigraph:N_QUADS",
        {
            "aliases": ("nquads",),
            "w3c": "N-Quads",
            "label": "N-Quads",
            "rdflib": "nquads",
            "eu_file_type": "RDF_N_QUADS",
        },
    ),
    Format("graphml", "application/graphml+xml", ".graphml", ("network",), "minegraph:graphml", {"label": "GraphML"}),
    Format("gexf", "application/gexf+xml", ".gexf", ("network",), "minegraph:gexf", {"label": "GEXF"}),
)


def formats(kind: str, *, engine: str | None = None) -> tuple[Format, ...]:
    """The formats of one kind, in table order (the first is the default); ``engine`` keeps those
    written by that engine (``oxigraph``, ``minegraph``, …)."""
    if kind not in KINDS:
        raise ValueError(f"unknown format kind {kind!r}; expected one of {', '.join(KINDS)}")
    return tuple(f for f in FORMATS if kind in f.kinds and (engine is None or f.writer.startswith(engine + ":")))


def by_name(name: str) -> Format:
    """The format called ``name`` (KeyError names the known ones)."""
    for fmt in FORMATS:
        if fmt.name == name:
            return fmt
    raise KeyError(f"unknown format {name!r}; known: {', '.join(f.name for f in FORMATS)}")


def by_media_type(media_type: str) -> Format:
    """The format whose media type is ``media_type`` (its own, not an alias)."""
    for fmt in FORMATS:
        if fmt.media_type == media_type:
            return fmt
    raise KeyError(f"no format has media type {media_type!r}")


def by_suffix(suffix: str, kind: str) -> Format | None:
    """The format of ``kind`` whose files end in ``suffix`` (``.ttl``; any case), None if there is none."""
    suffix = suffix.lower()
    return next((f for f in formats(kind) if f.suffix == suffix), None)


def names(*kinds: str) -> tuple[str, ...]:
    """The names of the formats of any of ``kinds``, in table order (e.g. the CLI's ``--format`` choices)."""
    return tuple(f.name for f in FORMATS if set(kinds) & set(f.kinds))
