"""Text bound for a terminal, with its control characters made visible.

Ingested texts, curation values and query text reach the analyst's terminal (``trace``, tables,
syntax-error carets): an ESC or a C1 control in them would be obeyed by the terminal (move the cursor,
retitle the window, hide lines). :func:`visible` writes every C0 and C1 control (and DEL) as an escape
such as ``\\x1b``, keeping only the ones asked for (newline and tab by default).
"""

from __future__ import annotations

import re

_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f]")


def visible(text: str, keep: str = "\n\t") -> str:
    """``text`` with each control character outside ``keep`` written as ``\\xHH`` (U+0080–U+009F as ``\\u0080``…)."""
    if not _CONTROLS.search(text):
        return text
    return _CONTROLS.sub(lambda m: m.group() if m.group() in keep else _escape(m.group()), text)


def _escape(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x80 else f"\\u{code:04x}"
