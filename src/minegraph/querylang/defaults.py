"""A library file's parameter defaults: a ``VALUES`` block of parameters only (queries/README.md, "Files that
run anywhere"), which binding removes before it substitutes the values (:func:`minegraph.querylang.text.substitute`)."""

from __future__ import annotations

from minegraph.querylang.lexer import Token


def default_blocks(code: list[Token], names: set[str]) -> list[tuple[int, int]]:
    """``(first, last)`` positions in ``code`` of every ``VALUES`` block whose variables are all bound here.

    Such a block gives the parameters' defaults in the file itself, so the raw file runs on any SPARQL
    1.1 server; binding replaces it (the block goes, the values are substituted as everywhere else)."""
    blocks = []
    for i, token in enumerate(code):
        if token.word != "VALUES":
            continue
        j, block_vars = i + 1, []
        if j < len(code) and code[j].text == "(":
            j += 1
            while j < len(code) and code[j].kind == "var":
                block_vars.append(code[j].name)
                j += 1
            j += 1  # the closing parenthesis
        elif j < len(code) and code[j].kind == "var":
            block_vars.append(code[j].name)
            j += 1
        if not block_vars or not set(block_vars) <= names or j >= len(code) or code[j].text != "{":
            continue
        depth = 0
        for end in range(j, len(code)):
            depth += {"{": 1, "}": -1}.get(code[end].text, 0)
            if depth == 0:
                blocks.append((i, end))
                break
    return blocks


def drop_defaults(query, names: set[str], out: list[str]) -> set[int]:
    """Blank, in ``out`` (one string per token of ``query``, a :class:`~minegraph.querylang.text.QueryText`), the
    defaults blocks of ``names``; their code positions."""
    dropped: set[int] = set()
    for first, last in default_blocks(query.code, names):
        dropped.update(range(first, last + 1))
        for index in range(query.code_index[first], query.code_index[last] + 1):
            out[index] = ""
    return dropped
