"""The endpoint's choice of a result format by ``format=`` or the Accept header.

The formats are the registry's (:mod:`minegraph.core.formats`) that pyoxigraph writes; every body is
written by pyoxigraph's serialisers, this module only picks one.
"""

from __future__ import annotations

from minegraph.core.formats import Format, formats

#: Formats of SELECT and ASK results (first is the default): the registry's, as Oxigraph writes them.
RESULTS = formats("results", engine="oxigraph")
#: Formats of CONSTRUCT and DESCRIBE results, and of entity documents (first is the default); RDF/XML
#: among them, as SPARQLWrapper asks for it by default.
GRAPHS = formats("graph", engine="oxigraph")
#: ``format=`` / ``output=`` values are read as Fuseki reads them: ``xml`` and ``json`` name the
#: results format of a SELECT or ASK and the graph format of a CONSTRUCT or DESCRIBE (RDF/XML,
#: JSON-LD), ``n3`` is Turtle — the values SPARQLWrapper, rdflib's SPARQLStore and YASGUI send
#: (aliases in the registry's rows).


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


def choose(
    formats: tuple[Format, ...], format_param: str | None, accept: str | None, *, html: bool = False
) -> Format | str:
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
