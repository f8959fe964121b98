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

from minegraph.ingest.model import Candidate

HEADER = """\
# DRAFT for review: statements the extractor proposes for {slug}.
#
# Nothing here is in the graph until a person has reviewed it and run `minegraph accept` on this file.
# How to review:
#   - Each [[statement]] is a candidate. `quote` is the exact text of the archived source and `start`/`end`
#     its code-point offsets (end exclusive); if you edit the quote, keep it verbatim from the text (the
#     offsets are re-anchored by the quote). Delete a [[statement]] that is not a statement.
#   - `speaker` is an existing actor (kind:slug) when the extractor linked one (`speaker_matched_on` gives
#     the words it matched on), else a proposed [[new_actor]] below: check it, or replace it with an
#     existing actor's IRI and delete the [[new_actor]] table. An empty speaker (one the text does not
#     name, e.g. "a spokesperson") must be filled in. `start`, `end`, `speaker_matched_on`, `role` and
#     `organisation` are review aids: `accept` checks them against the text and the graph.
#   - `mode` is direct (inside quotation marks), partial (a quoted fragment in paraphrase, the sentence
#     is the statement) or paraphrase (attributed reported speech).
#   - Each [[statement.assessment]] is a *suggested* stance toward one decision, with the extractor's
#     confidence and the words it rests on. To confirm one, or after editing `about` or `stance`
#     (support | oppose | neutral), set method = "accepted"; the reviewer becomes its agent. Suggestions
#     left untouched stay method = "suggested". Delete an assessment that does not apply.
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
    from minegraph.core.terminal import visible

    return "# " + visible(text, keep="")


def slugify(text: str) -> str:
    """ASCII slug of a name: Šakalienė -> sakaliene."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "unnamed"


def _new_actor_iri(c: Candidate) -> str:
    kind = "person" if c.speaker_kind in (None, "person") else "organisation"
    return f"{kind}:{slugify(c.speaker or '')}"


def _statement_id(n: int, c: Candidate) -> str:
    who = slugify((c.speaker or "unknown").split()[-1])
    words = "-".join(slugify(c.quote).split("-")[:4])
    return f"{n:02d}-{who}-{words}"


def _statement(n: int, c: Candidate, speaker: str) -> list[str]:
    lines = toml_table("statement", [
        ("id", _statement_id(n, c)), ("speaker", speaker), ("speaker_as_reported", c.speaker_as_reported),
        ("speaker_matched_on", c.matched_on), ("role", c.role), ("organisation", c.organisation),
        ("quote", c.quote), ("start", c.start), ("end", c.end), ("mode", c.mode), ("cue", c.cue)])
    for about in c.about:
        lines.append("")
        lines += toml_table("statement.assessment", [
            ("about", about), ("stance", c.stance), ("method", "suggested"), ("confidence", c.confidence),
            ("rests_on", "; ".join(c.rests_on) or "no cue word"),
            ("note", f"suggested by the extractor from the cue words ({c.cue or 'no attribution cue'})")])
    if not c.about:
        lines.append("# no decision suggested: add [[statement.assessment]] tables if the statement takes a stance")
    return lines


def to_draft(candidates: list[Candidate], document: DraftDocument) -> str:
    """The draft TOML text for `candidates` of `document`; the same input gives the same bytes."""
    out = [HEADER.format(slug=document.slug)]
    out += toml_table("document", [
        ("slug", document.slug), ("title", document.title), ("url", document.url), ("date", document.date),
        ("language", document.language), ("publisher", document.publisher), ("kind", document.kind),
        ("archive", document.archive)], array=False)
    new_actors: dict[str, Candidate] = {}
    body: list[str] = []
    for n, c in enumerate(candidates, 1):
        if c.speaker_iri:
            speaker = c.speaker_iri
        elif c.speaker and c.speaker[:1].isupper():
            speaker = _new_actor_iri(c)
            new_actors.setdefault(speaker, c)
        else:
            speaker = ""
        body += ["", *_statement(n, c, speaker)]
    for iri, c in sorted(new_actors.items()):
        out += ["", *toml_table("new_actor", [
            ("id", iri), ("label", c.speaker), ("kind", iri.split(":", 1)[0]), ("role", c.role),
            ("organisation", c.organisation), ("as_reported", c.speaker_as_reported),
            ("note", "proposed by the extractor: no actor of the graph matched this name")])]
    out += ["", "# ------------------------------------------------------------------ statements", *body]
    return "\n".join(out).rstrip("\n") + "\n"


def write_draft(path: str | Path, candidates: list[Candidate], document: DraftDocument) -> Path:
    """Write the draft atomically (a temporary file in the same folder, then a rename)."""
    from minegraph.core.files import atomic_write

    return atomic_write(Path(path), to_draft(candidates, document).encode("utf-8"))
