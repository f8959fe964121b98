"""The provenance card of one statement or claim: its evidence level, the quote in its archived context (or, for a
reported position, the curators' summary and the rights the source's publisher states), the speaker and their
role at the time, each decision with its stance assessments (stance, method, assessor, why), the source document with the archive's SHA-256 and the quote's
character offsets (both checked against the file under ``graph/``), and the chain of derivation to the
original document and its publishing body. Everything comes from SPARQL queries on the store.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path

from rdflib import URIRef

from minegraph.core.files import sha256_file
from minegraph.errors import TraceError
from minegraph.provenance.select import select
from minegraph.queries.library import internal_query
from minegraph.queries.run import execute
from minegraph.querylang.terms import compact


@dataclass
class Document:
    """A link of the chain of derivation: a source document, how the statement relates to it, who published it."""

    iri: str
    relation: str
    title: str | None = None
    type: str | None = None
    publisher: str | None = None
    publisher_label: str | None = None
    published: str | None = None
    url: str | None = None


@dataclass
class StatementCard:
    """Everything the graph says about one statement (or claim) and where it comes from."""

    iri: str
    kind: str
    quote: str | None
    label: str | None
    language: str | None
    mode: str | None
    evidence: str | None
    summary: str | None
    rights: str | None
    cue: str | None
    attribution_note: str | None
    speaker: dict
    speaker_as_reported: str | None
    role: dict | None
    about: list[dict]
    assessments: list[dict]
    date: dict
    source: Document
    archive: dict
    context: dict
    chain: list[Document]
    nodes: dict = field(default_factory=dict, repr=False)

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "StatementCard":
        """The card back from :meth:`to_dict` (as an entity page gets it from its worker)."""
        fields = dict(data)
        fields["source"] = Document(**fields["source"])
        fields["chain"] = [Document(**d) for d in fields["chain"]]
        return cls(**fields)


def _traced_nodes(iri: str, row: dict, linked: list[dict], chain: list) -> dict[str, list[str]]:
    """The nodes of a statement's traced subgraph: described in full (``full``) or by type and labels only
    (``brief``)."""
    own = ("selector", "membership", "interval", "instant", "assessment")
    named = ("about", "stance", "mode", "organisation")
    return {
        "full": sorted(
            {
                iri,
                row["anchor"],
                row["archive"],
                *[d.iri for d in chain],
                *[r["iri"] for r in linked if r["relation"] in own],
            }
            - {None}
        ),
        "brief": sorted(
            {
                row["speaker"],
                *[r["iri"] for r in linked if r["relation"] in named],
                *[d.publisher for d in chain if d.publisher],
            }
        ),
    }


def statement_card(store, iri: str, project) -> StatementCard:
    """The provenance card of a statement or claim; context from the archived text under ``graph/``."""
    node = URIRef(iri)
    rows = select(store, "statement-card", node=node)
    if not rows:
        raise TraceError(f"{compact(iri)} has no speaker and source document: not a traceable statement")
    row = rows[0]
    quote_terms = execute(internal_query("statement-quote"), {"node": node}, store).terms
    linked = select(store, "statement-card-nodes", node=node)
    chain = _chain(store, node)
    archive = {
        "iri": row["archive"],
        "path": row["path"],
        "sha256": row["sha256"],
        "start": row["start"],
        "end": row["end"],
        "exact": row["exact"],
    }
    archive.update(_check_archive(project, archive))
    nodes = _traced_nodes(iri, row, linked, chain)
    about = {
        r["iri"]: r["label"]
        for r in sorted(linked, key=lambda r: (r["iri"], str(r["label"])))
        if r["relation"] == "about"
    }
    return StatementCard(
        iri=iri,
        kind="statement" if row["isStatement"] else "claim",
        quote=row["quote"],
        label=row["label"],
        language=getattr(quote_terms[0]["q"], "language", None) if quote_terms else None,
        mode=row["mode"],
        evidence=row["evidence"],
        summary=row["summary"],
        rights=row["rights"],
        cue=row["cue"],
        attribution_note=row["note"],
        speaker={"iri": row["speaker"], "label": row["speakerLabel"]},
        speaker_as_reported=row["asReported"],
        role=_role(store, node, URIRef(row["speaker"])),
        about=[{"iri": k, "label": v} for k, v in about.items()],
        assessments=_assessments(store, node),
        date=_date(row),
        source=chain[0],
        archive=archive,
        context=_context(project, archive),
        chain=chain,
        nodes=nodes,
    )


def _date(row: dict) -> dict:
    if row["said"]:
        return {"date": row["said"].isoformat(), "basis": "date of the statement"}
    if row["earliest"] or row["latest"]:
        bounds = " to ".join(d.isoformat() for d in (row["earliest"], row["latest"]) if d)
        return {"date": bounds, "basis": "bounds of the statement's date"}
    if row["published"]:
        return {"date": row["published"].isoformat(), "basis": "publication date of the source"}
    return {"date": None, "basis": "no date in the graph"}


def _assessments(store, node: URIRef) -> list[dict]:
    """The stance assessments of a statement (none for a claim), ordered by decision."""
    return [
        {
            "iri": r["assessment"],
            "decision": r["decision"],
            "decision_label": r["decisionLabel"],
            "stance": r["stance"],
            "method": r["method"],
            "assessor": r["assessor"],
            "assessor_label": r["assessorLabel"],
            "confidence": float(r["confidence"]) if r["confidence"] is not None else None,
            "note": r["note"],
            "rests_on": r["restsOn"],
        }
        for r in select(store, "statement-assessments", node=node)
    ]


def _role(store, node: URIRef, speaker: URIRef) -> dict | None:
    rows = select(store, "statement-speaker-role", node=node)
    if rows:
        row = rows[0]
        period = {key: row[key].isoformat() for key in ("begin", "end", "inside", "before") if row[key]}
        return {
            "membership": row["membership"],
            "role": row["role"],
            "organisation": row["organisation"],
            "organisation_label": row["organisationLabel"],
            "period": period,
        }
    rows = select(store, "speaker-identity", speaker=speaker)
    if not rows:
        return None
    if rows[0]["organisation"]:
        return {
            "post_in": rows[0]["organisation"],
            "organisation_label": rows[0]["organisationLabel"],
            "role": rows[0]["role"],
            "holder": None,
        }
    return {"members": [{"iri": r["member"], "label": r["memberLabel"]} for r in rows if r["member"]]}


def _chain(store, node: URIRef) -> list[Document]:
    chain: dict[str, Document] = {}
    for row in select(store, "statement-derivation-chain", node=node):
        if row["document"] in chain:
            continue  # first (lowest) step wins: a report cited by the article and derived from is listed once
        chain[row["document"]] = Document(
            iri=row["document"],
            relation=row["relation"],
            title=row["title"],
            type=row["typeLabel"],
            publisher=row["publisher"],
            publisher_label=row["publisherLabel"],
            published=row["published"].isoformat() if row["published"] else None,
            url=row["url"],
        )
    return list(chain.values())


def _archive_text(project, path: str | None) -> tuple[Path | None, str | None]:
    """The archived file and its text; a path that leaves graph/sources/ (``../../etc/passwd``, a
    symbolic link out) is never read: the card then says the file was not found."""
    if not path:
        return None, None
    sources = (Path(project.graph_dir) / "sources").resolve()
    file = Path(project.graph_dir) / path
    if not file.resolve().is_relative_to(sources):
        return None, None
    try:
        return file, file.read_text(encoding="utf-8")
    except OSError:
        return file, None


def _check_archive(project, archive: dict) -> dict:
    """Whether the archived file is there, has the recorded SHA-256, and holds the quote at the offsets."""
    file, text = _archive_text(project, archive["path"])
    if text is None:
        return {"file": str(file) if file else None, "sha256_matches": None, "offsets_match": None}
    start, end = archive["start"], archive["end"]
    return {
        "file": str(file),
        "sha256_matches": sha256_file(file) == archive["sha256"],
        "offsets_match": None if start is None or archive["exact"] is None else text[start:end] == archive["exact"],
    }


def _context(project, archive: dict) -> dict:
    """The quote's line split around it, with the nearest non-empty line before and after."""
    _, text = _archive_text(project, archive["path"])
    start, end = archive["start"], archive["end"]
    if text is None or start is None or end is None:
        return {}
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    before = [line for line in text[:line_start].splitlines() if line.strip()]
    after = [line for line in text[line_end:].splitlines() if line.strip()]
    return {
        "previous_line": before[-1] if before else "",
        "before": text[line_start:start],
        "quote": text[start:end],
        "after": text[end:line_end],
        "next_line": after[0] if after else "",
    }
