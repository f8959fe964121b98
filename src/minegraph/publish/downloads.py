"""The release, served: ``/dist/`` (every dump and checksum of ``minegraph export``, same bytes) and
``/.well-known/void`` (the VoID/DCAT description, RFC 8615 / VoID §6.2), from :mod:`.served`."""

from __future__ import annotations

import asyncio
from html import escape
from pathlib import Path

from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, Response

from minegraph.core.formats import by_name, by_suffix

from .pages import page
from .responses import error
from .served import listed_files, served_release

#: Media types of the release's other files, by suffix (the dumps' are the format registry's).
_MEDIA = {
    ".gz": "application/gzip",
    ".html": "text/html; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".json": "application/json",
    ".cff": "text/plain; charset=utf-8",
    ".md": "text/markdown; charset=utf-8",
}


async def release(request: Request) -> Path:
    """The release for this store as published by this server (its download URLs under the address the
    request came to), exported on first use, in a thread."""
    state = request.app.state
    return await asyncio.to_thread(served_release, state.project, state.digest, str(request.base_url))


def _media(name: str) -> str:
    suffix = Path(name).suffix
    dump = by_suffix(suffix, "rdf-dump")
    if dump is not None:
        return dump.media_type
    return _MEDIA.get(
        suffix, "text/plain; charset=utf-8" if name in ("LICENSE", "SHA256SUMS") else "application/octet-stream"
    )


async def dist_index(request: Request) -> Response:
    """``/dist/``: every file of the release with its size and SHA-256."""
    folder = await release(request)
    rows = "".join(
        f'<tr><td><a href="/dist/{escape(name)}">{escape(name)}</a></td><td>{size:,}</td>'
        f"<td><code>{digest}</code></td></tr>"
        for name, size, digest in listed_files(folder)
    )
    body = (
        "<h1>Downloads</h1><p>The release of this graph (<code>minegraph export</code>): dumps, the "
        'VoID/DCAT description (<a href="/.well-known/void">/.well-known/void</a>), the ontology and '
        '<a href="/dist/SHA256SUMS">SHA256SUMS</a>.</p>'
        f"<table><tr><th>file</th><th>bytes</th><th>SHA-256</th></tr>{rows}</table>"
    )
    return HTMLResponse(page("Downloads", body))


async def dist_file(request: Request) -> Response:
    """One file of the release: SHA256SUMS or a file it lists (nothing else under the folder is reachable)."""
    folder = await release(request)
    name = request.path_params["path"]
    if name != "SHA256SUMS" and name not in {listed for listed, _, _ in listed_files(folder)}:
        return error(404, "not-found", "no such file in the release; see /dist/")
    return FileResponse(folder / name, media_type=_media(name))


async def well_known_void(request: Request) -> Response:
    """``/.well-known/void``: the dataset's VoID/DCAT description in Turtle."""
    folder = await release(request)
    return FileResponse(folder / "void.ttl", media_type=by_name("ttl").media_type)


async def ontology_html(request: Request) -> Path:
    """The ontology's HTML documentation of the served release."""
    return (await release(request)) / "ontology" / "index.html"
