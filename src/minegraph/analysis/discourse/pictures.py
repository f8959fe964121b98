"""Pictures of the debate over time: the congruence network of each window as small multiples (the same
actor in the same place in every panel, coloured by its camp) and the polarisation curve over the windows.
matplotlib (extra ``plot``) is imported only here; PNG and SVG are written atomically (see
:func:`minegraph.analysis.plot.write_figure`)."""

from __future__ import annotations

import datetime
import math
import textwrap
from pathlib import Path

from minegraph.errors import require

from ..plot import write_figure
from .matrices import entries
from .polarisation import polarisation
from .windows import Sequence, Window

CAMP_COLOURS = ("#4e79a7", "#e8833a")  # blue and orange: red and green are stances elsewhere
NO_TIE = "#d0d0d0"
SMALL_MULTIPLES, CURVE = "congruence-by-window", "polarisation-curve"


def window_title(window: Window) -> str:
    """``Q2 2025`` for a calendar quarter, else the window's first and last day."""
    start, end = window.start, window.end
    if start.day == 1 and start.month in (1, 4, 7, 10) and (end + datetime.timedelta(days=1)) == _quarter_after(start):
        return f"Q{(start.month - 1) // 3 + 1} {start.year}"
    return f"{start:%d %b} – {end:%d %b %Y}"


def _quarter_after(day: datetime.date) -> datetime.date:
    month = day.month + 3
    return datetime.date(day.year + (month - 1) // 12, (month - 1) % 12 + 1, 1)


def reference_camps(sequence: Sequence) -> tuple[list[str], list[str]]:
    """The camps over all windows together (the sum of the windows' matrices), to colour every panel alike."""
    first = sequence.windows[0]
    congruence = sum(w.congruence.values for w in sequence.windows)
    conflict = sum(w.conflict.values for w in sequence.windows)
    return polarisation(first.congruence.rows, congruence, conflict).camps


def activity(sequence: Sequence) -> dict[str, int]:
    """Statements per actor over all windows (a statement in two overlapping windows counts once)."""
    said: dict[str, set] = {}
    for window in sequence.windows:
        for actor, coded in window.congruence.coded.items():
            said.setdefault(actor, set()).update(c.statement for c in coded)
    return {actor: len(statements) for actor, statements in said.items()}


def layout(sequence: Sequence, reference) -> dict[str, tuple[float, float]]:
    """One place per actor active in some window, evenly round a circle from the top: the first reference camp
    down the left, then the actors in neither camp along the bottom, then the second camp up the right; each
    camp by activity, most first. Ties between camps then cross the circle; ties within a camp stay on its side."""
    said = activity(sequence)
    left = sorted((a for a in reference[0] if a in said), key=lambda a: (-said[a], a))
    right = sorted((a for a in reference[1] if a in said), key=lambda a: (-said[a], a))
    rest = sorted((a for a in said if a not in left and a not in right), key=lambda a: (-said[a], a))
    order = left + rest + right[::-1]
    return {
        actor: (math.cos(angle), math.sin(angle))
        for actor, angle in ((a, math.radians(90.0 + 360.0 * (i + 0.5) / len(order))) for i, a in enumerate(order))
    }


def _colour(actor: str, window: Window, reference) -> str:
    """The colour of the reference camp that the actor's camp in this window overlaps most."""
    for camp in window.polarisation.camps:
        if actor in camp:
            overlap = [len(set(camp) & set(ref)) for ref in reference]
            return CAMP_COLOURS[0 if overlap[0] >= overlap[1] else 1]
    return NO_TIE


def _label_place(x: float, y: float, crowded: bool) -> tuple[dict, tuple[float, float]]:
    """Where a dot's name goes: outside the circle, radial (along the radius, never upside down) when the
    circle is crowded, else level beside the dot (below one at the very bottom)."""
    if crowded:
        angle = math.degrees(math.atan2(y, x))
        right = -90.0 <= angle <= 90.0
        return (
            {
                "ha": "left" if right else "right",
                "va": "center",
                "rotation": angle if right else angle - 180.0,
                "rotation_mode": "anchor",
                "zorder": 4,
            },
            (1.08 * x, 1.08 * y),
        )
    bottom = abs(x) <= 0.05
    return (
        {
            "ha": "left" if x > 0.05 else "right" if x < -0.05 else "center",
            "va": "top" if bottom else "center",
            "zorder": 4,
        },
        (x, 1.12 * y - 0.12) if bottom else (1.12 * x, 1.12 * y),
    )


#: Actors named in one panel at most: the most active (a crowded window's names would overlap).
NAMED_PER_PANEL = 24


def _panel(axes, window: Window, pos: dict, reference) -> None:
    """One window's congruence network on ``axes``; with many actors, smaller dots and type, and the silent
    actors unnamed."""
    crowded = len(pos) > 16
    ties = _ties(window.congruence)
    for u, v, _ in _ties(window.conflict):
        axes.plot(*zip(pos[u], pos[v]), color="#d9534f", alpha=0.5, zorder=0, linewidth=0.7, linestyle=(0, (3, 3)))
    heaviest = max((w for *_, w in ties), default=1.0)
    for u, v, weight in ties:
        axes.plot(
            *zip(pos[u], pos[v]),
            color="#777777",
            alpha=0.55,
            zorder=1,
            linewidth=0.8 + 4.0 * math.sqrt(weight / heaviest),
        )
    active = set(window.congruence.coded)
    said_by = {a: len({c.statement for c in window.congruence.coded[a]}) for a in active}
    # In a window of many speakers only the most active are named (names of 60 actors on one circle overlap).
    named = (
        set(sorted(active, key=lambda a: (-said_by[a], a))[:NAMED_PER_PANEL])
        if len(active) > NAMED_PER_PANEL
        else active
    )
    for actor, (x, y) in sorted(pos.items()):
        name = "\n".join(textwrap.wrap(textwrap.shorten(window.congruence.label(actor), 44, placeholder="…"), 24))
        side, spot = _label_place(x, y, crowded)
        if actor not in active:
            axes.scatter([x], [y], s=25, c="#eeeeee", edgecolors="#cccccc", linewidths=0.6, zorder=2)
            if not crowded:
                axes.text(*spot, name, fontsize=6.5, color="#aaaaaa", **side)
            continue
        said = said_by[actor]
        size = 30 + 45 * math.sqrt(said) if crowded else 80 + 40 * said
        axes.scatter(
            [x],
            [y],
            s=min(size, 700),
            c=_colour(actor, window, reference),
            edgecolors="#222222",
            linewidths=0.8,
            zorder=3,
        )
        if actor in named:
            axes.text(*spot, name, fontsize=6 if crowded else 7.5, **side)
    score = window.polarisation.score
    axes.set_title(
        f"{window_title(window)}\n{window.statements} statements · polarisation "
        + ("–" if score is None else f"{score:.2f}"),
        fontsize=10,
    )
    axes.set_axis_off()


def _ties(network) -> list[tuple[str, str, float]]:
    """(a, b, weight) of each tie of a one-mode network, in the order of its graph's edges
    (:func:`minegraph.analysis.discourse.networks.to_graph`), without building the graph and its trace attributes."""
    return [(network.rows[i], network.rows[j], value) for i, j, value in entries(network.values, upper=True)]


def small_multiples(sequence: Sequence):
    """The congruence network of every window, side by side (at most four per row), as a Figure."""
    require("matplotlib", "plot")
    from matplotlib.figure import Figure  # lazy: matplotlib, for a picture to draw only
    from matplotlib.lines import Line2D  # lazy: matplotlib, for a picture to draw only

    reference = reference_camps(sequence)
    pos, said = layout(sequence, reference), activity(sequence)
    columns = 2 if len(sequence.windows) == 4 else min(4, len(sequence.windows))
    rows = math.ceil(len(sequence.windows) / columns)
    scale = 1.0 if len(pos) <= 16 else 1.45
    figure = Figure(figsize=(5.2 * columns * scale, 3.6 * rows * scale + 1.6), layout="constrained")
    for index, window in enumerate(sequence.windows):
        axes = figure.add_subplot(rows, columns, index + 1)
        _panel(axes, window, pos, reference)
        axes.set_xlim(-2.3, 2.3)
        axes.set_ylim(-2.0 if len(pos) > 16 else -1.45, 2.0 if len(pos) > 16 else 1.45)
        axes.set_aspect("equal", adjustable="box")  # a circle, not an ellipse
    label = sequence.windows[0].congruence.label
    handles = [
        Line2D(
            [],
            [],
            linestyle="",
            marker="o",
            markersize=10,
            markerfacecolor=colour,
            markeredgecolor="#222222",
            label="the camp of " + label(min(camp, key=lambda a: (-said.get(a, 0), a))),
        )
        for colour, camp in zip(CAMP_COLOURS, reference)
        if camp
    ]
    handles.append(
        Line2D(
            [],
            [],
            linestyle="",
            marker="o",
            markersize=7,
            markerfacecolor="#eeeeee",
            markeredgecolor="#cccccc",
            label="silent in this window",
        )
    )
    handles.append(
        Line2D([], [], color="#d9534f", alpha=0.6, linestyle=(0, (3, 3)), label="disagreement (conflict tie)")
    )
    figure.legend(
        handles=handles,
        loc="outside lower center",
        ncols=len(handles),
        fontsize=9,
        frameon=False,
        title="Grey line: agreement on a decision (width: statements behind it) · Dot size: statements in the window",
        title_fontsize=9,
    )
    figure.suptitle("Who agreed with whom, window by window (congruence network)", fontsize=14, fontweight="bold")
    return figure


def curve(sequence: Sequence):
    """The polarisation of every window over time, with the statements per window beneath, as a Figure."""
    require("matplotlib", "plot")
    from matplotlib.figure import Figure  # lazy: matplotlib, for a picture to draw only

    figure = Figure(figsize=(10, 4.8), layout="constrained")
    axes = figure.add_subplot()
    middle = [w.start + (w.end - w.start) / 2 for w in sequence.windows]
    counts = axes.twinx()
    starts = [w.start for w in sequence.windows]
    step = min([(b - a).days for a, b in zip(starts, starts[1:])] or [(sequence.windows[0].end - starts[0]).days + 1])
    width = max(1.0, 0.8 * step)
    counts.bar(middle, [w.statements for w in sequence.windows], width=width, color="#dddddd", zorder=0)
    counts.set_ylabel("statements in the window", color="#777777")
    axes.set_zorder(counts.get_zorder() + 1)
    axes.patch.set_visible(False)
    scores = [float("nan") if w.polarisation.score is None else w.polarisation.score for w in sequence.windows]
    axes.plot(middle, scores, color="#4e79a7", marker="o", linewidth=2)
    axes.set_ylim(-0.05, 1.05)
    axes.set_ylabel("polarisation (0 no dividing line, 1 two clean camps)")
    options = sequence.options
    axes.set_title(
        f"Polarisation of the debate: windows of {options['size']} every {options['step']}, "
        f"{options['start']} to {options['end']}\nno dot: fewer than two actors with a tie in the window",
        fontsize=11,
    )
    import matplotlib.dates as mdates  # lazy: matplotlib, for a picture to draw only

    locator = mdates.MonthLocator()
    axes.xaxis.set_major_locator(locator)
    axes.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    return figure


def window_pictures(sequence: Sequence, out_dir: Path, *, progress=None, stem: str = "") -> list[Path]:
    """Write the small multiples and the polarisation curve (PNG and SVG) into ``out_dir``."""
    written = write_figure(small_multiples(sequence), out_dir, stem + SMALL_MULTIPLES, progress=progress)
    return written + write_figure(curve(sequence), out_dir, stem + CURVE, progress=progress)
