"""Small helpers shared by the build parts: labels, sources, dates and OWL-Time nodes.

They keep the parts short and make the same thing come out the same way everywhere
(an instant per date, an interval per membership, dcterms:source on every fact).
"""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef

from minegraph.core.namespaces import DCTERMS, MG, SKOS, TIME, bind_prefixes, iri

LANG = "en"


def new_graph() -> Graph:
    """An empty graph with minegraph's prefixes bound."""
    return bind_prefixes(Graph())


def text(value: str, lang: str = LANG) -> Literal:
    """A language-tagged string."""
    return Literal(value, lang=lang)


def xsd_date(value: str) -> Literal:
    """An xsd:date literal from an ISO date string."""
    return Literal(value, datatype=XSD.date)


def describe(
    g: Graph, node: URIRef, types: Iterable[URIRef], label: str, *, alt: Iterable[str] = (), comment: str | None = None
) -> URIRef:
    """Type a node and give it its label (and alternative labels, and a comment)."""
    for type_ in types:
        g.add((node, RDF.type, type_))
    g.add((node, RDFS.label, text(label)))
    for alternative in alt:
        g.add((node, SKOS.altLabel, text(alternative)))
    if comment:
        g.add((node, RDFS.comment, text(comment)))
    return node


def note(g: Graph, node: URIRef, comment: str | None, known_from: str | None, sources: Iterable[URIRef] = ()) -> None:
    """A node's note: an rdfs:comment, or, when it describes events later than the node is known
    (``known_from``: the day the first of them was reported), a dated mg:Note linked with mg:note,
    so that the graph as of an earlier date does not show it; the note cites the node's ``sources``."""
    if not comment:
        return
    if not known_from:
        g.add((node, RDFS.comment, text(comment)))
        return
    kind, slug = str(node).rsplit("/", 2)[1:]
    dated = iri("note", f"{kind}-{slug}")
    describe(g, dated, [MG.Note], f"Note on {kind} {slug}", comment=comment)
    g.add((dated, MG.date, xsd_date(known_from)))
    g.add((node, MG.note, dated))
    cite(g, dated, sources)


def cite(g: Graph, node: URIRef, sources: Iterable[URIRef]) -> URIRef:
    """Add ``dcterms:source`` for every source document."""
    for source in sources:
        g.add((node, DCTERMS.source, source))
    return node


def dates(
    g: Graph, node: URIRef, *, exact: str | None = None, earliest: str | None = None, latest: str | None = None
) -> None:
    """An exact date, or bounds for an imprecise one (never a guessed date)."""
    if exact:
        g.add((node, MG.date, xsd_date(exact)))
    if earliest:
        g.add((node, MG.earliestDate, xsd_date(earliest)))
    if latest:
        g.add((node, MG.latestDate, xsd_date(latest)))


def instant(g: Graph, day: str) -> URIRef:
    """The time:Instant of a calendar date (one node per date, shared by every part)."""
    node = iri("instant", day)
    g.add((node, RDF.type, TIME.Instant))
    g.add((node, TIME.inXSDDate, xsd_date(day)))
    return node


def interval(
    g: Graph,
    slug: str,
    *,
    began: str | None = None,
    ended: str | None = None,
    held_on: str | None = None,
    ended_before: str | None = None,
) -> URIRef:
    """A time:Interval with whatever is known of it: exact ends, a date inside it, a date after it."""
    node = iri("interval", slug)
    g.add((node, RDF.type, TIME.Interval))
    if began:
        g.add((node, TIME.hasBeginning, instant(g, began)))
    if ended:
        g.add((node, TIME.hasEnd, instant(g, ended)))
    if held_on:
        g.add((node, TIME.inside, instant(g, held_on)))
    if ended_before:
        g.add((node, TIME.before, instant(g, ended_before)))
    return node
