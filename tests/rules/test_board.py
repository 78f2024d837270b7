"""Edge cases of the integrated care board rules (ICB001 to ICB015)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from tests.rules.helpers import (
    AS_OF,
    BOARD,
    FUTURE,
    PAST,
    Doc,
    check,
    document,
    member,
    paths,
)

HCA_2022_BOARD_RULES = [f"ICB{n:03d}" for n in range(1, 16)]


def chair(name: str = "Amara Okafor", **fields: object) -> Doc:
    return member(name, "chair", **fields)


def chief(name: str = "Tom Reeves", **fields: object) -> Doc:
    return member(name, "chief_executive", **fields)


def ordinary(name: str, **fields: object) -> Doc:
    return member(name, "ordinary_member", **fields)


def non_exec(name: str, **fields: object) -> Doc:
    return member(name, "non_executive", **fields)


def executive(name: str, portfolio: str, **fields: object) -> Doc:
    return member(name, "executive", portfolio=portfolio, **fields)


def lapsed(entry: Doc) -> Doc:
    return {**entry, "appointed": "2020-01-01", "term_ends": PAST}


def future(entry: Doc) -> Doc:
    return {**entry, "appointed": FUTURE}


OutOfTerm = Callable[[Doc], Doc]
OUT_OF_TERM = pytest.mark.parametrize("out_of_term", [lapsed, future], ids=["lapsed", "future"])


# The whole board


@pytest.mark.parametrize("rule_id", HCA_2022_BOARD_RULES)
def test_compliant_board_passes(compliant: Doc, rule_id: str) -> None:
    assert check(rule_id, compliant) == []


# ICB001 board-chair and ICB002 board-chief-executive


def test_no_chair_is_reported_at_the_member_list() -> None:
    problems = check("ICB001", document([chief()]))
    assert paths(problems) == [BOARD]
    assert "no chair" in problems[0].message


def test_second_chair_is_reported_at_the_second_chair() -> None:
    problems = check("ICB001", document([chair("Amara Okafor"), chief(), chair("Beth Hughes")]))
    assert paths(problems) == [(*BOARD, 2)]
    assert "'Beth Hughes' is a second chair" in problems[0].message
    assert "Amara Okafor" in problems[0].message


def test_third_chair_is_reported_too() -> None:
    problems = check("ICB001", document([chair("A One"), chair("B Two"), chair("C Three")]))
    assert paths(problems) == [(*BOARD, 1), (*BOARD, 2)]


@OUT_OF_TERM
def test_chair_out_of_term_is_not_in_post(out_of_term: OutOfTerm) -> None:
    doc = document([out_of_term(chair()), chief()])
    problems = check("ICB001", doc)
    assert paths(problems) == [BOARD]
    assert "no chair" in problems[0].message
    assert paths(check("ICB015", doc)) == [
        (*BOARD, 0, "term_ends" if out_of_term is lapsed else "appointed")
    ]


def test_former_chair_beside_the_current_one_is_not_a_second_chair() -> None:
    doc = document([lapsed(chair("Former Chair")), chair("Amara Okafor"), chief()])
    assert check("ICB001", doc) == []
    assert paths(check("ICB015", doc)) == [(*BOARD, 0, "term_ends")]


def test_chair_in_term_on_the_first_and_last_day() -> None:
    day = AS_OF.isoformat()
    assert check("ICB001", document([chair(appointed=day)])) == []
    assert check("ICB001", document([chair(term_ends=day)])) == []


def test_no_chief_executive() -> None:
    problems = check("ICB002", document([chair()]))
    assert paths(problems) == [BOARD]
    assert "no chief executive" in problems[0].message


def test_second_chief_executive_is_reported_at_the_second_one() -> None:
    doc = document([chief("Tom Reeves"), chair(), ordinary("Ann Cole"), chief("Kate Lund")])
    problems = check("ICB002", doc)
    assert paths(problems) == [(*BOARD, 3)]
    assert "'Kate Lund' is a second chief executive" in problems[0].message


@OUT_OF_TERM
def test_chief_executive_out_of_term_is_not_in_post(out_of_term: OutOfTerm) -> None:
    assert paths(check("ICB002", document([chair(), out_of_term(chief())]))) == [BOARD]


def test_participant_is_not_a_chair() -> None:
    doc = document([member("Amara Okafor", "participant"), chief()])
    assert paths(check("ICB001", doc)) == [BOARD]


# ICB003 ordinary-members

THREE_ORDINARY = [
    chair(),
    chief(),
    member("Ruth Adeyemi", "partner_member", nominated_by="nhs_trusts"),
    executive("Li Wei", "finance"),
    non_exec("Owen Price"),
]


def test_three_ordinary_members_pass() -> None:
    assert check("ICB003", document(THREE_ORDINARY)) == []


def test_two_ordinary_members_fail() -> None:
    problems = check("ICB003", document(THREE_ORDINARY[:4]))
    assert paths(problems) == [BOARD]
    assert "2 ordinary members" in problems[0].message
    assert "at least 3" in problems[0].message


def test_chair_and_chief_executive_are_not_ordinary_members() -> None:
    problems = check("ICB003", document([chair(), chief(), ordinary("Ann Cole")]))
    assert "1 ordinary member in post" in problems[0].message


def test_participants_are_not_ordinary_members() -> None:
    doc = document(
        [
            *THREE_ORDINARY[:4],
            member("Hannah Ross", "participant"),
            member("Jo Park", "participant", voting=True),
        ]
    )
    assert "2 ordinary members" in check("ICB003", doc)[0].message


def test_ordinary_members_are_distinct_people() -> None:
    doc = document([*THREE_ORDINARY[:4], ordinary("  li   WEI ")])
    problems = check("ICB003", doc)
    assert paths(problems) == [BOARD]
    assert "2 ordinary members" in problems[0].message


@OUT_OF_TERM
def test_ordinary_member_out_of_term_does_not_count(out_of_term: OutOfTerm) -> None:
    doc = document([*THREE_ORDINARY[:4], out_of_term(THREE_ORDINARY[4])])
    assert "2 ordinary members" in check("ICB003", doc)[0].message
    assert paths(check("ICB015", doc)) == [
        (*BOARD, 4, "term_ends" if out_of_term is lapsed else "appointed")
    ]


@pytest.mark.parametrize(("minimum", "fails"), [(2, False), (3, False), (4, True)])
def test_ordinary_member_minimum_is_a_parameter(minimum: int, fails: bool) -> None:
    problems = check("ICB003", document(THREE_ORDINARY), minimum=minimum)
    assert bool(problems) is fails
    if fails:
        assert f"at least {minimum}" in problems[0].message


# ICB004 to ICB006 partner members

PARTNER_RULES = {
    "ICB004": "nhs_trusts",
    "ICB005": "primary_medical_services",
    "ICB006": "local_authorities",
}


@pytest.mark.parametrize(("rule_id", "nominator"), PARTNER_RULES.items())
def test_partner_member_of_each_nominating_group(rule_id: str, nominator: str) -> None:
    nominated = member("Ruth Adeyemi", "partner_member", nominated_by=nominator)
    assert check(rule_id, document([nominated])) == []
    others = [
        member(f"Member {other}", "partner_member", nominated_by=other)
        for other in PARTNER_RULES.values()
        if other != nominator
    ]
    problems = check(rule_id, document(others))
    assert paths(problems) == [BOARD]
    assert f"nominated_by: {nominator}" in problems[0].message


@pytest.mark.parametrize(
    ("rule_id", "sector"), [("ICB004", "nhs_trust"), ("ICB006", "local_authority")]
)
def test_member_from_the_sector_is_not_a_nominated_partner_member(
    rule_id: str, sector: str
) -> None:
    assert check(rule_id, document([ordinary("Ruth Adeyemi", sector=sector)]))


@OUT_OF_TERM
@pytest.mark.parametrize(("rule_id", "nominator"), PARTNER_RULES.items())
def test_partner_member_out_of_term_does_not_count(
    out_of_term: OutOfTerm, rule_id: str, nominator: str
) -> None:
    nominated = member("Ruth Adeyemi", "partner_member", nominated_by=nominator)
    assert paths(check(rule_id, document([out_of_term(nominated)]))) == [BOARD]


# ICB007 mental-health-expertise


@pytest.mark.parametrize(
    "entry",
    [
        ordinary("Dr Nia Evans", expertise=["mental_health"]),
        non_exec("Dr Nia Evans", expertise=["finance", "mental_health"]),
        member(
            "Dr Nia Evans", "partner_member", nominated_by="nhs_trusts", expertise=["mental_health"]
        ),
    ],
    ids=["ordinary", "non-executive", "partner"],
)
def test_ordinary_member_with_mental_health_expertise_passes(entry: Doc) -> None:
    assert check("ICB007", document([chair(), chief(), entry])) == []


@pytest.mark.parametrize(
    "entry",
    [
        chair(expertise=["mental_health"]),
        chief(expertise=["mental_health"]),
        member("Dr Nia Evans", "participant", expertise=["mental_health"]),
        lapsed(ordinary("Dr Nia Evans", expertise=["mental_health"])),
        future(ordinary("Dr Nia Evans", expertise=["mental_health"])),
        ordinary("Dr Nia Evans", expertise=["mental health"]),
        ordinary("Dr Nia Evans", sector="mental_health"),
    ],
    ids=["chair", "chief-executive", "participant", "lapsed", "future", "spelt-out", "sector"],
)
def test_mental_health_expertise_that_does_not_count(entry: Doc) -> None:
    problems = check("ICB007", document([entry, ordinary("Li Wei")]))
    assert paths(problems) == [BOARD]
    assert "mental health" in problems[0].message


# ICB008 chair-not-chief-executive


@pytest.mark.parametrize("ce_name", ["Amara Okafor", "amara okafor", "  AMARA   Okafor "])
def test_chair_who_is_also_chief_executive(ce_name: str) -> None:
    doc = document([chair("Amara Okafor"), ordinary("Li Wei"), chief(ce_name)])
    problems = check("ICB008", doc)
    assert paths(problems) == [(*BOARD, 2)]
    assert "both chair and chief executive" in problems[0].message


def test_different_chair_and_chief_executive_pass() -> None:
    assert check("ICB008", document([chair("Amara Okafor"), chief("Amara Okafo")])) == []


def test_former_chair_who_is_now_chief_executive_passes() -> None:
    doc = document([lapsed(chair("Amara Okafor")), chair("Beth Hughes"), chief("Amara Okafor")])
    assert check("ICB008", doc) == []


# ICB009 private-healthcare-independence


@pytest.mark.parametrize("sector", ["private_healthcare", "independent_sector"])
def test_member_working_in_private_healthcare_is_flagged(sector: str) -> None:
    problems = check("ICB009", document([chair(), ordinary("Owen Price", sector=sector)]))
    assert paths(problems) == [(*BOARD, 1, "sector")]
    assert "Owen Price" in problems[0].message
    assert "para 4" in problems[0].message


@pytest.mark.parametrize("sector", ["private_healthcare", "independent_sector"])
def test_interest_in_private_healthcare_is_flagged_at_the_interest(sector: str) -> None:
    interests = [
        {"organisation": "Wirral Food Bank", "sector": "vcse", "kind": "directorship"},
        {"organisation": "Example Clinics Ltd", "sector": sector, "kind": "shareholding"},
    ]
    problems = check("ICB009", document([chair(), non_exec("Owen Price", interests=interests)]))
    assert paths(problems) == [(*BOARD, 1, "interests", 1)]
    assert "Example Clinics Ltd" in problems[0].message
    assert "para 4" in problems[0].message


def test_member_sector_and_interest_are_flagged_separately() -> None:
    entry = ordinary(
        "Owen Price",
        sector="private_healthcare",
        interests=[{"organisation": "Spire Healthcare", "sector": "independent_sector"}],
    )
    assert paths(check("ICB009", document([entry]))) == [
        (*BOARD, 0, "sector"),
        (*BOARD, 0, "interests", 0),
    ]


def test_other_sectors_and_out_of_term_members_are_not_flagged() -> None:
    doc = document(
        [
            ordinary("Ruth Adeyemi", sector="nhs_trust"),
            ordinary("Kay Moss", interests=[{"organisation": "Example Clinics Ltd"}]),
            lapsed(ordinary("Owen Price", sector="private_healthcare")),
        ]
    )
    assert check("ICB009", doc) == []


# ICB010 chief-executive-employee

BOARD_NAME = "NHS Wirral Valley Integrated Care Board"


@pytest.mark.parametrize(
    "organisation",
    [
        BOARD_NAME,
        "nhs  wirral valley integrated CARE board",
        "NHS Wirral Valley ICB",
        "Wirral Valley icb",
        None,
    ],
)
def test_chief_executive_employed_by_this_icb_passes(organisation: str | None) -> None:
    doc = document([chief(organisation=organisation)], board_name=BOARD_NAME)
    assert check("ICB010", doc) == []


@pytest.mark.parametrize(
    "organisation",
    [
        "Wirral University Teaching Hospital NHS Foundation Trust",
        "Picbys Consulting Ltd",
    ],
)
def test_chief_executive_employed_elsewhere_fails(organisation: str) -> None:
    doc = document([chair(), chief(organisation=organisation)], board_name=BOARD_NAME)
    problems = check("ICB010", doc)
    assert paths(problems) == [(*BOARD, 1, "organisation")]
    assert organisation in problems[0].message
    assert "employee" in problems[0].message
    assert "seconded_from" in problems[0].message


@pytest.mark.parametrize(
    "organisation",
    ["NHS Cheshire and Merseyside Integrated Care Board", "Cheshire and Merseyside ICB"],
)
def test_chief_executive_of_another_icb_fails(organisation: str) -> None:
    """Changed by issue 6: any ICB's name used to pass; only this board's does now."""
    doc = document([chief(organisation=organisation)], board_name=BOARD_NAME)
    problems = check("ICB010", doc)
    assert paths(problems) == [(*BOARD, 0, "organisation")]
    assert "another ICB" in problems[0].message
    assert BOARD_NAME in problems[0].message


def test_seconded_chief_executive_passes() -> None:
    trust = "Wirral University Teaching Hospital NHS Foundation Trust"
    seconded = chief(organisation=trust, seconded_from=trust)
    assert check("ICB010", document([seconded], board_name=BOARD_NAME)) == []
    assert check("ICB010", document([chief(seconded_from="HM Treasury")])) == []


@pytest.mark.parametrize(
    ("organisation", "found"),
    [
        ("NHS Derby and Derbyshire ICB", False),
        ("Derby and Derbyshire Integrated Care Board", False),
        ("NHS Nottingham and Nottinghamshire ICB", True),
        ("Derbyshire County Council", True),
    ],
)
def test_icb_code_names_the_board_when_the_file_does_not(organisation: str, found: bool) -> None:
    doc = document([chief(organisation=organisation)], ics={"icb_code": "QJ2"})
    problems = check("ICB010", doc)
    assert bool(problems) is found
    if found and "ICB" in organisation:
        assert "NHS Derby and Derbyshire Integrated Care Board" in problems[0].message


def test_icb_looking_employer_is_unknown_without_the_boards_name_or_code() -> None:
    assert check("ICB010", document([chief(organisation="NHS Wirral Valley ICB")])) == []
    assert check("ICB010", document([chief(organisation="NHS Elsewhere ICB")])) == []
    assert check("ICB010", document([chief(organisation="Wirral Council")]))


def test_former_chief_executive_employed_elsewhere_is_not_checked() -> None:
    doc = document([lapsed(chief("Kate Lund", organisation="Wirral Council")), chief()])
    assert check("ICB010", doc) == []


# ICB011 executive-members

EXECUTIVES = [
    executive("Li Wei", "finance"),
    executive("Dr Sam Patel", "medical"),
    executive("Grace Mensah", "nursing"),
]


def test_executives_for_every_portfolio_pass() -> None:
    assert check("ICB011", document(EXECUTIVES)) == []


def test_one_problem_per_missing_portfolio() -> None:
    problems = check("ICB011", document([EXECUTIVES[0], executive("Jo Park", "other")]))
    assert paths(problems) == [BOARD, BOARD]
    assert "medical portfolio" in problems[0].message
    assert "nursing portfolio" in problems[1].message


def test_portfolio_held_by_a_non_executive_does_not_count() -> None:
    doc = document([*EXECUTIVES[1:], non_exec("Li Wei", portfolio="finance")])
    problems = check("ICB011", doc)
    assert len(problems) == 1
    assert "finance portfolio" in problems[0].message


@OUT_OF_TERM
def test_executive_out_of_term_does_not_count(out_of_term: OutOfTerm) -> None:
    doc = document([out_of_term(EXECUTIVES[0]), *EXECUTIVES[1:]])
    problems = check("ICB011", doc)
    assert len(problems) == 1
    assert "finance portfolio" in problems[0].message


def test_portfolios_are_a_parameter() -> None:
    finance_only = document([EXECUTIVES[0]])
    assert check("ICB011", finance_only, portfolios=["finance"]) == []
    problems = check("ICB011", finance_only, portfolios=["finance", "other"])
    assert len(problems) == 1
    assert "other portfolio" in problems[0].message
    assert check("ICB011", finance_only, portfolios=[]) == []


# ICB012 non-executive-members


def test_two_non_executives_pass() -> None:
    assert check("ICB012", document([non_exec("Owen Price"), non_exec("Beth Hughes")])) == []


def test_chair_is_not_a_non_executive_member() -> None:
    problems = check("ICB012", document([chair(), non_exec("Owen Price")]))
    assert paths(problems) == [BOARD]
    assert "1 non-executive member besides the chair" in problems[0].message
    assert "at least 2" in problems[0].message


def test_non_executives_are_distinct_people() -> None:
    problems = check("ICB012", document([non_exec("Owen Price"), non_exec("OWEN price")]))
    assert "1 non-executive member" in problems[0].message


@OUT_OF_TERM
def test_non_executive_out_of_term_does_not_count(out_of_term: OutOfTerm) -> None:
    doc = document([non_exec("Owen Price"), out_of_term(non_exec("Beth Hughes"))])
    assert paths(check("ICB012", doc)) == [BOARD]


@pytest.mark.parametrize(("minimum", "fails"), [(1, False), (2, False), (3, True)])
def test_non_executive_minimum_is_a_parameter(minimum: int, fails: bool) -> None:
    problems = check(
        "ICB012", document([non_exec("Owen Price"), non_exec("Beth Hughes")]), minimum=minimum
    )
    assert bool(problems) is fails
    if fails:
        assert "2 non-executive members" in problems[0].message
        assert f"at least {minimum}" in problems[0].message


# ICB013 non-executive-independence


@pytest.mark.parametrize("role", ["chair", "non_executive"])
@pytest.mark.parametrize("sector", ["nhs_trust", "local_authority", "primary_care", "social_care"])
def test_independent_member_working_in_health_and_care_is_flagged(role: str, sector: str) -> None:
    problems = check("ICB013", document([chief(), member("Owen Price", role, sector=sector)]))
    assert paths(problems) == [(*BOARD, 1, "sector")]
    assert "Owen Price" in problems[0].message
    assert role.replace("_", "-") in problems[0].message


@pytest.mark.parametrize(
    "role", ["executive", "partner_member", "ordinary_member", "chief_executive", "participant"]
)
def test_other_roles_may_work_in_health_and_care(role: str) -> None:
    entry = member(
        "Ruth Adeyemi",
        role,
        sector="nhs_trust",
        interests=[{"organisation": "Wirral Trust", "sector": "nhs_trust", "kind": "employment"}],
        **({"nominated_by": "nhs_trusts"} if role == "partner_member" else {}),
    )
    assert check("ICB013", document([entry])) == []


@pytest.mark.parametrize("kind", ["employment", "directorship"])
def test_role_in_a_health_and_care_organisation_is_flagged_at_the_interest(kind: str) -> None:
    interests = [
        {"organisation": "Wirral Food Bank", "sector": "vcse", "kind": "directorship"},
        {"organisation": "Birkenhead Medical Practice", "sector": "primary_care", "kind": kind},
    ]
    problems = check("ICB013", document([non_exec("Owen Price", interests=interests)]))
    assert paths(problems) == [(*BOARD, 0, "interests", 1)]
    assert "Birkenhead Medical Practice" in problems[0].message
    assert kind in problems[0].message


@pytest.mark.parametrize(
    "interest",
    [
        {"organisation": "Wirral Trust", "sector": "nhs_trust", "kind": "shareholding"},
        {"organisation": "Wirral Trust", "sector": "nhs_trust", "kind": "contract"},
        {"organisation": "Wirral Trust", "sector": "nhs_trust"},
        {"organisation": "Healthwatch Wirral", "sector": "healthwatch", "kind": "employment"},
        {"organisation": "Wirral Food Bank", "sector": "vcse", "kind": "directorship"},
        {"organisation": "Wirral Met College", "sector": "education", "kind": "employment"},
    ],
    ids=["shareholding", "contract", "no-kind", "healthwatch", "vcse", "education"],
)
def test_interests_that_are_not_a_health_and_care_role(interest: Doc) -> None:
    assert check("ICB013", document([chair(interests=[interest])])) == []


@pytest.mark.parametrize("sector", ["healthwatch", "vcse", "other"])
def test_independent_member_from_healthwatch_or_vcse_passes(sector: str) -> None:
    assert check("ICB013", document([non_exec("Owen Price", sector=sector)])) == []


def test_former_non_executive_is_not_checked() -> None:
    assert check("ICB013", document([lapsed(non_exec("Owen Price", sector="nhs_trust"))])) == []


# ICB014 one-seat-per-person


def test_person_in_two_seats_is_flagged_at_the_second() -> None:
    doc = document([chair(), executive("Li Wei", "finance"), chief(), ordinary(" LI  wei")])
    problems = check("ICB014", doc)
    assert paths(problems) == [(*BOARD, 3)]
    assert "already sits on the board as executive" in problems[0].message


def test_person_in_three_seats_is_flagged_twice() -> None:
    doc = document([ordinary("Li Wei"), non_exec("li wei"), executive("LI WEI", "finance")])
    assert paths(check("ICB014", doc)) == [(*BOARD, 1), (*BOARD, 2)]


def test_participant_with_a_members_name_is_not_a_second_seat() -> None:
    doc = document([chair(), member("Amara Okafor", "participant")])
    assert check("ICB014", doc) == []


def test_earlier_seat_out_of_term_is_not_a_second_seat() -> None:
    doc = document([lapsed(executive("Li Wei", "finance")), non_exec("Li Wei")])
    assert check("ICB014", doc) == []


# ICB015 term-in-force


def test_lapsed_term_is_reported_at_term_ends() -> None:
    doc = document([chair(), non_exec("Owen Price", appointed="2022-07-01", term_ends=PAST)])
    problems = check("ICB015", doc)
    assert paths(problems) == [(*BOARD, 1, "term_ends")]
    assert "Owen Price" in problems[0].message
    assert PAST in problems[0].message


def test_future_appointment_is_reported_at_appointed() -> None:
    problems = check("ICB015", document([non_exec("Owen Price", appointed=FUTURE)]))
    assert paths(problems) == [(*BOARD, 0, "appointed")]
    assert FUTURE in problems[0].message
    assert "not appointed until" in problems[0].message


def test_term_ending_before_it_begins_is_reported_once() -> None:
    entry = non_exec("Owen Price", appointed="2025-07-01", term_ends="2025-06-30")
    problems = check("ICB015", document([entry]))
    assert paths(problems) == [(*BOARD, 0, "term_ends")]
    assert "before it begins" in problems[0].message


def test_term_ending_before_it_begins_does_not_count_toward_other_rules() -> None:
    entry = chair(appointed="2025-07-01", term_ends="2025-06-30")
    assert paths(check("ICB001", document([entry, chief()]))) == [BOARD]


def test_participants_out_of_term_are_reported_too() -> None:
    doc = document([lapsed(member("Hannah Ross", "participant"))])
    assert paths(check("ICB015", doc)) == [(*BOARD, 0, "term_ends")]


@pytest.mark.parametrize(
    "dates",
    [
        {},
        {"appointed": "2022-07-01"},
        {"term_ends": "2099-12-31"},
        {"appointed": AS_OF.isoformat(), "term_ends": AS_OF.isoformat()},
    ],
    ids=["unstated", "appointed-only", "term-ends-only", "one-day-term"],
)
def test_terms_in_force_pass(dates: dict[str, str]) -> None:
    assert check("ICB015", document([non_exec("Owen Price", **dates)])) == []


def test_term_is_judged_on_the_as_of_date() -> None:
    doc = document([non_exec("Owen Price", appointed="2022-07-01", term_ends=PAST)])
    assert check("ICB015", doc, as_of=dt.date(2023, 1, 1)) == []
    assert check("ICB015", doc, as_of=dt.date(2022, 6, 30))
    assert check("ICB015", doc)


def test_compliant_board_loses_its_chair_when_the_term_lapses(compliant: Doc) -> None:
    compliant["board"]["members"][0]["term_ends"] = PAST
    assert paths(check("ICB001", compliant)) == [BOARD]
    assert paths(check("ICB015", compliant)) == [(*BOARD, 0, "term_ends")]
    assert check("ICB001", compliant, as_of=dt.date(2024, 1, 1)) == []
