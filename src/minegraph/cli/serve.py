"""``minegraph serve``: the guarded read-only SPARQL endpoint, query page and entity pages, until stopped."""

from __future__ import annotations

from pathlib import Path

from minegraph.errors import MissingExtra

from . import project_from


def register(sub) -> None:
    parser = sub.add_parser(
        "serve", help="serve the graph: a guarded read-only SPARQL 1.1 endpoint, a query page and a page per entity IRI"
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1, loopback only)")
    parser.add_argument("--port", type=int, default=7878, help="port (default: 7878)")
    parser.add_argument(
        "--base",
        default="https://w3id.org/minegraph/",
        help="the data's IRI namespace, answered under this server (default: https://w3id.org/minegraph/)",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=30,
        metavar="SECONDS",
        help="wall-clock limit per query; its worker is killed past it (default: 30)",
    )
    parser.add_argument("--workers", type=int, default=2, help="query worker processes (default: 2)")
    parser.add_argument(
        "--max-rows", type=int, default=10_000, help="rows per answer before it is cut (default: 10000)"
    )
    parser.add_argument(
        "--max-concurrent", type=int, default=32, help="requests in flight before 429 Too Many Requests (default: 32)"
    )
    parser.add_argument(
        "--queue-timeout",
        type=float,
        metavar="SECONDS",
        help="how long a request waits for a free worker before 503 (default: half the timeout, at most 10)",
    )
    parser.add_argument(
        "--allowed-host",
        action="append",
        default=[],
        metavar="NAME",
        help="a Host header value to accept (repeatable; default: loopback names and --host)",
    )
    parser.add_argument(
        "--review",
        metavar="DRAFT.toml",
        help="instead: the review page of one ingest draft (loopback only; default port 7879)",
    )
    parser.set_defaults(handler=run)


def run(args) -> int:

    if args.review:
        return run_review(args)
    try:  # lazy: the serve extra, imported here so that a missing one is a message
        import starlette  # noqa: F401
        import uvicorn  # noqa: F401

        from minegraph.publish.server import serve
    except ImportError as exc:  # starlette or uvicorn missing
        raise MissingExtra(exc.name or "starlette", "serve") from None
    return serve(
        project_from(args).root,
        args.host,
        args.port,
        args.base,
        args.timeout,
        workers=args.workers,
        max_rows=args.max_rows,
        max_concurrent=args.max_concurrent,
        allowed_hosts=tuple(args.allowed_host),
        queue_timeout=args.queue_timeout,
    )


def run_review(args) -> int:
    """The review page of a draft: the ingest side reads and writes the draft, the publish side serves it."""
    # lazy: command start-up (`minegraph --help` imports every command module)
    from minegraph.ingest import review_draft
    from minegraph.ingest.workflow import Gazetteer

    from .ingest import accept_command

    try:  # lazy: the serve extra, imported here so that a missing one is a message
        from minegraph.publish.review import serve_review
    except ImportError as exc:
        raise MissingExtra(exc.name or "starlette", "serve") from None
    project = project_from(args)
    draft = Path(args.review).resolve()
    gazetteer = Gazetteer(project)
    review_draft.view(project, draft, gazetteer)  # a draft that cannot be read is refused before serving

    def save(edited: dict) -> dict:
        return {**review_draft.save(project, draft, edited), "next": accept_command(project, draft)}

    port = args.port if args.port != 7878 else 7879
    return serve_review(lambda: review_draft.view(project, draft, gazetteer), save, draft.stem, args.host, port)
