"""Tracing: from a statement, an actor or a decision back to what the graph says about it and where from.

:func:`resolve` turns an IRI (or prefixed name) or words of a quote or name into the node to trace,
and says so when words match several nodes. :func:`trace` builds a card from SPARQL queries on the
store: for a statement (or claim) the quote in its archived context, the speaker and their role at the
time, each decision with its stance assessments, the source document with its hash and offsets, and the chain of
derivation (:mod:`minegraph.provenance.cards`); for an actor their statements by decision; for a decision
its statements by stance and its events in time order. :func:`subgraph` is the traced part of the graph
as rdflib triples, to share as Turtle.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

from rdflib import Graph

from minegraph.core.namespaces import bind_prefixes
from minegraph.errors import TraceError, cut, shown
from minegraph.provenance.cards import statement_card
from minegraph.provenance.select import select
from minegraph.queries.library import internal_query
from minegraph.queries.run import execute
from minegraph.querylang.terms import compact, expand_iri

KINDS = ("statement", "actor", "decision")
STANCE_ORDER = ("support", "oppose", "neutral", "mixed")


#: The longest text ``resolve`` searches for, and the most words: a quote or a name is shorter, and
#: the search reads every quote and name of the graph once per word.
MAX_SEARCH_CHARACTERS = 2_000
MAX_SEARCH_WORDS = 64


def check_search_text(text: str) -> None:
    """TraceError unless ``text`` is short enough to search for (checked before any store is opened)."""
    if len(text) > MAX_SEARCH_CHARACTERS:
        raise TraceError(
            f"the text to trace is {len(text):,} characters long; give at most "
            f"{MAX_SEARCH_CHARACTERS:,} (an IRI, or a few words of a quote or name)"
        )
    words = len(re.findall(r"\w+", text))
    if words > MAX_SEARCH_WORDS:
        raise TraceError(
            f"the text to trace has {words:,} words; give at most {MAX_SEARCH_WORDS} "
            "(a few words of a quote or name are enough)"
        )


# --------------------------------------------------------------------------- resolving


@dataclass(frozen=True)
class Target:
    """A node to trace: its IRI and kind (statement, actor or decision)."""

    iri: str
    kind: str


def resolve(store, text: str) -> Target:
    """The node ``text`` names: an IRI or prefixed name, else the one node whose quote or name has all its words.

    A quote or name equal to the whole text wins over partial matches. Raises :class:`TraceError` when
    nothing matches, or when several nodes do (listing them).
    """
    check_search_text(text)
    text = text.strip()
    if re.fullmatch(r"<?[A-Za-z][\w+.-]*:\S*>?", text):
        try:
            iri = str(expand_iri(text))
        except ValueError as exc:
            raise TraceError(f"cannot trace {shown(text)}: {exc}") from None
        if iri:
            kinds = {row["kind"] for row in select(store, "trace-classify", node=iri)}
            if not kinds:
                exists = select(store, "trace-node-exists", node=iri)
                what = "is not a statement, claim, actor or decision" if exists else "is not in the graph"
                raise TraceError(f"{compact(iri)} {what}: nothing to trace")
            return Target(iri, next(k for k in KINDS if k in kinds))
    words = re.findall(r"\w+", text.lower())
    if not words:
        raise TraceError(f"nothing to search for in {shown(text)}: give an IRI or words of a quote or name")
    unique = list(dict.fromkeys(words))
    rows = [r for r in select(store, "trace-search-texts") if all(w in str(r["text"]).lower() for w in unique)]
    exact = [r for r in rows if " ".join(str(r["text"]).lower().split()) == " ".join(text.lower().split())]
    found: dict[str, tuple[str, str]] = {}
    for row in sorted(exact or rows, key=lambda r: (KINDS.index(r["kind"]), r["node"], str(r["text"]))):
        found.setdefault(row["node"], (row["kind"], row["text"]))
    if len(found) == 1:
        ((iri, (kind, _)),) = found.items()
        return Target(iri, kind)
    if not found:
        raise TraceError(f"no statement quote, actor name or decision contains all of: {cut(' '.join(unique), 200)}")
    raise TraceError(
        f"{shown(text)} is ambiguous: it matches {len(found)} nodes; trace one of them by IRI",
        [(iri, kind, label) for iri, (kind, label) in found.items()],
        display=compact,
    )


# --------------------------------------------------------------------------- actor and decision cards


@dataclass
class ActorCard:
    """An actor's statements grouped by the decision they are about (claims, about no decision, apart)."""

    iri: str
    label: str | None
    by_decision: list[dict]
    claims: list[dict]
    nodes: dict = field(default_factory=dict, repr=False)

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class DecisionCard:
    """A decision: what it is, every statement about it (or a step of it) by stance, its events in time order."""

    iri: str
    label: str | None
    decision_type: str | None
    decided_by: dict | None
    date: str | None
    contested: bool | None
    legal_effect: str | None
    by_stance: dict[str, list[dict]]
    events: list[dict]
    nodes: dict = field(default_factory=dict, repr=False)

    def to_dict(self) -> dict:
        return asdict(self)


def _label(store, iri: str) -> str | None:
    rows = select(store, "first-label", node=iri)
    return rows[0]["label"] if rows else None


def actor_card(store, iri: str) -> ActorCard:
    """All statements of an actor grouped by the decision(s) they are about, with stance, quote and source.

    A statement is listed once per stance, under the set of decisions its assessments read with that
    stance: once under the five withdrawals when it opposes them all, and again under the ban if it
    also supports the ban.
    """
    items: dict[tuple, dict] = {}
    rows = select(store, "trace-actor-statements", node=iri)
    for row in rows:
        item = items.setdefault(
            (row["statement"], row["stance"]),
            {
                "iri": row["statement"],
                "kind": row["kind"],
                "stance": row["stance"],
                "quote": row["quote"],
                "summary": row["summary"],
                "label": row["label"],
                "source": row["sourceLabel"] or row["source"],
                "url": row["url"],
                "decisions": {},
            },
        )
        if row["decision"]:
            item["decisions"][row["decision"]] = row["decisionLabel"]
    groups: dict[tuple, dict] = {}
    claims = []
    for item in items.values():
        decisions = item.pop("decisions")
        if item["kind"] == "claim" or not decisions:
            claims.append(item)
            continue
        key = tuple(sorted(decisions))
        group = groups.setdefault(
            key, {"decisions": [{"iri": d, "label": decisions[d]} for d in key], "statements": []}
        )
        group["statements"].append(item)
    nodes = {
        "full": sorted({iri, *{statement for statement, _ in items}}),
        "brief": sorted({*{d for key in groups for d in key}, *{r["source"] for r in rows}}),
    }
    return ActorCard(iri, _label(store, iri), list(groups.values()), claims, nodes)


def _by_stance(statements: list[dict], iri: str) -> dict[str, list[dict]]:
    """The statements about a decision by stance, each listed once per stance: by its assessment toward the
    decision itself if it has one, else toward the part of it (``via``)."""
    by_stance: dict[str, list[dict]] = {}
    seen: set[tuple[str, str]] = set()
    for row in sorted(statements, key=lambda r: r["about"] != iri):
        if (row["stance"], row["statement"]) in seen:
            continue
        seen.add((row["stance"], row["statement"]))
        by_stance.setdefault(row["stance"], []).append(
            {
                "iri": row["statement"],
                "speaker": row["speakerLabel"] or row["speaker"],
                "quote": row["quote"],
                "summary": row["summary"],
                "evidence": row["evidence"],
                "via": row["aboutLabel"] if row["about"] != iri else None,
                "source": row["sourceLabel"],
                "url": row["url"],
                "method": row["method"],
                "assessor": row["assessorLabel"],
                "note": row["note"],
            }
        )
    by_stance = {
        stance: sorted(items, key=lambda item: (str(item["speaker"]), item["iri"]))
        for stance, items in sorted(
            by_stance.items(), key=lambda kv: (STANCE_ORDER.index(kv[0]) if kv[0] in STANCE_ORDER else 9, kv[0])
        )
    }
    return by_stance


def _events(store, iri: str) -> tuple[dict[str, dict], list[dict]]:
    """A decision's events by IRI, and the same in time order (bounds or the date as stated where not exact)."""
    events: dict[str, dict] = {}
    for row in select(store, "trace-decision-events", node=iri):
        when = row["date"] or row["earliest"] or row["latest"]
        event = events.setdefault(
            row["event"],
            {
                "iri": row["event"],
                "label": row["label"],
                "types": [],
                "actors": [],
                "date": row["date"].isoformat() if row["date"] else None,
                "sort": when.isoformat() if when else "9999",
                "date_text": row["asStated"] or _bounds(row),
            },
        )
        for key, value in (("types", row["typeLabel"]), ("actors", row["actorLabel"])):
            if value and value not in event[key]:
                event[key].append(value)
    ordered = sorted(events.values(), key=lambda e: (e["sort"], e["iri"]))
    for event in ordered:
        del event["sort"]
    return events, ordered


def decision_card(store, iri: str) -> DecisionCard:
    """Every statement about the decision (or a part of it) grouped by stance, and its events in time order."""
    info = (select(store, "trace-decision", node=iri) or [{}])[0]
    statements = select(store, "trace-decision-statements", node=iri)
    by_stance = _by_stance(statements, iri)
    events, ordered = _events(store, iri)
    decided = {"iri": info["decidedBy"], "label": info["decidedByLabel"]} if info.get("decidedBy") else None
    nodes = {
        "full": sorted({iri, *{r["statement"] for r in statements}, *events}),
        "brief": sorted({*{r["speaker"] for r in statements}, *{r["source"] for r in statements}}),
    }
    return DecisionCard(
        iri,
        info.get("label"),
        info.get("typeLabel"),
        decided,
        info["date"].isoformat() if info.get("date") else None,
        info.get("contested"),
        info.get("legalEffect"),
        by_stance,
        ordered,
        nodes,
    )


def _bounds(row: dict) -> str | None:
    if row["date"] or not (row["earliest"] or row["latest"]):
        return None
    return f"between {row['earliest'] or '?'} and {row['latest'] or '?'}"


# --------------------------------------------------------------------------- entry points


def trace(store, target: Target | str, project):
    """The card of a target (or of the text/IRI it is resolved from)."""
    if isinstance(target, str):
        target = resolve(store, target)
    if target.kind == "statement":
        return statement_card(store, target.iri, project)
    if target.kind == "actor":
        return actor_card(store, target.iri)
    return decision_card(store, target.iri)


def subgraph(store, card) -> Graph:
    """The traced part of the graph: every triple of the card's own nodes, type and labels of the nodes it names."""
    full, brief = card.nodes["full"], [n for n in card.nodes["brief"] if n not in card.nodes["full"]]
    graph = bind_prefixes(Graph())
    for name, nodes in (("trace-node-triples", full), ("trace-node-summary", brief)):
        for node in nodes:
            for triple in execute(internal_query(name), {"node": node}, store).triples:
                graph.add(triple)
    return graph
