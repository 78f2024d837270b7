"""One run of `icscheck check`: resolve the editions, find the files, check each one."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from icscheck.checker import Selection, check_editions
from icscheck.discovery import InputError, discover
from icscheck.editions import (
    DEFAULT_EDITION,
    Edition,
    EditionError,
    edition_from_file,
    editions_by_date,
    in_force_in,
    load_edition,
)
from icscheck.results import FileReport, RunReport, Severity
from icscheck.rules.registry import ALL_RULES, ALWAYS_ON, matches, pattern_problem, split_names
from icscheck.settings import Settings
from icscheck.wording import long_date

ALL_EDITIONS = "all"


class RequestError(Exception):
    """The run cannot start or go on: a bad option, edition, rule pack or path (exit 2)."""


@dataclass(frozen=True, slots=True)
class Request:
    """What the user asked for, with settings and defaults already applied."""

    paths: list[str]
    as_of: dt.date
    editions: tuple[str, ...] = (DEFAULT_EDITION,)
    """Edition IDs, or ``all``."""
    rules: Path | None = None
    """A local rule pack, used instead of the editions."""
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_on: Severity = Severity.ERROR

    @classmethod
    def with_settings(
        cls,
        settings: Settings,
        *,
        paths: list[str],
        as_of: dt.date,
        editions: tuple[str, ...],
        rules: Path | None,
        select: tuple[str, ...],
        ignore: tuple[str, ...],
        fail_on: Severity | None,
    ) -> Request:
        """The command line's options, falling back on the project's settings, then defaults.

        Rule patterns may be repeated or comma-separated (`--select ICP,ICB001`).
        """
        if rules is not None and editions:
            raise RequestError(
                "--rules and --edition do not mix: a rule pack names the edition it extends"
            )
        return cls(
            paths=paths,
            as_of=as_of,
            editions=editions or settings.edition or (DEFAULT_EDITION,),
            rules=rules or (None if editions else settings.rules),
            select=split_names(select or settings.select or ()),
            ignore=split_names(ignore or settings.ignore or ()),
            fail_on=fail_on or settings.fail_on or Severity.ERROR,
        )


@dataclass(frozen=True, slots=True)
class Outcome:
    """A run's report, the paths it read, and the paths it could not read (exit 2 at the end)."""

    report: RunReport
    read: tuple[Path, ...]
    """Every file read, so that `--output` can refuse to replace one."""
    unreadable: tuple[str, ...]
    """One message a path that could not be found or read; every other file is still checked."""


def run(request: Request) -> Outcome:
    """Check every file the request names; raise `RequestError` for anything not a finding."""
    editions = editions_for(request)
    found = discover(request.paths)
    unreadable = list(found.problems)
    reports: list[FileReport] = []
    for item in found.inputs:
        try:
            raw = item.read()
        except InputError as error:
            unreadable.append(str(error))
            continue
        reports.extend(
            check_editions(
                raw,
                item.display,
                editions,
                as_of=request.as_of,
                selection=Selection(request.select, request.ignore),
            )
        )
    read = tuple(item.path for item in found.inputs if item.path is not None)
    return Outcome(
        report=RunReport(
            editions=tuple(e.ref for e in editions), as_of=request.as_of, files=tuple(reports)
        ),
        read=read if request.rules is None else (*read, request.rules),
        unreadable=tuple(unreadable),
    )


def editions_for(request: Request) -> tuple[Edition, ...]:
    """The request's editions, its rule patterns checked against them (`check` and `diff`)."""
    _check_patterns(request.select, "--select")
    _check_patterns(request.ignore, "--ignore")
    try:
        editions = resolve_editions(request.editions, request.rules)
        _check_selected(request.select, editions)
    except EditionError as error:
        raise RequestError(str(error)) from None
    return editions


def date_notes(run: RunReport) -> list[str]:
    """A note for each edition checked on a day before its own date: its rules are applied to a
    time when they did not exist yet, which the reader should know but which is not a finding."""
    return [
        f"{edition.id} dates from {long_date(start)}: on {long_date(run.as_of)}, the date "
        "checked, its rules were not yet in force or published"
        for edition in run.editions
        if edition.date and run.as_of < (start := dt.date.fromisoformat(edition.date))
    ]


def resolve_editions(names: tuple[str, ...], rules: Path | None) -> tuple[Edition, ...]:
    """The editions to check against: a rule pack, every edition (oldest first), or those named."""
    if rules is not None:
        return (edition_from_file(rules),)
    if ALL_EDITIONS in names:
        return tuple(editions_by_date())
    return tuple(load_edition(name) for name in dict.fromkeys(names))


def _check_patterns(patterns: tuple[str, ...], option: str) -> None:
    for pattern in patterns:
        problem = pattern_problem(pattern, ignoring=option == "--ignore")
        if problem:
            raise RequestError(f"{option} {problem}")


def _check_selected(patterns: tuple[str, ...], editions: tuple[Edition, ...]) -> None:
    """A `--select` pattern that names rules, none in force in the editions checked, would
    silently check nothing: say where the rules it names are in force instead."""
    settings = [s for e in editions for s in e.settings]
    for pattern in patterns:
        if pattern.upper() in ALWAYS_ON or any(matches(s.rule, pattern) for s in settings):
            continue
        where = [
            f"{rule.id} is in force in {', '.join(ids)}"
            for rule in ALL_RULES
            if matches(rule, pattern) and (ids := [e.id for e in in_force_in(rule.id)])
        ]
        checked = ", ".join(edition.id for edition in editions)
        elsewhere = f" ({'; '.join(where)})" if where else ""
        raise RequestError(
            f"--select {pattern}: no rule it names is in force in {checked}{elsewhere}"
        )


def exit_code(run: RunReport, fail_on: Severity) -> int:
    """0 when nothing reaches `fail_on`, else 1."""
    return int(any(f.severity.rank >= fail_on.rank for f in run.findings))
