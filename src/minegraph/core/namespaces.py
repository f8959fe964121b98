"""Namespaces and the instance-IRI scheme of minegraph.

Ontology terms live under ``https://w3id.org/minegraph/ontology#``; instances under
``https://w3id.org/minegraph/id/<kind>/<slug>``, readable and stable (states by ISO 3166-1
alpha-3, e.g. ``.../id/state/LVA``). Every module builds IRIs through :func:`iri` so the
pattern is defined once and can be resolved by pattern (content negotiation later).
"""

from __future__ import annotations

import re
import unicodedata

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SDO, SH, SKOS, TIME, VANN, VOID, XSD

MG = Namespace("https://w3id.org/minegraph/ontology#")
ID_BASE = "https://w3id.org/minegraph/id/"
CONCEPT_BASE = ID_BASE + "concept/"

OA = Namespace("http://www.w3.org/ns/oa#")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
WD = Namespace("http://www.wikidata.org/entity/")
SCHEMA = SDO  # https://schema.org/

#: Kinds of instance IRI: ``id/<kind>/<slug>``; each is bound as a Turtle prefix of the same name.
KINDS = (
    "state",  # states, by ISO 3166-1 alpha-3
    "person",
    "organisation",  # bodies: ministries, parliaments, NGOs, IOs, coalitions, media
    "post",  # org:Post, e.g. Finland's defence minister
    "membership",  # org:Membership: who held which role where, when
    "place",  # places that are not states (e.g. Gaza)
    "treaty",
    "rule",  # timing rules of a treaty (Article 17, Article 20)
    "decision",
    "event",  # treaty acts, votes, announcements
    "statement",
    "claim",
    "stance-assessment",  # one reading of a statement's stance toward one decision
    "review",  # assessments of claims against reference data
    "source",  # source documents
    "archive",  # archived texts of source documents
    "anchor",  # oa:SpecificResource targets of statements
    "selector",  # oa:TextPositionSelector / oa:TextQuoteSelector
    "interval",  # time:Interval
    "instant",  # time:Instant, one per date
    "dataset",  # VoID/DCAT descriptions
    "alternative",  # mg:AlternativeReport: a value other sources give for a property of a node
    "citation",  # mg:FieldCitation: the documents supporting one field of a fact
    "note",  # mg:Note: a dated note that describes later events than its node's
)

#: Controlled vocabularies (SKOS concept schemes): ``id/concept/<scheme>/<slug>``.
SCHEMES = (
    "stance",
    "assessment-method",
    "quote-mode",
    "instrument",
    "decision-type",
    "vote-outcome",
    "voting-method",
    "certainty",
    "user-kind",
    "measure",
    "value-qualifier",
    "date-basis",
    "source-kind",
    "role",
    "assessment",
    "evidence",  # evidence level of a statement: anchored quote or reported position
)


def kind_namespace(kind: str) -> Namespace:
    """The namespace of one kind of instance IRI."""
    if kind not in KINDS:
        raise ValueError(f"unknown IRI kind {kind!r}; expected one of {', '.join(KINDS)}")
    return Namespace(f"{ID_BASE}{kind}/")


def scheme_namespace(scheme: str) -> Namespace:
    """The namespace of the concepts of one SKOS concept scheme."""
    if scheme not in SCHEMES:
        raise ValueError(f"unknown concept scheme {scheme!r}; expected one of {', '.join(SCHEMES)}")
    return Namespace(f"{CONCEPT_BASE}{scheme}/")


_SLUG_OK = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


def valid_slug(slug: str) -> bool:
    """Whether ``slug`` may be an IRI's last segment (letters, digits, '.', '_', '-'; at most 200)."""
    return len(slug) <= 200 and bool(_SLUG_OK.match(slug))


def iri(kind: str, slug: str) -> URIRef:
    """The IRI of an instance: ``iri("state", "LVA")`` -> ``.../id/state/LVA``."""
    if not _SLUG_OK.match(slug):
        raise ValueError(f"not a valid slug for an IRI: {slug!r} (letters, digits, '.', '_', '-')")
    return kind_namespace(kind)[slug]


def concept(scheme: str, slug: str) -> URIRef:
    """The IRI of a concept: ``concept("stance", "oppose")``."""
    if not _SLUG_OK.match(slug):
        raise ValueError(f"not a valid concept slug: {slug!r}")
    return scheme_namespace(scheme)[slug]


def scheme_iri(scheme: str) -> URIRef:
    """The IRI of a concept scheme itself: ``.../id/concept/stance``."""
    scheme_namespace(scheme)
    return URIRef(CONCEPT_BASE + scheme)


def slugify(text: str, max_length: int = 80) -> str:
    """A readable ASCII slug: ``"Dovilė Šakalienė"`` -> ``"dovile-sakaliene"``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^A-Za-z0-9]+", "-", ascii_text).strip("-").lower()
    return slug[:max_length].rstrip("-") or "x"


PREFIXES: dict[str, str] = {
    "mg": str(MG),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "skos": str(SKOS),
    "dcterms": str(DCTERMS),
    "prov": str(PROV),
    "schema": str(SCHEMA),
    "org": str(ORG),
    "foaf": str(FOAF),
    "time": str(TIME),
    "oa": str(OA),
    "sem": str(SEM),
    "sh": str(SH),
    "vann": str(VANN),
    "void": str(VOID),
    "dcat": str(DCAT),
    "wd": str(WD),
    **{kind: f"{ID_BASE}{kind}/" for kind in KINDS},
    **{scheme: f"{CONCEPT_BASE}{scheme}/" for scheme in SCHEMES},
}


def bind_prefixes(graph: Graph) -> Graph:
    """Bind minegraph's prefixes (replacing rdflib's defaults) and return the graph."""
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph


def sparql_prologue() -> str:
    """PREFIX declarations for every prefix above, for ad-hoc queries."""
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in sorted(PREFIXES.items()))
