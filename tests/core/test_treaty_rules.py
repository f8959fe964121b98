"""Date arithmetic of Articles 17 and 20, and reading the rules back from the graph."""

from __future__ import annotations

from datetime import date

import pytest
from rdflib import Graph

from minegraph.assemble.parts.convention import timing_rules
from minegraph.core.treaty_rules import (
    ARTICLE_17,
    ARTICLE_20,
    RuleError,
    TimingRule,
    add_months,
    ordinal,
    rule_from_graph,
)

ART17 = TimingRule(ARTICLE_17, "17", 6, True, 40)
ART20 = TimingRule(ARTICLE_20, "20(3)", 6, False)


def test_article_17_gives_the_first_day_of_the_sixth_month_after_the_deposit():
    assert ART17.apply(date(2025, 3, 12)) == date(2025, 9, 1)  # Marshall Islands (ICBL states 1 September 2025)
    assert ART17.apply(date(2017, 12, 13)) == date(2018, 6, 1)  # Sri Lanka (ISU states 1 June 2018)
    assert ART17.apply(date(2003, 9, 3)) == date(2004, 3, 1)  # Belarus (Dutch database: 1 March 2004)


def test_tonga_enters_into_force_on_1_december_2025_from_either_reported_deposit_date():
    assert ART17.apply(date(2025, 6, 25)) == ART17.apply(date(2025, 6, 26)) == date(2025, 12, 1)


def test_article_17_1_binds_early_depositors_from_the_conventions_own_entry_into_force():
    fortieth = date(1998, 9, 16)
    assert ART17.entry_into_force(date(1998, 3, 18), fortieth) == (date(1999, 3, 1), "17(1)")
    assert ART17.entry_into_force(fortieth, fortieth) == (date(1999, 3, 1), "17(1)")  # same day is not "after"
    assert ART17.entry_into_force(date(1998, 9, 21), fortieth) == (date(1999, 3, 1), "17(2)")
    assert ART17.entry_into_force(date(1998, 10, 5), fortieth) == (date(1999, 4, 1), "17(2)")


def test_the_threshold_deposit_is_the_40th_in_date_order_and_none_before_it_is_reached():
    deposits = [date(1998, 1, 1) + (date(1998, 1, 2) - date(1998, 1, 1)) * n for n in range(45)]
    assert ART17.threshold_deposit(reversed(deposits)) == deposits[39]
    assert ART17.threshold_deposit(deposits[:39]) is None


def test_article_20_gives_the_same_day_six_months_after_the_deposit():
    assert ART20.apply(date(2025, 6, 27)) == date(2025, 12, 27)
    assert ART20.apply(date(2025, 7, 10)) == date(2026, 1, 10)
    assert ART20.apply(date(2025, 8, 20)) == date(2026, 2, 20)


def test_months_are_added_to_the_last_day_of_a_shorter_month():
    assert add_months(date(2025, 8, 31), 6) == date(2026, 2, 28)
    assert add_months(date(2023, 8, 31), 6) == date(2024, 2, 29)
    assert add_months(date(2025, 12, 15), 1) == date(2026, 1, 15)


def test_the_graph_holds_the_rules_of_the_curation_file(project, real_graph):
    for node, rule in timing_rules(project).items():
        assert rule_from_graph(real_graph, node) == rule
    assert rule_from_graph(real_graph, ARTICLE_17) == ART17
    assert rule_from_graph(real_graph, ARTICLE_20) == ART20


def test_a_missing_rule_is_a_rule_error():
    with pytest.raises(RuleError, match="has no"):
        rule_from_graph(Graph(), ARTICLE_20)


def test_ordinals_in_messages_read_as_english():
    assert [ordinal(n) for n in (1, 2, 3, 4, 6, 11, 12, 13, 21, 22, 40, 101, 111)] == [
        "1st",
        "2nd",
        "3rd",
        "4th",
        "6th",
        "11th",
        "12th",
        "13th",
        "21st",
        "22nd",
        "40th",
        "101st",
        "111th",
    ]
