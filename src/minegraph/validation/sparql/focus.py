"""The constraint components tested once per focus node (counts, pairs, hasValue, uniqueLang, qualified
shapes, closed), as violation patterns: one method each, named after the SHACL section it compiles. Mixed
into :class:`~minegraph.validation.sparql.compiler.Compiler` (which provides ``graph``, ``vars``, ``values``)."""

from __future__ import annotations

import pyoxigraph as ox

from .components import integer, less_than, term
from .paths import Path
from .patterns import Bound, keyed
from .shapes import ShapesError, Term
from .vocab import COMPONENT, SH

#: Focus parameters that need sh:path (they count or compare the values along it).
NEED_PATH = ("minCount", "maxCount", "uniqueLang", "qualifiedValueShape")


class FocusPatterns:
    """Violation patterns of the per-focus components, for focus node ``x`` and the shape's path."""

    def focus_pattern(self, shape: Term, name: str, value: Term, x: str, path: Path | None):
        """(violation pattern, value variable) of sh:``name`` ``value`` on ``shape``."""
        if name in NEED_PATH and path is None:
            raise ShapesError(f"{self.graph.path}: sh:{name} on {self.graph.name(shape)} needs sh:path")
        if name == "qualifiedValueShape":
            return None, None  # compiled by qualified(), which reports two components
        if name in ("lessThan", "lessThanOrEquals"):
            return self.less_than(name, value, x, path)
        return getattr(
            self,
            {
                "minCount": "min_count",
                "maxCount": "max_count",
                "hasValue": "has_value",
                "uniqueLang": "unique_lang",
            }.get(name, name),
        )(shape, value, x, path)

    def min_count(self, shape: Term, value: Term, x: str, path: Path):
        """sh:minCount — SHACL 4.2.1, https://www.w3.org/TR/shacl/#MinCountConstraintComponent"""
        return self.at_least(
            x, path.sparql, self.vars.fresh(), "true", integer(self.graph, value, "minCount"), negate=True
        ), None

    def max_count(self, shape: Term, value: Term, x: str, path: Path):
        """sh:maxCount — SHACL 4.2.2, https://www.w3.org/TR/shacl/#MaxCountConstraintComponent"""
        n = integer(self.graph, value, "maxCount") + 1
        return self.at_least(x, path.sparql, self.vars.fresh(), "true", n, negate=False), None

    def has_value(self, shape: Term, value: Term, x: str, path: Path | None):
        """sh:hasValue — SHACL 4.8.2, https://www.w3.org/TR/shacl/#HasValueConstraintComponent"""
        if path is None:
            return f"{{ FILTER(!sameTerm({x}, {term(value)})) }}", None
        return f"{{ FILTER NOT EXISTS {{ {x} {path.sparql} {term(value)} }} }}", None

    def unique_lang(self, shape: Term, value: Term, x: str, path: Path):
        """sh:uniqueLang — SHACL 4.4.5, https://www.w3.org/TR/shacl/#UniqueLangConstraintComponent (only
        ``true`` switches it on; one result per language tag used twice)."""
        if not (isinstance(value, ox.Literal) and value.value == "true"):
            return None, None
        p, a, b, lang = path.sparql, self.vars.fresh(), self.vars.fresh(), self.vars.fresh()
        return (
            f'{{ {x} {p} {a} . {x} {p} {b} . FILTER(!sameTerm({a}, {b}) && LANG({a}) != "" && '
            f"LCASE(LANG({a})) = LCASE(LANG({b}))) BIND(LCASE(LANG({a})) AS {lang}) }}"
        ), lang

    def equals(self, shape: Term, other: Term, x: str, path: Path | None):
        """sh:equals — SHACL 4.5.1, https://www.w3.org/TR/shacl/#EqualsConstraintComponent: a value missing
        from either side is a result (at node level the value node is the focus node itself)."""
        q, a, b = term(other), self.vars.fresh(), self.vars.fresh()
        if path is None:  # the branches bind no outer variable: a group joined beside the focus nodes sees none
            k = self.vars.fresh()
            return (
                f'{{ {{ BIND("self" AS {k}) }} UNION {{ {x} {q} {b} . BIND("other" AS {k}) }} '
                f'BIND(IF({k} = "self", {x}, {b}) AS {a}) FILTER(({k} = "self" && NOT EXISTS {{ {x} {q} {x} }}) '
                f'|| ({k} = "other" && !sameTerm({b}, {x}))) }}'
            ), a
        own = f"{x} {path.sparql} {a}"
        return Bound(
            f"{{ {{ {own} FILTER NOT EXISTS {{ {x} {q} {a} }} }} UNION {{ {x} {q} {a} FILTER NOT EXISTS {{ {own} }} }} }}"
        ), a

    def disjoint(self, shape: Term, other: Term, x: str, path: Path | None):
        """sh:disjoint — SHACL 4.5.2, https://www.w3.org/TR/shacl/#DisjointConstraintComponent"""
        a = self.vars.fresh()
        if path is None:
            return f"{{ BIND({x} AS {a}) . {x} {term(other)} {a} }}", a
        return Bound(f"{{ {x} {path.sparql} {a} . {x} {term(other)} {a} }}"), a

    def less_than(self, name: str, other: Term, x: str, path: Path | None):
        """sh:lessThan — SHACL 4.5.3, https://www.w3.org/TR/shacl/#LessThanConstraintComponent, and
        sh:lessThanOrEquals — SHACL 4.5.4, https://www.w3.org/TR/shacl/#LessThanOrEqualsConstraintComponent:
        one result per pair of values that does not compare."""
        a, b = self.vars.fresh(), self.vars.fresh()
        own, kind = (f"{x} {path.sparql} {a}", Bound) if path else (f"BIND({x} AS {a})", str)
        operator = "<" if name == "lessThan" else "<="
        return keyed(kind(f"{{ {own} . {x} {term(other)} {b} . FILTER(!{less_than(a, b, operator)}) }}"), b), a

    def closed(self, shape: Term, value: Term, x: str, path: Path | None):
        """sh:closed — SHACL 4.8.1, https://www.w3.org/TR/shacl/#ClosedConstraintComponent: a triple of a value
        node whose predicate is neither the IRI sh:path of one of the shape's sh:property nor one of its
        sh:ignoredProperties is a result (its predicate the result path, its object the value)."""
        if not (isinstance(value, ox.Literal) and value.value == "true"):
            return None, None
        g, a = self.graph, self.vars.fresh()
        allowed = [p for child in g.sh(shape, "property") for p in g.sh(child, "path") if isinstance(p, ox.NamedNode)]
        allowed += [p for head in g.sh(shape, "ignoredProperties") for p in g.items(head)]
        node, predicate = self.vars.fresh() if path else x, self.vars.fresh()
        start = f"{x} {path.sparql} {node} ." if path else ""
        keep = f"FILTER({predicate} NOT IN ({', '.join(term(p) for p in allowed)}))" if allowed else ""
        made = keyed(Bound(f"{{ {start} {node} {predicate} {a} . {keep} }}"), predicate)
        made.path_var = predicate.lstrip("?")
        return made, a

    def at_least(self, x: str, p: str, a: str, condition: str, n: int, *, negate: bool) -> str | None:
        """Focus ``x`` has at least ``n`` distinct values along ``p`` satisfying ``condition`` (or not)."""
        if n <= 0:
            return None if negate else "{ }"
        if n == 1:
            found = f"{{ {x} {p} {a} . FILTER({condition}) }}"
        else:
            found = (
                f"{{ {{ SELECT {x} WHERE {{ {x} {p} {a} . FILTER({condition}) }} GROUP BY {x} "
                f"HAVING (COUNT(DISTINCT {a}) >= {n}) }} }}"
            )
        return f"{{ FILTER NOT EXISTS {found} }}" if negate else Bound(found)

    def qualified(self, shape: Term, x: str, path: Path) -> list[tuple[str, str]]:
        """(component, pattern) of sh:qualifiedMinCount / sh:qualifiedMaxCount — SHACL 4.7.3,
        https://www.w3.org/TR/shacl/#QualifiedValueShapeConstraintComponent"""
        g, a = self.graph, self.vars.fresh()
        q = g.value(shape, SH + "qualifiedValueShape")
        if q is None:
            return []
        condition = self.values.conforms(q, a)
        disjoint = g.value(shape, SH + "qualifiedValueShapesDisjoint")
        if isinstance(disjoint, ox.Literal) and disjoint.value == "true":
            for sibling in self.siblings(shape, q):
                condition += f" && !{self.values.conforms(sibling, a)}"
        out = []
        for name in ("qualifiedMinCount", "qualifiedMaxCount"):
            for n in g.sh(shape, name):
                count = integer(g, n, name)
                pattern = (
                    self.at_least(x, path.sparql, a, condition, count, negate=True)
                    if name == "qualifiedMinCount"
                    else self.at_least(x, path.sparql, a, condition, count + 1, negate=False)
                )
                if pattern:
                    out.append((COMPONENT[name], pattern))
        return out

    def siblings(self, shape: Term, q: Term) -> list[Term]:
        parents = [s for s in self.graph.subjects() if shape in self.graph.sh(s, "property")]
        return [
            sq
            for parent in parents
            for ps in self.graph.sh(parent, "property")
            for sq in self.graph.sh(ps, "qualifiedValueShape")
            if sq != q
        ]
