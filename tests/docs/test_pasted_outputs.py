"""The command outputs pasted in README.md and docs/ are what the commands print on the real graph today
(``python tests/docs/pasted.py --update`` refreshes them after a change that alters an output)."""

from __future__ import annotations

import pytest

from .pasted import cases, matches, refreshed, run

CASES = cases()


def test_the_readme_has_checked_outputs():
    assert sum(case.document.name == "README.md" for case in CASES) >= 5


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_a_pasted_output_is_what_the_command_prints(case):
    actual = run(case.command)
    assert matches(case.expected, actual), (
        f"{case.name}: `{case.command}` prints otherwise; run `python tests/docs/pasted.py --update`\n"
        + "\n".join(refreshed(case.expected, actual))
    )


def test_an_elision_stands_for_any_lines_and_nothing_else_is_loose():
    assert matches(["a", "…", "z"], ["a", "b", "c", "z"]) and matches(["a", "…", "z"], ["a", "z"])
    assert not matches(["a", "…", "z"], ["a", "b"]) and not matches(["a", "b"], ["a", "c"])
    assert matches(["x  ", "real\t0m0.83s"], ["x"])
    assert refreshed(["h", "1", "…", "(9 rows)"], ["h", "1", "2", "3", "(3 rows)"]) == ["h", "1", "…", "(3 rows)"]
