"""The real graph as N-Triples text templates: one for a copy, one per assertion for the extra
statements cloned from it. Each copied IRI carries sentinels where a copy puts its suffix, so a
copy is written with a few ``str.replace`` calls instead of a Python loop over its triples.

Sentinels (never in real data: NUL is not allowed in N-Triples):
``COPY`` the copy's IRI suffix (``-c0007``, empty for copy 0), ``CODE`` the digits after a
state's code (``LVA7``), ``EXTRA`` an extra statement's tag, ``START``/``END`` its offsets,
``sha(i)``/``count(i)`` archive i's SHA-256 and character count in this copy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pyoxigraph as ox

from .learned import ID_BASE, OA, STATE_KIND, WIKIDATA, Assertion, RealGraph

COPY, CODE, EXTRA, START, END = "\x00S\x00", "\x00D\x00", "\x00X\x00", "\x00B\x00", "\x00E\x00"
_EXTENSION = re.compile(r"^(.*?)(\.[A-Za-z][A-Za-z0-9]{0,4})$")
#: Properties whose integer value counts copied things and so scales with the number of copies
#: (Article 17 counts the 40th deposit; k copies hold each deposit date k times).
SCALED = ("https://w3id.org/minegraph/ontology#instrumentThreshold",)


def sha(i: int) -> str:
    return f"\x00H{i}\x00"


def count(i: int) -> str:
    return f"\x00N{i}\x00"


def with_suffix(name: str, suffix: str) -> str:
    """``euronews.txt`` + ``-c0007`` → ``euronews-c0007.txt``; names without extension get it at the end."""
    match = _EXTENSION.match(name)
    return match.group(1) + suffix + match.group(2) if match else name + suffix


@dataclass
class Templates:
    shared: str  # written once (the Convention, dataset, concepts described in graph/), before scaling
    first: str  # copy 0 (keeps the Wikidata links)
    other: str  # copies 1…k-1
    extras: list[str]  # per assertion of ``real.assertions``: its owned nodes, to clone
    archive_order: list[ox.NamedNode]  # archive i of sha(i)/count(i)


class _Renderer:
    def __init__(self, real: RealGraph):
        self.real = real
        self.archive_index = {node: i for i, node in enumerate(sorted(real.archives, key=str))}
        self.owned: set = set()

    def term(self, term) -> str:
        if isinstance(term, ox.BlankNode):
            return f"_:{term.value}{EXTRA if term in self.owned else ''}{COPY}"
        if isinstance(term, ox.NamedNode) and self.real.is_copied(term):
            head, local = term.value.rsplit("/", 1)
            if term.value.startswith(ID_BASE + STATE_KIND):
                return f"<{head}/{local}{CODE}>"
            tag = EXTRA if term in self.owned else ""
            return f"<{head}/{with_suffix(local, tag + COPY)}>"
        return str(term)

    def literal(self, subject, predicate, literal: ox.Literal) -> str:
        text = str(literal)
        if subject.value.startswith(ID_BASE + STATE_KIND) and literal.value == subject.value.rsplit("/", 1)[-1]:
            return text.replace(f'"{literal.value}"', f'"{literal.value}{CODE}"', 1)
        if subject in self.real.archives:
            name, i = self.real.archives[subject], self.archive_index[subject]
            original = self.real.archive_facts[subject]
            if literal.value == original[0]:
                return text.replace(literal.value, sha(i), 1)
            if literal.value == str(original[1]) and literal.datatype.value.lower().endswith("integer"):
                return text.replace(literal.value, count(i), 1)
            return text.replace(name, with_suffix(name, COPY))
        if predicate.value == OA + "start" and subject in self.owned:
            return text.replace(literal.value, START, 1)
        if predicate.value == OA + "end" and subject in self.owned:
            return text.replace(literal.value, END, 1)
        return text

    def line(self, t: ox.Triple) -> str:
        obj = (
            self.literal(t.subject, t.predicate, t.object) if isinstance(t.object, ox.Literal) else self.term(t.object)
        )
        return f"{self.term(t.subject)} {self.term(t.predicate)} {obj} .\n"


def build_templates(real: RealGraph) -> Templates:
    """Render the real graph's triples into the shared, copy and extra templates."""
    render = _Renderer(real)
    shared, first, other = [], [], []
    for t in real.triples:
        if not real.is_copied(t.subject):
            shared.append(str(t) + " .\n")
            continue
        line = render.line(t)
        first.append(line)
        if not (isinstance(t.object, ox.NamedNode) and t.object.value.startswith(WIKIDATA)):
            other.append(line)
    extras = [_extra_template(real, render, a) for a in real.assertions]
    return Templates("".join(shared), "".join(first), "".join(other), extras, sorted(real.archives, key=str))


def _extra_template(real: RealGraph, render: _Renderer, assertion: Assertion) -> str:
    render.owned = {assertion.node, *assertion.owned}
    lines = [
        render.line(t)
        for t in real.triples
        if t.subject in render.owned
        and not (isinstance(t.object, ox.NamedNode) and t.object.value.startswith(WIKIDATA))
    ]
    render.owned = set()
    return "".join(lines)


def scale_shared(shared: str, copies: int) -> str:
    """The shared triples with the counts of :data:`SCALED` multiplied by the number of copies."""

    def scale(match: re.Match) -> str:
        return f'{match.group(1)}"{int(match.group(2)) * copies}"'

    for prop in SCALED:
        shared = re.sub(rf'(<{re.escape(prop)}> )"(\d+)"', scale, shared)
    return shared
