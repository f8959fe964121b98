"""``minegraph network``: the shape of the debate — graphs, centrality, coalitions, brokers, who is quoted;
and, with ``--kind`` or ``--window``, discourse networks as Discourse Network Analyzer (DNA) computes them.

Without ``--kind``/``--window``/``--edge``: the analyses as tables (default) or JSON; ``--export`` also writes
GraphML and GEXF of every graph and the stance-network picture (PNG, SVG) to ``--output DIR`` (default
``out/network``). With ``--kind``: one DNA network (affiliation, congruence, conflict, subtract) at a level,
normalised, as its ties (table), its matrix (``--format csv``, rDNA's layout) or JSON; ``--export`` writes
GraphML, CSV and JSON. With ``--window``: the window sequence, its polarisation and camps; ``--export`` writes
the dynamic GEXF, JSON, CSV and two pictures (the congruence network per window, the polarisation curve). ``--edge A B``: the statements behind the tie A–B.
"""

from __future__ import annotations

import argparse
import datetime
import json
import sys
from pathlib import Path

from . import add_engine_option, local_store, project_from, to_stderr


def register(sub) -> None:
    parser = sub.add_parser(
        "network", help="network analysis of the debate; DNA's discourse networks, time windows, polarisation; exports"
    )
    parser.add_argument(
        "--format",
        "-f",
        choices=("table", "json", "csv"),
        default="table",
        help="output format (default: table; csv: a DNA network's matrix in rDNA's layout)",
    )
    parser.add_argument("--export", action="store_true", help="also write the files of what is computed (see --output)")
    parser.add_argument(
        "--output", "-o", metavar="DIR", help="directory of the exports (implies --export; default: out/network)"
    )
    parser.add_argument("--top", type=int, default=10, metavar="N", help="rows per ranking in tables (default: 10)")
    parser.add_argument(
        "--seed",
        type=int,
        default=1,
        help="seed of the Louvain communities and, on a large graph, of the sampled betweenness (default: 1)",
    )
    _discourse_options(
        parser.add_argument_group("discourse networks (as DNA/rDNA compute them; docs/discourse-networks.md)")
    )
    add_engine_option(parser)
    parser.set_defaults(handler=run)


def _discourse_options(dna) -> None:
    """The options of one DNA network or a window sequence."""
    dna.add_argument(
        "--kind",
        choices=("affiliation", "congruence", "conflict", "subtract"),
        help="one network: actor × decision (affiliation) or actor × actor",
    )
    dna.add_argument(
        "--level",
        choices=("person", "organisation", "state"),
        default="person",
        help="what an actor is: the speaker, the organisation they spoke for, or its state (default: person)",
    )
    dna.add_argument(
        "--normalisation",
        "--normalization",
        default="none",
        choices=("none", "average", "jaccard", "cosine", "activity", "prominence"),
        help="one-mode: none, average, jaccard, cosine; affiliation: none, activity, prominence",
    )
    dna.add_argument(
        "--qualifier",
        choices=("binary", "scale"),
        default="binary",
        help="stance as support/oppose only (binary, default) or support 1, neutral/mixed 0, oppose -1 (scale)",
    )
    dna.add_argument("--isolates", action="store_true", help="keep every actor of the selection, active or not")
    dna.add_argument(
        "--exclude",
        action="append",
        default=[],
        metavar="NODE",
        help="leave out an actor (at --level) or a decision: IRI, prefixed name or label (repeatable)",
    )
    dna.add_argument(
        "--evidence",
        action="append",
        choices=("anchored-quote", "reported-position"),
        help="only statements of this evidence level (repeatable)",
    )
    dna.add_argument("--start", type=_date, metavar="DATE", help="first day (YYYY-MM-DD)")
    dna.add_argument("--end", type=_date, metavar="DATE", help="last day (YYYY-MM-DD)")
    dna.add_argument("--window", metavar="SPAN", help="time windows of SPAN (30d, 2w, 1m, 1q, 1y): a network sequence")
    dna.add_argument("--step", metavar="SPAN", help="windows start every SPAN (default: the window's length)")
    dna.add_argument(
        "--edge", nargs=2, metavar=("A", "B"), help="the statements behind the tie A–B (or actor A × decision B)"
    )


def _date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def run(args) -> int:
    if args.kind or args.window or args.edge:
        return run_discourse(args)
    # lazy: pulls in networkx (~200 ms), rdflib (~170 ms), only on this path
    from minegraph.analysis.graphs import analyse

    project = project_from(args)
    store = local_store(args, project)
    try:
        analysis = analyse(store, project, seed=args.seed)
    finally:
        store.close()
    if args.export or args.output:
        # lazy: pulls in networkx (~200 ms), only on this path
        from minegraph.analysis.graphml import export_all
        from minegraph.analysis.plot import stance_picture

        out_dir = Path(args.output) if args.output else project.root / "out" / "network"
        written = export_all(analysis.graphs, out_dir)
        written += stance_picture(analysis.graphs["stance"], analysis.coalitions, analysis.unaligned, out_dir)
        for path in written:
            print(f"wrote {path}", file=sys.stderr)
    if args.format == "json":
        print(json.dumps(analysis.to_dict(), indent=2, ensure_ascii=False))
    else:
        # lazy: command start-up (`minegraph --help` imports every command module)
        from minegraph.analysis.tables import render_tables

        sys.stdout.write(render_tables(analysis, args.top))
    return 0


def run_discourse(args) -> int:
    """``--kind``, ``--window`` or ``--edge``: the DNA networks of the coded statements."""
    # lazy: command start-up (`minegraph --help` imports every command module)
    from minegraph.analysis.discourse.statements import Statements, resolve

    project = project_from(args)
    store = local_store(args, project)
    try:
        statements = Statements.from_store(store, project)
    finally:
        store.close()
    excluded = [resolve(statements, text) for text in args.exclude]
    options = dict(
        level=args.level,
        normalisation=args.normalisation,
        qualifier=args.qualifier,
        evidence=args.evidence,
        exclude_actors=excluded,
        exclude_decisions=excluded,
    )
    out_dir = Path(args.output) if args.output else project.root / "out" / "network"
    if args.window:
        text, written = _sequence(args, statements, options, out_dir)
    else:
        text, written = _network(args, statements, options, out_dir)
    for path in written:
        to_stderr(f"wrote {path}")
    sys.stdout.write(text)
    return 0


def _sequence(args, statements, options: dict, out_dir: Path) -> tuple[str, list[Path]]:
    """``--window``: the network of each time window, as text, JSON or CSV (and its files with ``--export``)."""
    # lazy: command start-up (`minegraph --help` imports every command module)
    from minegraph.analysis.discourse import exports, render
    from minegraph.analysis.discourse.pictures import window_pictures
    from minegraph.analysis.discourse.windows import sequence

    result = sequence(statements, args.window, args.step or args.window, start=args.start, end=args.end, **options)
    written = []
    if args.export or args.output:
        written = exports.write_sequence(result, out_dir) + window_pictures(result, out_dir)
    text = (
        exports.sequence_json(result).decode()
        if args.format == "json"
        else exports.sequence_csv(result).decode()
        if args.format == "csv"
        else render.sequence_text(result)
    )
    return text, written


def _network(args, statements, options: dict, out_dir: Path) -> tuple[str, list[Path]]:
    """``--kind`` (default subtract): one DNA network, or with ``--edge`` the statements behind one tie."""
    # lazy: command start-up (`minegraph --help` imports every command module)
    from minegraph.analysis.discourse import exports, render
    from minegraph.analysis.discourse.networks import build
    from minegraph.analysis.discourse.statements import resolve

    kind = args.kind or "subtract"
    network = build(statements, kind, isolates=args.isolates, start=args.start, end=args.end, **options)
    stem = f"{kind}-{args.level}-{args.normalisation}"
    written = (
        [exports.write_network(network, out_dir / f"{stem}{suffix}") for suffix in (".graphml", ".csv", ".json")]
        if args.export or args.output
        else []
    )
    if args.edge:
        a, b = (resolve(statements, text) for text in args.edge)
        text = (
            json.dumps(
                [c.__dict__ | {"date": c.date and c.date.isoformat()} for c in network.behind(a, b)],
                indent=1,
                ensure_ascii=False,
            )
            + "\n"
            if args.format == "json"
            else render.tie_text(network, a, b)
        )
    else:
        text = (
            exports.network_json(network).decode()
            if args.format == "json"
            else exports.matrix_csv(network).decode()
            if args.format == "csv"
            else render.network_text(network, args.top)
        )
    return text, written
