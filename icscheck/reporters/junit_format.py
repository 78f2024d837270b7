"""JUnit XML, as GitLab and Jenkins read test reports: each file and edition a test suite,
each rule that ran a test case, failing when the rule found an error."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from icscheck.reporters import ReportOptions, printable
from icscheck.reporters.ci import described
from icscheck.results import FileReport, Finding, RuleInfo, RunReport, Severity
from icscheck.wording import location


def render(run: RunReport, options: ReportOptions) -> str:
    """A `<testsuites>` document; warnings and info go to each case's `<system-out>`, which
    GitLab shows beside the case without failing it."""
    root = ET.Element("testsuites", name="icscheck")
    suites = [_suite(report, run.rules_of(report.edition)) for report in run.files]
    root.extend(suites)
    _totals(
        root, sum(_total(s, "tests") for s in suites), sum(_total(s, "failures") for s in suites)
    )
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def _suite(report: FileReport, rules: tuple[RuleInfo, ...]) -> ET.Element:
    path = printable(report.path)
    suite = ET.Element("testsuite", name=f"{path} [{report.edition.id}]", file=path)
    cases = [_case(rule, path, report.findings) for rule in rules]
    suite.extend(cases)
    _totals(suite, len(cases), sum(case.find("failure") is not None for case in cases))
    return suite


def _case(rule: RuleInfo, path: str, findings: tuple[Finding, ...]) -> ET.Element:
    case = ET.Element("testcase", classname=path, name=f"{rule.id} {rule.name}", file=path)
    case.set("time", "0")
    own = [f for f in findings if f.rule == rule.id]
    errors = [f for f in own if f.severity is Severity.ERROR]
    others = [f for f in own if f.severity is not Severity.ERROR]
    if errors:
        failure = ET.SubElement(case, "failure", message=printable(errors[0].message))
        failure.set("type", rule.id)
        failure.text = _lines(errors)
    if others:
        ET.SubElement(case, "system-out").text = _lines(others)
    return case


def _lines(findings: list[Finding]) -> str:
    return "\n".join(
        printable(f"{location(f.path, f.line, f.column)}: {f.severity} {described(f)}")
        for f in findings
    )


def _total(suite: ET.Element, key: str) -> int:
    return int(suite.get(key, "0"))


def _totals(element: ET.Element, tests: int, failures: int) -> None:
    """Counts as JUnit readers expect them; `errors` (crashes) and `skipped` are always nought."""
    for key, value in (("tests", tests), ("failures", failures), ("errors", 0), ("skipped", 0)):
        element.set(key, str(value))
