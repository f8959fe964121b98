"""One definition per check: each row of the profile has exactly one query (NAME.rq, whose rows keep the row
contract ?focus ?path ?value) and one wording function, and nothing else in the checks folder defines a check."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from minegraph.validation.checks import CONTRACT, HERE, known, profile, wordings

SEVERITIES = ("Violation", "Warning", "Info")


def test_every_check_query_and_wording_has_one_profile_row():
    queries = sorted(path.stem for path in HERE.glob("*.rq"))
    assert queries == known() == sorted(wordings())


@pytest.mark.parametrize("name", known())
def test_the_check_query_keeps_the_row_contract(name):
    """Its answer's first variables are ?focus ?path ?value (on an empty store: the projection alone)."""
    variables = [v.value for v in ox.Store().query(profile()[name].query).variables]
    assert tuple(variables[: len(CONTRACT)]) == CONTRACT


@pytest.mark.parametrize("name", known())
def test_the_profile_row_is_complete(name):
    check = profile()[name]
    assert check.severity in SEVERITIES and check.run in ("first", "last", "-") and check.over in ("graph", "files")


def test_the_support_queries_are_lookups_not_checks():
    """support/ holds what wordings look up (names, rules, dates); none is named like a check."""
    support = {path.stem for path in (HERE / "support").glob("*.rq")}
    assert support and not support & set(known())
