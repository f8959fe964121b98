"""Compile the shapes graph into one SPARQL SELECT per (reporting shape, constraint): each query
returns the focus node (``?this``) and, where SHACL reports one, the value node of every violation."""

from __future__ import annotations

import dataclasses
from dataclasses import asdict, dataclass

import pyoxigraph as ox

from .components import FOCUS_PARAMETERS, KNOWN, TYPE_OF, UNSUPPORTED, VALUE_PARAMETERS, Variables, datatype_ok, term
from .focus import FocusPatterns
from .paths import Path, compile_path
from .patterns import Bound, Pattern, flatten, keyed, unwrap
from .shapes import ShapesError, ShapesGraph, Term
from .values import ValueConditions
from .vocab import COMPONENT, INTEGER_RANGES, RDF_TYPE, SEVERITIES, SH, XSD_INTEGER

THIS = "?this"
TARGETS = ("targetClass", "targetNode", "targetSubjectsOf", "targetObjectsOf")


class Focus(str):
    """The subquery of a shape's focus nodes; ``subjects``: predicates whose subjects are exactly those nodes
    (a shape targeting only ``sh:targetSubjectsOf`` them), else empty."""

    subjects: frozenset[str] = frozenset()


@dataclass(frozen=True)
class CompiledConstraint:
    """One query and what its rows mean: the shape, component, path, message and severity they report."""

    shape: str
    component: str
    path: str | None
    message: str
    severity: str
    query: str
    value: str | None = None  # the variable holding sh:value (None: the result has no value)
    datatype: str | None = None  # set when rows need the source datatype of an integer value (see engine)
    keys: tuple[str, ...] = ()  # further variables whose distinct values are distinct results (Pattern.keys)
    detail: bool = False  # a result of a shape nested by sh:node: SHACL nests it under its parent (sh:detail)
    path_var: str | None = None  # the variable holding each row's result path (sh:closed), else ``path``
    focus: str | None = None  # with ``screen``: the focus nodes' subquery, shared by the constraints screened together
    screen: str | None = None  # a FILTER expression on ?this, true iff the focus node violates it (see engine)

    def to_dict(self) -> dict:
        return asdict(self)


def message_of(graph: ShapesGraph, shape: Term) -> str:
    messages = graph.sh(shape, "message")
    chosen = [m for m in messages if isinstance(m, ox.Literal) and m.language in (None, "en")] or messages
    return chosen[0].value if chosen else f"{graph.name(shape)} is violated"


def severity_of(graph: ShapesGraph, shape: Term) -> str:
    """sh:Violation, sh:Warning, sh:Info by their local name; any other severity IRI in full (SHACL 2.1.4)."""
    severity = graph.value(shape, SH + "severity")
    if severity is None:
        return "Violation"
    return severity.value.removeprefix(SH) if severity.value.removeprefix(SH) in SEVERITIES else severity.value


class Compiler(FocusPatterns):
    """Walks the shapes graph; ``compile()`` returns every top-level constraint query, in a stable order."""

    def __init__(self, graph: ShapesGraph):
        self.graph = graph
        self.vars = Variables()
        self.values = ValueConditions(graph, self.vars, self.violates)
        self.depth = 0

    # -- shape structure ------------------------------------------------------------------
    def active(self, shape: Term) -> bool:
        flag = self.graph.value(shape, SH + "deactivated")
        return not (isinstance(flag, ox.Literal) and flag.value == "true")

    def path(self, shape: Term) -> Path | None:
        node = self.graph.value(shape, SH + "path")
        return compile_path(self.graph, node) if node is not None else None

    def constraints(self, shape: Term) -> list[tuple[str, Term]]:
        """(parameter, value) of every constraint declared on ``shape``, value parameters first."""
        for predicate in self.graph.index.get(shape, {}):
            name = predicate.removeprefix(SH)
            if predicate.startswith(SH) and name not in KNOWN:
                raise ShapesError(
                    f"{self.graph.path}: sh:{name} on {self.graph.name(shape)} is not supported: "
                    f"{UNSUPPORTED.get(name, 'not a SHACL Core parameter this engine evaluates')}"
                )
        found = [(n, v) for n in VALUE_PARAMETERS + FOCUS_PARAMETERS for v in self.graph.sh(shape, n)]
        if self.graph.sh(shape, "pattern"):
            found = [(n, v) for n, v in found if n != "pattern"] + [("pattern", self.graph.sh(shape, "pattern")[0])]
        return found

    # -- violation patterns ---------------------------------------------------------------
    def violates(self, shape: Term, x: str) -> str | None:
        """A group pattern with a solution iff node ``x`` violates ``shape`` (None: it cannot)."""
        parts = self.violations(shape, x)
        return "{ " + " UNION ".join(parts) + " }" if parts else None

    def violations(self, shape: Term, x: str) -> list[str]:
        """The branches of :meth:`violates`: group patterns, one solution of any of them a violation."""
        if not self.active(shape):
            return []
        self.depth += 1
        if self.depth > 32:
            raise ShapesError(f"{self.graph.path}: recursive shapes are not supported ({self.graph.name(shape)})")
        path = self.path(shape)
        parts = [
            p for name, value in self.constraints(shape) for p, _ in [self.pattern(shape, name, value, x, path)] if p
        ]
        if path is not None:
            parts += [pattern for _, pattern in self.qualified(shape, x, path)]
        for child in self.graph.sh(shape, "property"):
            parts += [p for p in [self.child(child, x, path)] if p]
        self.depth -= 1
        return parts

    def all_violated(self, members: list[Term], x: str) -> str | None:
        """Patterns to sit in the query's own group, with a solution iff node ``x`` violates every member (None:
        some member cannot be violated): a member of one branch that binds ``x`` by its own triples, or is only a
        FILTER, inlined; one of several :class:`Bound` branches joined as a group; any other as ``FILTER EXISTS``
        (a group joined beside the focus nodes is evaluated on its own: its FILTERs would not see ``x``). A member
        that is sh:class alone is an anti-join (MINUS), as :meth:`top_class`: the class's instances are found once,
        not per value (Range-mentions at 10^6: 0.17 s with NOT EXISTS per value, 0.01 s so)."""
        joined = []
        for member in members:
            cls = self.only_class(member)
            if cls is not None:
                joined.append(f"MINUS {{ {x} {TYPE_OF} {term(cls)} }}")
                continue
            parts = self.violations(member, x)
            if not parts:
                return None
            single = flatten(parts[0]) if len(parts) == 1 else None
            if single is not None and (isinstance(parts[0], Bound) or single.startswith("FILTER")):
                joined.append(single)
            else:
                group = f"{{ {' UNION '.join(parts)} }}"
                joined.append(group if all(isinstance(p, Bound) for p in parts) else f"FILTER EXISTS {group}")
        return " ".join(joined)

    def only_class(self, shape: Term) -> Term | None:
        """The class of an active shape whose one constraint is sh:class (no path, no property), else None."""
        if not self.active(shape) or self.path(shape) is not None or self.graph.sh(shape, "property"):
            return None
        found = self.constraints(shape)
        return found[0][1] if len(found) == 1 and found[0][0] == "class" else None

    def child(self, child: Term, x: str, path: Path | None) -> str | None:
        """sh:property nested in a violation pattern — SHACL 4.7.2,
        https://www.w3.org/TR/shacl/#PropertyConstraintComponent (at the top level each property shape reports
        its own results: :meth:`emit`)."""
        if path is None:
            return self.violates(child, x)
        v = self.vars.fresh()
        inner = self.violates(child, v)
        return Bound(f"{{ {x} {path.sparql} {v} . FILTER EXISTS {inner} }}") if inner else None

    def pattern(self, shape: Term, name: str, value: Term, x: str, path: Path | None) -> tuple[str | None, str | None]:
        """(violation pattern, value variable) of one constraint, for focus node ``x``."""
        if name in VALUE_PARAMETERS:
            if path is None:
                return f"{{ FILTER({self.values.condition(shape, name, value, x)}) }}", x
            v = self.vars.fresh()
            return Bound(f"{{ {x} {path.sparql} {v} . FILTER({self.values.condition(shape, name, value, v)}) }}"), v
        return self.focus_pattern(shape, name, value, x, path)

    # -- top level: shapes with targets ---------------------------------------------------
    def focus_nodes(self, shape: Term) -> str | None:
        """A subquery binding ``?this`` to every focus node of ``shape`` (None: it has no target)."""
        g, branches = self.graph, []
        classes = list(g.sh(shape, "targetClass")) + ([shape] if g.is_class(shape) else [])
        branches += [f"{{ {THIS} {TYPE_OF} {term(c)} }}" for c in classes]
        branches += [f"{{ VALUES {THIS} {{ {term(n)} }} }}" for n in g.sh(shape, "targetNode")]
        branches += [f"{{ {THIS} {term(p)} {self.vars.fresh()} }}" for p in g.sh(shape, "targetSubjectsOf")]
        branches += [f"{{ {self.vars.fresh()} {term(p)} {THIS} }}" for p in g.sh(shape, "targetObjectsOf")]
        if not branches:
            return None
        focus = Focus(f"{{ SELECT DISTINCT {THIS} WHERE {{ {' UNION '.join(branches)} }} }}")
        if len(branches) == len(g.sh(shape, "targetSubjectsOf")):  # the subjects of these predicates, nothing else
            focus.subjects = frozenset(p.value for p in g.sh(shape, "targetSubjectsOf") if isinstance(p, ox.NamedNode))
        return focus

    @staticmethod
    def scope(focus: str, path: Path | None) -> str:
        """The focus nodes a value pattern along ``path`` is joined with: none when the shape's focus nodes are
        the subjects of every predicate of the path (``sh:targetSubjectsOf``), since a node with a value along it
        is then a focus node already (the ``Range-*`` shapes: at 10^6 the join took half of their 1.3 s)."""
        implied = path is not None and bool(path.steps) and set(path.steps) <= getattr(focus, "subjects", frozenset())
        return "" if implied else focus

    def compile(self) -> list[CompiledConstraint]:
        """Every query of the shapes graph: one per constraint of each targeted shape and of its sh:property."""
        compiled: list[CompiledConstraint] = []
        for shape in self.graph.subjects():
            if self.active(shape) and self.is_shape(shape):
                focus = self.focus_nodes(shape)
                if focus:
                    compiled += self.emit(shape, focus)
        return compiled

    def is_shape(self, node: Term) -> bool:
        g = self.graph
        return (
            g.has(node, RDF_TYPE, ox.NamedNode(SH + "NodeShape"))
            or g.has(node, RDF_TYPE, ox.NamedNode(SH + "PropertyShape"))
            or bool(g.sh(node, "path"))
            or any(g.sh(node, t) for t in TARGETS)
        )

    def emit(self, shape: Term, focus: str) -> list[CompiledConstraint]:
        path = self.path(shape)
        out = []
        for name, value in self.constraints(shape):
            if name == "qualifiedValueShape":
                out += [
                    self.entry(shape, comp, path, focus, pattern, None)
                    for comp, pattern in self.qualified(shape, THIS, path)
                ]
            elif name == "datatype" and value.value in INTEGER_RANGES and path is not None and path.steps:
                out.append(self.integer_datatype(shape, value.value, path, self.scope(focus, path)))
            elif name == "class":
                out.append(self.top_class(shape, value, path, self.scope(focus, path)))
            elif name == "or" and (top_or := self.top_or(shape, value, path, self.scope(focus, path))):
                out.append(top_or)
            else:
                pattern, variable = self.pattern(shape, name, value, THIS, path)
                if pattern:
                    out.append(
                        self.entry(
                            shape,
                            COMPONENT[name],
                            path,
                            self.scope(focus, path) if name in VALUE_PARAMETERS else focus,
                            pattern,
                            variable,
                            keys=getattr(pattern, "keys", ()),
                            path_var=getattr(pattern, "path_var", None),
                            screen=self.screen(name, focus, pattern),
                        )
                    )
                if name == "node":  # the node shape's own results, as sh:detail of this one (minegraph reports them)
                    out += [
                        dataclasses.replace(c, detail=True)
                        for c in self.details(value, focus if path is None else self.values_as_focus(focus, path))
                    ]
        for child in self.graph.sh(shape, "property"):
            if self.active(child):
                out += self.emit(child, focus if path is None else self.values_as_focus(focus, path))
        return out

    def details(self, shape: Term, focus: str) -> list[CompiledConstraint]:
        self.depth += 1
        if self.depth > 32:
            raise ShapesError(f"{self.graph.path}: recursive sh:node is not supported ({self.graph.name(shape)})")
        out = self.emit(shape, focus) if self.active(shape) else []
        self.depth -= 1
        return out

    def values_as_focus(self, focus: str, path: Path) -> Pattern:
        """The value nodes of ``path`` from the focus nodes, as the focus nodes of a nested shape: one per
        parent (its key), as SHACL validates the nested shape once per parent focus node."""
        parent, outer = self.vars.fresh(), getattr(focus, "keys", ())
        keys = " ".join(f"?{k}" for k in outer)
        return keyed(
            f"{{ SELECT DISTINCT {THIS} {parent} {keys} WHERE {{ {{ SELECT ({THIS} AS {parent}) {keys} WHERE {{ {focus} }} }} "
            f"{parent} {path.sparql} {THIS} }} }}",
            *outer,
            parent,
        )

    @staticmethod
    def screen(name: str, focus: str, pattern: str) -> str | None:
        """sh:minCount of a targeted shape as a FILTER expression on ``?this`` (its pattern is one FILTER NOT EXISTS),
        so that the engine can ask once whether any focus node violates any of a shape's (:mod:`.engine`)."""
        body = unwrap(pattern).strip()
        if name != "minCount" or not isinstance(focus, Focus) or not body.startswith("FILTER NOT EXISTS {"):
            return None
        return body.removeprefix("FILTER ")

    def entry(
        self,
        shape,
        component,
        path,
        focus,
        pattern,
        variable,
        *,
        datatype=None,
        select=None,
        keys=(),
        path_var=None,
        screen=None,
    ) -> CompiledConstraint:
        keys = (*getattr(focus, "keys", ()), *keys)
        projected = select or (f"{THIS} {variable}" if variable and variable != THIS else THIS)
        projected += "".join(f" ?{k}" for k in keys)
        return CompiledConstraint(
            shape=self.graph.name(shape),
            component=component,
            path=path.display if path else None,
            message=message_of(self.graph, shape),
            severity=severity_of(self.graph, shape),
            query=f"SELECT DISTINCT {projected} WHERE {{ {focus} {unwrap(pattern)} }}",
            value=variable,
            datatype=datatype,
            keys=tuple(keys),
            path_var=path_var,
            focus=str(focus) if screen else None,
            screen=screen,
        )

    def top_class(self, shape: Term, cls: Term, path: Path | None, focus: str) -> CompiledConstraint:
        """sh:class (SHACL 4.1.1, https://www.w3.org/TR/shacl/#ClassConstraintComponent) at the top level as an
        anti-join: the instances of the class are found once, not per value (inside EXISTS a MINUS would see
        its variable substituted, so nested sh:class keeps NOT EXISTS)."""
        v = self.vars.fresh() if path else THIS
        values = f"{THIS} {path.sparql} {v} ." if path else ""
        pattern = f"{values} MINUS {{ {v} {TYPE_OF} {term(cls)} }}"
        return self.entry(shape, COMPONENT["class"], path, focus, pattern, v)

    def top_or(self, shape: Term, members: Term, path: Path | None, focus: str) -> CompiledConstraint | None:
        """sh:or (SHACL 4.6.3, https://www.w3.org/TR/shacl/#OrConstraintComponent) at the top level as a join:
        a node violates it iff it violates every member, so the members' violation patterns are joined in the query's group instead of one NOT EXISTS per member and node
        (at 10^6 about 7× faster for the archived-assertion shapes, 18× for SpeakerCapacityShape).
        None when a member never fails: the general form then stands (and finds nothing)."""
        v = self.vars.fresh() if path else THIS
        joined = self.all_violated(self.graph.items(members), v)
        if joined is None:
            return None
        values = f"{THIS} {path.sparql} {v} ." if path else ""
        return self.entry(shape, COMPONENT["or"], path, focus, f"{values} {joined}", v)

    def integer_datatype(self, shape: Term, datatype: str, path: Path, focus: str) -> CompiledConstraint:
        """sh:datatype (SHACL 4.1.2, https://www.w3.org/TR/shacl/#DatatypeConstraintComponent) of the integer
        family: rows also carry the predicate (``?dp``) and whether the store's value fits (``?ok``); the
        engine decides the fitting ones from the datatype the source file wrote."""
        v = self.vars.fresh()
        steps = " ".join(f"<{s}>" for s in path.steps)
        pattern = (
            f"VALUES ?dp {{ {steps} }} {THIS} ?dp {v} . BIND({datatype_ok(datatype, v)} AS ?ok) "
            f"FILTER(!?ok || (isLiteral({v}) && DATATYPE({v}) = <{XSD_INTEGER}>))"
        )
        return self.entry(
            shape, COMPONENT["datatype"], path, focus, pattern, v, datatype=datatype, select=f"{THIS} {v} ?dp ?ok"
        )
