"""Actors of the curated sources: persons, bodies, posts, the roles they held, and places.

Built from ``curation/actors.toml`` (states and state bodies of the reference data are
built by the membership and withdrawals parts). Roles are W3C ORG memberships with OWL-Time
intervals, so "former president of Emergency" is a period, not a string.
"""

from __future__ import annotations

from rdflib import RDFS, XSD, Graph, Literal, URIRef

from minegraph.assemble.rdf import cite, describe, interval, new_graph, note
from minegraph.assemble.records import Record, Resolver, load_toml, records
from minegraph.assemble.registry import part
from minegraph.core.namespaces import MG, ORG, SCHEMA, iri

ORGANISATION_TYPES = {
    "State",
    "GovernmentBody",
    "Parliament",
    "InternationalOrganisation",
    "NonGovernmentalOrganisation",
    "PoliticalGroup",
    "MediaOutlet",
    "NonStateArmedGroup",
    "Coalition",
    "Organisation",  # none of the above: e.g. the curators, the agent of curated stance assessments
}


@part("actors.ttl", order=50)
def build_actors(context) -> Graph:
    """The ``actors.ttl`` part: ``curation/actors.toml``, then the actors first named by accepted sources
    (``curation/actors/<source>.toml``, written by ``minegraph accept``)."""
    resolve = Resolver(context.sources, context.references)
    g = new_graph()
    curation = context.project.curation_dir
    for path in [curation / "actors.toml", *sorted((curation / "actors").glob("*.toml"))]:
        _actors_file(g, path, resolve)
    return g


def _actors_file(g: Graph, path, resolve: Resolver) -> None:
    document, lines = load_toml(path)
    for record in records(document, lines, path, "organisation"):
        _organisation(g, record, resolve)
    for record in records(document, lines, path, "person"):
        node = _actor(g, record, resolve, "person", [MG.Person])
        if record.get("nationality"):
            g.add((node, SCHEMA.nationality, resolve.ref(record, record.get("nationality"))))
    for record in records(document, lines, path, "post"):
        node = _actor(g, record, resolve, "post", [MG.Post])
        g.add((node, ORG.postIn, resolve.ref(record, record.require("post_in"))))
        g.add((node, ORG.role, resolve.concept(record, "role", record.require("role"))))
    for record in records(document, lines, path, "membership"):
        _membership(g, record, resolve)
    for record in records(document, lines, path, "place"):
        _actor(g, record, resolve, "place", [MG.Place])


def _actor(g: Graph, record: Record, resolve: Resolver, kind: str, types: list[URIRef]) -> URIRef:
    node = iri(kind, record.require("id"))
    describe(g, node, types, record.require("label"), alt=record.list("alt"))
    sources = resolve.refs(record, "sources") or _missing_sources(record)
    note(g, node, record.get("note"), record.date("note_known_from"), sources)
    if record.get("unnamed"):
        g.add((node, MG.unnamedInSource, Literal(True)))
    cite(g, node, sources)
    return node


def _missing_sources(record: Record):
    raise record.error("every actor needs sources (a source:<slug> or a URL)")


def _organisation(g: Graph, record: Record, resolve: Resolver) -> URIRef:
    node = _actor(g, record, resolve, "organisation", record.classes("types", ORGANISATION_TYPES))
    if record.get("part_of"):
        g.add((node, ORG.subOrganizationOf, resolve.ref(record, record.get("part_of"))))
    if record.get("founded"):
        g.add((node, SCHEMA.foundingDate, Literal(str(record.get("founded")), datatype=XSD.gYear)))
    return node


def _membership(g: Graph, record: Record, resolve: Resolver) -> URIRef:
    slug = record.require("id")
    node = iri("membership", slug)
    member = resolve.ref(record, record.require("member"))
    organisation = resolve.ref(record, record.require("organisation"))
    role = resolve.concept(record, "role", record.require("role"))
    label = f"{_name(g, member)} — {record.require('role').replace('-', ' ')}, {_name(g, organisation)}"
    describe(g, node, [ORG.Membership], label, comment=record.get("note"))
    g.add((node, ORG.member, member))
    g.add((node, ORG.organization, organisation))
    g.add((node, ORG.role, role))
    if record.get("post"):
        post = resolve.ref(record, record.get("post"))
        g.add((node, MG.post, post))
        g.add((member, ORG.holds, post))
    period = interval(
        g,
        slug,
        began=record.date("began"),
        ended=record.date("ended"),
        held_on=record.date("held_on"),
        ended_before=record.date("ended_before"),
    )
    g.add((node, ORG.memberDuring, period))
    cite(g, node, resolve.refs(record, "sources") or _missing_sources(record))
    return node


def _name(g: Graph, node: URIRef) -> str:
    """The label given earlier in this part, else the IRI's last segment."""
    label = g.value(node, RDFS.label)
    return str(label) if label is not None else str(node).rsplit("/", 1)[-1]
