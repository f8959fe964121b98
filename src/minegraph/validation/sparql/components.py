"""What the compiled SHACL Core components share: which parameters are tested per value node or per focus
node, which SHACL terms are known or refused, and the SPARQL pieces they are built of (terms, integers,
datatype tests, comparisons). The components themselves: :mod:`.values` and :mod:`.focus`. Every constant is
an RDF term serialised by pyoxigraph (N-Triples syntax)."""

from __future__ import annotations

import itertools

import pyoxigraph as ox

from minegraph.store.oxigraph import stored_literal

from .shapes import ShapesError, ShapesGraph, Term
from .vocab import CASTABLE, INTEGER_RANGES, RDF_LANGSTRING, RDFS_LITERAL, XSD_INTEGER, XSD_STRING

TYPE_OF = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>/<http://www.w3.org/2000/01/rdf-schema#subClassOf>*"

#: Parameters whose value is tested on each value node, in the order the compiler visits them.
VALUE_PARAMETERS = (
    "class",
    "datatype",
    "nodeKind",
    "in",
    "pattern",
    "minInclusive",
    "maxInclusive",
    "minExclusive",
    "maxExclusive",
    "minLength",
    "maxLength",
    "languageIn",
    "node",
    "or",
    "and",
    "not",
    "xone",
)
#: Parameters tested once per focus node (counts, pairs, hasValue, uniqueLang, qualified shapes).
FOCUS_PARAMETERS = (
    "minCount",
    "maxCount",
    "hasValue",
    "uniqueLang",
    "equals",
    "disjoint",
    "lessThan",
    "lessThanOrEquals",
    "qualifiedValueShape",
    "closed",
)
#: The other SHACL terms a shape may carry: targets, structure, the parameters read with a constraint
#: (flags, ignoredProperties, qualified counts) and the non-validating ones (SHACL 2.1, 2.3, 2.4, 4.8.1, 4.7.3).
STRUCTURAL = (
    "path",
    "property",
    "targetClass",
    "targetNode",
    "targetSubjectsOf",
    "targetObjectsOf",
    "message",
    "severity",
    "deactivated",
    "flags",
    "ignoredProperties",
    "qualifiedMinCount",
    "qualifiedMaxCount",
    "qualifiedValueShapesDisjoint",
    "name",
    "description",
    "order",
    "group",
    "defaultValue",
)
KNOWN = frozenset(VALUE_PARAMETERS + FOCUS_PARAMETERS + STRUCTURAL)
#: SHACL beyond Core, refused by name (never skipped): why this engine cannot evaluate it.
UNSUPPORTED = {
    "sparql": "SPARQL-based constraints (SHACL 5) are not evaluated",
    "target": "SPARQL-based targets (SHACL Advanced Features) are not evaluated",
    "rule": "SHACL rules (SHACL Advanced Features) are not evaluated",
    "condition": "rule conditions (SHACL Advanced Features) are not evaluated",
    "js": "SHACL-JS is not evaluated",
    "expression": "node expressions (SHACL Advanced Features) are not evaluated",
}


def term(node: Term) -> str:
    """An RDF term as SPARQL text (pyoxigraph's N-Triples serialisation, valid SPARQL); a literal as the data
    store keeps it ("01"^^xsd:int is "1"^^xsd:integer there), so that sameTerm and triple patterns match."""
    if isinstance(node, ox.BlankNode):
        raise ShapesError(f"a blank node cannot be a constant of a query: {node}")
    return str(stored_literal(node)) if isinstance(node, ox.Literal) else str(node)


def integer(graph: ShapesGraph, node: Term, name: str) -> int:
    try:
        return int(node.value)
    except (AttributeError, ValueError):
        raise ShapesError(f"{graph.path}: sh:{name} must be an integer, not {node}") from None


class Variables:
    """Fresh SPARQL variable names for one query."""

    def __init__(self):
        self._counter = itertools.count()

    def fresh(self) -> str:
        return f"?v{next(self._counter)}"


def datatype_ok(datatype: str, v: str) -> str:
    """True when ``v`` is a well-formed literal of ``datatype`` (integer types: as the store keeps them)."""
    dt = f"<{datatype}>"
    if datatype == RDFS_LITERAL:
        return f"isLiteral({v})"
    if datatype == RDF_LANGSTRING:
        return f'(isLiteral({v}) && LANG({v}) != "")'
    if datatype in INTEGER_RANGES:
        low, high = INTEGER_RANGES[datatype]
        tests = [f"isLiteral({v})", f"DATATYPE({v}) = <{XSD_INTEGER}>", f"isNumeric({v})"]
        tests += [f"{v} >= {low}"] if low is not None else []
        tests += [f"{v} <= {high}"] if high is not None else []
        return "(" + " && ".join(tests) + ")"
    if datatype in CASTABLE:
        return f"(isLiteral({v}) && DATATYPE({v}) = {dt} && COALESCE(DATATYPE({dt}({v})) = {dt}, false))"
    if datatype == XSD_STRING:
        return f"(isLiteral({v}) && DATATYPE({v}) = {dt})"
    return f"(isLiteral({v}) && DATATYPE({v}) = {dt})"


def less_than(a: str, b: str, operator: str) -> str:
    """pySHACL's comparison: IRIs and strings compare as strings, a string never compares with a non-string."""
    stringy = '(isIRI({x}) || (isLiteral({x}) && (DATATYPE({x}) = <%s> || LANG({x}) != "")))' % XSD_STRING
    sa, sb = stringy.format(x=a), stringy.format(x=b)
    return (
        f"IF({sa} && {sb}, STR({a}) {operator} STR({b}), IF({sa} || {sb}, false, COALESCE({a} {operator} {b}, false)))"
    )
