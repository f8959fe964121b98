"""HTML of entity pages: label, types, links both ways, and for a statement its trace card.

Plain HTML with every value escaped; IRIs under the data's base are linked to this server's own
``/id/…`` pages, so the links work on a local server.
"""

from __future__ import annotations

from html import escape
from itertools import groupby

from minegraph.core.namespaces import PREFIXES
from minegraph.provenance.render import chain_entries, statement_entries

from .negotiation import GRAPHS

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
LABELS = ("http://www.w3.org/2000/01/rdf-schema#label", "http://www.w3.org/2004/02/skos/core#prefLabel")
_STYLE = """body{font-family:system-ui,sans-serif;max-width:70rem;margin:1.5rem auto;padding:0 1rem;line-height:1.45}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.25rem .5rem;text-align:left;
vertical-align:top}code{font-size:.85em;color:#555}.card{background:#f6f6f2;padding:.75rem 1rem;border-left:4px solid
#996}blockquote{margin:.5rem 0}mark{background:#fe8}nav a{margin-right:1rem}
tr.sub th{padding-left:1.5rem;font-weight:normal}"""


#: Labels of the well-known properties the graph itself does not label (rdf, rdfs, owl, skos, dcterms, prov, schema).
WELL_KNOWN = {
    RDF_TYPE: "type",
    LABELS[0]: "label",
    LABELS[1]: "preferred label",
    "http://www.w3.org/2000/01/rdf-schema#comment": "comment",
    "http://www.w3.org/2000/01/rdf-schema#seeAlso": "see also",
    "http://www.w3.org/2000/01/rdf-schema#subClassOf": "subclass of",
    "http://www.w3.org/2000/01/rdf-schema#subPropertyOf": "subproperty of",
    "http://www.w3.org/2000/01/rdf-schema#domain": "domain",
    "http://www.w3.org/2000/01/rdf-schema#range": "range",
    "http://www.w3.org/2000/01/rdf-schema#isDefinedBy": "defined by",
    "http://www.w3.org/2002/07/owl#sameAs": "same as",
    "http://www.w3.org/2002/07/owl#equivalentClass": "equivalent class",
    "http://www.w3.org/2002/07/owl#inverseOf": "inverse of",
    "http://www.w3.org/2004/02/skos/core#altLabel": "alternative label",
    "http://www.w3.org/2004/02/skos/core#notation": "notation",
    "http://www.w3.org/2004/02/skos/core#inScheme": "in scheme",
    "http://www.w3.org/2004/02/skos/core#definition": "definition",
    "http://www.w3.org/2004/02/skos/core#broader": "broader",
    "http://www.w3.org/2004/02/skos/core#exactMatch": "exact match",
    "http://purl.org/dc/terms/source": "source",
    "http://purl.org/dc/terms/title": "title",
    "http://purl.org/dc/terms/description": "description",
    "http://purl.org/dc/terms/license": "licence",
    "http://purl.org/dc/terms/publisher": "publisher",
    "http://purl.org/dc/terms/created": "created",
    "http://purl.org/dc/terms/modified": "modified",
    "http://purl.org/dc/terms/issued": "issued",
    "http://purl.org/dc/terms/hasPart": "has part",
    "http://purl.org/dc/terms/isPartOf": "is part of",
    "http://www.w3.org/ns/prov#wasDerivedFrom": "derived from",
    "http://www.w3.org/ns/prov#wasAttributedTo": "attributed to",
    "http://www.w3.org/ns/prov#wasQuotedFrom": "quoted from",
    "https://schema.org/url": "URL",
    "https://schema.org/datePublished": "date published",
    "https://schema.org/publisher": "publisher",
    "https://schema.org/alternateName": "alternate name",
}
#: Values shown per property before the rest fold away under "N more".
SHOWN_PER_PROPERTY = 12


def compact(iri: str) -> str:
    """``prefix:local`` for an IRI under a known namespace (the longest match), else the IRI."""
    best = max(((p, ns) for p, ns in PREFIXES.items() if iri.startswith(ns)), key=lambda pn: len(pn[1]), default=None)
    return f"{best[0]}:{iri[len(best[1]) :]}" if best else iri


def local(iri: str, base: str) -> str:
    """The address on this server of an IRI under ``base``; other IRIs unchanged."""
    return "/" + iri[len(base) :] if iri.startswith(base) else iri


def _value(term: dict | None, base: str, label: dict | None = None) -> str:
    if term is None:
        return ""
    if term["type"] == "iri":
        known = label["value"] if label else WELL_KNOWN.get(term["value"])
        shown = escape(known) if known else f"<code>{escape(compact(term['value']))}</code>"
        return f'<a href="{escape(local(term["value"], base))}">{shown}</a>'
    if term["type"] == "bnode":
        return f"<code>_:{escape(term['value'])}</code>"
    lang = f" <code>@{escape(term['language'])}</code>" if term.get("language") else ""
    return escape(term["value"]) + lang


def search_box(words: str = "") -> str:
    """The search form of every page (``/search?q=``)."""
    return (
        f'<form action="/search" method="get" role="search" style="display:inline"><input type="search" name="q" value="{escape(words)}" '
        f'placeholder="search names, e.g. Latvia" aria-label="search"> <button>search</button></form>'
    )


def page(title: str, body: str, alternates: str = "", words: str = "") -> str:
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{escape(title)} · minegraph</title>'
        f'<meta name="viewport" content="width=device-width"><style>{_STYLE}</style>{alternates}</head><body>'
        f'<nav><a href="/sparql">query page</a><a href="/id/">entities</a><a href="/search">search</a>'
        f'<a href="/ontology">ontology</a><a href="/dist/">downloads</a>{search_box(words)}</nav>{body}</body></html>'
    )


def _rows(links: list[dict], direction: str, base: str) -> str:
    """One table row per property; its first values shown, the rest folded under "N more"."""
    rows = [r for r in links if r["direction"]["value"] == direction]
    if not rows:
        return "<p>none</p>"
    cells = []
    for _, group in groupby(rows, key=lambda r: r["property"]["value"]):
        group = list(group)
        values = [_value(r["other"], base, r["otherLabel"]) for r in group]
        shown = "<br>".join(values[:SHOWN_PER_PROPERTY])
        if len(values) > SHOWN_PER_PROPERTY:
            shown += (
                f"<details><summary>{len(values) - SHOWN_PER_PROPERTY} more</summary>"
                + "<br>".join(values[SHOWN_PER_PROPERTY:])
                + "</details>"
            )
        cells.append(
            f"<tr><td>{_value(group[0]['property'], base, group[0]['propertyLabel'])}</td><td>{shown}</td></tr>"
        )
    return (
        f"<table><tr><th>property</th><th>{'value' if direction == 'out' else 'from'}</th></tr>{''.join(cells)}</table>"
    )


def _iri_link(iri: str | None, label: str | None, base: str) -> str:
    if not iri:
        return escape(label or "")
    return f'<a href="{escape(local(iri, base))}">{escape(label or iri)}</a>'


def message_page(title: str, message: str) -> str:
    """A page saying one thing (not found, an error): the message may echo the request, so it is escaped."""
    return page(title, f"<h1>{escape(title)}</h1><p>{escape(message)}</p>")


def _original(url: str | None) -> str:
    return f' · <a href="{escape(url)}">original</a>' if url else ""


def card_html(data: dict, base: str) -> str:
    """The trace card the CLI prints (``minegraph trace``), as HTML: the quote in its archived context,
    then the same entries in the same order (:func:`minegraph.provenance.render.statement_entries`),
    each IRI a link, then the chain of derivation."""
    # lazy: ~90 ms of imports, only on this path
    from minegraph.provenance.cards import StatementCard

    card = StatementCard.from_dict(data)
    context = card.context or {}
    if context:
        quote = (
            f"<blockquote><p>{escape(context['previous_line'])}</p><p>{escape(context['before'])}"
            f"<mark>{escape(context['quote'])}</mark>{escape(context['after'])}</p>"
            f"<p>{escape(context['next_line'])}</p></blockquote>"
        )
    else:
        quote = f"<blockquote><mark>{escape(card.quote or card.label or '')}</mark></blockquote>"
    mode = (
        f"<p>({escape(card.mode or 'mode not recorded')}{'; cue: “' + escape(card.cue) + '”' if card.cue else ''})</p>"
        if card.mode or card.cue
        else ""
    )
    rows = "".join(
        f'<tr class="{"sub" if name.startswith(" ") else "field"}"><th>{escape(name.strip())}</th>'
        f"<td>{_iri_link(iri, text, base) if iri else escape(text)}</td></tr>"
        for name, text, iri in statement_entries(card)
    )
    chain = "".join(f"<li>{_iri_link(iri, text, base)}{_original(url)}</li>" for text, iri, url in chain_entries(card))
    return (
        f'<section class="card"><h2>Trace card ({escape(card.kind)})</h2>{quote}{mode}'
        f"<table>{rows}</table><p><b>Chain of derivation</b>:</p><ol>{chain}</ol></section>"
    )


def entity_html(iri: str, links: list[dict], card: dict | None, base: str) -> str:
    outgoing = [r for r in links if r["direction"]["value"] == "out"]
    labels = [
        r["other"]["value"] for r in outgoing if r["property"]["value"] in LABELS and r["other"]["type"] == "literal"
    ]
    types = [r for r in outgoing if r["property"]["value"] == RDF_TYPE]
    title = labels[0] if labels else iri.rsplit("/", 1)[-1]
    type_html = ", ".join(_value(r["other"], base, r["otherLabel"]) for r in types) or "none"
    alternates = "".join(f'<link rel="alternate" type="{f.media_type}" href="?format={f.name}">' for f in GRAPHS)
    as_data = " · ".join(f'<a href="?format={f.name}">{escape(f.label)}</a>' for f in GRAPHS)
    body = (
        f"<h1>{escape(title)}</h1><p><code>{escape(iri)}</code></p><p><b>Types</b>: {type_html}</p>"
        f"<p>As data: {as_data}</p>"
        f"{card_html(card, base) if card else ''}"
        f"<h2>Links from here</h2>{_rows(links, 'out', base)}<h2>Links to here</h2>{_rows(links, 'in', base)}"
    )
    return page(title, body, alternates)
