"""Query results, the same whatever the engine: variables, rows of Python values, RDF terms.

A :class:`QueryResult` behaves as a list of row dicts. It keeps what the engine gave: rdflib
terms from rdflib and remote stores, the engine's own terms from Oxigraph
(:meth:`QueryResult.native`), converted only when asked — to rdflib terms by :attr:`~QueryResult.terms`
and :attr:`~QueryResult.triples`, to Python values by :attr:`~QueryResult.rows` (straight from the
engine's terms, see :mod:`minegraph.querylang.native`). rdflib is imported only for those
conversions. Formatting to text (table, CSV, TSV, SPARQL JSON, Turtle, JSON-LD) is in
:mod:`minegraph.queries.writers`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from functools import cached_property
from typing import TYPE_CHECKING

from minegraph.errors import require

if TYPE_CHECKING:
    from rdflib import Graph

Row = dict  # variable name -> rdflib term, or None when unbound
Triple = tuple
_TRIPLE_KEYS = ("subject", "predicate", "object")


class QueryResult(Sequence):
    """The answer of one query: a table (SELECT), a boolean (ASK) or triples (CONSTRUCT/DESCRIBE).

    Iterating, indexing and ``len()`` go over :attr:`rows`; ``len()`` and truth need no conversion.
    """

    def __init__(
        self,
        form: str,
        variables: list[str] | None = None,
        terms: list[Row] | None = None,
        boolean: bool | None = None,
        triples: list[Triple] | None = None,
        truncated: bool = False,
    ):
        self.form = form  # SELECT, ASK, CONSTRUCT or DESCRIBE
        self.truncated = truncated  # True when a row cap (``max_rows``) cut the answer: more rows exist
        self.variables = list(variables or [])
        self.boolean = boolean
        self._terms = terms
        self._triples = triples
        self._cells: list[tuple] | None = None  # the engine's own terms, one tuple per row or triple
        self._term: Callable | None = None
        self._value: Callable | None = None
        self._iri: Callable | None = None

    @classmethod
    def native(
        cls,
        form: str,
        cells: list[tuple],
        *,
        variables: list[str] | None = None,
        term: Callable,
        value: Callable,
        iri: Callable,
    ) -> "QueryResult":
        """A table (``cells`` aligned with ``variables``) or triples (``(s, p, o)`` tuples) of an
        engine's own terms; ``term`` makes an rdflib term of one, ``value`` a Python value, ``iri``
        its IRI (None if it is not one)."""
        result = cls(form, variables)
        result._cells, result._term, result._value, result._iri = cells, term, value, iri
        return result

    @property
    def cells(self) -> list[tuple] | None:
        """The engine's own terms (Oxigraph's, or wire values of a streamed answer), one tuple per row
        in :attr:`variables` order or per triple; None when the engine gave rdflib terms."""
        return self._cells

    def iris(self, names: list[str] | None = None) -> set[str]:
        """The IRIs in the columns ``names`` (default: all; every term of CONSTRUCT/DESCRIBE triples),
        read from the engine's own terms when it gave them: nothing else is converted."""
        if self._cells is not None:
            iri, columns = (
                self._iri,
                range(3) if self.is_graph else [i for i, n in enumerate(self.variables) if names is None or n in names],
            )
            return {found for row in self._cells for i in columns if (found := iri(row[i])) is not None}
        # lazy: rdflib (~170 ms), only on this path
        from rdflib import URIRef

        if self.is_graph:
            return {str(t) for triple in self.triples for t in triple if isinstance(t, URIRef)}
        wanted = self.variables if names is None else [n for n in self.variables if n in names]
        return {str(row[n]) for row in self.terms for n in wanted if isinstance(row.get(n), URIRef)}

    @property
    def is_graph(self) -> bool:
        return self.form in ("CONSTRUCT", "DESCRIBE")

    @property
    def terms(self) -> list[Row]:
        """Rows as dicts of rdflib terms (None if unbound); empty for ASK and graph results."""
        if self._terms is None:
            convert, names = self._term, self.variables
            cells = self._cells if not self.is_graph else None
            self._terms = [{n: convert(c) for n, c in zip(names, row)} for row in cells] if cells else []
        return self._terms

    @property
    def triples(self) -> list[Triple]:
        """CONSTRUCT/DESCRIBE triples as rdflib terms; empty for tables."""
        if self._triples is None:
            convert = self._term
            cells = self._cells if self.is_graph else None
            self._triples = [tuple(convert(t) for t in triple) for triple in cells] if cells else []
        return self._triples

    @cached_property
    def rows(self) -> list[dict]:
        """Rows as dicts of plain Python values (IRIs as str, dates as ``datetime.date``, None if unbound)."""
        if self.form == "ASK":
            return [{"boolean": self.boolean}]
        names = _TRIPLE_KEYS if self.is_graph else self.variables
        if self._cells is not None:
            value = self._value
            return [dict(zip(names, map(value, row))) for row in self._cells]
        # lazy: pulls in rdflib (~170 ms), only on this path
        from minegraph.querylang.terms import python_value

        if self.is_graph:
            return [dict(zip(names, map(python_value, triple))) for triple in self.triples]
        return [{name: python_value(row.get(name)) for name in names} for row in self.terms]

    def __len__(self) -> int:
        if self.form == "ASK":
            return 1
        if self._cells is not None:
            return len(self._cells)
        return len(self.triples if self.is_graph else self.terms)

    def __getitem__(self, index):
        return self.rows[index]

    def __iter__(self) -> Iterator[dict]:
        return iter(self.rows)

    def __bool__(self) -> bool:
        return bool(self.boolean) if self.form == "ASK" else len(self) > 0

    def __eq__(self, other) -> bool:
        if not isinstance(other, QueryResult):
            return NotImplemented
        return (self.form, self.variables, self.boolean, self.terms, self.triples) == (
            other.form,
            other.variables,
            other.boolean,
            other.terms,
            other.triples,
        )

    __hash__ = None  # mutable, compared by content

    def __repr__(self) -> str:
        size = "" if self.form == "ASK" else f", {len(self)} {'triples' if self.is_graph else 'rows'}"
        return f"<QueryResult {self.form}{size}{' ' + str(self.boolean) if self.form == 'ASK' else ''}>"

    def column(self, name: str) -> list:
        """The Python values of one variable, in row order."""
        if name not in self.variables:
            raise KeyError(f"no variable ?{name} in the result (variables: {', '.join(self.variables)})")
        return [row[name] for row in self.rows]

    def graph(self) -> "Graph":
        """CONSTRUCT/DESCRIBE triples as an rdflib graph with minegraph's prefixes."""
        # lazy: rdflib (~170 ms), only on this path
        from rdflib import Graph

        from minegraph.core.namespaces import bind_prefixes

        graph = bind_prefixes(Graph())
        for triple in self.triples:
            graph.add(triple)
        return graph

    def to_dataframe(self):
        """A pandas DataFrame of :attr:`rows` (needs the ``pandas`` extra)."""
        pandas = require("pandas", "pandas")
        columns = list(_TRIPLE_KEYS) if self.is_graph else (["boolean"] if self.form == "ASK" else self.variables)
        return pandas.DataFrame(self.rows, columns=columns)

    def canonical_rows(self) -> Counter:
        """The rows as a multiset of canonical terms: equal for equal answers from any engine."""
        # lazy: pulls in rdflib (~170 ms), only on this path
        from minegraph.querylang.terms import canonical

        if self.form == "ASK":
            return Counter([(self.boolean,)])
        if self.is_graph:
            return Counter(tuple(canonical(t) for t in triple) for triple in self.triples)
        return Counter(tuple(canonical(row.get(name)) for name in self.variables) for row in self.terms)
