"""Reading the reference CSVs of curation/reference/ into checked, typed rows.

Every cell the graph relies on is parsed here once (dates, codes, URL lists, closed values),
and anything malformed raises :class:`InputError` naming the file and the line the record
starts on, so a curator can fix the CSV without reading the builders.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from minegraph.errors import InputError

PARTIES = "ottawa_parties.csv"
NONPARTIES = "ottawa_nonparties.csv"
WITHDRAWALS = "ottawa_withdrawals.csv"
WIKIDATA = "country_wikidata.csv"
ALPHA2 = "iso3166_alpha2.csv"

#: consent_method -> the instruments the UN record may give for it (un_instrument).
METHOD_INSTRUMENTS = {
    "ratification": ("Ratification", "Acceptance", "Approval"),
    "accession": ("Accession",),
    "succession": ("Succession",),
}
PARTY_STATUSES = ("party", "party (contested suspension)", "withdrawn")
NONPARTY_STATUSES = ("non-signatory", "signatory-not-ratified", "withdrawn")

_ISO3 = re.compile(r"^[A-Z]{3}$")
_ISO2 = re.compile(r"^[A-Z]{2}$")
_QID = re.compile(r"^Q[1-9][0-9]*$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_LEADING_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})\b")
_ACCEDED_YEAR = re.compile(r"^acceded \((\d{4})\)$")


@dataclass(frozen=True)
class Row:
    """One CSV record: its cells, the file and the line it starts on."""

    path: Path
    line: int
    cells: dict[str, str]

    def error(self, message: str) -> InputError:
        return InputError(self.path, message, line=self.line)

    def text(self, column: str) -> str:
        return (self.cells.get(column) or "").strip()

    def required(self, column: str) -> str:
        value = self.text(column)
        if not value:
            raise self.error(f"column {column!r} is empty")
        return value

    def date(self, column: str) -> date | None:
        """An ISO date cell (YYYY-MM-DD), or None when empty."""
        return parse_date(self, column, self.text(column))

    def urls(self, column: str, required: bool = True) -> tuple[str, ...]:
        """A whitespace-separated list of http(s) URLs."""
        urls = tuple(self.text(column).split())
        if required and not urls:
            raise self.error(f"column {column!r} names no source URL")
        for url in urls:
            if not url.startswith(("http://", "https://")):
                raise self.error(f"column {column!r}: {url!r} is not an http(s) URL")
        return urls

    def iso3(self) -> str:
        code = self.required("iso3")
        if not _ISO3.match(code):
            raise self.error(f"iso3 {code!r} is not three capital letters")
        return code


def parse_date(row: Row, column: str, text: str) -> date | None:
    """Strict ISO date (no times, no partial dates); empty text is None."""
    if not text:
        return None
    if not _ISO_DATE.match(text):
        raise row.error(f"column {column!r}: {text!r} is not a date written YYYY-MM-DD")
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise row.error(f"column {column!r}: {text!r} is not a calendar date") from None


def leading_date(row: Row, column: str) -> date | None:
    """The ISO date a free-text cell starts with (``"2025-07-18 (notification …)"``), or None."""
    match = _LEADING_DATE.match(row.text(column))
    return parse_date(row, column, match.group(1)) if match else None


def read_rows(path: Path, required_columns: tuple[str, ...]) -> list[Row]:
    """The records of a CSV file with the line each starts on; checks the header."""
    try:
        handle = open(path, newline="", encoding="utf-8")
    except OSError as exc:
        raise InputError(path, f"cannot read file: {exc.strerror or exc}") from None
    rows: list[Row] = []
    with handle:
        reader = csv.DictReader(handle)
        missing = [c for c in required_columns if c not in (reader.fieldnames or [])]
        if missing:
            raise InputError(path, f"missing column(s) {', '.join(missing)} in the header", line=1)
        start = 2
        for cells in reader:
            if None in cells:
                raise InputError(path, "more cells than columns in the header", line=start)
            rows.append(Row(Path(path), start, cells))
            start = reader.line_num + 1
    return rows


def _unique(rows: list, key, what: str) -> None:
    seen: dict[str, int] = {}
    for row in rows:
        value = key(row)
        if value in seen:
            raise row.row.error(f"{what} {value!r} appears twice (first on line {seen[value]})")
        seen[value] = row.row.line


@dataclass(frozen=True)
class Party:
    """A state that ever consented to be bound (ottawa_parties.csv)."""

    row: Row
    iso3: str
    name: str
    signed: date | None
    consent_date: date | None
    method: str
    instrument: str
    sources: tuple[str, ...]
    added_sources: tuple[str, ...]
    depositary_name: str
    status: str
    notes: str
    consent_year: int | None  # the year stated when the deposit date is not known


def read_parties(reference_dir: Path) -> list[Party]:
    rows = read_rows(
        reference_dir / PARTIES,
        (
            "state",
            "iso3",
            "signed",
            "consent_date",
            "consent_method",
            "source",
            "un_participant_name",
            "un_instrument",
            "status",
            "notes",
            "added_sources",
        ),
    )
    parties = [_party(row) for row in rows]
    _unique(parties, lambda p: p.iso3, "iso3")
    return parties


def _party(row: Row) -> Party:
    method = row.required("consent_method")
    if method not in METHOD_INSTRUMENTS:
        raise row.error(f"consent_method {method!r} is not one of {', '.join(METHOD_INSTRUMENTS)}")
    instrument = row.required("un_instrument")
    if instrument not in METHOD_INSTRUMENTS[method]:
        raise row.error(f"un_instrument {instrument!r} does not fit consent_method {method!r}")
    status = row.required("status")
    year_match = _ACCEDED_YEAR.match(status)
    if status not in PARTY_STATUSES and not year_match:
        raise row.error(f"status {status!r} is not one of {', '.join(PARTY_STATUSES)} or 'acceded (YYYY)'")
    signed, consent = row.date("signed"), row.date("consent_date")
    if consent is None and not year_match:
        raise row.error("consent_date is empty; only a state with status 'acceded (YYYY)' may lack it")
    return Party(
        row=row,
        iso3=row.iso3(),
        name=row.required("state"),
        signed=signed,
        consent_date=consent,
        method=method,
        instrument=instrument,
        sources=row.urls("source"),
        added_sources=row.urls("added_sources", required=False),
        depositary_name=row.required("un_participant_name"),
        status=status,
        notes=row.text("notes"),
        consent_year=int(year_match.group(1)) if year_match else None,
    )


@dataclass(frozen=True)
class NonParty:
    """A state outside the Convention on 1 January 2025, or a former party (ottawa_nonparties.csv)."""

    row: Row
    iso3: str
    name: str
    status: str
    sources: tuple[str, ...]
    in_2025_baseline: bool
    current_status: str
    notes: str


def read_nonparties(reference_dir: Path) -> list[NonParty]:
    rows = read_rows(
        reference_dir / NONPARTIES, ("state", "iso3", "status", "source", "in_2025_baseline", "current_status")
    )
    result = []
    for row in rows:
        status = row.required("status")
        if status not in NONPARTY_STATUSES:
            raise row.error(f"status {status!r} is not one of {', '.join(NONPARTY_STATUSES)}")
        baseline = row.required("in_2025_baseline")
        if baseline not in ("yes", "no"):
            raise row.error(f"in_2025_baseline {baseline!r} is neither 'yes' nor 'no'")
        result.append(
            NonParty(
                row,
                row.iso3(),
                row.required("state"),
                status,
                row.urls("source"),
                baseline == "yes",
                row.required("current_status"),
                row.text("notes"),
            )
        )
    _unique(result, lambda p: p.iso3, "iso3")
    return result


@dataclass(frozen=True)
class WikidataLink:
    """One row of country_wikidata.csv: the state's Wikidata item and where the pairing comes from."""

    row: Row
    iso3: str
    qid: str
    label: str
    source: str | None  # None when the row is marked unverified
    notes: str


def read_wikidata(reference_dir: Path) -> dict[str, WikidataLink]:
    result: dict[str, WikidataLink] = {}
    for row in read_rows(reference_dir / WIKIDATA, ("iso3", "qid", "label", "source", "notes")):
        qid = row.required("qid")
        if not _QID.match(qid):
            raise row.error(f"qid {qid!r} is not a Wikidata item id (Q followed by digits)")
        source = row.required("source")
        verified = source.lower() != "unverified"
        if verified:
            row.urls("source")
        code = row.required("iso3")  # XKX (Kosovo) is user-assigned but still three letters
        if code in result:
            raise row.error(f"iso3 {code!r} appears twice")
        result[code] = WikidataLink(
            row, row.iso3(), qid, row.required("label"), source if verified else None, row.text("notes")
        )
    return result


def read_alpha2(reference_dir: Path) -> dict[str, tuple[str, str]]:
    """iso3 -> (alpha-2 code, source URL), from the vendored iso3166_alpha2.csv."""
    result: dict[str, tuple[str, str]] = {}
    for row in read_rows(reference_dir / ALPHA2, ("iso3", "alpha2", "source")):
        code = row.required("alpha2")
        if not _ISO2.match(code):
            raise row.error(f"alpha2 {code!r} is not two capital letters")
        iso3 = row.iso3()
        if iso3 in result:
            raise row.error(f"iso3 {iso3!r} appears twice")
        result[iso3] = (code, row.urls("source")[0])
    return result


WITHDRAWAL_COLUMNS = (
    "state",
    "iso3",
    "announced",
    "parliament_vote",
    "notification_deposited",
    "effective",
    "notes",
    "source",
    "primary_source",
    "primary_source_kind",
    "primary_source_note",
    "added_sources",
    "added_sources_note",
)


@dataclass(frozen=True)
class WithdrawalRow:
    """One row of ottawa_withdrawals.csv; the free-text cells stay text (curation reads them)."""

    row: Row
    iso3: str
    name: str
    deposited: date | None  # the leading date of notification_deposited
    effective: date | None  # the leading date of effective (None when contested)
    sources: tuple[str, ...]
    primary_sources: tuple[str, ...]
    added_sources: tuple[str, ...]

    def cited_urls(self) -> tuple[str, ...]:
        """Every URL the row cites, in any source column."""
        return self.sources + self.primary_sources + self.added_sources


def read_withdrawals(reference_dir: Path) -> list[WithdrawalRow]:
    result = []
    for row in read_rows(reference_dir / WITHDRAWALS, WITHDRAWAL_COLUMNS):
        deposited = leading_date(row, "notification_deposited")
        if deposited is None:
            raise row.error("notification_deposited does not start with a date (YYYY-MM-DD)")
        result.append(
            WithdrawalRow(
                row,
                row.iso3(),
                row.required("state"),
                deposited,
                leading_date(row, "effective"),
                row.urls("source"),
                row.urls("primary_source"),
                row.urls("added_sources", required=False),
            )
        )
    _unique(result, lambda w: w.iso3, "iso3")
    return result


def universe(reference_dir: Path) -> dict[str, str]:
    """The reference universe: iso3 -> English name, from the parties and non-parties files."""
    names: dict[str, str] = {}
    for item in [*read_parties(reference_dir), *read_nonparties(reference_dir)]:
        if names.setdefault(item.iso3, item.name) != item.name:
            raise item.row.error(f"{item.iso3} is named {item.name!r} here but {names[item.iso3]!r} elsewhere")
    return dict(sorted(names.items()))
