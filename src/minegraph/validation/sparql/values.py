"""The constraint components tested on each value node (value type, range, string, list and logical ones),
as SPARQL conditions on the value node ``v``: one method each, named after the SHACL section it compiles."""

from __future__ import annotations

from collections.abc import Callable

from .components import TYPE_OF, Variables, datatype_ok, integer, term
from .shapes import ShapesError, ShapesGraph, Term
from .vocab import NODE_KINDS

_RANGE = {"minExclusive": ">", "minInclusive": ">=", "maxExclusive": "<", "maxInclusive": "<="}


class ValueConditions:
    """Violation conditions on one value node ``v`` for the value-type and logical components."""

    def __init__(self, graph: ShapesGraph, variables: Variables, violates: Callable[[Term, str], str | None]):
        self.graph, self.variables, self.violates = graph, variables, violates

    def conforms(self, shape: Term, v: str) -> str:
        pattern = self.violates(shape, v)
        return "true" if pattern is None else f"NOT EXISTS {pattern}"

    def condition(self, shape: Term, name: str, value: Term, v: str) -> str:
        """The SPARQL expression that is true when value node ``v`` violates ``sh:name value`` of ``shape``."""
        if name in _RANGE:
            return self.value_range(name, value, v)
        if name in ("minLength", "maxLength"):
            return self.length(name, value, v)
        if name in ("or", "and", "xone"):
            return self.logical(name, value, v)
        method = getattr(
            self,
            {"class": "class_", "in": "in_", "not": "not_", "nodeKind": "node_kind", "languageIn": "language_in"}.get(
                name, name
            ),
            None,
        )
        if method is None:
            raise ShapesError(f"{self.graph.path}: sh:{name} is not supported")
        return method(shape, value, v)

    def class_(self, shape: Term, value: Term, v: str) -> str:
        """sh:class — SHACL 4.1.1, https://www.w3.org/TR/shacl/#ClassConstraintComponent (rdfs:subClassOf* followed)."""
        return f"NOT EXISTS {{ {v} {TYPE_OF} {term(value)} }}"

    def datatype(self, shape: Term, value: Term, v: str) -> str:
        """sh:datatype — SHACL 4.1.2, https://www.w3.org/TR/shacl/#DatatypeConstraintComponent (ill-typed literals
        fail too)."""
        return f"!{datatype_ok(value.value, v)}"

    def node_kind(self, shape: Term, value: Term, v: str) -> str:
        """sh:nodeKind — SHACL 4.1.3, https://www.w3.org/TR/shacl/#NodeKindConstraintComponent"""
        if value.value not in NODE_KINDS:
            raise ShapesError(f"{self.graph.path}: unknown sh:nodeKind {value}")
        return "!" + NODE_KINDS[value.value].format(v=v)

    def value_range(self, name: str, value: Term, v: str) -> str:
        """sh:minExclusive, sh:minInclusive, sh:maxExclusive, sh:maxInclusive — SHACL 4.3.1-4.3.4,
        https://www.w3.org/TR/shacl/#MinExclusiveConstraintComponent,
        https://www.w3.org/TR/shacl/#MinInclusiveConstraintComponent,
        https://www.w3.org/TR/shacl/#MaxExclusiveConstraintComponent,
        https://www.w3.org/TR/shacl/#MaxInclusiveConstraintComponent (a value that does not compare fails)."""
        return f"!COALESCE({v} {_RANGE[name]} {term(value)}, false)"

    def length(self, name: str, value: Term, v: str) -> str:
        """sh:minLength, sh:maxLength — SHACL 4.4.1-4.4.2, https://www.w3.org/TR/shacl/#MinLengthConstraintComponent,
        https://www.w3.org/TR/shacl/#MaxLengthConstraintComponent (a blank node fails)."""
        operator = ">=" if name == "minLength" else "<="
        return f"(isBlank({v}) || !COALESCE(STRLEN(STR({v})) {operator} {integer(self.graph, value, name)}, false))"

    def pattern(self, shape: Term, value: Term, v: str) -> str:
        """sh:pattern (with sh:flags) — SHACL 4.4.3, https://www.w3.org/TR/shacl/#PatternConstraintComponent"""
        flags = self.graph.sh(shape, "flags")
        regex = f"REGEX(STR({v}), {term(value)}" + (f", {term(flags[0])})" if flags else ")")
        return f"(isBlank({v}) || !{regex})"

    def language_in(self, shape: Term, value: Term, v: str) -> str:
        """sh:languageIn — SHACL 4.4.4, https://www.w3.org/TR/shacl/#LanguageInConstraintComponent"""
        tags = " || ".join(f"langMatches(LANG({v}), {term(t)})" for t in self.graph.items(value))
        return f"!(isLiteral({v}) && ({tags or 'false'}))"

    def in_(self, shape: Term, value: Term, v: str) -> str:
        """sh:in — SHACL 4.8.3, https://www.w3.org/TR/shacl/#InConstraintComponent"""
        members = self.graph.items(value)
        return "!(" + " || ".join(f"sameTerm({v}, {term(m)})" for m in members) + ")" if members else "true"

    def node(self, shape: Term, value: Term, v: str) -> str:
        """sh:node — SHACL 4.7.1, https://www.w3.org/TR/shacl/#NodeConstraintComponent"""
        pattern = self.violates(value, v)
        return "false" if pattern is None else f"EXISTS {pattern}"

    def not_(self, shape: Term, value: Term, v: str) -> str:
        """sh:not — SHACL 4.6.1, https://www.w3.org/TR/shacl/#NotConstraintComponent"""
        return self.conforms(value, v)

    def logical(self, name: str, value: Term, v: str) -> str:
        """sh:and, sh:or, sh:xone — SHACL 4.6.2-4.6.4, https://www.w3.org/TR/shacl/#AndConstraintComponent,
        https://www.w3.org/TR/shacl/#OrConstraintComponent, https://www.w3.org/TR/shacl/#XoneConstraintComponent"""
        members = [self.conforms(s, v) for s in self.graph.items(value)]
        if name == "or":
            return "!(" + (" || ".join(members) or "false") + ")"
        if name == "and":
            return "!(" + (" && ".join(members) or "true") + ")"
        return "(" + (" + ".join(f"IF({m}, 1, 0)" for m in members) or "0") + ") != 1"
