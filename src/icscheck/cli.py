"""The command line: parse options, call the library, print what the reporters return.

Heavy modules (jsonschema, Rich, the engine) are imported inside the commands that need them,
so `icscheck --version` and `--help` start fast.
"""

from __future__ import annotations

import codecs
import contextlib
import datetime as dt
import io
import os
import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

from icscheck import __version__
from icscheck.findings import Severity
from icscheck.reporters import Format, ReportOptions

if TYPE_CHECKING:
    from icscheck.engine import RunReport

app = typer.Typer(
    name="icscheck",
    help=(
        "Check that an English NHS integrated care system is governed as the law requires.\n\n"
        "Describe each system in a YAML file (its integrated care board and integrated care "
        "partnership), then run `icscheck check`. Start with `icscheck init`, see the rules "
        "with `icscheck rules` and one rule's reasons with `icscheck explain ICB001`."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def fail(message: str) -> NoReturn:
    """Stop with `icscheck: error: …` on stderr and exit 2."""
    typer.echo(f"icscheck: error: {message}", err=True)
    raise typer.Exit(2)


def _as_of_option(purpose: str) -> Any:
    """The `--as-of` option, which every date-dependent command takes, for `purpose`."""
    return typer.Option(
        "--as-of", metavar="YYYY-MM-DD", help=f"{purpose}. Default: today.", show_default=False
    )


def _version(value: bool) -> None:
    if value:
        typer.echo(f"icscheck {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Check that an English NHS integrated care system is governed as the law requires."""


@app.command()
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
            help="A local rule pack (YAML) that extends an edition with your constitution's "
            "own requirements.",
            dir_okay=False,
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        Format | None,
        typer.Option(
            "--format",
            "-f",
            help="Output format. Default: rich on a terminal, text when piped or to a file.",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Write the report to this file (atomically).", dir_okay=False
        ),
    ] = None,
    fail_on: Annotated[
        Severity | None,
        typer.Option(
            "--fail-on",
            help="Exit 1 when a finding is at or above this severity. Default: error.",
            show_default=False,
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
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Findings only: no members tables or summary.")
    ] = False,
    no_color: Annotated[bool, typer.Option("--no-color", help="Never use colour.")] = False,
) -> None:
    """Check ICS files against an edition of the rules.

    Exit status: 0 when no finding is at or above --fail-on, 1 when one is (YAML and schema
    errors included), 2 for a usage error, bad settings or an unreadable path.

    Settings come from .icscheck.yaml or \\[tool.icscheck] in pyproject.toml (edition, rules,
    fail-on, select, ignore), found from the current folder upwards; options here win.

    \b
    Examples:
      icscheck check sample_configs/
      icscheck check cheshire-and-merseyside.ics.yaml --as-of 2026-04-01
      icscheck check . --format json --output report.json
      icscheck check . --select ICP --fail-on warning
      icscheck check . --edition all
      icscheck check . --rules constitution-rules.yaml
    """
    from icscheck import runner
    from icscheck.settings import SettingsError, find_settings

    try:
        request = runner.Request.with_settings(
            find_settings(_current_folder()),
            paths=list(paths or []),
            as_of=_parse_date(as_of),
            editions=tuple(edition or ()),
            rules=rules,
            select=tuple(select or ()),
            ignore=tuple(ignore or ()),
            fail_on=fail_on,
        )
        outcome = runner.run(request)
    except (SettingsError, runner.RequestError) as error:
        fail(str(error))
    if outcome.unreadable and not outcome.report.files:
        _unreadable(outcome.unreadable)
    on_terminal = output is None and sys.stdout is not None and sys.stdout.isatty()
    chosen = output_format or (Format.RICH if on_terminal else Format.TEXT)
    options = ReportOptions(
        color=on_terminal and not no_color and "NO_COLOR" not in os.environ,
        quiet=quiet,
        width=shutil.get_terminal_size().columns if on_terminal else 120,
    )
    _emit(outcome.report, chosen, output, options, inputs=outcome.read)
    if outcome.unreadable:
        _unreadable(outcome.unreadable)
    raise typer.Exit(runner.exit_code(outcome.report, request.fail_on))


def _unreadable(problems: tuple[str, ...]) -> NoReturn:
    """Name every path that could not be read, one line each, after the others' report; exit 2."""
    for problem in problems[:-1]:
        typer.echo(f"icscheck: error: {problem}", err=True)
    fail(problems[-1])


def _current_folder() -> Path:
    try:
        return Path.cwd()
    except FileNotFoundError:
        fail("the current folder no longer exists; change to a folder that does")


@app.command()
def init(
    path: Annotated[
        Path | None,
        typer.Argument(
            help="File to write. Default: named after the ICB, e.g. wirral.ics.yaml.",
            show_default=False,
            dir_okay=False,
        ),
    ] = None,
    *,
    icb: Annotated[
        str | None,
        typer.Option(
            "--icb",
            help="The ICB's ODS code, e.g. QYG: fills in its name and councils "
            "(see `icscheck icbs`).",
            show_default=False,
        ),
    ] = None,
    as_of: Annotated[
        str | None,
        _as_of_option("Date whose ICBs and councils to use"),
    ] = None,
) -> None:
    """Write a starting ICS file, with a commented place for every statutory seat.

    The file passes the schema; `icscheck check` then lists the seats still to fill. An
    existing file is never overwritten.

    \b
    Examples:
      icscheck init --icb QYG
      icscheck init --icb QMF north-east-london.ics.yaml
    """
    from icscheck import starter

    try:
        written = starter.create(path, icb_code=icb, as_of=_parse_date(as_of))
    except starter.StarterError as error:
        fail(str(error))
    typer.echo(f"Wrote {written}. Fill in each seat, then run: icscheck check {written}")


def _parse_date(text: str | None) -> dt.date:
    if text is None:
        return dt.date.today()
    try:
        if len(text) == 10:
            return dt.date.fromisoformat(text)
    except ValueError:
        pass
    fail(f"--as-of must be a real date written YYYY-MM-DD, not '{text}'")


def _emit(
    run: RunReport,
    chosen: Format,
    output: Path | None,
    options: ReportOptions,
    *,
    inputs: tuple[Path, ...],
) -> None:
    from icscheck.output import UnsafeTarget, write_atomically
    from icscheck.reporters import reporter_for

    text = reporter_for(chosen)(run, options)
    if output is not None:
        try:
            write_atomically(output, text, inputs=inputs)
        except UnsafeTarget as error:
            fail(str(error))
        except OSError as error:
            fail(f"cannot write {output}: {error.strerror}")
    elif sys.stdout is None:
        fail("standard output is closed; give --output FILE to keep the report")
    else:
        _print_report(text)
    if chosen is Format.TEXT and not options.quiet:
        from icscheck.reporters.text_format import summary

        typer.echo(summary(run), err=True)


def _print_report(text: str) -> None:
    """Write the report on stdout; a full disk says so, a closed pipe exits quietly (both 2)."""
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()
        raise typer.Exit(2) from None
    except OSError as error:
        _silence_stdout()
        fail(f"cannot write the report to standard output: {error.strerror}")


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
            app()
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
        _say(
            f"internal error: {type(error).__name__}: {error}\n"
            "This is a bug in icscheck; please report it with the command you ran."
        )
        code = 2
    sys.exit(code)


INTERRUPTED = 130
"""The exit status for Ctrl-C, 128 + SIGINT, as shells report it."""
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

    Files are read through `inputs.read_limited` and written by `output.write_atomically`, whose
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


@app.command()
def rules(
    edition: Annotated[
        str, typer.Option("--edition", "-e", help="Edition whose rules to list.")
    ] = "hca-2022",
) -> None:
    """List the rules in force in an edition: ID, name, severity and source."""
    from icscheck import catalogue
    from icscheck.editions import EditionError, load_edition

    try:
        typer.echo(catalogue.rules_table(load_edition(edition)), nl=False)
    except EditionError as error:
        fail(str(error))


@app.command()
def explain(
    rule: Annotated[str, typer.Argument(help="Rule ID or name, e.g. ICB001 or board-chair.")],
    *,
    edition: Annotated[
        str, typer.Option("--edition", "-e", help="Edition whose citation and parameters to show.")
    ] = "hca-2022",
) -> None:
    """Explain a rule: what it requires, why, its source, and passing and failing examples."""
    from icscheck import catalogue
    from icscheck.editions import EditionError, load_edition

    try:
        typer.echo(catalogue.explain(rule, load_edition(edition)), nl=False)
    except (EditionError, catalogue.UnknownRule) as error:
        fail(str(error))


@app.command()
def schema() -> None:
    """Print the input JSON Schema, e.g. for yaml-language-server in your editor.

    \b
    Save it, then put this first line in your ICS files:
      # yaml-language-server: $schema=ics-v1.schema.json
    """
    from icscheck.schema import schema_text

    typer.echo(schema_text(), nl=False)


editions_app = typer.Typer(
    help="The editions of the rules, oldest first, and what changed between them.",
    invoke_without_command=True,
    no_args_is_help=False,
)
app.add_typer(editions_app, name="editions")


@editions_app.callback()
def editions(context: typer.Context) -> None:
    """List the editions of the rules, oldest first, and what changed between them.

    \b
    Examples:
      icscheck editions
      icscheck editions diff nhse-2020-option1 hca-2022
    """
    if context.invoked_subcommand is None:
        from icscheck import catalogue

        typer.echo(catalogue.editions_listing(), nl=False)


@editions_app.command("diff")
def editions_diff(
    older: Annotated[str, typer.Argument(help="The edition to compare from.")],
    newer: Annotated[str, typer.Argument(help="The edition to compare to.")],
) -> None:
    """Show, rule by rule, what changes from one edition to another."""
    from icscheck import catalogue
    from icscheck.editions import EditionError, load_edition

    try:
        typer.echo(catalogue.diff_listing(load_edition(older), load_edition(newer)), nl=False)
    except EditionError as error:
        fail(str(error))


@app.command()
def icbs(
    as_of: Annotated[
        str | None,
        _as_of_option("Date to list the ICBs of"),
    ] = None,
) -> None:
    """List the integrated care boards in force on a date, with their regions and councils."""
    from icscheck import catalogue

    typer.echo(catalogue.icbs_listing(_parse_date(as_of)), nl=False)
