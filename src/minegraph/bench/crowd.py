"""The bench's second generator, independent of :mod:`.synth`: a project of about N triples that keeps the
real graph as it is and adds a crowd of fictional statements with another skew and shape.

- many small sources: each source document is cited by one to three statements;
- a few huge speakers: eight organisations say about 80 % of everything (Pareto-like), a long tail of small
  organisations says the rest, one or two statements each;
- long act chains: decisions come in chains of :data:`CHAIN` steps, each step ``mg:partOf`` the one before,
  so ``partOf*`` paths are long; statements are about a step drawn uniformly, and some assessments point
  to a step of another chain (a statement whose stances cross decisions).

Nothing generated is about the real decisions, so a query on a real decision has the same answer at every
size: the bench sees whether its time grows anyway. The generated text is fiction, written under
``out/bench`` only. The real ontology, shapes and queries are copied unchanged; no ``curation/`` (the
reference-count check then only warns). Same seed, same bytes; written as it goes (bounded memory).

``python -m minegraph.bench.crowd --triples N --seed S --output DIR``
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

import pyoxigraph

MANIFEST = "crowd.json"
CHAIN = 40  # steps per decision chain
HUGE = 8  # speakers who say most things
HUGE_SHARE = 0.8
PER_FILE = 200_000  # triples per generated file
STANCES = ("support", "oppose", "neutral", "mixed")
KINDS = ("news-outlet", "regional-press", "forum-blog", "ngo", "government")
PREFIXES = {
    "mg": "https://w3id.org/minegraph/ontology#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "dcterms": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "schema": "https://schema.org/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "cs": "https://w3id.org/minegraph/id/source/crowd-",
    "cp": "https://w3id.org/minegraph/id/organisation/crowd-speaker-",
    "co": "https://w3id.org/minegraph/id/organisation/crowd-",
    "cd": "https://w3id.org/minegraph/id/decision/crowd-",
    "cst": "https://w3id.org/minegraph/id/statement/crowd-",
    "ca": "https://w3id.org/minegraph/id/stance-assessment/crowd-",
    "stance": "https://w3id.org/minegraph/id/concept/stance/",
    "ev": "https://w3id.org/minegraph/id/concept/evidence/",
    "am": "https://w3id.org/minegraph/id/concept/assessment-method/",
    "dt": "https://w3id.org/minegraph/id/concept/decision-type/",
    "sk": "https://w3id.org/minegraph/id/concept/source-kind/",
    "treaty": "https://w3id.org/minegraph/id/treaty/",
    "state": "https://w3id.org/minegraph/id/state/",
    "org": "https://w3id.org/minegraph/id/organisation/",
}
DECIDERS = ("state:LVA", "state:FIN", "state:POL", "state:LTU", "state:EST", "state:UKR")
ASSESSOR = "org:minegraph-curators"


@dataclass
class Manifest:
    """What was generated (``crowd.json`` beside ``graph/``)."""

    generator: str
    target: int
    seed: int
    triples: int
    real_triples: int
    statements: int
    sources: int
    speakers: int
    chains: int
    files: int


class Writer:
    """Turtle files of at most :data:`PER_FILE` triples each, counted as written."""

    def __init__(self, folder: Path):
        self.folder, self.count, self.files, self._in_file, self._out = folder, 0, 0, 0, None
        self.header = "".join(f"@prefix {k}: <{v}> .\n" for k, v in PREFIXES.items()) + "\n"

    def node(self, subject: str, *pairs: tuple[str, str]) -> None:
        if self._out is None or self._in_file >= PER_FILE:
            self.close()
            self._out = (self.folder / f"crowd-{self.files:03d}.ttl").open("w", encoding="utf-8")
            self._out.write(self.header)
            self.files, self._in_file = self.files + 1, 0
        self._out.write(subject + " " + " ;\n    ".join(f"{p} {o}" for p, o in pairs) + " .\n")
        self.count += len(pairs)
        self._in_file += len(pairs)

    def close(self) -> None:
        if self._out is not None:
            self._out.close()
            self._out = None


def text(value: str) -> str:
    return json.dumps(value, ensure_ascii=False) + "@en"


def speaker_of(rng: random.Random, tail: int) -> str:
    """A huge speaker with probability :data:`HUGE_SHARE` (the first ones most), else one of the tail."""
    if rng.random() < HUGE_SHARE:
        return f"cp:{min(int(rng.paretovariate(1.2)) - 1, HUGE - 1)}"
    return f"co:{rng.randrange(tail)}"


def write_people(out: Writer, tail: int) -> None:
    for i in range(HUGE):
        out.node(
            f"cp:{i}",
            ("a", "mg:NonGovernmentalOrganisation"),
            ("rdfs:label", text(f"Crowd speaker {i}")),
            ("dcterms:source", "cs:0"),
        )
    for i in range(tail):
        out.node(
            f"co:{i}",
            ("a", "mg:NonGovernmentalOrganisation"),
            ("rdfs:label", text(f"Crowd organisation {i}")),
            ("dcterms:source", f"cs:{i}"),
        )


def write_source(out: Writer, i: int, rng: random.Random) -> None:
    out.node(
        f"cs:{i}",
        ("a", "mg:NewsArticle"),
        ("rdfs:label", text(f"Crowd source {i}")),
        ("schema:url", f'"https://example.org/crowd/{i}"^^xsd:anyURI'),
        ("mg:authorityRank", str(rng.randint(2, 5))),
        ("mg:publisherName", json.dumps(f"Crowd publisher {i % 97}")),
        ("mg:sourceKind", f"sk:{rng.choice(KINDS)}"),
    )


def write_chain(out: Writer, chain: int, sources: int, rng: random.Random) -> None:
    """:data:`CHAIN` decisions, each step part of the one before (the first is the chain's own root), each
    citing one of the first ``sources`` sources."""
    for step in range(CHAIN):
        pairs = [
            ("a", "mg:Decision"),
            ("rdfs:label", text(f"Crowd decision {chain}, step {step}")),
            ("dcterms:source", f"cs:{(chain * CHAIN + step) % sources}"),
            ("mg:decidedBy", rng.choice(DECIDERS)),
            ("mg:decisionType", "dt:" + ("withdrawal" if step == 0 else "recommendation")),
            ("mg:treaty", "treaty:apmbc"),
        ]
        if step:
            pairs.append(("mg:partOf", f"cd:{chain}-{step - 1}"))
        out.node(f"cd:{chain}-{step}", *pairs)


def write_statement(out: Writer, i: int, source: int, chains: int, tail: int, rng: random.Random) -> None:
    """A statement about one step of a chain (one time in four about a second step too, often of another
    chain), with one assessment toward each decision it is about."""
    towards = list(
        dict.fromkeys(f"cd:{rng.randrange(chains)}-{rng.randrange(CHAIN)}" for _ in range(1 + (rng.random() < 0.25)))
    )
    out.node(
        f"cst:{i}",
        ("a", "mg:Statement"),
        ("rdfs:label", text(f"Crowd statement {i}")),
        ("dcterms:source", f"cs:{source}"),
        *(("mg:about", about) for about in towards),
        ("mg:appearsIn", f"cs:{source}"),
        ("mg:speaker", speaker_of(rng, tail)),
        ("mg:summary", text(f"Fictional position number {i} for the bench")),
        ("mg:evidenceLevel", "ev:reported-position"),
    )  # a reported position: no archived text to anchor a quote
    for j, decision in enumerate(towards):
        out.node(
            f"ca:{i}.{j}",
            ("a", "mg:StanceAssessment"),
            ("rdfs:label", text(f"Crowd assessment {i}.{j}")),
            ("dcterms:source", f"cs:{source}"),
            ("prov:wasAttributedTo", ASSESSOR),
            ("mg:assessedStatement", f"cst:{i}"),
            ("mg:assessmentMethod", "am:curated"),
            ("mg:stance", f"stance:{rng.choice(STANCES)}"),
            ("mg:stanceNote", text("Fictional bench note")),
            ("mg:towards", decision),
        )


#: Expected triples per statement: its own 8, 9 per assessment (1.25 of them), a source (6) per two statements,
#: a chain step (6) per 50 statements, a tail speaker (4) per 10.
PER_STATEMENT = 8 + 9 * 1.25 + 6 / 2 + 6 / 50 + 4 / 10


def generate(project: Path, output: Path, triples: int, seed: int) -> Manifest:
    """Write the project at ``output`` (replacing an earlier generated one, never anything else)."""
    if output.exists() and any(output.iterdir()) and not (output / MANIFEST).is_file():
        raise SystemExit(f"{output}: exists and is not a crowd project (no {MANIFEST}); not overwriting it")
    shutil.rmtree(output, ignore_errors=True)
    for part in ("ontology", "queries", "graph"):
        shutil.copytree(project / part, output / part)
    real = sum(
        sum(1 for _ in pyoxigraph.parse(path=str(p), format=pyoxigraph.RdfFormat.TURTLE))
        for p in sorted((project / "graph").glob("*.ttl"))
    )
    statements = max(int((triples - real) / PER_STATEMENT), 10)
    chains, tail = max(statements // (50 * CHAIN), 1), max(statements // 10, 1)
    rng, out = random.Random(seed), Writer(output / "graph")
    write_people(out, tail)
    for chain in range(chains):
        write_chain(out, chain, max(statements // 3, 1), rng)  # at most three statements per source
    source, said = 0, 0
    for i in range(statements):
        if said >= rng.randint(1, 3):  # many small sources: one to three statements each
            source, said = source + 1, 0
        if said == 0:
            write_source(out, source, rng)
        write_statement(out, i, source, chains, tail, rng)
        said += 1
    for extra in range(source + 1, tail):  # every tail speaker cites a source of its own
        write_source(out, extra, rng)
    out.close()
    manifest = Manifest(
        "crowd",
        triples,
        seed,
        real + out.count,
        real,
        statements,
        max(source + 1, tail),
        HUGE + tail,
        chains,
        out.files,
    )
    (output / MANIFEST).write_text(json.dumps(asdict(manifest), indent=1) + "\n", encoding="utf-8")
    return manifest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m minegraph.bench.crowd", description=__doc__.split("\n\n")[0])
    parser.add_argument("--project", type=Path, default=Path("."))
    parser.add_argument("--output", type=Path, required=True)
    parser.add_argument("--triples", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    manifest = generate(args.project.resolve(), args.output, args.triples, args.seed)
    print(json.dumps(asdict(manifest)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
