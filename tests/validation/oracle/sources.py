"""``preferred-source``: a fact's preferred source (mg:preferredSource) is one of its sources (dcterms:source)
and no other of them has a better (lower) mg:authorityRank."""

from __future__ import annotations

from collections.abc import Iterator

from rdflib import DCTERMS, Literal

from minegraph.core.namespaces import MG

from . import CheckContext, Problem, check


def _rank(g, node) -> int | None:
    value = g.value(node, MG.authorityRank)
    return value.toPython() if isinstance(value, Literal) and isinstance(value.toPython(), int) else None


@check("preferred-source")
def preferred_sources_rank_best(context: CheckContext) -> Iterator[Problem]:
    g = context.graph
    for fact, preferred in sorted(g.subject_objects(MG.preferredSource)):
        sources = set(g.objects(fact, DCTERMS.source))
        if preferred not in sources:
            yield Problem(
                "preferred-source",
                f"The preferred source <{preferred}> (mg:preferredSource) is not one of "
                "the fact's sources (dcterms:source)",
                fact,
                MG.preferredSource,
            )
        rank = _rank(g, preferred)
        for source in sorted(sources):
            if rank is not None and (other := _rank(g, source)) is not None and other < rank:
                yield Problem(
                    "preferred-source",
                    f"The preferred source <{preferred}> (mg:preferredSource) has authority "
                    f"rank {rank}, but the fact's source <{source}> ranks better ({other})",
                    fact,
                    MG.preferredSource,
                )
