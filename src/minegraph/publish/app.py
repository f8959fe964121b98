"""The endpoint's HTTP app (Starlette): routes, the Host allow-list, CORS, and the worker pool's life.

Routes: ``/query`` (:mod:`.protocol`), ``/id/{kind}/{slug}`` and ``/ontology`` (:mod:`.dereference`),
``/`` and ``/sparql`` (the query page), ``/examples.json``, ``/assets`` (YASGUI from
``node_modules``, the page's own script), ``/health``.
"""

from __future__ import annotations

import contextlib
import json
from html import escape
from pathlib import Path

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from minegraph.core.namespaces import PREFIXES
from minegraph.store.cache import read_manifest

from .dereference import entity, ontology
from .downloads import dist_file, dist_index, well_known_void
from .examples import examples
from .finding import kind_index, kinds, search
from .pool import WorkerPool
from .protocol import query
from .responses import ROWS_HEADER, TRUNCATED_HEADER, error
from .settings import Settings

STATIC = Path(__file__).with_name("static")
YASGUI_PARTS = ("node_modules", "@zazuko", "yasgui", "build")


def yasgui_dir(project_root: Path) -> Path | None:
    """YASGUI's build: shipped in the package (``static/yasgui``), or installed by ``make assets`` in the
    project or in the checkout this package runs from (an editable install)."""
    checkout = Path(__file__).resolve().parents[3]
    for candidate in (STATIC / "yasgui", project_root.joinpath(*YASGUI_PARTS), checkout.joinpath(*YASGUI_PARTS)):
        if (candidate / "yasgui.min.js").is_file():
            return candidate
    return None


async def health(request: Request) -> Response:
    """Liveness and the pool's state; the workers' process ids only to a caller that is no web page
    (a browser sends Origin with a cross-origin request, and CORS would let that page read the answer)."""
    state = request.app.state
    workers = len(state.pool.pids()) if "origin" in request.headers else state.pool.pids()
    return JSONResponse(
        {"status": "ok", "workers": workers, "replaced": state.pool.replaced, "in_flight": state.in_flight}
    )


async def server_error(request: Request, exc: Exception) -> Response:
    """Any unexpected failure: a JSON 500 (the traceback goes to the server's log, not to the client)."""
    return error(500, "internal", f"the server failed on this request ({type(exc).__name__})")


async def query_page(request: Request) -> Response:
    state = request.app.state
    if state.yasgui is None:
        return error(503, "assets", "the query page's assets are not installed: run 'make assets' (npm ci)")
    html = (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>minegraph · SPARQL</title>'
        f'<link rel="stylesheet" href="/assets/yasgui/yasgui.min.css"></head>'
        f'<body data-base="{escape(state.settings.base)}" '
        f'data-prefixes="{escape(json.dumps(state.prefixes))}">'
        f'<h1 style="font-family:sans-serif">minegraph SPARQL endpoint</h1>'
        f'<p style="font-family:sans-serif"><label>Library examples: <select id="examples">'
        f'<option value="">choose a query…</option></select></label> <span id="about"></span></p>'
        f'<div id="yasgui"></div><script src="/assets/yasgui/yasgui.min.js"></script>'
        f'<script src="/assets/page.js"></script></body></html>'
    )
    return HTMLResponse(html)


async def examples_json(request: Request) -> Response:
    return Response(request.app.state.examples, media_type="application/json")


def database_digest(database: Path) -> str:
    """The digest of the inputs the served database was built from (its manifest), keying the served release."""
    manifest = read_manifest(Path(database).parent)
    return manifest["digest"] if manifest else Path(database).name


def create_app(settings: Settings, database: Path, project) -> Starlette:
    """The app over one persisted database; the worker pool starts and stops with it."""
    prefixes = dict(PREFIXES)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette):
        pool = WorkerPool(
            str(database),
            str(project.root),
            prefixes,
            size=settings.workers,
            timeout=settings.timeout,
            queue_timeout=settings.queue_deadline(),
        )
        await pool.start()
        app.state.pool = pool
        try:
            yield
        finally:
            pool.close()

    assets = yasgui_dir(project.root)
    routes = [
        Route("/query", query, methods=["GET", "POST"]),
        Route("/health", health),
        Route("/", query_page),
        Route("/sparql", query_page),
        Route("/examples.json", examples_json),
        Route("/search", search),
        Route("/id/", kinds),
        Route("/id/{kind}/", kind_index),
        Route("/id/{kind}/{slug:path}", entity),
        Route("/dist/", dist_index),
        Route("/dist/{path:path}", dist_file),
        Route("/.well-known/void", well_known_void),
        Route("/ontology", ontology),
        Mount(
            "/assets/yasgui", StaticFiles(directory=str(assets), check_dir=False) if assets else Route("/", query_page)
        ),
        Mount("/assets", StaticFiles(directory=str(STATIC))),
    ]
    middleware = [
        Middleware(TrustedHostMiddleware, allowed_hosts=settings.hosts()),
        Middleware(
            CORSMiddleware,
            allow_origins=list(settings.cors_origins),
            allow_methods=["GET", "POST"],
            allow_headers=["Accept", "Content-Type"],
            expose_headers=[ROWS_HEADER, TRUNCATED_HEADER],
        ),
    ]
    app = Starlette(
        routes=routes, middleware=middleware, lifespan=lifespan, exception_handlers={Exception: server_error}
    )
    app.state.settings, app.state.prefixes, app.state.in_flight = settings, prefixes, 0
    app.state.project_root, app.state.yasgui = Path(project.root), assets
    app.state.project, app.state.digest = project, database_digest(database)
    app.state.examples = json.dumps(examples(project), ensure_ascii=False).encode("utf-8")
    return app
