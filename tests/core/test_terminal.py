"""Text bound for a terminal keeps no control character a terminal would obey, and loses nothing else."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from minegraph.core.terminal import visible

CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f]")


@given(st.text())
def test_no_control_survives_but_newline_and_tab(text):
    shown = visible(text)
    assert CONTROLS.findall(shown) == [c for c in CONTROLS.findall(text) if c in "\n\t"]
    assert visible(text, keep="").count("\n") == 0


@given(st.text(st.characters(blacklist_categories=("Cc",))))
def test_text_without_controls_is_unchanged(text):
    assert visible(text) == text


def test_each_control_is_written_as_its_code():
    assert visible("a\x1b[2J\x9b31m\x07b\r\n") == "a\\x1b[2J\\u009b31m\\x07b\\x0d\n"
