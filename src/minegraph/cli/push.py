"""``minegraph push --endpoint URL``: upload the whole graph (ontology + data) to a SPARQL server."""

from __future__ import annotations

import sys

from . import project_from


def register(sub) -> None:
    parser = sub.add_parser("push", help="upload ontology/ + graph/ to a server (SPARQL 1.1 Graph Store Protocol)")
    parser.add_argument(
        "--endpoint",
        required=True,
        metavar="URL",
        help="the server's SPARQL query endpoint, e.g. http://host:7878/query",
    )
    parser.add_argument(
        "--store-url",
        metavar="URL",
        help="its Graph Store endpoint (default: Oxigraph's layout, .../query -> .../store)",
    )
    parser.add_argument("--graph", metavar="IRI", help="upload into this named graph (default: the default graph)")
    parser.add_argument("--append", action="store_true", help="add to the graph (POST) instead of replacing it (PUT)")
    parser.add_argument("--timeout", type=float, default=300, metavar="SECONDS", help="network timeout (default: 300)")
    parser.add_argument(
        "--server",
        choices=("sparql", "virtuoso"),
        default="sparql",
        help="virtuoso: digest-authenticated upload to .../sparql-graph-crud-auth, into a named graph (see docs/scale-out.md)",
    )
    parser.add_argument(
        "--user", metavar="NAME", default="dba", help="with --server virtuoso: the uploading user (default: dba)"
    )
    parser.add_argument(
        "--password-file",
        metavar="FILE",
        help="with --server virtuoso: its password (default: $MINEGRAPH_ENDPOINT_PASSWORD)",
    )
    parser.set_defaults(handler=run)


def run(args) -> int:
    # lazy: command start-up (`minegraph --help` imports every command module)
    from minegraph.store import open_store
    from minegraph.store.remote import RemoteStore, push

    def progress(message) -> None:
        print(message, file=sys.stderr)

    if args.server == "virtuoso":
        # lazy: pulls in rdflib (~170 ms), only on this path
        from ..scaleout.virtuoso import VirtuosoStore, read_password

        remote = VirtuosoStore(
            args.endpoint,
            store_url=args.store_url,
            graph=args.graph,
            user=args.user,
            password=read_password(args.password_file),
            timeout=args.timeout,
        )
    else:
        remote = RemoteStore(args.endpoint, store_url=args.store_url, graph=args.graph, timeout=args.timeout)
    _ = remote.store_url  # fail on an underivable Graph Store URL before loading anything
    source = open_store(project_from(args), progress=progress)
    try:
        count = push(source, remote, replace=not args.append, progress=progress)
    finally:
        source.close()
    print(f"{'added' if args.append else 'pushed'} {count} triples to {remote.describe()}")
    return 0
