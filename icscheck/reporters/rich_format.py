"""The terminal report: each system's members, its findings with their sources, a verdict.

On a wide terminal these are tables; narrower than `TABLE_WIDTH` each row becomes a block of
wrapped lines, since squeezed columns would have to cut words. No layout ever cuts text.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from pathlib import PurePath

from rich import box
from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from icscheck.model import BoardMember, IntegratedCareSystem
from icscheck.reporters import ReportOptions, printable, tally
from icscheck.results import FileReport, RunReport, Severity
from icscheck.wording import long_date, plural

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
TABLE_WIDTH = 100
"""The narrowest terminal that gets tables: below it, a finding's words would be squeezed into
a column a few words wide, or cut."""
_OUT_OF_TERM = "dim strike"

Row = tuple[Sequence[Text | str], str | None]
"""A table's cells and the row's style."""


def console_for(options: ReportOptions) -> Console:
    """A console that records into a string, coloured and as wide as the options say; no
    highlighting or emoji codes, since names and messages are the user's text."""
    return Console(
        file=io.StringIO(),
        force_terminal=options.color,
        no_color=not options.color,
        width=options.width,
        highlight=False,
        emoji=False,
    )


def render(run: RunReport, options: ReportOptions) -> str:
    console = console_for(options)
    for reports in run.by_file():
        console.print(_file_report(reports, run.as_of, options))
        console.print()
    if len(run.editions) > 1:
        console.print(_verdict_matrix(run, options))
        console.print()
    elif len(run.files) > 1 and not options.quiet:
        console.print(_file_table(run, options))
        console.print()
    if not options.quiet:
        console.print(_summary(run))
    return recorded(console)


def recorded(console: Console) -> str:
    """What `console_for`'s console was given to print."""
    output = console.file
    assert isinstance(output, io.StringIO)
    return output.getvalue()


def _file_report(
    reports: list[FileReport], as_of: dt.date, options: ReportOptions
) -> RenderableType:
    first = reports[0]
    title = Text.assemble(
        (printable(first.ics or "(not readable as an ICS file)"), "bold"),
        "  ",
        (printable(first.path), "dim"),
    )
    parts: list[RenderableType] = [title]
    if not options.quiet:
        several = len(reports) > 1
        parts.extend(_seat_line(r, several) for r in reports if r.seats)
    if first.system is not None and not options.quiet:
        parts.extend(_members(first.system, as_of, options))
    for report in reports:
        parts.append(Text(printable(f"Edition: {report.edition.title}"), style="bold dim"))
        if report.findings:
            wide = options.width >= TABLE_WIDTH
            parts.append(_findings(report) if wide else _finding_blocks(report))
        parts.append(_verdict(report))
    return Group(*parts)


def _seat_line(report: FileReport, several: bool) -> Text:
    """The edition's declared seats in one line: how many are filled, which are not."""
    seats = report.seats
    line = Text(f"Seats{f' ({report.edition.id})' if several else ''}: {report.seats_filled} of ")
    line.append(f"{len(seats)} filled")
    for state, style in (("missing", "red"), ("out of term", "yellow")):
        names = [printable(seat.seat) for seat in seats if seat.state == state]
        if names:
            line.append(f"; {state}: ", style=style)
            line.append(", ".join(names))
    return line


def _file_table(run: RunReport, options: ReportOptions) -> RenderableType:
    """One row a file, so a folder's verdicts can be read without scrolling back."""
    rows: list[Row] = [
        (
            [
                printable(PurePath(report.path).name),
                _verdict(report, short=True),
                str(report.counts["warning"]),
                str(report.seats_unfilled),
            ],
            None,
        )
        for report in run.files
    ]
    headers = ["File", "Verdict", "Warnings", "Seats unfilled"]
    return _listing("Files", headers, rows, options)


def _verdict_matrix(run: RunReport, options: ReportOptions) -> RenderableType:
    """Each file's verdict under each edition, side by side."""
    rows: list[Row] = [
        ([printable(rs[0].ics or rs[0].path), *(_verdict(r, short=True) for r in rs)], None)
        for rs in run.by_file()
    ]
    headers = ["System", *(printable(edition.id) for edition in run.editions)]
    return _listing("Verdicts by edition", headers, rows, options)


def _members(
    system: IntegratedCareSystem, as_of: dt.date, options: ReportOptions
) -> list[RenderableType]:
    board = [
        _row(
            member.name,
            member.role.label.replace("non ", "non-"),
            _seat(member),
            member.organisation or "",
            _term(member, as_of),
            style=None if member.in_term(as_of) else _OUT_OF_TERM,
        )
        for member in system.board.members
    ]
    headers: Sequence[str] = ("Name", "Role", "Seat", "Organisation", "Term")
    tables = [_listing("Integrated care board", headers, _most(board, headers), options)]
    if system.partnership is not None:
        partnership = [
            _row(
                person.name,
                person.appointer,
                person.organisation or "",
                person.sector.label if person.sector else "",
            )
            for person in system.partnership.members
        ]
        headers = ("Name", "Appointed by", "Organisation", "Sector")
        tables.append(
            _listing("Integrated care partnership", headers, _most(partnership, headers), options)
        )
    return tables


def _row(*values: str, style: str | None = None) -> Row:
    return [printable(value) for value in values], style


MOST_MEMBERS = 100
"""Rows a members table shows: a body of thousands scrolls past unread, and the file has them."""


def _most(rows: list[Row], headers: Sequence[str]) -> list[Row]:
    """The first `MOST_MEMBERS` members' rows, the rest counted in a last row."""
    if len(rows) <= MOST_MEMBERS:
        return rows
    more = f"… and {len(rows) - MOST_MEMBERS:,} more"
    return [*rows[:MOST_MEMBERS], ([more, *([""] * (len(headers) - 1))], "dim")]


def _listing(
    title: str, headers: Sequence[str], rows: Sequence[Row], options: ReportOptions
) -> RenderableType:
    """A table on a wide terminal; else a block a row: its first cell, then the others,
    labelled by their headers, wrapped beneath it."""
    if options.width >= TABLE_WIDTH:
        table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD)
        for header in headers:
            table.add_column(header, overflow="fold")
        for cells, style in rows:
            table.add_row(*cells, style=style)
        return table
    blocks: list[RenderableType] = [Text(title, style="italic")]
    for cells, style in rows:
        blocks.append(Padding(Text.assemble(cells[0], style=style or "bold"), (0, 0, 0, 2)))
        details = [
            Text.assemble(f"{header.lower()}: ", cell)
            for header, cell in zip(headers[1:], cells[1:], strict=True)
            if cell
        ]
        if details:
            line = Text("; ").join(details)
            blocks.append(Padding(Text.assemble(line, style=style or ""), (0, 0, 0, 4)))
    return Group(*blocks, "")


def _seat(member: BoardMember) -> str:
    details = []
    if member.nominated_by:
        details.append(f"nominated by {member.nominated_by.label}")
    if member.portfolio:
        details.append(member.portfolio)
    if "mental_health" in member.expertise:
        details.append("mental health expertise")
    if not member.voting:
        details.append("non-voting")
    return "; ".join(details)


def _term(member: BoardMember, as_of: dt.date) -> str:
    if member.term_ends is not None and member.term_ends < as_of:
        return f"ended {member.term_ends}"
    if member.appointed is not None and as_of < member.appointed:
        return f"from {member.appointed}"
    return f"to {member.term_ends}" if member.term_ends else ""


def _findings(report: FileReport) -> Table:
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, expand=True)
    table.add_column("Severity", no_wrap=True)
    table.add_column("Rule", no_wrap=True)
    table.add_column("Line", justify="right", no_wrap=True)
    table.add_column("Finding", ratio=3, overflow="fold")
    table.add_column("Source", ratio=2, style="dim", overflow="fold")
    for finding in report.findings:
        table.add_row(
            Text(finding.severity, style=_STYLE[finding.severity]),
            Text(f"{printable(finding.rule)}\n{printable(finding.name)}"),
            f"{finding.line}:{finding.column}",
            Text(printable(finding.message)),
            Text(printable(finding.source)),
        )
    return table


def _finding_blocks(report: FileReport) -> Group:
    """One finding a block, for a narrow terminal: what, where, then why and on what authority."""
    blocks: list[RenderableType] = []
    for number, finding in enumerate(report.findings):
        if number:
            blocks.append("")
        blocks.append(
            Text.assemble(
                (finding.severity, _STYLE[finding.severity]),
                printable(f" {finding.rule} {finding.name} {finding.line}:{finding.column}"),
            )
        )
        blocks.append(Padding(Text(printable(finding.message)), (0, 0, 0, 2)))
        source = Text(printable(f"source: {finding.source}"), style="dim")
        blocks.append(Padding(source, (0, 0, 0, 2)))
    return Group(*blocks, "")


def _verdict(report: FileReport, *, short: bool = False) -> Text:
    counts = report.counts
    if short:
        mark = (
            ("compliant", "green")
            if report.compliant
            else (plural(counts["error"], "error"), "red")
        )
        return Text(mark[0], style=mark[1])
    found = tally(counts, skip_zero=True) or "no findings"
    if report.suppressed:
        found += f"; {report.suppressed} suppressed"
    if report.compliant:
        return Text.assemble(("Compliant", "bold green"), f" ({found})")
    return Text.assemble(("Not compliant", "bold red"), f" ({found})")


def _summary(run: RunReport) -> Text:
    against = run.editions[0].title if len(run.editions) == 1 else f"{len(run.editions)} editions"
    return Text(
        f"{plural(len(run.by_file()), 'file')} checked against {printable(against)}, as at "
        f"{long_date(run.as_of)}: {run.compliant} compliant, "
        f"{len(run.files) - run.compliant} not compliant; {tally(run.counts)}",
        style="bold",
    )
