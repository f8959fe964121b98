"""``make loadtest``: a bounded, mixed load on ``minegraph serve`` over 127.0.0.1, checked answer by answer.

``--clients`` threads (8) send requests back to back for ``--seconds`` (30) from four classes
(:mod:`.loadmix`): library queries with their defaults bound, entity pages, a slow query the server
must stop at its timeout, over-limit queries it must refuse. The report (:mod:`.loadreport`) gives
throughput and p50/p95/p99 per class, every unexpected status, and the memory of the server and its
workers (:mod:`.loadserver`) before and after, which must not grow. Exit 0 only when all of that holds.
"""

from __future__ import annotations

import argparse
import datetime
import json
import shlex
import sys
import time
from pathlib import Path

from minegraph.core.files import atomic_write
from minegraph.core.project import find_project

from . import loadreport, machine
from .loadmix import Options, build_mix, drive
from .loadserver import Listener, MemorySampler, start_server


def run(options: Options, project_root: Path, log_dir: Path, command: str = "") -> dict:
    """Start a server, load it, stop it; the report (see :func:`minegraph.bench.loadreport.summarise`)."""
    started = datetime.datetime.now(datetime.timezone.utc)
    listener = Listener()
    server = start_server(
        project_root,
        log_dir,
        "--timeout",
        str(options.timeout),
        "--workers",
        str(options.workers),
        "--max-concurrent",
        str(max(32, options.clients * 4)),
    )
    exit_code = None
    try:
        idle = MemorySampler(server.process.pid, options.sample_every).sample()
        mix, mix_info = build_mix(server, options, listener)
        sampler = MemorySampler(server.process.pid, options.sample_every)
        start = sampler.sample()
        sampler.start()
        try:
            wall = drive(server, options, mix)
        finally:
            sampler.stop()
        time.sleep(min(options.sample_every, 2))  # a killed worker's replacement has started
        end = sampler.sample()
        memory = loadreport.memory_figures(sampler.samples, start, end)
        memory["idle_mb"] = idle[1]
    finally:
        exit_code = server.stop()
        listener.close()
    report = loadreport.summarise(mix.outcomes, wall, memory, listener.connections, exit_code)
    return {
        "command": command,
        "started": started.isoformat(timespec="seconds"),
        "machine": machine.describe(),
        "settings": {
            "clients": options.clients,
            "seconds": options.seconds,
            "workers": options.workers,
            "timeout": options.timeout,
            "sample_every": options.sample_every,
            "seed": options.seed,
            "queries": list(options.queries) or "all",
        },
        "mix": mix_info,
        **report,
    }


def write(report: dict, output: Path, docs: Path | None) -> Path:
    """``output/loadtest-STAMP.json`` and ``.md`` beside it; the table also into ``docs`` (when given)."""
    stamp = report["started"].replace("-", "").replace(":", "").replace("+0000", "Z").replace("+00:00", "Z")
    table = loadreport.markdown(report)
    target = output / f"loadtest-{stamp}.json"
    atomic_write(target, (json.dumps(report, indent=1, ensure_ascii=False) + "\n").encode())
    atomic_write(target.with_suffix(".md"), table.encode())
    if docs is not None:
        atomic_write(docs, (loadreport.DOC_HEAD + f"Data: `bench/results/{target.name}`\n\n" + table).encode())
    return target


def main(argv: list[str] | None = None) -> int:
    """``python -m minegraph.bench.loadtest [--clients N] [--seconds S] [--workers N] [--timeout S] …``."""

    parser = argparse.ArgumentParser(prog="python -m minegraph.bench.loadtest", description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=Options.clients)
    parser.add_argument("--seconds", type=float, default=Options.seconds)
    parser.add_argument("--workers", type=int, default=Options.workers)
    parser.add_argument("--timeout", type=float, default=Options.timeout, help="the server's query timeout (s)")
    parser.add_argument("--sample-every", type=float, default=Options.sample_every)
    parser.add_argument("--seed", type=int, default=Options.seed)
    parser.add_argument("--query", action="append", default=[], help="only this library query (repeatable)")
    parser.add_argument("--output", type=Path, default=None, help="results folder (default bench/results)")
    parser.add_argument(
        "--docs", default=None, help="Markdown page to write (default docs/loadtest.md; 'none': no page)"
    )
    args = parser.parse_args(argv)
    if args.clients < 1 or args.seconds <= 0 or args.workers < 1 or args.timeout <= 0:
        parser.error("--clients and --workers must be at least 1, --seconds and --timeout above 0")
    root = find_project().root
    options = Options(
        clients=args.clients,
        seconds=args.seconds,
        workers=args.workers,
        timeout=args.timeout,
        sample_every=args.sample_every,
        seed=args.seed,
        queries=tuple(args.query),
    )
    output = args.output or root / "bench" / "results"
    docs = None if args.docs == "none" else Path(args.docs) if args.docs else root / "docs" / "loadtest.md"
    command = "python -m minegraph.bench.loadtest " + shlex.join(argv if argv is not None else sys.argv[1:])
    try:
        report = run(options, root, root / "out" / "loadtest", command.strip())
    except (ValueError, RuntimeError) as exc:  # an unknown --query; a server that did not start
        print(f"loadtest: {exc}", file=sys.stderr)
        return 2
    target = write(report, output, docs)
    print(loadreport.markdown(report), end="")
    print(f"results: {target}")
    return 0 if report["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
