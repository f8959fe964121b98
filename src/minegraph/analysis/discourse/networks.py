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
    values: object  # numpy array, rows × columns
    coded: dict[str, list[Coded]]  # actor → their coded statements in the selection (qualified ones only)
    counts: object = None  # numpy array, actors × decisions: the statements of each actor toward each decision
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
        frame = pandas.DataFrame(self.values, index=self.rows, columns=self.columns)
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
    """``A[actor, decision, level]`` (levels in ascending order) and the level values."""
    np = require("numpy", "analysis")
    scale = QUALIFIERS[qualifier]
    values = sorted(set(scale.values()))
    a_index, d_index = {a: i for i, a in enumerate(actors)}, {d: i for i, d in enumerate(decisions)}
    array = np.zeros((len(actors), len(decisions), len(values)))
    for c in selected:
        if c.stance in scale and c.actor(level) in a_index and c.decision in d_index:
            array[a_index[c.actor(level)], d_index[c.decision], values.index(scale[c.stance])] += 1
    return array, np.array(values, dtype=float)


def closeness(values):
    """Closeness of every pair of levels, ``1 - |q1 - q2| / range`` (1 on the diagonal)."""
    np = require("numpy", "analysis")
    spread = float(values.max() - values.min()) or 1.0
    return 1.0 - np.abs(values[:, None] - values[None, :]) / spread


def one_mode(array, values, kind: str, normalisation: str):
    """The actor × actor matrix of ``kind`` (congruence, conflict, subtract), normalised; zero diagonal."""
    np = require("numpy", "analysis")
    near = closeness(values)
    factor = {"congruence": near, "conflict": 1.0 - near, "subtract": 2.0 * near - 1.0}[kind]
    matrix = _level_products(array, factor)
    np.fill_diagonal(matrix, 0.0)
    if normalisation == "none":
        return matrix
    norm = one_mode_norm(array, normalisation)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(norm > 0, matrix / np.where(norm > 0, norm, 1.0), 0.0)


#: Up to this many multiplications (actors² × decisions × levels) the layers are multiplied as dense arrays, in
#: one product and without importing scipy; above, as sparse matrices (each actor speaks on few decisions).
DENSE_PRODUCT = 50_000_000


def _level_products(array, factor):
    """Σ over pairs of levels of factor[k1, k2] · A_k1 · A_k2ᵀ (actor × actor): one dense product of A weighted
    by ``factor`` with A for a small array; with scipy the layers are sparse above :data:`DENSE_PRODUCT`, so a
    window of thousands of actors costs little. Counts are integers and factors halves: both ways are exact."""
    np = require("numpy", "analysis")
    n, decisions, levels = array.shape
    if n * n * decisions * levels <= DENSE_PRODUCT:
        weighted = np.tensordot(array, factor, axes=([2], [0]))  # [actor, decision, k2] = Σ_k1 A[., ., k1] f[k1, k2]
        return weighted.reshape(n, decisions * levels) @ array.reshape(n, decisions * levels).T + 0.0  # no -0.0
    try:
        from scipy import sparse  # lazy: scipy is the large windows' alone, and costs 0.15 s to import
    except ImportError:  # pragma: no cover - scipy comes with the analysis extra
        sparse = None
    layers = [sparse.csr_matrix(array[:, :, k]) if sparse else array[:, :, k] for k in range(levels)]
    matrix = np.zeros((n, n))
    for k1, first in enumerate(layers):
        for k2, second in enumerate(layers):
            if factor[k1, k2]:
                product = first @ second.T
                matrix += factor[k1, k2] * (product.toarray() if sparse else product)
    return matrix


def one_mode_norm(array, normalisation: str):
    """The denominator of each pair under DNA's one-mode normalisations (ones for ``none``)."""
    np = require("numpy", "analysis")
    flat = array.reshape(array.shape[0], array.shape[1] * array.shape[2])
    totals = flat.sum(axis=1)
    if normalisation == "none":
        return np.ones((flat.shape[0], flat.shape[0]))
    if normalisation == "average":
        return (totals[:, None] + totals[None, :]) / 2.0
    if normalisation == "jaccard":
        zero = (flat == 0).astype(float)
        return flat @ zero.T + zero @ flat.T + flat @ flat.T
    lengths = np.sqrt((flat**2).sum(axis=1))  # cosine
    return lengths[:, None] * lengths[None, :]


def affiliation(array, values, normalisation: str):
    """The actor × decision matrix: the sum of the statements' levels, normalised by activity or prominence."""
    np = require("numpy", "analysis")
    matrix = (array * values[None, None, :]).sum(axis=2)
    counts = array.sum(axis=2)
    if normalisation == "activity":
        norm = counts.sum(axis=1, keepdims=True)
    elif normalisation == "prominence":
        norm = counts.sum(axis=0, keepdims=True)
    else:
        return matrix
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(norm > 0, matrix / np.where(norm > 0, norm, 1.0), 0.0)


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
        matrix, columns = affiliation(array, values, normalisation), decisions
    else:
        matrix, columns = one_mode(array, values, kind, normalisation), actors
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
        array.sum(axis=2),
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
    import networkx as nx  # lazy: networkx for a graph export only; the matrices need numpy alone

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
    for i, a in enumerate(network.rows):
        for j, b in enumerate(network.columns):
            value = float(network.values[i, j])
            if network.kind == "affiliation" and network.counts[i, j]:  # weight: statements; value: signed
                graph.add_edge(
                    a,
                    b,
                    weight=int(network.counts[i, j]),
                    value=value,
                    sign=(value > 0) - (value < 0),
                    **trace_attributes(network.behind(a, b)),
                )
            elif network.kind != "affiliation" and value and i < j:
                graph.add_edge(
                    a, b, weight=value, sign=(value > 0) - (value < 0), **trace_attributes(network.behind(a, b))
                )
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
