"""Result formats of the endpoint and their choice by ``format=`` or the Accept header.

Every body is written by pyoxigraph's serialisers; this module only names the formats and picks one.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Format:
    """One result format: its short name, media type, and the pyoxigraph format it maps to."""

    name: str
    media_type: str
    oxigraph: str  # attribute of pyoxigraph.QueryResultsFormat or pyoxigraph.RdfFormat
    aliases: tuple[str, ...] = ()


#: Formats of SELECT and ASK results (first is the default).
RESULTS = (
    Format("json", "application/sparql-results+json", "JSON", ("application/json",)),
    Format("xml", "application/sparql-results+xml", "XML", ("application/xml", "text/xml")),
    Format("csv", "text/csv", "CSV"),
    Format("tsv", "text/tab-separated-values", "TSV"),
)
#: Formats of CONSTRUCT and DESCRIBE results, and of entity documents (first is the default).
GRAPHS = (
    Format("turtle", "text/turtle", "TURTLE", ("ttl", "n3", "text/n3", "text/rdf+n3", "application/x-turtle")),
    Format("ntriples", "application/n-triples", "N_TRIPLES", ("nt", "text/plain")),
    Format("jsonld", "application/ld+json", "JSON_LD", ("json-ld", "json", "application/json")),
    Format("rdfxml", "application/rdf+xml", "RDF_XML", ("xml", "rdf", "rdf+xml", "application/xml", "text/xml")),
)
#: ``format=`` / ``output=`` values are read as Fuseki reads them: ``xml`` and ``json`` name the
#: results format of a SELECT or ASK and the graph format of a CONSTRUCT or DESCRIBE (RDF/XML,
#: JSON-LD), ``n3`` is Turtle — the values SPARQLWrapper, rdflib's SPARQLStore and YASGUI send.


class NotAcceptable(ValueError):
    """No format the client accepts is offered."""


def _by_name(formats: tuple[Format, ...], wanted: str) -> Format | None:
    wanted = wanted.strip().lower()
    for fmt in formats:
        if wanted in (fmt.name, fmt.media_type, *fmt.aliases):
            return fmt
    return None


def _accepted(header: str) -> list[tuple[float, int, str]]:
    """Media ranges of an Accept header, best first (q-value, then order)."""
    ranges = []
    for order, part in enumerate(header.split(",")):
        fields = [f.strip() for f in part.split(";")]
        media, q = fields[0].lower(), 1.0
        for param in fields[1:]:
            key, _, value = param.partition("=")
            if key.strip() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if media and q > 0:
            ranges.append((-q, order, media))
    return sorted(ranges)


def choose(formats: tuple[Format, ...], format_param: str | None, accept: str | None, *, html: bool = False) -> Format | str:
    """The format asked for by ``format=`` (wins) or Accept; ``"html"`` when ``html`` is offered and
    preferred; NotAcceptable when nothing offered is accepted."""
    if format_param:
        wanted = [w for w in format_param.split(",") if w.strip()]  # SPARQLWrapper repeats format=
        if html and any(w.strip().lower() in ("html", "text/html") for w in wanted[:1]):
            return "html"
        found = next((f for f in (_by_name(formats, w) for w in wanted) if f is not None), None)
        if found is None:
            offered = ", ".join(f.name for f in formats) + (", html" if html else "")
            raise NotAcceptable(f"unknown format {format_param!r}; use one of {offered}")
        return found
    if not accept:
        return formats[0]
    for _, _, media in _accepted(accept):
        if html and media in ("text/html", "application/xhtml+xml"):
            return "html"
        if media in ("*/*", "application/*", "text/*"):
            return formats[0]
        found = _by_name(formats, media)
        if found is not None:
            return found
    offered = ", ".join(f.media_type for f in formats) + (", text/html" if html else "")
    raise NotAcceptable(f"none of the accepted media types is offered; offered: {offered}")
