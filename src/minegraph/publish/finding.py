"""Finding things without SPARQL: ``/search?q=`` (label match, JSON or HTML) and ``/id/{kind}/`` (an
index of one kind, paginated). Both run their ``.rq`` in a query worker like any query."""

from __future__ import annotations

from html import escape

from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response

from minegraph.core.namespaces import KINDS

from .pages import compact, local, page
from .pool import JobFailed
from .responses import error

PAGE_SIZE = 200
MAX_WORDS = 200


def _wants_json(request: Request) -> bool:
    fmt = request.query_params.get("format", "").lower()
    if fmt:
        return fmt in ("json", "application/json")
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


def _class_iri(name: str, prefixes: dict[str, str]) -> str | None:
    """A class named as an IRI, as ``prefix:Local``, or as a bare ``Local`` of the minegraph ontology."""
    if name.startswith(("http://", "https://")):
        return name
    prefix, colon, local_name = name.rpartition(":")
    namespace = prefixes.get(prefix if colon else "mg")
    return namespace + local_name if namespace and local_name.isidentifier() else None


async def _run(request: Request, job: dict) -> list[dict] | Response:
    try:
        reply = await request.app.state.pool.run(job)
    except JobFailed as exc:
        return error(exc.status, exc.kind, exc.message)
    if reply["status"] != 200:
        return error(reply["status"], reply.get("error", "error"), reply.get("message", ""))
    return reply["rows"]


async def search(request: Request) -> Response:
    """``/search?q=words[&type=Class]``: entities whose label contains the words, best match first."""
    state = request.app.state
    words = " ".join(request.query_params.get("q", "").split())[:MAX_WORDS]
    wanted = request.query_params.get("type", "").strip()
    kind = _class_iri(wanted, state.prefixes) if wanted else None
    if wanted and kind is None:
        return error(400, "type", f"unknown class {wanted!r}: give an IRI, prefix:Name or an ontology class name")
    rows = await _run(request, {"kind": "search", "words": words, "class": kind}) if words else []
    if isinstance(rows, Response):
        return rows
    base = state.settings.base
    hits = [
        {
            "iri": r["entity"]["value"],
            "label": (r["label"] or {}).get("value"),
            "class": (r["class"] or {}).get("value"),
            "page": local(r["entity"]["value"], base),
        }
        for r in rows
    ]
    if _wants_json(request):
        return JSONResponse({"query": words, "type": kind, "results": hits})
    items = "".join(
        f'<li><a href="{escape(h["page"])}">{escape(h["label"] or h["iri"])}</a> '
        f"<code>{escape(compact(h['class']) if h['class'] else '')}</code></li>"
        for h in hits
    )
    said = f"{len(hits)} result(s) for “{escape(words)}”" if words else "Type some words of a name."
    body = f"<h1>Search</h1><p>{said}</p><ol>{items}</ol>"
    return HTMLResponse(page("Search", body, words=words))


async def kind_index(request: Request) -> Response:
    """``/id/{kind}/``: every entity of one kind, ``PAGE_SIZE`` a page (``?page=N``, from 1)."""
    state = request.app.state
    kind = request.path_params["kind"]
    if kind not in KINDS:
        return HTMLResponse(
            page(
                "Not found",
                f"<h1>Not found</h1><p>No kind {escape(kind)} here; kinds: "
                + ", ".join(f'<a href="/id/{k}/">{k}</a>' for k in KINDS)
                + "</p>",
            ),
            status_code=404,
        )
    try:
        number = max(1, int(request.query_params.get("page", "1")))
    except ValueError:
        return error(400, "page", "page= takes a whole number from 1")
    namespace = f"{state.settings.base}id/{kind}/"
    rows = await _run(
        request, {"kind": "index", "namespace": namespace, "offset": (number - 1) * PAGE_SIZE, "size": PAGE_SIZE}
    )
    if isinstance(rows, Response):
        return rows
    more, rows = len(rows) > PAGE_SIZE, rows[:PAGE_SIZE]
    if _wants_json(request):
        return JSONResponse(
            {
                "kind": kind,
                "page": number,
                "more": more,
                "results": [{"iri": r["entity"]["value"], "label": (r["label"] or {}).get("value")} for r in rows],
            }
        )
    items = "".join(
        f'<li><a href="{escape(local(r["entity"]["value"], state.settings.base))}">'
        f"{escape((r['label'] or {}).get('value') or r['entity']['value'])}</a></li>"
        for r in rows
    )
    pager = " ".join(
        part
        for part in (
            f'<a href="?page={number - 1}">previous</a>' if number > 1 else "",
            f'<a href="?page={number + 1}">next</a>' if more else "",
        )
        if part
    )
    body = (
        f"<h1>{escape(kind)}</h1><p>page {number}{' · ' + pager if pager else ''}</p>"
        f"<ul>{items or '<li>none</li>'}</ul>"
    )
    return HTMLResponse(page(kind, body))


async def kinds(request: Request) -> Response:
    """``/id/``: the kinds of entity, each linking to its index."""
    items = "".join(f'<li><a href="/id/{k}/">{k}</a></li>' for k in KINDS)
    return HTMLResponse(page("Entities", f"<h1>Entities by kind</h1><ul>{items}</ul>"))
