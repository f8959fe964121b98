"""Every row of the three membership reference CSVs is in the built graph, with the same dates.

The CSVs are read from ../shared/reference when it exists (else the vendored copy), with the
csv module only, so these tests do not share the builders' parsing code.
"""

from __future__ import annotations

import re
from datetime import date

from rdflib import RDF, Literal, URIRef

from minegraph.core.namespaces import MG, concept, iri


def value(graph, node, prop):
    found = graph.value(node, prop)
    return found.toPython() if isinstance(found, Literal) else found


def iso(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


def acts(graph, state: URIRef, cls: URIRef) -> list[URIRef]:
    return sorted(n for n in graph.subjects(MG.actor, state) if (n, RDF.type, cls) in graph)


def test_every_party_row_has_its_signature_and_deposit_with_the_same_dates(real_graph, reference_rows):
    rows = reference_rows["ottawa_parties.csv"]
    assert len(rows) == 167
    for row in rows:
        state = iri("state", row["iso3"])
        assert value(real_graph, state, RDFS_LABEL) == row["state"], row["iso3"]
        signatures = acts(real_graph, state, MG.Signature)
        assert [value(real_graph, s, MG.date) for s in signatures] == ([iso(row["signed"])] if row["signed"] else [])
        consent = iri("event", f"{row['iso3']}-{row['un_instrument'].lower()}")
        assert value(real_graph, consent, MG.actor) == state
        assert value(real_graph, consent, MG.date) == iso(row["consent_date"]), row["iso3"]
        assert value(real_graph, consent, MG.instrument) == concept("instrument", row["un_instrument"].lower())
        assert value(real_graph, consent, MG.depositaryName) == row["un_participant_name"]
        expected_class = {"ratification": MG.Ratification, "accession": MG.Accession, "succession": MG.Succession}
        assert (consent, RDF.type, expected_class[row["consent_method"]]) in real_graph


def test_the_stated_dates_of_effect_in_the_party_notes_are_the_graphs_dates(real_graph, reference_rows):
    stated = 0
    for row in reference_rows["ottawa_parties.csv"]:
        match = re.search(r"(?:[Ee]ntry into force(?: for [A-Za-z ]+?)?|gives) (\d{4}-\d{2}-\d{2})", row["notes"])
        if match:
            stated += 1
            entry = iri("event", f"{row['iso3']}-entry-into-force")
            assert value(real_graph, entry, MG.date) == iso(match.group(1)), row["iso3"]
            assert value(real_graph, entry, MG.dateBasis) == concept("date-basis", "stated")
    assert stated == 5  # Marshall Islands, Montenegro, South Sudan, Sri Lanka, Tonga


def test_every_other_party_has_an_entry_into_force_derived_by_article_17(real_graph, reference_rows):
    derived = [n for n in real_graph.subjects(MG.dateBasis, concept("date-basis", "derived-article-17"))]
    assert len(derived) == 167 - 5 - 1  # stated ones, and Lebanon, which has no deposit date
    for node in derived:
        assert value(real_graph, node, MG.derivedByRule) == iri("rule", "apmbc-article-17")


def test_every_nonparty_row_is_a_state_with_the_status_the_row_gives(real_graph, reference_rows):
    rows = reference_rows["ottawa_nonparties.csv"]
    assert len(rows) == 38
    for row in rows:
        state = iri("state", row["iso3"])
        assert value(real_graph, state, RDFS_LABEL) == row["state"]
        signatures = acts(real_graph, state, MG.Signature)
        consents = [n for n in real_graph.subjects(MG.actor, state) if real_graph.value(n, MG.instrument)]
        effects = acts(real_graph, state, MG.WithdrawalTakingEffect)
        entries = acts(real_graph, state, MG.EntryIntoForceForState)
        if row["status"] == "non-signatory":
            assert not signatures, row["iso3"]
        if row["status"] == "signatory-not-ratified":
            assert signatures and all(value(real_graph, c, MG.date) > date(2025, 1, 1) for c in consents)
        if row["status"] == "withdrawn" or row["current_status"].startswith("not party (withdrawn)"):
            assert len(effects) == 1, row["iso3"]
        if row["current_status"] == "not party":
            assert not consents, row["iso3"]
        if row["in_2025_baseline"] == "yes":  # outside the treaty on 1 January 2025
            assert all(value(real_graph, e, MG.date) > date(2025, 1, 1) for e in entries), row["iso3"]
        stated = {"(?:ratified|Acceded)": consents, "in force": entries, "Signed": signatures}
        for phrase, nodes in stated.items():  # Marshall Islands and Tonga: their later history, in the notes
            match = re.search(phrase + r" (\d{4}-\d{2}-\d{2})", row["notes"])
            if match:
                assert [value(real_graph, n, MG.date) for n in nodes] == [iso(match.group(1))], (row["iso3"], phrase)


def test_lebanon_acceded_without_a_deposit_date_and_is_never_in_force(real_graph):
    accession = iri("event", "LBN-accession")
    assert value(real_graph, accession, MG.date) is None
    # the year 2026, and not before the decree of 12 January 2026 that the deposit follows
    assert (value(real_graph, accession, MG.earliestDate), value(real_graph, accession, MG.latestDate)) == (
        date(2026, 1, 12),
        date(2026, 12, 31),
    )
    assert not acts(real_graph, iri("state", "LBN"), MG.EntryIntoForceForState)


def test_every_withdrawal_row_has_its_deposit_and_date_of_effect(real_graph, reference_rows):
    rows = reference_rows["ottawa_withdrawals.csv"]
    assert len(rows) == 6
    for row in rows:
        state = iri("state", row["iso3"])
        deposited = iso(row["notification_deposited"][:10])
        effective = re.match(r"\d{4}-\d{2}-\d{2}", row["effective"])
        if effective:
            [deposit] = acts(real_graph, state, MG.WithdrawalInstrumentDeposit)
            [effect] = acts(real_graph, state, MG.WithdrawalTakingEffect)
            assert value(real_graph, deposit, MG.date) == deposited
            assert value(real_graph, effect, MG.date) == iso(effective.group(0))
        else:  # Ukraine: a suspension notification, contested, no date of effect
            [notification] = acts(real_graph, state, MG.SuspensionNotification)
            assert value(real_graph, notification, MG.date) == deposited
            assert value(real_graph, notification, MG.contested) is True
            assert not acts(real_graph, state, MG.WithdrawalTakingEffect)


def test_every_iso_date_of_the_announcement_and_vote_cells_is_an_event_of_that_state(real_graph, reference_rows):
    for row in reference_rows["ottawa_withdrawals.csv"]:
        decision = next(real_graph.subjects(MG.decidedBy, iri("state", row["iso3"])))
        steps = set(real_graph.subjects(MG.carriesOut, decision)) | {decision}
        dated = {value(real_graph, n, MG.date) for n in steps} | {value(real_graph, n, MG.latestDate) for n in steps}
        bounds = [(value(real_graph, n, MG.earliestDate), value(real_graph, n, MG.latestDate)) for n in steps]
        for column in ("announced", "parliament_vote"):
            for text in re.findall(r"\d{4}-\d{2}-\d{2}", row[column]):
                if f"reported {text}" in row[column]:  # the date of a report: the step lies on or before it
                    assert any(a and b and a <= iso(text) <= b for a, b in bounds), f"{row['iso3']} {column}: {text}"
                else:
                    assert iso(text) in dated, f"{row['iso3']} {column}: {text}"


RDFS_LABEL = URIRef("http://www.w3.org/2000/01/rdf-schema#label")
