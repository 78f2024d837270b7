"""SARIF 2.1.0, for GitHub code scanning and other SARIF viewers: one run an edition checked."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from icscheck import __version__
from icscheck.reporters import ReportOptions
from icscheck.reporters.ci import described, fingerprint, repo_path
from icscheck.reporters.json_format import dumps
from icscheck.results import STDIN_PATH, EditionRef, Finding, RuleInfo, RunReport, Severity

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def render(run: RunReport, options: ReportOptions) -> str:
    """A SARIF log with one run an edition, each categorised by its edition, so a code
    scanning service keeps each edition's alerts apart."""
    document = {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [_run(run, edition) for edition in run.editions],
    }
    return dumps(document)


def _run(run: RunReport, edition: EditionRef) -> dict[str, Any]:
    """The edition's run. The driver has no `informationUri`: the project publishes no stable
    address yet, and SARIF makes it optional."""
    rules = run.rules_of(edition)
    index = {rule.id: number for number, rule in enumerate(rules)}
    reports = [report for report in run.files if report.edition == edition]
    results = [
        *(_result(f, index) for report in reports for f in report.findings),
        *(
            _result(s.finding, index, reason=s.reason)
            for report in reports
            for s in report.set_aside
        ),
    ]
    return {
        "tool": {
            "driver": {
                "name": "icscheck",
                "version": __version__,
                "rules": [_descriptor(rule) for rule in rules],
            }
        },
        "automationDetails": {"id": f"icscheck/{edition.id}/"},
        "results": results,
        "properties": {"edition": edition.id, "asOf": run.as_of.isoformat()},
    }


def _descriptor(rule: RuleInfo) -> dict[str, Any]:
    help_text = f"{rule.summary}\n\n{rule.docs}\n\nSource: {rule.citation}"
    descriptor: dict[str, Any] = {
        "id": rule.id,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.docs or rule.summary},
        "help": {"text": help_text},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"citation": rule.citation},
    }
    if rule.url:
        descriptor["helpUri"] = rule.url
    return descriptor


def _result(
    finding: Finding, index: dict[str, int], *, reason: str | None = None
) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": finding.rule,
        "level": LEVELS[finding.severity],
        "message": {"text": described(finding)},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": _uri(finding.path)},
                    "region": {"startLine": finding.line, "startColumn": finding.column},
                }
            }
        ],
        "partialFingerprints": {"icscheckFinding/v1": fingerprint(finding)},
    }
    if finding.rule in index:
        result["ruleIndex"] = index[finding.rule]
    if finding.pointer:
        result["properties"] = {"pointer": finding.pointer}
    if reason is not None:
        result["suppressions"] = [{"kind": "inSource", "justification": reason}]
    return result


def _uri(path: str) -> str:
    """A URI reference for the file: relative to the repository, percent-encoded where a
    name has characters a URI cannot hold raw (spaces, `#`, `%`)."""
    located = repo_path(path)
    return located if located == STDIN_PATH else quote(located, safe="/:")
