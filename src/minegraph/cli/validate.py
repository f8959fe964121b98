"""``minegraph validate``: pySHACL and the extra checks over ontology/ + graph/*.ttl.

Prints one line per problem (``graph/FILE: SEVERITY "label" <IRI> property: message``) and a
summary; exits 0 when the graph conforms, 1 when it does not, 2 on unreadable input.
"""

from __future__ import annotations

import json

from . import project_from


def register(sub) -> None:
    parser = sub.add_parser("validate", help="check the graph against the shapes and the extra checks")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    parser.add_argument("--no-shacl", action="store_true", help="skip pySHACL; run only the extra checks (quick)")
    parser.add_argument(
        "--check", action="append", metavar="NAME", dest="checks",
        help="run only this extra check (repeatable; default: all registered checks)",
    )
    parser.set_defaults(handler=run)


def run(args) -> int:
    from minegraph.validate.shapes import validate

    report = validate(project_from(args), checks=args.checks, shacl=not args.no_shacl)
    if args.format == "json":
        print(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
    else:
        for finding in report.findings:
            print(format_finding(finding))
        print(summary(report))
    return 0 if report.conforms else 1


def format_finding(finding) -> str:
    """``graph/FILE: SEVERITY "label" <IRI> property: message`` (parts that are unknown are left out)."""
    parts = [f"{finding.file or '(no file)'}:", finding.severity]
    if finding.label:
        parts.append(json.dumps(finding.label, ensure_ascii=False))
    if finding.focus:
        parts.append(f"<{finding.focus}>")
    where = " ".join(parts)
    prop = f" {finding.path}" if finding.path else ""
    return f"{where}{prop}: {finding.message}  [{finding.source}]"


def summary(report) -> str:
    counts = report.counts()
    ran = ("pySHACL + " if report.shacl else "") + f"{len(report.checks)} check(s)"
    verdict = "the graph conforms" if report.conforms else "the graph does NOT conform"
    return (
        f"{counts['Violation']} violation(s), {counts['Warning']} warning(s), {counts['Info']} info(s) "
        f"in {report.triples} triples ({ran}): {verdict}"
    )
