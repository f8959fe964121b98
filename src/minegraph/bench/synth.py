"""The synthetic generator: a complete project directory of about N triples with the real graph's
shape and vocabulary, valid against its shapes and checks.

The real ``graph/`` is copied k times, every instance IRI rewritten per copy (``-c0007``; a state's
code gets digits, ``LVA`` → ``LVA7``, as its IRI must end with its code), its archived texts
copied under rewritten names; shared nodes (the Convention, its rules, dates, concepts, the dataset
description) are written once. Wikidata links stay in copy 0 only (the other copies are not those
entities). Then Zipf-skewed extra statements and claims fill the budget (see :mod:`.extras`).
Each copy is written as one N-Triples file (valid Turtle) straight from a text template, so memory
stays bounded at any size. Same seed, same bytes. Each copy also gets reported positions (statements
without an archived text) dated across 2025 (see :mod:`.reported`), for the discourse-network windows.

Two adjustments keep the copies valid: Article 17's threshold (``mg:instrumentThreshold``, the
40th deposit) is multiplied by k, as each deposit date occurs k times; and the synthetic
``ontology/shapes.ttl`` lets an alpha-3 code carry the copy digits (``^[A-Z]{3}[0-9]*$``).
``curation/`` is not written: the reference-count check then only warns that it has no reference.

``python -m minegraph.bench.synth --triples N --seed S --output DIR``
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import shutil
import sys
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

from .extras import ExtraPlan, GrowingText, allocate, generate
from .learned import load_real_graph
from .progress import Bar
from .reported import SHARE, plan_reported, reported_positions
from .template import CODE, COPY, build_templates, count, scale_shared, sha, with_suffix

#: Share of the budget spent on whole copies; the rest goes to Zipf-skewed extras.
COPY_SHARE = 0.75
#: The shapes' alpha-3 pattern and the synthetic one that allows copy digits.
ALPHA3_PATTERN, SYNTHETIC_ALPHA3_PATTERN = '"^[A-Z]{3}$"', '"^[A-Z]{3}[0-9]*$"'
MANIFEST = "synth.json"
#: The most data triples a synthetic project may aim for (10^8: well past the 10^7 the benchmarks use).
MAX_TRIPLES = 100_000_000


class SynthError(Exception):
    """A generator input or output problem, said in a sentence."""


@dataclass
class Manifest:
    """What was generated (written to ``synth.json`` beside ``graph/``)."""

    target: int
    seed: int
    triples: int
    copies: int
    extras: int
    shared_triples: int
    triples_per_copy: int
    files: int
    reported: int = 0  # reported positions (no archived text) dated across a year, see :mod:`.reported`


def plan_sizes(target: int, shared: int, first: int, other: int, extra: float, copies: int | None) -> tuple[int, int]:
    """(copies, extra assertions) for a budget of ``target`` data triples (at least one copy)."""
    budget = target - shared
    if copies is None:
        copies = max(1, int(budget * COPY_SHARE // other))
    remaining = budget - first - (copies - 1) * other
    return copies, max(0, round(remaining / extra))


def copy_suffix(copy: int) -> tuple[str, str]:
    """(IRI suffix, code digits) of a copy; copy 0 keeps the real IRIs."""
    return ("", "") if copy == 0 else (f"-c{copy:04d}", str(copy))


def synthesize(
    project_dir, output_dir, triples: int = 10_000, seed: int = 1, progress: bool = True, copies: int | None = None
) -> Manifest:
    """Write a synthetic project of about ``triples`` data triples to ``output_dir`` (replaced
    atomically; an existing directory must be an earlier output, with its ``synth.json``)."""
    project, output = Path(project_dir), Path(output_dir)
    if isinstance(triples, bool) or not isinstance(triples, int) or not 1 <= triples <= MAX_TRIPLES:
        raise SynthError(f"--triples must be a whole number from 1 to {MAX_TRIPLES:,}, not {triples!r}")
    if not (project / "graph").is_dir() or not (project / "ontology").is_dir():
        raise SynthError(f"{project}: not a minegraph project (no graph/ and ontology/)")
    if output.exists() and any(output.iterdir()) and not (output / MANIFEST).is_file():
        raise SynthError(f"{output}: exists and is not a synthetic project (no {MANIFEST}); not overwriting it")
    real = load_real_graph(project)
    templates = build_templates(real)
    plan = ExtraPlan(real, templates.extras)
    reported = plan_reported(real)
    shared_lines = templates.shared.count("\n")
    k, extras = plan_sizes(
        triples,
        shared_lines,
        templates.first.count("\n"),
        templates.other.count("\n"),
        plan.expected_size() + SHARE * reported.lines_each(),
        copies,
    )
    output.parent.mkdir(parents=True, exist_ok=True)
    _remove_killed_runs(output)
    work = Path(tempfile.mkdtemp(prefix=f".{output.name}.synth-{os.getpid()}-", dir=output.parent))
    try:
        _copy_schema(project, work)
        graph = work / "graph"
        (graph / "sources").mkdir(parents=True)
        (graph / "shared.ttl").write_text(scale_shared(templates.shared, k), encoding="utf-8")
        written = shared_lines
        per_copy = allocate(extras, k) if plan.hosts.items else [0] * k
        bar = Bar(k, "copies", enabled=progress)
        for c in range(k):
            lines = _write_copy(project, graph, real, templates, (plan, reported), c, per_copy[c], seed)
            written += lines
            bar.advance(lines)
        bar.close()
        manifest = Manifest(
            triples,
            seed,
            written,
            k,
            extras,
            shared_lines,
            templates.other.count("\n"),
            len(list(graph.glob("*.ttl"))),
            sum(reported.count(n) for n in per_copy),
        )
        (work / MANIFEST).write_text(json.dumps(asdict(manifest), indent=1) + "\n", encoding="utf-8")
        if output.exists():
            shutil.rmtree(output)
        work.rename(output)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return manifest


def _remove_killed_runs(output: Path) -> None:
    """The work folders of earlier runs for ``output`` whose process is gone (a killed run's): each is
    named after its process id, so one of a run still going is kept."""
    prefix = f".{output.name}.synth-"
    for stray in output.parent.glob(f"{prefix}*"):
        pid = stray.name[len(prefix) :].partition("-")[0]
        if stray.is_dir() and pid.isdigit() and not Path(f"/proc/{pid}").exists():
            shutil.rmtree(stray, ignore_errors=True)


def _copy_schema(project: Path, work: Path) -> None:
    """ontology/ (with the widened alpha-3 pattern) and queries/, as in the real project."""
    for name in ("ontology", "queries"):
        source = project / name
        if source.is_dir():
            shutil.copytree(source, work / name)
    shapes = work / "ontology" / "shapes.ttl"
    if shapes.is_file():
        text = shapes.read_text(encoding="utf-8")
        shapes.write_text(text.replace(ALPHA3_PATTERN, SYNTHETIC_ALPHA3_PATTERN), encoding="utf-8")


def _write_copy(project: Path, graph: Path, real, templates, plans, c: int, n_extras: int, seed: int) -> int:
    """Write copy ``c`` (its triples, extras, reported positions and archived texts); return its number of triples."""
    plan, reported = plans
    suffix, digits = copy_suffix(c)
    sources = project / "graph" / "sources"
    texts = {node: GrowingText.of((sources / name).read_text(encoding="utf-8")) for node, name in real.archives.items()}
    extra_text = generate(plan, random.Random(f"{seed}:{c}"), n_extras, texts)
    body = templates.first if c == 0 else templates.other
    for i, node in enumerate(templates.archive_order):
        name, text = real.archives[node], texts[node]
        target = graph / "sources" / with_suffix(name, suffix)
        if len(text.parts) == 1:
            shutil.copyfile(sources / name, target)
            digest, length = real.archive_facts[node]
        else:
            data = text.text().encode("utf-8")
            target.write_bytes(data)
            digest, length = hashlib.sha256(data).hexdigest(), text.length
        body = body.replace(sha(i), digest).replace(count(i), str(length))
    positions = reported_positions(reported, random.Random(f"{seed}:{c}:reported"), reported.count(n_extras))
    content = (body + extra_text + positions).replace(COPY, suffix).replace(CODE, digits)
    (graph / f"copy-{c:05d}.ttl").write_text(content, encoding="utf-8")
    return content.count("\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m minegraph.bench.synth", description=__doc__.split("\n\n")[0])
    parser.add_argument("--triples", type=int, default=10_000, help="data triples to aim for (10^4 … 10^7)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--output", required=True, help="directory to write (replaced if it is an earlier output)")
    parser.add_argument("--project", default=".", help="the real project to copy (default: the working directory)")
    parser.add_argument("--copies", type=int, help="force the number of copies (default: from --triples)")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    args = parser.parse_args(argv)
    try:
        manifest = synthesize(
            args.project, args.output, triples=args.triples, seed=args.seed, progress=not args.quiet, copies=args.copies
        )
    except (SynthError, OSError) as exc:
        print(f"minegraph synth: {exc}", file=sys.stderr)
        return 2
    print(
        f"wrote {args.output}: {manifest.triples} triples ({manifest.copies} copies, {manifest.extras} extra assertions)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
