"""Source files into the plain text that is archived: a UTF-8 text as it is, the main text of a web page
(trafilatura, boilerplate removed), the text of a PDF (pypdf). The original's SHA-256 and media type are
kept with the text, a page's or PDF's own title, date and site become defaults for the document, and a
text that does not read as English is refused (the extractor's word lists are English)."""

from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass
from pathlib import Path

from minegraph.errors import InputError

MEDIA_TYPES = {
    ".txt": "text/plain",
    ".html": "text/html",
    ".htm": "text/html",
    ".xhtml": "application/xhtml+xml",
    ".pdf": "application/pdf",
}
SUFFIXES = tuple(MEDIA_TYPES)
# The commonest English function words; in English prose they are a third or more of the words.
_ENGLISH = frozenset(
    """the of and to a in is that for it as was with be by on not he she this are or his her
from at which but have an they you were their has had been its would will there we our who said also than
more could all them these after over such only into other can should may""".split()
)
_WORD = re.compile(r"[^\W\d_]+")
ENGLISH_SHARE = 0.15  # below this share of common English words a text is taken as not English
_SENTENCE_END = re.compile(r"[.!?:;…\"'”’)]$")


@dataclass(frozen=True)
class Loaded:
    """A source file read for archiving: its text, the original's media type and SHA-256, its own metadata."""

    text: str
    media_type: str
    sha256: str
    title: str | None = None
    date: str | None = None
    site: str | None = None
    url: str | None = None

    @property
    def converted(self) -> bool:
        """True when the archived text is not the file itself but the text drawn from it."""
        return self.media_type != "text/plain"


def media_type(path: Path, data: bytes) -> str:
    """The media type of a source file, from its first bytes, else from its suffix."""
    head = data[:512].lstrip().lower()
    if data.startswith(b"%PDF-"):
        return "application/pdf"
    if head.startswith((b"<!doctype html", b"<html")) or b"<html" in head:
        return "text/html"
    return MEDIA_TYPES.get(path.suffix.lower(), "text/plain")


def load(path: str | Path) -> Loaded:
    """Read a .txt, .html or .pdf source; InputError naming the file when it cannot be read or is not English."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(path, f"cannot read file: {exc.strerror}") from None
    digest = hashlib.sha256(data).hexdigest()
    kind = media_type(path, data)
    if kind == "application/pdf":
        loaded = _pdf(path, data, digest)
    elif kind in ("text/html", "application/xhtml+xml"):
        loaded = _html(path, data, digest, kind)
    else:
        loaded = Loaded(_utf8(path, data), kind, digest)
    check_english(path, loaded.text)
    return loaded


def _utf8(path: Path, data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            path, f"not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start})", line=line
        ) from None


def _html(path: Path, data: bytes, digest: str, kind: str) -> Loaded:
    try:  # lazy: trafilatura is optional (the ingest extra), for web pages only
        import trafilatura
        from trafilatura.metadata import extract_metadata
    except ImportError:
        raise InputError(path, "reading web pages needs trafilatura: pip install 'minegraph[ingest]'") from None
    page = data.decode("utf-8", errors="replace")
    body = trafilatura.extract(
        page, include_comments=False, include_tables=False, favor_precision=True, output_format="txt"
    )
    if not body or not body.strip():
        raise InputError(path, "no main text found in this web page")
    meta = extract_metadata(page)
    return Loaded(
        tidy(body.replace("\n", "\n\n")),
        kind,
        digest,
        title=meta.title or None,
        date=_iso(meta.date),
        site=meta.sitename or None,
        url=meta.url if meta.url and meta.url.startswith("http") else None,
    )


def _pdf(path: Path, data: bytes, digest: str) -> Loaded:
    try:  # lazy: pypdf is optional (the ingest extra), for PDFs only
        from pypdf import PdfReader
        from pypdf.errors import PyPdfError
    except ImportError:
        raise InputError(path, "reading PDFs needs pypdf: pip install 'minegraph[ingest]'") from None

    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
        info = reader.metadata
    except (PyPdfError, ValueError, KeyError) as exc:
        raise InputError(path, f"not a readable PDF ({exc})") from None
    text = "\n\n".join(unwrap(p) for p in pages if p.strip())
    if not text.strip():
        raise InputError(path, "this PDF has no text layer (a scan?); nothing to extract")
    created = info.creation_date if info is not None else None
    return Loaded(
        tidy(text),
        "application/pdf",
        digest,
        title=(info.title if info is not None else None) or None,
        date=created.date().isoformat() if created else None,
    )


def unwrap(page: str) -> str:
    """Join the lines a PDF wraps inside a paragraph; a line ending a sentence, or a blank line, ends one."""
    out: list[str] = []
    for line in (raw.strip() for raw in page.splitlines()):
        if not line:
            if out and out[-1] != "":
                out.append("")
            continue
        if out and out[-1] and not _SENTENCE_END.search(out[-1]):
            joiner = "" if out[-1].endswith("-") and line[:1].islower() else " "
            out[-1] = out[-1] + joiner + line
        elif out and out[-1] and line[:1].islower():
            out[-1] = out[-1] + " " + line
        else:
            if out and out[-1]:
                out.append("")
            out.append(line)
    return "\n".join(out).strip()


def tidy(text: str) -> str:
    """One blank line between paragraphs, no trailing spaces, one final newline."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"


def _iso(value: str | None) -> str | None:
    m = re.match(r"\d{4}-\d{2}-\d{2}", value or "")
    return m.group() if m else None


def english_share(text: str) -> float:
    """The share of the text's words that are common English function words."""
    found = [w.lower() for w in _WORD.findall(text)]
    return sum(w in _ENGLISH for w in found) / len(found) if found else 0.0


def check_english(path: Path, text: str) -> None:
    """InputError unless the text reads as English (short texts of under 20 words are let through)."""
    if len(_WORD.findall(text)) < 20:
        return
    share = english_share(text)
    if share < ENGLISH_SHARE:
        raise InputError(
            path,
            f"this text does not read as English (only {share:.0%} of its words are common "
            "English words); the extractor reads English only — translate it first",
        )
