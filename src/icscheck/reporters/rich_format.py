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
from icscheck.reporters import ReportOptions

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
    for report in run.files:
        console.print(_file_report(report, run, options))
        console.print()
    if not options.quiet:
        console.print(_summary(run))
    output = console.file
    assert isinstance(output, io.StringIO)
    return output.getvalue()


def _file_report(report: FileReport, run: RunReport, options: ReportOptions) -> RenderableType:
    title = Text.assemble(
        (report.ics or "(not readable as an ICS file)", "bold"), "  ", (report.path, "dim")
    )
    parts: list[RenderableType] = [title, Text(f"Edition: {run.edition.title}", style="dim")]
    if report.system is not None and not options.quiet:
        parts.extend(_members(report.system, run.as_of))
    if report.findings:
        parts.append(_findings(report))
    parts.append(_verdict(report))
    return Group(*parts)


def _members(system: IntegratedCareSystem, as_of: dt.date) -> list[RenderableType]:
    board = Table(title="Integrated care board", title_justify="left", box=box.SIMPLE_HEAD)
    for column in ("Name", "Role", "Seat", "Organisation", "Term"):
        board.add_column(column)
    for member in system.board.members:
        board.add_row(
            member.name,
            member.role.replace("_", " ").replace("non ", "non-"),
            _seat(member),
            member.organisation or "",
            _term(member, as_of),
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
                person.name,
                _appointer(person),
                person.organisation or "",
                person.sector.label if person.sector else "",
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
            Text(f"{finding.rule}\n{finding.name}"),
            f"{finding.line}:{finding.column}",
            Text(finding.message),
            Text(finding.source),
        )
    return table


def _verdict(report: FileReport) -> Text:
    counts = report.counts
    tally = ", ".join(_plural(n, severity) for severity, n in counts.items() if n) or "no findings"
    if report.compliant:
        return Text.assemble(("Compliant", "bold green"), f" ({tally})")
    return Text.assemble(("Not compliant", "bold red"), f" ({tally})")


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 or noun == "info" else f"{count} {noun}s"


def _summary(run: RunReport) -> Text:
    compliant = sum(report.compliant for report in run.files)
    counts = run.counts
    files = len(run.files)
    tally = ", ".join(_plural(n, severity) for severity, n in counts.items())
    return Text(
        f"{_plural(files, 'file')} checked against {run.edition.title}, as at "
        f"{run.as_of.day} {run.as_of:%B %Y}: {compliant} compliant, "
        f"{files - compliant} not compliant; {tally}",
        style="bold",
    )
