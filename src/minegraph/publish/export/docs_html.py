"""HTML documentation of the ontology and the concept schemes, rendered offline from the graph.

``ontology/index.html`` is pyLODE's page (the ``docs`` extra, pyLODE 3.2.x) when pyLODE is
installed, else this module's own page: classes, and properties with domain, range and comment.
``ontology/concepts.html`` is always this module's: every SKOS concept scheme with its concepts
(pyLODE's VocPub renders one scheme per page, and not in a stable order).
"""

from __future__ import annotations

import html
import logging
from importlib import resources
from pathlib import Path
from string import Template

from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from minegraph.core.namespaces import PREFIXES


def _template() -> Template:
    return Template(resources.files(__package__).joinpath("templates", "page.html").read_text(encoding="utf-8"))


def _short(iri: URIRef) -> str:
    """``mg:State`` for an IRI in one of minegraph's namespaces, else the IRI."""
    for prefix, namespace in sorted(PREFIXES.items(), key=lambda item: -len(item[1])):
        if str(iri).startswith(namespace) and str(iri) != namespace:
            return f"{prefix}:{str(iri)[len(namespace) :]}"
    return str(iri)


def _anchor(iri: URIRef) -> str:
    return html.escape(_short(iri).replace(":", "-"), quote=True)


def _text(graph: Graph, subject: URIRef, *predicates: URIRef) -> str:
    """The first English (or untagged) value of the first predicate that has one, escaped."""
    for predicate in predicates:
        values = sorted(
            graph.objects(subject, predicate), key=lambda v: (getattr(v, "language", None) not in ("en", None), str(v))
        )
        if values:
            return html.escape(str(values[0]))
    return ""


def _link(graph: Graph, iri: URIRef, local: set[URIRef]) -> str:
    label = html.escape(_short(iri))
    href = f"#{_anchor(iri)}" if iri in local else html.escape(str(iri), quote=True)
    return f'<a href="{href}">{label}</a>'


def _links(graph: Graph, subject: URIRef, predicate: URIRef, local: set[URIRef]) -> str:
    values = sorted((v for v in graph.objects(subject, predicate) if isinstance(v, URIRef)), key=str)
    return ", ".join(_link(graph, v, local) for v in values)


def _subjects(graph: Graph, kind: URIRef) -> list[URIRef]:
    return sorted((s for s in graph.subjects(RDF.type, kind) if isinstance(s, URIRef)), key=str)


def _term_section(graph: Graph, iri: URIRef, local: set[URIRef], fields: list[tuple[str, str]]) -> str:
    rows = "".join(f"<tr><th>{name}</th><td>{value}</td></tr>" for name, value in fields if value)
    label = _text(graph, iri, RDFS.label, SKOS.prefLabel) or html.escape(_short(iri))
    return (
        f'<section id="{_anchor(iri)}"><h3>{label} <code>{html.escape(_short(iri))}</code></h3>'
        f'<p class="iri">{html.escape(str(iri))}</p><p>{_text(graph, iri, RDFS.comment, SKOS.definition)}</p>'
        f"<table>{rows}</table></section>\n"
    )


def ontology_body(graph: Graph) -> tuple[str, str]:
    """(title, HTML body) of the ontology page: metadata, classes, properties."""
    ontologies = _subjects(graph, OWL.Ontology)
    classes = _subjects(graph, OWL.Class)
    properties = sorted(set(_subjects(graph, OWL.ObjectProperty) + _subjects(graph, OWL.DatatypeProperty)), key=str)
    local = set(classes) | set(properties)
    title = _text(graph, ontologies[0], DCTERMS.title) if ontologies else "Ontology"
    parts = [
        f"<p>{_text(graph, o, DCTERMS.description)}</p><p class='iri'>IRI: {html.escape(str(o))}"
        f" · version {_text(graph, o, OWL.versionInfo)}</p>"
        for o in ontologies
    ]
    parts.append(f"<h2 id='classes'>Classes ({len(classes)})</h2>")
    for iri in classes:
        parts.append(_term_section(graph, iri, local, [("Subclass of", _links(graph, iri, RDFS.subClassOf, local))]))
    parts.append(f"<h2 id='properties'>Properties ({len(properties)})</h2>")
    for iri in properties:
        kind = "object property" if (iri, RDF.type, OWL.ObjectProperty) in graph else "datatype property"
        parts.append(
            _term_section(
                graph,
                iri,
                local,
                [
                    ("Kind", kind),
                    ("Domain", _links(graph, iri, RDFS.domain, local)),
                    ("Range", _links(graph, iri, RDFS.range, local)),
                    ("Subproperty of", _links(graph, iri, RDFS.subPropertyOf, local)),
                ],
            )
        )
    return title, "".join(parts)


def concepts_body(graph: Graph) -> tuple[str, str]:
    """(title, HTML body) of the concept-scheme page: each scheme with a table of its concepts."""
    schemes = _subjects(graph, SKOS.ConceptScheme)
    parts = [
        "<ul>"
        + "".join(
            f'<li><a href="#{_anchor(s)}">{_text(graph, s, SKOS.prefLabel, RDFS.label)}</a></li>' for s in schemes
        )
        + "</ul>"
    ]
    for scheme in schemes:
        concepts = sorted((c for c in graph.subjects(SKOS.inScheme, scheme) if isinstance(c, URIRef)), key=str)
        rows = "".join(
            f'<tr id="{_anchor(c)}"><td><code>{_text(graph, c, SKOS.notation)}</code></td><td>{_text(graph, c, SKOS.prefLabel, RDFS.label)}</td>'
            f"<td>{_text(graph, c, SKOS.definition, RDFS.comment)}</td><td class='iri'>{html.escape(str(c))}</td></tr>"
            for c in concepts
        )
        parts.append(
            f'<h2 id="{_anchor(scheme)}">{_text(graph, scheme, SKOS.prefLabel, RDFS.label)} ({len(concepts)})</h2>'
            f"<p>{_text(graph, scheme, SKOS.definition, RDFS.comment)}</p><p class='iri'>{html.escape(str(scheme))}</p>"
            f"<table><tr><th>Notation</th><th>Label</th><th>Definition</th><th>IRI</th></tr>{rows}</table>"
        )
    return "Concept schemes of minegraph", "".join(parts)


def render_page(title: str, body: str, version: str) -> bytes:
    return _template().substitute(title=title, body=body, version=html.escape(version)).encode("utf-8")


def pylode_page(ontology_file: Path) -> bytes | None:
    """pyLODE's OntPub page of the ontology, or None when pyLODE (the ``docs`` extra) is missing."""
    try:  # lazy: pyLODE is optional (the docs extra)
        from pylode import OntPub
    except ImportError:
        return None
    root = logging.getLogger()
    level = root.level
    root.setLevel(max(level, logging.WARNING))  # pyLODE logs its progress at INFO on the root logger
    try:
        return OntPub(ontology=str(ontology_file)).make_html().encode("utf-8")
    finally:
        root.setLevel(level)


def ontology_docs(ontology_file: Path, graph: Graph, version: str, use_pylode: bool = True) -> dict[str, bytes]:
    """``index.html`` (pyLODE when available and asked for) and ``concepts.html``."""
    index = pylode_page(ontology_file) if use_pylode else None
    if index is None:
        index = render_page(*ontology_body(graph), version)
    return {"index.html": index, "concepts.html": render_page(*concepts_body(graph), version)}
