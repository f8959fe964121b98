"""IRIs of SHACL, RDF and XSD the compiler reads, and the XSD integer family Oxigraph folds into xsd:integer."""

from __future__ import annotations

SH = "http://www.w3.org/ns/shacl#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"

RDF_TYPE, RDF_FIRST, RDF_REST, RDF_NIL = RDF + "type", RDF + "first", RDF + "rest", RDF + "nil"
RDF_LANGSTRING = RDF + "langString"
RDFS_CLASS, RDFS_LITERAL, RDFS_DATATYPE = RDFS + "Class", RDFS + "Literal", RDFS + "Datatype"
XSD_STRING, XSD_INTEGER = XSD + "string", XSD + "integer"

#: The severities of SHACL Core, by local name (a shape may name any other IRI).
SEVERITIES = ("Violation", "Warning", "Info")

#: Derived integer types with their value ranges (None: unbounded). The Oxigraph store keeps
#: every one of them as xsd:integer, so a datatype check cannot tell them apart on the store alone.
INTEGER_RANGES: dict[str, tuple[int | None, int | None]] = {
    XSD + "integer": (None, None),
    XSD + "nonNegativeInteger": (0, None),
    XSD + "positiveInteger": (1, None),
    XSD + "nonPositiveInteger": (None, 0),
    XSD + "negativeInteger": (None, -1),
    XSD + "long": (-(2**63), 2**63 - 1),
    XSD + "int": (-(2**31), 2**31 - 1),
    XSD + "short": (-(2**15), 2**15 - 1),
    XSD + "byte": (-128, 127),
    XSD + "unsignedLong": (0, 2**64 - 1),
    XSD + "unsignedInt": (0, 2**32 - 1),
    XSD + "unsignedShort": (0, 2**16 - 1),
    XSD + "unsignedByte": (0, 255),
}

#: Datatypes whose lexical form is checked by a SPARQL cast to the same type (ill-typed: cast fails).
CASTABLE = {XSD + t for t in ("boolean", "decimal", "float", "double", "date", "dateTime", "time", "duration")}

#: Node kinds and the SPARQL test of each.
NODE_KINDS = {
    SH + "IRI": "isIRI({v})",
    SH + "BlankNode": "isBlank({v})",
    SH + "Literal": "isLiteral({v})",
    SH + "BlankNodeOrIRI": "(isBlank({v}) || isIRI({v}))",
    SH + "BlankNodeOrLiteral": "(isBlank({v}) || isLiteral({v}))",
    SH + "IRIOrLiteral": "(isIRI({v}) || isLiteral({v}))",
}

#: Constraint components, by the parameter that declares them.
COMPONENT = {
    name: f"{SH}{name[0].upper()}{name[1:]}ConstraintComponent"
    for name in (
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
        "uniqueLang",
        "hasValue",
        "minCount",
        "maxCount",
        "or",
        "and",
        "not",
        "xone",
        "node",
        "equals",
        "disjoint",
        "lessThan",
        "lessThanOrEquals",
        "qualifiedMinCount",
        "qualifiedMaxCount",
        "closed",
    )
}
