"""RDF terms for the query layer: typed parameter values, safe SPARQL spelling, conversion.

Every engine's results become rdflib terms (minegraph's common currency). A parameter value
reaches query text only through :func:`to_sparql`, which validates IRIs and escapes literals
so that no value can ever become SPARQL syntax.
"""

from __future__ import annotations

import datetime as _dt
import re
from decimal import Decimal, InvalidOperation

import pyoxigraph
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import RDF, XSD
from rdflib.term import Node

from minegraph.core import rdf_io as _rdf_io  # noqa: F401  (keeps rdflib's literal warnings off the terminal)
from minegraph.core.namespaces import PREFIXES
from minegraph.errors import shown

XSD_STRING = str(XSD.string)
RDF_LANGSTRING = str(RDF.langString)

#: Characters an IRI may not contain in N-Triples or SPARQL (plus controls and space).
_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\\x7f]')
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")
_LANGTAG = re.compile(r"^[A-Za-z]+(-[A-Za-z0-9]+)*$")
_BARE_SCHEMES = {"urn", "mailto", "tag", "doi"}  # IRIs without "//" accepted without <...>
_PN_LOCAL = re.compile(r"^[A-Za-z0-9_](?:[A-Za-z0-9_.\-]*[A-Za-z0-9_\-])?$")

_INTEGER = re.compile(r"^[+-]?[0-9]+$")
_DECIMAL = re.compile(r"^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)$")
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")

#: Integer-valued XSD datatypes (compared by value across engines).
_INTEGER_TYPES = {
    str(XSD[name])
    for name in (
        "integer",
        "int",
        "long",
        "short",
        "byte",
        "nonNegativeInteger",
        "positiveInteger",
        "nonPositiveInteger",
        "negativeInteger",
        "unsignedLong",
        "unsignedInt",
        "unsignedShort",
        "unsignedByte",
    )
}


# --------------------------------------------------------------------------- IRIs


def check_iri(text: str) -> str:
    """Return ``text`` if it is an absolute IRI safe to write as ``<text>``, else raise ValueError."""
    if not _SCHEME.match(text):
        raise ValueError(f"not an absolute IRI (no scheme such as https:): {shown(text)}")
    bad = _IRI_FORBIDDEN.search(text)
    if bad:
        raise ValueError(f"character {bad.group()!r} is not allowed in an IRI: {shown(text)}")

    try:
        pyoxigraph.NamedNode(text)  # full RFC 3987 check
    except ValueError as exc:
        raise ValueError(f"not a valid IRI ({exc}): {shown(text)}") from None
    return text


def expand_iri(text: str, prefixes: dict[str, str] = PREFIXES) -> URIRef:
    """An IRI from ``<iri>``, an absolute IRI or a prefixed name with minegraph's prefixes (``state:LVA``)."""
    text = text.strip()
    if text.startswith("<") and text.endswith(">"):
        return URIRef(check_iri(text[1:-1]))
    prefix, colon, local = text.partition(":")
    if colon and prefix in prefixes:
        if local and not _PN_LOCAL.match(local):
            raise ValueError(f"not a valid local name after {prefix}: in {shown(text)}")
        return URIRef(check_iri(prefixes[prefix] + local))
    if colon and prefix.lower() not in _BARE_SCHEMES and not local.startswith("//"):
        raise ValueError(f"unknown prefix {prefix}: in {shown(text)} (write other IRIs in full, in <...>)")
    return URIRef(check_iri(text))


_COMPACT = sorted(PREFIXES.items(), key=lambda item: -len(item[1]))


def compact(iri: str) -> str:
    """The shortest readable spelling of an IRI: a prefixed name (``state:LVA``) or ``<iri>``."""
    for prefix, namespace in _COMPACT:
        if iri.startswith(namespace):
            local = iri[len(namespace) :]
            if local == "" or _PN_LOCAL.match(local):
                return f"{prefix}:{local}"
    return f"<{iri}>"


# --------------------------------------------------------------------------- parameter values

#: Parameter types of the query header, with what a value must look like.
PARAM_TYPES = {
    "xsd:date": "an ISO date YYYY-MM-DD (or 'today')",
    "xsd:integer": "an integer",
    "xsd:decimal": "a decimal number",
    "xsd:string": "any text",
    "xsd:boolean": "true or false",
    "iri": "an absolute IRI or a prefixed name such as state:LVA",
}


def parse_value(kind: str, text: str) -> Node:
    """The RDF term for a parameter value given as text, checked against its type (ValueError if not)."""
    if kind == "xsd:date":
        if text == "today":
            return Literal(_dt.date.today().isoformat(), datatype=XSD.date)
        if not _DATE.match(text):
            raise ValueError(f"expected an ISO date YYYY-MM-DD, got {shown(text)}")
        try:
            _dt.date.fromisoformat(text)
        except ValueError as exc:
            raise ValueError(f"not a calendar date: {shown(text)} ({exc})") from None
        return Literal(text, datatype=XSD.date)
    if kind == "xsd:integer":
        if not _INTEGER.match(text.strip()):
            raise ValueError(f"expected an integer, got {shown(text)}")
        return Literal(str(int(text)), datatype=XSD.integer)
    if kind == "xsd:decimal":
        if not _DECIMAL.match(text.strip()):
            raise ValueError(f"expected a decimal number such as 0.5, got {shown(text)}")
        return Literal(text.strip(), datatype=XSD.decimal)
    if kind == "xsd:boolean":
        if text.lower() not in ("true", "false"):
            raise ValueError(f"expected true or false, got {shown(text)}")
        return Literal(text.lower(), datatype=XSD.boolean)
    if kind == "xsd:string":
        return Literal(text)
    if kind == "iri":
        return expand_iri(text)
    raise ValueError(f"unknown parameter type {kind!r}; expected one of {', '.join(PARAM_TYPES)}")


def as_text(value: object) -> str:
    """A Python value given to the API (date, int, Decimal, bool, str, URIRef) as parameter text."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    return str(value)


# --------------------------------------------------------------------------- SPARQL spelling


_NEEDS_ESCAPE = re.compile(r'[\\"\x00-\x1f\x7f]')


def ntriples_string(text: str) -> str:
    """``text`` as the body of a quoted N-Triples/SPARQL literal (backslashes, quotes, controls escaped)."""
    return _escape_string(text)


def _escape_string(text: str) -> str:
    if _NEEDS_ESCAPE.search(text) is None:  # most values: nothing to escape
        return text
    out = []
    for i, char in enumerate(text):
        if char == "\\":
            out.append("\\\\")
        elif char in "uU" and i > 0 and text[i - 1] == "\\":
            # SPARQL unescapes \uXXXX before parsing: spell the letter itself as an escape so
            # that "\\u0022" can neither turn into a quote nor differ between engines. Always the
            # 8-digit form: rdflib reads \u followed by 8 hex digits as one code point.
            out.append(f"\\U{ord(char):08X}")
        elif char == '"':
            out.append('\\"')
        elif char == "\n":
            out.append("\\n")
        elif char == "\r":
            out.append("\\r")
        elif char == "\t":
            out.append("\\t")
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\U{ord(char):08X}")
        else:
            out.append(char)
    return "".join(out)


def to_sparql(term: Node) -> str:
    """The N-Triples spelling of an IRI or literal, escaped for SPARQL: one token, never syntax."""
    if isinstance(term, URIRef):
        return f"<{check_iri(str(term))}>"
    if isinstance(term, Literal):
        body = f'"{_escape_string(str(term))}"'
        if term.language:
            if not _LANGTAG.match(term.language):
                raise ValueError(f"not a language tag: {term.language!r}")
            return f"{body}@{term.language}"
        if term.datatype is not None and str(term.datatype) != XSD_STRING:
            return f"{body}^^<{check_iri(str(term.datatype))}>"
        return body
    raise ValueError(f"only IRIs and literals can be bound to a query variable, not {term!r}")


# --------------------------------------------------------------------------- conversion


def from_oxigraph(term) -> Node | None:
    """An rdflib term for a pyoxigraph term (xsd:string literals become plain literals)."""
    if term is None:
        return None
    if isinstance(term, pyoxigraph.NamedNode):
        return URIRef(term.value)
    if isinstance(term, pyoxigraph.BlankNode):
        return BNode(term.value)
    if isinstance(term, pyoxigraph.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        return Literal(term.value) if datatype == XSD_STRING else Literal(term.value, datatype=URIRef(datatype))
    return Literal(str(term))  # RDF-star triple terms: shown as text


def from_json(cell: dict) -> Node:
    """An rdflib term for one binding of the SPARQL 1.1 JSON results format."""
    kind, value = cell.get("type"), cell.get("value", "")
    if kind == "uri":
        return URIRef(value)
    if kind == "bnode":
        return BNode(value)
    if kind in ("literal", "typed-literal"):
        if cell.get("xml:lang"):
            return Literal(value, lang=cell["xml:lang"])
        datatype = cell.get("datatype")
        return Literal(value, datatype=URIRef(datatype)) if datatype and datatype != XSD_STRING else Literal(value)
    raise ValueError(f"unknown term type {kind!r} in SPARQL JSON results")


def python_value(term: Node | None):
    """A plain Python value: IRIs as str, typed literals as date/int/Decimal/float/bool, else str."""
    if term is None:
        return None
    if isinstance(term, URIRef):
        return str(term)
    if isinstance(term, BNode):
        return f"_:{term}"
    if term.ill_typed:
        return str(term)
    value = term.toPython()
    return str(term) if isinstance(value, Literal) else value


def canonical(term: Node | None) -> Node | None:
    """A literal in one canonical form, so that engines that rewrite literals compare equal.

    Oxigraph stores ``"0.90"^^xsd:decimal`` as ``"0.9"``, lower-cases language tags, reads
    boolean ``"1"`` as ``"true"`` and stores integer subtypes (``xsd:nonNegativeInteger``,
    ``xsd:int``…) as ``xsd:integer``; rdflib keeps them as written. Values outside the lexical
    space of their datatype are left as they are.
    """
    if not isinstance(term, Literal):
        return term
    if term.language:
        return Literal(str(term), lang=term.language.lower())
    datatype = str(term.datatype) if term.datatype is not None else XSD_STRING
    if datatype == XSD_STRING:
        return Literal(str(term))
    lexical = str(term).strip()
    try:
        if datatype in _INTEGER_TYPES:
            lexical, datatype = str(int(lexical)), str(XSD.integer)
        elif datatype == str(XSD.decimal):
            lexical = format(Decimal(lexical).normalize(), "f")
        elif datatype in (str(XSD.double), str(XSD.float)):
            lexical = repr(float(lexical))
        elif datatype == str(XSD.boolean) and lexical in ("1", "0", "true", "false"):
            lexical = "true" if lexical in ("1", "true") else "false"
    except (ValueError, InvalidOperation):
        lexical = str(term)
    return Literal(lexical, datatype=URIRef(datatype))
