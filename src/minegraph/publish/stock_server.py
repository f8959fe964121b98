"""The SPARQL 1.1 endpoint: the Oxigraph server, read-only, over the project's persisted store.

``oxigraph serve-read-only`` speaks the SPARQL 1.1 Protocol at ``/query`` and serves a query
page (YASGUI) at ``/``; it refuses updates. minegraph makes sure the store is current first,
binds to loopback by default and sets a query timeout.
"""

from __future__ import annotations

import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from minegraph.errors import MissingExtra


@dataclass(frozen=True)
class ServerPlan:
    """What ``minegraph serve`` runs: the command line and the endpoint it will answer at."""

    command: list[str]
    endpoint: str
    query_page: str


def oxigraph_binary() -> Path:
    """The ``oxigraph`` server binary of the ``oxigraph`` package (extra ``minegraph[server]``)."""
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.exists():
        return beside
    found = shutil.which("oxigraph")
    if found:
        return Path(found)
    raise MissingExtra("oxigraph (the server binary)", "server")


def plan(project, *, host: str = "127.0.0.1", port: int = 7878, timeout_s: int = 30, progress=None) -> ServerPlan:
    """Bring the persisted store up to date and say how to serve it read-only."""
    from minegraph.store.cache import open_current

    store, database = open_current(project, progress=progress)
    del store  # the server opens the database itself
    command = [str(oxigraph_binary()), "serve-read-only", "--location", str(database),
               "--bind", f"{host}:{port}", "--timeout-s", str(timeout_s)]
    base = f"http://{host}:{port}"
    return ServerPlan(command, f"{base}/query", f"{base}/")
