"""Growth exponents (log-log least squares) and medians for the bench tables."""

from __future__ import annotations

import math
import statistics


def exponent(points: list[tuple[float, float]]) -> float | None:
    """The slope b of log t = a + b log n over (n, t) points with t > 0; None with fewer than two."""
    usable = [(math.log(n), math.log(t)) for n, t in points if n > 0 and t and t > 0]
    if len(usable) < 2 or len({x for x, _ in usable}) < 2:
        return None
    mean_x = statistics.fmean(x for x, _ in usable)
    mean_y = statistics.fmean(y for _, y in usable)
    spread = sum((x - mean_x) ** 2 for x, _ in usable)
    return sum((x - mean_x) * (y - mean_y) for x, y in usable) / spread


def median_of(runs: list[dict], key: str = "wall") -> float | None:
    values = [r[key] for r in runs if isinstance(r.get(key), (int, float))]
    return statistics.median(values) if values else None


def ratio(a: float | None, b: float | None) -> float | None:
    return a / b if a is not None and b else None
