"""One run of `icscheck check`: resolve the editions, find the files, check each one."""

from __future__ import annotations

import datetime as dt
import os
import signal
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from icscheck.checker import Selection, check_editions, rules_run
from icscheck.discovery import Input, InputError, discover
from icscheck.editions import (
    ALL_EDITIONS,
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
    jobs: int | None = None
    """Processes to check files in; None chooses (the cores, when there are files enough)."""
    keep_models: bool = True
    """Keep each file's model in its report (the rich report shows the members); without it a
    report keeps only its findings, a few KiB a file rather than the model's ten."""
    seats: bool = True
    """Work out which seats are filled (the rich, Markdown and HTML reports show them)."""
    settings_file: Path | None = None
    """The settings file the defaults came from: read by the run, so never to be written over."""

    @property
    def selection(self) -> Selection:
        """The rules `--select` and `--ignore` leave to run."""
        return Selection(self.select, self.ignore)

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
        jobs: int | None = None,
        keep_models: bool = True,
        seats: bool = True,
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
            jobs=jobs,
            keep_models=keep_models,
            seats=seats,
            settings_file=settings.file,
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
    job = _Job(editions, request)
    for result in _checked(found.inputs, job, request.jobs):
        if isinstance(result, str):
            unreadable.append(result)
        else:
            reports.extend(result)
    read = (
        *(item.path for item in found.inputs if item.path is not None),
        *(path for path in (request.rules, request.settings_file) if path is not None),
    )
    return Outcome(
        report=RunReport(
            editions=tuple(e.ref for e in editions),
            as_of=request.as_of,
            files=tuple(reports),
            rules=tuple(rules_run(e, request.selection) for e in editions),
        ),
        read=read,
        unreadable=tuple(unreadable),
    )


PAYS_FOR_PROCESSES = 64
"""Files below which starting worker processes costs more than it saves (measured: a worker
starts in ~30 ms and checks a file in ~1.5 ms)."""


@dataclass(frozen=True, slots=True)
class _Job:
    """What every file of a run is checked with; a worker process inherits it."""

    editions: tuple[Edition, ...]
    request: Request

    def check(self, item: Input) -> tuple[FileReport, ...] | str:
        """One file's reports, or why it could not be read."""
        try:
            raw = item.read()
        except InputError as error:
            return str(error)
        reports = check_editions(
            raw,
            item.display,
            self.editions,
            as_of=self.request.as_of,
            selection=self.request.selection,
            seats=self.request.seats,
        )
        if self.request.keep_models:
            return reports
        return tuple(replace(report, system=None) for report in reports)


def _checked(
    inputs: Sequence[Input], job: _Job, jobs: int | None
) -> Iterator[tuple[FileReport, ...] | str]:
    """Each input's result, in the order of the inputs, from `jobs` processes.

    The process machinery is imported only when there are workers: a one-file check does not
    pay for it at start-up.
    """
    workers = _workers(len(inputs), jobs)
    if workers <= 1 or any(item.path is None for item in inputs):
        yield from (job.check(item) for item in inputs)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    global _JOB
    _JOB = job
    context = multiprocessing.get_context("fork")
    chunk = max(1, min(64, len(inputs) // (workers * 8)))
    pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_quiet_worker)
    try:
        yield from pool.map(_check_in_worker, inputs, chunksize=chunk)
    except BrokenProcessPool:
        raise RequestError("a worker process stopped unexpectedly; run with --jobs 1") from None
    finally:
        pool.shutdown(cancel_futures=True)
        _JOB = None


def _workers(files: int, jobs: int | None) -> int:
    if jobs is not None:
        return min(jobs, max(files, 1))
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return min(cores or 1, files // PAYS_FOR_PROCESSES) or 1


_JOB: _Job | None = None
"""The run's job, inherited by forked workers rather than sent to each."""


def _quiet_worker() -> None:
    """Ctrl-C is the parent's to report: a worker ignores it and is stopped with the pool."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _check_in_worker(item: Input) -> tuple[FileReport, ...] | str:
    assert _JOB is not None
    return _JOB.check(item)


def editions_for(request: Request) -> tuple[Edition, ...]:
    """The request's editions, its rule patterns checked against them (`check`, `diff` and
    `forecast`)."""
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
