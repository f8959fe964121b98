"""Query results, the same whatever the engine: variables, rows of Python values, RDF terms.

A :class:`QueryResult` holds rdflib terms (every store converts to them) and behaves as a list of
row dicts. Formatting to text (table, CSV, TSV, SPARQL JSON, Turtle, JSON-LD) is in
:mod:`minegraph.queries.formats`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from rdflib import Graph
from rdflib.term import Node

from minegraph.errors import require
from minegraph.querylang.terms import canonical, python_value

Row = dict[str, Node | None]
Triple = tuple[Node, Node, Node]


@dataclass
class QueryResult(Sequence):
    """The answer of one query: a table (SELECT), a boolean (ASK) or triples (CONSTRUCT/DESCRIBE).

    Iterating, indexing and ``len()`` go over :attr:`rows`.
    """

    form: str  # SELECT, ASK, CONSTRUCT or DESCRIBE
    variables: list[str] = field(default_factory=list)
    terms: list[Row] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[Triple] = field(default_factory=list)
    truncated: bool = False  # True when a row cap (``max_rows``) cut the answer: more rows exist

    @property
    def is_graph(self) -> bool:
        return self.form in ("CONSTRUCT", "DESCRIBE")

    @cached_property
    def rows(self) -> list[dict]:
        """Rows as dicts of plain Python values (IRIs as str, dates as ``datetime.date``, None if unbound)."""
        if self.form == "ASK":
            return [{"boolean": self.boolean}]
        if self.is_graph:
            return [
                {"subject": python_value(s), "predicate": python_value(p), "object": python_value(o)}
                for s, p, o in self.triples
            ]
        return [{name: python_value(row.get(name)) for name in self.variables} for row in self.terms]

    def __len__(self) -> int:
        return len(self.rows)

    def __getitem__(self, index):
        return self.rows[index]

    def __iter__(self) -> Iterator[dict]:
        return iter(self.rows)

    def __bool__(self) -> bool:
        return bool(self.boolean) if self.form == "ASK" else bool(self.rows)

    def column(self, name: str) -> list:
        """The Python values of one variable, in row order."""
        if name not in self.variables:
            raise KeyError(f"no variable ?{name} in the result (variables: {', '.join(self.variables)})")
        return [row[name] for row in self.rows]

    def graph(self) -> Graph:
        """CONSTRUCT/DESCRIBE triples as an rdflib graph with minegraph's prefixes."""
        from minegraph.core.namespaces import bind_prefixes

        graph = bind_prefixes(Graph())
        for triple in self.triples:
            graph.add(triple)
        return graph

    def to_dataframe(self):
        """A pandas DataFrame of :attr:`rows` (needs the ``pandas`` extra)."""
        pandas = require("pandas", "pandas")
        columns = ["subject", "predicate", "object"] if self.is_graph else (["boolean"] if self.form == "ASK" else self.variables)
        return pandas.DataFrame(self.rows, columns=columns)

    def canonical_rows(self) -> Counter:
        """The rows as a multiset of canonical terms: equal for equal answers from any engine."""
        if self.form == "ASK":
            return Counter([(self.boolean,)])
        if self.is_graph:
            return Counter(tuple(canonical(t) for t in triple) for triple in self.triples)
        return Counter(tuple(canonical(row.get(name)) for name in self.variables) for row in self.terms)
