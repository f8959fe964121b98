"""The JSON-LD ``@context`` of the release: prefixes plus one short term per property.

The committed file ``context.jsonld`` is generated from the ontology by :func:`generate_context`
(a test keeps the two in step). Object properties are typed ``@id``; datatype properties with a
range other than a string carry that datatype, so values read as plain JSON strings and numbers.
Docs: ``docs/export.md``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from importlib import resources

import pyoxigraph as ox

from minegraph.core.namespaces import PREFIXES

MG = PREFIXES["mg"]
CONTEXT_FILE = "context.jsonld"
_OWL = "http://www.w3.org/2002/07/owl#"
_RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_RANGE = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#range")
_PLAIN = {PREFIXES["xsd"] + "string", PREFIXES["rdf"] + "langString"}

#: Terms of other vocabularies that minegraph uses often: term -> (compact IRI, type or None).
COMMON_TERMS: dict[str, tuple[str, str | None]] = {
    "label": ("rdfs:label", None),
    "comment": ("rdfs:comment", None),
    "subClassOf": ("rdfs:subClassOf", "@id"),
    "domain": ("rdfs:domain", "@id"),
    "range": ("rdfs:range", "@id"),
    "sameAs": ("owl:sameAs", "@id"),
    "title": ("dcterms:title", None),
    "description": ("dcterms:description", None),
    "isPartOf": ("dcterms:isPartOf", "@id"),
    "dcterms:source": ("dcterms:source", "@id"),  # "source" is the prefix of source documents
    "derivedFrom": ("prov:wasDerivedFrom", "@id"),
    "quotedFrom": ("prov:wasQuotedFrom", "@id"),
    "prefLabel": ("skos:prefLabel", None),
    "altLabel": ("skos:altLabel", None),
    "definition": ("skos:definition", None),
    "notation": ("skos:notation", None),
    "inScheme": ("skos:inScheme", "@id"),
    "topConceptOf": ("skos:topConceptOf", "@id"),
    "url": ("schema:url", "xsd:anyURI"),
    "datePublished": ("schema:datePublished", "xsd:date"),
    "author": ("schema:author", "@id"),
    "publisher": ("schema:publisher", "@id"),
    "hasSource": ("oa:hasSource", "@id"),
    "hasSelector": ("oa:hasSelector", "@id"),
    "exact": ("oa:exact", None),
    "prefix": ("oa:prefix", None),
    "suffix": ("oa:suffix", None),
    "start": ("oa:start", "xsd:nonNegativeInteger"),
    "end": ("oa:end", "xsd:nonNegativeInteger"),
    "member": ("org:member", "@id"),
    "organization": ("org:organization", "@id"),
    "org:role": ("org:role", "@id"),  # "role" is the prefix of the role concepts
    "postIn": ("org:postIn", "@id"),
    "memberDuring": ("org:memberDuring", "@id"),
    "subOrganizationOf": ("org:subOrganizationOf", "@id"),
    "inXSDDate": ("time:inXSDDate", "xsd:date"),
    "inside": ("time:inside", "@id"),
}


def _compact(iri: str) -> str:
    """``xsd:date`` for an IRI in a namespace of minegraph's, else the IRI itself."""
    for prefix, namespace in sorted(PREFIXES.items(), key=lambda item: -len(item[1])):
        if iri.startswith(namespace) and iri != namespace:
            return f"{prefix}:{iri[len(namespace) :]}"
    return iri


def _mg_terms(ontology: Iterable[ox.Triple]) -> dict[str, dict[str, str]]:
    kinds: dict[str, str] = {}
    ranges: dict[str, str] = {}
    for triple in ontology:
        subject = triple.subject.value if isinstance(triple.subject, ox.NamedNode) else ""
        if not subject.startswith(MG):
            continue
        if triple.predicate == _RDF_TYPE and triple.object.value in (
            _OWL + "ObjectProperty",
            _OWL + "DatatypeProperty",
        ):
            kinds[subject] = triple.object.value
        elif triple.predicate == _RANGE:
            ranges[subject] = triple.object.value
    terms = {}
    for iri, kind in kinds.items():
        term: dict[str, str] = {"@id": _compact(iri)}
        if kind == _OWL + "ObjectProperty":
            term["@type"] = "@id"
        elif iri in ranges and ranges[iri] not in _PLAIN:
            term["@type"] = _compact(ranges[iri])
        terms[iri[len(MG) :]] = term
    return terms


def generate_context(ontology: Iterable[ox.Triple]) -> dict:
    """The ``@context`` object: keyword aliases, prefixes, common terms, then minegraph's properties.

    Instance prefixes (``state:``, ``source:``) take their names first, so a property of the same
    name (``mg:stance``, ``dcterms:source``) keeps its compact IRI rather than a short term.
    """
    context: dict[str, object] = {"id": "@id", "type": "@type"}
    context.update(dict(sorted(PREFIXES.items())))
    common = {name: {"@id": iri, **({"@type": kind} if kind else {})} for name, (iri, kind) in COMMON_TERMS.items()}
    for name, term in sorted(common.items()) + sorted(_mg_terms(ontology).items()):
        # A prefix, or an earlier term, of the same name wins: the property stays a compact IRI (mg:stance).
        if name not in context:
            context[name] = term
        elif "@type" in term and term["@id"] not in context:
            context[term["@id"]] = {"@type": term["@type"]}  # typed under its compact IRI instead
    return {"@context": context}


def context_bytes(context: dict) -> bytes:
    """The committed file's bytes: two-space indent, UTF-8, final newline."""
    return (json.dumps(context, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def committed_context() -> dict:
    """The ``@context`` document shipped with the package (``context.jsonld``)."""
    text = resources.files(__package__).joinpath(CONTEXT_FILE).read_text(encoding="utf-8")
    return json.loads(text)
