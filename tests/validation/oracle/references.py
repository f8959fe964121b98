"""Checks that every IRI the data uses means something.

* ``references``: every IRI used as an object in the data is described (it is the subject of
  at least one triple of the data or the ontology) or is an allowed external IRI: a term of a
  reused vocabulary, a Wikidata entity, a licence. Each dangling IRI is reported once, on the
  first subject that uses it, with the number and names of the others.
* ``terms``: every property the data uses is declared in the ontology or belongs to a reused
  vocabulary, so a misspelt ``mg:speeker`` cannot pass unnoticed;
* ``identifiers``: IRIs agree with the identifiers they are built from: a state's IRI ends with
  its alpha-3 code, an instant's with its date (SHACL-SPARQL could say it, but pySHACL parses
  such a query once per node, which costs seconds on the real graph);
* ``assessed-decisions``: a statement is about (``mg:about``) exactly the decisions its stance
  assessments are toward (``mg:towards``), and has at most one assessment per decision and assessor.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator

from rdflib import Graph, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SDO, SH, SKOS, TIME, VANN, VOID, XSD

from minegraph.core.namespaces import ID_BASE, MG, OA, SEM

from . import CheckContext, Problem, check

#: Vocabularies whose terms the data may use without describing them (never ``mg:`` or ``id/``).
REUSED_VOCABULARIES: tuple[str, ...] = tuple(
    str(ns) for ns in (RDF, RDFS, OWL, XSD, SKOS, DCTERMS, PROV, SDO, ORG, FOAF, TIME, OA, SEM, SH, VANN, VOID, DCAT)
)

#: External IRIs that may be used as objects without a description in the graph.
EXTERNAL_IRIS: tuple[re.Pattern[str], ...] = (
    re.compile(r"^http://www\.wikidata\.org/entity/Q[1-9][0-9]*$"),
    re.compile(r"^https?://creativecommons\.org/(licenses|publicdomain)/[A-Za-z0-9./-]+$"),
    re.compile(r"^https?://opensource\.org/licenses?/[A-Za-z0-9.+-]+$"),
    re.compile(r"^https?://spdx\.org/licenses/[A-Za-z0-9.+-]+(\.html)?$"),
    re.compile(r"^https://www\.iana\.org/assignments/media-types/[a-z]+/[A-Za-z0-9.+-]+$"),
    re.compile(r"^https://w3id\.org/minegraph/graph/([A-Za-z0-9._-]+)?$"),  # the dataset's own dump files
)

#: How many other users of a dangling IRI a message names before it only counts them.
NAMED_USERS = 3


def is_known(graph: Graph, iri: URIRef) -> bool:
    """Described in ``graph`` (subject of a triple), a reused vocabulary's term, or an allowed external IRI."""
    text = str(iri)
    if text.startswith(REUSED_VOCABULARIES) and not text.startswith(str(MG)):
        return True
    if any(pattern.match(text) for pattern in EXTERNAL_IRIS):
        return True
    return (iri, None, None) in graph


@check("references")
def no_dangling_iris(context: CheckContext) -> Iterator[Problem]:
    """Every IRI used as an object in the data is described or allowed; each dangling IRI reported once."""
    users: dict[URIRef, set[tuple[URIRef, URIRef]]] = defaultdict(set)
    known: dict[URIRef, bool] = {}
    for subject, predicate, obj in context.data:
        if isinstance(obj, URIRef):
            if obj not in known:
                known[obj] = is_known(context.graph, obj)
            if not known[obj]:
                users[obj].add((subject, predicate))
    for iri in sorted(users):
        (subject, predicate), *others = sorted(users[iri])
        message = f"<{iri}> is described nowhere (no triple has it as subject) and is not an allowed external IRI"
        if others:
            named = ", ".join(f"<{s}>" for s, _ in others[:NAMED_USERS])
            more = f" and {len(others) - NAMED_USERS} more" if len(others) > NAMED_USERS else ""
            message += f"; also used by {len(others)} other subject(s): {named}{more}"
        yield Problem("references", message, subject, predicate)


@check("terms")
def properties_are_declared(context: CheckContext) -> Iterator[Problem]:
    """Every property used in the data is declared in the ontology or comes from a reused vocabulary."""
    first_use: dict[URIRef, URIRef] = {}
    for subject, predicate in context.data.subject_predicates():
        if predicate not in first_use or subject < first_use[predicate]:
            first_use[predicate] = subject
    for predicate in sorted(first_use):
        if not is_known(context.graph, predicate):
            yield Problem(
                "terms",
                f"The property <{predicate}> is not declared in the ontology and is not from a reused vocabulary",
                first_use[predicate],
                predicate,
            )


#: (class, identifier property, IRI namespace) of the IRIs built from an identifier.
IDENTIFIED = (
    (MG.State, MG.iso3166Alpha3, ID_BASE + "state/"),
    (TIME.Instant, TIME.inXSDDate, ID_BASE + "instant/"),
)


@check("identifiers")
def iris_match_identifiers(context: CheckContext) -> Iterator[Problem]:
    """A state's IRI is ``id/state/<alpha-3>``; an instant's IRI is ``id/instant/<date>``."""
    g = context.graph
    for cls, prop, namespace in IDENTIFIED:
        for node in sorted(set(g.subjects(RDF.type, cls))):
            for value in g.objects(node, prop):
                if str(node) != namespace + str(value):
                    yield Problem(
                        "identifiers",
                        f"The IRI <{node}> is not the one its identifier {str(value)!r} gives: <{namespace}{value}>",
                        node,
                        prop,
                    )


@check("assessed-decisions")
def statements_about_their_assessed_decisions(context: CheckContext) -> Iterator[Problem]:
    """mg:about of a statement = the decisions its assessments are toward; one assessment per decision and assessor."""
    g = context.data
    assessed: dict[URIRef, list[tuple]] = defaultdict(list)
    for assessment, statement in g.subject_objects(MG.assessedStatement):
        assessed[statement].append(
            (g.value(assessment, MG.towards), g.value(assessment, PROV.wasAttributedTo), assessment)
        )
    for statement in sorted(set(assessed) | set(g.subjects(MG.about, None))):
        about = set(g.objects(statement, MG.about))
        towards = {decision for decision, _, _ in assessed[statement] if decision is not None}
        for decision in sorted(about - towards):
            yield Problem(
                "assessed-decisions",
                f"The statement is about <{decision}> (mg:about) but no stance assessment "
                "of it is toward that decision (mg:towards)",
                statement,
                MG.about,
            )
        for decision in sorted(towards - about):
            yield Problem(
                "assessed-decisions",
                f"A stance assessment of the statement is toward <{decision}> (mg:towards), "
                "but the statement is not about it (mg:about)",
                statement,
                MG.about,
            )
        pairs = [(decision, by) for decision, by, _ in assessed[statement]]
        for decision, by in sorted({pair for pair in pairs if pairs.count(pair) > 1}):
            yield Problem(
                "assessed-decisions",
                f"The statement has more than one stance assessment toward <{decision}> by <{by}>",
                statement,
                MG.about,
            )
