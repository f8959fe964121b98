"""``minegraph report [--output DIR]``: write the analysts' HTML report and print its path."""

from __future__ import annotations

from . import add_engine_option, local_store, project_from, to_stderr


def register(sub) -> None:
    parser = sub.add_parser(
        "report", help="write the HTML report (figures, charts, who said what, claims) and print its path"
    )
    parser.add_argument(
        "--output", "-o", metavar="DIR", help="directory of the page and its pictures (default: out/report)"
    )
    add_engine_option(parser)
    parser.set_defaults(handler=run)


def run(args) -> int:
    from minegraph.report.html import write_report  # lazy: per command (the CLI loads every command module at start)

    project = project_from(args)
    store = local_store(args, project)
    try:
        path = write_report(store, project, args.output, progress=to_stderr)
    finally:
        store.close()
    print(path)
    return 0
