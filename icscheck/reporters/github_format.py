"""GitHub Actions workflow commands: each finding an annotation on its file and line."""

from __future__ import annotations

from icscheck.reporters import ReportOptions, printable
from icscheck.reporters.ci import described, repo_path
from icscheck.reporters.text_format import summary
from icscheck.results import Finding, RunReport, Severity

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def render(run: RunReport, options: ReportOptions) -> str:
    """One `::error file=…,line=…,col=…,title=…::message` line a finding, then a notice with the
    run's summary."""
    several = len(run.editions) > 1
    lines = [
        _annotation(f, f" [{report.edition.id}]" if several else "")
        for report in run.files
        for f in report.findings
    ]
    lines.append(f"::notice title=icscheck::{escape_data(summary(run))}")
    return "".join(printable(line) + "\n" for line in lines)


def _annotation(finding: Finding, edition: str) -> str:
    properties = ",".join(
        f"{key}={escape_property(value)}"
        for key, value in (
            ("file", repo_path(finding.path)),
            ("line", str(finding.line)),
            ("col", str(finding.column)),
            ("title", f"{finding.rule} {finding.name}{edition}"),
        )
    )
    message = described(finding)
    return f"::{COMMANDS[finding.severity]} {properties}::{escape_data(message)}"


def escape_data(text: str) -> str:
    """A command's message as the runner reads it back: `%`, CR and LF percent-encoded."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A property's value: as a message, and `:` and `,`, which would end it, encoded too."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")
