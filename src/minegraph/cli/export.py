"""``minegraph export [--output dist/] [--without-texts]``: the release (dumps, VoID/DCAT, docs, SHA256SUMS)."""

from __future__ import annotations

from . import project_from


def register(sub) -> None:
    parser = sub.add_parser(
        "export", help="write the release: dumps in five formats, VoID/DCAT, ontology docs, checksums"
    )
    parser.add_argument("--output", "-o", metavar="DIR", default="dist", help="release directory (default: dist/)")
    parser.add_argument(
        "--without-texts",
        action="store_true",
        help="leave out the archived third-party texts (their hashes and selectors stay)",
    )
    parser.add_argument("--base", default="https://w3id.org/minegraph/", help="base of download and endpoint URLs")
    parser.set_defaults(handler=run)


def run(args) -> int:
    # lazy: pulls in rdflib (~170 ms), only on this path
    from minegraph.publish.export import export

    project = project_from(args)
    manifest = export(project.root, args.output, without_texts=args.without_texts, base=args.base)
    print(
        f"{manifest.output_dir}: {len(manifest.files)} files, {manifest.triples} triples, "
        f"{len(manifest.graphs)} named graphs (checksums in SHA256SUMS)"
    )
    return 0
