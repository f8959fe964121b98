"""``owners``: one owner per node — each IRI is the subject of triples in one file of graph/ only
(``time:Instant`` value nodes excepted). The store keeps no file of origin, so the data files are
parsed once more here (Oxigraph's parser, subjects only); :func:`described_by_file` can run while the store
loads (that parse holds the GIL, the load does not and uses one core), its result handed to ``run_checks``."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox

from minegraph.core.namespaces import ID_BASE

from .base import CheckFinding, Context, check

#: Nodes any part may describe: value nodes whose description is their IRI.
SHARED = (f"{ID_BASE}instant/",)


def owner_message(node: str, files: list[str]) -> str:
    return (f"<{node}> is described in {len(files)} files ({', '.join(files)}); one build part owns each node "
            "and the other files only point at it")


#: The key of :func:`described_by_file`'s result in the checks' shared values.
DESCRIBED = "owners-described"


def described_by_file(graph_dir: Path) -> dict[str, list[str]]:
    """Each IRI that is a subject in graph/*.ttl → the files (``graph/name.ttl``) where it is one."""
    described: dict[str, list[str]] = defaultdict(list)
    for path in sorted(graph_dir.glob("*.ttl")):
        subjects = {q.subject.value for q in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE,
                                                      base_iri=path.resolve().as_uri())
                    if isinstance(q.subject, ox.NamedNode)}
        for subject in subjects:
            if not subject.startswith(SHARED):
                described[subject].append(f"{path.parent.name}/{path.name}")
    return described


@check("owners")
def one_owner_per_node(context: Context) -> Iterator[CheckFinding]:
    described = context.shared(DESCRIBED, lambda: described_by_file(context.graph_dir))
    for node in sorted(described):
        if len(described[node]) > 1:
            yield CheckFinding("owners", owner_message(node, described[node]), node)
