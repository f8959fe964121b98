"""Checks of quotes against the archived texts they are anchored in.

* ``archives``: every archived file exists under graph/ at its ``mg:path``, its SHA-256 is
  ``mg:sha256`` and its decoded length is ``mg:characterCount``;
* ``quotes``: every assertion's quote is exactly the archived text at its offsets, and the
  TextQuoteSelector (exact, prefix, suffix) agrees; the anchor points into the archived text
  of the document the assertion appears in;
* ``cues``: an attribution cue (``mg:cue``) occurs in the quote's paragraph (line);
* ``rests-on``: the words a stance assessment rests on (``mg:restsOn``) occur, verbatim, in the
  archived text its statement is anchored in.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from rdflib import RDF, Graph, Literal, URIRef
from rdflib.term import Node

from minegraph.core.anchors import verify
from minegraph.core.namespaces import MG, OA

from . import CheckContext, Problem, check


@dataclass(frozen=True)
class ArchivedFile:
    """An archived text as found on disk: its decoded text, or why it cannot be read."""

    node: Node
    text: str | None
    problem: str | None
    sha256: str | None = None


def archived_file(context: CheckContext, node: Node) -> ArchivedFile:
    """Read (once per validation run) the archived text ``node`` describes."""
    cache = context.extra.setdefault("archived-files", {})
    if node not in cache:
        cache[node] = _read_archive(context, node)
    return cache[node]


def _read_archive(context: CheckContext, node: Node) -> ArchivedFile:
    relative = context.graph.value(node, MG.path)
    if relative is None:
        return ArchivedFile(node, None, "has no mg:path")
    graph_dir = context.project.graph_dir.resolve()
    path = (graph_dir / str(relative)).resolve()
    if not path.is_relative_to(graph_dir):
        return ArchivedFile(node, None, f"path {str(relative)!r} (mg:path) leads outside the graph/ directory")
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        return ArchivedFile(node, None, f"file graph/{relative} cannot be read: {exc.strerror or exc}")
    digest = hashlib.sha256(data).hexdigest()
    try:
        return ArchivedFile(node, data.decode("utf-8"), None, digest)
    except UnicodeDecodeError as exc:
        return ArchivedFile(
            node, None, f"file graph/{relative} is not valid UTF-8 ({exc.reason} at byte {exc.start})", digest
        )


@check("archives")
def archives_match_records(context: CheckContext) -> Iterator[Problem]:
    """Each archived file exists, and its SHA-256 and character count equal the graph's record."""
    g = context.graph
    for node in sorted(set(g.subjects(RDF.type, MG.ArchivedText))):
        found = archived_file(context, node)
        if found.sha256 is not None:
            for recorded in g.objects(node, MG.sha256):
                if str(recorded) != found.sha256:
                    yield Problem(
                        "archives",
                        f"The archived file's SHA-256 is {found.sha256}, not the recorded {recorded}",
                        node,
                        MG.sha256,
                    )
        if found.problem is not None:
            yield Problem("archives", f"The archived text {found.problem}", node, MG.path)
            continue
        for recorded in g.objects(node, MG.characterCount):
            if _integer(recorded) != len(found.text):
                yield Problem(
                    "archives",
                    f"The archived text has {len(found.text)} characters, not the recorded {recorded} (mg:characterCount)",
                    node,
                    MG.characterCount,
                )


@dataclass(frozen=True)
class AnchorRecord:
    """What the graph says about where one assertion's quote is."""

    assertion: Node
    anchor: Node
    archive: Node
    start: int
    end: int
    exact: str
    prefix: str | None
    suffix: str | None


def anchor_records(g: Graph) -> Iterator[AnchorRecord]:
    """Every assertion anchor complete enough to be checked (incomplete ones are SHACL's to report)."""
    for assertion, anchor in sorted(g.subject_objects(MG.anchor)):
        archive = g.value(anchor, OA.hasSource)
        position = _selector(g, anchor, OA.TextPositionSelector)
        quote = _selector(g, anchor, OA.TextQuoteSelector)
        if archive is None or position is None or quote is None:
            continue
        start, end = _integer(g.value(position, OA.start)), _integer(g.value(position, OA.end))
        exact = g.value(quote, OA.exact)
        if start is None or end is None or exact is None:
            continue
        prefix, suffix = g.value(quote, OA.prefix), g.value(quote, OA.suffix)
        yield AnchorRecord(
            assertion,
            anchor,
            archive,
            start,
            end,
            str(exact),
            str(prefix) if prefix is not None else None,
            str(suffix) if suffix is not None else None,
        )


def _selector(g: Graph, anchor: Node, cls: URIRef) -> Node | None:
    return next((s for s in g.objects(anchor, OA.hasSelector) if (s, RDF.type, cls) in g), None)


def _integer(value: Node | None) -> int | None:
    if not isinstance(value, Literal):
        return None
    python = value.toPython()
    return python if isinstance(python, int) and not isinstance(python, bool) else None


@check("quotes")
def quotes_match_archives(context: CheckContext) -> Iterator[Problem]:
    """Each quote is exactly the archived text at its offsets, and quote, selector and source agree."""
    g = context.graph
    for record in anchor_records(g):
        node = record.assertion
        for quote in g.objects(node, MG.quote):
            if str(quote) != record.exact:
                yield Problem(
                    "quotes",
                    "The quote (mg:quote) differs from the TextQuoteSelector's text (oa:exact)",
                    node,
                    MG.quote,
                )
        documents = list(g.objects(node, MG.appearsIn))
        archives = {a for d in documents for a in g.objects(d, MG.archivedText)}
        if documents and record.archive not in archives:
            yield Problem(
                "quotes",
                "The anchor points into an archived text (oa:hasSource) that is not the archived text of the "
                "document the assertion appears in (mg:appearsIn / mg:archivedText)",
                node,
                MG.anchor,
            )
        found = archived_file(context, record.archive)
        if found.text is None:
            continue  # the archives check reports the unreadable file
        for message in verify(found.text, record.start, record.end, record.exact, record.prefix, record.suffix):
            yield Problem("quotes", f"Anchor: {message}", node, MG.anchor)


@check("cues")
def cues_in_quote_paragraph(context: CheckContext) -> Iterator[Problem]:
    """Each attribution cue occurs in the paragraph (line) of the archived text that holds the quote."""
    g = context.graph
    for record in anchor_records(g):
        cues = list(g.objects(record.assertion, MG.cue))
        found = archived_file(context, record.archive) if cues else None
        if found is None or found.text is None or not 0 <= record.start < record.end <= len(found.text):
            continue  # no cue, or the archives and quotes checks report the text or the offsets
        text = found.text
        first = text.rfind("\n", 0, record.start) + 1
        last = text.find("\n", record.end)
        paragraph = text[first : last if last >= 0 else len(text)]
        for cue in cues:
            if str(cue) not in paragraph:
                yield Problem(
                    "cues",
                    f"The attribution cue {str(cue)!r} (mg:cue) does not occur in the quote's paragraph of the archived text",
                    record.assertion,
                    MG.cue,
                )


@check("rests-on")
def stance_words_in_archive(context: CheckContext) -> Iterator[Problem]:
    """The words a stance rests on (mg:restsOn) occur verbatim in the archived text of the assessed statement."""
    g = context.graph
    archives = {record.assertion: record.archive for record in anchor_records(g)}
    for assessment, words in sorted(g.subject_objects(MG.restsOn)):
        statement = g.value(assessment, MG.assessedStatement)
        archive = archives.get(statement)
        found = archived_file(context, archive) if archive is not None else None
        if found is None or found.text is None:
            continue  # no anchored statement (SHACL's to report) or an unreadable text (the archives check's)
        if str(words) not in found.text:
            yield Problem(
                "rests-on",
                f"The words {str(words)!r} the stance rests on (mg:restsOn) do not occur in the "
                "archived text of the assessed statement",
                assessment,
                MG.restsOn,
            )
