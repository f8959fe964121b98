"""``minegraph serve``: a read-only SPARQL 1.1 endpoint with a query page, until interrupted."""

from __future__ import annotations

import subprocess
import sys

from . import project_from


def register(sub) -> None:
    parser = sub.add_parser("serve", help="serve the graph as a read-only SPARQL 1.1 endpoint with a query page")
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1, loopback only)")
    parser.add_argument("--port", type=int, default=7878, help="port (default: 7878)")
    parser.add_argument("--timeout", type=int, default=30, metavar="SECONDS", help="query timeout (default: 30)")
    parser.set_defaults(handler=run)


def run(args) -> int:
    from minegraph.publish.stock_server import plan

    served = plan(project_from(args), host=args.host, port=args.port, timeout_s=args.timeout,
                  progress=lambda message: print(message, file=sys.stderr))
    print(f"SPARQL endpoint {served.endpoint}  ·  query page {served.query_page}  ·  Ctrl-C stops", flush=True)
    process = subprocess.Popen(served.command)
    try:
        return process.wait()
    except KeyboardInterrupt:
        process.terminate()
        process.wait()
        return 0
