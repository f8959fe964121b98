"""Polarisation, camps, time windows and the stability of camps, on fiction fixtures computed by hand;
and the real graph's discourse networks checked against SPARQL counts."""

from __future__ import annotations

import datetime

import numpy as np
import pytest

from minegraph.analysis.discourse.networks import build
from minegraph.analysis.discourse.polarisation import EXACT_ACTORS, polarisation
from minegraph.analysis.discourse.statements import Coded, Statements
from minegraph.analysis.discourse.windows import adjusted_rand, best_match_jaccard, sequence, window_bounds
from minegraph.errors import InputError

D = datetime.date


def coded(name, person, decision, stance, date):
    return Coded(f"ex:{name}", person, person, person, decision, stance, date, "reported-position", ())


def test_polarisation_is_the_best_cut_of_conflict_share_minus_congruence_share():
    # The fixture of test_discourse_networks: congruence A-B 2, A-C 2, B-C 0 (total 4); conflict 1, 2, 3 (total 6).
    # W = F/6 − C/4: A-B −1/3, A-C −1/6, B-C 1/2. Splits: {AB|C} 1/3, {AC|B} 1/6, {A|BC} −1/2, none 0.
    actors = ["A", "B", "C"]
    congruence = np.array([[0, 2, 2], [2, 0, 0], [2, 0, 0]], dtype=float)
    conflict = np.array([[0, 1, 2], [1, 0, 3], [2, 3, 0]], dtype=float)
    result = polarisation(actors, congruence, conflict)
    assert (round(result.score, 12), result.camps, result.exact) == (round(1 / 3, 12), (["A", "B"], ["C"]), True)


def test_two_perfect_camps_score_one_and_a_consensus_zero():
    camps = np.array([[0, 1, 0, 0], [1, 0, 0, 0], [0, 0, 0, 1], [0, 0, 1, 0]], dtype=float)
    across = 1.0 - camps - np.eye(4)
    assert polarisation(list("abcd"), camps, across).score == 1.0
    assert polarisation(list("abcd"), camps, across).camps == (["a", "b"], ["c", "d"])
    agreeing = np.ones((4, 4)) - np.eye(4)
    assert polarisation(list("abcd"), agreeing, np.zeros((4, 4))).score == 0.0
    assert polarisation(list("ab"), np.zeros((2, 2)), np.zeros((2, 2))).score is None  # no tie: undefined


def test_local_search_above_the_exact_limit_finds_planted_camps():
    n = EXACT_ACTORS + 8
    side = np.array([i % 2 for i in range(n)])
    same = (side[:, None] == side[None, :]).astype(float) - np.eye(n)
    result = polarisation([f"a{i:02d}" for i in range(n)], same, 1.0 - same - np.eye(n))
    assert (result.score, result.exact) == (1.0, False)
    assert sorted(map(len, result.camps)) == [n // 2, n // 2]


def test_window_bounds_quarters_and_moving_windows():
    assert window_bounds(D(2025, 1, 1), D(2025, 12, 31), "1q", "1q") == [
        (D(2025, 1, 1), D(2025, 3, 31)),
        (D(2025, 4, 1), D(2025, 6, 30)),
        (D(2025, 7, 1), D(2025, 9, 30)),
        (D(2025, 10, 1), D(2025, 12, 31)),
    ]
    moving = window_bounds(D(2025, 1, 1), D(2025, 12, 31), "30d", "7d")
    # starts every 7 days while the 30-day window ends by 31 December: start + 7k + 29 ≤ day 364, k ≤ 47,
    # so 48 windows, the last starting on day 329 (26 November); the next (3 December) would end in 2026
    assert (len(moving), moving[-1]) == (48, (D(2025, 11, 26), D(2025, 12, 25)))
    # a month after 31 January is 28 February (clipped to the month's length)
    assert window_bounds(D(2025, 1, 31), D(2025, 3, 30), "1m", "1m") == [
        (D(2025, 1, 31), D(2025, 2, 27)),
        (D(2025, 2, 28), D(2025, 3, 27)),
    ]


@pytest.mark.parametrize("span", ["30", "0d", "3x", "d7"])
def test_bad_spans_are_refused(span):
    with pytest.raises(InputError, match="bad time span"):
        window_bounds(D(2025, 1, 1), D(2025, 12, 31), span, "7d")


def test_adjusted_rand_and_jaccard_by_hand():
    assert adjusted_rand({"a": 0, "b": 0, "c": 1, "d": 1}, {"a": 1, "b": 1, "c": 0, "d": 0}) == 1.0
    # every cell of the contingency table is 1: index 0, expected 2·2/6, maximum 2: (0 − 2/3) / (2 − 2/3) = −1/2
    assert adjusted_rand({"a": 0, "b": 0, "c": 1, "d": 1}, {"a": 0, "b": 1, "c": 0, "d": 1}) == -0.5
    assert adjusted_rand({"a": 0}, {"a": 0, "b": 1}) is None
    # [a b] best matches [a b c] (2/3), [c d] best matches [d] (1/2): (2·2/3 + 2·1/2) / 4 = 7/12
    assert best_match_jaccard((["a", "b"], ["c", "d"]), (["a", "b", "c"], ["d"])) == round(7 / 12, 12)


def test_window_sequence_follows_camps_forming_and_changing():
    # Q1: P and Q agree on X, R opposes. Q2: P now sides with R against Q. Q3: nothing said.
    rows = [
        coded("p1", "P", "X", "support", D(2025, 2, 1)),
        coded("q1", "Q", "X", "support", D(2025, 2, 2)),
        coded("r1", "R", "X", "oppose", D(2025, 3, 1)),
        coded("p2", "P", "Y", "oppose", D(2025, 5, 1)),
        coded("q2", "Q", "Y", "support", D(2025, 5, 2)),
        coded("r2", "R", "Y", "oppose", D(2025, 6, 1)),
    ]
    result = sequence(Statements(rows), "1q", "1q", start=D(2025, 1, 1), end=D(2025, 9, 30))
    first, second, third = result.windows
    assert (first.polarisation.score, first.polarisation.camps) == (1.0, (["P", "Q"], ["R"]))
    assert (second.polarisation.score, second.polarisation.camps) == (1.0, (["P", "R"], ["Q"]))
    # [P Q] best matches [Q] (1/2, against 1/3 for [P R]); [R] best matches [P R] (1/2): (2·1/2 + 1·1/2) / 3
    assert second.rand == -0.5 and second.jaccard == 0.5
    assert (third.statements, third.polarisation.score, third.rand) == (0, None, None)
    assert first.congruence.rows == ["P", "Q", "R"] == third.congruence.rows  # the same rows in every window
    frame = result.to_frame()
    assert list(frame["statements"]) == [3, 3, 0] and frame.loc[1, "camp_1"] == "P; R"


# --------------------------------------------------------------------------- the real graph


def _sparql_count(store, text):
    from minegraph.queries.run import run_sparql

    return {
        tuple(str(v) for v in list(row.values())[:-1]): int(list(row.values())[-1])
        for row in run_sparql(text, store=store).rows
    }


SIGNED_COUNTS = """
SELECT ?speaker ?decision (COUNT(DISTINCT ?statement) AS ?n) WHERE {
  ?a mg:assessedStatement ?statement ; mg:towards ?decision ; mg:stance ?stance .
  ?statement a mg:Statement ; mg:speaker ?speaker .
  FILTER (?stance IN (stance:support, stance:oppose))
} GROUP BY ?speaker ?decision"""


def test_real_affiliation_weights_equal_sparql_counts(store):
    from minegraph.analysis.discourse.statements import Statements as Real

    statements = Real.from_store(store)
    graph = build(statements, "affiliation").to_graph()
    counted = _sparql_count(store, SIGNED_COUNTS)
    weights = {(u, v) if graph.nodes[u]["kind"] == "actor" else (v, u): w for u, v, w in graph.edges(data="weight")}
    assert weights == counted
    assert len(statements.coded) == int(run_count(store, "SELECT (COUNT(*) AS ?n) WHERE { ?a a mg:StanceAssessment }"))


def run_count(store, text):
    from minegraph.queries.run import run_sparql

    return run_sparql(text, store=store).rows[0]["n"]


def test_dynamic_graph_spells_do_not_overlap_for_moving_windows():
    from minegraph.analysis.discourse.exports import dynamic_graph, owned_spells

    rows = [
        coded("p1", "P", "X", "support", D(2025, 1, 10)),
        coded("q1", "Q", "X", "support", D(2025, 1, 12)),
        coded("r1", "R", "X", "oppose", D(2025, 1, 20)),
    ]
    result = sequence(Statements(rows), "14d", "7d", start=D(2025, 1, 1), end=D(2025, 1, 28))
    # windows 1–14, 8–21, 15–28 January; each stands for the days until the next one starts
    assert owned_spells(result) == [
        ("2025-01-01", "2025-01-07"),
        ("2025-01-08", "2025-01-14"),
        ("2025-01-15", "2025-01-28"),
    ]
    graph = dynamic_graph(result, "congruence")
    # P and Q agree in the first two windows (both spoke by 12 January): one joined spell, a value per window
    assert graph.edges["P", "Q"]["spells"] == [("2025-01-01", "2025-01-14")]
    assert graph.edges["P", "Q"]["tie_history"] == [
        (1.0, "2025-01-01", "2025-01-07"),
        (1.0, "2025-01-08", "2025-01-14"),
    ]
    assert graph.edges["P", "Q"]["statements"] == ["ex:p1", "ex:q1"]
    conflict = dynamic_graph(result, "conflict")  # R speaks on 20 January: only the 8–21 window has P, Q and R
    assert sorted(conflict.edges) == [("P", "R"), ("Q", "R")] and conflict.edges["P", "R"]["spells"] == [
        ("2025-01-08", "2025-01-14")
    ]


def test_the_dynamic_gexf_is_the_same_bytes_on_any_day():
    from minegraph.analysis.discourse.exports import dynamic_graph
    from minegraph.analysis.graphml import gexf_bytes

    rows = [coded("p1", "P", "X", "support", D(2025, 1, 10)), coded("q1", "Q", "X", "support", D(2025, 1, 12))]
    data = gexf_bytes(dynamic_graph(sequence(Statements(rows), "14d", "7d", start=D(2025, 1, 1), end=D(2025, 1, 28))))
    assert b"lastmodifieddate" not in data and b'mode="dynamic"' in data
