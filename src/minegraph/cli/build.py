"""``minegraph build``: regenerate graph/*.ttl from curation/."""

from __future__ import annotations

import sys

from . import project_from


def register(sub) -> None:
    parser = sub.add_parser("build", help="rebuild graph/*.ttl from curation/ (deterministic)")
    parser.add_argument(
        "--check", action="store_true", help="write nothing; exit 1 if graph/ differs from a fresh build"
    )
    parser.set_defaults(handler=run)


def run(args) -> int:
    # lazy: pulls in rdflib (~170 ms), only on this path
    from minegraph.assemble.builder import build, stale_files

    project = project_from(args)
    if args.check:
        stale = stale_files(project)
        for name in stale:
            print(f"stale: graph/{name}")
        print("graph/ is up to date" if not stale else f"{len(stale)} file(s) differ from a fresh build")
        return 1 if stale else 0
    changed = build(project, progress=lambda message: print(message, file=sys.stderr))
    for path in changed:
        print(f"{'wrote' if path.exists() else 'removed'} {path.relative_to(project.root)}")
    print(f"{len(changed)} file(s) changed")
    return 0
