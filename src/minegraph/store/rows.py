"""A query answer that arrives in batches of rows, so writers can stream it without holding it all.

Rows are tuples in the order of :attr:`RowStream.variables` (SELECT) or (subject, predicate,
object) triples (CONSTRUCT/DESCRIBE); ASK has only :attr:`boolean`. ``truncated`` is known once the
rows are exhausted: True when the row cap cut the answer. A row travels as *wire values* — cheap to
pickle and to write out, no rdflib object built: ``None`` (unbound), ``str`` (an IRI), ``("b", id)``
(a blank node), ``(lexical, language, datatype)`` (a literal; datatype None for xsd:string and
language-tagged strings). :meth:`RowStream.rows` gives rdflib terms; :meth:`RowStream.to_result` keeps
the wire values and converts them only when asked.
"""

from __future__ import annotations

from collections.abc import Generator, Iterator
from typing import TYPE_CHECKING

from minegraph.querylang.native import literal_value
from minegraph.querylang.results import QueryResult

if TYPE_CHECKING:  # rdflib is loaded only where terms are converted: the Oxigraph path runs without it
    from rdflib.term import Node

GRAPH_FORMS = ("CONSTRUCT", "DESCRIBE")
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def to_wire(term: Node | None):
    """The wire value of an rdflib term."""
    # lazy: rdflib (~170 ms), only on this path
    from rdflib import BNode, URIRef

    if term is None or isinstance(term, URIRef):
        return None if term is None else str(term)
    if isinstance(term, BNode):
        return ("b", str(term))
    datatype = str(term.datatype) if term.datatype is not None else None
    return (str(term), term.language, None if datatype == _XSD_STRING else datatype)


def from_wire(value) -> Node | None:
    """The rdflib term of a wire value (the terms :func:`~minegraph.querylang.terms.from_oxigraph` gives)."""
    # lazy: rdflib (~170 ms), only on this path
    from rdflib import BNode, Literal, URIRef

    if value is None:
        return None
    if type(value) is str:
        return URIRef(value)
    if len(value) == 2:
        return BNode(value[1])
    text, language, datatype = value
    if language:
        return Literal(text, lang=language)
    return Literal(text) if datatype is None else Literal(text, datatype=URIRef(datatype))


def wire_value(value):
    """The Python value of a wire value (as :attr:`QueryResult.rows` gives: IRIs as str, ``_:id``, dates…)."""
    if value is None or type(value) is str:
        return value
    if len(value) == 2:
        return f"_:{value[1]}"
    text, language, datatype = value
    return text if language else literal_value(text, datatype)


def wire_iri(value) -> str | None:
    """The IRI of a wire value, None for a blank node, a literal or an unbound cell."""
    return value if type(value) is str else None


class RowStream:
    """One answer, read once: iterate :meth:`batches` (or :meth:`rows`), or collect with :meth:`to_result`."""

    def __init__(
        self,
        form: str,
        variables: list[str] | None = None,
        *,
        boolean: bool | None = None,
        source: Generator[list[tuple], None, bool] | None = None,
    ):
        self.form = form
        self.variables = list(variables or [])
        self.boolean = boolean
        self.truncated = False
        self.count = 0  # rows handed out so far
        self._source = source

    @property
    def is_graph(self) -> bool:
        return self.form in GRAPH_FORMS

    def wire_batches(self) -> Iterator[list[tuple]]:
        """Lists of rows of wire values as they arrive; the last sets :attr:`truncated`."""
        if self._source is None:
            return
        try:
            while True:
                try:
                    batch = next(self._source)
                except StopIteration as end:
                    self.truncated = bool(end.value)
                    return
                self.count += len(batch)
                yield batch
        finally:
            self.close()

    def wire_rows(self) -> Iterator[tuple]:
        """Rows of wire values."""
        for batch in self.wire_batches():
            yield from batch

    def rows(self) -> Iterator[tuple]:
        """Rows of rdflib terms."""
        for batch in self.wire_batches():
            for row in batch:
                yield tuple(from_wire(v) for v in row)

    def close(self) -> None:
        """Stop the answer early (a worker still evaluating is killed)."""
        if self._source is not None:
            self._source.close()
            self._source = None

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def to_result(self) -> QueryResult:
        """Every row collected into a :class:`QueryResult` (``truncated`` says whether the cap cut it);
        the wire values are kept, turned into rdflib terms or Python values only when asked."""
        if self.form == "ASK":
            result = QueryResult("ASK", boolean=self.boolean)
        else:
            result = QueryResult.native(
                self.form,
                list(self.wire_rows()),
                variables=self.variables,
                term=from_wire,
                value=wire_value,
                iri=wire_iri,
            )
        result.truncated = self.truncated
        return result

    @classmethod
    def from_result(cls, result: QueryResult, max_rows: int | None = None) -> "RowStream":
        """A stream over an answer already in memory (engines evaluated in-process), cut at ``max_rows``."""
        if result.form == "ASK":
            return cls("ASK", boolean=result.boolean)
        if result.is_graph:
            rows = [tuple(to_wire(t) for t in triple) for triple in result.triples]
        else:
            rows = [tuple(to_wire(row.get(n)) for n in result.variables) for row in result.terms]
        return cls(result.form, result.variables, source=_cut(rows, max_rows))


def _cut(rows: list[tuple], max_rows: int | None) -> Generator[list[tuple], None, bool]:
    if max_rows is not None and len(rows) > max_rows:
        yield rows[:max_rows]
        return True
    if rows:
        yield rows
    return False
