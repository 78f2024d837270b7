"""Markdown for a board paper or a pull-request comment: each system's verdict, its statutory
seats and who fills them, and its findings with their sources; a summary table first when
several files were checked."""

from __future__ import annotations

from collections.abc import Sequence

from icscheck.reporters import ReportOptions, printable, tally
from icscheck.results import FileReport, RunReport, SeatStatus


def render(run: RunReport, options: ReportOptions) -> str:
    """The whole report; `options.quiet` keeps only the findings."""
    parts = [f"# icscheck report\n\nChecked as at {run.as_of.isoformat()}.\n"]
    if len(run.files) > 1:
        parts.append(_summary(run))
    parts += [_file(report, options) for report in run.files]
    return "\n".join(parts)


def cell(text: str) -> str:
    """`text` safe inside a table cell: pipes and backslashes escaped, line breaks and terminal
    controls shown as escapes (`printable`), so a cell stays on its row."""
    return printable(text).replace("\\", "\\\\").replace("|", "\\|")


def _table(header: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> str:
    lines = [
        "| " + " | ".join(header) + " |",
        "|" + "|".join("---" for _ in header) + "|",
        *("| " + " | ".join(cell(value) for value in row) + " |" for row in rows),
    ]
    return "\n".join(lines) + "\n"


def _verdict(report: FileReport) -> str:
    return "compliant" if report.compliant else "not compliant"


def _summary(run: RunReport) -> str:
    rows = [
        (
            report.ics or "",
            report.path,
            report.edition.id,
            _verdict(report),
            tally(report.counts),
            _seat_count(report),
        )
        for report in run.files
    ]
    header = ("System", "File", "Edition", "Verdict", "Findings", "Seats filled")
    return "## Summary\n\n" + _table(header, rows)


def _seat_count(report: FileReport) -> str:
    if not report.seats:
        return "—"
    return f"{report.seats_filled} of {len(report.seats)}"


def _file(report: FileReport, options: ReportOptions) -> str:
    title = cell(report.ics or report.path)
    head = (
        f"## {title}\n\n`{cell(report.path)}` under {cell(report.edition.title)} "
        f"(`{report.edition.id}`): **{_verdict(report)}**; {tally(report.counts)}.\n"
    )
    parts = [head]
    if report.seats and not options.quiet:
        parts.append("### Seats\n\n" + _seats(report.seats))
    parts.append("### Findings\n\n" + _findings(report))
    return "\n".join(parts)


def _seats(seats: tuple[SeatStatus, ...]) -> str:
    rows = [(seat.body, seat.seat, seat.rule, seat.state, _who(seat)) for seat in seats]
    return _table(("Body", "Seat", "Rule", "State", "Filled by"), rows)


def _who(seat: SeatStatus) -> str:
    """The holders, then any listed out of term, marked so."""
    return ", ".join([*seat.holders, *(f"{name} (out of term)" for name in seat.out_of_term)])


def _findings(report: FileReport) -> str:
    if not report.findings:
        return "None.\n"
    rows = [
        (f"{f.line}:{f.column}", f.rule, f.severity.value, f.message, f.source)
        for f in report.findings
    ]
    return _table(("Line", "Rule", "Severity", "Finding", "Source"), rows)
