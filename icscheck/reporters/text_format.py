"""One finding a line, `path:line:col: RULE severity message`, for pipes, grep and editors."""

from __future__ import annotations

from icscheck.reporters import ReportOptions, printable, tally
from icscheck.results import EditionRef, Finding, RunReport
from icscheck.wording import location, plural


def render(run: RunReport, options: ReportOptions) -> str:
    """One line a finding; names and messages escaped, so each finding stays one line."""
    several = len(run.editions) > 1
    return "".join(
        printable(finding_line(f, report.edition if several else None)) + "\n"
        for report in run.files
        for f in report.findings
    )


def finding_line(finding: Finding, edition: EditionRef | None = None) -> str:
    """`path:line:col: RULE severity message`, and ` [edition]` when several were checked;
    `diff` and `forecast` write their findings the same way."""
    f = finding
    line = f"{location(f.path, f.line, f.column)}: {f.rule} {f.severity} {f.message}"
    return line if edition is None else f"{line} [{edition.id}]"


def summary(run: RunReport) -> str:
    """A closing line for a person reading the terminal; never part of the findings stream."""
    editions = printable(", ".join(edition.id for edition in run.editions))
    judged = (
        f"{run.compliant} of {len(run.files)} verdicts"
        if len(run.editions) > 1
        else str(run.compliant)
    )
    return (
        f"{plural(len(run.by_file()), 'file')} checked against {editions} as at {run.as_of}: "
        f"{judged} compliant; {tally(run.counts)}"
    )
