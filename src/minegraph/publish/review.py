"""``minegraph serve --review DRAFT``: the review page of one draft, on loopback only.

The page shows the archived text with every candidate statement highlighted at its offsets; the reviewer
accepts, edits (speaker, decision, stance, span by selecting words), rejects or adds statements and saves.
This module is only the HTTP side: reading the draft for the page and writing the page's edits back are
the two callables it is given (the CLI wires in ``minegraph.ingest.review_draft``), so the TOML draft that
``accept`` reads stays the one source of truth.
"""

from __future__ import annotations

import ipaddress
import json
from collections.abc import Callable
from html import escape
from pathlib import Path

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from minegraph.errors import MinegraphError

STATIC = Path(__file__).with_name("static")
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1", "[::1]")
MAX_BODY = 5_000_000  # bytes of one save: a draft is a few hundred kilobytes at most


def is_loopback(host: str) -> bool:
    """Whether an address to bind is loopback only."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _page(title: str) -> str:
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>minegraph · review · {escape(title)}</title>"
        '<link rel="stylesheet" href="/assets/review.css"></head><body>'
        f"<header><h1>Review: {escape(title)}</h1>"
        '<p class="help">Click a highlighted passage to edit its statement; select words in the text, then '
        "<em>Add statement from selection</em> or <em>Use selection as span</em>. Nothing reaches the graph "
        "until you save and run accept.</p>"
        '<p><button id="add">Add statement from selection</button> <button id="save">Save draft</button> '
        '<span id="status" role="status"></span></p><pre id="problems" hidden></pre></header>'
        '<main><article id="text" lang="en"></article><aside id="panel"></aside></main>'
        '<script src="/assets/review.js"></script></body></html>'
    )


def create_review_app(
    load: Callable[[], dict], save: Callable[[dict], dict], title: str, port: int | None = None
) -> Starlette:
    """The review app over one draft: ``/`` (the page), ``/draft.json`` (read), ``POST /draft`` (save)."""

    async def page(request: Request) -> Response:
        return HTMLResponse(_page(title))

    async def draft_json(request: Request) -> Response:
        try:
            return JSONResponse(load())
        except MinegraphError as err:
            return JSONResponse({"error": str(err)}, status_code=422)

    async def draft_save(request: Request) -> Response:
        body = await request.body()
        if len(body) > MAX_BODY:
            return JSONResponse({"error": "the edits are too large to be a draft"}, status_code=413)
        if request.headers.get("content-type", "").split(";")[0].strip() != "application/json":
            return JSONResponse({"error": "send the edits as application/json"}, status_code=415)
        try:
            return JSONResponse(save(json.loads(body)))
        except json.JSONDecodeError as err:
            return JSONResponse({"error": f"not JSON: {err.msg}"}, status_code=400)
        except MinegraphError as err:
            return JSONResponse({"error": str(err)}, status_code=422)

    async def asset(request: Request) -> Response:
        name = request.path_params["name"]
        if name not in ("review.js", "review.css"):
            return Response(status_code=404)
        media = "text/javascript" if name.endswith(".js") else "text/css"
        return FileResponse(STATIC / name, media_type=media)

    hosts = [*LOOPBACK_NAMES] + ([f"127.0.0.1:{port}", f"localhost:{port}"] if port else [])
    return Starlette(
        routes=[
            Route("/", page),
            Route("/draft.json", draft_json),
            Route("/draft", draft_save, methods=["POST"]),
            Route("/assets/{name}", asset),
        ],
        middleware=[Middleware(TrustedHostMiddleware, allowed_hosts=hosts)],
    )


def serve_review(
    load: Callable[[], dict], save: Callable[[dict], dict], title: str, host: str = "127.0.0.1", port: int = 7879
) -> int:
    """Serve the review page until Ctrl-C; only on a loopback address (the page writes files)."""
    # lazy: uvicorn (the serve extra), only on this path
    import uvicorn

    if not is_loopback(host):
        raise MinegraphError(
            f"--review binds loopback only (127.0.0.1, ::1 or localhost), not {host!r}: "
            "the page writes the draft on this machine"
        )
    print(f"review page http://{'[' + host + ']' if ':' in host else host}:{port}/  ·  Ctrl-C stops", flush=True)
    uvicorn.run(create_review_app(load, save, title, port), host=host, port=port, log_level="warning")
    return 0
