"""A page that says one thing (not found, an error) shows any message as text, never as markup."""

from __future__ import annotations

import html

from hypothesis import given
from hypothesis import strategies as st

from minegraph.publish.pages import message_page


@given(
    st.text() | st.sampled_from(["<img src=x onerror=alert(1)>", "</p><script>alert(1)</script>", '"><svg onload=x>'])
)
def test_any_message_is_text_on_the_page(message):
    page = message_page("Not found", message)
    shown = page[page.rindex("<p>") + 3 : page.rindex("</p>")]
    assert "<" not in shown and ">" not in shown and html.unescape(shown) == message
