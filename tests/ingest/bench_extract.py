"""Benchmark: the extractor on about 1 MB of realistic prose (the gold texts, repeated), and how its
time grows with the length (linear: time per MB stays flat). Not a test; run it by hand:

    .venv/bin/python tests/ingest/bench_extract.py [--mb 1.0]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from minegraph.ingest import actors_from_graph, decisions_from_graph, extract

ROOT = Path(__file__).resolve().parents[2]


def corpus(size: int) -> str:
    """At least `size` code points of prose: every gold text in turn, separated by blank lines."""
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests/gold").glob("*.txt"))]
    parts, total = [], 0
    while total < size:
        for t in texts:
            parts.append(t)
            total += len(t) + 2
    return "\n\n".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=1.0)
    args = parser.parse_args()
    actors, decisions = actors_from_graph(ROOT), decisions_from_graph(ROOT)
    for fraction in (0.25, 0.5, 1.0):
        text = corpus(int(args.mb * fraction * 1_000_000))
        t0 = time.perf_counter()
        found = extract(text, actors, decisions)
        took = time.perf_counter() - t0
        assert all(text[c.start : c.end] == c.quote for c in found)
        print(
            f"{len(text):>9} code points  {len(found):>6} candidates  {took:6.2f} s  "
            f"{took / (len(text) / 1e6):5.2f} s/MB"
        )


if __name__ == "__main__":
    main()
