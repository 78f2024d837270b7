"""One finding a line, `path:line:col: RULE severity message`, for pipes, grep and editors."""

from __future__ import annotations

from icscheck.engine import RunReport
from icscheck.reporters import ReportOptions


def render(run: RunReport, options: ReportOptions) -> str:
    several = len(run.editions) > 1
    return "".join(
        f"{f.path}:{f.line}:{f.column}: {f.rule} {f.severity} {f.message}"
        + (f" [{report.edition.id}]" if several else "")
        + "\n"
        for report in run.files
        for f in report.findings
    )


def summary(run: RunReport) -> str:
    """A closing line for a person reading the terminal; never part of the findings stream."""
    counts = run.counts
    compliant = sum(report.compliant for report in run.files)
    files = len({report.path for report in run.files})
    editions = ", ".join(edition.id for edition in run.editions)
    verdicts = len(run.files)
    judged = f"{compliant} of {verdicts} verdicts" if len(run.editions) > 1 else f"{compliant}"
    return (
        f"{files} file{'s' * (files != 1)} checked against {editions} as at {run.as_of}: "
        f"{judged} compliant; {counts['error']} error{'s' * (counts['error'] != 1)}, "
        f"{counts['warning']} warning{'s' * (counts['warning'] != 1)}, {counts['info']} info"
    )
