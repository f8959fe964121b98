"""Synthetic reported positions: statements without an archived text or quote, dated across one year, so
that the discourse-network windows have a debate to cut (the real graph's statements fall on a few days).

Each is drawn from the real graph's stance assessments: a real (speaker, decision, stance) — the speaker's
side is kept, flipped with probability :data:`FLIP` — and a day of :data:`YEAR` drawn uniformly; it appears
in a synthetic web page of its own, published that day, with no archived text (a reported position). Its triples carry the copy sentinels of :mod:`.template`, so each copy
gets its own. They satisfy the statement and stance-assessment shapes (``mg:about``, one assessment with
stance, method, assessor and note) and cite a source document with a label, a URL and a date.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

import pyoxigraph as ox

from .learned import RealGraph
from .template import COPY, _Renderer, with_suffix

MG = "https://w3id.org/minegraph/ontology#"
ID = "https://w3id.org/minegraph/id/"
YEAR = 2025
FLIP = 0.15
#: Reported positions per copy, as a share of its extra (cloned, anchored) assertions: none in a copy without
#: extras, so a one-copy project without extras is still exactly the real graph.
SHARE = 0.5
STANCES = ("support", "oppose")


@dataclass
class ReportedPlan:
    """What reported positions are drawn from: (speaker, decision, stance, source) rendered for a copy."""

    picks: list[tuple[str, str, str, str]]  # speaker, decision, stance, the speaker's capacity ("" if none)
    curators: str

    def count(self, extras: int) -> int:
        """Reported positions of a copy with ``extras`` extra assertions."""
        return int(extras * SHARE) if self.picks else 0

    def lines_each(self) -> float:
        """Expected triples of one reported position (19, one more when the speaker's capacity is known)."""
        return 19 + sum(1 for pick in self.picks if pick[3]) / len(self.picks) if self.picks else 0.0


def plan_reported(real: RealGraph) -> ReportedPlan:
    """The real signed stances (support or oppose) with their speaker, decision and the capacity the speaker
    spoke in, as template terms."""
    render, by_subject = _Renderer(real), {}
    for t in real.triples:
        by_subject.setdefault(t.subject, {}).setdefault(t.predicate.value, []).append(t.object)
    picks = []
    for props in by_subject.values():
        statement, towards, stance = (props.get(MG + p, [None])[0] for p in ("assessedStatement", "towards", "stance"))
        if statement is None or towards is None or stance is None or not stance.value.endswith(STANCES):
            continue
        said = by_subject.get(statement, {})
        if MG + "speaker" in said:
            capacity = said.get(MG + "speakerCapacity")
            picks.append(
                (
                    render.term(said[MG + "speaker"][0]),
                    render.term(towards),
                    stance.value.rsplit("/", 1)[-1],
                    render.term(capacity[0]) if capacity else "",
                )
            )
    return ReportedPlan(sorted(picks), render.term(ox.NamedNode(ID + "organisation/minegraph-curators")))


def _flipped(stance: str, rng: random.Random) -> str:
    return (STANCES[1] if stance == STANCES[0] else STANCES[0]) if rng.random() < FLIP else stance


def reported_positions(plan: ReportedPlan, rng: random.Random, n: int) -> str:
    """``n`` reported positions as N-Triples text (copy sentinels still in)."""
    lines = []
    first = datetime.date(YEAR, 1, 1)
    days = (datetime.date(YEAR, 12, 31) - first).days + 1
    for i in range(n):
        speaker, decision, stance, capacity = rng.choice(plan.picks)
        day = first + datetime.timedelta(days=rng.randrange(days))
        slug = with_suffix(f"synth-reported-{i:05d}", COPY)
        statement, assessment, source = (
            f"<{ID}{kind}/{slug}>" for kind in ("statement", "stance-assessment", "source")
        )
        lines += [
            f"{source} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{MG}WebPage> .",
            f'{source} <http://www.w3.org/2000/01/rdf-schema#label> "Synthetic page {i}"@en .',
            f'{source} <https://schema.org/url> "https://example.org/synth/{slug}"^^<http://www.w3.org/2001/XMLSchema#anyURI> .',
            f'{source} <https://schema.org/datePublished> "{day.isoformat()}"^^<http://www.w3.org/2001/XMLSchema#date> .',
            f"{statement} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{MG}Statement> .",
            f"{statement} <{MG}speaker> {speaker} .",
            f"{statement} <{MG}about> {decision} .",
            *([f"{statement} <{MG}speakerCapacity> {capacity} ."] if capacity else []),
            f'{statement} <{MG}date> "{day.isoformat()}"^^<http://www.w3.org/2001/XMLSchema#date> .',
            f"{statement} <{MG}appearsIn> {source} .",
            f"{statement} <http://purl.org/dc/terms/source> {source} .",
            f'{statement} <http://www.w3.org/2000/01/rdf-schema#label> "Synthetic reported position {i}"@en .',
            f"{statement} <{MG}evidenceLevel> <{ID}concept/evidence/reported-position> .",
            f'{statement} <{MG}summary> "Synthetic summary of reported position {i}."@en .',
            f"{assessment} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{MG}StanceAssessment> .",
            f"{assessment} <{MG}assessedStatement> {statement} .",
            f"{assessment} <{MG}towards> {decision} .",
            f"{assessment} <{MG}stance> <{ID}concept/stance/{_flipped(stance, rng)}> .",
            f"{assessment} <{MG}assessmentMethod> <{ID}concept/assessment-method/curated> .",
            f"{assessment} <http://www.w3.org/ns/prov#wasAttributedTo> {plan.curators} .",
            f'{assessment} <{MG}stanceNote> "Synthetic: drawn from a real stance of this speaker."@en .',
            f"{assessment} <http://purl.org/dc/terms/source> {source} .",
        ]
    return "\n".join(lines) + ("\n" if lines else "")
