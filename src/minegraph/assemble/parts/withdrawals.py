"""The 2025 withdrawal processes (ottawa_withdrawals.csv): the withdrawals.ttl part.

Who announced, decided, voted and promulgated comes from the curated readings of the row's
free-text cells (curation/membership.toml, checked against the cells); the deposit of each
instrument and the date it takes effect come from the CSV's date columns. Ukraine's row is a
suspension notification, not an Article 20 instrument: it gets no date of effect, and its
dispute (who contests it, what it does not change) is recorded on the decision and the act.
"""

from __future__ import annotations

import re

from rdflib import RDFS, Graph, URIRef

from minegraph.assemble.rdf import dates, describe, new_graph, text
from minegraph.assemble.records import Record
from minegraph.assemble.reference.csv_tables import WithdrawalRow
from minegraph.assemble.reference.fact_sources import check_alternatives, cite_fact
from minegraph.assemble.reference.nodes import TREATY, build_records, dispute
from minegraph.assemble.reference.readings import Readings
from minegraph.assemble.registry import part
from minegraph.core.namespaces import DCTERMS, MG, concept, iri
from minegraph.errors import InputError

#: The joint statement of 18 March 2025: a document known only from the reports citing it.
JOINT_STATEMENT = "joint-statement-2025-03-18-defence-ministers"
JOINT_RECOMMENDATION = "decision:EST-LVA-LTU-POL-joint-recommendation"  # as curation files write it
COALITION = iri("organisation", "EST-LVA-LTU-POL-defence-ministers")
_PARENTHESIS = re.compile(r"\((.*)\)\s*$", re.S)


@part("withdrawals.ttl", order=40)
def build_withdrawals(context) -> Graph:
    """The ``withdrawals.ttl`` part."""
    readings = Readings(context)
    register_joint_statement(context, readings)
    g = new_graph()
    build_records(g, readings, csv="withdrawals")
    decisions = {}
    for record in readings.records("decision", "withdrawals"):
        if record.require("type") in ("withdrawal", "suspension"):
            state = record.require("state")
            if state in decisions:
                raise record.error(f"{state} has two withdrawal or suspension decisions")
            decisions[state] = record
    for iso3, row in sorted(readings.withdrawals.items()):
        record = decisions.get(iso3)
        if record is None:
            raise row.row.error(f"{iso3} has no withdrawal or suspension [[decision]] in {readings.path.name}")
        _instrument_acts(g, readings, record, row)
    return g


def register_joint_statement(context, readings: Readings) -> URIRef:
    """Describe the joint statement as a source document attested by the reports that cite it.

    Its reports are the URLs cited by every row whose announcement is part of the joint
    recommendation and by no other row (the reference does not tie URLs to cells).
    """
    states = sorted(
        {
            r.require("state")
            for r in readings.records("event", "withdrawals")
            if JOINT_RECOMMENDATION in r.list("part_of")
        }
    )
    if not states:
        raise InputError(readings.path, "no [[event]] is part of the joint recommendation")
    shared = set.intersection(*(set(readings.withdrawals[s].sources) for s in states))
    others = {url for iso3, row in readings.withdrawals.items() if iso3 not in states for url in row.sources}
    reports = [url for url in readings.withdrawals[states[0]].sources if url in shared - others]
    doc = context.sources.register(
        JOINT_STATEMENT,
        MG.OfficialStatement,
        date="2025-03-18",
        publisher=COALITION,
        kind="government",
        title="Joint statement of the defence ministers of Estonia, Latvia, Lithuania and Poland recommending withdrawal from the Convention",
    )
    g = context.sources.graph
    g.add(
        (
            doc,
            RDFS.comment,
            text(
                "The statement itself was not found or read; it is known from the reports cited with dcterms:source "
                f"(the URLs cited by the rows of {', '.join(states)} in ottawa_withdrawals.csv and by no other row)."
            ),
        )
    )
    for url in reports:
        g.add((doc, DCTERMS.source, context.sources.cite(url)))
    return doc


def _instrument_acts(g: Graph, readings: Readings, record: Record, row: WithdrawalRow) -> None:
    """The deposit of the instrument (or the suspension notification), which carries out the decision,
    and the date of effect, the deposit's consequence under Article 20(3); each cites its own field."""
    decision = iri("decision", record.require("id"))
    state = iri("state", row.iso3)
    kind = record.require("type")
    if kind == "suspension":
        if row.effective is not None:
            raise row.row.error("effective is a date, but the curated decision is a suspension (no Article 20 effect)")
        node = _act(
            g,
            f"{row.iso3}-suspension-notification",
            MG.SuspensionNotification,
            f"{row.name} notifies the UN of the suspension of the Convention",
            state,
            row.deposited.isoformat(),
        )
        g.add((node, MG.carriesOut, decision))
        match = _PARENTHESIS.search(row.row.text("notification_deposited"))
        if match:
            g.add((node, RDFS.comment, text(f"As the reference describes it: {match.group(1)}.")))
        dispute(g, readings, record, node)
        _cite_field(g, readings, node, row, "notification")
        return
    deposit = _act(
        g,
        f"{row.iso3}-withdrawal-deposit",
        MG.WithdrawalInstrumentDeposit,
        f"{row.name} deposits its instrument of withdrawal with the depositary",
        state,
        row.deposited.isoformat(),
    )
    g.add((deposit, MG.carriesOut, decision))
    _cite_field(g, readings, deposit, row, "notification_deposited")
    if row.effective is None:
        raise row.row.error("effective does not start with a date (YYYY-MM-DD) although the row is a withdrawal")
    effect = _act(
        g,
        f"{row.iso3}-withdrawal-effective",
        MG.WithdrawalTakingEffect,
        f"{row.name}'s withdrawal takes effect",
        state,
        row.effective.isoformat(),
    )
    g.add((effect, MG.consequenceOf, deposit))
    g.add(
        (
            effect,
            RDFS.comment,
            text(
                "Date as stated by the sources; minegraph validate compares it with Article 20(3) (six months after the deposit)."
            ),
        )
    )
    _cite_field(g, readings, effect, row, "effective")


def _cite_field(g: Graph, readings: Readings, node: URIRef, row: WithdrawalRow, field: str) -> None:
    citation = readings.fields.withdrawal(
        row.iso3, [field], row.row.error(f"field_sources.csv has no verdicts for {row.iso3} {field!r}")
    )
    cite_fact(g, node, readings.context.sources, citation)
    check_alternatives(g, node, citation, readings.context.sources, row.row.error(f"{row.iso3} {field}"))


def _act(g: Graph, slug: str, cls: URIRef, label: str, state: URIRef, day: str) -> URIRef:
    node = iri("event", slug)
    describe(g, node, [cls], label)
    g.add((node, MG.actor, state))
    g.add((node, MG.treaty, TREATY))
    dates(g, node, exact=day)
    g.add((node, MG.dateBasis, concept("date-basis", "stated")))
    return node
