"""The terminal report: each system's members, its findings with their sources, a verdict."""

from __future__ import annotations

import datetime as dt
import io

from rich import box
from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from icscheck.engine import FileReport, RunReport
from icscheck.findings import Severity
from icscheck.model import Appointer, BoardMember, IntegratedCareSystem, PartnershipMember
from icscheck.reporters import ReportOptions, plural, printable, tally

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def render(run: RunReport, options: ReportOptions) -> str:
    console = Console(
        file=io.StringIO(),
        force_terminal=options.color,
        no_color=not options.color,
        width=options.width,
        highlight=False,
        emoji=False,
    )
    for reports in run.by_file():
        console.print(_file_report(reports, run.as_of, options))
        console.print()
    if len(run.editions) > 1:
        console.print(_verdict_matrix(run))
        console.print()
    if not options.quiet:
        console.print(_summary(run))
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
    if first.system is not None and not options.quiet:
        parts.extend(_members(first.system, as_of))
    for report in reports:
        parts.append(Text(printable(f"Edition: {report.edition.title}"), style="bold dim"))
        if report.findings:
            parts.append(_findings(report))
        parts.append(_verdict(report))
    return Group(*parts)


def _verdict_matrix(run: RunReport) -> Table:
    """Each file's verdict under each edition, side by side."""
    table = Table(title="Verdicts by edition", title_justify="left", box=box.SIMPLE_HEAD)
    table.add_column("System")
    for edition in run.editions:
        table.add_column(printable(edition.id), justify="center")
    for reports in run.by_file():
        table.add_row(
            printable(reports[0].ics or reports[0].path),
            *(_verdict(r, short=True) for r in reports),
        )
    return table


def _members(system: IntegratedCareSystem, as_of: dt.date) -> list[RenderableType]:
    board = Table(title="Integrated care board", title_justify="left", box=box.SIMPLE_HEAD)
    for column in ("Name", "Role", "Seat", "Organisation", "Term"):
        board.add_column(column)
    for member in system.board.members:
        board.add_row(
            *map(
                printable,
                (
                    member.name,
                    member.role.replace("_", " ").replace("non ", "non-"),
                    _seat(member),
                    member.organisation or "",
                    _term(member, as_of),
                ),
            ),
            style=None if member.in_term(as_of) else "dim strike",
        )
    tables: list[RenderableType] = [board]
    if system.partnership is not None:
        partnership = Table(
            title="Integrated care partnership", title_justify="left", box=box.SIMPLE_HEAD
        )
        for column in ("Name", "Appointed by", "Organisation", "Sector"):
            partnership.add_column(column)
        for person in system.partnership.members:
            partnership.add_row(
                *map(
                    printable,
                    (
                        person.name,
                        _appointer(person),
                        person.organisation or "",
                        person.sector.label if person.sector else "",
                    ),
                )
            )
        tables.append(partnership)
    return tables


def _appointer(person: PartnershipMember) -> str:
    if person.appointed_by is Appointer.LOCAL_AUTHORITY:
        return person.local_authority or "a local authority"
    return "the ICB" if person.appointed_by is Appointer.ICB else "the partnership"


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
    table.add_column("Finding", ratio=3)
    table.add_column("Source", ratio=2, style="dim")
    for finding in report.findings:
        table.add_row(
            Text(finding.severity, style=_STYLE[finding.severity]),
            Text(f"{printable(finding.rule)}\n{printable(finding.name)}"),
            f"{finding.line}:{finding.column}",
            Text(printable(finding.message)),
            Text(printable(finding.source)),
        )
    return table


def _verdict(report: FileReport, *, short: bool = False) -> Text:
    counts = report.counts
    found = tally(counts, skip_zero=True) or "no findings"
    if report.suppressed:
        found += f"; {report.suppressed} suppressed"
    if short:
        mark = (
            ("compliant", "green")
            if report.compliant
            else (plural(counts["error"], "error"), "red")
        )
        return Text(mark[0], style=mark[1])
    if report.compliant:
        return Text.assemble(("Compliant", "bold green"), f" ({found})")
    return Text.assemble(("Not compliant", "bold red"), f" ({found})")


def _summary(run: RunReport) -> Text:
    against = run.editions[0].title if len(run.editions) == 1 else f"{len(run.editions)} editions"
    return Text(
        f"{plural(len(run.by_file()), 'file')} checked against {printable(against)}, as at "
        f"{run.as_of.day} {run.as_of:%B %Y}: {run.compliant} compliant, "
        f"{len(run.files) - run.compliant} not compliant; {tally(run.counts)}",
        style="bold",
    )
