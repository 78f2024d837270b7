"""Edge cases of NHS England's 2020 option 1 rules (ICB020, ICB021, ICS001) and PLC001."""

from __future__ import annotations

import pytest

from tests.helpers import PLACE_SECTORS
from tests.rules.helpers import BOARD, PAST, Doc, check, document, member, paths

# ICB020 system-accountable-officer


def officer(organisation: str | None = None, **fields: object) -> Doc:
    extra = {} if organisation is None else {"organisation": organisation}
    return member("Kate Lund", "accountable_officer", **extra, **fields)


def ccg_member(organisation: str = "NHS Wirral CCG", **fields: object) -> Doc:
    return member(
        "Ben Ford", "partner_member", nominated_by="ccgs", organisation=organisation, **fields
    )


def test_no_accountable_officer() -> None:
    problems = check("ICB020", document([ccg_member()]))
    assert paths(problems) == [BOARD]
    assert "accountable officer" in problems[0].message


@pytest.mark.parametrize("organisation", ["NHS Wirral CCG", "nhs wirral ccg", None])
def test_officer_from_a_member_organisation_or_unstated_passes(organisation: str | None) -> None:
    assert check("ICB020", document([officer(organisation), ccg_member("NHS Wirral CCG")])) == []


def test_officer_from_elsewhere_is_reported_at_the_organisation() -> None:
    problems = check("ICB020", document([ccg_member(), officer("Acme Consulting")]))
    assert paths(problems) == [(*BOARD, 1, "organisation")]
    assert "Acme Consulting" in problems[0].message


def test_officer_alone_is_not_drawn_from_another_member() -> None:
    problems = check("ICB020", document([officer("NHS Wirral CCG")]))
    assert paths(problems) == [(*BOARD, 0, "organisation")]


@pytest.mark.parametrize(
    "sector",
    ["ccg", "nhs_trust", "primary_care", "local_authority", "community_services", "mental_health"],
)
def test_officer_from_a_member_kind_needs_no_second_seat(sector: str) -> None:
    """Issue 6: the officer's own seat represents their organisation (Bevan Brittan)."""
    assert check("ICB020", document([officer("NHS Wirral CCG", sector=sector)])) == []


@pytest.mark.parametrize("sector", ["other", "private_healthcare", "vcse"])
def test_officer_from_outside_the_member_kinds_is_still_reported(sector: str) -> None:
    problems = check("ICB020", document([ccg_member(), officer("Acme Health Ltd", sector=sector)]))
    assert paths(problems) == [(*BOARD, 1, "organisation")]
    assert "member organisation" in problems[0].message


def test_officer_from_outside_sharing_a_members_organisation_passes() -> None:
    doc = document([officer("NHS Wirral CCG", sector="other"), ccg_member("NHS Wirral CCG")])
    assert check("ICB020", doc) == []


def test_organisation_of_a_former_member_does_not_count() -> None:
    doc = document([officer("NHS Wirral CCG"), ccg_member(term_ends=PAST)])
    assert paths(check("ICB020", doc)) == [(*BOARD, 0, "organisation")]


def test_former_accountable_officer_is_not_in_post() -> None:
    doc = document([officer("NHS Wirral CCG", term_ends=PAST), ccg_member()])
    assert paths(check("ICB020", doc)) == [BOARD]


# ICB021 commissioner-member


@pytest.mark.parametrize(
    "entry",
    [ccg_member(), member("Ben Ford", "ordinary_member", sector="ccg")],
    ids=["nominated-by-ccgs", "ccg-sector"],
)
def test_member_representing_the_ccg_passes(entry: Doc) -> None:
    assert check("ICB021", document([entry])) == []


@pytest.mark.parametrize(
    "entry",
    [
        member("Ben Ford", "partner_member", nominated_by="nhs_trusts", sector="nhs_trust"),
        ccg_member(term_ends=PAST),
        member("Ben Ford", "ordinary_member", interests=[{"organisation": "X", "sector": "ccg"}]),
    ],
    ids=["other-nominator", "former", "interest-only"],
)
def test_no_member_representing_the_ccg(entry: Doc) -> None:
    problems = check("ICB021", document([entry]))
    assert paths(problems) == [BOARD]
    assert "CCG" in problems[0].message


# ICS001 one-ccg


def test_unlisted_ccgs_say_nothing() -> None:
    assert check("ICS001", document()) == []


def test_one_ccg_passes() -> None:
    assert check("ICS001", document(ics={"ccgs": ["NHS Wirral CCG"]})) == []


def test_no_ccg_is_reported() -> None:
    problems = check("ICS001", document(ics={"ccgs": []}))
    assert paths(problems) == [("ics", "ccgs")]
    assert "no CCG" in problems[0].message


def test_two_ccgs_are_reported() -> None:
    problems = check("ICS001", document(ics={"ccgs": ["NHS Wirral CCG", "NHS Cheshire CCG"]}))
    assert paths(problems) == [("ics", "ccgs")]
    assert "2 CCGs" in problems[0].message
    assert "NHS Cheshire CCG" in problems[0].message


# PLC001 place-minimum-membership


def place(name: str, *sectors: str) -> Doc:
    return {
        "name": name,
        "members": [{"name": f"Member {i}", "sector": s} for i, s in enumerate(sectors)],
    }


def test_no_places_say_nothing() -> None:
    assert check("PLC001", document()) == []
    assert check("PLC001", document(places=[])) == []


def test_one_problem_per_place_that_misses_a_sector() -> None:
    doc = document(
        places=[
            place("Wirral", *PLACE_SECTORS),
            place("Cheshire West", "primary_care", "local_authority", "housing"),
            place("Cheshire East", *PLACE_SECTORS[1:]),
        ]
    )
    problems = check("PLC001", doc)
    assert paths(problems) == [("places", 1, "name"), ("places", 2, "name")]
    assert "Cheshire West" in problems[0].message
    assert "public health, community services, mental health, healthwatch" in problems[0].message
    assert "local authority" not in problems[0].message
    assert "Cheshire East" in problems[1].message
    assert problems[1].message.endswith("primary care")


def test_place_without_members_misses_every_sector() -> None:
    problems = check("PLC001", document(places=[{"name": "Wirral"}]))
    assert paths(problems) == [("places", 0, "name")]
    assert all(s.replace("_", " ") in problems[0].message for s in PLACE_SECTORS)


def test_place_sectors_are_a_parameter() -> None:
    doc = document(places=[place("Wirral", "primary_care")])
    assert check("PLC001", doc, sectors=["primary_care"]) == []
    problems = check("PLC001", doc, sectors=["primary_care", "housing"])
    assert problems[0].message.endswith("housing")
