"""``owners``: one owner per node. Each IRI is described (is the subject of triples) in exactly one file of
graph/, the file of the build part that owns it; other files only point at it. The one exception is a
``time:Instant`` (``instant:2025-04-10``), a shared value node any part may state.

The union graph does not say which file a triple came from, so this check reads the data files of
``graph/`` itself, one at a time.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from rdflib import Graph, URIRef

from minegraph.core.rdf_io import parse_into
from minegraph.validation.checks.owners import owner_message  # the wording is the shipped one; the rule is not

from . import CheckContext, Problem, check

SHARED = ("https://w3id.org/minegraph/id/instant/",)


@check("owners")
def one_owner_per_node(context: CheckContext) -> Iterator[Problem]:
    described: dict[URIRef, list[str]] = defaultdict(list)
    for path in context.project.data_files():
        for subject in set(parse_into(Graph(), path).subjects()):
            if isinstance(subject, URIRef) and not str(subject).startswith(SHARED):
                described[subject].append(f"{path.parent.name}/{path.name}")
    for node in sorted(described):
        if len(described[node]) > 1:
            yield Problem("owners", owner_message(str(node), described[node]), focus=node)
