"""The stance-network picture: who stands where on which decision, readable by a person.

Decisions sit in the middle column; each coalition of :func:`minegraph.analysis.measures.coalitions` takes a side
column (the first on the left, the second on the right, any others and the actors who took no side on
the lighter side), each group on a shaded band with its description. Edges only join the middle column
to a side column, so no edge crosses a node; actors are ordered by the mean height of their decisions
to keep crossings few. Edge colour is the stance, edge width the number of statements; marker shape and
colour are the actor type. matplotlib (extra ``plot``) is imported only here; PNG and SVG are written
atomically.
"""

from __future__ import annotations

import io
import math
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from minegraph.core.files import atomic_write
from minegraph.errors import require

if TYPE_CHECKING:  # the graphs are built elsewhere: drawing needs matplotlib, not networkx
    import networkx as nx

PICTURE_NAME = "stance-network"

STANCE_COLOURS = {"support": "#2e7d32", "oppose": "#c62828", "neutral": "#8a8a8a", "mixed": "#ef8f00"}

#: Actor type → (marker, face colour).
ACTOR_STYLES = {
    "person": ("o", "#4e79a7"),
    "post": ("D", "#76b7b2"),
    "coalition": ("h", "#b07aa1"),
    "political group": ("p", "#edc948"),
    "parliament": ("^", "#9c755f"),
    "government body": ("s", "#59a14f"),
    "state": ("s", "#bab0ac"),
    "international organisation": ("v", "#f28e2b"),
    "NGO": ("*", "#e15759"),
    "media outlet": ("P", "#ff9da7"),
    "organisation": ("X", "#bab0ac"),
    "actor": ("o", "#bab0ac"),
}
BAND_COLOURS = ("#e8eef7", "#f1e9f5", "#fff6dc", "#e6f4f1", "#f7ece4")  # no red or green: those are stances
NO_SIDE = "No side taken (neutral statements only)"


def _wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(text, width)) or text


def _groups(stance: nx.Graph, coalitions, unaligned) -> tuple[list, list]:
    """(title, members, colour) groups for the left and the right column."""
    groups = [
        (f"{c.name}: {c.describe(stance)}", c.members, BAND_COLOURS[i % len(BAND_COLOURS)])
        for i, c in enumerate(coalitions)
    ]
    if unaligned:
        groups.append((NO_SIDE, list(unaligned), "#f0f0f0"))

    def load(column):  # fewer actors first, then fewer edges (fewer crossings)
        return sum(len(g[1]) for g in column), sum(stance.degree(m) for g in column for m in g[1])

    left, right = [], []
    for index, group in enumerate(groups):
        (right if index == 1 or (index > 1 and load(right) < load(left)) else left).append(group)
    return left, right


def layout(stance: nx.Graph, coalitions, unaligned) -> tuple[dict, list]:
    """Node positions (x: 0 left, 1 decisions, 2 right; y from 0 at the bottom to 1 at the top) and the bands."""
    decisions = sorted(
        (n for n, k in stance.nodes(data="kind") if k == "decision"), key=lambda n: stance.nodes[n]["label"]
    )
    pos = {d: (1.0, 1.0 - (i + 0.5) / len(decisions)) for i, d in enumerate(decisions)}
    bands = []
    for x, column in zip((0.0, 2.0), _groups(stance, coalitions, unaligned)):
        slots = sum(len(members) for _, members, _ in column) + 0.8 * (len(column) - 1)
        step, y = 1.0 / max(slots, 1), 1.0
        for title, members, colour in column:
            ordered = sorted(
                members,
                key=lambda a: (-sum(pos[d][1] for d in stance[a]) / max(len(stance[a]), 1), stance.nodes[a]["label"]),
            )
            top = y
            for member in ordered:
                pos[member] = (x, y - step / 2)
                y -= step
            bands.append((x, y, top, title, colour))
            y -= 0.8 * step
    return pos, bands


def _draw_bands(axes, bands) -> None:
    """The coalitions' coloured bands behind the speakers, each with its description."""
    from matplotlib.patches import FancyBboxPatch  # lazy: matplotlib, for a picture to draw only

    for x, bottom, top, text, colour in bands:
        axes.add_patch(
            FancyBboxPatch(
                (x - 0.9 if x == 0 else x - 0.06, bottom),
                0.96,
                top - bottom,
                boxstyle="round,pad=0.005",
                facecolor=colour,
                edgecolor="#cccccc",
                zorder=0,
            )
        )
        axes.text(
            x - 0.88 if x == 0 else x - 0.04,
            top + 0.004,
            _wrap(text, 46),
            fontsize=10,
            fontweight="bold",
            va="bottom",
            ha="left",
            color="#333333",
            zorder=1,
        )


def _draw_network(axes, stance: nx.Graph, pos, actors) -> None:
    """The stance edges (colour: stance, width: statements), the speakers' markers and labels, the decisions."""
    for u, v, data in sorted(stance.edges(data=True), key=lambda e: e[2]["weight"]):
        (x1, y1), (x2, y2) = pos[u], pos[v]
        axes.plot(
            (x1, x2),
            (y1, y2),
            color=STANCE_COLOURS[data["stance"]],
            alpha=0.75,
            linewidth=0.8 + 1.1 * math.sqrt(data["weight"]),
            solid_capstyle="round",
            zorder=2,
        )
    for kind in sorted({stance.nodes[a].get("actor_type", "actor") for a in actors}):
        marker, colour = ACTOR_STYLES.get(kind, ACTOR_STYLES["actor"])
        members = [a for a in actors if stance.nodes[a].get("actor_type", "actor") == kind]
        axes.scatter(
            [pos[a][0] for a in members],
            [pos[a][1] for a in members],
            s=230,
            marker=marker,
            c=colour,
            edgecolors="#222222",
            linewidths=0.9,
            zorder=4,
        )
    for actor in actors:
        x, y = pos[actor]
        axes.text(
            x - 0.045 if x == 0 else x + 0.045,
            y,
            _wrap(stance.nodes[actor]["label"], 34),
            fontsize=10.5,
            ha="right" if x == 0 else "left",
            va="center",
            zorder=5,
        )
    for node, kind in stance.nodes(data="kind"):
        if kind == "decision":
            axes.text(
                *pos[node],
                _wrap(stance.nodes[node]["label"], 30),
                fontsize=9.5,
                ha="center",
                va="center",
                zorder=6,
                bbox={"boxstyle": "round,pad=0.45", "facecolor": "white", "edgecolor": "#333333"},
            )


def draw(stance: nx.Graph, coalitions, unaligned, *, title: str | None = None):
    """The picture as a matplotlib Figure (not written)."""
    require("matplotlib", "plot")
    from matplotlib.figure import Figure  # lazy: matplotlib, for a picture to draw only
    from matplotlib.lines import Line2D  # lazy: matplotlib, for a picture to draw only

    pos, bands = layout(stance, coalitions, unaligned)
    actors = [n for n, k in stance.nodes(data="kind") if k == "actor"]
    height = max(7.5, 0.62 * max(sum(1 for n in actors if pos[n][0] == x) for x in (0.0, 2.0)) + 3.5)
    figure = Figure(figsize=(16, height), layout="constrained")
    axes = figure.add_subplot()
    axes.set_axis_off()
    axes.set_xlim(-0.95, 2.95)
    axes.set_ylim(-0.04, 1.07)
    _draw_bands(axes, bands)
    _draw_network(axes, stance, pos, actors)
    handles = [
        Line2D([], [], color=c, linewidth=3, label=f"{s} (width: statements)" if s == "support" else s)
        for s, c in STANCE_COLOURS.items()
        if any(d == s for *_, d in stance.edges(data="stance"))
    ]
    shown = sorted({stance.nodes[a].get("actor_type", "actor") for a in actors})
    handles += [
        Line2D(
            [],
            [],
            linestyle="",
            marker=ACTOR_STYLES.get(t, ACTOR_STYLES["actor"])[0],
            markersize=11,
            markerfacecolor=ACTOR_STYLES.get(t, ACTOR_STYLES["actor"])[1],
            markeredgecolor="#222222",
            label=t,
        )
        for t in shown
    ]
    figure.legend(
        handles=handles,
        loc="outside lower center",
        ncols=min(len(handles), 6),
        fontsize=10,
        frameon=False,
        title="Edge colour: stance toward the decision · Marker: type of speaker",
        title_fontsize=10,
    )
    figure.suptitle(
        title or "Who stands where: speakers and the decisions their statements are about",
        fontsize=15,
        fontweight="bold",
    )
    axes.set_title(
        "One line per speaker and decision: its colour is the stance their statements are assessed with toward "
        "it, its width the number of statements.\nStatements about a step of a decision (the defence "
        "ministers' joint recommendation) count toward the decision it is part of.",
        fontsize=10,
        color="#444444",
    )
    return figure


def stance_picture(
    stance: nx.Graph,
    coalitions,
    unaligned,
    out_dir: Path,
    *,
    name: str = PICTURE_NAME,
    progress: Callable[[str], None] | None = None,
) -> list[Path]:
    """Draw the picture and write ``<name>.png`` and ``<name>.svg`` in ``out_dir``; return the paths."""
    return write_figure(draw(stance, coalitions, unaligned), out_dir, name, progress=progress)


def write_figure(
    figure,
    out_dir: Path,
    name: str,
    *,
    progress: Callable[[str], None] | None = None,
    dpi: int = 120,
    facecolor: str = "white",
) -> list[Path]:
    """Write a matplotlib figure as ``<name>.png`` and ``<name>.svg`` atomically; return the paths. The same
    figure gives the same bytes: no dates in the metadata, and the SVG's element ids hashed with a fixed salt
    (matplotlib's default salt is random)."""
    from matplotlib import rc_context  # lazy: matplotlib is imported only when a picture is drawn

    written = []
    for suffix, options in (
        (".png", {"dpi": dpi, "metadata": {"Software": None}}),
        (".svg", {"metadata": {"Date": None, "Creator": None}}),
    ):
        buffer = io.BytesIO()
        with rc_context({"svg.hashsalt": f"minegraph {name}"}):
            figure.savefig(buffer, format=suffix[1:], facecolor=facecolor, **options)
        path = atomic_write(Path(out_dir) / f"{name}{suffix}", buffer.getvalue())
        if progress:
            progress(f"wrote {path}")
        written.append(path)
    return written
