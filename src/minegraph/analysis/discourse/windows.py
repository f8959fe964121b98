"""Time windows over the debate: a network per window, its polarisation, its two camps and how stable the
camps are from one window to the next.

Windows are ``size`` long and start every ``step`` from ``start``; only windows lying wholly within
[start, end] are kept (at least one), as DNA does with its indented time windows. Sizes are a number and a
unit: ``d`` days, ``w`` weeks, ``m`` calendar months, ``q`` quarters, ``y`` years (``30d``, ``1q``).
Stability compares the camps of consecutive windows: the adjusted Rand index (Hubert and Arabie 1985) over
the actors in a camp in both windows, and the best-match Jaccard overlap of the camps (each camp of the
earlier window against the most similar camp of the later one, weighted by camp size).
"""

from __future__ import annotations

import bisect
import datetime
import re
from dataclasses import dataclass, field
from math import comb

from minegraph.errors import InputError, require

from .networks import QUALIFIERS, Network, check_options, count_array, network_from, qualified
from .polarisation import Polarisation, polarisation
from .statements import Statements

UNITS = {"d": "days", "w": "weeks", "m": "months", "q": "quarters", "y": "years"}
SPAN = re.compile(r"^\s*(\d+)\s*([dwmqy])\s*$")


def parse_span(text: str) -> tuple[int, str]:
    """``"30d"`` → ``(30, "d")``; a clear error for anything else."""
    match = SPAN.match(str(text))
    if not match or int(match.group(1)) == 0:
        raise InputError(
            None,
            f"bad time span {text!r}: expected a positive number and a unit "
            f"({', '.join(f'{u} {name}' for u, name in UNITS.items())}), e.g. 30d or 1q",
        )
    return int(match.group(1)), match.group(2)


def shift(day: datetime.date, count: int, unit: str) -> datetime.date:
    """``day`` moved forward by ``count`` units (months keep the day, clipped to the month's length)."""
    if unit in "dw":
        return day + datetime.timedelta(days=count * (7 if unit == "w" else 1))
    months = day.month - 1 + count * {"m": 1, "q": 3, "y": 12}[unit]
    year, month = day.year + months // 12, months % 12 + 1
    last = (datetime.date(year + month // 12, month % 12 + 1, 1) - datetime.timedelta(days=1)).day
    return datetime.date(year, month, min(day.day, last))


def window_bounds(
    start: datetime.date, end: datetime.date, size: str, step: str
) -> list[tuple[datetime.date, datetime.date]]:
    """(first day, last day) of each window lying wholly within [start, end]; the first window even if not."""
    if end < start:
        raise InputError(None, f"the end {end} is before the start {start}")
    (size_n, size_u), (step_n, step_u) = parse_span(size), parse_span(step)
    bounds, index = [], 0
    while True:
        first = shift(start, index * step_n, step_u)
        last = shift(first, size_n, size_u) - datetime.timedelta(days=1)
        if last > end and bounds:
            return bounds
        bounds.append((first, last))
        if last >= end:
            return bounds
        index += 1


@dataclass
class Window:
    """One window: its networks, its polarisation and camps, and the camps' stability since the window before."""

    start: datetime.date
    end: datetime.date
    congruence: Network
    conflict: Network
    polarisation: Polarisation
    statements: int
    evidence: dict[str, int]
    rand: float | None = None
    jaccard: float | None = None

    def camp_of(self) -> dict[str, int]:
        """Actor → camp number (0 or 1), for the actors in a camp."""
        return {a: i for i, camp in enumerate(self.polarisation.camps) for a in camp}


@dataclass
class Sequence:
    """The windows of a debate, with the options they were computed with."""

    windows: list[Window]
    options: dict = field(default_factory=dict)

    def to_frame(self):
        """One row per window: dates, statements, active actors, polarisation, camps, stability."""
        pandas = require("pandas", "pandas")
        return pandas.DataFrame([window_record(w) for w in self.windows])


def window_record(window: Window) -> dict:
    """A window as plain values (the frame's rows and the JSON export's windows)."""
    label = window.congruence.label
    return {
        "start": window.start.isoformat(),
        "end": window.end.isoformat(),
        "statements": window.statements,
        "actors": window.polarisation.actors,
        "polarisation": window.polarisation.score,
        "exact": window.polarisation.exact,
        "camp_1": "; ".join(label(a) for a in window.polarisation.camps[0]),
        "camp_2": "; ".join(label(a) for a in window.polarisation.camps[1]),
        "adjusted_rand": window.rand,
        "jaccard": window.jaccard,
        **{f"evidence_{k}": v for k, v in sorted(window.evidence.items())},
    }


def adjusted_rand(first: dict[str, int], second: dict[str, int]) -> float | None:
    """Adjusted Rand index of two partitions over the actors in both (None when fewer than two)."""
    common = sorted(set(first) & set(second))
    if len(common) < 2:
        return None
    table: dict[tuple[int, int], int] = {}
    for actor in common:
        table[first[actor], second[actor]] = table.get((first[actor], second[actor]), 0) + 1
    rows, cols = {}, {}
    for (a, b), n in table.items():
        rows[a], cols[b] = rows.get(a, 0) + n, cols.get(b, 0) + n
    index = sum(comb(n, 2) for n in table.values())
    row_pairs, col_pairs = sum(comb(n, 2) for n in rows.values()), sum(comb(n, 2) for n in cols.values())
    expected = row_pairs * col_pairs / comb(len(common), 2)
    top = (row_pairs + col_pairs) / 2
    if top == expected:  # both trivial (one camp, or every actor alone): identical or not
        return 1.0 if len(table) == len(rows) == len(cols) else 0.0
    return round((index - expected) / (top - expected), 12)


def best_match_jaccard(first: tuple[list[str], ...], second: tuple[list[str], ...]) -> float | None:
    """Mean over the earlier camps (weighted by size) of the best Jaccard overlap with a later camp."""
    earlier, later = [set(c) for c in first if c], [set(c) for c in second if c]
    if not earlier or not later:
        return None
    total = sum(len(c) for c in earlier)
    return round(sum(len(c) * max(len(c & d) / len(c | d) for d in later) for c in earlier) / total, 12)


def sequence(
    statements: Statements,
    size: str,
    step: str,
    *,
    start: datetime.date | None = None,
    end: datetime.date | None = None,
    level: str = "person",
    normalisation: str = "none",
    qualifier: str = "binary",
    exclude_actors=(),
    exclude_decisions=(),
    evidence=None,
) -> Sequence:
    """The window sequence over [start, end] (default: the first and last date of the statements). Every
    window has the same rows: the actors of the whole selection."""
    check_options("congruence", normalisation, qualifier)
    span = statements.dates()
    if span is None and (start is None or end is None):
        raise InputError(None, "no dated statement: give --start and --end")
    start, end = start or span[0], end or span[1]
    filters = dict(level=level, exclude_actors=exclude_actors, exclude_decisions=exclude_decisions, evidence=evidence)
    pool = qualified(statements, qualifier, **filters)
    universe, decisions = sorted({c.actor(level) for c in pool}), sorted({c.decision for c in pool})
    dated = sorted((c for c in statements.select(**filters) if c.date), key=lambda c: c.date)
    days, scale = [c.date for c in dated], QUALIFIERS[qualifier]
    options = dict(level=level, normalisation=normalisation, qualifier=qualifier, labels=statements.labels)
    windows, previous = [], None
    for first, last in window_bounds(start, end, size, step):
        inside = dated[bisect.bisect_left(days, first) : bisect.bisect_right(days, last)]
        selected = [c for c in inside if c.stance in scale]
        counted = count_array(selected, universe, decisions, level, qualifier)
        nets = {
            kind: network_from(selected, universe, decisions, kind, start=first, end=last, counted=counted, **options)
            for kind in ("congruence", "conflict")
        }
        evidence_counts: dict[str, set] = {}
        for c in inside:
            evidence_counts.setdefault(c.evidence, set()).add(c.statement)
        warm = previous.camp_of() if previous is not None else None
        window = Window(
            first,
            last,
            nets["congruence"],
            nets["conflict"],
            polarisation(universe, nets["congruence"].values, nets["conflict"].values, warm),
            len({c.statement for c in inside}),
            {k: len(v) for k, v in evidence_counts.items()},
        )
        if previous is not None:
            window.rand = adjusted_rand(previous.camp_of(), window.camp_of())
            window.jaccard = best_match_jaccard(previous.polarisation.camps, window.polarisation.camps)
        windows.append(window)
        previous = window
    options = dict(filters, normalisation=normalisation, qualifier=qualifier)
    return Sequence(windows, dict(options, size=size, step=step, start=start.isoformat(), end=end.isoformat()))
