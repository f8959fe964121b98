"""``minegraph accept DRAFT``: a reviewed draft becomes a curation file, then the graph is rebuilt and validated.

The draft is checked first — every field known, every quote in the archived text (re-anchored by
the quote when the reviewer moved it), every IRI in the graph or proposed in a [[new_actor]] table,
stances in the scheme — and then built and validated in a scratch copy of the project. Only when
that conforms are ``curation/sources/<slug>.toml`` (and ``curation/actors/<slug>.toml`` for new
actors) written and the real graph rebuilt: a draft with mistakes changes nothing.

Assessments the reviewer did not touch (method and stance as the extractor suggested them) stay
``suggested``, attributed to the extractor; edited or confirmed ones become ``accepted``, attributed
to the reviewer.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from minegraph.assemble.records import Record, load_toml, records, single
from minegraph.core.files import contained
from minegraph.errors import CurationError, MinegraphError, shown
from minegraph.ingest.draft import toml_comment, toml_table
from minegraph.ingest.workflow import KINDS, Gazetteer, read_text

EXTRACTOR = "organisation:minegraph-extractor"
CURATORS = "organisation:minegraph-curators"
STANCES = ("support", "oppose", "neutral")
#: The draft's tables and the fields each may hold (review aids are checked, then dropped).
FIELDS = {
    "document": {"slug", "title", "url", "date", "language", "publisher", "kind", "archive"},
    "new_actor": {"id", "label", "kind", "role", "organisation", "as_reported", "note"},
    "statement": {"id", "speaker", "speaker_as_reported", "speaker_matched_on", "role", "organisation", "quote",
                  "start", "end", "mode", "cue", "attribution_note", "mentions", "assessment"},
    "statement.assessment": {"about", "stance", "method", "confidence", "rests_on", "note"},
}
MODES = ("direct", "partial", "paraphrase")


@dataclass
class Accepted:
    """What accept wrote and found."""

    slug: str
    written: list[Path] = field(default_factory=list)
    statements: int = 0
    suggested: int = 0
    accepted: int = 0


def _known(record: Record, table: str) -> None:
    unknown = sorted(set(record.data) - FIELDS[table])
    if unknown:
        raise record.error(f"unknown field(s) {', '.join(unknown)}; a {table} may hold {', '.join(sorted(FIELDS[table]))}")


def _anchor(record: Record, text: str, archive: str) -> int:
    """The occurrence (1-based) of the statement's quote the offsets point at; re-anchored by the quote."""
    quote = record.require("quote")
    starts, at = [], text.find(quote)
    while at >= 0:
        starts.append(at)
        at = text.find(quote, at + 1)
    if not starts:
        raise record.error(f"quote {quote[:60]!r} is not in graph/sources/{archive} (quotes are verbatim)")
    start = record.get("start")
    if not isinstance(start, int):
        return 1
    return 1 + min(range(len(starts)), key=lambda i: abs(starts[i] - start))


class _Draft:
    """A parsed draft with its located records."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.data, self.lines = load_toml(self.path)
        unknown = sorted(set(self.data) - {"document", "new_actor", "statement"})
        if unknown:
            raise CurationError(self.path, f"unknown table(s) {', '.join(unknown)}")
        self.document = single(self.data, self.lines, self.path, "document")
        _known(self.document, "document")
        self.actors = list(records(self.data, self.lines, self.path, "new_actor", kind_ids=True))
        self.statements = list(records(self.data, self.lines, self.path, "statement"))
        starts = iter(n for n, line in enumerate(self.lines, 1) if line.strip() == "[[statement.assessment]]")
        self.assessments = [[Record(t, self.path, next(starts, s.line), "statement.assessment")
                             for t in (s.get("assessment") or [])] for s in self.statements]


def check_draft(project, path: Path, gazetteer: Gazetteer | None = None, reviewer: str = CURATORS) -> tuple[str, str | None, Accepted]:
    """The curation text (and new-actors text) of a reviewed draft; CurationError naming line and field."""
    draft = _Draft(path)
    doc = draft.document
    slug, archive = doc.require("slug"), doc.require("archive")
    if contained(project.curation_dir / "sources", f"{slug}.toml" if isinstance(slug, str) else None) is None:
        raise doc.error(f"slug {shown(str(slug))} is not a slug: lower-case letters, digits and hyphens (as ingest makes it)")
    if doc.require("kind") not in KINDS:
        raise doc.error(f"kind {doc.get('kind')!r} is not one of {', '.join(KINDS)}")
    archive_path = contained(project.graph_dir / "sources", archive)
    if archive_path is None or not archive_path.is_file() or archive_path.is_symlink():
        raise doc.error(f"archive {shown(str(archive))} is not a text ingest archived (a file graph/sources/<slug>.txt)")
    _, text = read_text(archive_path)
    gazetteer = gazetteer or Gazetteer(project)
    known = {a.iri for a in gazetteer.actors}
    proposed = {a.require("id") for a in draft.actors}
    again = _introduced(project, slug)
    for actor in draft.actors:
        _known(actor, "new_actor")
        actor.require("label")
        if actor.get("id") in known - again:
            raise actor.error(f"{actor.get('id')} is already an actor of the graph: delete this [[new_actor]]")
    decisions = {d.iri for d in gazetteer.decisions}
    if doc.require("publisher") not in known | proposed:
        raise doc.error(f"publisher {doc.get('publisher')} is not an actor of the graph; add a [[new_actor]] for it")
    suggestions = _suggestions(text, gazetteer)
    result = Accepted(slug)
    body = []
    for statement, assessments in zip(draft.statements, draft.assessments):
        body += ["", *_statement(statement, assessments, text, archive, known | proposed, decisions,
                                 suggestions, reviewer, result)]
    result.statements = len(draft.statements)
    return _curation(doc, body), _new_actors(draft.actors, slug), result


def _introduced(project, slug: str) -> set[str]:
    """The actors an earlier accept of this draft wrote (so accepting it again, e.g. after a kill, is no error)."""
    path = project.curation_dir / "actors" / f"{slug}.toml"
    if not path.is_file():
        return set()
    data, _ = load_toml(path)
    return {f"{table}:{entry.get('id')}" for table in ("person", "organisation") for entry in data.get(table, [])}


def _statement(record, assessments, text, archive, actors, decisions, suggestions, reviewer, result) -> list[str]:
    _known(record, "statement")
    speaker = record.require("speaker")
    if speaker not in actors:
        raise record.error(f"speaker {speaker!r} is neither an actor of the graph nor a [[new_actor]] of this draft")
    if record.require("mode") not in MODES:
        raise record.error(f"mode {record.get('mode')!r} is not one of {', '.join(MODES)}")
    occurrence = _anchor(record, text, archive)
    if not assessments:
        raise record.error(f"{record.get('id')}: no [[statement.assessment]]: say which decision it is about and how")
    fields = [(k, record.get(k)) for k in ("id", "speaker", "speaker_as_reported", "quote", "mode", "cue",
                                           "attribution_note", "mentions")]
    lines = toml_table("statement", fields + ([("occurrence", occurrence)] if occurrence > 1 else []))
    span = suggestions.get(record.get("quote"), {})
    for table in assessments:
        lines += ["", *_assessment(table, decisions, span, reviewer, result, text)]
    return lines


def _assessment(record, decisions, suggested, reviewer, result, text: str) -> list[str]:
    _known(record, "statement.assessment")
    about, stance = record.require("about"), record.require("stance")
    if about not in decisions:
        raise record.error(f"about {about!r} is not a decision of the graph")
    if stance not in STANCES:
        raise record.error(f"stance {stance!r} is not one of {', '.join(STANCES)} (the stance scheme)")
    method = record.require("method")
    if method not in ("suggested", "accepted"):
        raise record.error(f"method {method!r}: a reviewed draft has method = \"suggested\" or \"accepted\"")
    untouched = method == "suggested" and suggested.get(about) == stance
    words = record.get("rests_on")
    rests_on = words if words and words in text else None  # the graph keeps only words found verbatim
    note = record.get("note") or ("suggested by the extractor" if untouched else "reviewed")
    if words and rests_on is None:
        note = f"{note} (cue words: {words})"
    if untouched:
        result.suggested += 1
        fields = [("about", about), ("stance", stance), ("method", "suggested"), ("by", EXTRACTOR),
                  ("confidence", record.get("confidence")), ("rests_on", rests_on)]
    else:
        result.accepted += 1
        fields = [("about", about), ("stance", stance), ("method", "accepted"), ("by", reviewer),
                  ("rests_on", rests_on)]
    return toml_table("statement.assessment", fields + [("note", note)])


def _suggestions(text: str, gazetteer: Gazetteer) -> dict[str, dict[str, str]]:
    """What the extractor suggests for this text: quote → decision → stance (deterministic)."""
    from minegraph.ingest.extract import extract

    return {c.quote: {about: c.stance for about in c.about} for c in extract(text, gazetteer.actors, gazetteer.decisions)}


def _curation(doc: Record, body: list[str]) -> str:
    slug = doc.require("slug")
    head = [toml_comment(f"{doc.require('title')}: accepted from a reviewed draft (minegraph accept)."), ""]
    head += toml_table("document", [
        ("slug", slug), ("prefix", slug), ("class", KINDS[doc.require("kind")]), ("title", doc.get("title")),
        ("url", doc.require("url")), ("date", doc.require("date")), ("language", doc.get("language") or "en"),
        ("publisher", doc.get("publisher")), ("archive", doc.get("archive")), ("sources", [doc.get("url")])], array=False)
    return "\n".join(head + body).rstrip("\n") + "\n"


def _new_actors(actors: list[Record], slug: str) -> str | None:
    if not actors:
        return None
    lines = [toml_comment(f"Actors first named in source:{slug} (minegraph accept)."), ""]
    for actor in actors:
        kind, _, ident = actor.require("id").partition(":")
        table = "person" if kind == "person" else "organisation"
        fields = [("id", ident)] + ([("types", ["Organisation"])] if table == "organisation" else [])
        lines += toml_table(table, fields + [("label", actor.get("label")), ("note", actor.get("as_reported") and
                            f"Introduced as “{actor.get('as_reported')}”."), ("sources", [f"source:{slug}"])]) + [""]
    return "\n".join(lines).rstrip("\n") + "\n"


def accept(project, path: Path, reviewer: str = CURATORS, progress=None) -> Accepted:
    """Check the draft; build and validate it in a scratch copy; then swap in the new curation/ and rebuild graph/.

    curation/ is replaced in one rename (see :func:`minegraph.core.files.replaced_directory`) and so is
    graph/ by the build after it: a kill at any point leaves each wholly old or wholly new, graph/ new
    only once curation/ is. Killed between the two, ``accept`` (or ``build``) run again finishes the job."""
    from minegraph.assemble.builder import build
    from minegraph.core.files import atomic_write, replaced_directory

    curation, actors, result = check_draft(project, path, reviewer=reviewer)
    outputs = {Path("sources") / f"{result.slug}.toml": curation}
    if actors:
        outputs[Path("actors") / f"{result.slug}.toml"] = actors
    folder = project.curation_dir
    with replaced_directory(folder, "accept", keep=tuple(p.name for p in folder.iterdir() if not p.name.startswith("."))) as staged:
        for relative, data in outputs.items():
            atomic_write(staged / relative, data.encode("utf-8"))
            result.written.append(folder / relative)
        _trial(project, staged, path, progress)
    build(project, progress)
    return result


def _trial(project, staged: Path, draft: Path, progress) -> None:
    """Build and validate a scratch project whose curation is ``staged``; CurationError unless it conforms.

    The scratch folder is named like the staging folder, so a run killed here leaves nothing the
    next accept does not remove."""
    from minegraph.assemble.builder import build
    from minegraph.core.project import Project
    from minegraph.validation.sparql import validate_sparql

    trial = Path(f"{staged}-trial")
    try:
        for part in ("ontology", "queries"):
            shutil.copytree(project.root / part, trial / part)
        for part, source in (("graph", project.graph_dir), ("curation", staged)):
            shutil.copytree(source, trial / part, copy_function=os.link)  # both are only ever replaced whole
        try:
            build(Project(trial), progress)
        except MinegraphError as exc:  # named after the draft: the trial folder is gone when the user reads it
            raise CurationError(Path(draft), "the accepted draft would not build: "
                                + str(exc).replace(f"{trial}{os.sep}", "")) from None
        report = validate_sparql(Project(trial))
        if not report.conforms:
            problems = "; ".join(f.message for f in report.findings[:5])
            raise CurationError(Path(draft), f"the accepted draft would not validate: {problems}")
    finally:
        shutil.rmtree(trial, ignore_errors=True)
