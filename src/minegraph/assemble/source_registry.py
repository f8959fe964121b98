"""Source documents: every fact's source is a document IRI with a URL (and a date where known).

A :class:`SourceRegistry` hands out one stable IRI per URL (``id/source/<readable-slug>-<hash>``),
typed and ranked from the reference's source-quality table, and collects the documents the
build cites so that ``graph/sources.ttl`` describes exactly those. Key documents (the seed
article, the Landmine Monitor reports) are registered with hand-chosen slugs.
"""

from __future__ import annotations

import csv
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef

from minegraph.core.namespaces import DCTERMS, MG, SCHEMA, concept, iri, slugify
from minegraph.errors import InputError

#: source_quality.csv kind -> (source-kind concept slug, document class)
KIND_CLASSES = {
    "depositary": ("depositary", MG.OfficialStatement),
    "government": ("government", MG.OfficialStatement),
    "parliament": ("parliament", MG.OfficialStatement),
    "treaty-body": ("treaty-body", MG.OfficialStatement),
    "intergovernmental": ("intergovernmental", MG.OfficialStatement),
    "ngo": ("ngo", MG.OfficialStatement),
    "wire/major press": ("wire-major-press", MG.NewsArticle),
    "regional press": ("regional-press", MG.NewsArticle),
    "aggregator/mirror": ("aggregator-mirror", MG.WebPage),
    "forum/blog": ("forum-blog", MG.WebPage),
    "code/data repository": ("code-data-repository", MG.DataFile),
}
#: Every concept of the source-kind scheme: the table's kinds plus those only curated files use.
SOURCE_KINDS = tuple(sorted({slug for slug, _ in KIND_CLASSES.values()} | {"news-outlet", "compilation"}))

_URL_DATE = (
    re.compile(r"/(20\d\d|19\d\d)/(0[1-9]|1[0-2])/(0[1-9]|[12]\d|3[01])(?:/|$)"),
    re.compile(r"(?<![0-9])(20\d\d|19\d\d)-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(?![0-9])"),
)


def url_slug(url: str) -> str:
    """A readable, stable slug for a URL: host and path, plus 6 hex digits of its SHA-1."""
    parts = urlsplit(url)
    host = parts.netloc.lower().removeprefix("www.")
    readable = slugify(f"{host} {parts.path} {parts.query}", max_length=72)
    return f"{readable}-{hashlib.sha1(url.encode('utf-8')).hexdigest()[:6]}"


def date_in_url(url: str) -> str | None:
    """An ISO date written in the URL's path (``/2025/12/01/`` or ``2025-06-28``), if any."""
    path = urlsplit(url).path
    for pattern in _URL_DATE:
        match = pattern.search(path)
        if match:
            return "-".join(match.groups())
    return None


@dataclass(frozen=True)
class SourceQuality:
    """One row of source_quality.csv."""

    url: str
    kind: str
    publisher: str
    rank: int
    notes: str


def read_source_quality(path: Path) -> dict[str, SourceQuality]:
    """The source-quality table by URL; errors name the file and line."""
    table: dict[str, SourceQuality] = {}
    with open(path, newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        for row in reader:
            line = reader.line_num
            if row["kind"] not in KIND_CLASSES:
                raise InputError(path, f"unknown source kind {row['kind']!r}", line=line)
            try:
                rank = int(row["rank"])
            except ValueError:
                raise InputError(path, f"rank {row['rank']!r} is not an integer", line=line) from None
            table[row["url"]] = SourceQuality(row["url"], row["kind"], row["publisher"], rank, row["notes"])
    return table


@dataclass
class SourceRegistry:
    """Hands out source-document IRIs and remembers which documents the graph cites."""

    quality: dict[str, SourceQuality] = field(default_factory=dict)
    graph: Graph = field(default_factory=Graph)
    _by_url: dict[str, URIRef] = field(default_factory=dict)

    @classmethod
    def from_reference(cls, reference_dir: Path) -> "SourceRegistry":
        return cls(quality=read_source_quality(reference_dir / "source_quality.csv"))

    def register(
        self,
        slug: str,
        cls_: URIRef,
        *,
        title: str,
        url: str | None = None,
        date: str | None = None,
        publisher: URIRef | None = None,
        kind: str | None = None,
        rank: int | None = None,
        language: str | None = None,
    ) -> URIRef:
        """Describe a key document under a chosen slug; later :meth:`cite` of its URL returns it."""
        doc = iri("source", slug)
        g = self.graph
        g.add((doc, RDF.type, cls_))
        g.add((doc, RDFS.label, Literal(title, lang="en")))
        g.add((doc, DCTERMS.title, Literal(title, lang="en")))
        if url:
            g.add((doc, SCHEMA.url, Literal(url, datatype=XSD.anyURI)))
            self._by_url[url] = doc
        if date:
            g.add((doc, SCHEMA.datePublished, Literal(date, datatype=XSD.date)))
            g.add((doc, MG.dateBasis, concept("date-basis", "stated")))
        if publisher is not None:
            g.add((doc, SCHEMA.publisher, publisher))
        if kind:
            g.add((doc, MG.sourceKind, concept("source-kind", kind)))
        if rank is not None:
            g.add((doc, MG.authorityRank, Literal(rank)))
        if language:
            g.add((doc, DCTERMS.language, Literal(language)))
        return doc

    def reserve(self, url: str, doc: URIRef) -> None:
        """Promise that ``doc`` (a curated source file's document, built after the parts) is the
        document at ``url``, so a part citing the URL first points at it rather than at a second node;
        its rank in the source-quality table goes on now, as parts pick preferred sources by rank."""
        self._by_url[url.strip()] = doc
        info = self.quality.get(url.strip())
        if info is not None:
            self.graph.add((doc, SCHEMA.url, Literal(url.strip(), datatype=XSD.anyURI)))
            self.graph.add((doc, MG.authorityRank, Literal(info.rank)))

    def cite(self, url: str) -> URIRef:
        """The IRI of the document at ``url``, described from the source-quality table."""
        url = url.strip()
        if url in self._by_url:
            return self._by_url[url]
        if not re.match(r"^https?://", url):
            raise ValueError(f"not an http(s) URL: {url!r}")
        doc = iri("source", url_slug(url))
        self._by_url[url] = doc
        g = self.graph
        info = self.quality.get(url)
        kind_slug, cls_ = KIND_CLASSES[info.kind] if info else (None, MG.WebPage)
        g.add((doc, RDF.type, cls_))
        g.add((doc, SCHEMA.url, Literal(url, datatype=XSD.anyURI)))
        label = f"{info.publisher}: {url}" if info and info.publisher else url
        g.add((doc, RDFS.label, Literal(label, lang="en")))
        if info:
            g.add((doc, MG.sourceKind, concept("source-kind", kind_slug)))
            g.add((doc, MG.authorityRank, Literal(info.rank)))
            if info.publisher:
                g.add((doc, MG.publisherName, Literal(info.publisher)))
            if info.notes:
                g.add((doc, RDFS.comment, Literal(info.notes, lang="en")))
        published = date_in_url(url)
        if published:
            g.add((doc, SCHEMA.datePublished, Literal(published, datatype=XSD.date)))
            g.add((doc, MG.dateBasis, concept("date-basis", "url-path")))
        return doc

    def best_ranked(self, urls: list[str]) -> str:
        """The most authoritative of several URLs (lowest rank; unranked last; first on ties)."""
        return min(urls, key=lambda url: self.quality[url].rank if url in self.quality else 99)

    def best_document(self, docs: list[URIRef]) -> URIRef | None:
        """The best-ranked of several cited documents that have a URL and a rank (first on ties), or None."""
        ranked = [
            (int(rank), i, doc)
            for i, doc in enumerate(docs)
            if (rank := self.graph.value(doc, MG.authorityRank)) is not None
            and self.graph.value(doc, SCHEMA.url) is not None
        ]
        return min(ranked)[2] if ranked else None

    def cite_all(self, urls: str) -> list[URIRef]:
        """Cite every URL of a whitespace-separated cell, in order, without repeats."""
        seen: list[URIRef] = []
        for url in urls.split():
            doc = self.cite(url)
            if doc not in seen:
                seen.append(doc)
        return seen
