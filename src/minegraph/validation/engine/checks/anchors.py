"""``archives``, ``anchors`` and ``cues``: archived files against their records, quotes against the texts
they are anchored in. The graph side is SPARQL (one query each); each archived file is read once and the
quotes are compared with it in Python (one query per text would cost texts × anchors)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass

import pyoxigraph as ox

from .base import CheckFinding, Context, check, text

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
        return ArchivedFile(None, f"file graph/{relative} is not valid UTF-8 ({exc.reason} at byte {exc.start})", digest)


def archives(context: Context) -> dict[ox.NamedNode, tuple[ArchivedFile, set[str], set[ox.Literal]]]:
    """Each archived text: its file (read once per run), recorded SHA-256s and character counts."""
    def read() -> dict:
        found: dict = {}
        for row in context.select("archived-texts"):
            node = row["text"]
            if node not in found:
                path = row["path"]
                found[node] = (read_archive(context, path.value if path is not None else None), set(), set())
            if row["sha256"] is not None:
                found[node][1].add(row["sha256"].value)
            if row["count"] is not None:
                found[node][2].add(row["count"])
        return found

    return context.shared("archives", read)


def _integer(value: ox.Literal) -> int | None:
    return int(value.value) if value.datatype.value == XSD_INTEGER else None


@check("archives")
def archives_match_records(context: Context) -> Iterator[CheckFinding]:
    for node, (found, hashes, counts) in archives(context).items():
        for recorded in hashes:
            if found.sha256 is not None and recorded != found.sha256:
                yield CheckFinding("archives", f"The archived file's SHA-256 is {found.sha256}, not the recorded {recorded}",
                                   text(node), MG + "sha256")
        if found.problem is not None:
            yield CheckFinding("archives", f"The archived text {found.problem}", text(node), MG + "path")
            continue
        for recorded in counts:
            if _integer(recorded) != len(found.text):
                yield CheckFinding("archives", f"The archived text has {len(found.text)} characters, not the recorded "
                                   f"{recorded.value} (mg:characterCount)", text(node), MG + "characterCount")


@dataclass(frozen=True)
class Anchored:
    """A complete anchor read against the text it points into (which was readable)."""

    assertion: str
    start: int
    end: int
    exact: str
    prefix: str | None
    suffix: str | None
    text: str

    @property
    def inside(self) -> bool:
        return 0 <= self.start < self.end <= len(self.text)

    def paragraph(self) -> str:
        """The line of the text that holds the quote."""
        first = self.text.rfind("\n", 0, self.start) + 1
        last = self.text.find("\n", self.end)
        return self.text[first : last if last >= 0 else len(self.text)]


def anchored(context: Context) -> list[Anchored]:
    """Every complete anchor (anchor-records.rq) whose archived text could be read, with that text."""
    def read() -> list[Anchored]:
        texts = {node: found.text for node, (found, _, _) in archives(context).items() if found.text is not None}
        return [Anchored(text(row["assertion"]), int(row["start"].value), int(row["end"].value), row["exact"].value,
                         row["prefix"].value if row["prefix"] is not None else None,
                         row["suffix"].value if row["suffix"] is not None else None, texts[row["archive"]])
                for row in context.select("anchor-records") if row["archive"] in texts]

    return context.shared("anchored", read)


def _short(value: str, limit: int = 60) -> str:
    return repr(value if len(value) <= limit else value[: limit - 1] + "…")


@check("anchors")
def quotes_match_archives(context: Context) -> Iterator[CheckFinding]:
    for row in context.select("quote-differs"):
        yield CheckFinding("anchors", "The quote (mg:quote) differs from the TextQuoteSelector's text (oa:exact)",
                           text(row["assertion"]), MG + "quote")
    for row in context.select("anchor-elsewhere"):
        yield CheckFinding("anchors", "The anchor points into an archived text (oa:hasSource) that is not the archived "
                           "text of the document the assertion appears in (mg:appearsIn / mg:archivedText)",
                           text(row["assertion"]), MG + "anchor")
    for record in anchored(context):
        for message in _text_problems(record):
            yield CheckFinding("anchors", f"Anchor: {message}", record.assertion, MG + "anchor")


def _text_problems(record: Anchored) -> list[str]:
    start, end, exact, text_ = record.start, record.end, record.exact, record.text
    if not record.inside:
        return [f"offsets {start}..{end} lie outside the archived text ({len(text_)} characters)"]
    found, problems = text_[start:end], []
    if found != exact:
        problems.append(f"text at offsets {start}..{end} is {_short(found)}, not the quote {_short(exact)}")
    if record.prefix is not None and not text_[:start].endswith(record.prefix):
        problems.append(f"TextQuoteSelector prefix {_short(record.prefix)} does not precede offset {start}")
    if record.suffix is not None and not text_[end:].startswith(record.suffix):
        problems.append(f"TextQuoteSelector suffix {_short(record.suffix)} does not follow offset {end}")
    return problems


@check("cues")
def cues_in_quote_paragraph(context: Context) -> Iterator[CheckFinding]:
    cues: dict = {}
    for row in context.select("cues"):
        cues.setdefault(text(row["assertion"]), []).append(row["cue"].value)
    for record in anchored(context):
        if not record.inside:
            continue  # the anchors check reports offsets outside the text
        paragraph = record.paragraph()
        for cue in cues.get(record.assertion, []):
            if cue not in paragraph:
                yield CheckFinding("cues", f"The attribution cue {cue!r} (mg:cue) does not occur in the quote's "
                                   "paragraph of the archived text", record.assertion, MG + "cue")
