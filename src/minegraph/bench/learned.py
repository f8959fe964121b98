"""What the generator learns from the real graph: which nodes are copied per copy and which are
shared, the archived texts and the documents they belong to, and the assertions (statements,
claims) anchored in them with the nodes each one owns.

Nothing here knows the model's classes: roles are read from the graph's structure (a node with a
``sources/…`` path literal is an archive, a node with ``oa:hasSource`` an anchor, a node linking to
an anchor an assertion), so the generator follows whatever the real graph holds.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

ID_BASE = "https://w3id.org/minegraph/id/"
OA = "http://www.w3.org/ns/oa#"
WIKIDATA = "http://www.wikidata.org/entity/"

#: Kinds of ``id/<kind>/`` IRI that are one node for the whole graph, never copied: dates,
#: SKOS concepts, dataset descriptions.
SHARED_KINDS = ("instant/", "concept/", "dataset/")
#: Data files whose subjects are shared (the Convention, its rules, the dataset description).
SHARED_FILES = ("convention.ttl", "dataset.ttl")
STATE_KIND = "state/"


@dataclass
class Assertion:
    """An anchored assertion: its node, the nodes it owns (anchor, selectors, reviews…), where its
    quote is, and who said it."""

    node: ox.NamedNode
    owned: set[ox.NamedNode]
    archive: ox.NamedNode
    start: int
    end: int
    window: tuple[int, int]  # the slice of the archived text to reproduce (prefix, quote, suffix, paragraph)
    speakers: tuple[str, ...]


@dataclass
class RealGraph:
    """The real graph's triples (sorted) and the roles of its nodes."""

    triples: list[ox.Triple]
    shared_subjects: set[ox.NamedNode]
    archives: dict[ox.NamedNode, str] = field(default_factory=dict)  # node -> file name under graph/sources
    archive_facts: dict[ox.NamedNode, tuple[str, int]] = field(default_factory=dict)  # node -> (SHA-256, characters)
    documents: dict[ox.NamedNode, ox.NamedNode] = field(default_factory=dict)  # archive -> its document
    assertions: list[Assertion] = field(default_factory=list)

    def is_copied(self, term) -> bool:
        """True for an instance IRI that every copy rewrites (blank nodes are always per copy)."""
        if isinstance(term, ox.BlankNode):
            return True
        if not isinstance(term, ox.NamedNode) or not term.value.startswith(ID_BASE):
            return False
        kind = term.value[len(ID_BASE) :]
        return not kind.startswith(SHARED_KINDS) and term not in self.shared_subjects


def read_triples(path: Path) -> list[ox.Triple]:
    return [q.triple for q in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE)]


def load_real_graph(project_dir: Path) -> RealGraph:
    """Parse ``graph/*.ttl`` of a project and classify its nodes."""
    graph_dir = Path(project_dir) / "graph"
    triples: set[ox.Triple] = set()
    shared: set[ox.NamedNode] = set()
    for path in sorted(graph_dir.glob("*.ttl")):
        part = read_triples(path)
        triples.update(part)
        if path.name in SHARED_FILES:
            shared.update(t.subject for t in part if isinstance(t.subject, ox.NamedNode))
    real = RealGraph(sorted(triples, key=str), shared)
    _find_archives(real, graph_dir)
    _find_assertions(real, graph_dir)
    return real


def _find_archives(real: RealGraph, graph_dir: Path) -> None:
    for t in real.triples:
        if isinstance(t.object, ox.Literal) and t.object.value.startswith("sources/"):
            name = t.object.value[len("sources/") :]
            path = graph_dir / "sources" / name
            if path.is_file():
                data = path.read_bytes()
                real.archives[t.subject] = name
                real.archive_facts[t.subject] = (hashlib.sha256(data).hexdigest(), len(data.decode("utf-8")))
    for t in real.triples:
        if (
            t.object in real.archives
            and real.is_copied(t.subject)
            and t.subject not in real.archives
            and not t.predicate.value.startswith(OA)
        ):
            real.documents.setdefault(t.object, t.subject)


def _find_assertions(real: RealGraph, graph_dir: Path) -> None:
    """Assertions link to an anchor (a node with oa:hasSource to an archive); each owns the nodes
    named after it that hang off it (anchor, selectors, reviews, stance assessments)."""
    out, into = defaultdict(list), defaultdict(list)
    for t in real.triples:
        out[t.subject].append(t)
        into[t.object].append(t)
    anchors = {
        t.subject: t.object for t in real.triples if t.predicate.value == OA + "hasSource" and t.object in real.archives
    }
    asserting = {t.subject: t.object for t in real.triples if t.object in anchors}
    texts = {node: (graph_dir / "sources" / name).read_text(encoding="utf-8") for node, name in real.archives.items()}
    for node in sorted(asserting, key=str):
        anchor = asserting[node]
        owned = _owned(node, out, into, set(asserting))
        position = _selector_values(anchor, out)
        if position is None:
            continue
        start, end, prefix, suffix = position
        text = texts[anchors[anchor]]
        window = (
            min(start - len(prefix), text.rfind("\n", 0, start) + 1),
            max(end + len(suffix), _line_end(text, end)),
        )
        speakers = tuple(sorted(str(t.object) for t in out[node] if t.predicate.value.endswith("#speaker")))
        real.assertions.append(Assertion(node, owned, anchors[anchor], start, end, window, speakers))


def _line_end(text: str, offset: int) -> int:
    found = text.find("\n", offset)
    return len(text) if found < 0 else found


def _local(node) -> str:
    return node.value.rsplit("/", 1)[-1]


def _owned(node, out, into, assertions: set) -> set[ox.NamedNode]:
    """Nodes connected to ``node`` through owned nodes whose local name starts with its own."""
    prefix, owned, todo = _local(node), set(), [node]
    while todo:
        current = todo.pop()
        neighbours = [t.object for t in out[current]] + [t.subject for t in into[current]]
        for other in neighbours:
            if (
                isinstance(other, ox.NamedNode)
                and other != node
                and other not in owned
                and other not in assertions
                and other.value.startswith(ID_BASE)
                and _local(other).startswith(prefix)
            ):
                owned.add(other)
                todo.append(other)
    return owned


def _selector_values(anchor, out) -> tuple[int, int, str, str] | None:
    """(start, end, prefix, suffix) of an anchor's position and quote selectors."""
    values: dict[str, ox.Literal] = {}
    for selector in (t.object for t in out[anchor] if t.predicate.value == OA + "hasSelector"):
        for t in out[selector]:
            if t.predicate.value.startswith(OA) and isinstance(t.object, ox.Literal):
                values[t.predicate.value[len(OA) :]] = t.object
    if "start" not in values or "end" not in values:
        return None
    text = lambda key: values[key].value if key in values else ""  # noqa: E731
    return int(values["start"].value), int(values["end"].value), text("prefix"), text("suffix")
