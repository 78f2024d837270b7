"""Run one file through the pipeline: load, schema, model, the edition's rules, findings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from icscheck import schema, source
from icscheck.editions import Edition, RuleSetting
from icscheck.findings import Finding, Severity, count_by_severity
from icscheck.model import IntegratedCareSystem, build_system
from icscheck.rules import Citation, Context
from icscheck.sources import cite

SYNTAX_RULE = "YAML-SYNTAX"
SCHEMA_RULE = "SCHEMA"
ALWAYS_ON = (SYNTAX_RULE, SCHEMA_RULE)
"""Findings no selection turns off: rules cannot run on a file that is not valid input."""


@dataclass(frozen=True, slots=True)
class Selection:
    """Which rules to run: `--select` and `--ignore`, as rule IDs, prefixes or names."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()

    def includes(self, setting: RuleSetting) -> bool:
        rule = setting.rule
        selected = not self.select or any(_matches(rule.id, rule.name, s) for s in self.select)
        return selected and not any(_matches(rule.id, rule.name, i) for i in self.ignore)


def _matches(rule_id: str, name: str, pattern: str) -> bool:
    return rule_id.startswith(pattern.upper()) or name == pattern.lower()


@dataclass(frozen=True, slots=True)
class FileReport:
    """What checking one file found."""

    path: str
    findings: tuple[Finding, ...]
    system: IntegratedCareSystem | None
    """The model, when the file was valid enough to build one."""

    @property
    def ics(self) -> str | None:
        return None if self.system is None else self.system.name

    @property
    def compliant(self) -> bool:
        """No error-level finding: the file meets every requirement the edition makes law."""
        return not any(f.severity is Severity.ERROR for f in self.findings)

    @property
    def counts(self) -> dict[str, int]:
        return count_by_severity(list(self.findings))


@dataclass(frozen=True, slots=True)
class RunReport:
    """Every file checked in one run, under one edition and date."""

    edition: Edition
    as_of: dt.date
    files: tuple[FileReport, ...]

    @property
    def findings(self) -> list[Finding]:
        return [finding for report in self.files for finding in report.findings]

    @property
    def counts(self) -> dict[str, int]:
        return count_by_severity(self.findings)


def check_text(
    text: str, path: str, edition: Edition, *, as_of: dt.date, selection: Selection = Selection()
) -> FileReport:
    """Check one file's text; every problem, of syntax, shape or law, becomes a finding."""
    try:
        document = source.load(text)
    except source.YamlSyntaxError as error:
        return FileReport(path, tuple(_syntax_findings(error, path)), None)
    problems = schema.validate(document.data)
    if problems:
        findings = [
            _finding(
                SCHEMA_RULE,
                "schema",
                problem.message,
                path,
                document.locate(problem.pointer, at_key=problem.at_key),
                problem.pointer,
                cite_text=cite(Citation("FORMAT")),
            )
            for problem in problems
        ]
        return FileReport(path, tuple(sorted(findings, key=_order)), None)
    system = build_system(document.data)
    findings = []
    for setting in edition.settings:
        if not selection.includes(setting):
            continue
        context = Context(system=system, as_of=as_of, params=setting.params)
        for problem in setting.rule.check(context):
            findings.append(
                _finding(
                    setting.rule.id,
                    setting.rule.name,
                    problem.message,
                    path,
                    document.locate(problem.path, at_key=True),
                    problem.path,
                    cite_text=cite(setting.citation),
                    severity=setting.severity,
                )
            )
    return FileReport(path, tuple(sorted(findings, key=_order)), system)


def check_bytes(
    raw: bytes, path: str, edition: Edition, *, as_of: dt.date, selection: Selection = Selection()
) -> FileReport:
    """As `check_text`, for raw file content that may not even be UTF-8."""
    try:
        text = source.decode(raw)
    except source.YamlSyntaxError as error:
        return FileReport(path, tuple(_syntax_findings(error, path)), None)
    return check_text(text, path, edition, as_of=as_of, selection=selection)


def _order(finding: Finding) -> tuple[int, int, str]:
    return finding.sort_key


def _syntax_findings(error: source.YamlSyntaxError, path: str) -> Iterable[Finding]:
    for problem in error.problems:
        yield _finding(
            SYNTAX_RULE,
            "yaml-syntax",
            problem.message,
            path,
            problem.position,
            (),
            cite_text=cite(Citation("YAML")),
        )


def _finding(
    rule_id: str,
    name: str,
    message: str,
    path: str,
    position: source.Position,
    pointer: source.Pointer,
    *,
    cite_text: str,
    severity: Severity = Severity.ERROR,
) -> Finding:
    return Finding(
        rule=rule_id,
        name=name,
        severity=severity,
        message=message,
        path=path,
        line=position.line,
        column=position.column,
        pointer=source.pointer_text(pointer),
        source=cite_text,
    )
