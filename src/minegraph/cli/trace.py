"""``minegraph trace IRI|TEXT``: the provenance card of a statement, an actor or a decision.

Text (default) for a terminal, JSON (the card), or Turtle of the traced subgraph (to share and import).
An unknown IRI, or words that match nothing or several nodes, exit 2 with the candidates listed.
"""

from __future__ import annotations

import argparse
import shutil

from minegraph.errors import InputError
from minegraph.provenance.render import FORMATS, render

from . import add_engine_option, emit, local_store, project_from


def register(sub) -> None:
    parser = sub.add_parser("trace", help="trace a statement, actor or decision back to its sources")
    parser.add_argument(
        "target",
        nargs="*",
        metavar="IRI|TEXT",
        help="an IRI or prefixed name (statement:…, person:…, decision:…), or words of a quote or name",
    )
    parser.add_argument(
        "--edge",
        nargs=2,
        metavar=("A", "B"),
        help="trace a tie of the discourse network instead: the statements behind A–B "
        "(as minegraph network --edge A B; --kind and --level there)",
    )
    parser.add_argument(
        "--format",
        "-f",
        choices=FORMATS,
        default="text",
        help="text card (default), JSON card, or Turtle of the traced subgraph",
    )
    parser.add_argument("--output", "-o", metavar="FILE", help="write to FILE (atomically) instead of standard output")
    add_engine_option(parser)
    parser.set_defaults(handler=run)


def run(args) -> int:
    if args.edge:
        # lazy: command start-up (`minegraph --help` imports every command module)
        from .network import run as network

        return network(_edge_arguments(args))
    if not args.target:
        raise InputError(None, "say what to trace: an IRI, a prefixed name or words (or --edge A B)")
    # lazy: pulls in rdflib (~170 ms), only on this path
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


def _edge_arguments(args):
    """The arguments of ``minegraph network --edge A B`` (a subtract network of persons: every statement on a
    decision both spoke on, agreeing or not)."""
    return argparse.Namespace(
        **vars(args)
        | dict(
            kind="subtract",
            window=None,
            level="person",
            normalisation="none",
            qualifier="binary",
            isolates=False,
            exclude=[],
            evidence=None,
            start=None,
            end=None,
            step=None,
            export=False,
            output=None,
            top=10,
            seed=1,
            format="json" if args.format == "json" else "table",
        )
    )
