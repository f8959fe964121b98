"""``minegraph validate``: the shapes and the extra checks over ontology/ + graph/*.ttl (SPARQL engine, or pySHACL).

Prints one line per problem (``graph/FILE: SEVERITY "label" <IRI> property: message``) and a
summary; exits 0 when the graph conforms, 1 when it does not, 2 on unreadable input.
"""

from __future__ import annotations

import json

from minegraph.core.terminal import visible

from . import project_from


def register(sub) -> None:
    parser = sub.add_parser("validate", help="check the graph against the shapes and the extra checks")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    parser.add_argument(
        "--engine",
        choices=("sparql", "pyshacl"),
        default="sparql",
        help="sparql (default: the shapes as SPARQL over Oxigraph) or pyshacl (the reference engine)",
    )
    parser.add_argument("--no-shacl", action="store_true", help="skip the shapes; run only the extra checks (quick)")
    parser.add_argument(
        "--check",
        action="append",
        metavar="NAME",
        dest="checks",
        help="run only this extra check (repeatable; default: all registered checks)",
    )
    parser.set_defaults(handler=run)


def run(args) -> int:
    # lazy: command start-up (`minegraph --help` imports every command module)
    from minegraph.validation import validate
    from minegraph.validation.render import format_finding, summary

    report = validate(project_from(args), engine=args.engine, checks=args.checks, shacl=not args.no_shacl)
    if args.format == "json":
        print(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
    else:
        for finding in report.findings:
            print(visible(format_finding(finding)))
        print(summary(report))
    return 0 if report.conforms else 1
