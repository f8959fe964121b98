"""The coded statements of the debate: one per statement, decision and stance, as DNA codes a statement
(an actor, a concept — here a decision — and an agreement qualifier — here the stance), read once from the
library query ``discourse-statements`` and then filtered in memory (time range, exclusions, evidence level).

An actor is counted at one of three levels: ``person`` (the speaker: a person, a post, a body or a
coalition), ``organisation`` (who the speaker spoke for at the time: the organisation of the statement's
capacity, the organisation a post is in, else the speaker) or ``state`` (the state that organisation
belongs to, else the organisation).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field, replace

from minegraph.errors import InputError, require

LEVELS = ("person", "organisation", "state")
STANCES = ("support", "oppose", "neutral", "mixed")
EVIDENCE_LEVELS = ("anchored-quote", "reported-position")


@dataclass(frozen=True)
class Coded:
    """One coded statement: a statement's stance toward one decision."""

    statement: str
    person: str
    organisation: str
    state: str
    decision: str
    stance: str
    date: datetime.date | None
    evidence: str
    sources: tuple[str, ...] = ()

    def actor(self, level: str) -> str:
        """The actor this statement counts for at ``level`` (person, organisation or state)."""
        return getattr(self, level)


def _date(value) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(str(value)[:10]) if value else None


def coded_from_rows(rows, decisions: dict[str, str] | None = None, states: dict[str, str] | None = None) -> list[Coded]:
    """Coded statements from the query's rows: one per (statement, decision, stance), its sources merged.
    ``decisions`` maps a stance target to the decision it counts toward (default: itself; a target with no
    decision is left out when a map is given); ``states`` an organisation to its state (default: itself)."""
    merged: dict[tuple, Coded] = {}
    for row in rows:
        about = str(row.get("decision") or row["about"])
        decision = about if decisions is None else decisions.get(about)
        if decision is None:
            continue
        key = (str(row["statement"]), decision, str(row["stance"]))
        source = (str(row["source"]),) if row.get("source") else ()
        if key in merged:
            old = merged[key]
            merged[key] = replace(old, sources=tuple(sorted(set(old.sources + source))))
            continue
        organisation = str(row["organisation"])
        state = (states or {}).get(organisation, str(row.get("state") or organisation))
        merged[key] = Coded(
            key[0],
            str(row["speaker"]),
            organisation,
            state,
            decision,
            key[2],
            _date(row.get("when")),
            str(row.get("evidence") or "reported-position"),
            source,
        )
    return [merged[k] for k in sorted(merged)]


@dataclass
class Statements:
    """The coded statements of a graph and the labels of every node they name."""

    coded: list[Coded]
    labels: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_store(cls, store, project=None) -> "Statements":
        """Read the coded statements (the library query ``discourse-statements``; the decision of each stance
        target and the state of each organisation from two small internal queries) and their labels."""
        # lazy: pulls in rdflib (~170 ms); ~40 ms of imports, only on this path
        from minegraph.queries.library import internal_query
        from minegraph.queries.run import execute, run_query

        decisions = {
            str(r["node"]): str(r["decision"]) for r in execute(internal_query("discourse-decisions"), {}, store).rows
        }
        states = {
            str(r["organisation"]): str(r["state"])
            for r in execute(internal_query("organisation-states"), {}, store).rows
        }
        rows = run_query("discourse-statements", store=store, project=project).rows
        coded = coded_from_rows(rows, decisions, states)
        return cls(coded, english_first(execute(internal_query("discourse-labels"), {}, store).terms))

    def label(self, node: str) -> str:
        return self.labels.get(node) or node.rsplit("/", 1)[-1]

    def dates(self) -> tuple[datetime.date, datetime.date] | None:
        """The first and last date of the dated statements (None when none is dated)."""
        dated = [c.date for c in self.coded if c.date]
        return (min(dated), max(dated)) if dated else None

    def select(
        self,
        *,
        level: str = "person",
        start: datetime.date | None = None,
        end: datetime.date | None = None,
        exclude_actors=(),
        exclude_decisions=(),
        evidence=None,
    ) -> list[Coded]:
        """The coded statements within [start, end] (undated ones only when no range is asked), without the
        excluded actors (at ``level``) and decisions, and only of the ``evidence`` levels when given."""
        check_level(level)
        actors, decisions = set(exclude_actors), set(exclude_decisions)
        wanted = set(evidence) if evidence else None
        return [
            c
            for c in self.coded
            if c.actor(level) not in actors
            and c.decision not in decisions
            and (wanted is None or c.evidence in wanted)
            and (start is None or (c.date is not None and c.date >= start))
            and (end is None or (c.date is not None and c.date <= end))
        ]

    def to_frame(self):
        """The coded statements as a pandas DataFrame (one row each, labels beside the IRIs)."""
        pandas = require("pandas", "pandas")
        return pandas.DataFrame(
            [
                {
                    "statement": c.statement,
                    "person": c.person,
                    "person_label": self.label(c.person),
                    "organisation": c.organisation,
                    "organisation_label": self.label(c.organisation),
                    "state": c.state,
                    "state_label": self.label(c.state),
                    "decision": c.decision,
                    "decision_label": self.label(c.decision),
                    "stance": c.stance,
                    "date": c.date,
                    "evidence": c.evidence,
                    "sources": "; ".join(c.sources),
                }
                for c in self.coded
            ]
        )


def english_first(rows) -> dict[str, str]:
    """node → label from (node, label) term rows: an English label first, then an untagged one, then any."""
    found: dict[str, tuple] = {}
    for row in rows:
        language = (getattr(row["label"], "language", None) or "").lower()
        rank = (0 if language.startswith("en") else 1 if not language else 2, str(row["label"]))
        if str(row["node"]) not in found or rank < found[str(row["node"])]:
            found[str(row["node"])] = rank
    return {node: rank[1] for node, rank in found.items()}


def check_level(level: str) -> None:
    if level not in LEVELS:
        raise InputError(None, f"unknown actor level {level!r}; expected one of {', '.join(LEVELS)}")


def resolve(statements: Statements, text: str) -> str:
    """The node (actor at any level, or decision) that ``text`` names: an IRI, a prefixed name (``person:…``)
    or its label (whole, else a unique part of it, case ignored); a clear error otherwise."""
    # lazy: pulls in rdflib (~170 ms), only on this path
    from minegraph.querylang.terms import expand_iri

    nodes = {n for c in statements.coded for n in (c.person, c.organisation, c.state, c.decision)}
    if "://" in text or (":" in text and " " not in text.strip()):
        try:
            node = str(expand_iri(text.strip()))
        except Exception:  # noqa: BLE001 - an unknown prefix: said below like any unknown name
            node = text.strip()
        if node in nodes:
            return node
        raise InputError(None, f"{text!r} names no actor or decision of the coded statements")
    wanted = text.strip().casefold()
    exact = sorted(n for n in nodes if statements.label(n).casefold() == wanted)
    found = exact or sorted(n for n in nodes if wanted in statements.label(n).casefold())
    if len(found) == 1:
        return found[0]
    if not found:
        raise InputError(None, f"{text!r} matches no actor or decision of the coded statements")
    names = "; ".join(f"{statements.label(n)} <{n}>" for n in found[:8])
    raise InputError(None, f"{text!r} matches {len(found)} nodes, say which: {names}")
