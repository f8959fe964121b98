"""Knowledge time: from which day each triple of the graph could be known (the rules of docs/time.md).

A fact is known from the earliest publication date of a document that carries it: a source document
from its own date; a treaty act or other event from its own date (the act is its own record); a
decision from its first act; a statement or claim from the document it appears in (a report of what
was said, whatever day it was said), or, when that page is undated, from the earliest dated document
it cites or is derived from (a Landmine Monitor figure from its report); an alternative report, a
field citation or a note no earlier than the node it qualifies (a note: from its own mg:date; an
alternative date: not before that date, which its page reports); a membership from its documents or
the day it is attested. A page with no date of its own is known from the latest fact it is cited as
carrying (it reports them all, so it cannot be older). Actors, states, places, concepts and the
ontology are undated: background shown on every date.

A triple is known from the latest of: its subject's day, its object's day (a link to a node nobody
knew yet is not known either), the day of the act that fixed a decision's date (for the decision's
date, its bounds and its notes) and the day of the field citation naming its property.
"""

from __future__ import annotations

import datetime

MG = "https://w3id.org/minegraph/ontology#"
_DATING = tuple(MG + p for p in ("date", "earliestDate", "latestDate", "dateBasis", "dateAsStated", "datedBy")) + (
    "http://www.w3.org/2000/01/rdf-schema#comment",
)

_PREFIXES = """PREFIX mg: <https://w3id.org/minegraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX schema: <https://schema.org/>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX time: <http://www.w3.org/2006/time#>
"""

#: Candidate days of each fact node (its knowledge day is the earliest); see the module docstring.
NODE_DAYS_QUERY = (
    _PREFIXES
    + """SELECT ?node ?when WHERE {
  {
    ?node a/rdfs:subClassOf* mg:SourceDocument .
    OPTIONAL { ?node schema:datePublished ?published }
    OPTIONAL { ?node mg:date ?date }
    OPTIONAL { ?node mg:latestDate ?latest }
    OPTIONAL { ?node mg:earliestDate ?earliest }
    BIND (COALESCE(?published, ?date, ?latest, ?earliest) AS ?when)
  } UNION {
    ?node mg:date|mg:latestDate|mg:earliestDate [] .
    FILTER NOT EXISTS { ?node a/rdfs:subClassOf* mg:SourceDocument }
    FILTER NOT EXISTS { ?node a/rdfs:subClassOf* mg:Assertion }  # what is said is known from where
    OPTIONAL { ?node mg:date ?date }
    OPTIONAL { ?node mg:latestDate ?latest }
    OPTIONAL { ?node mg:earliestDate ?earliest }
    BIND (COALESCE(?date, ?latest, ?earliest) AS ?when)
  } UNION {
    ?act mg:carriesOut ?node .
    OPTIONAL { ?act mg:date ?date }
    OPTIONAL { ?act mg:latestDate ?latest }
    OPTIONAL { ?act mg:earliestDate ?earliest }
    BIND (COALESCE(?date, ?latest, ?earliest) AS ?when)
  } UNION {
    ?fact a/rdfs:subClassOf* ?class .
    VALUES ?class { mg:Assertion mg:AlternativeReport mg:FieldCitation org:Membership }
    {
      ?fact mg:appearsIn ?document .
    } UNION {
      # a report of a statement is known from the text it appears in; only an undated one falls back
      # to the documents it cites or is derived from (a figure's report)
      ?fact prov:wasDerivedFrom|dcterms:source ?document .
      FILTER NOT EXISTS { ?fact mg:appearsIn/(schema:datePublished|mg:date|mg:latestDate) [] }
      FILTER NOT EXISTS { ?fact a mg:Statement ; mg:appearsIn/mg:earliestDate [] }  # said there: not before it
    }
    OPTIONAL { ?document schema:datePublished ?published }
    OPTIONAL { ?document mg:date ?date }
    OPTIONAL { ?document mg:latestDate ?latest }
    OPTIONAL { ?document mg:earliestDate ?earliest }  # a page known only as "no earlier than": from then
    BIND (COALESCE(?published, ?date, ?latest, ?earliest) AS ?when)
    ?fact (mg:anchor|mg:anchor/oa:hasSelector|^mg:assessedStatement|^mg:reviews)? ?node .
  } UNION {
    ?node org:memberDuring/(time:inside|time:hasBeginning)/time:inXSDDate ?when .
  } UNION {
    ?document mg:archivedText ?node .
    OPTIONAL { ?document schema:datePublished ?published }
    OPTIONAL { ?document mg:date ?date }
    OPTIONAL { ?document mg:latestDate ?latest }
    BIND (COALESCE(?published, ?date, ?latest) AS ?when)
  }
  FILTER (BOUND(?when) && DATATYPE(?when) = <http://www.w3.org/2001/XMLSchema#date>)
}"""
)

#: Documents with no date of their own and the nodes citing them.
UNDATED_DOCUMENTS_QUERY = (
    _PREFIXES
    + """SELECT ?document ?fact WHERE {
  ?fact mg:appearsIn|prov:wasDerivedFrom|dcterms:source ?document .
  ?document a/rdfs:subClassOf* mg:SourceDocument .
  FILTER NOT EXISTS { ?document schema:datePublished|mg:date|mg:latestDate|mg:earliestDate [] }
}"""
)

#: Alternative reports of a date: a page giving a day reports it no earlier than that day.
ALTERNATIVE_DAYS_QUERY = (
    _PREFIXES
    + """SELECT ?node ?when WHERE {
  ?node a mg:AlternativeReport ; <http://www.w3.org/1999/02/22-rdf-syntax-ns#value> ?when .
  FILTER (DATATYPE(?when) = <http://www.w3.org/2001/XMLSchema#date>)
}"""
)

#: Nodes that qualify another one (known no earlier than it): alternative reports, field citations,
#: notes, the interval of a membership.
OWNERS_QUERY = (
    _PREFIXES
    + """SELECT ?node ?owner WHERE {
  { ?owner mg:alternativeReport|mg:fieldCitation|mg:note|org:memberDuring ?node }
}"""
)

#: What ties a triple to a later day than its subject's: the act fixing a decision's date, the field
#: citation naming a property.
DATED_BY_QUERY = _PREFIXES + "SELECT ?node ?act WHERE { ?node mg:datedBy ?act }"
FIELDS_QUERY = (
    _PREFIXES
    + "SELECT ?node ?property ?citation WHERE { ?node mg:fieldCitation ?citation . ?citation mg:ofProperty ?property }"
)


def _day(term) -> datetime.date:
    return datetime.date.fromisoformat(term.value)


def node_days(native) -> dict:
    """``{node: date}``: the day from which each fact node is known (pyoxigraph terms)."""
    days: dict = {}
    for row in native.query(NODE_DAYS_QUERY):
        when = _day(row["when"])
        if row["node"] not in days or when < days[row["node"]]:
            days[row["node"]] = when
    undated: dict = {}
    for row in native.query(UNDATED_DOCUMENTS_QUERY):
        if row["fact"] in days:
            undated[row["document"]] = max(days[row["fact"]], undated.get(row["document"], datetime.date.min))
    days.update(undated)
    for row in native.query(ALTERNATIVE_DAYS_QUERY):
        days[row["node"]] = max(days.get(row["node"], datetime.date.min), _day(row["when"]))
    owners = [(row["node"], row["owner"]) for row in native.query(OWNERS_QUERY)]
    for _ in range(3):  # an alternative of a field citation of …: owners nest at most this deep
        for node, owner in owners:
            if owner in days:
                days[node] = max(days.get(node, days[owner]), days[owner])
    return days


def triple_days(native) -> tuple[dict, object]:
    """``(node days, day_of)``: ``day_of(quad)`` is the day a default-graph triple is known from, or None
    (undated: shown on every date)."""
    days = node_days(native)
    dated_by = {row["node"]: row["act"] for row in native.query(DATED_BY_QUERY)}
    fields: dict = {}
    for row in native.query(FIELDS_QUERY):
        if row["citation"] in days:
            key = (row["node"], row["property"])
            fields[key] = max(days[row["citation"]], fields.get(key, datetime.date.min))

    def day_of(quad):
        known = [days.get(quad.subject), days.get(quad.object), fields.get((quad.subject, quad.predicate))]
        if quad.subject in dated_by and quad.predicate.value in _DATING:
            known.append(days.get(dated_by[quad.subject]))
        known = [day for day in known if day is not None]
        return max(known) if known else None

    return days, day_of
