"""DNA's network kinds and normalisations on a small fiction fixture, each cell computed by hand in the
comments and compared exactly; actor levels, exclusions, isolates and the statements behind each tie.

Fixture (fiction): actors A, B, C; decisions X, Y.
  A: X support ×2 (a1, a2), Y oppose ×1 (a3)        binary counts [X-, X+, Y-, Y+] = [0, 2, 1, 0], total 3
  B: X support ×1 (b1), Y support ×1 (b2)           [0, 1, 0, 1], total 2
  C: X oppose ×1 (c1), Y oppose ×2 (c2, c3),        [1, 0, 2, 0], total 3 (the neutral c4 has no binary level)
     X neutral ×1 (c4)
"""

from __future__ import annotations

import datetime
import math

import pytest

from minegraph.analysis.discourse.networks import build
from minegraph.analysis.discourse.statements import Coded, Statements
from minegraph.errors import InputError

A, B, C, X, Y = "ex:A", "ex:B", "ex:C", "ex:X", "ex:Y"
DAY = datetime.date(2025, 5, 1)


def coded(name, person, decision, stance, *, organisation=None, state=None, evidence="anchored-quote", date=DAY):
    return Coded(
        f"ex:{name}",
        person,
        organisation or person,
        state or organisation or person,
        decision,
        stance,
        date,
        evidence,
        (f"ex:source-{name[0]}",),
    )


@pytest.fixture
def fiction() -> Statements:
    rows = [
        coded("a1", A, X, "support"),
        coded("a2", A, X, "support"),
        coded("a3", A, Y, "oppose"),
        coded("b1", B, X, "support"),
        coded("b2", B, Y, "support", evidence="reported-position"),
        coded("c1", C, X, "oppose"),
        coded("c2", C, Y, "oppose"),
        coded("c3", C, Y, "oppose"),
        coded("c4", C, X, "neutral"),
    ]
    return Statements(rows, {A: "Actor A", B: "Actor B", C: "Actor C", X: "Decision X", Y: "Decision Y"})


def cells(network) -> dict[tuple[str, str], float]:
    return {
        (r, c): round(network.cell(r, c), 12)
        for r in network.rows
        for c in network.columns
        if r < c or network.kind == "affiliation"
    }


def test_congruence_conflict_and_subtract_without_normalisation(fiction):
    # congruence: A-B share X+ (2·1 = 2); A-C share Y- (1·2 = 2); B-C share nothing
    assert cells(build(fiction, "congruence")) == {(A, B): 2, (A, C): 2, (B, C): 0}
    # conflict: A-B: Y (A- 1 × B+ 1) = 1; A-C: X (A+ 2 × C- 1) = 2; B-C: X (1·1) + Y (1·2) = 3
    assert cells(build(fiction, "conflict")) == {(A, B): 1, (A, C): 2, (B, C): 3}
    assert cells(build(fiction, "subtract")) == {(A, B): 1, (A, C): 0, (B, C): -3}


def test_one_mode_normalisations(fiction):
    # average activity: divide by (t_i + t_j) / 2: A-B (3 + 2) / 2 = 2.5, A-C 3, B-C 2.5
    assert cells(build(fiction, "congruence", normalisation="average")) == {
        (A, B): 0.8,
        (A, C): round(2 / 3, 12),
        (B, C): 0,
    }
    assert cells(build(fiction, "conflict", normalisation="average")) == {
        (A, B): 0.4,
        (A, C): round(2 / 3, 12),
        (B, C): 1.2,
    }
    # Jaccard as DNA counts it: A-B m10 = 1 (A's Y-), m01 = 1 (B's Y+), m11 = 2·1 → 4; A-C m10 = 2, m01 = 1, m11 = 1·2 → 5
    assert cells(build(fiction, "congruence", normalisation="jaccard")) == {(A, B): 0.5, (A, C): 0.4, (B, C): 0}
    # cosine: the Euclidean lengths |A| = √5, |B| = √2, |C| = √5
    assert cells(build(fiction, "congruence", normalisation="cosine")) == {
        (A, B): round(2 / math.sqrt(10), 12),
        (A, C): 0.4,
        (B, C): 0,
    }


def test_scale_qualifier_counts_neutral_half_way(fiction):
    # levels -1, 0, +1 (range 2): neutral is 0.5 close to either side. A-C: X A+2 × C0 1 × 0.5 = 1, Y A-1 × C-2 = 2
    congruence = build(fiction, "congruence", qualifier="scale")
    assert (congruence.cell(A, C), congruence.cell(B, C)) == (3.0, 0.5)
    conflict = build(fiction, "conflict", qualifier="scale")  # A-C: X A+2×C-1 = 2, A+2×C0 1×0.5 = 1; B-C: 1 + 0.5 + 2
    assert (conflict.cell(A, C), conflict.cell(B, C)) == (3.0, 3.5)


def test_affiliation_signed_and_normalised(fiction):
    assert cells(build(fiction, "affiliation")) == {(A, X): 2, (A, Y): -1, (B, X): 1, (B, Y): 1, (C, X): -1, (C, Y): -2}
    activity = cells(build(fiction, "affiliation", normalisation="activity"))  # A 3, B 2, C 3 statements
    assert activity == {
        (A, X): round(2 / 3, 12),
        (A, Y): round(-1 / 3, 12),
        (B, X): 0.5,
        (B, Y): 0.5,
        (C, X): round(-1 / 3, 12),
        (C, Y): round(-2 / 3, 12),
    }
    prominence = cells(build(fiction, "affiliation", normalisation="prominence"))  # X 4, Y 4 statements
    assert prominence == {(A, X): 0.5, (A, Y): -0.25, (B, X): 0.25, (B, Y): 0.25, (C, X): -0.25, (C, Y): -0.5}
    graph = build(fiction, "affiliation").to_graph()
    assert (graph.edges[A, X]["weight"], graph.edges[A, X]["value"], graph.edges[C, Y]["sign"]) == (2, 2.0, -1)


def test_every_tie_carries_the_statements_behind_it(fiction):
    congruence = build(fiction, "congruence").to_graph()
    edge = congruence.edges[A, B]  # agreement on X only
    assert edge["statements"] == ["ex:a1", "ex:a2", "ex:b1"]
    assert (edge["evidence"], edge["sources"], edge["decisions"]) == (
        "anchored-quote: 3",
        ["ex:source-a", "ex:source-b"],
        [X],
    )
    assert not congruence.has_edge(B, C)
    conflict = build(fiction, "conflict").to_graph().edges[A, B]  # disagreement on Y: a reported position
    assert (conflict["statements"], conflict["evidence"]) == (
        ["ex:a3", "ex:b2"],
        "anchored-quote: 1; reported-position: 1",
    )
    assert [c.statement for c in build(fiction, "affiliation").behind(C, X)] == ["ex:c1"]


def test_actor_levels_count_a_person_for_their_organisation_and_state():
    rows = [
        coded("p1", "ex:P1", X, "support", organisation="ex:O1", state="ex:S"),
        coded("p2", "ex:P2", X, "support", organisation="ex:O1", state="ex:S"),
        coded("p3", "ex:P3", X, "oppose", organisation="ex:O2", state="ex:S"),
        coded("p4", "ex:P4", X, "support", organisation="ex:O3"),
    ]
    statements = Statements(rows)
    assert cells(build(statements, "congruence", level="person")) == {
        ("ex:P1", "ex:P2"): 1,
        ("ex:P1", "ex:P3"): 0,
        ("ex:P1", "ex:P4"): 1,
        ("ex:P2", "ex:P3"): 0,
        ("ex:P2", "ex:P4"): 1,
        ("ex:P3", "ex:P4"): 0,
    }
    organisation = build(statements, "affiliation", level="organisation")  # O1 speaks twice through P1 and P2
    assert organisation.rows == ["ex:O1", "ex:O2", "ex:O3"] and organisation.cell("ex:O1", X) == 2
    state = build(statements, "affiliation", level="state")  # S: 2 support − 1 oppose; O3 is in no state
    assert (state.rows, state.cell("ex:S", X), state.cell("ex:O3", X)) == (["ex:O3", "ex:S"], 1.0, 1.0)


def test_exclusions_isolates_and_evidence_filter(fiction):
    assert build(fiction, "congruence", exclude_actors=[C]).rows == [A, B]
    assert build(fiction, "affiliation", exclude_decisions=[Y]).columns == [X]
    anchored = build(fiction, "conflict", evidence=["anchored-quote"])  # b2 (reported) is left out
    assert anchored.cell(A, B) == 0 and anchored.cell(B, C) == 1
    later = datetime.date(2025, 6, 1)
    assert build(fiction, "congruence", start=later).rows == []  # nobody active after May
    assert build(fiction, "congruence", start=later, isolates=True).rows == [A, B, C]


@pytest.mark.parametrize(
    "kind, normalisation, qualifier, level",
    [
        ("congruence", "activity", "binary", "person"),
        ("affiliation", "cosine", "binary", "person"),
        ("cluster", "none", "binary", "person"),
        ("congruence", "none", "ternary", "person"),
        ("congruence", "none", "binary", "region"),
    ],
)
def test_unknown_options_are_refused_with_what_is_expected(fiction, kind, normalisation, qualifier, level):
    with pytest.raises(InputError, match="expected one of"):
        build(fiction, kind, normalisation=normalisation, qualifier=qualifier, level=level)


def test_networks_as_frames_carry_labels(fiction):
    frame = build(fiction, "subtract").to_frame()
    assert frame.loc[B, C] == -3 and frame.attrs["labels"][A] == "Actor A" and frame.attrs["kind"] == "subtract"
    coded_frame = fiction.to_frame()
    assert len(coded_frame) == 9 and set(coded_frame["evidence"]) == {"anchored-quote", "reported-position"}


def _dense_reference(array, values, kind, normalisation):
    """DNA's one-mode matrix by its definition, on a dense count array A[actor, decision, level]."""
    import numpy as np

    near = 1.0 - np.abs(values[:, None] - values[None, :]) / (float(values.max() - values.min()) or 1.0)
    factor = {"congruence": near, "conflict": 1.0 - near, "subtract": 2.0 * near - 1.0}[kind]
    matrix = np.einsum("idk,jdl,kl->ij", array, array, factor)
    np.fill_diagonal(matrix, 0.0)
    flat = array.reshape(len(array), -1)
    totals, lengths, zero = flat.sum(axis=1), np.sqrt((flat**2).sum(axis=1)), (flat == 0).astype(float)
    norm = {
        "none": np.ones_like(matrix),
        "average": (totals[:, None] + totals[None, :]) / 2.0,
        "jaccard": flat @ zero.T + zero @ flat.T + flat @ flat.T,
        "cosine": lengths[:, None] * lengths[None, :],
    }[normalisation]
    return np.where(matrix != 0, matrix / np.where(norm > 0, norm, 1.0), 0.0) + 0.0


@pytest.mark.parametrize("qualifier", ["binary", "scale"])
@pytest.mark.parametrize("normalisation", ["none", "average", "jaccard", "cosine"])
@pytest.mark.parametrize("kind", ["congruence", "conflict", "subtract"])
def test_sparse_one_mode_matrices_equal_the_definition_to_the_bit(kind, normalisation, qualifier):
    """The sparse products give, on random counts, the cells of DNA's definition computed densely, to the bit,
    with no stored zero and no diagonal."""
    import numpy as np

    from minegraph.analysis.discourse import matrices, networks

    random = np.random.default_rng(7)
    values = np.array(sorted(set(networks.QUALIFIERS[qualifier].values())), dtype=float)
    for _ in range(20):
        actors, decisions = int(random.integers(1, 40)), int(random.integers(1, 9))
        shape = (actors, decisions, len(values))
        array = ((random.random(shape) < 0.25) * random.integers(1, 4, shape)).astype(float)
        cells = np.argwhere(array > 0)
        rows, columns, levels = (np.repeat(cells[:, k], array[array > 0].astype(int)) for k in range(3))
        counts = matrices.count_matrix(rows, columns, levels, shape)
        sparse = matrices.one_mode(counts, values, kind, normalisation)
        assert sparse.toarray().tobytes() == _dense_reference(array, values, kind, normalisation).tobytes()
        assert sparse.data.all() and not sparse.diagonal().any()
