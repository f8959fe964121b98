"""Wordings of ``archives``, ``quotes`` and ``cues``: archived files against their records, quotes against the
texts they are anchored in. Each archived file is read once per run (:func:`texts`) and the quotes compared
with it here (one query per text would cost texts × anchors)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass

import pyoxigraph as ox

from minegraph.core.anchors import verify

from .context import Context, finding, text, wording

MG = "https://w3id.org/minegraph/ontology#"
XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"


@dataclass(frozen=True)
class ArchivedFile:
    """An archived text as found on disk: its decoded text, or why it cannot be read."""

    text: str | None
    problem: str | None
    sha256: str | None = None


def read_archive(context: Context, relative: str | None) -> ArchivedFile:
    if relative is None:
        return ArchivedFile(None, "has no mg:path")
    graph_dir = context.graph_dir.resolve()
    path = (graph_dir / relative).resolve()
    if not path.is_relative_to(graph_dir):
        return ArchivedFile(None, f"path {relative!r} (mg:path) leads outside the graph/ directory")
    try:
        data = path.read_bytes()
    except OSError as exc:
        return ArchivedFile(None, f"file graph/{relative} cannot be read: {exc.strerror or exc}")
    digest = hashlib.sha256(data).hexdigest()
    try:
        return ArchivedFile(data.decode("utf-8"), None, digest)
    except UnicodeDecodeError as exc:
        return ArchivedFile(
            None, f"file graph/{relative} is not valid UTF-8 ({exc.reason} at byte {exc.start})", digest
        )


def _read(context: Context, rows) -> dict:
    """Each archived text (rows of archives.rq): its file, read once, and the recorded SHA-256s and counts."""
    found: dict = {}
    for row in rows:
        node = row["focus"]
        if node not in found:
            found[node] = (read_archive(context, text(row["value"])), set(), set())
        if row["sha256"] is not None:
            found[node][1].add(row["sha256"].value)
        if row["count"] is not None:
            found[node][2].add(row["count"])
    return found


def texts(context: Context, rows=None) -> dict[ox.NamedNode, tuple[ArchivedFile, set[str], set[ox.Literal]]]:
    """Each archived text of the run, read once however many checks ask (with the archives check's rows
    when it asks first)."""
    return context.shared("archives", lambda: _read(context, rows if rows is not None else context.select("archives")))


def text_of(context: Context, archive) -> str | None:
    found = texts(context).get(archive)
    return found[0].text if found is not None else None


def _integer(value: ox.Literal) -> int | None:
    return int(value.value) if value.datatype.value == XSD_INTEGER else None


@wording("archives")
def archives_match_records(context: Context, rows) -> Iterator:
    for node, (found, hashes, counts) in texts(context, rows).items():
        for recorded in hashes:
            if found.sha256 is not None and recorded != found.sha256:
                yield finding(
                    f"The archived file's SHA-256 is {found.sha256}, not the recorded {recorded}", node, MG + "sha256"
                )
        if found.problem is not None:
            yield finding(f"The archived text {found.problem}", node, MG + "path")
            continue
        for recorded in counts:
            if _integer(recorded) != len(found.text):
                yield finding(
                    f"The archived text has {len(found.text)} characters, not the recorded "
                    f"{recorded.value} (mg:characterCount)",
                    node,
                    MG + "characterCount",
                )


@wording("quotes")
def quotes_match_archives(context: Context, rows) -> Iterator:
    anchors = set()
    for row in rows:
        if row["value"] is not None and row["value"].value != row["exact"].value:
            yield finding(
                "The quote (mg:quote) differs from the TextQuoteSelector's text (oa:exact)", row["focus"], MG + "quote"
            )
        if (row["focus"], row["archive"], row["start"], row["end"], row["exact"]) in anchors:
            continue  # the anchor's other quotes: its text is read once
        anchors.add((row["focus"], row["archive"], row["start"], row["end"], row["exact"]))
        if row["elsewhere"].value == "true":
            yield finding(
                "The anchor points into an archived text (oa:hasSource) that is not the archived text of the "
                "document the assertion appears in (mg:appearsIn / mg:archivedText)",
                row["focus"],
                row["path"],
            )
        if (archived := text_of(context, row["archive"])) is not None:  # unreadable: the archives check says so
            for message in verify(
                archived,
                int(row["start"].value),
                int(row["end"].value),
                row["exact"].value,
                text(row["prefix"]),
                text(row["suffix"]),
            ):
                yield finding(f"Anchor: {message}", row["focus"], row["path"])


@wording("cues")
def cues_in_quote_paragraph(context: Context, rows) -> Iterator:
    for row in rows:
        archived, start, end = text_of(context, row["archive"]), int(row["start"].value), int(row["end"].value)
        if archived is None or not 0 <= start < end <= len(archived):
            continue  # the archives and quotes checks report the text or the offsets
        first, last = archived.rfind("\n", 0, start) + 1, archived.find("\n", end)
        if row["value"].value not in archived[first : last if last >= 0 else len(archived)]:
            yield finding(
                f"The attribution cue {row['value'].value!r} (mg:cue) does not occur in the quote's "
                "paragraph of the archived text",
                row["focus"],
                row["path"],
            )
