"""The bench harness (``make bench``): synthetic projects of 10^4, 10^5, 10^6 triples (10^7 with
``--large``) and the real graph; every operation in fresh processes (:mod:`.measure`), medians of
several runs, growth exponents and same-run ratios; results as JSON and Markdown under
``bench/results/`` and the last table in ``docs/performance.md``.

``python -m minegraph.bench.harness [--sizes real,1e4,1e5] [--large] [--rewrites DIR] [--only queries,load]``
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import sys
from pathlib import Path

from minegraph.core.project import Project
from minegraph.queries.library import load_query, query_files

from . import machine, page, result_tables, summary
from .sections import GENERATORS, LARGE, LARGE_SECTIONS, MANIFESTS, SECTIONS, Settings, large, measure, say, triples_of


def generator_of(size: str) -> str | None:
    """The generator of a size's label (None for the real graph)."""
    return None if size == "real" else size.split(":")[0] if ":" in size else "synth"


DEFAULT_SIZES = ("real", "1e4", "1e5", "1e6")


def prepare(size: str, settings: Settings) -> tuple[Path, bool]:
    """The project directory of a size (the real one, or a synthetic one reused when its manifest
    matches) and whether it is synthetic."""
    if size == "real":
        return settings.project, False
    generator, amount = generator_of(size), size.split(":")[-1]
    target = int(float(amount))
    root = settings.work / f"{generator}-{amount}-s{settings.seed}"
    manifest = root / MANIFESTS[generator]
    if manifest.is_file():
        known = json.loads(manifest.read_text())
        if (
            known.get("target") == target
            and known.get("seed") == settings.seed
            and _same_queries(root, settings.project)
        ):
            return root, True
    say(f"generating {size} triples into {root}")
    outcome = measure(
        generator,
        settings.project,
        settings.timeout * 4,
        "--output",
        str(root),
        "--triples",
        str(target),
        "--seed",
        str(settings.seed),
    )
    settings.generated[size] = outcome
    if "wall" not in outcome:
        raise RuntimeError(f"the generator failed at {size} triples: {outcome}")
    return root, True


def _same_queries(root: Path, project: Path) -> bool:
    """Whether a generated project still holds the library's current queries (it copied them when made)."""

    def texts(folder: Path) -> dict[str, bytes]:
        return {p.name: load_query(p).text for p in query_files(Project(folder))}

    return texts(root) == texts(project)


def bench_size(size: str, settings: Settings) -> dict:
    root, synthetic = prepare(size, settings)
    result: dict = {
        "size": size,
        "project": str(root),
        "synthetic": synthetic,
        "load": {},
        "queries": {},
        "load_average": [round(x, 2) for x in os.getloadavg()],
    }
    for section in SECTIONS:
        if (not settings.only or section in settings.only) and section in (
            LARGE_SECTIONS[LARGE] if large(size) else SECTIONS
        ):
            SECTIONS[section](root, size, settings, result)
    result["triples"] = result.get("triples") or triples_of(root)
    return result


def run(settings: Settings) -> dict:
    started = datetime.datetime.now(datetime.timezone.utc)
    results = {
        "started": started.isoformat(timespec="seconds"),
        "command": settings.command,
        "machine": machine.describe(),
        "seed": settings.seed,
        "sizes": [],
    }
    for size in settings.sizes:
        for generator in settings.generators if size != "real" else ("real",):
            results["sizes"].append(
                bench_size(size if generator in ("real", "synth") else f"{generator}:{size}", settings)
            )
    for entry in results["sizes"]:
        if entry["size"] in settings.generated:
            entry["generated"] = settings.generated[entry["size"]]
    return publish(results, settings, started)


def publish(results: dict, settings: Settings, started: datetime.datetime) -> dict:
    """Merge an earlier run's other sizes if asked, summarise, write JSON, Markdown and the docs page."""
    if settings.merge:
        earlier = json.loads(settings.merge.read_text(encoding="utf-8"))
        measured = {s["size"] for s in results["sizes"]}  # labels with their generator (crowd:1e5)
        kept = [dict(s, run=earlier["started"]) for s in earlier["sizes"] if s["size"] not in measured]
        results["sizes"] = sorted(kept + [_fill(s, earlier) for s in results["sizes"]], key=_order)
        results["merged_from"] = str(settings.merge)
    results["summary"] = summary.summarise(results)
    stamp = started.strftime("%Y%m%dT%H%M%SZ")
    settings.results.mkdir(parents=True, exist_ok=True)
    _write(settings.results / f"{stamp}.json", json.dumps(results, indent=1) + "\n")
    markdown = result_tables.markdown(results)
    _write(settings.results / f"{stamp}.md", markdown)
    notes = settings.notes.read_text(encoding="utf-8") if settings.notes.is_file() else ""
    _write(settings.docs, page.performance_page(results, markdown, f"bench/results/{stamp}.json", notes))
    say(f"wrote {settings.results / stamp}.json, .md and {settings.docs}")
    return results


def _fill(size: dict, earlier: dict) -> dict:
    """A size measured only in part (``--only``) completed with the earlier run's other sections
    (whole sections only), listed under ``merged``."""
    before = next((s for s in earlier["sizes"] if s["size"] == size["size"]), None)
    if before is None:
        return size
    filled = dict(size, triples=size.get("triples") or before.get("triples"))
    for key in (
        "load",
        "queries",
        "pair",
        "validate",
        "network",
        "network_exact",
        "windows",
        "trace",
        "store",
        "disk",
        "processes",
        "endpoint",
        "rewrites",
    ):
        if not size.get(key) and before.get(key):
            filled[key] = before[key]
            filled.setdefault("merged", []).append(key)
    return filled  # never one engine's query figures: a ratio compares engines of the same run


def _order(size: dict) -> tuple[str, float]:
    label = size["size"]
    return ("", 0.0) if label == "real" else (generator_of(label), float(label.split(":")[-1]))


def _write(path: Path, text: str) -> None:
    """Atomic: a temporary file beside the target, then a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(path)


def _sections(text: str) -> tuple[str, ...]:
    chosen = tuple(s.strip() for s in text.split(",") if s.strip())
    unknown = sorted(set(chosen) - set(SECTIONS))
    if unknown or not chosen:
        raise argparse.ArgumentTypeError(
            f"unknown part {', '.join(unknown) or '(none)'}; choose from {', '.join(SECTIONS)}"
        )
    return chosen


def _generators(text: str) -> tuple[str, ...]:
    chosen = tuple(g.strip() for g in text.split(",") if g.strip())
    if not chosen or set(chosen) - set(GENERATORS):
        raise argparse.ArgumentTypeError(f"choose from {', '.join(GENERATORS)}")
    return chosen


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=",".join(DEFAULT_SIZES), help="comma-separated: real, 1e4, 1e5, 1e6 …")
    parser.add_argument("--large", action="store_true", help=f"add {LARGE} triples")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--generators",
        default=",".join(GENERATORS),
        type=_generators,
        help=f"comma-separated generators of the synthetic sizes: {', '.join(GENERATORS)} (default: both)",
    )
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--query-runs", type=int, default=5, help="runs after the first inside a query's process")
    parser.add_argument("--timeout", type=float, default=900.0, help="seconds per measurement process")
    parser.add_argument("--query-timeout", type=float, help="seconds per query process (default: --timeout)")
    parser.add_argument("--rdflib-cap", type=float, default=20.0)
    parser.add_argument("--validate-cap", type=float, default=600.0, help="seconds per validation process")
    parser.add_argument("--merge", type=Path, help="an earlier results JSON whose other sizes join the tables")
    parser.add_argument(
        "--rewrites",
        type=Path,
        default=Path("benchmarks/rewrites"),
        help="directory of rewritten .rq fixtures to compare with the library's (none: empty)",
    )
    parser.add_argument("--project", type=Path, default=Path("."))
    parser.add_argument(
        "--work", type=Path, default=Path("out/bench"), help="where the synthetic projects are generated"
    )
    parser.add_argument("--render", type=Path, help="only re-render the tables of an existing results JSON")
    parser.add_argument(
        "--only",
        default=",".join(SECTIONS),
        type=_sections,
        help=f"comma-separated parts to measure: {', '.join(SECTIONS)} (default: all)",
    )
    args = parser.parse_args(argv)
    sizes = [s.strip() for s in args.sizes.split(",") if s.strip()] + ([LARGE] if args.large else [])
    settings = Settings(
        project=args.project.resolve(),
        sizes=sizes,
        seed=args.seed,
        runs=args.runs,
        query_runs=args.query_runs,
        timeout=args.timeout,
        query_timeout=args.query_timeout or args.timeout,
        work=args.work,
        rdflib_cap=args.rdflib_cap,
        validate_cap=args.validate_cap,
        merge=args.merge,
        only=args.only,
        generators=args.generators,
        rewrites=args.rewrites if args.rewrites and args.rewrites.is_dir() else None,
        command="python -m benchmarks " + " ".join(argv if argv is not None else sys.argv[1:]),
    )
    if args.render:
        results = json.loads(args.render.read_text(encoding="utf-8"))
        publish(results, settings, datetime.datetime.fromisoformat(results["started"]))
    else:
        run(settings)
    return 0


if __name__ == "__main__":
    sys.exit(main())
