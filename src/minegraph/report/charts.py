"""The membership chart: how many states were bound by the Convention, from its adoption in 1997
to the last date the graph holds (not the clock's today, so a committed chart does not change when
it is redrawn), with the 2025–2026 withdrawals marked and labelled.

Counts are computed by SPARQL over the graph (the same definitions as the in-force-on-date and
consented-by-date queries), not by walking triples in Python. matplotlib is the optional extra
``minegraph[plot]``, imported only when a chart is drawn. PNG and SVG are written atomically.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import pyoxigraph
from rdflib import Graph

from minegraph.analysis.plot import write_figure
from minegraph.errors import require
from minegraph.store import Store

CHART_NAME = "membership-over-time"


def as_store(source):
    """A minegraph store for ``source``: a store as is, a pyoxigraph Store or an rdflib Graph wrapped."""
    # lazy: ~100 ms of imports, only on this path
    from minegraph.store.memory import RdflibStore
    from minegraph.store.oxigraph import OxigraphStore

    if isinstance(source, Store):
        return source
    if isinstance(source, pyoxigraph.Store):
        return OxigraphStore(source)
    if isinstance(source, Graph):
        return RdflibStore(source)
    raise TypeError(f"expected a minegraph store, a pyoxigraph.Store or an rdflib.Graph, not {type(source).__name__}")


def select(source, name: str) -> list[dict[str, object]]:
    """Rows of the internal query ``name`` (``queries/internal/NAME.rq``) as dicts of Python values."""
    # lazy: ~140 ms of imports, only on this path
    from minegraph.queries.library import internal_query
    from minegraph.queries.run import execute

    return execute(internal_query(name), {}, as_store(source)).rows


def membership_series(source) -> list[tuple[datetime.date, int, int]]:
    """(date, states in force, states consented) on every date a count changes, in date order."""
    return [(row["day"], int(row["inForce"]), int(row["consented"])) for row in select(source, "membership-counts")]


def marks(source) -> list[tuple[datetime.date, str, str]]:
    """(date, kind, text) of the dates to mark, one per date and kind, states grouped by date."""
    grouped: dict[tuple[datetime.date, str], list[str]] = defaultdict(list)
    for row in select(source, "membership-marks"):
        grouped[(row["day"], row["kind"])].append(row["iso3"] or "")
    texts = {
        "entry-into-force": lambda codes: "Convention enters into force",
        "withdrawal": lambda codes: (
            f"{', '.join(codes)} withdrawal{'s' if len(codes) > 1 else ''} take{'' if len(codes) > 1 else 's'} effect"
        ),
        "suspension": lambda codes: f"{', '.join(codes)} notifies a suspension (contested; stays a party)",
    }
    return [(day, kind, texts[kind](codes)) for (day, kind), codes in sorted(grouped.items())]


def last_date(source) -> datetime.date:
    """The latest mg:date in the graph (for the 2025 withdrawals: Poland's taking effect, 20 February 2026)."""
    rows = select(source, "last-date")
    if not rows or rows[0]["last"] is None:
        raise ValueError("the graph holds no dated node to draw the chart to")
    return rows[0]["last"]


def _steps(whole, zoom, days: list, counts: tuple[list, list], span: tuple) -> None:
    """The two step curves (in force, consented) on the whole period and on the zoom since the withdrawals."""
    from matplotlib.dates import DateFormatter, MonthLocator, YearLocator  # lazy: matplotlib, for a chart to draw only

    (in_force, consented), (start, zoom_from, today) = counts, span
    for axes, first, title in (
        (whole, start, f"September 1997 to {today:%d %B %Y}"),
        (zoom, zoom_from, f"Since {zoom_from:%B %Y}: the withdrawals"),
    ):
        axes.step(
            days, in_force, where="post", color="#1f5fa8", linewidth=2.2, label="In force for the state (Article 17)"
        )
        axes.step(
            days,
            consented,
            where="post",
            color="#d9822b",
            linewidth=1.4,
            linestyle="--",
            label="Consented: instrument deposited",
        )
        axes.set_xlim(
            first, today + datetime.timedelta(days=max(20, (today - first).days // 30))
        )  # room for the last step
        axes.set_title(title, fontsize=12)
        axes.set_xlabel("Date")
        axes.set_ylabel("Number of states")
        axes.grid(True, color="#dddddd", linewidth=0.6)
    whole.set_ylim(0, 200)
    whole.xaxis.set_major_locator(YearLocator(2))
    whole.xaxis.set_major_formatter(DateFormatter("%Y"))
    before = max(i for i, d in enumerate(days) if d <= zoom_from)  # the level the zoom starts at
    shown = [n for i in range(before, len(days)) for n in (in_force[i], consented[i])]
    zoom.set_ylim(min(shown) - 7, max(shown) + 3)
    zoom.xaxis.set_major_locator(MonthLocator(bymonth=(1, 4, 7, 10)))
    zoom.xaxis.set_major_formatter(DateFormatter("%b\n%Y"))


def membership_chart(
    store_or_graph, out_dir: Path, *, today: datetime.date | None = None, progress: Callable[[str], None] | None = None
) -> list[Path]:
    """Draw the chart to ``today`` (default: the last date the graph holds) and write
    ``membership-over-time.png`` and ``.svg`` in ``out_dir``; return the paths."""
    require("matplotlib", "plot")
    from matplotlib.figure import Figure  # lazy: matplotlib, for a picture to draw only

    today = today or last_date(store_or_graph)
    series = membership_series(store_or_graph)
    events = marks(store_or_graph)
    if not series:
        raise ValueError("the graph holds no dated treaty acts to chart")
    start = datetime.date(1997, 9, 1)
    days = [start] + [d for d, _, _ in series] + [today]
    in_force = [0] + [n for _, n, _ in series] + [series[-1][1]]
    consented = [0] + [n for _, _, n in series] + [series[-1][2]]

    figure = Figure(figsize=(13, 7.5), layout="constrained")
    grid = figure.add_gridspec(1, 2, width_ratios=(3, 2))
    whole, zoom = figure.add_subplot(grid[0]), figure.add_subplot(grid[1])
    changes = [day for day, kind, _ in events if kind != "entry-into-force"] or [series[-1][0]]
    zoom_from = datetime.date(min(changes).year, 1, 1)
    _steps(whole, zoom, days, (in_force, consented), (start, zoom_from, today))
    _mark(whole, zoom, events, zoom_from)
    whole.legend(loc="lower right", fontsize=10)
    figure.suptitle(
        "States bound by the Anti-Personnel Mine Ban Convention (Ottawa, 1997)", fontsize=15, fontweight="bold"
    )
    figure.get_layout_engine().set(h_pad=0.15)
    figure.supxlabel(
        "Counted over the 197 states of the reference universe. Entry into force as stated or derived by Article 17; "
        "a withdrawal takes effect six months after its deposit (Article 20(3)).\nUkraine's 2025 suspension is not a "
        "withdrawal: Ukraine stays a party. Lebanon's 2026 accession has no known deposit date and is not counted.",
        fontsize=9,
        color="#444444",
    )
    return write_figure(figure, Path(out_dir), CHART_NAME, progress=progress, dpi=150, facecolor="auto")


def _mark(whole, zoom, events, zoom_from: datetime.date) -> None:
    """Vertical lines for the marked dates; in the zoom panel numbered, with a numbered key."""
    colours = {"entry-into-force": "#2e7d32", "withdrawal": "#c62828", "suspension": "#6a1b9a"}
    low, high = zoom.get_ylim()
    key = []
    for day, kind, text in events:
        colour, style = colours[kind], (":" if kind == "suspension" else "-.")
        whole.axvline(day, color=colour, linestyle=style, linewidth=1)
        if kind == "entry-into-force":
            whole.annotate(
                f"{text}\n{day:%d %b %Y}",
                (day, 40),
                xytext=(8, 0),
                textcoords="offset points",
                fontsize=9,
                color=colour,
            )
            continue
        if day < zoom_from:
            continue
        number = len(key) + 1
        zoom.axvline(day, color=colour, linestyle=style, linewidth=1.2)
        zoom.annotate(
            str(number),
            (day, high - (high - low) * (0.05 if number % 2 else 0.11)),
            ha="center",
            va="center",
            fontsize=9,
            fontweight="bold",
            color="white",
            bbox={"boxstyle": "circle,pad=0.25", "facecolor": colour, "edgecolor": "none"},
        )
        key.append((number, f"{day:%d %b %Y}: {text}", colour))
    for row, (number, text, colour) in enumerate(key):
        zoom.text(
            0.02,
            0.03 + 0.055 * (len(key) - 1 - row),
            f"{number}  {text}",
            transform=zoom.transAxes,
            fontsize=8.5,
            color=colour,
            bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none", "alpha": 0.9},
        )
