"""The CI formats: SARIF, JUnit, GitHub workflow commands and GitLab Code Quality, each from
the same run as the text and JSON formats."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from tests.helpers import AS_OF, COMPLIANT_SAMPLE, REPO, SAMPLES, invoke, text_findings

ESSEX = SAMPLES / "essex.ics.yaml"
SARIF_SCHEMA = json.loads((REPO / "tests" / "data" / "sarif-2.1.0.schema.json").read_text("utf-8"))
REASON = "two NEDs start in January, board paper 2026-09"


@pytest.fixture
def essex(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Essex (which fails) in a folder of its own, the working directory as a repository is
    in CI, with a reasoned suppression of ICB012 on its line."""
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "configs"
    folder.mkdir()
    path = folder / "essex.ics.yaml"
    path.write_text(ESSEX.read_text("utf-8"), encoding="utf-8")
    line = next(f["line"] for f in json_findings(path) if f["rule"] == "ICB012")
    lines = path.read_text("utf-8").splitlines()
    lines[line - 1] += f"  # icscheck: ignore[ICB012] {REASON}"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def json_findings(path: Path) -> list[dict[str, Any]]:
    result = invoke("check", path, "--as-of", AS_OF, "--format", "json")
    return list(json.loads(result.stdout)["files"][0]["findings"])


def sarif(*args: str | Path) -> dict[str, Any]:
    result = invoke("check", *args, "--as-of", AS_OF, "--format", "sarif")
    assert result.exit_code == 1, result.output
    document: dict[str, Any] = json.loads(result.stdout)
    return document


def test_sarif_is_valid_against_the_official_schema(essex: Path) -> None:
    document = sarif(essex, "--edition", "design-framework-2021", "--edition", "hca-2022")
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(document)
    assert document["version"] == "2.1.0"
    assert [r["automationDetails"]["id"] for r in document["runs"]] == [
        "icscheck/design-framework-2021/",
        "icscheck/hca-2022/",
    ]


def test_sarif_describes_every_rule_that_ran_and_indexes_results_into_them(essex: Path) -> None:
    run = sarif(essex)["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    ids = [rule["id"] for rule in rules]
    listed = json.loads(invoke("rules", "--format", "json").stdout)["rules"]
    assert ids[:3] == ["YAML-SYNTAX", "SCHEMA", "SUPPRESSION"]
    assert set(ids[3:]) == {rule["id"] for rule in listed}
    chair = rules[ids.index("ICB001")]
    assert chair["name"] == "board-chair"
    assert "Sch. 1B" in chair["help"]["text"]
    assert chair["helpUri"].startswith("https://www.legislation.gov.uk/")
    assert chair["defaultConfiguration"]["level"] == "error"
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]


def test_sarif_locations_are_relative_with_one_based_regions(essex: Path) -> None:
    results = sarif(essex)["runs"][0]["results"]
    locations = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    assert locations == {"configs/essex.ics.yaml"}
    expected = {(f["rule"], f["line"], f["column"]) for f in json_findings(essex)}
    found = {
        (r["ruleId"], region["startLine"], region["startColumn"])
        for r in results
        if "suppressions" not in r
        for region in [r["locations"][0]["physicalLocation"]["region"]]
    }
    assert found == expected


def test_sarif_fingerprints_survive_lines_added_above(essex: Path) -> None:
    before = {
        r["partialFingerprints"]["icscheckFinding/v1"] for r in sarif(essex)["runs"][0]["results"]
    }
    essex.write_text("# a comment\n\n" + essex.read_text("utf-8"), encoding="utf-8")
    after = sarif(essex)["runs"][0]["results"]
    assert {r["partialFingerprints"]["icscheckFinding/v1"] for r in after} == before
    assert len(before) == len(after)


def test_sarif_gives_a_suppressed_finding_with_its_reason(essex: Path) -> None:
    results = sarif(essex)["runs"][0]["results"]
    suppressed = [r for r in results if "suppressions" in r]
    assert [r["ruleId"] for r in suppressed] == ["ICB012"]
    assert suppressed[0]["suppressions"] == [{"kind": "inSource", "justification": REASON}]


def test_sarif_names_standard_input_as_is() -> None:
    result = invoke(
        "check", "-", "--as-of", AS_OF, "--format", "sarif", stdin=ESSEX.read_text("utf-8")
    )
    document = json.loads(result.stdout)
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(document)
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in document["runs"][0]["results"]
    }
    assert uris == {"<stdin>"}


def github(*args: str | Path, stdin: str | None = None) -> list[str]:
    result = invoke("check", *args, "--as-of", AS_OF, "--format", "github", stdin=stdin)
    assert result.exit_code == 1, result.output
    return result.stdout.splitlines()


def test_github_gives_one_annotation_a_finding_and_a_summary_notice_last(essex: Path) -> None:
    lines = github(essex)
    expected = json_findings(essex)
    assert len(lines) == len(expected) + 1
    assert lines[-1].startswith("::notice title=icscheck::1 file checked against hca-2022")
    first = expected[0]
    assert lines[0].startswith(
        f"::error file=configs/essex.ics.yaml,line={first['line']},col={first['column']},"
        f"title={first['rule']} {first['name']}::"
    )


@pytest.mark.parametrize(
    ("text", "data", "value"),
    [
        ("100% sure", "100%25 sure", "100%25 sure"),
        ("a\r\nb", "a%0D%0Ab", "a%0D%0Ab"),
        ("a: b, c", "a: b, c", "a%3A b%2C c"),
        ("%0A", "%250A", "%250A"),
    ],
)
def test_github_escapes_data_and_properties(text: str, data: str, value: str) -> None:
    from icscheck.reporters.github_format import escape_data, escape_property

    assert escape_data(text) == data
    assert escape_property(text) == value


def test_github_escapes_a_hostile_file_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "a,b:c%d.ics.yaml"
    path.write_text(ESSEX.read_text("utf-8"), encoding="utf-8")
    lines = github(path)
    assert all(" file=a%2Cb%3Ac%25d.ics.yaml," in line for line in lines[:-1])


def gitlab(*args: str | Path) -> list[dict[str, Any]]:
    result = invoke("check", *args, "--as-of", AS_OF, "--format", "gitlab")
    assert result.exit_code == 1, result.output
    issues: list[dict[str, Any]] = json.loads(result.stdout)
    return issues


def test_gitlab_code_quality_has_the_fields_gitlab_reads(essex: Path) -> None:
    issues = gitlab(essex)
    assert len(issues) == len(json_findings(essex))
    for issue in issues:
        assert isinstance(issue["description"], str) and issue["description"]
        assert isinstance(issue["check_name"], str)
        assert len(issue["fingerprint"]) == 64
        assert issue["severity"] in {"info", "minor", "major", "critical", "blocker"}
        assert issue["location"]["path"] == "configs/essex.ics.yaml"
        assert isinstance(issue["location"]["lines"]["begin"], int)
    assert len({issue["fingerprint"] for issue in issues}) == len(issues)


def test_gitlab_fingerprints_are_stable_and_apart_for_each_edition(essex: Path) -> None:
    before = [issue["fingerprint"] for issue in gitlab(essex)]
    essex.write_text("# a comment\n" + essex.read_text("utf-8"), encoding="utf-8")
    assert [issue["fingerprint"] for issue in gitlab(essex)] == before
    both = gitlab(essex, "--edition", "design-framework-2021", "--edition", "hca-2022")
    assert len({issue["fingerprint"] for issue in both}) == len(both)


def junit(*args: str | Path) -> ET.Element:
    result = invoke("check", *args, "--as-of", AS_OF, "--format", "junit")
    assert result.exit_code == 1, result.output
    return ET.fromstring(result.stdout)


def test_junit_has_a_suite_a_file_and_edition_and_a_case_a_rule(essex: Path) -> None:
    root = junit(essex, "--edition", "design-framework-2021", "--edition", "hca-2022")
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [
        f"{essex} [design-framework-2021]",
        f"{essex} [hca-2022]",
    ]
    sarif_runs = sarif(essex, "--edition", "design-framework-2021", "--edition", "hca-2022")["runs"]
    for suite, sarif_run in zip(suites, sarif_runs, strict=True):
        rules = sarif_run["tool"]["driver"]["rules"]
        cases = suite.findall("testcase")
        assert [c.get("name") for c in cases] == [f"{r['id']} {r['name']}" for r in rules]
        assert {c.get("classname") for c in cases} == {str(essex)}
        assert suite.get("tests") == str(len(cases))
        failing = [c for c in cases if c.find("failure") is not None]
        assert suite.get("failures") == str(len(failing))
    assert root.get("tests") == str(sum(int(str(s.get("tests"))) for s in suites))
    assert root.get("failures") == str(sum(int(str(s.get("failures"))) for s in suites))


def test_junit_fails_a_case_for_errors_and_shows_warnings_as_output(essex: Path) -> None:
    suite = junit(essex).findall("testsuite")[0]
    cases = {str(c.get("name")).split()[0]: c for c in suite.findall("testcase")}
    for finding in json_findings(essex):
        case = cases[finding["rule"]]
        place = f"{essex}:{finding['line']}:{finding['column']}:"
        if finding["severity"] == "error":
            failure = case.find("failure")
            assert failure is not None and place in str(failure.text)
        else:
            assert place in str(case.findtext("system-out"))
    assert cases["ICB001"].find("failure") is None
    assert cases["ICB012"].find("failure") is None  # suppressed, with its reason


Place = tuple[str, str, int, int]
CI_FORMATS = ("sarif", "junit", "github", "gitlab")
JUNIT_LINE = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+):(?P<column>\d+): ")
GITHUB_LINE = re.compile(
    r"^::\w+ file=(?P<path>[^,]+),line=(?P<line>\d+),col=(?P<column>\d+),title=(?P<rule>\S+)"
)


def places(output_format: str, path: str) -> set[Place]:
    """Where each finding is, as one format gives it: (rule, path, line, column)."""
    stdout = invoke("check", path, "--as-of", AS_OF, "--format", output_format).stdout
    if output_format == "text":
        return {
            (m["rule"], m["path"], int(m["line"]), int(m["column"])) for m in text_findings(stdout)
        }
    if output_format == "json":
        found = json.loads(stdout)["files"][0]["findings"]
        return {(f["rule"], f["path"], f["line"], f["column"]) for f in found}
    if output_format == "sarif":
        return {
            (
                r["ruleId"],
                where["artifactLocation"]["uri"],
                where["region"]["startLine"],
                where["region"]["startColumn"],
            )
            for r in json.loads(stdout)["runs"][0]["results"]
            if "suppressions" not in r
            for where in [r["locations"][0]["physicalLocation"]]
        }
    if output_format == "github":
        matches = [GITHUB_LINE.match(line) for line in stdout.splitlines()[:-1]]
        return {(m["rule"], m["path"], int(m["line"]), int(m["column"])) for m in matches if m}
    if output_format == "gitlab":
        return {
            (i["check_name"].split()[0], i["location"]["path"], i["location"]["lines"]["begin"], 0)
            for i in json.loads(stdout)
        }
    return {
        (str(case.get("name")).split()[0], m["path"], int(m["line"]), int(m["column"]))
        for case in ET.fromstring(stdout).iter("testcase")
        for text in (case.findtext("failure"), case.findtext("system-out"))
        for line in (text or "").splitlines()
        for m in [JUNIT_LINE.match(line)]
        if m
    }


def test_every_format_gives_the_same_findings_in_the_same_places(essex: Path) -> None:
    path = "configs/essex.ics.yaml"
    expected = places("json", path)
    assert len(expected) > 3
    for output_format in ("text", "sarif", "junit", "github"):
        assert places(output_format, path) == expected, output_format
    assert places("gitlab", path) == {(rule, p, line, 0) for rule, p, line, _ in expected}


@pytest.mark.parametrize("output_format", CI_FORMATS)
def test_exit_codes_are_unchanged_in_ci_formats(output_format: str) -> None:
    clean = invoke("check", COMPLIANT_SAMPLE, "--as-of", AS_OF, "--format", output_format)
    assert clean.exit_code == 0, clean.output
    failing = invoke("check", ESSEX, "--as-of", AS_OF, "--format", output_format)
    assert failing.exit_code == 1


def test_a_clean_run_in_sarif_is_valid_with_no_results() -> None:
    result = invoke("check", COMPLIANT_SAMPLE, "--as-of", AS_OF, "--format", "sarif")
    document = json.loads(result.stdout)
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(document)
    assert document["runs"][0]["results"] == []


def test_the_format_option_names_the_ci_formats() -> None:
    help_text = " ".join(invoke("check", "--help").stdout.split())
    for output_format in CI_FORMATS:
        assert output_format in help_text


def test_junit_stays_well_formed_for_a_file_name_with_a_control_character(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    path = Path("bad\x1bname & <co>.ics.yaml")
    path.write_text(ESSEX.read_text("utf-8"), encoding="utf-8")
    suite = junit(path).findall("testsuite")[0]
    assert suite.get("file") == "bad\\x1bname & <co>.ics.yaml"


def test_sarif_percent_encodes_a_file_name_a_uri_cannot_hold_raw(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    path = Path("my board #2.ics.yaml")
    path.write_text(ESSEX.read_text("utf-8"), encoding="utf-8")
    results = sarif(path)["runs"][0]["results"]
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    assert uris == {"my%20board%20%232.ics.yaml"}
