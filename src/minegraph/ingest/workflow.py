"""The road of a new source into the graph: archive the text, extract, write a draft for review.

``ingest_file`` archives the text under ``graph/sources/`` (a UTF-8 text byte for byte, a web page or PDF
as its main text, the original's SHA-256 and media type in the draft; refusing a text whose SHA-256 is
already archived), runs the extractor against the project's actors and decisions, and writes a draft
under ``drafts/``. Nothing else is written until ``minegraph accept``.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from minegraph.core.document_kinds import KINDS
from minegraph.core.files import atomic_write, sha256_file
from minegraph.errors import InputError
from minegraph.ingest.documents import SUFFIXES, Loaded, load
from minegraph.ingest.draft import DraftDocument, Gazette, slugify, write_draft
from minegraph.ingest.extract import extract
from minegraph.ingest.gazetteer import actors_from_graph, decisions_from_graph, open_store
from minegraph.ingest.model import Candidate

_FIELDS = ("url", "title", "publisher", "date", "lang", "kind")


@dataclass(frozen=True)
class SourceMeta:
    """What the analyst says of a text: where it was published, by whom, when."""

    url: str
    title: str
    publisher: str
    date: str
    lang: str = "en"
    kind: str = "news"

    def check(self, where: Path) -> "SourceMeta":
        """This metadata, or InputError naming ``where`` and the field at fault."""
        if not self.url.startswith(("http://", "https://")):
            raise InputError(where, f"url {self.url!r} is not an http(s) URL")
        for name in ("title", "publisher"):
            if not getattr(self, name).strip():
                raise InputError(where, f"{name} is empty")
        try:
            _dt.date.fromisoformat(self.date)
        except (TypeError, ValueError):
            raise InputError(where, f"date {self.date!r} is not an ISO date (YYYY-MM-DD)") from None
        if self.kind not in KINDS:
            raise InputError(where, f"kind {self.kind!r} is not one of {', '.join(KINDS)}")
        return self


@dataclass(frozen=True)
class Ingested:
    """One ingested text: its slug, archived copy, draft and candidate statements."""

    slug: str
    archive: Path
    draft: Path
    candidates: list[Candidate]


def read_text(path: Path) -> tuple[bytes, str]:
    """The bytes and the text of a UTF-8 file; InputError naming the first bad byte otherwise."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise InputError(path, f"cannot read file: {exc.strerror}") from None
    try:
        return data, data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            path, f"not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start})", line=line
        ) from None


def meta_from_json(path: Path) -> SourceMeta:
    """The sidecar ``.json`` of a text in a folder ingest: url, title, publisher, date[, lang, kind]."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(path, f"cannot read the metadata file: {exc.strerror}") from None
    except json.JSONDecodeError as exc:
        raise InputError(path, exc.msg, line=exc.lineno, column=exc.colno) from None
    if not isinstance(data, dict):
        raise InputError(path, "the metadata must be a JSON object")
    unknown = sorted(set(data) - set(_FIELDS) - {"language", "note", "gold"})
    if unknown:
        raise InputError(path, f"unknown field(s) {', '.join(unknown)}; expected {', '.join(_FIELDS)}")
    missing = [k for k in ("url", "title", "publisher", "date") if not isinstance(data.get(k), str)]
    if missing:
        raise InputError(path, f"missing or non-text field(s): {', '.join(missing)}")
    return SourceMeta(
        data["url"],
        data["title"],
        data["publisher"],
        data["date"],
        data.get("lang") or data.get("language") or "en",
        data.get("kind", "news"),
    )


def archived_with(project, digest: str) -> Path | None:
    """The archived text with this SHA-256, if any."""
    for path in sorted((project.graph_dir / "sources").glob("*")):
        if path.is_file() and sha256_file(path) == digest:
            return path
    return None


def source_slug(project, meta: SourceMeta) -> str:
    """``<publisher>-<date>-<first words of the title>``, unique among archived texts and curated sources."""
    base = "-".join(
        filter(None, [slugify(meta.publisher)[:30], meta.date, "-".join(slugify(meta.title).split("-")[:5])])
    )
    slug, n = base, 2
    while (project.graph_dir / "sources" / f"{slug}.txt").exists() or (
        project.curation_dir / "sources" / f"{slug}.toml"
    ).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


class Gazetteer:
    """The project's actors and decisions, read once for a whole folder of texts."""

    def __init__(self, project):
        store = open_store(project.root)
        self.actors = actors_from_graph(store)
        self.decisions = decisions_from_graph(store)
        self.publishers = {a.label.casefold(): a.iri for a in self.actors if a.kind == "organisation"}
        for actor in self.actors:
            for alias in actor.aliases:
                self.publishers.setdefault(alias.casefold(), actor.iri)
        self.iris = frozenset(a.iri for a in self.actors)
        self.gazette = Gazette(
            tuple((d.iri, d.label) for d in sorted(self.decisions, key=lambda d: d.iri)),
            tuple(sorted(self.publishers.items())),
            self.iris,
        )

    def publisher(self, name: str) -> str:
        """The publisher's actor IRI when the graph knows it, else a proposed organisation IRI."""
        return self.publishers.get(name.casefold().strip()) or f"organisation:{slugify(name)}"


def complete_meta(path: Path, loaded: Loaded, **given) -> SourceMeta:
    """The document's metadata: what the analyst gave, else the page's or PDF's own (title, date, site, URL);
    InputError naming every field still missing."""
    values = {
        "url": given.get("url") or loaded.url,
        "title": given.get("title") or loaded.title,
        "publisher": given.get("publisher") or loaded.site,
        "date": given.get("date") or loaded.date,
    }
    missing = [f"--{k}" for k, v in values.items() if not v]
    if missing:
        found = "" if not loaded.converted else " (the file itself does not say)"
        raise InputError(
            path, f"a single text needs {', '.join(missing)}{found}, or ingest a folder with sidecar .json files"
        )
    return SourceMeta(
        values["url"],
        values["title"],
        values["publisher"],
        values["date"],
        given.get("lang") or "en",
        given.get("kind") or "news",
    )


def ingest_file(
    project,
    path: Path,
    meta: SourceMeta,
    gazetteer: Gazetteer | None = None,
    drafts_dir: Path | None = None,
    loaded: Loaded | None = None,
) -> Ingested:
    """Archive ``path`` (a web page or PDF as its main text), extract its statements and write the draft."""
    path = Path(path)
    meta.check(path)
    if meta.lang.split("-")[0].lower() != "en":
        raise InputError(path, f"language {meta.lang!r}: the extractor reads English only — translate the text first")
    loaded = loaded or load(path)
    text = loaded.text
    data = text.encode("utf-8")
    existing = archived_with(project, hashlib.sha256(data).hexdigest())
    if existing is not None:
        raise InputError(
            path,
            f"this text is already archived as graph/sources/{existing.name} "
            f"(source:{existing.stem}); not ingested again",
        )
    gazetteer = gazetteer or Gazetteer(project)
    slug = source_slug(project, meta)
    candidates = extract(text, gazetteer.actors, gazetteer.decisions)
    publisher = gazetteer.publisher(meta.publisher)
    document = DraftDocument(
        slug=slug,
        title=meta.title,
        url=meta.url,
        date=meta.date,
        publisher=publisher,
        publisher_label=None if publisher in gazetteer.iris else meta.publisher.strip(),
        archive=f"{slug}.txt",
        language=meta.lang,
        kind=meta.kind,
        original_sha256=loaded.sha256,
        media_type=loaded.media_type,
        original_file=path.name if loaded.converted else None,
    )
    draft = write_draft(
        (drafts_dir or project.root / "drafts") / f"{slug}.toml", candidates, document, gazetteer.gazette
    )
    archive = atomic_write(project.graph_dir / "sources" / f"{slug}.txt", data)
    return Ingested(slug, archive, draft, candidates)


def texts_of(folder: Path) -> list[tuple[Path, Path]]:
    """Every ``.txt``, ``.html`` or ``.pdf`` of a folder with its sidecar ``.json``; InputError naming one without,
    or a text or sidecar that is a symbolic link leading out of the folder."""
    pairs = []
    inside = Path(folder).resolve()
    for text in sorted(p for p in Path(folder).iterdir() if p.suffix.lower() in SUFFIXES and p.is_file()):
        sidecar = text.with_suffix(".json")
        if not sidecar.is_file():
            raise InputError(text, f"no metadata file {sidecar.name} beside it")
        for path in (text, sidecar):
            if path.resolve().parent != inside:  # a symlink to a file elsewhere: it would be archived and published
                raise InputError(
                    path,
                    "is a symbolic link leading out of the folder; a folder ingest reads only "
                    "the folder's own files (copy the file in to ingest it)",
                )
        pairs.append((text, sidecar))
    if not pairs:
        raise InputError(folder, "no .txt, .html or .pdf files to ingest")
    return pairs


def ingest_folder(
    project, folder: Path, progress: Callable[[int, int, str], None] | None = None, drafts_dir: Path | None = None
) -> Iterable[Ingested]:
    """Ingest every text of ``folder`` (all metadata checked first, so a bad sidecar stops nothing half-way)."""
    pairs = [(text, meta_from_json(sidecar).check(sidecar)) for text, sidecar in texts_of(folder)]
    gazetteer = Gazetteer(project)
    for index, (text, meta) in enumerate(pairs, 1):
        if progress:
            progress(index, len(pairs), text.name)
        yield ingest_file(project, text, meta, gazetteer, drafts_dir)
