"""`icscheck forecast`: when a system stops meeting the rules if nobody acts.

The system changes only on the days an appointment starts or a term ends, so the file is
re-checked through the pipeline (`checker.check_editions`) on the first day of its check and
on each of those days: no rule is implemented twice. A member is in term from `appointed` to
`term_ends`, both inclusive (`BoardMember.in_term`), so a term ending on 31 March changes the
system on 1 April.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from icscheck.checker import Selection, check_editions
from icscheck.discovery import InputError, discover
from icscheck.editions import Edition
from icscheck.model import IntegratedCareSystem, Role
from icscheck.results import EditionFinding, EditionRef, FileReport, Severity, exit_code


@dataclass(frozen=True, slots=True)
class Change:
    """The members whose standing changes on one day: appointments starting, terms ended."""

    on: dt.date
    started: tuple[str, ...]
    """Members appointed from this day."""
    ended: tuple[str, ...]
    """Members whose term ended the day before, their last day in term."""


@dataclass(frozen=True, slots=True)
class Appearance:
    """A finding first present on the day of a change, and the change that brought it."""

    change: Change
    item: EditionFinding


@dataclass(frozen=True, slots=True)
class Seats:
    """How many members are in term on one day: board members by role, and the partnership."""

    on: dt.date
    board: tuple[tuple[Role, int], ...]
    """Each role the file uses, in the order roles are declared, with its count in term."""
    partnership: int


@dataclass(frozen=True, slots=True)
class FileForecast:
    """One file's future: what is wrong already, what goes wrong and when, and its seats."""

    path: str
    already: tuple[EditionFinding, ...]
    appearances: tuple[Appearance, ...]
    timeline: tuple[Seats, ...]
    """The seats on the first day and on the first of each month after it, to the last day."""


@dataclass(frozen=True, slots=True)
class ForecastReport:
    """Every file forecast in one run, under one or more editions, between two dates."""

    editions: tuple[EditionRef, ...]
    start: dt.date
    until: dt.date
    files: tuple[FileForecast, ...]

    def exit_code(self, fail_on: Severity) -> int:
        """1 when a finding at or above `fail_on` appears within the horizon; those already
        present on the first day do not count."""
        return exit_code((a.item.finding for file in self.files for a in file.appearances), fail_on)

    @property
    def appearing(self) -> int:
        """How many findings appear within the horizon, in every file."""
        return sum(len(file.appearances) for file in self.files)

    @property
    def already(self) -> int:
        """How many findings were already present on the first day, in every file."""
        return sum(len(file.already) for file in self.files)


def add_months(start: dt.date, months: int) -> dt.date:
    """The same day `months` later, or that month's last day when it is shorter."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    return start.replace(year=year, month=month, day=min(start.day, _last_day(year, month)))


def forecast_paths(
    paths: list[str],
    editions: Sequence[Edition],
    *,
    start: dt.date,
    until: dt.date,
    selection: Selection,
) -> tuple[ForecastReport, tuple[str, ...]]:
    """Forecast every file the paths name, as `check` finds them, and say which could not be
    read; every other file is still forecast."""
    found = discover(paths)
    unreadable = list(found.problems)
    files = []
    for item in found.inputs:
        try:
            raw = item.read()
        except InputError as error:
            unreadable.append(str(error))
            continue
        files.append(
            forecast(raw, item.display, editions, start=start, until=until, selection=selection)
        )
    report = ForecastReport(tuple(e.ref for e in editions), start, until, tuple(files))
    return report, tuple(unreadable)


def forecast(
    raw: bytes,
    path: str,
    editions: Sequence[Edition],
    *,
    start: dt.date,
    until: dt.date,
    selection: Selection,
) -> FileForecast:
    """Check the file on `start` and on every later day up to `until` on which it changes."""
    first = check_editions(raw, path, editions, as_of=start, selection=selection)
    already = _findings(first)
    system = first[0].system if first else None
    seen = {_key(item) for item in already}
    appearances: list[Appearance] = []
    for change in changes(system, start, until) if system else ():
        reports = check_editions(raw, path, editions, as_of=change.on, selection=selection)
        for item in _findings(reports):
            if _key(item) not in seen:
                seen.add(_key(item))
                appearances.append(Appearance(change, item))
    timeline = tuple(seats(system, on) for on in _months(start, until)) if system else ()
    return FileForecast(path, already, tuple(appearances), timeline)


def changes(system: IntegratedCareSystem, start: dt.date, until: dt.date) -> list[Change]:
    """Every day after `start`, up to `until`, on which a board member comes into or goes out
    of term, in order."""
    started: dict[dt.date, list[str]] = {}
    ended: dict[dt.date, list[str]] = {}
    for member in system.board.members:
        if member.appointed is not None:
            started.setdefault(member.appointed, []).append(member.name)
        if member.term_ends is not None and member.term_ends < dt.date.max:
            ended.setdefault(member.term_ends + dt.timedelta(days=1), []).append(member.name)
    days = sorted(day for day in started.keys() | ended.keys() if start < day <= until)
    return [Change(day, tuple(started.get(day, ())), tuple(ended.get(day, ()))) for day in days]


def seats(system: IntegratedCareSystem, on: dt.date) -> Seats:
    """The members in term on `on`, counted by role; partnership members have no terms."""
    counts = Counter(m.role for m in system.board.members if m.in_term(on))
    used = {m.role for m in system.board.members}
    partnership = len(system.partnership_members)
    return Seats(on, tuple((role, counts[role]) for role in Role if role in used), partnership)


def _findings(reports: Sequence[FileReport]) -> tuple[EditionFinding, ...]:
    return tuple(EditionFinding(r.edition, f) for r in reports for f in r.findings)


def _key(item: EditionFinding) -> tuple[str, str, str]:
    """A finding's identity over time: edition, rule and message, never its line."""
    return item.edition.id, item.finding.rule, item.finding.message


def _months(start: dt.date, until: dt.date) -> list[dt.date]:
    days = [start]
    following = add_months(start.replace(day=1), 1)
    while following <= until:
        days.append(following)
        following = add_months(following, 1)
    return days


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]
