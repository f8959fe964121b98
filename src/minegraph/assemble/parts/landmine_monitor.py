"""Landmine Monitor figures from the reference data, as claims of ICBL-CMC reported by the
press, and the measure vocabulary that claims of any source share.

Each row of ``landmine_monitor_facts.csv`` is one claim: spoken by ICBL-CMC, derived from
the report, citing the pages field_sources.csv says support the figure (the unverified ones,
marked so, when none does) and appearing in the best-ranked of them; a page that gives another
value is an alternative report (``[[alternative]]`` in ``curation/measures.toml``).
A row whose figure counts a known measure (``curation/measures.toml``) is a quantitative
claim with its number parsed from the text; the text is always kept as written.
"""

from __future__ import annotations

import csv
import re
from decimal import Decimal
from pathlib import Path

from rdflib import RDFS, XSD, Graph, Literal, URIRef

from minegraph.assemble.rdf import cite, describe, new_graph, text
from minegraph.assemble.records import load_toml, records
from minegraph.assemble.reference.fact_sources import FieldSources, check_alternatives, cite_fact
from minegraph.assemble.registry import part
from minegraph.core.namespaces import MG, PROV, RDF, SKOS, concept, iri, scheme_iri, slugify
from minegraph.errors import InputError

ICBL_CMC = iri("organisation", "icbl-cmc")

#: Report names in the CSV → source-document slugs (dated by their "release date" rows).
REPORTS = {
    "Landmine Monitor 2024": "landmine-monitor-2024",
    "Landmine Monitor 2025": "landmine-monitor-2025",
}

_NUMBER = re.compile(
    r"^(at least|more than|over|nearly|about)?\s*([0-9][0-9,]*(?:\.[0-9]+)?)(?![0-9A-Za-z])\s*(%|million)?"
)
_QUALIFIERS = {
    None: "exact",
    "at least": "at-least",
    "more than": "over",
    "over": "over",
    "nearly": "about",
    "about": "about",
}


def parse_figure(value: str) -> tuple[Decimal, str, str | None] | None:
    """The number a figure starts with, its qualifier and unit: ``"at least 1,983"`` → (1983, "at-least", None)."""
    match = _NUMBER.match(value.strip())
    if not match:
        return None
    qualifier, number, unit = match.groups()
    amount = Decimal(number.replace(",", ""))
    if unit == "million":
        amount *= 1_000_000
        unit = None
    return amount, _QUALIFIERS[qualifier], unit


@part("landmine-monitor.ttl", order=60)
def build_landmine_monitor(context) -> Graph:
    """The ``landmine-monitor.ttl`` part: measures, the two reports, and their figures."""
    g = new_graph()
    measures = _measures(g, context)
    path = context.project.reference_dir / "landmine_monitor_facts.csv"
    with open(path, newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        rows = [(reader.line_num, row) for row in reader]
    fields = FieldSources(context.project.reference_dir)
    reports = _reports(context, fields, path, rows)
    alternatives = _alternatives(g, context)
    for line, row in rows:
        if row["figure"] != "release date":
            _figure_claim(g, context, fields, path, line, row, reports, measures)
    for claim in alternatives:
        if (claim, RDF.type, MG.Claim) not in g:
            raise alternatives[claim].error(f"{claim} is not a Landmine Monitor figure of the graph")
    return g


def _alternatives(g: Graph, context) -> dict:
    """[[alternative]] records of measures.toml: another value a page gives for a figure (mg:valueText)."""
    path = context.project.curation_dir / "measures.toml"
    document, lines = load_toml(path)
    found = {}
    for record in records(document, lines, path, "alternative"):
        claim = iri("claim", record.require("of").removeprefix("claim:"))
        value = record.require("value")
        node = iri("alternative", f"claim-{claim.rsplit('/', 1)[1]}-value-text-{slugify(value)}")
        describe(g, node, [MG.AlternativeReport], f"Alternative report: value {value}", comment=record.get("comment"))
        g.add((claim, MG.alternativeReport, node))
        g.add((node, MG.ofProperty, MG.valueText))
        g.add((node, RDF.value, Literal(value)))
        cite(g, node, [context.sources.cite(url) for url in record.require("sources")])
        found[claim] = record
    return found


def _measures(g: Graph, context) -> dict[tuple[str, str], str]:
    """Measure concepts; returns (report, figure) → measure slug."""
    path = context.project.curation_dir / "measures.toml"
    document, lines = load_toml(path)
    by_figure: dict[tuple[str, str], str] = {}
    scheme = scheme_iri("measure")
    for record in records(document, lines, path, "measure"):
        slug = record.require("id")
        node = concept("measure", slug)
        describe(g, node, [SKOS.Concept], record.require("label"))
        g.add((node, SKOS.prefLabel, text(record.require("label"))))
        g.add((node, SKOS.definition, text(record.require("definition"))))
        g.add((node, SKOS.inScheme, scheme))
        g.add((node, SKOS.notation, Literal(slug)))
        for related in record.list("related"):
            g.add((node, SKOS.related, concept("measure", related)))
            g.add((concept("measure", related), SKOS.related, node))
        for report, figure in record.list("figures"):
            by_figure[(report, figure)] = slug
    return by_figure


def _reports(context, fields: FieldSources, path: Path, rows) -> dict[str, URIRef]:
    """Register each report as a source document, dated by its 'release date' row and citing, with a
    preferred one, only the pages field_sources.csv rates as supporting that date."""
    reports: dict[str, URIRef] = {}
    for line, row in rows:
        if row["figure"] != "release date":
            continue
        if row["report"] not in REPORTS:
            raise InputError(path, f"unknown report {row['report']!r}", line=line)
        released = row["value"][:10]
        doc = context.sources.register(
            REPORTS[row["report"]], MG.Report, title=row["report"], date=released, publisher=ICBL_CMC
        )
        g = context.sources.graph
        g.add((doc, MG.dateAsStated, Literal(row["value"])))
        g.add(
            (
                doc,
                RDFS.comment,
                text(
                    "The report itself was not read; its figures are known from the press releases and reports cited with each figure."
                ),
            )
        )
        cite_fact(
            g,
            doc,
            context.sources,
            fields.monitor(row["report"], row["figure"], InputError(path, f"{row['report']} release date", line=line)),
        )
        reports[row["report"]] = doc
    missing = set(REPORTS) - set(reports)
    if missing:
        raise InputError(path, f"no 'release date' row for {sorted(missing)}")
    return reports


def _figure_claim(
    g: Graph, context, fields: FieldSources, path: Path, line: int, row: dict, reports: dict, measures: dict
) -> None:
    report = reports.get(row["report"])
    if report is None:
        raise InputError(path, f"unknown report {row['report']!r}", line=line)
    slug = f"{REPORTS[row['report']]}-{slugify(row['figure'], 60)}"
    node = iri("claim", slug)
    if not row["source"].split():
        raise InputError(path, f"figure {row['figure']!r} has no source", line=line)
    where = InputError(path, f"figure {row['figure']!r} of {row['report']}", line=line)
    citation = fields.monitor(row["report"], row["figure"], where)
    measure = measures.get((row["report"], row["figure"]))
    parsed = parse_figure(row["value"]) if measure else None
    if measure and parsed is None:
        raise InputError(
            path, f"figure {row['figure']!r} counts {measure} but {row['value']!r} has no leading number", line=line
        )
    types = [MG.Claim, MG.QuantitativeClaim] if parsed else [MG.Claim]
    describe(
        g,
        node,
        types,
        f"{row['report']}: {row['figure']} = {row['value']}",
        comment=row.get("source_review_note") or None,
    )
    g.add((node, MG.speaker, ICBL_CMC))
    g.add((node, MG.appearsIn, cite_fact(g, node, context.sources, citation)))
    g.add((node, PROV.wasDerivedFrom, report))
    g.add((node, MG.valueText, Literal(row["value"])))
    if row["year_of_data"]:
        g.add((node, MG.dataPeriod, Literal(row["year_of_data"])))
    if parsed:
        amount, qualifier, unit = parsed
        g.add((node, MG.measure, concept("measure", measure)))
        g.add((node, MG.value, Literal(str(amount), datatype=XSD.decimal)))
        g.add((node, MG.valueQualifier, concept("value-qualifier", qualifier)))
        if unit:
            g.add((node, MG.unitText, Literal(unit)))
    check_alternatives(g, node, citation, context.sources, where)
