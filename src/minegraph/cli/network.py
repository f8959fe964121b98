"""``minegraph network``: the shape of the debate — graphs, centrality, coalitions, brokers, who is quoted.

Prints the analyses as tables (default) or JSON; ``--export`` also writes GraphML and GEXF of every graph
and the stance-network picture (PNG, SVG) to ``--output DIR`` (default ``out/network``).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from . import add_engine_option, local_store, project_from



def register(sub) -> None:
    parser = sub.add_parser("network", help="network analysis of the debate; GraphML/GEXF exports and the stance picture")
    parser.add_argument("--format", "-f", choices=("table", "json"), default="table", help="output format (default: table)")
    parser.add_argument("--export", action="store_true",
                        help="also write GraphML, GEXF and the stance-network picture (PNG, SVG)")
    parser.add_argument("--output", "-o", metavar="DIR", help="directory of the exports (implies --export; default: out/network)")
    parser.add_argument("--top", type=int, default=10, metavar="N", help="rows per ranking in tables (default: 10)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the Louvain communities and, on a large graph, of the sampled betweenness (default: 1)")
    add_engine_option(parser)
    parser.set_defaults(handler=run)


def run(args) -> int:
    from minegraph.analysis.graphs import analyse

    project = project_from(args)
    store = local_store(args, project)
    try:
        analysis = analyse(store, project, seed=args.seed)
    finally:
        store.close()
    if args.export or args.output:
        from minegraph.analysis.export import export_all
        from minegraph.analysis.plot import stance_picture

        out_dir = Path(args.output) if args.output else project.root / "out" / "network"
        written = export_all(analysis.graphs, out_dir)
        written += stance_picture(analysis.graphs["stance"], analysis.coalitions, analysis.unaligned, out_dir)
        for path in written:
            print(f"wrote {path}", file=sys.stderr)
    if args.format == "json":
        print(json.dumps(analysis.to_dict(), indent=2, ensure_ascii=False))
    else:
        from minegraph.analysis.tables import render_tables

        sys.stdout.write(render_tables(analysis, args.top))
    return 0
