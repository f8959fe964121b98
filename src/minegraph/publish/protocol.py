"""``/query``: the SPARQL 1.1 Protocol, read-only — GET and POST (form or ``application/sparql-query``).

The request is checked by :mod:`minegraph.querylang.guard` before anything is parsed; the query is
evaluated and serialised by pyoxigraph in a worker (:mod:`.pool`). Status codes: 400 for a query the
guard or the parser refuses, 403 for updates, 406 for an unknown format, 429 when too many requests
are in flight, 502 when the worker died, 503 when no worker is free, 504 when the query timed out.
"""

from __future__ import annotations

from urllib.parse import parse_qsl

from starlette.requests import Request
from starlette.responses import Response

from minegraph.querylang.guard import GuardError, check

from .description import serialised
from .negotiation import GRAPHS, RESULTS, NotAcceptable, choose
from .pool import JobFailed
from .responses import ROWS_HEADER, TRUNCATED_HEADER, error

_DATASET_PARAMS = ("default-graph-uri", "named-graph-uri")


async def _body(request: Request, limit: int) -> bytes | Response:
    """The request body, read no further than ``limit`` bytes (a huge body is refused, not buffered)."""
    parts, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            return error(413, "too-long", f"the request body is over {limit:,} bytes")
        parts.append(chunk)
    return b"".join(parts)


async def _parameters(request: Request) -> dict[str, str] | Response:
    """The protocol's parameters from the URL, a form body, or a ``application/sparql-query`` body."""
    params: dict[str, str] = {}
    try:  # strictly: Starlette would turn a %FF into U+FFFD and answer a query nobody sent
        items = parse_qsl(
            request.scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True, errors="strict"
        )
    except UnicodeDecodeError:
        return error(400, "encoding", "the URL's parameters are not UTF-8 URL-encoded text")
    for key, value in items:
        params[key] = f"{params[key]},{value}" if key == "format" and key in params else value
    if request.method == "POST":
        media = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if media == "application/sparql-update":
            return error(403, "update", "SPARQL Update is refused; this service is read-only")
        # room for the longest accepted query in UTF-8 (4 bytes a character) and URL-encoded (x3)
        body = await _body(request, 12 * request.app.state.settings.limits.max_length + 1024)
        if isinstance(body, Response):
            return body
        if media == "application/sparql-query":
            try:
                params["query"] = body.decode("utf-8")
            except UnicodeDecodeError:
                return error(400, "encoding", "the query body is not UTF-8 text")
        elif media == "application/x-www-form-urlencoded":
            try:
                params.update(parse_qsl(body.decode("utf-8"), keep_blank_values=True, errors="strict"))
            except (UnicodeDecodeError, ValueError):
                return error(400, "encoding", "the form body is not UTF-8 URL-encoded text")
        else:
            return error(
                415,
                "media-type",
                "POST a query as application/sparql-query or as a form "
                "(application/x-www-form-urlencoded) with a 'query' field",
            )
    return params


async def query(request: Request) -> Response:
    """Answer one SPARQL 1.1 Protocol request."""
    state = request.app.state
    params = await _parameters(request)
    if isinstance(params, Response):
        return params
    if "update" in params:
        return error(403, "update", "SPARQL Update is refused; this service is read-only")
    text = params.get("query")
    if text is None and request.method == "GET" and not params:
        return _service_description(request)
    if not text:
        return error(400, "missing", "no query: pass it as ?query=… or POST it")
    if any(name in params for name in _DATASET_PARAMS):
        return error(400, "dataset", "default-graph-uri and named-graph-uri are not supported: the dataset is fixed")
    try:
        form = check(text, state.settings.limits)
    except GuardError as exc:
        return error(exc.status, exc.kind, str(exc))
    formats = RESULTS if form in ("SELECT", "ASK") else GRAPHS
    try:
        fmt = choose(formats, params.get("format") or params.get("output"), request.headers.get("accept"))
    except NotAcceptable as exc:
        return error(406, "format", str(exc))
    return await run_job(
        request,
        {"kind": "query", "text": text, "form": form, "format": fmt.oxigraph, "max_rows": state.settings.max_rows},
        fmt.media_type,
    )


def _service_description(request: Request) -> Response:
    """``GET /query`` with no parameters: the SPARQL 1.1 Service Description, Turtle unless asked otherwise."""
    # lazy: pulls in rdflib (~170 ms), only on this path
    from minegraph.core.namespaces import PREFIXES

    try:
        fmt = choose(GRAPHS, None, request.headers.get("accept"))
    except NotAcceptable:
        fmt = GRAPHS[0]
    endpoint = str(request.url.replace(query="", fragment=""))
    body = serialised(endpoint, PREFIXES["dataset"] + "minegraph", fmt, request.app.state.prefixes)
    return Response(body, media_type=fmt.media_type, headers={"Vary": "Accept"})


async def run_job(request: Request, job: dict, media_type: str) -> Response:
    """Run a job under the concurrency cap; the answer with its row headers, or a JSON error."""
    state = request.app.state
    settings = state.settings
    if state.in_flight >= settings.max_concurrent:
        return error(
            429,
            "busy",
            f"more than {settings.max_concurrent} requests in flight; retry shortly",
            headers={"Retry-After": str(settings.retry_after)},
        )
    state.in_flight += 1
    try:
        reply = await state.pool.run(job)
    except JobFailed as exc:
        retry = {"Retry-After": str(settings.retry_after)} if exc.kind == "busy" else None
        return error(exc.status, exc.kind, exc.message, headers=retry)
    finally:
        state.in_flight -= 1
    if reply["status"] != 200:
        return error(reply["status"], reply.get("error", "error"), reply.get("message", ""))
    headers = {ROWS_HEADER: str(reply["rows"])}
    if reply["truncated"]:
        headers[TRUNCATED_HEADER] = f"true; the answer was cut at {settings.max_rows} rows"
    return Response(reply["body"], media_type=media_type, headers=headers)
