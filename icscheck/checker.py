"""Run one file through the pipeline: load, schema, model, the edition's rules, findings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from icscheck import geography, loader, schema
from icscheck.citations import Citation, all_sources, cite
from icscheck.editions import Edition, RuleSetting
from icscheck.model import IntegratedCareSystem, build_system
from icscheck.results import FileReport, Finding, RuleInfo, Severity, Suppressed
from icscheck.rules import Context, Rule
from icscheck.rules.registry import BUILT_INS, SCHEMA, SUPPRESSION, YAML_SYNTAX, BuiltIn, matches
from icscheck.seats import seat_summary
from icscheck.suppressions import read_suppressions


@dataclass(frozen=True, slots=True)
class Selection:
    """Which rules to run: `--select` and `--ignore`, as rule IDs, prefixes or names."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()

    def includes(self, setting: RuleSetting) -> bool:
        rule = setting.rule
        selected = not self.select or any(matches(rule, pattern) for pattern in self.select)
        return selected and not any(matches(rule, pattern) for pattern in self.ignore)


def check_editions(
    raw: bytes,
    path: str,
    editions: Sequence[Edition],
    *,
    as_of: dt.date,
    selection: Selection = Selection(),
    seats: bool = False,
) -> tuple[FileReport, ...]:
    """Check one file's content under each edition; it is read and validated once. With
    `seats`, each report also says which declared seats are filled (only some formats show it,
    and a large board takes time to map)."""
    try:
        text = loader.decode(raw)
        document = loader.load(text)
    except loader.YamlSyntaxError as error:
        syntax = tuple(_syntax_findings(error, path))
        return tuple(FileReport(path, edition.ref, syntax, None) for edition in editions)
    problems = schema.validate(document.data)
    if problems:
        shape = tuple(sorted((_schema_finding(p, path, document) for p in problems), key=_order))
        return tuple(FileReport(path, edition.ref, shape, None) for edition in editions)
    system = with_reference_councils(build_system(document.data), as_of)
    suppressions = read_suppressions(text)
    found = [_rule_findings(system, document, path, e, as_of, selection) for e in editions]
    covers = [[suppressions.covering(f.rule, f.line) for f in fs] for fs in found]
    used = {cover for row in covers for cover in row if cover is not None}
    ran = {s.rule.id for e in editions for s in e.settings if selection.includes(s)}
    notes = [
        *_suppression_findings(suppressions.problems, path, Severity.ERROR),
        *_suppression_findings(suppressions.unused(used, ran), path, Severity.INFO),
    ]
    reports = []
    for edition, fs, cs in zip(editions, found, covers, strict=True):
        kept = [f for f, cover in zip(fs, cs, strict=True) if cover is None]
        findings = tuple(sorted([*kept, *notes], key=_order))
        aside = tuple(Suppressed(f, c.reason) for f, c in zip(fs, cs, strict=True) if c)
        summary = seat_summary(system, edition, as_of) if seats else ()
        reports.append(FileReport(path, edition.ref, findings, system, aside, system.name, summary))
    return tuple(reports)


def check_bytes(
    raw: bytes, path: str, edition: Edition, *, as_of: dt.date, selection: Selection = Selection()
) -> FileReport:
    """Check one file's content under one edition."""
    return check_editions(raw, path, (edition,), as_of=as_of, selection=selection)[0]


def check_text(
    text: str, path: str, edition: Edition, *, as_of: dt.date, selection: Selection = Selection()
) -> FileReport:
    """Check one file's text under one edition."""
    return check_bytes(text.encode("utf-8"), path, edition, as_of=as_of, selection=selection)


def rules_run(edition: Edition, selection: Selection = Selection()) -> tuple[RuleInfo, ...]:
    """The checks that run under `edition` and `selection`, described for reporters: the
    built-in checks first (always on), then the edition's rules in catalogue order."""
    built_ins = [_info(b, b.citation, b.severity) for b in BUILT_INS]
    rules = [
        _info(s.rule, s.citation, s.severity) for s in edition.settings if selection.includes(s)
    ]
    return (*built_ins, *rules)


def _info(check: Rule | BuiltIn, citation: Citation, severity: Severity) -> RuleInfo:
    url = all_sources()[citation.source].url
    return RuleInfo(check.id, check.name, check.summary, check.docs, cite(citation), severity, url)


def with_reference_councils(system: IntegratedCareSystem, as_of: dt.date) -> IntegratedCareSystem:
    """The system with its councils from the reference data, when the file names none."""
    if system.local_authorities is not None or system.icb_code is None:
        return system
    found = geography.lookup(system.icb_code, as_of)
    if not isinstance(found, geography.InForce) or not found.councils:
        return system
    return replace(
        system,
        local_authorities=tuple(council.name for council in found.councils),
        councils_from=geography.data_vintage(as_of),
    )


def _rule_findings(
    system: IntegratedCareSystem,
    document: loader.Document,
    path: str,
    edition: Edition,
    as_of: dt.date,
    selection: Selection,
) -> tuple[Finding, ...]:
    findings = []
    for setting in edition.settings:
        if not selection.includes(setting):
            continue
        context = Context(system=system, as_of=as_of, params=setting.params)
        for problem in setting.rule.check(context):
            findings.append(
                _finding(
                    setting.rule,
                    problem.message,
                    path,
                    document.locate(problem.path, at_key=True),
                    problem.path,
                    citation=setting.citation,
                    severity=setting.severity,
                )
            )
    return tuple(sorted(findings, key=_order))


def _suppression_findings(
    problems: Iterable[tuple[str, loader.Position]], path: str, severity: Severity
) -> list[Finding]:
    return [
        _built_in_finding(SUPPRESSION, message, path, position, severity=severity)
        for message, position in problems
    ]


def _schema_finding(problem: schema.SchemaProblem, path: str, document: loader.Document) -> Finding:
    position = document.locate(problem.pointer, at_key=problem.at_key)
    return _built_in_finding(SCHEMA, problem.message, path, position, problem.pointer)


def _order(finding: Finding) -> tuple[int, int, str]:
    return finding.sort_key


def _syntax_findings(error: loader.YamlSyntaxError, path: str) -> Iterable[Finding]:
    for problem in error.problems:
        yield _built_in_finding(YAML_SYNTAX, problem.message, path, problem.position)


def _built_in_finding(
    check: BuiltIn,
    message: str,
    path: str,
    position: loader.Position,
    pointer: loader.Pointer = (),
    *,
    severity: Severity | None = None,
) -> Finding:
    """A finding of a built-in check, citing what it cites, at its own severity unless given."""
    return _finding(
        check,
        message,
        path,
        position,
        pointer,
        citation=check.citation,
        severity=check.severity if severity is None else severity,
    )


def _finding(
    check: Rule | BuiltIn,
    message: str,
    path: str,
    position: loader.Position,
    pointer: loader.Pointer,
    *,
    citation: Citation,
    severity: Severity,
) -> Finding:
    return Finding(
        rule=check.id,
        name=check.name,
        severity=severity,
        message=message,
        path=path,
        line=position.line,
        column=position.column,
        pointer=loader.pointer_text(pointer),
        source=cite(citation),
    )
