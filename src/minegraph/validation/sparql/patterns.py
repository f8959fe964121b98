"""Violation patterns as SPARQL text, and what the compiler needs to know of each: whether it binds its focus
node by its own triples (:class:`Bound`), which further variables make distinct results (``keys``), where a
result's path comes from (``path_var``)."""

from __future__ import annotations


class Pattern(str):
    """A violation pattern; ``keys``: variables (without ``?``) whose distinct values are distinct results
    beyond the focus and value nodes (the other value of an sh:lessThan pair, the parents of a nested focus)."""

    keys: tuple[str, ...] = ()
    path_var: str | None = None  # the variable holding each result's path (sh:closed), else the shape's path


class Bound(Pattern):
    """A violation pattern whose every solution binds its focus node by the pattern's own triples (a path
    from it, or a sub-select of it): joined as a group, it needs nothing bound from outside."""


def keyed(pattern: str, *keys: str) -> Pattern:
    """``pattern`` (of its own kind) with result keys ``keys`` (variables, with or without ``?``)."""
    made = (type(pattern) if isinstance(pattern, Pattern) else Pattern)(pattern)
    made.keys = tuple(k.lstrip("?") for k in keys)
    made.path_var = getattr(pattern, "path_var", None)
    return made


def unwrap(pattern: str) -> str:
    """A group's content, to sit in the query's own group: a FILTER must see ``?this`` bound by the focus nodes."""
    return pattern[1:-1] if pattern.startswith("{") and pattern.endswith("}") else pattern


def flatten(pattern: str) -> str:
    """A pattern without the braces that enclose it whole (``{ { FILTER … } }`` → ``FILTER …``), down to a
    sub-select, which keeps its braces."""
    while pattern.startswith("{") and _closing(pattern) == len(pattern) - 1:
        inner = pattern[1:-1].strip()
        if inner.startswith("SELECT"):
            break
        pattern = inner
    return pattern


def _closing(pattern: str) -> int:
    """The index of the brace that closes the one at index 0 (strings in the pattern hold no braces)."""
    depth = 0
    for index, char in enumerate(pattern):
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth == 0:
            return index
    return -1
