"""Landmine Monitor figures from the reference data, as claims of ICBL-CMC reported by the
press, and the measure vocabulary that claims of any source share.

Each row of ``landmine_monitor_facts.csv`` is one claim: spoken by ICBL-CMC, derived from
the report, appearing in the best-ranked page that reports it, citing every URL of the row.
A row whose figure counts a known measure (``curation/measures.toml``) is a quantitative
claim with its number parsed from the text; the text is always kept as written.
"""

from __future__ import annotations

import csv
import re
from decimal import Decimal
from pathlib import Path

from rdflib import RDFS, XSD, Graph, Literal, URIRef

from minegraph.build.records import load_toml, records
from minegraph.errors import InputError
from minegraph.core.namespaces import MG, PROV, SKOS, concept, iri, scheme_iri, slugify
from minegraph.build.rdf import cite, describe, new_graph, text
from minegraph.build.registry import part

ICBL_CMC = iri("organisation", "icbl-cmc")

#: Report names in the CSV → source-document slugs (dated by their "release date" rows).
REPORTS = {
    "Landmine Monitor 2024": "landmine-monitor-2024",
    "Landmine Monitor 2025": "landmine-monitor-2025",
}

_NUMBER = re.compile(r"^(at least|more than|over|nearly|about)?\s*([0-9][0-9,]*(?:\.[0-9]+)?)(?![0-9A-Za-z])\s*(%|million)?")
_QUALIFIERS = {None: "exact", "at least": "at-least", "more than": "over", "over": "over", "nearly": "about", "about": "about"}


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
    reports = _reports(context, path, rows)
    for line, row in rows:
        if row["figure"] != "release date":
            _figure_claim(g, context, path, line, row, reports, measures)
    return g


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


def _reports(context, path: Path, rows) -> dict[str, URIRef]:
    """Register each report as a source document, dated by its 'release date' row."""
    reports: dict[str, URIRef] = {}
    for line, row in rows:
        if row["figure"] != "release date":
            continue
        if row["report"] not in REPORTS:
            raise InputError(path, f"unknown report {row['report']!r}", line=line)
        released = row["value"][:10]
        doc = context.sources.register(REPORTS[row["report"]], MG.Report, title=row["report"], date=released, publisher=ICBL_CMC)
        g = context.sources.graph
        g.add((doc, MG.dateAsStated, Literal(row["value"])))
        g.add((doc, RDFS.comment, text("The report itself was not read; its figures are known from the press releases and reports cited with each figure.")))
        cite(g, doc, context.sources.cite_all(row["source"]))
        reports[row["report"]] = doc
    missing = set(REPORTS) - set(reports)
    if missing:
        raise InputError(path, f"no 'release date' row for {sorted(missing)}")
    return reports


def _figure_claim(g: Graph, context, path: Path, line: int, row: dict, reports: dict, measures: dict) -> None:
    report = reports.get(row["report"])
    if report is None:
        raise InputError(path, f"unknown report {row['report']!r}", line=line)
    slug = f"{REPORTS[row['report']]}-{slugify(row['figure'], 60)}"
    node = iri("claim", slug)
    if not row["source"].split():
        raise InputError(path, f"figure {row['figure']!r} has no source", line=line)
    urls = context.sources.cite_all(row["source"])
    added = context.sources.cite_all(row.get("added_sources") or "")
    best = context.sources.cite(context.sources.best_ranked(row["source"].split()))
    measure = measures.get((row["report"], row["figure"]))
    parsed = parse_figure(row["value"]) if measure else None
    if measure and parsed is None:
        raise InputError(path, f"figure {row['figure']!r} counts {measure} but {row['value']!r} has no leading number", line=line)
    types = [MG.Claim, MG.QuantitativeClaim] if parsed else [MG.Claim]
    describe(g, node, types, f"{row['report']}: {row['figure']} = {row['value']}", comment=row.get("source_review_note") or None)
    g.add((node, MG.speaker, ICBL_CMC))
    g.add((node, MG.appearsIn, best))
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
    cite(g, node, urls + [doc for doc in added if doc not in urls])
