"""One curated source document → its graph: the document, its archived text, the documents
it quotes, the votes it reports, its statements and claims, and reviews of its claims.

Input is ``curation/sources/<slug>.toml`` (format documented at the top of the seed
article's file); output is ``graph/<slug>.ttl``. Documents are described in the shared
source registry (``graph/sources.ttl``), everything else in this part. A document without an
archived text (no ``archive``) carries only reported positions (``mode = "reported"``): the
curators' summary of what the page says, never a quote; its ``rights`` are the reuse terms the
publisher states (or "not found").
"""

from __future__ import annotations

from pathlib import Path

from rdflib import RDFS, XSD, Graph, Literal, URIRef

from minegraph.assemble.parts.assertions import AssertionSpec, StanceAssessmentSpec, add_assertion
from minegraph.assemble.rdf import cite, dates, describe, new_graph, text
from minegraph.assemble.records import Record, Resolver, load_toml, records, single
from minegraph.assemble.source_registry import SOURCE_KINDS
from minegraph.core.anchors import QuoteNotFound
from minegraph.core.files import sha256_file
from minegraph.core.namespaces import DCTERMS, MG, SCHEMA, iri

DOCUMENT_CLASSES = {"NewsArticle", "Report", "OfficialStatement", "LegalText", "DataFile", "WebPage", "Compilation"}

#: TOML keys copied into AssertionSpec fields unchanged.
_PLAIN = (
    "speaker_as_reported",
    "cue",
    "attribution_note",
    "after",
    "measure",
    "value",
    "qualifier",
    "unit",
    "period",
    "user_kind",
    "certainty",
    "mode",
    "quote",
    "occurrence",
    "summary",
)  # occurrence: the n-th match of a quote that occurs more than once (written by minegraph accept)
_DATES = ("date", "earliest", "latest", "as_of")
_REFS = ("speaker", "capacity", "used_by", "place")


def source_files(project) -> list[Path]:
    """The curated sources, one TOML file each."""
    return sorted((project.curation_dir / "sources").glob("*.toml"))


def reserve_documents(context, paths: list[Path]) -> None:
    """Tell the source registry, before any part cites a URL, which curated file describes the page at it."""
    for path in paths:
        document, lines = load_toml(path)
        head = single(document, lines, path, "document")
        if head.get("url"):
            context.sources.reserve(head.get("url"), iri("source", head.require("slug")))


def build_source(context, path: Path) -> Graph:
    """The graph of one curated source."""
    document, lines = load_toml(path)
    resolve = Resolver(context.sources, context.references)
    head = single(document, lines, path, "document")
    g = new_graph()
    doc, archive, archived_text = _document(context, resolve, head, g)
    if archive is None:  # known from its page only: where it is and what its publisher allows
        head.require("url"), head.require("rights")
    for record in records(document, lines, path, "document_cited"):
        _document(context, resolve, record, g)
    for record in records(document, lines, path, "vote"):
        _vote(g, record, resolve)
    prefix = head.get("prefix") or head.require("slug")
    groups = document.get("groups", {})
    claim_groups = document.get("claim_groups", {})
    assessment_lines = iter(n for n, line in enumerate(lines, 1) if line.strip() == "[[statement.assessment]]")
    for table in ("statement", "claim"):
        for record in records(document, lines, path, table):
            spec = _spec(record, table, prefix, doc, resolve, groups, claim_groups)
            if table == "statement":
                spec.assessments = _assessments(record, resolve, groups, assessment_lines)
                spec.about = list(dict.fromkeys(a.decision for a in spec.assessments))
            if spec.reported and not (spec.date or spec.earliest or spec.latest):
                # a reported position is dated by its page (or the page's bounds) unless it says otherwise
                spec.date, spec.earliest, spec.latest = head.date("date"), head.date("earliest"), head.date("latest")
            try:
                add_assertion(g, spec, archive, archived_text)
            except QuoteNotFound as exc:
                raise record.error(f"{record.get('id')}: {exc} in graph/sources/{head.require('archive')}") from None
            except ValueError as exc:
                raise record.error(f"{record.get('id')}: {exc}") from None
    for record in records(document, lines, path, "review"):
        _review(g, record, resolve, prefix)
    return g


def _document(context, resolve: Resolver, record: Record, part: Graph) -> tuple[URIRef, URIRef | None, str | None]:
    """Register a document in the source registry (its archived text, if any, goes in ``part``);
    returns it, its archive and the archived text."""
    cls = record.require("class")
    if cls not in DOCUMENT_CLASSES:
        raise record.error(f"class must be one of {sorted(DOCUMENT_CLASSES)}, not {cls!r}")
    if record.get("kind") and record.get("kind") not in SOURCE_KINDS:
        raise record.error(f"kind must be one of {', '.join(SOURCE_KINDS)}, not {record.get('kind')!r}")
    doc = context.sources.register(
        record.require("slug"),
        MG[cls],
        title=record.require("title"),
        url=record.get("url"),
        date=record.date("date"),
        kind=record.get("kind"),
        language=record.get("language"),
        publisher=resolve.ref(record, record.get("publisher")) if record.get("publisher") else None,
    )
    g = context.sources.graph
    dates(g, doc, earliest=record.date("earliest"), latest=record.date("latest"))
    if record.get("note"):
        g.add((doc, RDFS.comment, text(record.get("note"))))
    if record.get("rights"):
        g.add((doc, DCTERMS.rights, text(record.get("rights"))))
    if record.get("author"):
        g.add((doc, SCHEMA.author, resolve.ref(record, record.get("author"))))
    if record.get("part_of"):
        g.add((doc, DCTERMS.isPartOf, resolve.ref(record, record.get("part_of"))))
    for cited in resolve.refs(record, "cites"):
        g.add((doc, MG.cites, cited))
    cite(g, doc, resolve.refs(record, "sources"))
    if not record.get("archive"):
        return doc, None, None
    file_name = record.get("archive")
    path = context.project.graph_dir / "sources" / file_name
    if not path.is_file():
        raise record.error(f"archived text graph/sources/{file_name} does not exist")
    archive = iri("archive", file_name)
    g.add((doc, MG.archivedText, archive))
    content = path.read_bytes().decode("utf-8")
    _describe_archive(part, archive, path, content)
    return doc, archive, content


def _describe_archive(g: Graph, archive: URIRef, path: Path, content: str) -> None:
    """The mg:ArchivedText node: path under graph/, SHA-256 of the bytes, length in code points."""
    describe(g, archive, [MG.ArchivedText], f"Archived text: {path.name}")
    g.add((archive, MG.path, Literal(f"sources/{path.name}")))
    g.add((archive, MG.sha256, Literal(sha256_file(path))))
    g.add((archive, MG.characterCount, Literal(len(content), datatype=XSD.nonNegativeInteger)))
    media = "application/json" if path.suffix == ".json" else "text/plain"
    g.add((archive, DCTERMS.format, Literal(f"{media}; charset=utf-8")))


def _vote(g: Graph, record: Record, resolve: Resolver) -> None:
    node = iri("event", record.require("id"))
    describe(g, node, [MG.ParliamentaryVote], record.require("label"))
    g.add((node, MG.actor, resolve.ref(record, record.require("actor"))))
    g.add((node, MG.voteOn, resolve.ref(record, record.require("vote_on"))))
    g.add((node, MG.outcome, resolve.concept(record, "vote-outcome", record.require("outcome"))))
    g.add((node, MG.votingMethod, resolve.concept(record, "voting-method", record.require("method"))))
    if record.get("votes_for") is not None:
        g.add((node, MG.votesFor, Literal(int(record.get("votes_for")), datatype=XSD.nonNegativeInteger)))
    if record.get("place"):
        g.add((node, MG.place, resolve.ref(record, record.get("place"))))
    if record.get("unverified"):  # why no page but the citing one was found to state it
        g.add((node, MG.sourcesUnverified, Literal(True)))
        g.add((node, RDFS.comment, text(record.get("unverified"))))
    dates(g, node, exact=record.date("date"), earliest=record.date("earliest"), latest=record.date("latest"))
    cite(g, node, resolve.refs(record, "sources"))


def _spec(
    record: Record, table: str, prefix: str, doc: URIRef, resolve: Resolver, groups: dict, claim_groups: dict
) -> AssertionSpec:
    """An AssertionSpec from a [[statement]] or [[claim]] record (with its claim group's shared fields)."""
    data = dict(record.data)
    if data.get("group"):
        if data["group"] not in claim_groups:
            raise record.error(f"unknown claim group {data['group']!r}")
        data = {**claim_groups[data["group"]], **data}
    merged = Record(data, record.path, record.line, record.table)
    fields: dict = {key: merged.get(key) for key in _PLAIN if merged.get(key) is not None}
    fields.update({key: merged.date(key) for key in _DATES if merged.get(key) is not None})
    fields.update({key: resolve.ref(merged, merged.get(key)) for key in _REFS if merged.get(key)})
    for key in ("speaker", "mode") if merged.get("mode") == "reported" else ("speaker", "quote", "mode"):
        merged.require(key)
    kind = "statement" if table == "statement" else merged.require("type")
    if table == "statement" and (merged.get("stance") or merged.get("about")):
        raise merged.error(
            f"{merged.get('id')}: stance and about belong in [[statement.assessment]] tables, "
            "one per decision or @group (about, stance, method, note)"
        )
    origin = merged.get("quoted_from") or merged.get("derived_from")
    if origin:
        fields["quoted_from"] = resolve.ref(merged, origin)
    if merged.get("derived_from_statement"):
        fields["derived_from_statement"] = iri("statement", f"{prefix}-{merged.get('derived_from_statement')}")
    try:
        return AssertionSpec(
            kind=kind,
            slug=f"{prefix}-{merged.require('id')}",
            appears_in=doc,
            mentions=resolve.refs(merged, "mentions"),
            **fields,
        )
    except (TypeError, KeyError) as exc:
        raise record.error(str(exc)) from None


def _assessments(statement: Record, resolve: Resolver, groups: dict, starts) -> list[StanceAssessmentSpec]:
    """The ``[[statement.assessment]]`` tables of a statement, a @group expanded to one per decision."""
    tables = statement.get("assessment") or []
    if not isinstance(tables, list) or not tables:
        raise statement.error(
            f"{statement.get('id')}: a statement needs at least one [[statement.assessment]] "
            "(about, stance, method, note)"
        )
    found: list[StanceAssessmentSpec] = []
    for table in tables:
        record = Record(table, statement.path, next(starts, statement.line), "statement.assessment")
        unknown = sorted(set(table) - {"about", "stance", "method", "note", "by", "confidence", "rests_on"})
        if unknown:
            raise record.error(f"unknown field(s) {', '.join(unknown)}")
        if record.get("method") == "suggested" and not record.get("by"):
            raise record.error('a suggested assessment must name who suggested it (by = "organisation:…")')
        by = {"by": resolve.ref(record, record.get("by"))} if record.get("by") else {}
        for decision in _about(record, resolve, groups):
            try:
                found.append(
                    StanceAssessmentSpec(
                        decision=decision,
                        stance=record.require("stance"),
                        method=record.require("method"),
                        note=record.require("note"),
                        confidence=record.get("confidence"),
                        rests_on=record.get("rests_on"),
                        **by,
                    )
                )
            except ValueError as exc:
                raise record.error(str(exc)) from None
    towards = [a.decision for a in found]
    repeated = sorted({str(d) for d in towards if towards.count(d) > 1})
    if repeated:
        raise statement.error(f"{statement.get('id')}: more than one assessment toward {', '.join(repeated)}")
    return found


def _about(record: Record, resolve: Resolver, groups: dict) -> list[URIRef]:
    about = record.require("about")
    if isinstance(about, str) and about.startswith("@"):
        if about[1:] not in groups:
            raise record.error(f"unknown decision group {about!r}")
        about = groups[about[1:]]
    return [resolve.ref(record, value) for value in (about if isinstance(about, list) else [about])]


def _review(g: Graph, record: Record, resolve: Resolver, prefix: str) -> None:
    claim_id = record.require("claim")
    node = iri("review", f"{prefix}-{claim_id}")
    claim = iri("claim", f"{prefix}-{claim_id}")
    describe(g, node, [MG.ClaimReview], f"Review of claim {claim_id}: {record.require('assessment')}")
    g.add((node, MG.reviews, claim))
    g.add((node, MG.assessment, resolve.concept(record, "assessment", record.require("assessment"))))
    g.add((node, MG.assessmentText, Literal(record.require("as_written"))))
    g.add((node, SCHEMA.reviewBody, text(record.require("body"))))
    if record.get("reference_value") is not None:
        g.add((node, MG.referenceValue, Literal(str(record.get("reference_value")), datatype=XSD.decimal)))
    cite(g, node, resolve.refs(record, "sources"))
