"""The dated reference data: every ICB since July 2022 and the councils in each one's area.

The tables are `reference/icbs.csv` and `reference/icb_local_authorities.csv` in the package
(provenance in `reference/README.md`). Every row holds from `valid_from` to `valid_to`, both
inclusive, so every question here is asked on a date, and a check `--as-of` a date sees the
geography of that date.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from typing import TypeAlias

from icscheck.shipped import shipped_text
from icscheck.wording import clip, closest, in_force, joined, long_date

CAVEAT = (
    "The councils in each ICB's area are compiled from the ICB boundaries and the local "
    "government changes since 2022, not verified against the ONS LSOA to ICB to local authority "
    "lookups; a file's own ics.local_authorities overrides them."
)
"""Said wherever output depends on the council table, as the reference data's README asks."""
UNVERIFIED = "compiled, not verified against ONS lookups"
"""The caveat in brief, for findings that rely on the council table."""
ESTABLISHED = date(2022, 7, 1)
"""The day the first ICBs were established; there were none before it."""
ESTABLISHMENT = (
    "ICBs were established on 1 July 2022 (Integrated Care Boards (Establishment) Order 2022)"
)
"""Said wherever a date before `ESTABLISHED` is asked about ICBs."""
CODE_FORM = (
    "is not the ODS code of an ICB: write three or five capital letters and digits, e.g. QYG "
    "(`icscheck icbs` lists them)"
)
"""What a misformed `icb_code` is told, after its value: the form codes take."""

_ICBS_CSV = "icbs.csv"
_COUNCILS_CSV = "icb_local_authorities.csv"


@dataclass(frozen=True, slots=True)
class IntegratedCareBoardRecord:
    """One ICB over one period of validity; a code may have several (QRL has two)."""

    code: str
    """ODS code, e.g. ``QYG``: what a file's ``icb_code`` names."""
    gss_code: str
    """ONS (GSS) code, e.g. ``E54000008``: as used from April 2023, even for earlier dates."""
    name: str
    """Full statutory name, e.g. ``NHS Cheshire and Merseyside Integrated Care Board``."""
    region: str
    """NHS England region, e.g. ``North West``."""
    region_code: str
    """NHS England region code, e.g. ``Y62``."""
    valid_from: date
    """First day in force."""
    valid_to: date | None
    """Last day in force; ``None`` while still in force."""
    predecessors: tuple[str, ...]
    """ODS codes of the ICBs this one replaced (may include its own code, as QRL's does)."""
    successors: tuple[str, ...]
    """ODS codes of the ICBs that replaced this one (may include its own code)."""

    @property
    def label(self) -> str:
        """How messages name it: ``QNX (NHS Sussex Integrated Care Board)``."""
        return f"{self.code} ({self.name})"

    def in_force(self, on: date) -> bool:
        """Whether this record holds on `on` (both ends inclusive)."""
        return in_force(self.valid_from, self.valid_to, on)


@dataclass(frozen=True, slots=True)
class CouncilRecord:
    """A responsible (upper-tier) local authority in an ICB's area, over one period."""

    icb_code: str
    """ODS code of the ICB."""
    name: str
    """The council's name, e.g. ``Cheshire East Council``."""
    part_of_area_only: bool
    """True when the council's area is split between ICBs."""
    valid_from: date
    """First day in force."""
    valid_to: date | None
    """Last day in force; ``None`` while still in force."""

    def in_force(self, on: date) -> bool:
        """Whether this record holds on `on` (both ends inclusive)."""
        return in_force(self.valid_from, self.valid_to, on)


@dataclass(frozen=True, slots=True)
class InForce:
    """The code names an ICB in force on the date."""

    record: IntegratedCareBoardRecord
    councils: tuple[CouncilRecord, ...]
    """Its responsible councils on that date, by name."""


@dataclass(frozen=True, slots=True)
class NotYetEstablished:
    """The code names an ICB established only after the date."""

    record: IntegratedCareBoardRecord
    """Its first period of validity."""


@dataclass(frozen=True, slots=True)
class Dissolved:
    """The code names an ICB dissolved before the date."""

    record: IntegratedCareBoardRecord
    """Its last period of validity before the date."""
    successors: tuple[IntegratedCareBoardRecord, ...]
    """The ICBs that replaced it, as established the day after it ended; one of them may in turn
    have been dissolved by the date asked about, so look it up again."""


@dataclass(frozen=True, slots=True)
class UnknownCode:
    """The code names no ICB at all."""

    code: str
    """The code as given."""
    close_matches: tuple[IntegratedCareBoardRecord, ...]
    """ICBs whose code looks like it, or whose name contains it; best first, possibly none."""


Lookup: TypeAlias = InForce | NotYetEstablished | Dissolved | UnknownCode


def _read(filename: str) -> list[dict[str, str]]:
    text = shipped_text("reference", filename)
    return list(csv.DictReader(io.StringIO(text, newline="")))


def _optional_date(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


def _flag(text: str) -> bool:
    if text not in ("yes", "no"):
        raise ValueError(f"{_COUNCILS_CSV}: part_of_area_only must be yes or no, not {text!r}")
    return text == "yes"


@cache
def icb_records() -> tuple[IntegratedCareBoardRecord, ...]:
    """Every row of the ICB table, in file order: each ICB over each period of validity."""
    return tuple(
        IntegratedCareBoardRecord(
            code=row["icb_ods_code"],
            gss_code=row["icb_gss_code"],
            name=row["icb_name"],
            region=row["nhs_england_region"],
            region_code=row["nhs_england_region_code"],
            valid_from=date.fromisoformat(row["valid_from"]),
            valid_to=_optional_date(row["valid_to"]),
            predecessors=tuple(row["predecessors"].split()),
            successors=tuple(row["successors"].split()),
        )
        for row in _read(_ICBS_CSV)
    )


@cache
def council_records() -> tuple[CouncilRecord, ...]:
    """Every row of the council table, in file order."""
    return tuple(
        CouncilRecord(
            icb_code=row["icb_ods_code"],
            name=row["local_authority"],
            part_of_area_only=_flag(row["part_of_area_only"]),
            valid_from=date.fromisoformat(row["valid_from"]),
            valid_to=_optional_date(row["valid_to"]),
        )
        for row in _read(_COUNCILS_CSV)
    )


@cache
def _periods_by_code() -> dict[str, tuple[IntegratedCareBoardRecord, ...]]:
    periods: dict[str, list[IntegratedCareBoardRecord]] = {}
    for record in icb_records():
        periods.setdefault(record.code, []).append(record)
    return {code: tuple(sorted(rows, key=lambda r: r.valid_from)) for code, rows in periods.items()}


@cache
def _change_dates() -> tuple[date, ...]:
    records: list[IntegratedCareBoardRecord | CouncilRecord] = [*icb_records(), *council_records()]
    starts = {record.valid_from for record in records}
    ends = {record.valid_to + timedelta(days=1) for record in records if record.valid_to}
    return tuple(sorted(starts | ends))


def _normalise(code: str) -> str:
    return code.strip().upper()


def before_icbs(on: date) -> bool:
    """Whether `on` is before the first ICBs were established, so no code can be in force."""
    return on < ESTABLISHED


def _period(code: str, on: date) -> IntegratedCareBoardRecord | None:
    return next((r for r in _periods_by_code().get(code, ()) if r.in_force(on)), None)


def icbs_in_force(on: date) -> list[IntegratedCareBoardRecord]:
    """The ICBs in force on `on`, by name."""
    return sorted((r for r in icb_records() if r.in_force(on)), key=lambda r: r.name)


def councils(code: str, on: date) -> tuple[CouncilRecord, ...]:
    """The responsible councils in ICB `code`'s area on `on`, by name; none if not in force."""
    key = _normalise(code)
    return tuple(
        sorted(
            (c for c in council_records() if c.icb_code == key and c.in_force(on)),
            key=lambda c: c.name,
        )
    )


def lookup(code: str, on: date) -> Lookup:
    """What ODS `code` names on `on`: an ICB in force, one not yet established, a dissolved one
    (with its successors), or nothing (with close matches). Case and surrounding space are
    ignored."""
    key = _normalise(code)
    periods = _periods_by_code().get(key)
    if not periods:
        return UnknownCode(code, _close_matches(key, on))
    current = _period(key, on)
    if current is not None:
        return InForce(current, councils(key, on))
    if on < periods[0].valid_from:
        return NotYetEstablished(periods[0])
    ended = [p for p in periods if p.valid_to is not None and p.valid_to < on][-1]
    return Dissolved(ended, _successors(ended))


def _successors(record: IntegratedCareBoardRecord) -> tuple[IntegratedCareBoardRecord, ...]:
    if record.valid_to is None:
        return ()
    day_after = record.valid_to + timedelta(days=1)
    found = (_period(code, day_after) for code in record.successors)
    return tuple(successor for successor in found if successor is not None)


def _close_matches(key: str, on: date | None) -> tuple[IntegratedCareBoardRecord, ...]:
    """ICBs `key` may mean: the one whose code it is once spaces go, or whose ONS (GSS) code it
    is; else codes like it; and those whose name contains it ('Sussex', 'NHS Sussex ICB')."""
    by_code = _periods_by_code()
    squeezed = "".join(key.split())
    codes = [c for c in by_code if c == squeezed]
    codes += [r.code for r in icb_records() if r.gss_code == squeezed]
    if not codes:
        codes = closest(key, by_code, most=3)
    if len(key) >= 3:
        wanted = _name_key(key)
        codes += [
            c for c, periods in by_code.items() if any(wanted in _name_key(p.name) for p in periods)
        ]
    # The period in force on the date is the one to offer; otherwise the latest there was.
    return tuple((_period(c, on) if on else None) or by_code[c][-1] for c in dict.fromkeys(codes))


def _name_key(name: str) -> str:
    return " ".join(name.casefold().replace("integrated care board", "icb").split())


def suggestion(text: str, on: date | None = None) -> str:
    """'; did you mean QNX (NHS Sussex Integrated Care Board, dissolved 31 March 2026)?' for
    what someone wrote where an ICB code goes, or '' when nothing is like it. Without a date,
    an ICB counts as dissolved once the reference data ends it."""
    return _did_you_mean(_close_matches(_normalise(text), on), on)


def _did_you_mean(close: tuple[IntegratedCareBoardRecord, ...], on: date | None) -> str:
    return f"; did you mean {' or '.join(_offered(r, on) for r in close)}?" if close else ""


def _offered(record: IntegratedCareBoardRecord, on: date | None) -> str:
    end = record.valid_to
    if end is None or (on is not None and on <= end):
        return record.label
    return f"{record.code} ({record.name}, dissolved {long_date(end)})"


def explain(found: Lookup, on: date) -> str:
    """What a lookup on `on` found, in a sentence naming what covers the area instead."""
    match found:
        case InForce(record=record):
            return f"{record.label} is in force on {long_date(on)}"
        case Dissolved(record=record, successors=successors):
            ended = long_date(record.valid_to) if record.valid_to else "an earlier date"
            after = (
                f"its area is covered by {_listed(successors)}"
                if successors
                else "the reference data names no successor"
            )
            return f"{record.label} was dissolved on {ended}; on {long_date(on)} {after}"
        case NotYetEstablished(record=record) if before_icbs(on):
            return (
                f"there were no ICBs on {long_date(on)}: {ESTABLISHMENT}, and {record.label} "
                f"dates from {long_date(record.valid_from)}"
            )
        case NotYetEstablished(record=record):
            before = [
                earlier.record
                for code in record.predecessors
                if isinstance(earlier := lookup(code, on), InForce)
            ]
            covered = (
                f"; on {long_date(on)} its area was covered by {_listed(before)}" if before else ""
            )
            return (
                f"{record.label} is not established until {long_date(record.valid_from)}{covered}"
            )
        case UnknownCode(code=code, close_matches=close):
            hint = _did_you_mean(close, on)
            return f"'{code}' is not the ODS code of any ICB since July 2022{hint}"
    raise AssertionError("unreachable")  # pragma: no cover


def _listed(
    records: tuple[IntegratedCareBoardRecord, ...] | list[IntegratedCareBoardRecord],
) -> str:
    return joined([record.label for record in records])


def data_vintage(on: date) -> str:
    """How output relying on the tables names their vintage, e.g. ``ICB areas as at 1 April 2026``:
    the last day on or before `on` when either table changed (the first, before any did)."""
    changes = _change_dates()
    vintage = max((d for d in changes if d <= on), default=changes[0])
    return f"ICB areas as at {long_date(vintage)}"


@dataclass(frozen=True, slots=True)
class Region:
    """An NHS England region, as `icbs --region` names it."""

    code: str
    """e.g. ``Y62``."""
    name: str
    """e.g. ``North West``."""


class UnknownRegion(Exception):
    """`icbs --region` named no NHS England region; the message lists them."""


def regions() -> tuple[Region, ...]:
    """Every NHS England region in the reference data, by name."""
    found = {Region(r.region_code, r.region) for r in icb_records()}
    return tuple(sorted(found, key=lambda region: region.name))


def find_region(text: str) -> Region:
    """The region whose name or code is `text`, in any case."""
    wanted = " ".join(text.split()).casefold()
    for region in regions():
        if wanted in (region.code.casefold(), region.name.casefold()):
            return region
    known = "; ".join(f"{region.name} ({region.code})" for region in regions())
    raise UnknownRegion(f"no NHS England region is called '{clip(text)}'; the regions are: {known}")
