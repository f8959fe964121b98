"""A draft as the review page sees it, and the page's edits written back as the same TOML draft.

The file stays the one source of truth: `view` reads it (with the archived text and the choices a reviewer
has: actors, decisions, stances, modes), `save` writes the edited statements back in the draft's format
(the header and [document] as they were) atomically, then runs accept's checks and returns every problem.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from minegraph.core.files import atomic_write
from minegraph.errors import CurationError, InputError
from minegraph.ingest.draft import slugify, statement_id, toml_table
from minegraph.ingest.reviewed import ACTOR_FIELDS, ASSESSMENT_FIELDS, MODES, STANCES, STATEMENT_FIELDS
from minegraph.ingest.workflow import Gazetteer, read_text


def _read(path: Path) -> tuple[str, dict]:
    try:
        raw = Path(path).read_text(encoding="utf-8")
        return raw, tomllib.loads(raw)
    except OSError as exc:
        raise InputError(path, f"cannot read the draft: {exc.strerror}") from None
    except tomllib.TOMLDecodeError as exc:
        raise InputError(path, f"not a TOML draft ({exc})") from None


def _archived(project, data: dict, path: Path) -> str:
    archive = (data.get("document") or {}).get("archive")
    if not archive:
        raise InputError(path, "the draft's [document] names no archive")
    return read_text(project.graph_dir / "sources" / Path(archive).name)[1]


def view(project, path: Path, gazetteer: Gazetteer | None = None) -> dict:
    """The draft, its archived text and the reviewer's choices, as plain JSON-able data."""
    _, data = _read(path)
    text = _archived(project, data, path)
    gazetteer = gazetteer or Gazetteer(project)
    statements = []
    for s in data.get("statement", []):
        item = {k: s[k] for k in STATEMENT_FIELDS if k in s}
        start = s.get("start")
        if not (isinstance(start, int) and text[start : start + len(s.get("quote", ""))] == s.get("quote")):
            found = text.find(s.get("quote", ""))  # offsets re-anchored by the quote, as accept does
            start = found if found >= 0 else None
        item["start"], item["end"] = start, (start + len(s.get("quote", ""))) if start is not None else None
        item["assessments"] = [{k: a[k] for k in ASSESSMENT_FIELDS if k in a} for a in s.get("assessment", [])]
        statements.append(item)
    proposed = [{k: a[k] for k in ACTOR_FIELDS if k in a} for a in data.get("new_actor", [])]
    known = sorted(
        (
            {"iri": a.iri, "label": a.label}
            for a in gazetteer.actors
            if a.kind in ("person", "organisation", "post", "state")
        ),
        key=lambda a: a["label"].casefold(),
    )
    return {
        "document": data.get("document", {}),
        "text": text,
        "statements": statements,
        "new_actors": proposed,
        "actors": known,
        "decisions": [{"iri": d.iri, "label": d.label} for d in sorted(gazetteer.decisions, key=lambda d: d.iri)],
        "stances": list(STANCES),
        "modes": list(MODES),
        "path": str(Path(path).resolve()),
    }


def _header(raw: str) -> str:
    """The draft's leading comment block (kept as ingest wrote it)."""
    lines = []
    for line in raw.splitlines():
        if line.startswith("["):
            break
        lines.append(line)
    return "\n".join(lines).rstrip("\n")


def _statement_tables(n: int, item: dict, text: str, path: Path) -> list[str]:
    quote, start, end = item.get("quote"), item.get("start"), item.get("end")
    if not isinstance(start, int) or not isinstance(end, int) or not 0 <= start < end <= len(text):
        raise InputError(path, f"statement {n}: the span {start}..{end} is not inside the archived text")
    if quote != text[start:end]:
        raise InputError(path, f"statement {n}: the quote is not the archived text at {start}..{end}")
    fields = {
        **item,
        "id": item.get("id") or statement_id(n, item.get("speaker_label") or item.get("speaker") or "", quote),
    }
    lines = toml_table(
        "statement", [(k, fields.get(k)) for k in STATEMENT_FIELDS if fields.get(k) not in (None, "") or k == "speaker"]
    )
    if not fields.get("speaker"):
        lines.insert(
            1, "# REQUIRED: the text does not name this speaker; set speaker to an actor IRI or a [[new_actor]] id"
        )
    for a in item.get("assessments", []):
        lines += [
            "",
            *toml_table(
                "statement.assessment", [(k, a.get(k)) for k in ASSESSMENT_FIELDS if a.get(k) not in (None, "")]
            ),
        ]
    return lines


def _new_actor_tables(edited: dict, statements: list[dict]) -> list[str]:
    """The proposed actors the edited statements still use (or that are a publisher or a capacity's body), plus
    any new speaker the reviewer typed ("new:Name")."""
    actors = {a["id"]: dict(a) for a in edited.get("new_actors", []) if a.get("id")}
    for s in statements:
        speaker = s.get("speaker") or ""
        if speaker.startswith("new:"):
            name = speaker[4:].strip()
            iri = f"person:{slugify(name)}"
            actors.setdefault(
                iri, {"id": iri, "label": name, "kind": "person", "note": "proposed by the reviewer on the review page"}
            )
            s["speaker"], s["speaker_label"] = iri, name
    used = {s.get("speaker") for s in statements} | {(edited.get("document") or {}).get("publisher")}
    used |= {a.get("capacity_organisation") for a in actors.values() if a["id"] in used}
    out: list[str] = []
    for iri in sorted(i for i in actors if i in used):
        out += [
            "",
            *toml_table(
                "new_actor", [(k, actors[iri].get(k)) for k in ACTOR_FIELDS if actors[iri].get(k) not in (None, "")]
            ),
        ]
    return out


def render(raw: str, data: dict, edited: dict, text: str, path: Path) -> str:
    """The TOML draft of the edited statements, with the original header and [document]."""
    statements = sorted((dict(s) for s in edited.get("statements", [])), key=lambda s: s.get("start") or 0)
    out = [_header(raw), ""]
    out += toml_table("document", list(data.get("document", {}).items()), array=False)
    out += _new_actor_tables({**edited, "document": data.get("document", {})}, statements)
    out += ["", "# ------------------------------------------------------------------ statements"]
    for n, item in enumerate(statements, 1):
        out += ["", *_statement_tables(n, item, text, path)]
    return "\n".join(out).rstrip("\n") + "\n"


def save(project, path: Path, edited: dict) -> dict:
    """Write the page's edits as the draft (atomically), then report accept's problems, all at once."""
    # lazy: pulls in rdflib (~170 ms), only on this path
    from minegraph.ingest.accept import check_draft

    raw, data = _read(path)
    text = _archived(project, data, path)
    if not isinstance(edited, dict) or not isinstance(edited.get("statements"), list):
        raise InputError(path, "the page sent no list of statements")
    atomic_write(Path(path), render(raw, data, edited, text, path).encode("utf-8"))
    try:
        check_draft(project, Path(path))
        problems: list[str] = []
    except CurationError as err:
        problems = [line.strip() for line in str(err).splitlines() if line.strip()]
    return {"saved": str(Path(path).resolve()), "problems": problems}
