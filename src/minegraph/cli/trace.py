"""``minegraph trace IRI|TEXT``: the provenance card of a statement, an actor or a decision.

Text (default) for a terminal, JSON (the card), or Turtle of the traced subgraph (to share and import).
An unknown IRI, or words that match nothing or several nodes, exit 2 with the candidates listed.
"""

from __future__ import annotations

import shutil

from . import add_engine_option, emit, local_store, project_from


def register(sub) -> None:
    parser = sub.add_parser("trace", help="trace a statement, actor or decision back to its sources")
    parser.add_argument("target", nargs="+", metavar="IRI|TEXT",
                        help="an IRI or prefixed name (statement:…, person:…, decision:…), or words of a quote or name")
    parser.add_argument("--format", "-f", choices=("text", "json", "ttl"), default="text",
                        help="text card (default), JSON card, or Turtle of the traced subgraph")
    parser.add_argument("--output", "-o", metavar="FILE", help="write to FILE (atomically) instead of standard output")
    add_engine_option(parser)
    parser.set_defaults(handler=run)


def run(args) -> int:
    from minegraph.provenance.render import render
    from minegraph.provenance.resolve import check_search_text, resolve, trace

    words = " ".join(args.target)
    check_search_text(words)  # a text too long to search is refused before the store is opened
    project = project_from(args)
    store = local_store(args, project)
    try:
        target = resolve(store, words)
        card = trace(store, target, project)
        width = 100 if args.output else min(shutil.get_terminal_size((100, 24)).columns, 120)
        text = render(store, target, card, args.format, width)
    finally:
        store.close()
    emit(text, args.output, human=args.format == "text")
    return 0
