"""Per-fact citations from the reference's field_sources.csv.

The other reference files cite URLs per row; field_sources.csv says, per row and field, what
each of the row's URLs does for that field. A fact node cites only the documents whose verdict
is ``supports`` (or, when nothing supports the field, the ``unverified`` ones, marked so with
``mg:sourcesUnverified``); ``silent`` and ``published_before_event`` pages are not cited for it,
and every ``contradicts`` page must be the source of an mg:AlternativeReport of the node. The
best-ranked cited document is the node's ``mg:preferredSource``.

Citations are per field: a fact resting on several fields (a vote's date and its tally) or on a field
that is not its date (a decision's legal basis) gets one mg:FieldCitation per field, naming the
properties the field gives, its own supporting documents and its own preferred source; the node's
preferred source is the best-ranked page that supports every field (else the first field's).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, replace
from pathlib import Path

from rdflib import RDFS, Graph, Literal, URIRef

from minegraph.assemble.rdf import describe, text
from minegraph.core.namespaces import DCTERMS, MG, iri
from minegraph.errors import InputError

FIELD_SOURCES = "field_sources.csv"
WITHDRAWALS_FILE = "ottawa_withdrawals.csv"
MONITOR_FILE = "landmine_monitor_facts.csv"
VERDICTS = ("supports", "contradicts", "silent", "published_before_event", "unverified")
UNVERIFIED_NOTE = (
    "No stored copy of the cited pages was found to state this fact (field_sources.csv: unverified); "
    "they are cited as the reference gives them, unconfirmed."
)


@dataclass(frozen=True)
class Verdict:
    """One row of field_sources.csv: what one URL does for one field of one reference row."""

    file: str
    row_key: str
    field: str
    value: str
    url: str
    verdict: str
    rank: int | None
    evidence: str
    line: int


@dataclass(frozen=True)
class FactCitation:
    """The documents cited for one fact, the preferred one, and the pages that contradict it."""

    cited: tuple[str, ...]
    preferred: str
    unverified: bool
    contradicting: tuple[str, ...]
    only_supporting: frozenset[str]
    fields: tuple[tuple[str, "FactCitation"], ...] = ()


def read_field_sources(reference_dir: Path) -> dict[tuple[str, str, str], list[Verdict]]:
    """The verdicts by (file, row_key, field), in file order; errors name the file and line."""
    path = reference_dir / FIELD_SOURCES
    table: dict[tuple[str, str, str], list[Verdict]] = {}
    with open(path, newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        for row in reader:
            line = reader.line_num
            if row["verdict"] not in VERDICTS:
                raise InputError(path, f"verdict {row['verdict']!r}: expected one of {', '.join(VERDICTS)}", line=line)
            try:
                rank = int(row["rank"]) if row["rank"].strip() else None
            except ValueError:
                raise InputError(path, f"rank {row['rank']!r} is not an integer", line=line) from None
            verdict = Verdict(
                row["file"],
                row["row_key"],
                row["field"],
                row["value"],
                row["url"].strip(),
                row["verdict"],
                rank,
                row["evidence"],
                line,
            )
            table.setdefault((verdict.file, verdict.row_key, verdict.field), []).append(verdict)
    return table


class FieldSources:
    """Answers "which documents may this fact cite?" from field_sources.csv."""

    def __init__(self, reference_dir: Path):
        self.path = reference_dir / FIELD_SOURCES
        self.table = read_field_sources(reference_dir)

    def verdicts(self, file: str, row_key: str, fields: list[str], where: InputError | None = None) -> list[Verdict]:
        found: list[Verdict] = []
        for field in fields:
            rows = self.table.get((file, row_key, field))
            if not rows:
                raise where or InputError(self.path, f"no verdicts for {file} row {row_key!r} field {field!r}")
            found += rows
        return found

    def citation(self, file: str, row_key: str, fields: list[str], where: InputError | None = None) -> FactCitation:
        """Supporting URLs (else the unverified ones), best-ranked first; the contradicting URLs apart;
        one citation per field, and as preferred the best page that supports every field."""
        rows = self.verdicts(file, row_key, fields, where)
        supports = _ranked([r for r in rows if r.verdict == "supports"])
        unverified = not supports
        cited = supports or _ranked([r for r in rows if r.verdict == "unverified"])
        if not cited:
            raise where or InputError(
                self.path, f"{file} row {row_key!r} {fields}: no URL supports the fact or is unverified"
            )
        contradicting = tuple(dict.fromkeys(r.url for r in rows if r.verdict == "contradicts"))
        only_supporting = frozenset(supports) - set(contradicting)
        if len(fields) == 1:
            return FactCitation(cited, cited[0], unverified, contradicting, only_supporting, ((fields[0], None),))
        per_field = tuple((field, self.citation(file, row_key, [field], where)) for field in fields)
        everywhere = [url for url in cited if all(url in part.cited for _, part in per_field)]
        preferred = everywhere[0] if everywhere else per_field[0][1].preferred
        return FactCitation(cited, preferred, unverified, contradicting, only_supporting, per_field)

    def withdrawal(self, iso3: str, fields: list[str], where: InputError | None = None) -> FactCitation:
        return self.citation(WITHDRAWALS_FILE, iso3, fields, where)

    def monitor(self, report: str, figure: str, where: InputError | None = None) -> FactCitation:
        return self.citation(MONITOR_FILE, f"{report}|{figure}", ["value"], where)


def _ranked(rows: list[Verdict]) -> tuple[str, ...]:
    """Distinct URLs, lowest rank first (unranked last), file order on ties."""
    best: dict[str, int] = {}
    for row in rows:
        rank = row.rank if row.rank is not None else 99
        best[row.url] = min(rank, best.get(row.url, rank))
    return tuple(sorted(best, key=lambda url: best[url]))


#: The properties each non-date field of the reference gives (every other field is an act's date,
#: with the outcome of a vote: mg:date and its bounds, mg:dateBasis, mg:outcome).
FIELD_PROPERTIES = {
    "tally": (MG.votesFor, MG.votesAgainst, MG.abstentions, MG.notVoting),
    "legal_basis": (RDFS.comment,),  # the basis the state invokes (its dispute: a citation of its own)
    "value": (MG.value, MG.valueText, MG.valueQualifier, MG.unitText, MG.measure),
}
DATE_PROPERTIES = (MG.date, MG.earliestDate, MG.latestDate, MG.dateBasis, MG.dateAsStated, MG.outcome)


def cite_fields(g: Graph, node: URIRef, sources, citation: FactCitation) -> None:
    """One mg:FieldCitation per field, when the fact rests on several fields or on one that is not its date."""
    fields = citation.fields
    if len(fields) < 2 and not any(field in FIELD_PROPERTIES and field != "value" for field, _ in fields):
        return
    kind, slug = str(node).rsplit("/", 2)[1:]
    for field, part in fields:
        part = part or citation
        cited = iri("citation", f"{kind}-{slug}-{field.replace('_', '-')}")
        describe(g, cited, [MG.FieldCitation], f"Citation of {field.replace('_', ' ')}")
        g.add((node, MG.fieldCitation, cited))
        g.add((cited, MG.citesField, Literal(field)))
        for prop in FIELD_PROPERTIES.get(field, DATE_PROPERTIES):
            g.add((cited, MG.ofProperty, prop))
        cite_fact(g, cited, sources, replace(part, fields=()))


def cite_fact(g: Graph, node: URIRef, sources, citation: FactCitation, extra: list[URIRef] = ()) -> URIRef:
    """dcterms:source for each cited document (and ``extra`` ones), mg:preferredSource, the unverified mark;
    per-field citations where the fact rests on more than its date."""
    cite_fields(g, node, sources, citation)
    docs = [sources.cite(url) for url in citation.cited]
    for doc in docs + [d for d in extra if d not in docs]:
        g.add((node, DCTERMS.source, doc))
    preferred = sources.cite(citation.preferred)
    g.add((node, MG.preferredSource, preferred))
    if citation.unverified:
        g.add((node, MG.sourcesUnverified, Literal(True)))
        g.add((node, RDFS.comment, text(UNVERIFIED_NOTE)))
    return preferred


def check_alternatives(g: Graph, node: URIRef, citation: FactCitation, sources, error: InputError) -> None:
    """Every contradicting page must be a source of an alternative report of the node, and no
    alternative may cite a page that supports the fact's own value."""
    alt_sources = {doc for alt in g.objects(node, MG.alternativeReport) for doc in g.objects(alt, DCTERMS.source)}
    missing = [url for url in citation.contradicting if sources.cite(url) not in alt_sources]
    if missing:
        raise InputError(
            error.path,
            f"{error.message}: pages contradicting it are not cited by an alternative report: {missing}",
            line=error.line,
        )
    supporting = {sources.cite(url): url for url in citation.only_supporting}
    wrong = sorted(supporting[doc] for doc in alt_sources if doc in supporting)
    if wrong:
        raise InputError(
            error.path,
            f"{error.message}: an alternative report cites pages that support the fact's value: {wrong}",
            line=error.line,
        )
