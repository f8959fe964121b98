"""``minegraph queries``, ``minegraph query NAME|FILE.rq`` and ``minegraph sparql TEXT|-``.

Queries are bounded: ``--timeout`` (default 60 s) stops a local query by killing its worker
process, ``--max-rows`` cuts the answer (said on stderr); CSV, TSV and JSON lines stream.
"""

from __future__ import annotations

import argparse
import shutil
import sys

from minegraph.core.formats import names
from minegraph.errors import ParameterError, shown

from . import add_engine_option, emit, project_from, read_stdin, to_stderr


def register(sub) -> None:
    listing = sub.add_parser("queries", help="list the query library (queries/*.rq) with titles")
    listing.add_argument("--long", action="store_true", help="also show descriptions, parameters and examples")
    listing.add_argument(
        "--all",
        action="store_true",
        help="also list the package's internal queries (trace cards, networks, charts, labels)",
    )
    listing.set_defaults(handler=run_list)

    run = sub.add_parser("query", help="run a library query by name, or a .rq file")
    run.add_argument("name", metavar="NAME|FILE.rq", help="query name (see 'minegraph queries') or path of a .rq file")
    run.add_argument(
        "--param",
        "-p",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="parameter value, checked against its declared type (repeatable)",
    )
    run.add_argument("--describe", action="store_true", help="show the query's documentation instead of running it")
    _common(run)
    run.set_defaults(handler=run_query)

    adhoc = sub.add_parser("sparql", help="run ad-hoc SPARQL text ('-' reads standard input)")
    adhoc.add_argument("text", metavar="QUERY|-", help="SPARQL 1.1 query text; minegraph prefixes are predeclared")
    _common(adhoc)
    adhoc.set_defaults(handler=run_sparql)


def _common(parser) -> None:
    parser.add_argument(
        "--format",
        "-f",
        default="table",
        choices=names("table", "results", "graph"),
        help="output format (default: table; json, xml, csv, tsv for SELECT and ASK; ttl, nt, "
        "jsonld, rdfxml for CONSTRUCT and DESCRIBE; csv, tsv and jsonl stream row by row)",
    )
    parser.add_argument("--output", "-o", metavar="FILE", help="write to FILE (atomically) instead of standard output")
    parser.add_argument(
        "--endpoint", metavar="URL", help="query a remote SPARQL 1.1 endpoint instead of the local graph"
    )
    parser.add_argument("--graph", metavar="IRI", help="with --endpoint: query this named graph as the default graph")
    add_engine_option(parser)
    parser.add_argument(
        "--timeout",
        type=_positive(float),
        default=60,
        metavar="SECONDS",
        help="stop the query after SECONDS (local: its worker process is killed; "
        "with --endpoint: the HTTP timeout) (default: 60)",
    )
    parser.add_argument(
        "--max-rows",
        type=_positive(int, zero=True),
        metavar="N",
        help="keep at most N rows (or triples); a cut answer is said on standard error",
    )
    parser.add_argument("--iris", action="store_true", help="table: show IRIs (as prefixed names) instead of labels")
    parser.add_argument(
        "--width", type=int, metavar="N", help="table: total width (default: the terminal's; 0 = unlimited)"
    )
    parser.add_argument("--allow-service", action="store_true", help="allow SERVICE clauses (federated queries)")
    parser.add_argument("--as-of", metavar="DATE", help="answer as the graph stood on DATE (YYYY-MM-DD; Oxigraph only)")


def _positive(kind, zero: bool = False):

    def parse(text: str):
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected a number, got {text[:40]!r}") from None
        if value < 0 or (value == 0 and not zero) or value != value:
            raise argparse.ArgumentTypeError(f"expected a number {'>= 0' if zero else '> 0'}, got {text[:40]!r}")
        if value == float("inf"):
            raise argparse.ArgumentTypeError(f"expected a finite number, got {text[:40]!r}")
        return value

    return parse


def _store(args):
    # lazy: command start-up (`minegraph --help` imports every command module)
    from minegraph.store import open_store

    store = open_store(
        project_from(args) if not args.endpoint else None,
        args.endpoint,
        args.engine,
        graph=args.graph,
        timeout=args.timeout,
        allow_service=args.allow_service,
        progress=lambda message: print(message, file=sys.stderr),
    )
    if getattr(args, "as_of", None):
        # lazy: pulls in rdflib (~170 ms), only on this path
        from minegraph.store.asof import as_of_view

        return as_of_view(store, args.as_of)
    return store


def _params(pairs: list[str]) -> dict[str, str]:

    params = {}
    for pair in pairs:
        name, equals, value = pair.partition("=")
        if not equals or not name.strip():
            raise ParameterError(f"--param expects NAME=VALUE, got {shown(pair)}")
        params[name.strip()] = value
    return params


def _answer(args, store, form: str, run) -> int:
    """Run the query (``run(timeout, max_rows)`` gives a RowStream), write it, and say when it was cut."""
    # lazy: pulls in rdflib (~170 ms), only on this path
    from minegraph.queries.streaming import STREAM_FORMATS, write_answer
    from minegraph.queries.writers import check_format

    check_format(form, args.format)
    stream = run(args.timeout, args.max_rows)
    if args.format in STREAM_FORMATS:
        rows = write_answer(stream, args.format, args.output)
        if args.output and args.output != "-":
            to_stderr(f"wrote {args.output} ({rows} rows)")
    else:
        _emit(args, stream.to_result(), store)
    if stream.truncated:
        to_stderr(f"minegraph: the answer was cut at {args.max_rows} rows (--max-rows {args.max_rows}); there are more")
    return 0


def _prestart(args) -> None:
    """Boot the query worker while the store is opened (a local, persisted Oxigraph store only)."""
    if not args.endpoint and args.engine == "oxigraph" and not getattr(args, "as_of", None):
        # lazy: command start-up (`minegraph --help` imports every command module)
        from minegraph.store.bounded import prestart

        prestart()


def _emit(args, result, store) -> int:
    # lazy: pulls in rdflib (~170 ms), only on this path
    from minegraph.queries.run import fetch_labels, result_iris
    from minegraph.queries.writers import render

    labels = None
    if args.format == "table" and not args.iris:
        labels = fetch_labels(store, result_iris(result), timeout=args.timeout)  # bounded as the answer was
    width = (
        args.width
        if args.width is not None
        else (shutil.get_terminal_size((120, 24)).columns if not args.output else 0)
    )
    text = render(
        result, args.format, labels=labels, show_iris=args.iris, width=width or 10**6, max_column=60 if width else 10**6
    )
    emit(text, args.output, f" ({len(result)} rows)", human=args.format == "table")
    return 0


def run_list(args) -> int:
    # lazy: pulls in rdflib (~170 ms), only on this path
    from minegraph.queries.run import list_queries

    entries = list_queries(project_from(args), internal=args.all)
    width = max((len(getattr(e, "name", "")) for e in entries), default=0)
    for entry in entries:
        if isinstance(entry, Exception):
            print(f"{'(broken)':<{width}}  {entry}")
            continue
        internal = " (internal)" if args.all and entry.path.parent.name == "internal" else ""
        print(f"{entry.name:<{width}}  {entry.title}{internal}")
        if args.long:
            print(_documentation(entry, indent="    "))
    print(f"({len(entries)} queries; run one with: minegraph query NAME [--param NAME=VALUE])")
    return 0


def _documentation(definition, indent: str = "") -> str:
    # lazy: command start-up (`minegraph --help` imports every command module)
    import textwrap

    lines = textwrap.wrap(definition.description, 96, initial_indent=indent, subsequent_indent=indent)
    for param in definition.params:
        lines.append(f"{indent}param  {param.summary()}")
    for example in definition.examples:
        lines.append(f"{indent}e.g.   {example}")
    return "\n".join(lines) + "\n"


def run_query(args) -> int:
    if not args.describe:
        _prestart(args)
    # lazy: command start-up (`minegraph --help` imports every command module)
    from minegraph.queries.library import find_query
    from minegraph.queries.run import stream
    from minegraph.querylang.text import query_form

    definition = find_query(project_from(args), args.name)
    if args.describe:
        print(f"{definition.name}: {definition.title}\n")
        print(_documentation(definition))
        return 0
    params = _params(args.param)
    bound = definition.bind(params)  # once, and parameter errors reported before a store is opened
    if args.as_of:
        # lazy: pulls in rdflib (~170 ms), only on this path
        from minegraph.store.asof import parse_date

        parse_date(args.as_of)
    store = _store(args)
    try:  # lazy: command start-up (`minegraph --help` imports every command module)
        from minegraph.queries.unknown import unknown_iri_warnings

        for warning in unknown_iri_warnings(definition, params, store):
            to_stderr(f"minegraph: warning: {warning}")
        return _answer(
            args,
            store,
            query_form(definition.text),
            lambda timeout, rows: stream(definition, params, store, timeout=timeout, max_rows=rows, bound=bound),
        )
    finally:
        store.close()


def run_sparql(args) -> int:
    # lazy: command start-up (`minegraph --help` imports every command module)
    from minegraph.queries.run import stream_sparql
    from minegraph.queries.writers import check_format
    from minegraph.querylang.guard import check as guard
    from minegraph.querylang.text import query_form

    text = read_stdin() if args.text == "-" else args.text
    guard(text, allow_service=args.allow_service)  # refuse updates, SERVICE, non-text before opening a store
    _prestart(args)
    form = query_form(text)
    check_format(form, args.format)
    source = "<stdin>" if args.text == "-" else "<query>"
    store = _store(args)
    try:
        return _answer(
            args,
            store,
            form,
            lambda timeout, rows: stream_sparql(text, store=store, source=source, timeout=timeout, max_rows=rows),
        )
    finally:
        store.close()
