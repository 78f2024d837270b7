"""The command line: parse options, call the library, print what the reporters return.

Heavy modules (jsonschema, Rich, the engine) are imported inside the commands that need them,
so `icscheck --version` and `--help` start fast.
"""

from __future__ import annotations

import codecs
import contextlib
import datetime as dt
import gc
import inspect
import io
import os
import shutil
import sys
import traceback
from enum import StrEnum
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from typer import _click as click
from typer._click.types import ParamType
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

from icscheck import INTERRUPTED, __version__
from icscheck.reporters import DiffFormat, ForecastFormat, Format, ReportOptions, printable
from icscheck.results import Severity, exit_code

if TYPE_CHECKING:
    from collections.abc import Callable

    from icscheck import run
    from icscheck.editions import Edition
    from icscheck.results import RunReport


class _NoTypeShown(ParamType):
    """An argument's type as help sees it: no metavar, so help names the argument by its own
    (PATH, RULE) and not also by its Python type, as Typer's `<str>` would."""

    name = "text"

    def get_metavar(self, param: click.Parameter, ctx: click.Context) -> str:
        return ""


def _placeholders_only(params: list[click.Parameter]) -> None:
    """Make help name each value by its placeholder: Typer would add `<str>` beside an
    argument and `<bool>` beside a flag, `--help` included. Only help reads the types changed
    here, and the command exits after it."""
    for param in params:
        if isinstance(param, TyperArgument):
            param.type = _NoTypeShown()
        elif isinstance(param, TyperOption) and param.is_flag:
            param.metavar = ""


def _one_line_paragraphs(text: str | None) -> str | None:
    """Each paragraph of a docstring on one line, for Rich to wrap at the terminal's width.

    Rich keeps the docstring's own line breaks after the first paragraph, so a sentence would
    break mid-line at 80 columns. A paragraph that starts with `\\b` (examples) keeps its lines.
    """
    if text is None:
        return None
    paragraphs = inspect.cleandoc(text).split("\n\n")
    return "\n\n".join(
        p.removeprefix("\b\n") if p.startswith("\b\n") else " ".join(p.split()) for p in paragraphs
    )


class _PlaceholderHelp(click.Command):
    """Help that names each value by its placeholder, never by its Python type."""

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        _placeholders_only(self.get_params(ctx))
        super().format_help(ctx, formatter)


class _Command(_PlaceholderHelp, TyperCommand):
    """A command whose help shows placeholders, never Python types, and unbroken sentences."""

    def __init__(self, name: str | None, *, help: str | None = None, **kwargs: Any) -> None:
        super().__init__(name, help=_one_line_paragraphs(help), **kwargs)


class _Group(_PlaceholderHelp, TyperGroup):
    """A group of commands whose help reads as `_Command`'s does.

    Commands given to `defer` are turned from their Typer declarations into Click commands only
    when one is looked up: converting all of them cost a one-file check about 10 ms, to run one.
    """

    def __init__(self, *, help: str | None = None, **kwargs: Any) -> None:
        super().__init__(help=_one_line_paragraphs(help), **kwargs)
        self._deferred: dict[str, Callable[[], click.Command]] = {}
        self._order: list[str] = []

    def defer(self, builders: dict[str, Callable[[], click.Command]]) -> None:
        """Hold a builder for each command, by name, to call when the command is looked up; the
        commands list in the builders' order, whichever were looked up first."""
        self._deferred = builders
        self._order = list(builders)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        names = [cmd_name] if cmd_name in self._deferred else list(self._deferred)
        for name in names:  # an unknown name converts all, for Typer's did-you-mean to see
            self.commands[name] = self._deferred.pop(name)()
        return super().get_command(ctx, cmd_name)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return self._order or super().list_commands(ctx)


def command_line() -> click.Command:
    """`app` as the Click group that runs it, its commands converted as they are looked up.

    Typer converts every command and sub-group of a group when it builds it; here the group is
    built without them and given builders for them, so a run converts only what it runs. They
    list commands first, then groups, in the order declared, as Typer's own group does.
    """
    commands, groups = app.registered_commands, app.registered_groups
    app.registered_commands, app.registered_groups = [], []
    try:
        group = typer.main.get_command(app)
    finally:
        app.registered_commands, app.registered_groups = commands, groups
    assert isinstance(group, _Group)
    options: dict[str, Any] = {
        "pretty_exceptions_short": app.pretty_exceptions_short,
        "rich_markup_mode": app.rich_markup_mode,
    }
    builders: dict[str, Callable[[], click.Command]] = {}
    for command in commands:
        assert command.callback is not None
        name = command.name or typer.main.get_command_name(command.callback.__name__)
        builders[name] = partial(typer.main.get_command_from_info, command, **options)
    for sub_group in groups:
        assert isinstance(sub_group.name, str)
        builders[sub_group.name] = partial(
            typer.main.get_group_from_info,
            sub_group,
            suggest_commands=app.suggest_commands,
            **options,
        )
    group.defer(builders)
    return group


class ListingFormat(StrEnum):
    """The formats `rules`, `editions` and `icbs` print in."""

    TEXT = "text"
    JSON = "json"


def _listing_format_option() -> Any:
    """The `--format` option of the listing commands; each documents its JSON shape."""
    return _format_option("text (the default) or json: one JSON object, its shape described above.")


class ColorMode(StrEnum):
    """When `check` colours its rich report."""

    AUTO = "auto"
    ALWAYS = "always"
    NEVER = "never"


class SchemaKind(StrEnum):
    """Which published JSON Schema `icscheck schema` prints."""

    ICS = "ics"
    RULES = "rules"
    REPORT = "report"


app = typer.Typer(
    name="icscheck",
    help=(
        "Check that an English NHS integrated care system is governed as the law requires.\n\n"
        "Describe each system in a YAML file (its integrated care board and integrated care "
        "partnership), then run `icscheck check`. Start with `icscheck init`, see the rules "
        "with `icscheck rules` and one rule's reasons with `icscheck explain ICB001`."
    ),
    no_args_is_help=True,
    cls=_Group,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def fail(message: str) -> NoReturn:
    """Stop with `icscheck: error: …` on stderr and exit 2; a path or value it names cannot
    drive the terminal."""
    typer.echo(f"icscheck: error: {printable(message)}", err=True)
    raise typer.Exit(2)


def _as_of_option(purpose: str) -> Any:
    """The `--as-of` option, which every date-dependent command takes, for `purpose`."""
    return typer.Option(
        "--as-of", metavar="YYYY-MM-DD", help=f"{purpose}. Default: today.", show_default=False
    )


def _format_option(help: str) -> Any:
    """The `--format` option; `help` names the command's formats and its default."""
    return typer.Option("--format", "-f", metavar="FORMAT", help=help, show_default=False)


def _fail_on_option(help: str) -> Any:
    """The `--fail-on` option; `help` says which findings count for the command."""
    return typer.Option("--fail-on", metavar="SEVERITY", help=help, show_default=False)


def _quiet_option(help: str) -> Any:
    """The `--quiet` flag; `help` says what the command leaves out."""
    return typer.Option("--quiet", "-q", help=help)


def _version(value: bool) -> None:
    if value:
        _print(f"icscheck {__version__}\n")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            "-V",
            callback=_version,
            is_eager=True,
            help="Show the version and exit.",
        ),
    ] = False,
) -> None:
    """Check that an English NHS integrated care system is governed as the law requires."""


@app.command(cls=_Command)
def check(
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="PATH",
            help="ICS files, folders to search for *.ics.yaml / *.ics.yml, or - for stdin. "
            "Default: the current folder.",
            show_default=False,
        ),
    ] = None,
    *,
    edition: Annotated[
        list[str] | None,
        typer.Option(
            "--edition",
            "-e",
            metavar="EDITION",
            help="Edition of the rules (see `icscheck editions`); repeat it, or say `all`, "
            "for verdicts side by side. Default: hca-2022.",
            show_default=False,
        ),
    ] = None,
    rules: Annotated[
        Path | None,
        typer.Option(
            "--rules",
            metavar="FILE",
            help="A local rule pack (YAML) that extends an edition with your constitution's "
            "own requirements.",
            dir_okay=False,
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        Format | None,
        _format_option(
            "Output format: rich, text, json, markdown or html; for CI, sarif (code "
            "scanning), junit (test reports), github (workflow annotations) or gitlab (Code "
            "Quality). Default: rich on a terminal (or when colour is forced), text when piped "
            "or to a file."
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write the report to this file (atomically).",
            dir_okay=False,
        ),
    ] = None,
    fail_on: Annotated[
        Severity | None,
        _fail_on_option(
            "Exit 1 when a finding is at or above this severity: error, warning or info. "
            "Default: error."
        ),
    ] = None,
    select: Annotated[
        list[str] | None,
        typer.Option(
            "--select",
            metavar="RULES",
            help="Run only these rules: IDs, prefixes or names, e.g. ICP or ICB001,board-chair.",
        ),
    ] = None,
    ignore: Annotated[
        list[str] | None,
        typer.Option("--ignore", metavar="RULES", help="Skip these rules: IDs, prefixes or names."),
    ] = None,
    as_of: Annotated[
        str | None,
        _as_of_option("Date to check terms of office on"),
    ] = None,
    quiet: Annotated[bool, _quiet_option("Findings only: no members tables or summary.")] = False,
    color: Annotated[
        ColorMode,
        typer.Option(
            "--color",
            metavar="WHEN",
            help="Colour the rich report: auto, always or never. Auto colours on a terminal, "
            "never when NO_COLOR is set, always when FORCE_COLOR is set (non-empty).",
            show_default=False,
        ),
    ] = ColorMode.AUTO,
    no_color: Annotated[bool, typer.Option("--no-color", help="Same as --color never.")] = False,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            metavar="N",
            min=1,
            help="Check files in N processes; the output is the same. Default: the cores, "
            "when there are enough files to pay for starting them.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Check ICS files against an edition of the rules.

    Exit status: 0 when no finding is at or above --fail-on, 1 when one is (YAML and schema
    errors included), 2 for a usage error, bad settings or an unreadable path.

    Settings come from .icscheck.yaml or \\[tool.icscheck] in pyproject.toml (edition, rules,
    fail-on, select, ignore), found from the current folder upwards; options here win.

    \b
    Examples:
      icscheck check sample_configs/
      icscheck check sample_configs/essex.ics.yaml --as-of 2026-04-01
      icscheck check sample_configs/ --format json --output report.json
      icscheck check sample_configs/ --select ICP --fail-on warning
      icscheck check sample_configs/somerset.ics.yaml --edition all
      icscheck check sample_configs --rules tests/fixtures/packs/constitution.yaml
      icscheck check sample_configs/ --quiet --color always
    """
    from icscheck import run
    from icscheck.settings import SettingsError, find_settings

    on_terminal = output is None and sys.stdout is not None and sys.stdout.isatty()
    colored = _colored(ColorMode.NEVER if no_color else color, on_terminal)
    chosen = output_format or (Format.RICH if on_terminal or colored else Format.TEXT)

    _tune_gc()
    try:
        settings = find_settings(_current_folder())
        request = run.Request.with_settings(
            settings,
            paths=list(paths or []),
            as_of=_parse_date(as_of),
            editions=tuple(edition or ()),
            rules=rules,
            select=tuple(select or ()),
            ignore=tuple(ignore or ()),
            fail_on=fail_on,
            jobs=jobs,
            keep_models=chosen.shows_members and not quiet,
            seats=chosen.shows_seats,
        )
        outcome = run.run(request)
    except (SettingsError, run.RequestError) as error:
        fail(str(error))
    for note in run.date_notes(outcome.report):
        typer.echo(f"icscheck: note: {note}", err=True)
    if outcome.unreadable and not outcome.report.files:
        _unreadable(outcome.unreadable)
    options = _report_options(colored, quiet, on_terminal)
    _emit(outcome.report, chosen, output, options, inputs=outcome.read)
    if outcome.unreadable:
        _unreadable(outcome.unreadable)
    raise typer.Exit(exit_code(outcome.report.findings, request.fail_on))


_SELECT_AS_FOR_CHECK = Annotated[
    list[str] | None, typer.Option("--select", metavar="RULES", help="As for check.")
]
_IGNORE_AS_FOR_CHECK = Annotated[
    list[str] | None, typer.Option("--ignore", metavar="RULES", help="As for check.")
]
_EDITIONS_AS_FOR_CHECK = Annotated[
    list[str] | None,
    typer.Option("--edition", "-e", metavar="EDITION", help="As for check.", show_default=False),
]


@app.command("diff", cls=_Command)
def diff_command(
    sides: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="PATH",
            help="Two versions of a file, OLD then NEW: paths, or REV:PATH read from git. "
            "With --git, the paths to look in instead.",
            show_default=False,
        ),
    ] = None,
    *,
    git: Annotated[
        str | None,
        typer.Option(
            "--git",
            metavar="REV",
            help="Compare every *.ics.yaml / *.ics.yml that differs between REV and the "
            "working tree.",
            show_default=False,
        ),
    ] = None,
    edition: _EDITIONS_AS_FOR_CHECK = None,
    output_format: Annotated[
        DiffFormat | None,
        _format_option(
            "rich, text, json or markdown (for a pull-request comment). Default: rich on "
            "a terminal, text otherwise."
        ),
    ] = None,
    fail_on: Annotated[
        Severity | None,
        _fail_on_option("Exit 1 when the change introduces a finding at or above this severity."),
    ] = None,
    select: _SELECT_AS_FOR_CHECK = None,
    ignore: _IGNORE_AS_FOR_CHECK = None,
    as_of: Annotated[str | None, _as_of_option("Date to check both versions on")] = None,
    quiet: Annotated[bool, _quiet_option("Leave out unchanged findings and the summary.")] = False,
) -> None:
    """Show what a change to ICS files does: members who joined, left or changed, and the
    findings it introduces and resolves.

    Members are matched by name, findings by rule and message, so moving lines changes nothing.
    Exit status: 1 when the change introduces a finding at or above --fail-on (findings that
    were already there do not count), 2 for a usage error or an unreadable version.

    \b
    Examples:
      icscheck diff HEAD~1:icb.ics.yaml icb.ics.yaml
      icscheck diff --git main --format markdown
    """
    from icscheck import diff, run
    from icscheck.reporters.diff_format import render, summary
    from icscheck.settings import SettingsError

    _tune_gc()

    named = list(sides or [])
    if git is None and len(named) != 2:
        fail("diff takes two versions, OLD NEW, or --git REV [PATH...]")
    try:
        request, editions = _request_as_for_check(
            named, _parse_date(as_of), edition, select, ignore, fail_on
        )
        report = diff.diff_paths(
            named, git, editions, as_of=request.as_of, selection=request.selection
        )
    except (SettingsError, run.RequestError, diff.DiffError) as error:
        fail(str(error))
    _show(
        lambda chosen, options: render(report, DiffFormat(chosen), options),
        lambda: summary(report),
        output_format,
        quiet,
    )
    raise typer.Exit(report.exit_code(request.fail_on))


GC_GEN0_THRESHOLD = 50_000
"""Allocations between young collections while checking: each file's parse makes many objects
that live until its report, so the default 700 collects over and over for nothing."""


def _tune_gc() -> None:
    """Freeze what the imports made, so collections never walk it, collect young objects less
    often (1,000 generated files checked in one process took 1.69 s instead of 1.85 s, medians
    of 5), and turn the collector on: `__main__` turns it off while modules load."""
    gc.freeze()
    gc.set_threshold(GC_GEN0_THRESHOLD, *gc.get_threshold()[1:])
    gc.enable()


@app.command("forecast", cls=_Command)
def forecast_command(
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="PATH",
            help="ICS files or folders, as for check. Default: the current folder.",
            show_default=False,
        ),
    ] = None,
    *,
    until: Annotated[
        str | None,
        typer.Option(
            "--until",
            metavar="YYYY-MM-DD",
            help="Last day to look at, instead of --months.",
            show_default=False,
        ),
    ] = None,
    months: Annotated[
        str | None,
        typer.Option(
            "--months",
            metavar="N",
            help="Look N months ahead of --as-of. Default: 12.",
            show_default=False,
        ),
    ] = None,
    edition: _EDITIONS_AS_FOR_CHECK = None,
    output_format: Annotated[
        ForecastFormat | None,
        _format_option(
            "rich, text, json, markdown or html (a timeline picture). Default: rich on a "
            "terminal, text otherwise."
        ),
    ] = None,
    fail_on: Annotated[
        Severity | None,
        _fail_on_option(
            "Exit 1 when a finding at or above this severity appears within the horizon."
        ),
    ] = None,
    select: _SELECT_AS_FOR_CHECK = None,
    ignore: _IGNORE_AS_FOR_CHECK = None,
    as_of: Annotated[str | None, _as_of_option("First day of the forecast")] = None,
    quiet: Annotated[
        bool,
        _quiet_option("Only the findings that appear: no timeline."),
    ] = False,
) -> None:
    """Forecast when ICS files stop meeting the rules if nobody acts: each file is checked
    again on every day an appointment starts or a term ends, and each new finding is reported
    on the first day it appears, with the members whose change brought it.

    A term ending on 31 March leaves its member out of term from 1 April. Findings present on
    the first day are listed once as already there. Exit status: 1 when a finding at or above
    --fail-on appears within the horizon, 2 for a usage error or an unreadable path.

    \b
    Examples:
      icscheck forecast sample_configs/dorset-2021.ics.yaml --months 24
      icscheck forecast sample_configs/ --until 2030-12-31 --format html > forecast.html
    """
    from icscheck import forecast, run
    from icscheck.reporters.forecast_format import render, summary
    from icscheck.settings import SettingsError

    _tune_gc()

    if until is not None and months is not None:
        fail("--until and --months do not mix: give one or the other")
    if months is not None and not (months.isdecimal() and 0 < int(months) <= 1200):
        fail(f"--months must be a whole number of months from 1 to 1200, not '{months}'")
    start = _parse_date(as_of)
    end = (
        _parse_date(until, "--until")
        if until is not None
        else forecast.add_months(start, 12 if months is None else int(months))
    )
    if end < start:
        fail(f"--until {end} is before the first day, {start}")
    try:
        request, editions = _request_as_for_check(
            list(paths or []), start, edition, select, ignore, fail_on
        )
    except (SettingsError, run.RequestError) as error:
        fail(str(error))
    report, unreadable = forecast.forecast_paths(
        request.paths, editions, start=start, until=end, selection=request.selection
    )
    if unreadable and not report.files:
        _unreadable(unreadable)
    _show(
        lambda chosen, options: render(report, ForecastFormat(chosen), options),
        lambda: summary(report),
        output_format,
        quiet,
    )
    if unreadable:
        _unreadable(unreadable)
    raise typer.Exit(report.exit_code(request.fail_on))


def _request_as_for_check(
    paths: list[str],
    as_of: dt.date,
    edition: list[str] | None,
    select: list[str] | None,
    ignore: list[str] | None,
    fail_on: Severity | None,
) -> tuple[run.Request, tuple[Edition, ...]]:
    """The request and editions of a command that reads editions, rule patterns, settings and
    `--fail-on` as `check` does (`diff`, `forecast`); raises what `check` would."""
    from icscheck import run
    from icscheck.settings import find_settings

    request = run.Request.with_settings(
        find_settings(_current_folder()),
        paths=paths,
        as_of=as_of,
        editions=tuple(edition or ()),
        rules=None,
        select=tuple(select or ()),
        ignore=tuple(ignore or ()),
        fail_on=fail_on,
    )
    return request, run.editions_for(request)


def _show(
    render: Callable[[str, ReportOptions], str],
    summary: Callable[[], str],
    output_format: str | None,
    quiet: bool,
) -> None:
    """Print a `diff` or `forecast` report: rich on a terminal, else text, whose closing line
    goes to standard error as `check`'s does."""
    on_terminal = sys.stdout is not None and sys.stdout.isatty()
    chosen = output_format or ("rich" if on_terminal else "text")
    options = _report_options(_colored(ColorMode.AUTO, on_terminal), quiet, on_terminal)
    _print(render(chosen, options))
    if chosen == "text" and not quiet:
        typer.echo(summary(), err=True)


def _report_options(colored: bool, quiet: bool, on_terminal: bool) -> ReportOptions:
    """How to render: tables as wide as the terminal, or 120 columns for a pipe or a file."""
    width = shutil.get_terminal_size().columns if on_terminal else 120
    return ReportOptions(color=colored, quiet=quiet, width=width)


def _unreadable(problems: tuple[str, ...]) -> NoReturn:
    """Name every path that could not be read, one line each, after the others' report; exit 2."""
    for problem in problems[:-1]:
        typer.echo(f"icscheck: error: {printable(problem)}", err=True)
    fail(problems[-1])


def _current_folder() -> Path:
    try:
        return Path.cwd()
    except FileNotFoundError:
        fail("the current folder no longer exists; change to a folder that does")


def _colored(mode: ColorMode, on_terminal: bool) -> bool:
    """Whether to colour: `mode` if it says, else the environment's NO_COLOR or FORCE_COLOR
    (each only when non-empty, as no-color.org and force-color.org define them), else whether
    the report goes to a terminal."""
    if mode is not ColorMode.AUTO:
        return mode is ColorMode.ALWAYS
    if os.environ.get("NO_COLOR"):
        return False
    return bool(os.environ.get("FORCE_COLOR")) or on_terminal


@app.command(cls=_Command)
def init(
    path: Annotated[
        str | None,
        typer.Argument(
            metavar="FILE",
            help="File to write, or - for standard output. Default: named after the ICB, "
            "e.g. wirral.ics.yaml.",
            show_default=False,
        ),
    ] = None,
    *,
    icb: Annotated[
        str | None,
        typer.Option(
            "--icb",
            metavar="CODE",
            help="The ICB's ODS code, e.g. QYG: fills in its name and councils "
            "(see `icscheck icbs`).",
            show_default=False,
        ),
    ] = None,
    as_of: Annotated[
        str | None,
        _as_of_option("Date whose ICBs and councils to use"),
    ] = None,
    edition: Annotated[
        str,
        typer.Option(
            "--edition",
            "-e",
            metavar="EDITION",
            help="Edition whose seats to offer (see `icscheck editions`).",
        ),
    ] = "hca-2022",
) -> None:
    """Write a starting ICS file, with a commented place for every statutory seat.

    The file passes the schema; `icscheck check` then lists the seats still to fill. An
    existing file is never overwritten. Its first line points editors at the schema that
    `icscheck schema > ics-v1.schema.json` saves beside it. A name not ending .ics.yaml or
    .ics.yml is written, with a warning, since `icscheck check FOLDER` will not find it.

    \b
    Examples:
      icscheck init --icb QYG
      icscheck init --icb QMF north-east-london.ics.yaml
      icscheck init --icb QYG - --as-of 2026-04-01
    """
    from icscheck import scaffold

    try:
        if path == "-":
            _print(scaffold.text_for(icb, _parse_date(as_of), edition))
            return
        target = None if path is None else Path(path)
        written = scaffold.create(target, icb_code=icb, as_of=_parse_date(as_of), edition=edition)
    except scaffold.StarterError as error:
        fail(str(error))
    if not scaffold.found_by_check(written):
        typer.echo(
            f"icscheck: warning: icscheck check on a folder finds only *.ics.yaml and "
            f"*.ics.yml files, so it will not find {written}; name it on the command line",
            err=True,
        )
    _print(f"Wrote {written}. Fill in each seat, then run: icscheck check {written}\n")


def _parse_date(text: str | None, option: str = "--as-of") -> dt.date:
    if text is None:
        return dt.date.today()
    try:
        if len(text) == 10:
            return dt.date.fromisoformat(text)
    except ValueError:
        pass
    fail(f"{option} must be a real date written YYYY-MM-DD, not '{text}'")


def _emit(
    run: RunReport,
    chosen: Format,
    output: Path | None,
    options: ReportOptions,
    *,
    inputs: tuple[Path, ...],
) -> None:
    from icscheck.reporters import reporter_for

    text = reporter_for(chosen)(run, options)
    if output is not None:
        from icscheck.output import UnsafeTarget, write_atomically

        try:
            write_atomically(output, text, inputs=inputs)
        except UnsafeTarget as error:
            fail(str(error))
        except OSError as error:
            fail(f"cannot write {output}: {error.strerror}")
    else:
        _print(text, closed_hint="; give --output FILE to keep the report")
    if chosen is Format.TEXT and not options.quiet:
        from icscheck.reporters.text_format import summary

        typer.echo(summary(run), err=True)


def _print(text: str, *, closed_hint: str = "") -> None:
    """Write what a command prints on stdout: a closed stdout or a full disk says so, a broken
    pipe exits quietly, all with 2 (Click alone would lose the text silently, or exit 1, which
    here means findings)."""
    if sys.stdout is None:
        fail(f"standard output is closed{closed_hint}")
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()
        raise typer.Exit(2) from None
    except OSError as error:
        _silence_stdout()
        fail(f"cannot write to standard output: {error.strerror}")


DEBUG = "ICSCHECK_DEBUG"
"""Set to 1 in the environment, an internal error prints its traceback for the bug report."""


def main() -> None:
    """The console script: whatever goes wrong, one line on stderr and a proper exit code.

    Ctrl-C exits 130; a closed, full or broken standard output exits 2 (a broken pipe quietly),
    and never leaves Python to print a traceback when it flushes stdout at shutdown; text the
    terminal's encoding cannot show is escaped rather than fatal.
    """
    code: str | int | None
    try:
        _escape_unencodable()
        try:
            command_line()()
            code = 0
        except SystemExit as exit_:
            code = exit_.code
        if code == INTERRUPTED:  # Typer turns Ctrl-C into a silent exit 130.
            raise KeyboardInterrupt
        if sys.stdout is not None:
            sys.stdout.flush()
    except KeyboardInterrupt:
        _say("interrupted")
        code = INTERRUPTED
    except BrokenPipeError:
        _silence_stdout()
        code = 2
    except OSError as error:
        _silence_stdout()
        _say(f"error: {_os_problem(error)}")
        code = 2
    except Exception as error:
        if os.environ.get(DEBUG, "") not in ("", "0"):
            traceback.print_exc()
        _say(
            f"internal error: {type(error).__name__}: {error}\n"
            "This is a bug in icscheck; please report it with the command you ran, and the "
            f"traceback that running it again with {DEBUG}=1 prints."
        )
        code = 2
    sys.exit(code)


_ESCAPE = "icscheck-escape"


def _escape_unencodable() -> None:
    """Show characters the output's encoding lacks as \\uXXXX, which is valid JSON and text too."""
    codecs.register_error(_ESCAPE, _json_escape)
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors=_ESCAPE)


def _json_escape(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    units = error.object[error.start : error.end].encode("utf-16-be", "surrogatepass")
    escaped = "".join(
        f"\\u{int.from_bytes(units[i : i + 2], 'big'):04x}" for i in range(0, len(units), 2)
    )
    return escaped, error.end


def _os_problem(error: OSError) -> str:
    """What an OS error that no command caught means to the user.

    Files are read through `discovery.read_limited` and written by `output.write_atomically`, whose
    errors the commands report; one that arrives here without a file name came from writing a
    standard stream (as `icscheck rules > /dev/full` does).
    """
    reason = error.strerror or str(error)
    if error.filename is None:
        return f"cannot write to standard output: {reason}"
    return f"{error.filename}: {reason}"


def _say(message: str) -> None:
    """Write one `icscheck: …` line on stderr, if there is a stderr that works."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        sys.stderr.write(f"icscheck: {message}\n")
        sys.stderr.flush()


def _silence_stdout() -> None:
    """Point standard output at /dev/null, so that Python's last flush cannot fail.

    What could not be written is lost either way; this only keeps a traceback from following.
    """
    with contextlib.suppress(OSError, ValueError, AttributeError):
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)


@app.command(cls=_Command)
def rules(
    edition: Annotated[
        str,
        typer.Option("--edition", "-e", metavar="EDITION", help="Edition whose rules to list."),
    ] = "hca-2022",
    output_format: Annotated[ListingFormat, _listing_format_option()] = ListingFormat.TEXT,
) -> None:
    """List the rules in force in an edition: ID, name, severity and source.

    With --format json: {"edition": {"id", "title"}, "rules": [{"id", "name", "severity",
    "source", "confidence"}]}, the rules in catalogue order; confidence is Q (quoted),
    C (corroborated), R (recalled) or N (not law).

    \b
    Examples:
      icscheck rules
      icscheck rules --edition nhse-2020-option2 --format json
    """
    from icscheck.editions import EditionError, load_edition
    from icscheck.reporters import listings

    render = listings.rules_json if output_format is ListingFormat.JSON else listings.rules_table
    try:
        _print(render(load_edition(edition)))
    except EditionError as error:
        fail(str(error))


@app.command(cls=_Command)
def explain(
    rule: Annotated[
        str, typer.Argument(metavar="RULE", help="Rule ID or name, e.g. ICB001 or board-chair.")
    ],
    *,
    edition: Annotated[
        str,
        typer.Option(
            "--edition",
            "-e",
            metavar="EDITION",
            help="Edition whose citation and parameters to show.",
        ),
    ] = "hca-2022",
) -> None:
    """Explain a rule: what it requires, why, its source, and passing and failing examples.

    Name the rule by its ID or its name, as `icscheck rules` lists them; the built-in checks
    YAML-SYNTAX, SCHEMA and SUPPRESSION are explained too.

    \b
    Examples:
      icscheck explain ICB001
      icscheck explain board-chair --edition white-paper-2021
    """
    from icscheck.editions import EditionError, load_edition
    from icscheck.reporters import listings
    from icscheck.rules.registry import UnknownRule

    try:
        _print(listings.explain(rule, load_edition(edition)))
    except (EditionError, UnknownRule) as error:
        fail(str(error))


@app.command(cls=_Command)
def schema(
    kind: Annotated[
        SchemaKind,
        typer.Option(
            "--kind",
            metavar="KIND",
            help="ics: an ICS file; rules: an edition or rule pack (--rules); "
            "report: what --format json writes.",
            case_sensitive=False,
        ),
    ] = SchemaKind.ICS,
) -> None:
    """Print a JSON Schema: of ICS files (the default, e.g. for yaml-language-server in your
    editor), of rule packs, or of the JSON report.

    Save it beside your ICS files; files written by `icscheck init` already start with the line
    that points the editor at it. Each schema has a stable $id; `schemas/` in the source holds
    the same files.

    \b
    Examples:
      icscheck schema > ics-v1.schema.json
      # yaml-language-server: $schema=ics-v1.schema.json
      icscheck schema --kind rules > edition-v1.schema.json
      icscheck schema --kind report > report-v1.schema.json
    """
    from icscheck.schema import EDITION_SCHEMA, ICS_SCHEMA, REPORT_SCHEMA, schema_text

    names = {
        SchemaKind.ICS: ICS_SCHEMA,
        SchemaKind.RULES: EDITION_SCHEMA,
        SchemaKind.REPORT: REPORT_SCHEMA,
    }
    _print(schema_text(names[kind]))


editions_app = typer.Typer(
    cls=_Group,
    invoke_without_command=True,
    no_args_is_help=False,
)
app.add_typer(editions_app, name="editions")


@editions_app.callback()
def editions(
    context: typer.Context,
    output_format: Annotated[ListingFormat, _listing_format_option()] = ListingFormat.TEXT,
) -> None:
    """List the editions of the rules, oldest first, and what changed between them.

    With --format json: {"editions": [{"id", "title", "date", "summary", "rules_in_force",
    "since_previous"}]}, oldest first; since_previous is null for the first edition, else
    {"edition": the one before, "changes": the number of rules added, removed, with severity,
    parameters or citation changed}.

    \b
    Examples:
      icscheck editions
      icscheck editions --format json
      icscheck editions diff nhse-2020-option1 hca-2022
    """
    from icscheck.reporters import listings

    if context.invoked_subcommand is not None:
        if output_format is ListingFormat.JSON:
            fail("--format json lists the editions; `icscheck editions diff` prints text only")
    elif output_format is ListingFormat.JSON:
        _print(listings.editions_json())
    else:
        _print(listings.editions_listing())


@editions_app.command("diff", cls=_Command)
def editions_diff(
    older: Annotated[str, typer.Argument(metavar="OLDER", help="The edition to compare from.")],
    newer: Annotated[str, typer.Argument(metavar="NEWER", help="The edition to compare to.")],
) -> None:
    """Show, rule by rule, what changes from one edition to another.

    Rules added or removed, and changes of severity, parameters or citation; `icscheck
    editions` lists the edition IDs.

    \b
    Examples:
      icscheck editions diff white-paper-2021 hca-2022
    """
    from icscheck.editions import EditionError, load_edition
    from icscheck.reporters import listings

    try:
        _print(listings.diff_listing(load_edition(older), load_edition(newer)))
    except EditionError as error:
        fail(str(error))


@app.command(cls=_Command)
def icbs(
    as_of: Annotated[
        str | None,
        _as_of_option("Date to list the ICBs of"),
    ] = None,
    region: Annotated[
        str | None,
        typer.Option(
            "--region",
            metavar="REGION",
            help="Only this NHS England region's ICBs: its name or code, in any case, "
            "e.g. 'North West' or Y62.",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[ListingFormat, _listing_format_option()] = ListingFormat.TEXT,
) -> None:
    """List the integrated care boards in force on a date, with their regions and councils.

    With --format json: {"as_of", "region" (null, or {"code", "name"}), "data_vintage",
    "caveat", "icbs": [{"code", "gss_code", "name", "region": {"code", "name"}, "valid_from",
    "valid_to" (null while in force), "councils": [{"name", "part_of_area_only"}]}]}; dates
    are YYYY-MM-DD.

    \b
    Examples:
      icscheck icbs
      icscheck icbs --region "North West" --as-of 2026-04-01
      icscheck icbs --region Y56 --format json
    """
    from icscheck import geography
    from icscheck.reporters import listings

    on = _parse_date(as_of)
    try:
        chosen = None if region is None else geography.find_region(region)
    except geography.UnknownRegion as error:
        fail(str(error))
    if output_format is ListingFormat.JSON:
        _print(listings.icbs_json(on, chosen))
    else:
        _print(listings.icbs_listing(on, chosen))
