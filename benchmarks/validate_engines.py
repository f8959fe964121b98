"""SHACL validation engines side by side, each in fresh processes on the same files, same run:

* ``validation.engine`` — minegraph.validation.engine: pyoxigraph bulk load, then the compiled queries (warm cache);
* ``pyshacl`` — ``minegraph.validate.validate(project, checks=[])``, pySHACL as ``minegraph validate`` runs it;
* ``pyrudof`` — rudof's native SHACL engine (only when ``pyrudof`` is installed; not a dependency);
* ``validation.engine+checks`` / ``pyshacl+checks`` — the same plus the extra checks: the 13 SPARQL checks of
  minegraph.validation.engine.checks against ``minegraph validate``'s 14 (treaty-reference-counts not rewritten).

Graphs: the real graph (ontology/ + graph/*.ttl) and, unless ``--copies 1``, that graph replicated N
times (every instance IRI under ``…/minegraph/id/`` but the concepts gets a per-copy suffix, written as
N-Triples) — the same shape and vocabulary at N times the size. Reported per engine: load and validation
seconds (median of ``--repeat`` processes), the whole process's wall time, peak resident memory, the
number of findings; and the ratio to pySHACL in the same run. Results go to ``out/validate_engines.json``.

    .venv/bin/python benchmarks/validate_engines.py [--copies 10] [--repeat 3] [--large-repeat 1]
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
INSTANCES = "https://w3id.org/minegraph/id/"
CONCEPTS = INSTANCES + "concept/"
ENGINES = ("engine", "pyshacl", "pyrudof", "validation.engine+checks", "pyshacl+checks")


# -- workers: one engine, one project, one fresh process ------------------------------------
def project_files(root: Path) -> tuple[list[Path], Path]:
    ontology = sorted(p for p in (root / "ontology").glob("*.ttl") if p.name != "shapes.ttl")
    return ontology + sorted((root / "graph").glob("*.ttl")), root / "ontology" / "shapes.ttl"


def work_engine(root: Path, cache: Path) -> dict:
    from minegraph.validation.engine import load_store, validate_store

    files, shapes = project_files(root)
    start = time.perf_counter()
    store = load_store(files)
    loaded = time.perf_counter()
    findings = validate_store(store, shapes, cache, sources=files)
    return {"load": loaded - start, "validate": time.perf_counter() - loaded, "findings": len(findings),
            "violations": sum(f.severity == "Violation" for f in findings), "triples": len(store),
            "rdflib_imported": "rdflib" in sys.modules}


def work_pyshacl(root: Path, cache: Path) -> dict:
    from minegraph.core.project import Project
    from minegraph.validation.shapes import Schema, load_files, validate_graph

    project = Project(root)
    start = time.perf_counter()
    schema = Schema.load(project)
    data, files = load_files(project, project.data_files())
    loaded = time.perf_counter()
    report = validate_graph(data, project, checks=[], schema=schema, subject_files=files)
    return {"load": loaded - start, "validate": time.perf_counter() - loaded, "findings": len(report.findings),
            "violations": report.counts()["Violation"], "triples": report.triples}


def work_engine_checks(root: Path, cache: Path) -> dict:
    from minegraph.validation.engine import load_store, validate_store
    from minegraph.validation.engine.checks import run_checks

    files, shapes = project_files(root)
    start = time.perf_counter()
    store = load_store(files)
    loaded = time.perf_counter()
    findings = validate_store(store, shapes, cache, sources=files)
    problems = run_checks(store, root / "graph", ontology_files=[f for f in files if f.parent.name == "ontology"])
    return {"load": loaded - start, "validate": time.perf_counter() - loaded, "findings": len(findings) + len(problems),
            "violations": None, "triples": len(store), "rdflib_imported": "rdflib" in sys.modules}


def work_pyshacl_checks(root: Path, cache: Path) -> dict:
    from minegraph.core.project import Project
    from minegraph.validation.shapes import Schema, load_files, validate_graph

    project = Project(root)
    start = time.perf_counter()
    schema = Schema.load(project)
    data, files = load_files(project, project.data_files())
    loaded = time.perf_counter()
    report = validate_graph(data, project, schema=schema, subject_files=files)
    return {"load": loaded - start, "validate": time.perf_counter() - loaded, "findings": len(report.findings),
            "violations": report.counts()["Violation"], "triples": report.triples}


def work_pyrudof(root: Path, cache: Path) -> dict:
    import pyrudof

    files, shapes = project_files(root)
    rudof = pyrudof.Rudof(pyrudof.RudofConfig())
    start = time.perf_counter()
    for path in files:
        rudof.read_data(str(path), merge=True)
    rudof.read_shacl(str(shapes))
    loaded = time.perf_counter()
    report = rudof.validate_shacl()
    return {"load": loaded - start, "validate": time.perf_counter() - loaded, "findings": len(report),
            "violations": None, "triples": None}


def worker(engine: str, root: Path, cache: Path) -> None:
    measured = globals()[f"work_{engine.replace('+', '_')}"](root, cache)
    measured["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(measured))


# -- the replicated graph ------------------------------------------------------------------
def replicate(copies: int, target: Path) -> Path:
    """A project directory: the real ontology/, and graph/ holding ``copies`` renamed copies of the data."""
    import pyoxigraph as ox

    shutil.copytree(ROOT / "ontology", target / "ontology")
    shutil.copytree(ROOT / "graph" / "sources", target / "graph" / "sources")  # archived texts, for the checks
    shutil.copytree(ROOT / "curation" / "reference", target / "curation" / "reference")
    data = [p for p in sorted((ROOT / "graph").glob("*.ttl"))]
    quads = [q for path in data for q in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE,
                                                   base_iri=path.resolve().as_uri())]

    def rename(term, suffix):
        if isinstance(term, ox.NamedNode) and term.value.startswith(INSTANCES) and not term.value.startswith(CONCEPTS):
            return ox.NamedNode(term.value + suffix)
        if isinstance(term, ox.BlankNode):
            return ox.BlankNode(term.value + suffix.replace("-", "_"))
        return term

    for copy in range(copies):
        suffix = f"-copy{copy}" if copy else ""
        triples = [ox.Triple(rename(q.subject, suffix), q.predicate, rename(q.object, suffix)) for q in quads]
        # N-Triples is Turtle: the project globs graph/*.ttl
        ox.serialize(triples, output=str(target / "graph" / f"copy-{copy:03d}.ttl"), format=ox.RdfFormat.N_TRIPLES)
    return target


# -- the driver ----------------------------------------------------------------------------
def run_process(engine: str, root: Path, cache: Path) -> dict:
    start = time.perf_counter()
    done = subprocess.run([sys.executable, __file__, "--worker", engine, str(root), str(cache)],
                          capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    if done.returncode != 0:
        return {"error": done.stderr.strip().splitlines()[-1] if done.stderr.strip() else f"exit {done.returncode}"}
    return {**json.loads(done.stdout.strip().splitlines()[-1]), "process": wall}


def measure(engine: str, root: Path, cache: Path, repeat: int) -> dict:
    runs = [run_process(engine, root, cache) for _ in range(repeat)]
    failed = [r for r in runs if "error" in r]
    if failed:
        return failed[0]
    summary = {key: statistics.median(r[key] for r in runs) for key in ("load", "validate", "process", "peak_rss_mb")}
    return {**runs[0], **summary, "runs": len(runs)}


def available(engine: str) -> bool:
    if engine != "pyrudof":
        return True
    try:
        import pyrudof  # noqa: F401
    except ImportError:
        return False
    return True


def table(results: dict) -> str:
    lines = ["| graph | engine | triples | load s | validate s | process s | peak MB | findings | × pySHACL side (load+validate) |",
             "|---|---|---|---|---|---|---|---|---|"]
    for graph, engines in results.items():
        triples = next((e.get("triples") for e in engines.values() if e.get("triples")), "")
        for engine, r in engines.items():
            base = engines.get("pyshacl+checks" if engine.endswith("+checks") else "pyshacl", {})
            base_total = base.get("load", 0) + base.get("validate", 0)
            if "error" in r:
                lines.append(f"| {graph} | {engine} | | | | | | error: {r['error'][:60]} | |")
                continue
            total = r["load"] + r["validate"]
            ratio = f"{total / base_total:.3f}" if base_total else ""
            lines.append(f"| {graph} | {engine} | {triples} | {r['load']:.3f} | {r['validate']:.3f} | {r['process']:.2f} | "
                         f"{r['peak_rss_mb']:.0f} | {r['findings']} | {ratio} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--copies", type=int, default=10, help="size of the replicated graph (1: real graph only)")
    parser.add_argument("--repeat", type=int, default=3, help="processes per engine on the real graph (median)")
    parser.add_argument("--large-repeat", type=int, default=1, help="processes per engine on the replicated graph")
    parser.add_argument("--engines", default=",".join(ENGINES))
    parser.add_argument("--output", type=Path, default=ROOT / "out" / "validate_engines.json")
    args = parser.parse_args(argv)
    engines = [e for e in args.engines.split(",") if available(e)]
    results: dict[str, dict] = {}
    with tempfile.TemporaryDirectory(prefix="validate-engines-") as scratch:
        cache = Path(scratch) / "compiled"
        run_process("engine", ROOT, cache)  # compiles the shapes once: later runs read the cache
        graphs = [("real", ROOT, args.repeat)]
        if args.copies > 1:
            graphs.append((f"real×{args.copies}", replicate(args.copies, Path(scratch) / "replicated"), args.large_repeat))
        for name, root, repeat in graphs:
            results[name] = {}
            for engine in engines:
                print(f"{name}: {engine} …", file=sys.stderr, flush=True)
                results[name][engine] = measure(engine, root, cache, repeat)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    temporary = args.output.with_suffix(".tmp")
    temporary.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    temporary.replace(args.output)
    print(table(results))
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--worker":
        worker(sys.argv[2], Path(sys.argv[3]), Path(sys.argv[4]))
    else:
        sys.exit(main())
