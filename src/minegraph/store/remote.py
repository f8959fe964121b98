"""Any SPARQL 1.1 server as a store: queries through SPARQLWrapper, uploads through the Graph Store
HTTP Protocol. Every network failure becomes an :class:`~minegraph.errors.EndpointError` that
says what happened (HTTP status and the server's message, timeout, unreachable).
"""

from __future__ import annotations

import ast
import contextlib
import http.client
import json
import socket
import tempfile
import urllib.error
import urllib.parse
import urllib.request
import warnings
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph
from rdflib import Graph

from minegraph._version import __version__
from minegraph.core.formats import by_name
from minegraph.core.namespaces import bind_prefixes
from minegraph.core.rdf_io import check_syntax
from minegraph.errors import EndpointError, InputError
from minegraph.querylang.results import QueryResult
from minegraph.querylang.terms import check_iri, from_json, from_oxigraph
from minegraph.querylang.text import strip_comments
from minegraph.store.base import Progress, Store, load_steps

#: The only RDF minegraph reads from an endpoint or sends to one (from the format registry).
_READ = tuple(by_name(name) for name in ("nt", "ttl"))
_RDF_TYPES = {media: f.oxigraph for f in _READ for media in (f.media_type, *f.aliases) if "/" in media}
#: Formats asked for by no request of minegraph and refused when sent: RDF/XML can expand XML entities
#: (a kilobyte answer into gigabytes), JSON-LD can make its reader fetch remote contexts.
_REFUSED_TYPES = {f.media_type: f.label for f in map(by_name, ("rdfxml", "jsonld"))}
_UPLOAD_TYPES = {f.suffix: f.media_type for f in _READ}


def user_agent() -> str:

    return f"minegraph/{__version__}"


def _check_url(url: str, what: str) -> str:
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise InputError(None, f"{what} must be an http(s) URL, got {url!r}")
    return url


def store_url_for(endpoint: str) -> str:
    """The Graph Store endpoint beside a query endpoint: Oxigraph's ``/query`` → ``/store``."""
    parts = urllib.parse.urlsplit(endpoint)
    if parts.path.endswith("/query"):
        return urllib.parse.urlunsplit(parts._replace(path=parts.path[: -len("query")] + "store", query=""))
    raise InputError(None, f"cannot tell the Graph Store URL of {endpoint}; give it with --store-url")


class RemoteStore(Store):
    """A remote SPARQL 1.1 endpoint; ``graph`` selects a named graph instead of the default graph."""

    name = "remote"

    def __init__(
        self,
        endpoint: str,
        *,
        store_url: str | None = None,
        graph: str | None = None,
        timeout: float = 60,
        allow_service: bool = False,
    ):
        super().__init__(allow_service=allow_service)
        self.endpoint = _check_url(endpoint, "the endpoint")
        self._store_url = _check_url(store_url, "the Graph Store URL") if store_url else None
        self.graph_iri = check_iri(graph) if graph else None
        self.timeout = timeout

    @property
    def store_url(self) -> str:
        return self._store_url or store_url_for(self.endpoint)

    def describe(self) -> str:
        return self.endpoint + (f" (graph <{self.graph_iri}>)" if self.graph_iri else "")

    # ------------------------------------------------------------------ queries

    def _run(self, text: str, form: str) -> QueryResult:
        # lazy: SPARQLWrapper (~80 ms, remote stores only), only on this path
        from SPARQLWrapper import JSON, POST, TURTLE, SPARQLWrapper

        sparql = SPARQLWrapper(self.endpoint, agent=user_agent())
        sparql.setMethod(POST)
        sparql.setOnlyConneg(True)
        sparql.setTimeout(max(1, round(self.timeout)))
        if self.graph_iri:
            sparql.addDefaultGraph(self.graph_iri)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # SPARQLWrapper warns about query types it guesses
            sparql.setQuery(strip_comments(text))
            sparql.queryType = form  # SPARQLWrapper guesses the form by regex ("drops" reads as DROP)
            if form in ("SELECT", "ASK"):
                sparql.setReturnFormat(JSON)
            else:
                sparql.setReturnFormat(TURTLE)
                sparql.addCustomHttpHeader("Accept", "application/n-triples, text/turtle;q=0.9")
            with self._failures("query"):
                response = sparql.query().response
                body, content_type = response.read(), response.headers.get("Content-Type", "")
        if form in ("SELECT", "ASK"):
            return self._table(body, content_type, form)
        return QueryResult(form, triples=self._triples(body, content_type))

    def _table(self, body: bytes, content_type: str, form: str) -> QueryResult:
        try:
            data = json.loads(body)
            if form == "ASK":
                return QueryResult(form, boolean=bool(data["boolean"]))
            names = list(data["head"].get("vars", []))
            rows = [{n: (from_json(b[n]) if n in b else None) for n in names} for b in data["results"]["bindings"]]
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise EndpointError(
                f"{self.endpoint}: not a SPARQL JSON result ({content_type or 'no content type'}: {exc})"
            ) from None
        return QueryResult(form, variables=names, terms=rows)

    def _triples(self, body: bytes, content_type: str):

        media = content_type.split(";")[0].strip().lower()
        if media in _REFUSED_TYPES:
            raise EndpointError(
                f"{self.endpoint}: the server answered {_REFUSED_TYPES[media]}, which minegraph refuses "
                "(it asks for N-Triples or Turtle only; RDF/XML and JSON-LD can expand entities or "
                "fetch remote contexts)"
            )
        kind = _RDF_TYPES.get(media)
        if kind is None:
            raise EndpointError(f"{self.endpoint}: expected RDF triples, got {content_type or 'no content type'}")
        try:
            quads = pyoxigraph.parse(body, format=getattr(pyoxigraph.RdfFormat, kind), base_iri=self.endpoint)
            return [(from_oxigraph(q.subject), from_oxigraph(q.predicate), from_oxigraph(q.object)) for q in quads]
        except SyntaxError as exc:
            raise EndpointError(f"{self.endpoint}: the server sent malformed {content_type}: {exc}") from None

    # ------------------------------------------------------------------ Graph Store Protocol

    def _graph_url(self) -> str:
        target = f"graph={urllib.parse.quote(self.graph_iri, safe='')}" if self.graph_iri else "default"
        return f"{self.store_url}{'&' if '?' in self.store_url else '?'}{target}"

    def upload(self, path: Path, *, replace: bool, content_type: str | None = None) -> None:
        """Send one RDF file: PUT replaces the graph, POST adds to it."""
        path = Path(path)
        content_type = content_type or _UPLOAD_TYPES.get(path.suffix.lower())
        if content_type is None:
            raise InputError(path, f"cannot upload {path.suffix} files; use .nt or .ttl")
        with open(path, "rb") as body:
            request = urllib.request.Request(
                self._graph_url(),
                data=body,
                method="PUT" if replace else "POST",
                headers={
                    "Content-Type": content_type,
                    "Content-Length": str(path.stat().st_size),
                    "User-Agent": user_agent(),
                },
            )
            with self._failures("upload"), self._open(request) as response:
                response.read()

    def _open(self, request: urllib.request.Request):
        """Send a Graph Store request (a server that needs authentication overrides this)."""
        return urllib.request.urlopen(request, timeout=self.timeout)

    def load(self, paths: Iterable[Path], progress: Progress | None = None) -> None:
        """Add files to the remote graph (POST), one request per file, each checked locally first."""
        for step in load_steps(paths):
            if progress:
                progress(step)
            check_syntax(step.path)
            self.upload(step.path, replace=False)

    def download(self) -> bytes:
        """The whole graph as N-Triples (Graph Store Protocol GET)."""
        request = urllib.request.Request(
            self._graph_url(), headers={"Accept": "application/n-triples", "User-Agent": user_agent()}
        )
        with self._failures("download"), urllib.request.urlopen(request, timeout=self.timeout) as response:
            return response.read()

    def dump(self) -> bytes:
        return self.download()

    def graph(self) -> Graph:

        return bind_prefixes(Graph()).parse(data=self.download(), format="nt")

    # ------------------------------------------------------------------ failures

    @contextlib.contextmanager
    def _failures(self, action: str):
        """Turn every way an HTTP exchange fails into one EndpointError naming the endpoint."""
        # lazy: SPARQLWrapper (~80 ms, remote stores only), only on this path
        from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

        target = self.endpoint if action == "query" else self.store_url
        try:
            yield
        except SPARQLWrapperException as exc:
            status = {
                "QueryBadFormed": 400,
                "Unauthorized": 401,
                "EndPointNotFound": 404,
                "URITooLong": 414,
                "EndPointInternalError": 500,
            }.get(type(exc).__name__)
            raise EndpointError(f"{target}: {action} failed with HTTP {status}: {_server_message(str(exc))}") from None
        except urllib.error.HTTPError as exc:
            detail = _decode(exc.read())
            retry = exc.headers.get("Retry-After") if exc.headers else None
            hint = f" (rate limited: retry after {retry} s)" if exc.code == 429 and retry else ""
            raise EndpointError(
                f"{target}: {action} failed with HTTP {exc.code} {exc.reason}{hint}: {detail}"
            ) from None
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, (TimeoutError, socket.timeout)):
                raise EndpointError(f"{target}: no answer within {self.timeout:g} s ({action})") from None
            raise EndpointError(f"{target}: cannot reach the server ({exc.reason})") from None
        except (TimeoutError, socket.timeout):
            raise EndpointError(f"{target}: no answer within {self.timeout:g} s ({action})") from None
        except (ConnectionError, http.client.HTTPException, OSError) as exc:
            raise EndpointError(f"{target}: connection failed during {action} ({type(exc).__name__}: {exc})") from None


def _decode(body: bytes) -> str:
    text = " ".join(body.decode("utf-8", "replace").split())
    return (text[:300] + "…") if len(text) > 300 else (text or "no message")


def _server_message(message: str) -> str:
    """The server's own words from a SPARQLWrapper exception (it embeds the body as a bytes repr)."""
    _, _, raw = message.partition("Response:\n")
    try:
        return _decode(ast.literal_eval(raw.strip())) if raw else "no message"
    except (ValueError, SyntaxError):
        return _decode(raw.encode())


def push(source: Store, remote: RemoteStore, *, replace: bool = True, progress: Progress | None = None) -> int:
    """Upload every triple of ``source`` to ``remote`` in one request; returns the number of triples.

    The triples are written as N-Triples to a temporary file first (streamed by Oxigraph), so the
    upload is one Graph Store request: PUT replaces the graph, POST (``replace=False``) adds to it.
    """
    with tempfile.TemporaryDirectory(prefix="minegraph-push-") as scratch:
        path = Path(scratch) / "graph.nt"
        source.dump_to(path)
        count = _count_lines(path)
        if progress:
            progress(f"uploading {count} triples ({path.stat().st_size / 1e6:.1f} MB) to {remote.describe()}")
        remote.upload(path, replace=replace)
    return count


def _count_lines(path: Path) -> int:
    count = 0
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            count += block.count(b"\n")
    return count
