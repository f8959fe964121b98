"""The load test's figures: per-class throughput and latency percentiles, unexpected answers, the memory
trend, and the Markdown table (``bench/results/loadtest-*.md``, ``docs/loadtest.md``)."""

from __future__ import annotations

import math
from collections import Counter

from . import machine

CLASSES = ("library", "entity", "slow", "over-limit")
#: The memory check: the tree's RSS after the run may not pass start × GROWTH + SLACK_MB.
GROWTH, SLACK_MB = 1.5, 32.0


def percentile(values: list[float], q: float) -> float | None:
    """The nearest-rank percentile (``q`` in 0…100) of ``values``; None when there are none."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(math.ceil(q / 100 * len(ordered)) - 1, 0)]


def _ms(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds * 1000, 1)


def class_figures(outcomes: list, wall: float) -> dict:
    """Requests, throughput, latency percentiles (ms), statuses and unexpected answers of one class."""
    latencies = [o.latency for o in outcomes]
    return {
        "requests": len(outcomes),
        "per_second": round(len(outcomes) / wall, 2) if wall else None,
        "p50_ms": _ms(percentile(latencies, 50)),
        "p95_ms": _ms(percentile(latencies, 95)),
        "p99_ms": _ms(percentile(latencies, 99)),
        "max_ms": _ms(max(latencies, default=None)),
        "statuses": {str(k): v for k, v in sorted(Counter(o.status for o in outcomes).items())},
        "unexpected": sum(not o.ok for o in outcomes),
    }


def memory_figures(samples: list[list[float]], start: list[float], end: list[float]) -> dict:
    """Start (after the warm-up, before the load), end (after the last answer), peak, and the check."""
    limit = round(start[1] * GROWTH + SLACK_MB, 1)
    return {
        "start_mb": start[1],
        "end_mb": end[1],
        "peak_mb": max(s[1] for s in samples),
        "limit_mb": limit,
        "rule": f"end <= start x {GROWTH} + {SLACK_MB:g} MB",
        "ok": end[1] <= limit,
        "processes": [start[2], end[2]],
        "samples": samples,
    }


def summarise(outcomes: list, wall: float, memory: dict, listener_connections: int, server_exit: int) -> dict:
    """The whole report; ``ok`` only with no unexpected answer, no SERVICE connection, flat memory, a clean stop."""
    classes = {cls: class_figures([o for o in outcomes if o.cls == cls], wall) for cls in CLASSES}
    unexpected = [
        {"class": o.cls, "name": o.name, "status": o.status, "detail": o.detail, "at_s": round(o.at, 2)}
        for o in outcomes
        if not o.ok
    ]
    total = class_figures(outcomes, wall)
    ok = not unexpected and not listener_connections and memory["ok"] and server_exit == 0
    return {
        "ok": ok,
        "wall_s": round(wall, 2),
        "total": total,
        "classes": classes,
        "unexpected": unexpected[:50],
        "service_connections": listener_connections,
        "server_exit": server_exit,
        "memory": memory,
    }


def _cell(value) -> str:
    return "–" if value is None else f"{value:g}" if isinstance(value, float) else str(value)


def markdown(report: dict) -> str:
    """The run as Markdown: the command, the machine, one row per class, memory and the verdict."""
    settings, memory = report["settings"], report["memory"]
    lines = [
        f"Command: `{report['command']}`  ",
        f"Started: {report['started']}  ",
        f"Machine: {machine.summary(report['machine'])}  ",
        f"Server: {settings['workers']} workers, --timeout {settings['timeout']:g} s; "
        f"{settings['clients']} clients for {settings['seconds']:g} s (seed {settings['seed']}); "
        f"{report['mix']['examples']} library queries, {report['mix']['entity_pages']} entity pages",
        "",
        "| class | requests | req/s | p50 ms | p95 ms | p99 ms | max ms | statuses | unexpected |",
        "|---|---:|---:|---:|---:|---:|---:|---|---:|",
    ]
    rows = [*report["classes"].items(), ("all", report["total"])]
    for name, figures in rows:
        statuses = ", ".join(f"{k}×{v}" for k, v in figures["statuses"].items()) or "–"
        lines.append(
            f"| {name} | {figures['requests']} | {_cell(figures['per_second'])} | {_cell(figures['p50_ms'])} | "
            f"{_cell(figures['p95_ms'])} | {_cell(figures['p99_ms'])} | {_cell(figures['max_ms'])} | "
            f"{statuses} | {figures['unexpected']} |"
        )
    lines += [
        "",
        f"Server memory (RSS of the server and its workers, sampled every {settings['sample_every']:g} s): "
        f"{memory['start_mb']:g} MB at the start, {memory['end_mb']:g} MB at the end, peak {memory['peak_mb']:g} MB "
        f"({len(memory['samples'])} samples); check {memory['rule']} = {memory['limit_mb']:g} MB: "
        f"{'passed' if memory['ok'] else 'FAILED'}.  ",
        f"Connections to the SERVICE listener: {report['service_connections']}. Server exit code after "
        f"SIGTERM: {report['server_exit']}.  ",
        f"Verdict: {'passed' if report['ok'] else 'FAILED'} (wall {report['wall_s']:g} s).",
    ]
    for item in report["unexpected"][:10]:
        lines.append(
            f"- unexpected: {item['class']} {item['name']} → {item['status']} {item['detail']} at {item['at_s']} s"
        )
    return "\n".join(lines) + "\n"


DOC_HEAD = """# Load test

`make loadtest` (`python -m minegraph.bench.loadtest`) starts `minegraph serve` on 127.0.0.1 and sends a
bounded mixed load: the library queries as the query page offers them (defaults bound), entity pages
(HTML trace cards, Turtle, JSON-LD), a slow cross product that the server must stop at its timeout
(504, or 503 when no worker is free; one at a time, with a rest as long as the timeout after each, as it
holds a worker and a core throughout), and over-limit queries (too long, too deep, too many operators,
SERVICE to a loopback listener that must see no connection) that must be refused with 400. Every answer
must carry its class's status (and error kind); anything else is counted as unexpected and fails the
run, as does memory growth of the server and its workers, a SERVICE connection, or an unclean stop.
Options: `--clients`, `--seconds`, `--workers`, `--timeout`, `--seed`, `--query NAME` (only those library queries),
`--output`, `--docs` (`make loadtest LOADTEST_ARGS="…"`).
Absolute figures depend on the machine (shared, 2 cores), and so can the verdict: when library requests
wait past the timeout for a free worker, the server sheds them with 503 as designed, and the run counts
each as unexpected — a query that needs seconds on its own makes that likely under outside load.

## The last run

"""
