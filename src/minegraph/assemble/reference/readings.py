"""Curated readings of the reference CSVs' free-text cells (``curation/membership.toml``),
each checked against the cell it reads.

A record names the CSV, the state's row and the column it reads; :meth:`Readings.records`
refuses a record whose names, written dates, ISO dates or vote counts do not occur in that
cell, or that cites a URL the row does not cite. So the graph holds only what the reference
says, and a curator's slip is an error naming the TOML file and line, not a silent fact.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from rdflib import URIRef

from minegraph.assemble.records import Record, Resolver, load_toml, records
from minegraph.assemble.reference.csv_tables import Party, Row, WithdrawalRow, read_parties, read_withdrawals
from minegraph.assemble.reference.fact_sources import FactCitation, FieldSources

CURATION_FILE = "membership.toml"
VOTE_COUNTS = ("votes_for", "votes_against", "abstentions", "not_voting")
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_WRITTEN_DATE = re.compile(r"\b(\d{1,2}) (" + "|".join(_MONTHS) + r")(?: (\d{4}))?\b")
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def written_dates(text: str) -> list[tuple[int, int, int | None]]:
    """(day, month, year or None) of every date written like "4 June 2025" or "26 June" in ``text``."""
    return [(int(d), _MONTHS.index(m) + 1, int(y) if y else None) for d, m, y in _WRITTEN_DATE.findall(text)]


@dataclass(frozen=True)
class Cell:
    """The reference cell a record reads, and the URLs its row cites."""

    row: Row
    column: str
    text: str
    urls: tuple[str, ...]
    row_sources: tuple[str, ...]
    primary: tuple[str, ...]
    added: tuple[str, ...]


class Readings:
    """The records of curation/membership.toml with their cells, for the parts that build them."""

    def __init__(self, context, reference_dir: Path | None = None):
        self.context = context
        self.path = context.project.curation_dir / CURATION_FILE
        self.document, self.lines = load_toml(self.path)
        reference = reference_dir or context.project.reference_dir
        self.parties: dict[str, Party] = {p.iso3: p for p in read_parties(reference)}
        self.withdrawals: dict[str, WithdrawalRow] = {w.iso3: w for w in read_withdrawals(reference)}
        self.resolve = Resolver(context.sources, context.references)
        self.fields = FieldSources(reference)

    # ------------------------------------------------------------------ records

    def records(self, table: str, csv: str | None = None) -> list[Record]:
        """The checked records of ``[[table]]``; with ``csv``, only those reading that CSV."""
        result = []
        for record in records(self.document, self.lines, self.path, table):
            if csv is not None and self.csv_of(record) != csv:
                continue
            self.verify(record)
            result.append(record)
        return result

    @staticmethod
    def csv_of(record: Record) -> str:
        return record.get("csv", "withdrawals")

    def cell(self, record: Record, column: str | None = None) -> Cell:
        """The cell the record reads (its csv, state and column)."""
        csv, state = self.csv_of(record), record.require("state")
        column = column or record.require("column")
        if csv == "withdrawals":
            item = self.withdrawals.get(state)
            if item is None:
                raise record.error(f"state {state!r} has no row in ottawa_withdrawals.csv")
            sources, primary, added = item.sources, item.primary_sources, item.added_sources
        elif csv == "parties":
            item = self.parties.get(state)
            if item is None:
                raise record.error(f"state {state!r} has no row in ottawa_parties.csv")
            sources, primary, added = item.sources, (), item.added_sources
        else:
            raise record.error(f"csv = {csv!r}; expected 'withdrawals' or 'parties'")
        if column not in item.row.cells:
            raise record.error(f"column {column!r} is not a column of the {csv} file")
        text = item.row.text(column)
        return Cell(item.row, column, text, sources + primary + added, sources, primary, added)

    # ------------------------------------------------------------------ checks

    def verify(self, record: Record) -> None:
        """Refuse a record that says more than its cell (see the module docstring)."""
        if record.get("contradicting_field"):
            self._check_contradiction(record)
            return
        if record.get("not_in_reference"):
            if record.get("state") or record.get("column"):
                raise record.error("a record marked not_in_reference cannot also read a reference cell")
            self._check_urls(record, None)
            return
        cell = self.cell(record)
        if not cell.text:
            raise record.error(f"the {cell.column} cell of {record.get('state')} is empty")
        for key in ("named_as", "name", "as_written", "date_as_written"):
            if record.get(key) and record.get(key) not in cell.text:
                raise record.error(
                    f"{key} {record.get(key)!r} does not occur in the {cell.column} cell of {record.get('state')}"
                )
        for key in VOTE_COUNTS:
            if record.get(key) is not None:
                self._check_number(record, cell, key, record.get(key))
        if record.get("date"):
            self._check_date(record, cell, record.date("date"), record.get("date_as_written"))
        for key in ("earliest", "latest"):
            if record.get(key):
                record.date(key)
                if not record.get("as_written"):
                    raise record.error(f"{key} is a bound: give the words of the cell it rests on (as_written)")
        value = record.get("value")
        if isinstance(value, int):
            self._check_number(record, cell, "value", value)
        elif isinstance(value, str) and _ISO.match(value):
            self._check_date(record, cell, record.date("value"), record.get("date_as_written"))
        for held in record.list("held"):
            for day in held.get("held_on", []):
                if held.get("as_written") and held["as_written"] not in cell.text:
                    raise record.error(f"as_written {held['as_written']!r} does not occur in the {cell.column} cell")
                self._check_date(record, cell, _iso(record, day), held.get("as_written"))
        self._check_urls(record, cell)

    def _check_contradiction(self, record: Record) -> None:
        """An alternative read from field_sources.csv: its words must occur in the evidence of a
        ``contradicts`` verdict for that field, and it must cite exactly those pages."""
        field, state = record.require("contradicting_field"), record.require("state")
        rows = [
            v
            for v in self.fields.verdicts(
                "ottawa_withdrawals.csv",
                state,
                [field],
                record.error(f"field_sources.csv has no verdicts for {state} {field!r}"),
            )
            if v.verdict == "contradicts"
        ]
        words = record.require("as_written")
        if not any(words in v.evidence for v in rows):
            raise record.error(
                f"as_written {words!r} does not occur in the evidence of a 'contradicts' verdict for {state} {field!r}"
            )
        if sorted(record.list("sources")) != sorted({v.url for v in rows}):
            raise record.error(
                f"sources must be the pages contradicting {state} {field!r}: {sorted({v.url for v in rows})}"
            )

    def _row_sources(self, record: Record, cell: Cell) -> tuple[str, ...]:
        """ "row": the row's pages that support the cell the record reads, where field_sources.csv
        covers that cell (else, unverified ones); the whole row's sources where it does not."""
        if (
            self.csv_of(record) == "withdrawals"
            and ("ottawa_withdrawals.csv", record.get("state"), cell.column) in self.fields.table
        ):
            return self.fields.withdrawal(record.require("state"), [cell.column]).cited
        return cell.row_sources

    def fact_citation(self, record: Record) -> FactCitation:
        """The per-field citation of a record's ``facts`` (fields of field_sources.csv for its state)."""
        return self.fields.withdrawal(
            record.require("state"),
            record.list("facts"),
            record.error(f"facts {record.list('facts')!r}: no verdicts in field_sources.csv for {record.get('state')}"),
        )

    def _check_number(self, record: Record, cell: Cell, key: str, value) -> None:
        if not isinstance(value, int) or value < 0:
            raise record.error(f"{key} = {value!r} is not a non-negative whole number")
        if not re.search(rf"(?<!\d){value}(?!\d)", cell.text):
            raise record.error(f"{key} = {value} does not occur in the {cell.column} cell of {record.get('state')}")

    def _check_date(self, record: Record, cell: Cell, value: str, as_written: str | None) -> None:
        if value in cell.text:
            return
        day = date.fromisoformat(value)
        for d, m, y in written_dates(as_written or ""):
            if (d, m) == (day.day, day.month) and y in (None, day.year):
                return
        raise record.error(
            f"the date {value} is neither written YYYY-MM-DD in the {cell.column} cell of "
            f"{record.get('state')} nor stated by the words given in date_as_written/as_written"
        )

    def _check_urls(self, record: Record, cell: Cell | None) -> None:
        keys = [k for k in record.data if k == "sources" or k.endswith("_sources")]
        for held in record.list("held"):
            for url in held.get("sources", []):
                self._check_url(record, cell, url)
        for key in keys:
            for token in record.list(key):
                self._check_url(record, cell, token)

    @staticmethod
    def _check_url(record: Record, cell: Cell | None, token: str) -> None:
        if token in ("row", "primary", "added"):
            if cell is None:
                raise record.error(f"source {token!r} needs a reference row (state, column)")
        elif token.startswith(("http://", "https://")):
            if cell is not None and token not in cell.urls:
                raise record.error(f"{token} is not cited by the {record.get('state')} row; cite the row's own sources")
        elif not token.startswith("source:"):
            raise record.error(f"source {token!r} is not 'row', 'primary', 'added', a URL or source:<slug>")

    # ------------------------------------------------------------------ sources

    def sources(self, record: Record, key: str = "sources", tokens: list[str] | None = None) -> list[URIRef]:
        """The source documents of a record: row/primary/added expanded, URLs cited, source:<slug> as IRIs."""
        tokens = record.list(key) if tokens is None else tokens
        if not tokens:
            raise record.error(f"{key} is empty: every fact needs a source")
        cell = None if record.get("not_in_reference") or record.get("contradicting_field") else self.cell(record)
        urls: list[str] = []
        docs: list[URIRef] = []
        for token in tokens:
            if token == "row":
                urls += self._row_sources(record, cell)
            elif token == "primary":
                urls += cell.primary
            elif token == "added":
                urls += cell.added
            elif token.startswith("source:"):
                docs.append(self.resolve.ref(record, token))
            else:
                urls.append(token)
        for url in urls:
            doc = self.context.sources.cite(url)
            if doc not in docs:
                docs.append(doc)
        return docs


def _iso(record: Record, value: str) -> str:
    try:
        return date.fromisoformat(str(value)).isoformat()
    except ValueError:
        raise record.error(f"{value!r} is not an ISO date (YYYY-MM-DD)") from None
