"""One finding a line, `path:line:col: RULE severity message`, for pipes, grep and editors."""

from __future__ import annotations

from icscheck.engine import RunReport
from icscheck.reporters import ReportOptions


def render(run: RunReport, options: ReportOptions) -> str:
    return "".join(
        f"{f.path}:{f.line}:{f.column}: {f.rule} {f.severity} {f.message}\n" for f in run.findings
    )


def summary(run: RunReport) -> str:
    """A closing line for a person reading the terminal; never part of the findings stream."""
    counts = run.counts
    compliant = sum(report.compliant for report in run.files)
    files = len(run.files)
    return (
        f"{files} file{'s' * (files != 1)} checked against {run.edition.id} as at {run.as_of}: "
        f"{compliant} compliant; {counts['error']} error{'s' * (counts['error'] != 1)}, "
        f"{counts['warning']} warning{'s' * (counts['warning'] != 1)}, {counts['info']} info"
    )
