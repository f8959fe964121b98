"""A reviewed draft's records, each checked (every field known, every quote in the archived text, every
IRI known, stances in the scheme) and written as the curation TOML of :mod:`minegraph.ingest.accept`.

Assessments the reviewer did not touch (method and stance as the extractor suggested them) stay
``suggested``, attributed to the extractor; edited or confirmed ones become ``accepted``, attributed
to the reviewer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from minegraph.assemble.records import Record, load_toml, records, single
from minegraph.errors import CurationError
from minegraph.ingest.capacity import ROLES
from minegraph.ingest.draft import toml_table
from minegraph.ingest.problems import Problems, did_you_mean

EXTRACTOR = "organisation:minegraph-extractor"
STANCES = ("support", "oppose", "neutral")
MODES = ("direct", "partial", "paraphrase")
#: A draft statement's own fields and an assessment's, in the order a draft writes them.
STATEMENT_FIELDS = (
    "id",
    "speaker",
    "speaker_as_reported",
    "speaker_matched_on",
    "role",
    "organisation",
    "quote",
    "start",
    "end",
    "mode",
    "cue",
    "attribution_note",
    "mentions",
)
ASSESSMENT_FIELDS = ("about", "stance", "method", "confidence", "rests_on", "note")
#: A new actor's fields, in the order the review page shows them.
ACTOR_FIELDS = (
    "id",
    "label",
    "kind",
    "role",
    "organisation",
    "as_reported",
    "capacity_role",
    "capacity_organisation",
    "note",
)
#: The draft's tables and the fields each may hold (review aids are checked, then dropped).
FIELDS = {
    "document": {
        "slug",
        "title",
        "url",
        "date",
        "language",
        "publisher",
        "kind",
        "archive",
        "original_file",
        "original_sha256",
        "media_type",
    },
    "new_actor": set(ACTOR_FIELDS),
    "statement": {*STATEMENT_FIELDS, "assessment", "capacity"},
    "statement.assessment": set(ASSESSMENT_FIELDS),
}


@dataclass
class Accepted:
    """What accept wrote and found."""

    slug: str
    written: list[Path] = field(default_factory=list)
    statements: int = 0
    suggested: int = 0
    accepted: int = 0


def known_fields(record: Record, table: str) -> None:
    unknown = sorted(set(record.data) - FIELDS[table])
    if unknown:
        hints = "".join(did_you_mean(u, FIELDS[table]) for u in unknown)
        raise record.error(
            f"unknown field(s) {', '.join(unknown)}{hints}; a {table} may hold {', '.join(sorted(FIELDS[table]))}"
        )


def one_of(record: Record, key: str, allowed, what: str) -> str:
    """The record's value for `key`, which must be one of `allowed` (error with a "did you mean")."""
    value = record.require(key)
    if value not in allowed:
        raise record.error(f"{key} {value!r} is not {what}{did_you_mean(value, allowed)}")
    return value


def quote_occurrence(record: Record, text: str, archive: str) -> int:
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


class Draft:
    """A parsed draft with its located records."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.data, self.lines = load_toml(self.path)
        unknown = sorted(set(self.data) - {"document", "new_actor", "statement"})
        if unknown:
            raise CurationError(self.path, f"unknown table(s) {', '.join(unknown)}")
        self.document = single(self.data, self.lines, self.path, "document")  # its fields: check_draft
        self.actors = list(records(self.data, self.lines, self.path, "new_actor", kind_ids=True))
        self.statements = list(records(self.data, self.lines, self.path, "statement"))
        starts = iter(n for n, line in enumerate(self.lines, 1) if line.strip() == "[[statement.assessment]]")
        self.assessments = [
            [Record(t, self.path, next(starts, s.line), "statement.assessment") for t in (s.get("assessment") or [])]
            for s in self.statements
        ]


def check_actor(actor: Record, taken: set[str], actors: set[str]) -> None:
    known_fields(actor, "new_actor")
    actor.require("label")
    iri = actor.require("id")
    if iri in taken:
        raise actor.error(f"{iri} is already an actor of the graph: delete this [[new_actor]]")
    if actor.get("capacity_role") or actor.get("capacity_organisation"):
        one_of(actor, "capacity_role", ROLES, "a role of the role scheme")
        one_of(actor, "capacity_organisation", actors, "an actor of the graph nor a [[new_actor]] of this draft")


def membership_id(actor: Record) -> str | None:
    """The membership a new person's kept capacity becomes (`membership:<person>-<body>-<role>`), if any."""
    kind, _, ident = str(actor.get("id") or "").partition(":")
    role, organisation = actor.get("capacity_role"), actor.get("capacity_organisation")
    if kind != "person" or not (role and organisation):
        return None
    return f"membership:{ident}-{str(organisation).partition(':')[2]}-{role}"


def statement_lines(
    record,
    assessments,
    text,
    archive,
    actors,
    decisions,
    suggestions,
    reviewer,
    result,
    problems: Problems,
    capacities: dict[str, str],
) -> list[str]:
    with problems.collect():
        known_fields(record, "statement")
    with problems.collect():
        one_of(record, "speaker", actors, "an actor of the graph nor a [[new_actor]] of this draft")
    with problems.collect():
        one_of(record, "mode", MODES, "one of " + ", ".join(MODES))
    occurrence = 1
    with problems.collect():
        occurrence = quote_occurrence(record, text, archive)
    if not assessments:
        problems.found.append(
            record.error(f"{record.get('id')}: no [[statement.assessment]]: say which decision it is about and how")
        )
    fields = [
        (k, record.get(k))
        for k in ("id", "speaker", "speaker_as_reported", "quote", "mode", "cue", "attribution_note", "mentions")
    ]
    fields.insert(2, ("capacity", record.get("capacity") or capacities.get(record.get("speaker"))))
    lines = toml_table("statement", fields + ([("occurrence", occurrence)] if occurrence > 1 else []))
    span = suggestions.get(record.get("quote"), {})
    for table in assessments:
        lines += ["", *_assessment(table, decisions, span, reviewer, result, text, problems)]
    return lines


def _assessment(record, decisions, suggested, reviewer, result, text: str, problems: Problems) -> list[str]:
    checks = [
        (lambda: known_fields(record, "statement.assessment")),
        (lambda: one_of(record, "about", decisions, "a decision of the graph")),
        (lambda: one_of(record, "stance", STANCES, f"one of {', '.join(STANCES)} (the stance scheme)")),
        (
            lambda: one_of(
                record, "method", ("suggested", "accepted"), 'one a reviewed draft has ("suggested" or "accepted")'
            )
        ),
    ]
    before = len(problems.found)
    for check in checks:
        with problems.collect():
            check()
    if len(problems.found) > before:
        return []
    about, stance, method = record.get("about"), record.get("stance"), record.get("method")
    untouched = method == "suggested" and suggested.get(about) == stance
    words = record.get("rests_on")
    rests_on = words if words and words in text else None  # the graph keeps only words found verbatim
    note = record.get("note") or ("suggested by the extractor" if untouched else "reviewed")
    if words and rests_on is None:
        note = f"{note} (cue words: {words})"
    if untouched:
        result.suggested += 1
        fields = [
            ("about", about),
            ("stance", stance),
            ("method", "suggested"),
            ("by", EXTRACTOR),
            ("confidence", record.get("confidence")),
            ("rests_on", rests_on),
        ]
    else:
        result.accepted += 1
        fields = [
            ("about", about),
            ("stance", stance),
            ("method", "accepted"),
            ("by", reviewer),
            ("rests_on", rests_on),
        ]
    return toml_table("statement.assessment", fields + [("note", note)])
