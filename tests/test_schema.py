"""The input schema: what it accepts, and how each departure from it reads and where it points."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from icscheck.checker import check_text
from icscheck.editions import Edition, load_edition
from icscheck.loader import load
from icscheck.results import FileReport, Finding, Severity
from icscheck.rules.registry import SCHEMA
from icscheck.schema import ICS_SCHEMA, SchemaProblem, schema_text, validate
from tests.helpers import AS_OF_DATE, FIXTURES, SAMPLES

SCHEMA_FIXTURES = FIXTURES / "schema"

VALID = """\
version: 1
ics:
  name: Wirral Example
board:
  members:
    - name: Jane Example
      role: chair
"""
"""A minimal valid file; tests append to its one member (lines 6-7, keys at column 7)."""


@cache
def edition() -> Edition:
    return load_edition("hca-2022")


def dedent(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


def problems(text: str) -> list[SchemaProblem]:
    return validate(load(dedent(text)).data)


def report(text: str) -> FileReport:
    return check_text(dedent(text), "x.ics.yaml", edition(), as_of=AS_OF_DATE)


def schema_findings(text: str) -> list[Finding]:
    return [finding for finding in report(text).findings if finding.rule == SCHEMA.id]


def only_finding(text: str) -> Finding:
    findings = schema_findings(text)
    assert len(findings) == 1, [(f.line, f.column, f.message) for f in findings]
    return findings[0]


def where(finding: Finding) -> tuple[int, int, str]:
    return (finding.line, finding.column, finding.pointer)


def member_with(*lines: str) -> str:
    """VALID with more keys for its one board member."""
    return VALID + "".join(f"      {line}\n" for line in lines)


def walk(schema: Any) -> Iterator[dict[str, Any]]:
    """Every subschema, however deep."""
    if isinstance(schema, dict):
        yield schema
        for value in schema.values():
            yield from walk(value)
    elif isinstance(schema, list):
        for value in schema:
            yield from walk(value)


@cache
def raw_schema() -> dict[str, Any]:
    result: dict[str, Any] = json.loads(schema_text(ICS_SCHEMA))
    return result


# --- the schema itself ---------------------------------------------------------------------------


def test_the_schema_is_a_valid_draft_2020_12_schema() -> None:
    schema = raw_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


def test_every_reference_resolves() -> None:
    defs = raw_schema()["$defs"]
    refs = {sub["$ref"] for sub in walk(raw_schema()) if "$ref" in sub}
    assert refs
    for ref in refs:
        assert ref.startswith("#/$defs/")
        assert ref.removeprefix("#/$defs/") in defs, ref


def test_every_mapping_refuses_unknown_keys() -> None:
    objects = [sub for sub in walk(raw_schema()) if sub.get("type") == "object"]
    assert len(objects) >= 8
    for sub in objects:
        assert sub.get("additionalProperties") is False, sub.get("description", sub)
        assert set(sub.get("required", [])) <= set(sub["properties"])


def test_the_enums_are_the_documented_choices() -> None:
    defs = raw_schema()["$defs"]
    assert defs["board_member"]["properties"]["role"]["enum"] == [
        "chair",
        "chief_executive",
        "partner_member",
        "non_executive",
        "executive",
        "ordinary_member",
        "accountable_officer",
        "participant",
    ]
    assert [s for s in defs["sector"]["enum"] if s is not None] == [
        "nhs_trust",
        "ccg",
        "primary_care",
        "local_authority",
        "public_health",
        "social_care",
        "community_services",
        "mental_health",
        "healthwatch",
        "vcse",
        "independent_sector",
        "private_healthcare",
        "housing",
        "education",
        "nhs_england",
        "other",
    ]
    assert defs["partnership_member"]["properties"]["appointed_by"]["enum"] == [
        "icb",
        "local_authority",
        "partnership",
    ]


# --- valid input ---------------------------------------------------------------------------------


@pytest.mark.parametrize("path", sorted(SAMPLES.glob("*.ics.yaml")), ids=lambda path: path.name)
def test_every_sample_is_schema_valid(path: Path) -> None:
    assert validate(load(path.read_text("utf-8")).data) == []


def test_a_minimal_file_is_valid() -> None:
    assert problems(VALID) == []


def test_a_board_only_file_is_valid_and_the_missing_partnership_is_a_rule_finding() -> None:
    text = (SCHEMA_FIXTURES / "board-only.ics.yaml").read_text("utf-8")
    assert validate(load(text).data) == []
    result = report(text)
    assert result.system is not None
    assert SCHEMA.id not in {finding.rule for finding in result.findings}
    assert "ICP001" in {finding.rule for finding in result.findings}


def test_places_may_be_absent_or_empty_and_partnership_members_optional() -> None:
    assert problems(VALID + "places: []\n") == []
    assert problems(VALID + "partnership:\n  name: Wirral Partnership\n") == []


def test_every_optional_key_is_accepted() -> None:
    text = member_with(
        "voting: false",
        "organisation: Wirral Council",
        "sector: local_authority",
        "nominated_by: null",
        "portfolio: null",
        "expertise: [mental_health]",
        "appointed: 2024-02-29",
        "term_ends: 2028-02-28",
        "interests:",
        "  - {organisation: Example Ltd, sector: independent_sector, kind: directorship}",
    ) + dedent(
        """
        partnership:
          name: Wirral Partnership
          members:
            - name: Cllr Joe Burns
              appointed_by: local_authority
              local_authority: Wirral Council
              organisation: Wirral Council
              sector: local_authority
        places:
          - name: Wirral
            members:
              - {name: Dr A Example, organisation: Wirral GP Federation, sector: primary_care}
        """
    )
    text = text.replace("  name: Wirral Example\n", "  name: Wirral Example\n  icb_code: QYG\n")
    assert problems(text) == []


def test_python_data_is_validated_too() -> None:
    data = {"version": 1, "ics": {"name": "x"}, "board": {"members": []}}
    assert validate(data) == []
    [problem] = validate({**data, "board": {}})
    assert problem.pointer == ("board", "members")
    assert problem.at_key


# --- unknown keys --------------------------------------------------------------------------------


def test_an_unknown_key_suggests_the_close_one_and_points_at_the_key() -> None:
    finding = only_finding(member_with("votng: true"))
    assert where(finding) == (8, 7, "/board/members/0/votng")
    assert "unknown key 'votng'" in finding.message
    assert "board member" in finding.message
    assert "did you mean 'voting'?" in finding.message


def test_an_unknown_key_without_a_close_match_lists_what_is_allowed() -> None:
    finding = only_finding(member_with("favourite_colour: green"))
    assert where(finding) == (8, 7, "/board/members/0/favourite_colour")
    assert "did you mean" not in finding.message
    assert "allowed:" in finding.message and "nominated_by" in finding.message


def test_an_unknown_top_level_key() -> None:
    finding = only_finding(VALID + "partnrship:\n  members: []\n")
    assert where(finding) == (8, 1, "/partnrship")
    assert "the file" in finding.message
    assert "did you mean 'partnership'?" in finding.message


def test_a_board_member_key_in_a_place_member_is_unknown() -> None:
    text = VALID + "places:\n  - name: Wirral\n    members:\n      - {name: A, role: chair}\n"
    finding = only_finding(text)
    assert where(finding) == (11, 19, "/places/0/members/0/role")
    assert "place member" in finding.message
    assert "allowed: name, organisation, sector" in finding.message


def test_several_unknown_keys_are_each_reported() -> None:
    findings = schema_findings(member_with("rol: chair", "votes: true"))
    assert [where(f) for f in findings] == [
        (8, 7, "/board/members/0/rol"),
        (9, 7, "/board/members/0/votes"),
    ]


# --- choices and types ---------------------------------------------------------------------------


def test_a_role_typo_suggests_the_role() -> None:
    finding = only_finding(VALID.replace("role: chair", "role: chiar"))
    assert where(finding) == (7, 13, "/board/members/0/role")
    assert "'chiar'" in finding.message
    assert "did you mean 'chair'?" in finding.message


@pytest.mark.parametrize(
    ("line", "suggestion"),
    [
        ("sector: nhs_trusts", "nhs_trust"),
        ("portfolio: finanse", "finance"),
        ("nominated_by: trusts", "nhs_trusts"),
    ],
)
def test_other_choice_typos_suggest_the_choice(line: str, suggestion: str) -> None:
    finding = only_finding(member_with(line))
    assert finding.line == 8
    assert f"did you mean '{suggestion}'?" in finding.message


def test_an_empty_role_lists_the_roles() -> None:
    finding = only_finding(VALID.replace("role: chair", "role:"))
    assert where(finding)[:2] == (7, 12)
    assert "allowed: chair, chief_executive" in finding.message
    assert "None" not in finding.message


@pytest.mark.parametrize("written", ["yes", "no", "'true'", "1", "on"])
def test_voting_must_be_true_or_false(written: str) -> None:
    finding = only_finding(member_with(f"voting: {written}"))
    assert where(finding) == (8, 15, "/board/members/0/voting")
    assert "voting must be true or false" in finding.message


@pytest.mark.parametrize("written", ["true", "false", "True", "FALSE"])
def test_voting_as_a_boolean_is_valid(written: str) -> None:
    assert problems(member_with(f"voting: {written}")) == []


def test_a_number_where_text_belongs() -> None:
    finding = only_finding(VALID.replace("name: Jane Example", "name: 42"))
    assert where(finding) == (6, 13, "/board/members/0/name")
    assert "must be text, not 42" in finding.message


def test_a_nullable_text_field_says_it_may_be_empty() -> None:
    finding = only_finding(member_with("organisation: 5"))
    assert "must be text or empty" in finding.message


def test_members_as_a_mapping_instead_of_a_list() -> None:
    text = "version: 1\nics:\n  name: x\nboard:\n  members:\n    name: A\n    role: chair\n"
    finding = only_finding(text)
    assert where(finding) == (6, 5, "/board/members")
    assert "must be a list, not a mapping" in finding.message


def test_a_section_left_empty() -> None:
    finding = only_finding("version: 1\nics:\n  name: x\nboard:\n")
    assert where(finding)[2] == "/board"
    assert finding.line == 4
    assert "board must be a mapping" in finding.message
    assert "not empty" in finding.message


def test_empty_text_is_refused() -> None:
    finding = only_finding(VALID.replace("name: Jane Example", "name: ''"))
    assert where(finding) == (6, 13, "/board/members/0/name")
    assert "must not be empty" in finding.message


def test_an_icb_code_not_in_ods_form() -> None:
    text = VALID.replace("  name: Wirral Example\n", "  name: W\n  icb_code: qyg\n")
    finding = only_finding(text)
    assert where(finding) == (4, 13, "/ics/icb_code")
    assert "'qyg'" in finding.message


# --- required keys -------------------------------------------------------------------------------


def test_a_partner_member_without_nominated_by_gets_the_schema_message() -> None:
    text = VALID + "    - name: Sam Example\n      role: partner_member\n"
    [problem] = problems(text)
    assert problem.pointer == ("board", "members", 1, "nominated_by")
    assert (
        problem.message == raw_schema()["$defs"]["board_member"]["allOf"][0]["then"]["errorMessage"]
    )
    finding = only_finding(text)
    # the member has no nominated_by key to point at, so the finding points at the member
    assert where(finding) == (8, 7, "/board/members/1/nominated_by")
    assert "nominated" in finding.message


def test_other_roles_need_no_nominated_by() -> None:
    for role in ("chief_executive", "non_executive", "executive", "ordinary_member"):
        assert problems(VALID.replace("role: chair", f"role: {role}")) == []


def test_a_local_authority_appointee_must_say_which_authority() -> None:
    text = VALID + dedent(
        """
        partnership:
          members:
            - name: Cllr Joe Burns
              appointed_by: local_authority
            - name: Ann Example
              appointed_by: icb
        """
    )
    [problem] = problems(text)
    assert problem.pointer == ("partnership", "members", 0, "local_authority")
    assert (
        problem.message
        == raw_schema()["$defs"]["partnership_member"]["allOf"][0]["then"]["errorMessage"]
    )
    finding = only_finding(text)
    assert where(finding) == (10, 7, "/partnership/members/0/local_authority")
    assert "which one" in finding.message


def test_a_partnership_member_must_say_who_appointed_them() -> None:
    finding = only_finding(VALID + "partnership:\n  members:\n    - name: Ann Example\n")
    assert where(finding) == (10, 7, "/partnership/members/0/appointed_by")
    assert "missing required key 'appointed_by' in partnership member" in finding.message


def test_a_missing_ics_name_points_at_the_ics_mapping() -> None:
    finding = only_finding(VALID.replace("  name: Wirral Example\n", "  icb_code: QYG\n"))
    assert where(finding) == (3, 3, "/ics/name")
    assert "missing required key 'name'" in finding.message and "'ics'" in finding.message


def test_missing_board_members_points_at_the_board_mapping() -> None:
    finding = only_finding("version: 1\nics:\n  name: x\nboard:\n  name: NHS Example ICB\n")
    assert where(finding) == (5, 3, "/board/members")
    assert "missing required key 'members'" in finding.message and "'board'" in finding.message


def test_a_member_without_name_or_role_gets_both_at_the_member() -> None:
    text = "version: 1\nics:\n  name: x\nboard:\n  members:\n    - organisation: Wirral Council\n"
    findings = schema_findings(text)
    assert [where(f) for f in findings] == [
        (6, 7, "/board/members/0/name"),
        (6, 7, "/board/members/0/role"),
    ]
    assert "'name' in board member" in findings[0].message
    assert "'role' in board member" in findings[1].message


def test_a_place_and_an_interest_name_their_container() -> None:
    text = member_with("interests:", "  - kind: other") + "places:\n  - members: []\n"
    findings = schema_findings(text)
    assert [where(f) for f in findings] == [
        (9, 11, "/board/members/0/interests/0/organisation"),
        (11, 5, "/places/0/name"),
    ]
    assert "declared interest" in findings[0].message
    assert "in place" in findings[1].message


def test_an_empty_mapping_misses_every_top_level_key_at_its_start() -> None:
    findings = schema_findings("# draft\n{}\n")
    assert sorted(where(f) for f in findings) == [
        (2, 1, "/board"),
        (2, 1, "/ics"),
        (2, 1, "/version"),
    ]
    assert all("the file" in f.message for f in findings)


# --- dates ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("written", ["1/7/2022", "'2022-7-1'", "01-07-2022", "2022/07/01", "''"])
def test_a_date_in_another_form_asks_for_yyyy_mm_dd(written: str) -> None:
    finding = only_finding(member_with(f"appointed: {written}"))
    assert where(finding) == (8, 18, "/board/members/0/appointed")
    assert "YYYY-MM-DD" in finding.message
    assert "real date" not in finding.message


@pytest.mark.parametrize("written", ["2022-02-30", "2023-02-29", "2022-13-01", "2022-00-10"])
def test_an_impossible_date_is_not_a_real_date(written: str) -> None:
    finding = only_finding(member_with(f"term_ends: {written}"))
    assert where(finding) == (8, 18, "/board/members/0/term_ends")
    assert f"'{written}' is not a real date" in finding.message


def test_a_leap_day_is_a_real_date() -> None:
    assert problems(member_with("appointed: 2024-02-29")) == []


def test_a_date_written_as_a_number_asks_for_a_date() -> None:
    finding = only_finding(member_with("appointed: 20220701"))
    assert "must be a date like 2028-03-31" in finding.message


# --- version and the whole file ------------------------------------------------------------------


def test_an_unsupported_version() -> None:
    finding = only_finding(VALID.replace("version: 1", "version: 2"))
    assert where(finding) == (1, 10, "/version")
    assert "unsupported format version 2" in finding.message
    assert "version 1" in finding.message


def test_a_missing_version() -> None:
    finding = only_finding(VALID.replace("version: 1\n", ""))
    assert where(finding) == (1, 1, "/version")
    assert "missing required key 'version'" in finding.message


@pytest.mark.parametrize("text", ["", "\n", "# to be written\n"])
def test_an_empty_file_is_a_schema_finding(text: str) -> None:
    finding = only_finding(text)
    assert where(finding) == (1, 1, "")
    assert "empty" in finding.message
    assert validate(None) == [SchemaProblem("the file is empty", ())]


@pytest.mark.parametrize(
    ("text", "shown"),
    [("Wirral\n", "'Wirral'"), ("- version: 1\n", "a list"), ("42\n", "42")],
)
def test_a_file_that_is_not_a_mapping(text: str, shown: str) -> None:
    finding = only_finding(text)
    assert where(finding) == (1, 1, "")
    assert "must be a mapping" in finding.message
    assert shown in finding.message


def test_schema_findings_are_errors_with_a_source_and_no_rules_run() -> None:
    result = report(VALID.replace("role: chair", "role: chiar"))
    [finding] = result.findings
    assert finding.rule == SCHEMA.id
    assert finding.name == "schema"
    assert finding.severity is Severity.ERROR
    assert finding.path == "x.ics.yaml"
    assert finding.source
    assert result.system is None
    assert not result.compliant


# --- a realistic draft ---------------------------------------------------------------------------


def test_every_mistake_in_a_draft_is_found_in_file_order() -> None:
    text = (SCHEMA_FIXTURES / "typos.ics.yaml").read_text("utf-8")
    found = [(*where(f), f.message) for f in report(text).findings]
    expected = [
        (9, 13, "/board/members/0/role", "did you mean 'chair'?"),
        (10, 18, "/board/members/0/appointed", "YYYY-MM-DD"),
        (11, 7, "/board/members/1/nominated_by", "who nominated them"),
        (13, 15, "/board/members/1/voting", "true or false"),
        (14, 18, "/board/members/1/term_ends", "not a real date"),
        (15, 7, "/board/members/2/name", "missing required key 'name'"),
        (16, 18, "/board/members/2/portfolio", "did you mean 'finance'?"),
        (17, 7, "/board/members/2/organistion", "did you mean 'organisation'?"),
        (20, 7, "/partnership/members/0/local_authority", "which one"),
        (27, 9, "/places/0/members/0/role", "unknown key 'role'"),
    ]
    assert [row[:3] for row in found] == [row[:3] for row in expected]
    for (*_, message), (*_, words) in zip(found, expected, strict=True):
        assert words in message


# --- at most one problem per path ----------------------------------------------------------------


@pytest.mark.parametrize("written", ["1/7/2022", "''", "2022-7-1"])
def test_a_value_failing_several_keywords_is_one_problem(written: str) -> None:
    # pattern and format both reject these; the user should read about it once
    assert len(problems(member_with(f"appointed: {written}"))) == 1


def test_no_path_has_two_problems() -> None:
    text = (SCHEMA_FIXTURES / "typos.ics.yaml").read_text("utf-8")
    found = validate(load(text).data)
    pointers = [problem.pointer for problem in found]
    assert len(found) == 10
    assert len(pointers) == len(set(pointers))
