"""Edge cases of the integrated care partnership rules (ICP001 to ICP006)."""

from __future__ import annotations

import pytest

from tests.rules.helpers import (
    PARTNERSHIP,
    Doc,
    appointee,
    check,
    council_appointee,
    document,
    paths,
)

PARTNERSHIP_RULES = ["ICP001", "ICP002", "ICP003", "ICP004", "ICP005", "ICP006"]


def partnership(*members: Doc, councils: list[str] | None = None) -> Doc:
    """A document whose partnership has these members, in an area with these councils."""
    ics = None if councils is None else {"local_authorities": councils}
    return document(ics=ics, partnership={"members": list(members)})


def icb_appointee(name: str = "Amara Okafor") -> Doc:
    return appointee(name, "icb")


@pytest.mark.parametrize("rule_id", PARTNERSHIP_RULES)
def test_compliant_partnership_passes(compliant: Doc, rule_id: str) -> None:
    assert check(rule_id, compliant) == []


# ICP001 partnership-established


def test_missing_partnership_is_reported_at_the_document() -> None:
    problems = check("ICP001", document())
    assert paths(problems) == [()]
    assert "partnership" in problems[0].message


@pytest.mark.parametrize(
    "section",
    [{}, {"name": "Wirral Valley Health and Care Partnership"}, {"members": []}],
    ids=["empty", "name-only", "no-members"],
)
def test_described_partnership_passes(section: Doc) -> None:
    assert check("ICP001", document(partnership=section)) == []


@pytest.mark.parametrize("rule_id", PARTNERSHIP_RULES[1:])
def test_membership_rules_leave_a_missing_partnership_to_icp001(rule_id: str) -> None:
    doc = document(ics={"local_authorities": ["Wirral Council"]})
    assert check(rule_id, doc) == []


# ICP002 icb-appointee


def test_one_icb_appointee_passes() -> None:
    doc = partnership(icb_appointee(), appointee("Sam Ellis", "partnership"))
    assert check("ICP002", doc) == []


@pytest.mark.parametrize(
    "members",
    [[], [appointee("Sam Ellis", "partnership"), council_appointee("Joe Burns", "Wirral")]],
    ids=["no-members", "others-only"],
)
def test_no_icb_appointee(members: list[Doc]) -> None:
    problems = check("ICP002", partnership(*members))
    assert paths(problems) == [PARTNERSHIP]
    assert "appointed by the ICB" in problems[0].message


def test_second_icb_appointee_is_reported_at_its_appointed_by() -> None:
    doc = partnership(
        icb_appointee("Amara Okafor"),
        appointee("Sam Ellis", "partnership"),
        icb_appointee("Tom Reeves"),
    )
    problems = check("ICP002", doc)
    assert paths(problems) == [(*PARTNERSHIP, 2, "appointed_by")]
    assert "'Tom Reeves' is a second ICB appointee" in problems[0].message
    assert "Amara Okafor" in problems[0].message


def test_third_icb_appointee_is_reported_too() -> None:
    doc = partnership(icb_appointee("A One"), icb_appointee("B Two"), icb_appointee("C Three"))
    assert paths(check("ICP002", doc)) == [
        (*PARTNERSHIP, 1, "appointed_by"),
        (*PARTNERSHIP, 2, "appointed_by"),
    ]


# ICP003 local-authority-appointees

COUNCILS = ["Wirral Council", "Cheshire West and Chester Council", "Cheshire East Council"]


def test_appointee_of_every_council_passes() -> None:
    doc = partnership(
        council_appointee("Joe Burns", "Wirral Council"),
        council_appointee("Sue Lane", "Cheshire West and Chester Council"),
        council_appointee("Raj Gill", "Cheshire East Council"),
        councils=COUNCILS,
    )
    assert check("ICP003", doc) == []


def test_one_problem_per_council_without_an_appointee() -> None:
    doc = partnership(council_appointee("Joe Burns", "Wirral Council"), councils=COUNCILS)
    problems = check("ICP003", doc)
    assert paths(problems) == [PARTNERSHIP, PARTNERSHIP]
    assert "Cheshire West and Chester Council" in problems[0].message
    assert "Cheshire East Council" in problems[1].message


def test_second_appointee_of_one_council_is_reported_at_its_local_authority() -> None:
    doc = partnership(
        council_appointee("Joe Burns", "Wirral Council"),
        icb_appointee(),
        council_appointee("Kay Moss", "Wirral Metropolitan Borough Council"),
        councils=["Wirral Council"],
    )
    problems = check("ICP003", doc)
    assert paths(problems) == [(*PARTNERSHIP, 2, "local_authority")]
    assert "'Kay Moss' is a second appointee of Wirral Council" in problems[0].message
    assert "Joe Burns" in problems[0].message


@pytest.mark.parametrize(
    ("listed", "appointing"),
    [
        ("Wirral", "Wirral Metropolitan Borough Council"),
        ("Wirral Metropolitan Borough Council", "Wirral"),
        ("City of London", "City of London Corporation"),
        ("Common Council of the City of London", "City of London"),
        ("County Durham", "Durham County Council"),
        ("Durham County Council", "County Durham"),
        ("London Borough of Camden", "Camden Council"),
        ("Brighton & Hove City Council", "brighton and hove"),
        ("Cheshire West and Chester", "  cheshire west AND chester  council"),
        ("Council of the Isles of Scilly", "Isles of Scilly"),
    ],
)
def test_council_names_match_loosely(listed: str, appointing: str) -> None:
    doc = partnership(council_appointee("Joe Burns", appointing), councils=[listed])
    assert check("ICP003", doc) == []
    assert check("ICP004", doc) == []


@pytest.mark.parametrize(
    ("listed", "appointing"),
    [("Cheshire East", "Cheshire West and Chester"), ("Durham County Council", "Darlington")],
)
def test_different_councils_do_not_match(listed: str, appointing: str) -> None:
    doc = partnership(council_appointee("Joe Burns", appointing), councils=[listed])
    assert paths(check("ICP003", doc)) == [PARTNERSHIP]
    assert paths(check("ICP004", doc)) == [(*PARTNERSHIP, 0, "local_authority")]


def test_member_appointed_by_the_partnership_is_not_a_council_appointee() -> None:
    doc = partnership(
        appointee("Joe Burns", "partnership", local_authority="Wirral Council"),
        councils=["Wirral Council"],
    )
    problems = check("ICP003", doc)
    assert paths(problems) == [PARTNERSHIP]
    assert "Wirral Council" in problems[0].message


@pytest.mark.parametrize("councils", [None, []], ids=["absent", "empty"])
def test_unlisted_councils_require_at_least_one_council_appointee(
    councils: list[str] | None,
) -> None:
    problems = check("ICP003", partnership(icb_appointee(), councils=councils))
    assert paths(problems) == [PARTNERSHIP]
    assert "local authority" in problems[0].message
    doc = partnership(
        icb_appointee(), council_appointee("Joe Burns", "Anywhere Council"), councils=councils
    )
    assert check("ICP003", doc) == []


# ICP004 known-local-authority


def test_unknown_council_is_reported_at_its_local_authority() -> None:
    doc = partnership(
        council_appointee("Joe Burns", "Wirral Council"),
        council_appointee("Ann Lee", "Flintshire County Council"),
        councils=["Wirral Council"],
    )
    problems = check("ICP004", doc)
    assert paths(problems) == [(*PARTNERSHIP, 1, "local_authority")]
    assert "Flintshire County Council" in problems[0].message
    assert "Wirral Council" in problems[0].message


@pytest.mark.parametrize("councils", [None, []], ids=["absent", "empty"])
def test_any_council_is_accepted_when_none_are_listed(councils: list[str] | None) -> None:
    doc = partnership(council_appointee("Ann Lee", "Flintshire County Council"), councils=councils)
    assert check("ICP004", doc) == []


def test_only_council_appointees_are_checked() -> None:
    doc = partnership(
        appointee("Ann Lee", "partnership", local_authority="Flintshire County Council"),
        appointee("Tom Reeves", "icb", local_authority="Flintshire County Council"),
        councils=["Wirral Council"],
    )
    assert check("ICP004", doc) == []


# ICP005 suggested-members

SUGGESTED = {
    "healthwatch": "Sam Ellis",
    "vcse": "Kay Moss",
    "social_care": "Raj Gill",
    "public_health": "Dr Ife Bello",
}


def from_sectors(*sectors: str) -> Doc:
    return partnership(
        *(appointee(SUGGESTED[sector], "partnership", sector=sector) for sector in sectors)
    )


def test_member_from_every_suggested_sector_passes() -> None:
    assert check("ICP005", from_sectors(*SUGGESTED)) == []


def test_one_problem_per_missing_sector() -> None:
    problems = check("ICP005", from_sectors("healthwatch", "vcse"))
    assert paths(problems) == [PARTNERSHIP, PARTNERSHIP]
    assert "no social care member" in problems[0].message
    assert "sector: social_care" in problems[0].message
    assert "no public health member" in problems[1].message


def test_empty_partnership_misses_every_sector() -> None:
    assert len(check("ICP005", partnership())) == len(SUGGESTED)


def test_sectors_are_a_parameter() -> None:
    doc = from_sectors("healthwatch")
    assert check("ICP005", doc, sectors=["healthwatch"]) == []
    problems = check("ICP005", doc, sectors=["healthwatch", "independent_sector"])
    assert len(problems) == 1
    assert "independent sector" in problems[0].message
