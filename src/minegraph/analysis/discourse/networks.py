"""DNA's networks as matrices, DataFrames and networkx graphs, every cell traceable to its statements.

The statements of a selection fill a count array ``A[actor, decision, level]``: how many statements of the
actor take the qualifier level (its stance as a number) toward the decision. Qualifiers: ``binary`` (support
+1, oppose -1; neutral and mixed statements take no side and are left out, as with DNA's boolean agreement
qualifier) or ``scale`` (support +1, neutral and mixed 0, oppose -1, as DNA's integer qualifier). Two levels
q1, q2 are as close as ``1 - |q1 - q2| / range``.

* ``affiliation``: actor × decision, the sum of the levels of the actor's statements (support minus oppose),
  normalised by none, ``activity`` (the actor's statements) or ``prominence`` (the decision's statements).
* ``congruence``: actor × actor, Σ over decisions and pairs of levels of A[i,d,k1]·A[j,d,k2]·closeness;
  ``conflict`` the same with 1 - closeness; ``subtract`` congruence minus conflict. Normalised by none,
  ``average`` activity ((t_i + t_j) / 2, t the actor's statements), ``jaccard`` (m11 + m10 + m01 as DNA
  counts them) or ``cosine`` (the Euclidean norms of the two count vectors: a true cosine, see the docs).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from minegraph.errors import InputError, require

from . import matrices
from .statements import Coded, Statements

ONE_MODE = ("congruence", "conflict", "subtract")
KINDS = ("affiliation",) + ONE_MODE
NORMALISATIONS = {
    "affiliation": ("none", "activity", "prominence"),
    **{kind: ("none", "average", "jaccard", "cosine") for kind in ONE_MODE},
}
QUALIFIERS = {"binary": {"support": 1, "oppose": -1}, "scale": {"support": 1, "neutral": 0, "mixed": 0, "oppose": -1}}


def check_options(kind: str, normalisation: str, qualifier: str) -> None:
    """Refuse an unknown kind, a normalisation the kind does not have, or an unknown qualifier."""
    if kind not in KINDS:
        raise InputError(None, f"unknown network kind {kind!r}; expected one of {', '.join(KINDS)}")
    if normalisation not in NORMALISATIONS[kind]:
        raise InputError(
            None,
            f"normalisation {normalisation!r} does not apply to a {kind} network; "
            f"expected one of {', '.join(NORMALISATIONS[kind])}",
        )
    if qualifier not in QUALIFIERS:
        raise InputError(None, f"unknown qualifier {qualifier!r}; expected one of {', '.join(QUALIFIERS)}")


@dataclass
class Network:
    """One network: its matrix (rows × columns), the labels and the coded statements of every actor."""

    kind: str
    normalisation: str
    level: str
    qualifier: str
    rows: list[str]
    columns: list[str]
    values: object  # scipy.sparse CSR, rows × columns, without zero cells
    coded: dict[str, list[Coded]]  # actor → their coded statements in the selection (qualified ones only)
    counts: object = None  # scipy.sparse CSR, actors × decisions: the statements of each actor toward each decision
    decisions: list[str] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)
    start: datetime.date | None = None
    end: datetime.date | None = None

    def label(self, node: str) -> str:
        return self.labels.get(node) or node.rsplit("/", 1)[-1]

    def cell(self, row: str, column: str) -> float:
        return float(self.values[self.rows.index(row), self.columns.index(column)])

    def behind(self, a: str, b: str) -> list[Coded]:
        """The coded statements a tie (or an affiliation cell) rests on; see :func:`statements_behind`."""
        return statements_behind(self, a, b)

    def to_frame(self):
        """The matrix as a pandas DataFrame indexed by IRI (labels in ``.attrs['labels']``)."""
        pandas = require("pandas", "pandas")
        frame = pandas.DataFrame(self.values.toarray(), index=self.rows, columns=self.columns)
        frame.attrs.update(
            labels={n: self.label(n) for n in {*self.rows, *self.columns}},
            kind=self.kind,
            normalisation=self.normalisation,
            level=self.level,
            qualifier=self.qualifier,
        )
        return frame

    def to_graph(self):
        """The network as a networkx graph; see :func:`to_graph`."""
        return to_graph(self)


def count_array(selected: list[Coded], actors: list[str], decisions: list[str], level: str, qualifier: str):
    """``A`` (actors × decisions·levels, sparse: see :mod:`.matrices`) and the level values (ascending)."""
    np = require("numpy", "analysis")
    scale = QUALIFIERS[qualifier]
    values = sorted(set(scale.values()))
    a_index, d_index = {a: i for i, a in enumerate(actors)}, {d: i for i, d in enumerate(decisions)}
    kept = [c for c in selected if c.stance in scale and c.actor(level) in a_index and c.decision in d_index]
    array = matrices.count_matrix(
        [a_index[c.actor(level)] for c in kept],
        [d_index[c.decision] for c in kept],
        [values.index(scale[c.stance]) for c in kept],
        (len(actors), len(decisions), len(values)),
    )
    return array, np.array(values, dtype=float)


def qualified(statements: Statements, qualifier: str, **options) -> list[Coded]:
    """The selected coded statements whose stance is a level of ``qualifier``."""
    scale = QUALIFIERS[qualifier]
    return [c for c in statements.select(**options) if c.stance in scale]


def build(
    statements: Statements,
    kind: str = "congruence",
    *,
    level: str = "person",
    normalisation: str = "none",
    qualifier: str = "binary",
    isolates: bool = False,
    start=None,
    end=None,
    exclude_actors=(),
    exclude_decisions=(),
    evidence=None,
    universe: list[str] | None = None,
) -> Network:
    """One network of ``statements`` (see the module's docstring). ``isolates`` keeps every actor of the
    whole selection (all dates) as a row, active or not; else only the actors active in [start, end].
    ``universe`` fixes the rows (a window sequence passes the same rows to every window)."""
    check_options(kind, normalisation, qualifier)
    options = dict(level=level, exclude_actors=exclude_actors, exclude_decisions=exclude_decisions, evidence=evidence)
    selected = qualified(statements, qualifier, start=start, end=end, **options)
    pool = qualified(statements, qualifier, **options) if isolates else selected
    actors = list(universe) if universe is not None else sorted({c.actor(level) for c in pool})
    decisions = sorted({c.decision for c in pool})
    return network_from(
        selected,
        actors,
        decisions,
        kind,
        level=level,
        normalisation=normalisation,
        qualifier=qualifier,
        labels=statements.labels,
        start=start,
        end=end,
    )


def network_from(
    selected: list[Coded],
    actors: list[str],
    decisions: list[str],
    kind: str,
    *,
    level: str,
    normalisation: str,
    qualifier: str,
    labels: dict,
    start=None,
    end=None,
    counted=None,
) -> Network:
    """The network of kind ``kind`` over the given rows and decisions; ``counted`` is their
    :func:`count_array` when already computed (a window's congruence and conflict share it)."""
    array, values = counted if counted is not None else count_array(selected, actors, decisions, level, qualifier)
    if kind == "affiliation":
        matrix, columns = matrices.affiliation(array, values, normalisation), decisions
    else:
        matrix, columns = matrices.one_mode(array, values, kind, normalisation), actors
    coded: dict[str, list[Coded]] = {}
    for c in selected:
        coded.setdefault(c.actor(level), []).append(c)
    return Network(
        kind,
        normalisation,
        level,
        qualifier,
        actors,
        columns,
        matrix,
        coded,
        matrices.tally(array, len(values)),
        decisions,
        labels,
        start,
        end,
    )


def tie_factor(network: Network, a: Coded, b: Coded) -> float:
    """How much a pair of statements (two actors, one decision) adds to a tie of the network's kind."""
    scale = QUALIFIERS[network.qualifier]
    spread = (max(scale.values()) - min(scale.values())) or 1
    near = 1.0 - abs(scale[a.stance] - scale[b.stance]) / spread
    return {"congruence": near, "conflict": 1.0 - near, "subtract": 2.0 * near - 1.0}[network.kind]


def statements_behind(network: Network, a: str, b: str) -> list[Coded]:
    """The coded statements behind the tie a–b (one-mode: both actors' statements on each decision where a pair
    of them adds to the tie) or behind the cell actor a × decision b (affiliation), in statement order."""
    if network.kind == "affiliation":
        return sorted((c for c in network.coded.get(a, []) if c.decision == b), key=_order)
    found = set()
    for x in network.coded.get(a, []):
        for y in network.coded.get(b, []):
            if x.decision == y.decision and tie_factor(network, x, y):
                found.update((x, y))
    return sorted(found, key=_order)


def to_graph(network: Network):
    """The network as a networkx graph: nodes with ``label``, ``kind`` and ``activity`` (statements); one-mode: an edge per
    non-zero cell with ``weight`` (the cell) and ``sign``; affiliation: an edge per actor and decision with
    statements, ``weight`` (their number), ``value`` (the cell) and ``sign``; always and the statements behind it: ``statements`` (IRIs),
    ``evidence`` (counts per evidence level, e.g. ``anchored-quote: 3; reported-position: 1``), ``sources``."""
    import networkx as nx  # lazy: networkx for a graph export only; the matrices need numpy and scipy alone

    graph = nx.Graph(
        name=network.kind,
        kind=network.kind,
        normalisation=network.normalisation,
        level=network.level,
        qualifier=network.qualifier,
        start=_iso(network.start),
        end=_iso(network.end),
    )
    for actor in network.rows:
        graph.add_node(
            actor,
            label=network.label(actor),
            kind="actor",
            level=network.level,
            activity=len({c.statement for c in network.coded.get(actor, [])}),
        )
    if network.kind == "affiliation":
        for decision in network.columns:
            graph.add_node(decision, label=network.label(decision), kind="decision")
    if network.kind == "affiliation":  # weight: statements; value: signed
        cells = matrices.entries(network.counts)
        signed = matrices.at(network.values, [i for i, _, _ in cells], [j for _, j, _ in cells])
        for (i, j, count), value in zip(cells, signed.tolist()):
            a, b = network.rows[i], network.columns[j]
            sign = (value > 0) - (value < 0)
            graph.add_edge(a, b, weight=int(count), value=value, sign=sign, **trace_attributes(network.behind(a, b)))
    else:  # an edge per non-zero cell above the diagonal, in row-major order
        for i, j, value in matrices.entries(network.values, upper=True):
            a, b = network.rows[i], network.columns[j]
            sign = (value > 0) - (value < 0)
            graph.add_edge(a, b, weight=value, sign=sign, **trace_attributes(network.behind(a, b)))
    return graph


def trace_attributes(coded: list[Coded]) -> dict:
    """What an edge carries of the statements behind it."""
    levels: dict[str, set] = {}
    for c in coded:
        levels.setdefault(c.evidence, set()).add(c.statement)
    return {
        "statements": sorted({c.statement for c in coded}),
        "evidence": "; ".join(f"{level}: {len(s)}" for level, s in sorted(levels.items())),
        "sources": sorted({s for c in coded for s in c.sources}),
        "decisions": sorted({c.decision for c in coded}),
    }


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def _order(c: Coded) -> tuple:
    return (c.statement, c.decision, c.stance)
