"""Candidates -> a draft curation TOML file for review (the format of curation/sources/*.toml).

A reviewed draft is a curation file: `minegraph build` stays the one road to graph/. Stances are
[[statement.assessment]] sub-tables with method = "suggested"; the reviewer confirms or edits them
(method = "accepted"). Output is deterministic and written atomically.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from minegraph.core.document_kinds import KINDS
from minegraph.core.terminal import visible
from minegraph.ingest.capacity import ROLES, role_concept
from minegraph.ingest.model import Candidate

HEADER = """\
# DRAFT for review: statements the extractor proposes for {slug}.
#
# Nothing here is in the graph until a person has reviewed it and run `minegraph accept` on this file.
# accept REQUIRES (it reports every problem at once, naming the line):
#   - the document table: slug, title, url, date, publisher (an actor of the graph or a [[new_actor]] below), kind
#     ({kinds}) and archive; leave original_* and media_type as ingest wrote them.
#   - every [[statement]]: `speaker` an actor IRI of the graph or the `id` of a [[new_actor]] below (never
#     empty); `quote` verbatim from the archived text (if you edit it, the offsets are re-anchored by the
#     quote); `mode` direct | partial | paraphrase; and AT LEAST ONE [[statement.assessment]] with
#     `about` (a decision IRI, listed below), `stance` (support | oppose | neutral) and `method`.
#   - every [[new_actor]]: `id` (person:slug or organisation:slug, not already in the graph) and `label`.
# How to review:
#   - Delete a [[statement]] that is not a statement, a [[new_actor]] no statement uses.
#   - An assessment you leave untouched stays method = "suggested" (the extractor's, with its confidence and
#     the words it rests_on); set method = "accepted" to confirm one, or after editing about or stance
#     (you become its agent). Delete an assessment that does not apply, add one per further decision.
#   - A [[new_actor]] person's `capacity_role` and `capacity_organisation` (an organisation IRI) become
#     their membership, and the capacity of their statements, when you keep both; delete them to record
#     none. Roles: {roles}.
#   - `start`, `end`, `speaker_matched_on`, `role` and `organisation` are review aids.
# Decisions a statement may be about:
{decisions}
"""


@dataclass(frozen=True)
class DraftDocument:
    """The source document the draft is for (the [document] table)."""

    slug: str
    title: str
    url: str
    date: str
    publisher: str
    archive: str
    language: str = "en"
    kind: str = "news"
    original_sha256: str | None = None
    media_type: str | None = None
    original_file: str | None = None
    publisher_label: str | None = None  # set when the publisher is a new actor to propose


def _toml_str(value: str) -> str:
    out = ['"']
    for ch in value:
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ord(ch) < 0x20 or ord(ch) == 0x7F or 0xD800 <= ord(ch) <= 0xDFFF:
            out.append(f"\\u{ord(ch):04X}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def _value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    return _toml_str(str(value))


_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


def toml_table(name: str, fields: list[tuple[str, object]], array: bool = True) -> list[str]:
    """A TOML table's lines: every value written as a TOML value (strings escaped), never pasted."""
    assert all(_BARE_KEY.fullmatch(part) for part in name.split(".")), name
    lines = [f"[[{name}]]" if array else f"[{name}]"]
    lines += [f"{_key(k)} = {_value(v)}" for k, v in fields if v is not None]
    return lines


def _key(key: str) -> str:
    return key if _BARE_KEY.fullmatch(key) else _toml_str(key)


def toml_comment(text: str) -> str:
    """A one-line TOML comment of any text: a line break or another control in it cannot end the comment."""
    return "# " + visible(text, keep="")


def slugify(text: str) -> str:
    """ASCII slug of a name: Šakalienė -> sakaliene."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "unnamed"


def _new_actor_iri(c: Candidate) -> str:
    kind = "person" if c.speaker_kind in (None, "person") else "organisation"
    return f"{kind}:{slugify(c.speaker or '')}"


def statement_id(n: int, speaker: str, quote: str) -> str:
    """`NN-surname-first-words-of-quote`: a readable, stable id for the n-th statement of a draft."""
    who = slugify((speaker.split(":", 1)[-1] or "unknown").split()[-1] if speaker.strip() else "unknown")
    words = "-".join(slugify(quote).split("-")[:4])
    return f"{n:02d}-{who}-{words}"


def _statement_id(n: int, c: Candidate) -> str:
    return statement_id(n, c.speaker or "unknown", c.quote)


def _statement(n: int, c: Candidate, speaker: str) -> list[str]:
    lines = toml_table(
        "statement",
        [
            ("id", _statement_id(n, c)),
            ("speaker", speaker),
            ("speaker_as_reported", c.speaker_as_reported),
            ("speaker_matched_on", c.matched_on),
            ("role", c.role),
            ("organisation", c.organisation),
            ("quote", c.quote),
            ("start", c.start),
            ("end", c.end),
            ("mode", c.mode),
            ("cue", c.cue),
        ],
    )
    if not speaker:
        lines.insert(
            1, "# REQUIRED: the text does not name this speaker; set speaker to an actor IRI or a [[new_actor]] id"
        )
    for about in c.about:
        lines.append("")
        lines += toml_table(
            "statement.assessment",
            [
                ("about", about),
                ("stance", c.stances.get(about, c.stance)),
                ("method", "suggested"),
                ("confidence", c.confidence),
                ("rests_on", "; ".join(c.rests_on) or "no cue word"),
                ("note", f"suggested by the extractor from the cue words ({c.cue or 'no attribution cue'})"),
            ],
        )
    if not c.about:
        lines.append(
            "# REQUIRED before accept: add a [[statement.assessment]] (about = a decision listed at the top, "
            'stance, method = "accepted"), or delete this statement'
        )
    return lines


@dataclass(frozen=True)
class Gazette:
    """What the draft needs of the graph: decision IRIs with labels, organisations by folded name, actor IRIs."""

    decisions: tuple[tuple[str, str], ...] = ()
    organisations: tuple[tuple[str, str], ...] = ()
    actors: frozenset[str] = frozenset()

    def organisation(self, name: str) -> tuple[str, bool]:
        """The IRI of the organisation named `name` and whether the graph has it (else a proposed IRI)."""
        found = dict(self.organisations).get(name.casefold().strip())
        return (found, True) if found else (f"organisation:{slugify(name)}", False)


def _new_actors(
    candidates: list[Candidate], speakers: list[str], document: DraftDocument, gazette: Gazette
) -> list[str]:
    """[[new_actor]] tables: the publisher when new, each new speaker, the organisation of a new capacity."""
    tables: dict[str, list[tuple[str, object]]] = {}
    hints: dict[str, str] = {}
    if document.publisher_label:
        tables[document.publisher] = [
            ("id", document.publisher),
            ("label", document.publisher_label),
            ("kind", "organisation"),
            ("note", "proposed by ingest: the publisher is not an actor of the graph"),
        ]
    for c, speaker in zip(candidates, speakers):
        if not speaker or c.speaker_iri or speaker in tables or speaker in gazette.actors:
            continue
        fields = [
            ("id", speaker),
            ("label", c.speaker),
            ("kind", speaker.split(":", 1)[0]),
            ("role", c.role),
            ("organisation", c.organisation),
            ("as_reported", c.speaker_as_reported),
        ]
        role = role_concept(c.role) if speaker.startswith("person:") else None
        if role and c.organisation:
            org, known = gazette.organisation(c.organisation)
            fields += [("capacity_role", role), ("capacity_organisation", org)]
            if not known and org not in tables:
                tables[org] = [
                    ("id", org),
                    ("label", c.organisation),
                    ("kind", "organisation"),
                    ("note", f"proposed by the extractor as the organisation of {c.speaker}"),
                ]
        tables[speaker] = fields + [("note", "proposed by the extractor: no actor of the graph matched this name")]
        if role and not c.organisation:
            hints[speaker] = (
                f'# capacity: add capacity_role = "{role}" and capacity_organisation = <the body\'s IRI> '
                "to record this person's membership"
            )
    out: list[str] = []
    for iri in sorted(tables):
        out += ["", *toml_table("new_actor", tables[iri])] + ([hints[iri]] if iri in hints else [])
    return out


def to_draft(candidates: list[Candidate], document: DraftDocument, gazette: Gazette | None = None) -> str:
    """The draft TOML text for `candidates` of `document`; the same input gives the same bytes."""
    gazette = gazette or Gazette()

    listed = (
        "\n".join(toml_comment(f"  {iri}  ({label})") for iri, label in gazette.decisions) or "#   (none in the graph)"
    )
    out = [HEADER.format(slug=document.slug, kinds=" | ".join(KINDS), roles=", ".join(ROLES), decisions=listed)]
    out += toml_table(
        "document",
        [
            ("slug", document.slug),
            ("title", document.title),
            ("url", document.url),
            ("date", document.date),
            ("language", document.language),
            ("publisher", document.publisher),
            ("kind", document.kind),
            ("archive", document.archive),
            ("original_file", document.original_file),
            ("original_sha256", document.original_sha256),
            ("media_type", document.media_type),
        ],
        array=False,
    )
    speakers = [
        c.speaker_iri or (_new_actor_iri(c) if c.speaker and c.speaker[:1].isupper() else "") for c in candidates
    ]
    out += _new_actors(candidates, speakers, document, gazette)
    body: list[str] = []
    for n, (c, speaker) in enumerate(zip(candidates, speakers), 1):
        body += ["", *_statement(n, c, speaker)]
    out += ["", "# ------------------------------------------------------------------ statements", *body]
    return "\n".join(out).rstrip("\n") + "\n"


def write_draft(
    path: str | Path, candidates: list[Candidate], document: DraftDocument, gazette: Gazette | None = None
) -> Path:
    """Write the draft atomically (a temporary file in the same folder, then a rename)."""
    # lazy: ~30 ms of imports, only on this path
    from minegraph.core.files import atomic_write

    return atomic_write(Path(path), to_draft(candidates, document, gazette).encode("utf-8"))
