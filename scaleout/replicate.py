"""A bigger graph for measuring only: K copies of the real graph, every instance IRI suffixed per copy.

    python3 scaleout/replicate.py --copies K --output DIR [--project .]

Writes DIR/ontology/ (copied) and DIR/graph/copy-NNNNN.nt. Copy 0 is the real graph unchanged; in
copy k every IRI under ``https://w3id.org/minegraph/id/`` except the shared concepts (``id/concept/``,
which library queries name) gets ``-ck`` appended, and blank nodes are renamed per copy. The result
is not curated data and does not pass validation (codes and dates repeat); it exists so push and
the query library can be timed at 10^5-10^6 triples. ``minegraph.bench.synth`` is the real,
validating generator; ``scaleout/measure.py`` takes the output of either.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

INSTANCES = "https://w3id.org/minegraph/id/"
SHARED = INSTANCES + "concept/"


def rename(term, copy: int):
    """The term as it appears in copy ``copy``."""
    import pyoxigraph

    if copy == 0:
        return term
    if (
        isinstance(term, pyoxigraph.NamedNode)
        and term.value.startswith(INSTANCES)
        and not term.value.startswith(SHARED)
    ):
        return pyoxigraph.NamedNode(f"{term.value}-c{copy}")
    if isinstance(term, pyoxigraph.BlankNode):
        return pyoxigraph.BlankNode(f"c{copy}x{term.value}")
    return term


def replicate(project: Path, output: Path, copies: int) -> int:
    """Write the copies; returns the number of triples written."""
    import pyoxigraph

    if output.exists():
        shutil.rmtree(output)
    shutil.copytree(project / "ontology", output / "ontology")
    (output / "graph").mkdir(parents=True)
    source = pyoxigraph.Store()
    for path in sorted((project / "graph").glob("*.ttl")):
        source.bulk_load(path=str(path), format=pyoxigraph.RdfFormat.TURTLE, base_iri=path.resolve().as_uri())
    triples = [
        (q.subject, q.predicate, q.object)
        for q in source.quads_for_pattern(None, None, None, pyoxigraph.DefaultGraph())
    ]
    for copy in range(copies):
        target = output / "graph" / f"copy-{copy:05d}.nt"
        quads = (pyoxigraph.Quad(rename(s, copy), p, rename(o, copy)) for s, p, o in triples)
        pyoxigraph.serialize(quads, str(target), format=pyoxigraph.RdfFormat.N_TRIPLES)
    return len(triples) * copies


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--copies", type=int, required=True)
    parser.add_argument("--output", type=Path, required=True)
    parser.add_argument("--project", type=Path, default=Path("."))
    args = parser.parse_args(argv)
    if args.copies < 1:
        parser.error("--copies must be at least 1")
    count = replicate(args.project.resolve(), args.output, args.copies)
    print(f"wrote {args.output}: about {count} triples in {args.copies} copies")
    return 0


if __name__ == "__main__":
    sys.exit(main())
