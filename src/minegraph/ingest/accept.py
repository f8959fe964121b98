"""``minegraph accept DRAFT``: a reviewed draft becomes a curation file, then the graph is rebuilt and validated.

The draft is checked first — every field known, every quote in the archived text (re-anchored by
the quote when the reviewer moved it), every IRI in the graph or proposed in a [[new_actor]] table,
stances in the scheme — and then built and validated in a scratch copy of the project. Only when
that conforms are ``curation/sources/<slug>.toml`` (and ``curation/actors/<slug>.toml`` for new
actors) written and the real graph rebuilt: a draft with mistakes changes nothing.

Each record's check and its TOML: :mod:`minegraph.ingest.reviewed`.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from minegraph.assemble.records import Record, load_toml
from minegraph.core.files import atomic_write, contained, replaced_directory
from minegraph.core.project import Project
from minegraph.errors import CurationError, MinegraphError, shown
from minegraph.ingest.draft import toml_comment, toml_table
from minegraph.ingest.extract import extract
from minegraph.ingest.problems import Problems
from minegraph.ingest.reviewed import Accepted, Draft, check_actor, known_fields, membership_id, one_of, statement_lines
from minegraph.ingest.workflow import KINDS, Gazetteer, read_text

CURATORS = "organisation:minegraph-curators"


def check_draft(
    project, path: Path, gazetteer: Gazetteer | None = None, reviewer: str = CURATORS
) -> tuple[str, str | None, Accepted]:
    """The curation text (and new-actors text) of a reviewed draft; one CurationError naming every problem
    (line and field, with "did you mean" where a known name is close)."""
    draft = Draft(path)
    problems = Problems(path)
    doc = draft.document
    with problems.collect():
        known_fields(doc, "document")
    slug, archive = doc.require("slug"), doc.require("archive")
    if contained(project.curation_dir / "sources", f"{slug}.toml" if isinstance(slug, str) else None) is None:
        raise doc.error(
            f"slug {shown(str(slug))} is not a slug: lower-case letters, digits and hyphens (as ingest makes it)"
        )
    with problems.collect():
        one_of(doc, "kind", KINDS, "a kind of document (" + ", ".join(KINDS) + ")")
    archive_path = contained(project.graph_dir / "sources", archive)
    if archive_path is None or not archive_path.is_file() or archive_path.is_symlink():
        raise doc.error(
            f"archive {shown(str(archive))} is not a text ingest archived (a file graph/sources/<slug>.txt)"
        )
    _, text = read_text(archive_path)
    gazetteer = gazetteer or Gazetteer(project)
    known = {a.iri for a in gazetteer.actors}
    proposed = {a.get("id") for a in draft.actors if a.get("id")}
    again = _introduced(project, slug)
    for actor in draft.actors:
        with problems.collect():
            check_actor(actor, known - again, known | proposed)
    decisions = {d.iri for d in gazetteer.decisions}
    with problems.collect():
        one_of(doc, "publisher", known | proposed, "an actor of the graph nor a [[new_actor]] of this draft")
    suggestions = _suggestions(text, gazetteer)
    result = Accepted(slug)
    body = []
    capacities = {a.get("id"): membership_id(a) for a in draft.actors if membership_id(a)}
    for statement, assessments in zip(draft.statements, draft.assessments):
        body += [
            "",
            *statement_lines(
                statement,
                assessments,
                text,
                archive,
                known | proposed,
                decisions,
                suggestions,
                reviewer,
                result,
                problems,
                capacities,
            ),
        ]
    problems.raise_if_any()
    result.statements = len(draft.statements)
    return _curation(doc, body), _new_actors(draft.actors, slug, doc.get("date")), result


def _introduced(project, slug: str) -> set[str]:
    """The actors an earlier accept of this draft wrote (so accepting it again, e.g. after a kill, is no error)."""
    path = project.curation_dir / "actors" / f"{slug}.toml"
    if not path.is_file():
        return set()
    data, _ = load_toml(path)
    return {f"{table}:{entry.get('id')}" for table in ("person", "organisation") for entry in data.get(table, [])}


def _suggestions(text: str, gazetteer: Gazetteer) -> dict[str, dict[str, str]]:
    """What the extractor suggests for this text: quote → decision → stance (deterministic)."""
    return {
        c.quote: {about: c.stances.get(about, c.stance) for about in c.about}
        for c in extract(text, gazetteer.actors, gazetteer.decisions)
    }


def _curation(doc: Record, body: list[str]) -> str:
    slug = doc.require("slug")
    head = [toml_comment(f"{doc.require('title')}: accepted from a reviewed draft (minegraph accept)."), ""]
    head += toml_table(
        "document",
        [
            ("slug", slug),
            ("prefix", slug),
            ("class", KINDS[doc.require("kind")]),
            ("title", doc.get("title")),
            ("url", doc.require("url")),
            ("date", doc.require("date")),
            ("language", doc.get("language") or "en"),
            ("publisher", doc.get("publisher")),
            ("archive", doc.get("archive")),
            ("original_file", doc.get("original_file")),
            ("original_sha256", doc.get("original_sha256")),
            ("media_type", doc.get("media_type")),
            ("sources", [doc.get("url")]),
        ],
        array=False,
    )
    return "\n".join(head + body).rstrip("\n") + "\n"


def _new_actors(actors: list[Record], slug: str, date: str | None) -> str | None:
    """The actors first named by this source, and the membership of each whose capacity the reviewer kept."""
    if not actors:
        return None
    lines = [toml_comment(f"Actors first named in source:{slug} (minegraph accept)."), ""]
    memberships: list[str] = []
    for actor in actors:
        kind, _, ident = actor.require("id").partition(":")
        table = "person" if kind == "person" else "organisation"
        fields = [("id", ident)] + ([("types", ["Organisation"])] if table == "organisation" else [])
        lines += toml_table(
            table,
            fields
            + [
                ("label", actor.get("label")),
                ("note", actor.get("as_reported") and f"Introduced as “{actor.get('as_reported')}”."),
                ("sources", [f"source:{slug}"]),
            ],
        ) + [""]
        membership = membership_id(actor)
        if membership:
            memberships += toml_table(
                "membership",
                [
                    ("id", membership.partition(":")[2]),
                    ("member", actor.get("id")),
                    ("organisation", actor.get("capacity_organisation")),
                    ("role", actor.get("capacity_role")),
                    ("held_on", date),
                    ("note", f"Capacity as reported: “{actor.get('as_reported') or actor.get('label')}”."),
                    ("sources", [f"source:{slug}"]),
                ],
            ) + [""]
    return "\n".join(lines + memberships).rstrip("\n") + "\n"


def accept(project, path: Path, reviewer: str = CURATORS, progress=None) -> Accepted:
    """Check the draft; build and validate it in a scratch copy; then swap in the new curation/ and rebuild graph/.

    curation/ is replaced in one rename (see :func:`minegraph.core.files.replaced_directory`) and so is
    graph/ by the build after it: a kill at any point leaves each wholly old or wholly new, graph/ new
    only once curation/ is. Killed between the two, ``accept`` (or ``build``) run again finishes the job."""
    # lazy: ~30 ms of imports, only on this path
    from minegraph.assemble.builder import build

    curation, actors, result = check_draft(project, path, reviewer=reviewer)
    outputs = {Path("sources") / f"{result.slug}.toml": curation}
    if actors:
        outputs[Path("actors") / f"{result.slug}.toml"] = actors
    folder = project.curation_dir
    with replaced_directory(
        folder, "accept", keep=tuple(p.name for p in folder.iterdir() if not p.name.startswith("."))
    ) as staged:
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
    # lazy: ~30 ms of imports, only on this path
    from minegraph.assemble.builder import build

    # lazy: ~80 ms of imports, only on this path
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
            raise CurationError(
                Path(draft), "the accepted draft would not build: " + str(exc).replace(f"{trial}{os.sep}", "")
            ) from None
        report = validate_sparql(Project(trial))
        if not report.conforms:
            problems = "; ".join(f.message for f in report.findings[:5])
            raise CurationError(Path(draft), f"the accepted draft would not validate: {problems}")
    finally:
        shutil.rmtree(trial, ignore_errors=True)
