"""One run of `icscheck check`: resolve the edition, find the files, check each one."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from icscheck.editions import EditionError, load_edition
from icscheck.engine import ALWAYS_ON, RunReport, Selection, check_bytes
from icscheck.findings import Severity
from icscheck.inputs import InputError, discover
from icscheck.rules import ALL_RULES


class RequestError(Exception):
    """The run cannot start or go on: a bad option, edition or path (exit 2)."""


@dataclass(frozen=True, slots=True)
class Request:
    """What the user asked for, already parsed."""

    paths: list[str]
    edition: str
    as_of: dt.date
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()


def run(request: Request) -> RunReport:
    """Check every file the request names; raise `RequestError` for anything not a finding."""
    try:
        edition = load_edition(request.edition)
        inputs = discover(request.paths)
    except (EditionError, InputError) as error:
        raise RequestError(str(error)) from None
    _check_patterns(request.select, "--select")
    _check_patterns(request.ignore, "--ignore")
    selection = Selection(request.select, request.ignore)
    try:
        reports = tuple(
            check_bytes(
                item.read(), item.display, edition, as_of=request.as_of, selection=selection
            )
            for item in inputs
        )
    except InputError as error:
        raise RequestError(str(error)) from None
    return RunReport(edition=edition, as_of=request.as_of, files=reports)


def _check_patterns(patterns: tuple[str, ...], option: str) -> None:
    """Every pattern must name some rule: a typo would otherwise select or ignore nothing."""
    for pattern in patterns:
        if pattern.upper() in ALWAYS_ON and option == "--ignore":
            raise RequestError(
                f"{pattern.upper()} cannot be ignored: rules only run on valid input"
            )
        known = (
            any(
                rule.id.startswith(pattern.upper()) or rule.name == pattern.lower()
                for rule in ALL_RULES
            )
            or pattern.upper() in ALWAYS_ON
        )
        if not known:
            raise RequestError(f"{option} {pattern}: no rule has that ID, prefix or name")


def exit_code(run: RunReport, fail_on: Severity) -> int:
    """0 when nothing reaches `fail_on`, else 1."""
    return int(any(f.severity.rank >= fail_on.rank for f in run.findings))
