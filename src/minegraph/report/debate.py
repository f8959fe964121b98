"""The story of the debate over a year, in sentences and in the report's HTML: who stood where on each decision,
when the camps formed (calendar quarters and moving windows), and which positions rest on anchored quotes and
which on reported positions. Every sentence is computed from the coded statements
(:mod:`minegraph.analysis.discourse`); nothing is written by hand."""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass
from functools import cached_property
from html import escape
from pathlib import Path

from minegraph.analysis.discourse.matrices import entries
from minegraph.analysis.discourse.networks import build
from minegraph.analysis.discourse.pictures import CURVE, SMALL_MULTIPLES, curve, small_multiples, window_title
from minegraph.analysis.discourse.statements import Statements
from minegraph.analysis.discourse.windows import Sequence, sequence
from minegraph.analysis.plot import write_figure
from minegraph.report.picture_cache import drawn, inputs_key, kept

#: The moving windows of the polarisation curve.
MOVING = ("30d", "7d")


@dataclass
class Debate:
    """The coded statements of one year and its two window sequences (quarters, moving windows)."""

    statements: Statements
    year: int
    quarters: Sequence
    moving: Sequence

    @classmethod
    def of(cls, statements: Statements, year: int | None = None) -> "Debate":
        """The debate of ``year`` (default: the year most dated statements fall in — 2025 for the withdrawals,
        though a few statements on their taking effect date from 2026)."""
        years = Counter(c.date.year for c in statements.coded if c.date)
        year = year or (max(years, key=lambda y: (years[y], y)) if years else datetime.date.today().year)
        first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        return cls(
            statements,
            year,
            sequence(statements, "1q", "1q", start=first, end=last),
            sequence(statements, *MOVING, start=first, end=last),
        )


def _names(statements: Statements, nodes) -> str:
    names = sorted(statements.label(n) for n in nodes)
    return ", ".join(names[:-1]) + (" and " if len(names) > 1 else "") + names[-1] if names else "nobody"


def evidence_sentence(debate: Debate) -> str:
    """How many statements rest on anchored quotes and how many on reported positions."""
    levels: dict[str, set] = {}
    for c in debate.statements.coded:
        levels.setdefault(c.evidence, set()).add(c.statement)
    anchored, reported = len(levels.get("anchored-quote", ())), len(levels.get("reported-position", ()))
    speakers = len({c.person for c in debate.statements.coded})
    return (
        f"{anchored + reported} statements by {speakers} speakers; {anchored} rest on anchored quotes (verbatim, "
        f"proven at their offsets in an archived text) and {reported} on reported positions (a source the curators "
        f"read and summarised in their own words, without an archived text)."
    )


def positions(debate: Debate) -> list[str]:
    """Who stood where: for each decision, who supported and who opposed it (net of their statements); an
    actor whose stance rests only on reported positions is marked so."""
    network = build(debate.statements, "affiliation", level="person")
    lines, sides_of = [], {j: {1: [], -1: []} for j in range(len(network.columns))}
    for i, j, value in entries(network.values):
        actor, decision = network.rows[i], network.columns[j]
        coded = network.behind(actor, decision)
        mark = "" if any(c.evidence == "anchored-quote" for c in coded) else " (reported)"
        sides_of[j][1 if value > 0 else -1].append(network.label(actor) + mark)
    for j, decision in enumerate(network.columns):
        sides = sides_of[j]
        lines.append(
            f"{network.label(decision)}: for — {', '.join(sorted(sides[1])) or 'nobody'}; "
            f"against — {', '.join(sorted(sides[-1])) or 'nobody'}."
        )
    return lines


def timeline(debate: Debate) -> list[str]:
    """When the camps formed: each quarter's statements, camps and polarisation; the first moving window
    with two camps; how stable the camps were from one quarter to the next."""
    lines = []
    for window in debate.quarters.windows:
        camps = [c for c in window.polarisation.camps if c]
        head = f"{window_title(window)}: {window.statements} statements"
        if len(camps) < 2:
            lines.append(
                head + " — no two camps yet (fewer than two actors tied)." if window.statements else head + "."
            )
            continue
        lines.append(
            f"{head}; polarisation {window.polarisation.score:.2f}; camps: {_names(debate.statements, camps[0])} "
            f"— against — {_names(debate.statements, camps[1])}"
            + (f" (adjusted Rand {window.rand:.2f} against the quarter before)" if window.rand is not None else "")
            + "."
        )
    formed = next((w for w in debate.moving.windows if w.polarisation.score), None)
    if formed is not None:
        lines.append(
            f"In windows of {MOVING[0]} moved every {MOVING[1]}, two camps first appear in the window "
            f"{formed.start} – {formed.end} (polarisation {formed.polarisation.score:.2f})."
        )
    return lines


@dataclass(frozen=True)
class Told:
    """The story of a debate in sentences: what ``minegraph run`` prints and the report's debate section says."""

    year: int
    evidence: str
    positions: list[str]
    timeline: list[str]

    @classmethod
    def of(cls, debate: Debate) -> Told:
        return cls(debate.year, evidence_sentence(debate), positions(debate), timeline(debate))

    def lines(self) -> list[str]:
        """The whole story as paragraphs of plain text."""
        return (
            ["The coded statements: " + self.evidence, "Who stood where:"]
            + [f"  {line}" for line in self.positions]
            + [f"When the camps formed in {self.year}:"]
            + [f"  {line}" for line in self.timeline]
        )


def story(debate: Debate) -> list[str]:
    """The whole story as paragraphs of plain text (what ``minegraph run`` prints)."""
    return Told.of(debate).lines()


class Story:
    """The debate of a store's graph, computed at most once and only when something needs it (a picture to draw,
    a story not kept yet); its :class:`Told` kept beside the store while the inputs are unchanged
    (:func:`minegraph.report.picture_cache.kept`), so an unchanged graph is not analysed again."""

    def __init__(self, store, project, progress=None):
        self.store, self.project, self.progress = store, project, progress
        # the clock's year too: a debate without a dated statement falls back on it (see Debate.of)
        self.key = inputs_key(store, project=project, extra=f"year {datetime.date.today().year}")

    @cached_property
    def debate(self) -> Debate | None:
        """The debate of the graph's main year; None when no statement is coded."""
        if self.progress:
            self.progress("analysing the debate (time windows, polarisation, camps)")
        statements = Statements.from_store(self.store, self.project)
        return Debate.of(statements) if statements.coded else None

    @cached_property
    def told(self) -> Told | None:
        found = kept(
            self.store, "debate-story", self.key, lambda: asdict(Told.of(self.debate)) if self.debate else None
        )
        return Told(**found) if found else None


def section(
    told: Told, debate: Callable[[], Debate], out_dir: Path, image, progress=None, key: str | None = None
) -> str:
    """The report's section on the debate: the story, the small multiples and the polarisation curve.
    ``debate()`` gives the debate when a picture must be drawn; ``image`` renders a written PNG as the report's
    inline picture; ``key``: the pictures' inputs hash (:mod:`minegraph.report.picture_cache`), which reuses them
    when it is unchanged."""

    def files(stem: str) -> list[Path]:
        return [Path(out_dir) / f"{stem}{suffix}" for suffix in (".png", ".svg")]

    quarters = drawn(
        files(SMALL_MULTIPLES),
        key,
        lambda: write_figure(small_multiples(debate().quarters), out_dir, SMALL_MULTIPLES, progress=progress),
        progress,
    )[0]
    polarised = drawn(
        files(CURVE), key, lambda: write_figure(curve(debate().moving), out_dir, CURVE, progress=progress), progress
    )[0]
    items = "".join(f"<li>{escape(line)}</li>" for line in told.positions)
    when = "".join(f"<li>{escape(line)}</li>" for line in told.timeline)
    return (
        f'<section id="debate"><h2>The debate in {told.year}</h2><p>{escape(told.evidence)}</p>'
        f"<h3>Who stood where</h3><ul>{items}</ul>"
        f'<p class="note">Net of each speaker\'s statements toward the decision; "(reported)": the stance rests only '
        f"on reported positions, no anchored quote.</p><h3>When the camps formed in {told.year}</h3><ul>{when}</ul>"
        f"{image(quarters, 'The congruence network of each quarter')}"
        f"{image(polarised, 'The polarisation of the debate over the year')}"
        '<p class="note">Polarisation: the best two-camp line, the share of conflict it separates minus the share '
        "of agreement it cuts (docs/discourse-networks.md). Files: <code>minegraph network --window 1q --start "
        f"{told.year}-01-01 --end {told.year}-12-31 --export</code>; the statements behind any tie: "
        "<code>minegraph network --edge A B</code>.</p></section>"
    )
