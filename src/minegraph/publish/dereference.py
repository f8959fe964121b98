"""Dereferenceable IRIs: ``/id/{kind}/{slug}`` and ``/ontology``, one URL per resource.

Content negotiation answers 200 at the IRI itself with ``Vary: Accept`` (no 303): HTML for a
browser, Turtle, JSON-LD or N-Triples for data clients; ``format=`` overrides the Accept header.
"""

from __future__ import annotations

import re

import pyoxigraph as ox
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, Response

from .downloads import ontology_html
from .negotiation import GRAPHS, NotAcceptable, choose
from .pages import entity_html, local, message_page
from .pool import JobFailed
from .protocol import run_job
from .responses import error

_VARY = {"Vary": "Accept"}
_NOT_IN_AN_IRI = re.compile(r'[<>"{}|^`\\\x00-\x20]')


def _negotiate(request: Request):
    return choose(GRAPHS, request.query_params.get("format"), request.headers.get("accept"), html=True)


async def entity(request: Request) -> Response:
    """An entity's HTML page or RDF document, by content negotiation."""
    settings = request.app.state.settings
    kind, slug = request.path_params["kind"], request.path_params["slug"]
    iri = f"{settings.base}id/{kind}/{slug}"
    try:
        fmt = _negotiate(request)
    except NotAcceptable as exc:
        return error(406, "format", str(exc))
    if _NOT_IN_AN_IRI.search(iri):  # no such entity can exist: answered here, never handed to a worker
        message = f"nothing is known about {iri}: it holds characters an IRI cannot"
        if fmt == "html":
            return HTMLResponse(message_page("Not found", message), status_code=404, headers=_VARY)
        return error(404, "unknown", message)
    if fmt != "html":
        response = await run_job(
            request,
            {"kind": "describe", "iri": iri, "format": fmt.oxigraph, "max_rows": settings.max_rows},
            fmt.media_type,
        )
        response.headers.update(_VARY)
        return response
    try:
        reply = await request.app.state.pool.run({"kind": "page", "iri": iri, "entity_kind": kind})
    except JobFailed as exc:
        return error(exc.status, exc.kind, exc.message)
    if reply["status"] != 200:
        title = "Not found" if reply["status"] == 404 else "Error"
        return HTMLResponse(message_page(title, reply.get("message", "")), status_code=reply["status"], headers=_VARY)
    return HTMLResponse(entity_html(iri, reply["links"], reply["card"], settings.base), headers=_VARY)


async def ontology(request: Request) -> Response:
    """The ontology file (Turtle, JSON-LD, N-Triples) or its HTML documentation for browsers."""
    state = request.app.state
    try:
        fmt = _negotiate(request)
    except NotAcceptable as exc:
        return error(406, "format", str(exc))
    if fmt == "html":
        return FileResponse(await ontology_html(request), media_type="text/html", headers=_VARY)
    source = state.project_root / "ontology" / "minegraph.ttl"
    quads = ox.parse(path=str(source), format=ox.RdfFormat.TURTLE)
    target = getattr(ox.RdfFormat, fmt.oxigraph)
    body = ox.serialize(
        [q.triple for q in quads], format=target, prefixes=state.prefixes if target == ox.RdfFormat.TURTLE else None
    )
    return Response(body, media_type=fmt.media_type, headers=_VARY)


__all__ = ["entity", "ontology", "local"]
