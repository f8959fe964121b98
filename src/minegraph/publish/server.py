"""``minegraph serve``: bring the store up to date, then run the endpoint on uvicorn until SIGTERM/SIGINT.

uvicorn handles both signals: it stops accepting, finishes the app's shutdown (which kills and
waits for every query worker), and returns; workers also die with the server if it is killed
outright (Linux parent-death signal), so no process is left behind.
"""

from __future__ import annotations

import argparse
import signal
import sys
from pathlib import Path

from minegraph.core.project import Project, find_project
from minegraph.querylang.guard import Limits

from .settings import DEFAULT_BASE, Settings


def exposure_warning(settings: Settings) -> str | None:
    """The warning printed when the endpoint is bound beyond loopback (None on loopback)."""
    if settings.is_loopback():
        return None
    return (
        f"warning: binding {settings.host} exposes the endpoint beyond this machine; the Host header must be "
        f"one of {', '.join(settings.hosts())} (pass --allowed-host for a public name)"
    )


def serve(
    project_dir: Path | str | None = None,
    host: str = "127.0.0.1",
    port: int = 7878,
    base: str = DEFAULT_BASE,
    timeout: float = 30.0,
    *,
    workers: int = 2,
    max_rows: int = 10_000,
    max_concurrent: int = 32,
    limits: Limits | None = None,
    allowed_hosts: tuple[str, ...] = (),
    log_level: str = "warning",
    queue_timeout: float | None = None,
) -> int:
    """Serve the project's graph at ``http://host:port/`` (query page, ``/query``, ``/id/…``); 0 on a clean stop."""
    # lazy: uvicorn (the serve extra), only on this path
    import uvicorn

    # lazy: pulls in rdflib (~170 ms), Starlette (the serve extra); ~50 ms of imports, only on this path
    from minegraph.store.cache import open_current

    from .app import create_app

    project = Project(Path(project_dir).resolve()) if project_dir else find_project()
    settings = Settings(
        host=host,
        port=port,
        base=base if base.endswith("/") else base + "/",
        timeout=timeout,
        workers=workers,
        max_rows=max_rows,
        max_concurrent=max_concurrent,
        limits=limits or Limits(),
        allowed_hosts=tuple(allowed_hosts),
        queue_timeout=queue_timeout,
    )
    store, database = open_current(project, progress=lambda message: print(message, file=sys.stderr))
    del store  # workers open the database read-only themselves
    warning = exposure_warning(settings)
    if warning:
        print(warning, file=sys.stderr)
    app = create_app(settings, database, project)
    print(
        f"SPARQL endpoint http://{host}:{port}/query  ·  query page http://{host}:{port}/  ·  Ctrl-C stops", flush=True
    )
    # uvicorn stops gracefully on SIGTERM/SIGINT (the app's shutdown kills the workers), then re-raises
    # the signal to the handler found before it started: a no-op here, so a requested stop exits 0.
    previous = {sig: signal.signal(sig, _stopped) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        uvicorn.run(app, host=host, port=port, log_level=log_level, timeout_graceful_shutdown=5)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return 0


def _stopped(signum, frame) -> None:
    """The stop signal, re-raised by uvicorn after its graceful shutdown: already handled."""


def main(argv: list[str] | None = None) -> int:
    """``python -m minegraph.publish.server [--project DIR] [--host H] [--port N] [--timeout S] …``."""
    parser = argparse.ArgumentParser(prog="minegraph-serve", description=serve.__doc__)
    parser.add_argument("--project", default=None)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=7878)
    parser.add_argument("--base", default=DEFAULT_BASE)
    parser.add_argument("--timeout", type=float, default=30.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--max-rows", type=int, default=10_000)
    parser.add_argument("--max-concurrent", type=int, default=32)
    parser.add_argument("--queue-timeout", type=float, default=None)
    parser.add_argument("--max-length", type=int, default=Limits.max_length)
    parser.add_argument("--max-depth", type=int, default=Limits.max_depth)
    parser.add_argument("--allowed-host", action="append", default=[])
    args = parser.parse_args(argv)
    return serve(
        args.project,
        args.host,
        args.port,
        args.base,
        args.timeout,
        workers=args.workers,
        max_rows=args.max_rows,
        max_concurrent=args.max_concurrent,
        limits=Limits(max_length=args.max_length, max_depth=args.max_depth),
        allowed_hosts=tuple(args.allowed_host),
        queue_timeout=args.queue_timeout,
    )


if __name__ == "__main__":
    sys.exit(main())
