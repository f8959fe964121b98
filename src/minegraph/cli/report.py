"""``minegraph report [--output DIR]``: write the analysts' HTML report and print its path."""

from __future__ import annotations

import sys

from . import project_from


def register(sub) -> None:
    parser = sub.add_parser("report", help="write the HTML report (figures, charts, who said what, claims) and print its path")
    parser.add_argument("--output", "-o", metavar="DIR", help="directory of the page and its pictures (default: out/report)")
    parser.add_argument("--engine", choices=("oxigraph", "rdflib"), default="oxigraph", help="local engine (default: oxigraph)")
    parser.set_defaults(handler=run)


def run(args) -> int:
    from ..report import write_report
    from ..store import open_store

    project = project_from(args)
    progress = lambda message: print(message, file=sys.stderr)  # noqa: E731
    store = open_store(project, engine=args.engine, progress=progress)
    try:
        path = write_report(store, project, args.output, progress=progress)
    finally:
        store.close()
    print(path)
    return 0
