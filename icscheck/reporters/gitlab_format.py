"""GitLab Code Quality: a JSON array of issues, shown in merge requests and the pipeline."""

from __future__ import annotations

from typing import Any

from icscheck.reporters import ReportOptions
from icscheck.reporters.ci import described, fingerprint, repo_path
from icscheck.reporters.json_format import dumps
from icscheck.results import EditionRef, Finding, RunReport, Severity

SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}
"""GitLab's scale is info, minor, major, critical, blocker: an error is a failed requirement
of the law, shown as major; critical and blocker are left for security and crashes."""


def render(run: RunReport, options: ReportOptions) -> str:
    """One issue a finding and edition; fingerprints include the edition, since GitLab keeps
    one issue a fingerprint."""
    return dumps([_issue(f, report.edition) for report in run.files for f in report.findings])


def _issue(finding: Finding, edition: EditionRef) -> dict[str, Any]:
    return {
        "type": "issue",
        "description": described(finding),
        "check_name": f"{finding.rule} {finding.name}",
        "fingerprint": fingerprint(finding, edition.id),
        "severity": SEVERITIES[finding.severity],
        "categories": ["Compliance"],
        "location": {"path": repo_path(finding.path), "lines": {"begin": finding.line}},
        "engine_name": "icscheck",
    }
