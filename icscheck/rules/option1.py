"""Rules of NHS England's 2020 option 1: CCGs kept, under a statutory ICS committee."""

from __future__ import annotations

from collections.abc import Iterator

from icscheck.citations import Citation
from icscheck.model import Nominator, Role, Sector
from icscheck.rules.base import Context, Problem, Seat, rule

MEMBERS = ("board", "members")


_MEMBER_KINDS = frozenset(
    {
        Sector.CCG,
        Sector.NHS_TRUST,
        Sector.PRIMARY_CARE,
        Sector.LOCAL_AUTHORITY,
        Sector.COMMUNITY_SERVICES,
        Sector.MENTAL_HEALTH,
    }
)
"""The kinds of organisation option 1's committee and places bring together."""


@rule(
    "ICB020",
    "system-accountable-officer",
    citation=Citation("NHSE-IC20", "option 1"),
    passing="""
        board:
          members:
            - name: Kate Lund
              role: accountable_officer
              organisation: NHS Wirral CCG
              sector: ccg
    """,
    failing="""
        board:
          members:
            - {name: Kate Lund, role: accountable_officer, organisation: Acme Consulting}
            - {name: Ben Ford, role: partner_member, nominated_by: ccgs, organisation: Wirral CCG}
    """,
    seat=Seat(
        "board",
        ("role: accountable_officer", "sector: ccg"),
    ),
)
def system_accountable_officer(ctx: Context) -> Iterator[Problem]:
    """The ICS committee has a system accountable officer drawn from a member organisation.

    Option 1 would "create a statutory ICS accountable officer and committee that brings together
    all commissioners, providers and local authorities". As reported by Bevan Brittan, the
    officer was to be chosen from the accountable officers or chief executives of the mandatory
    members, so the officer's own seat represents their organisation: no second member from it
    is needed. The rule passes when the officer's `sector` is one of the member kinds (CCG, NHS
    trust, primary care, local authority, community or mental health services), or when another
    member comes from the officer's `organisation`. An officer from outside them (a consultancy,
    a private provider) is a finding; an unstated organisation is unknown, not a breach.
    """
    officers = [m for m in ctx.board_members if m.role is Role.ACCOUNTABLE_OFFICER]
    if not officers:
        yield Problem(
            "the ICS committee has no system accountable officer; add a member with "
            "role: accountable_officer",
            MEMBERS,
        )
    for officer in officers:
        if officer.organisation is None or officer.sector in _MEMBER_KINDS:
            continue
        others = {
            m.organisation.casefold()
            for m in ctx.board_members
            if m is not officer and m.organisation
        }
        if officer.organisation.casefold() not in others:
            yield Problem(
                f"the accountable officer's organisation, {officer.organisation}, is not a "
                "member organisation; option 1 draws the officer from the accountable officers "
                "or chief executives of the member organisations (give their sector, e.g. "
                "sector: ccg)",
                (*officer.path, "organisation"),
            )


@rule(
    "ICB021",
    "commissioner-member",
    citation=Citation("NHSE-IC20", "option 1"),
    passing="""
        board:
          members:
            - {name: Ben Ford, role: partner_member, nominated_by: ccgs}
    """,
    failing="""
        board:
          members:
            - {name: Ben Ford, role: partner_member, nominated_by: nhs_trusts}
    """,
    seat=Seat(
        "board",
        ("role: partner_member", "nominated_by: ccgs"),
    ),
)
def commissioner_member(ctx: Context) -> Iterator[Problem]:
    """The ICS committee has a member representing the clinical commissioning group.

    Under option 1 the committee "brings together all commissioners, providers and local
    authorities", and the CCG stays the commissioner. A member counts when nominated by the
    CCG (`nominated_by: ccgs`) or from the CCG sector (`sector: ccg`).
    """
    if not any(
        m.nominated_by is Nominator.CCGS or m.sector is Sector.CCG for m in ctx.board_members
    ):
        yield Problem(
            "no member represents the CCG; add a member with nominated_by: ccgs or sector: ccg",
            MEMBERS,
        )


@rule(
    "ICS001",
    "one-ccg",
    citation=Citation("NHSE-IC20", "option 1"),
    passing="""
        ics:
          name: Wirral Valley
          ccgs: [NHS Wirral Valley CCG]
    """,
    failing="""
        ics:
          name: Wirral Valley
          ccgs: [NHS Wirral CCG, NHS Cheshire CCG]
    """,
)
def one_ccg(ctx: Context) -> Iterator[Problem]:
    """The system has exactly one clinical commissioning group.

    Option 1: "There would be one CCG per ICS." List the system's CCGs in `ics.ccgs`; when the
    file does not list them the rule cannot tell, and says nothing.
    """
    ccgs = ctx.system.ccgs
    if ccgs is None or len(ccgs) == 1:
        return
    found = "no CCG" if not ccgs else f"{len(ccgs)} CCGs ({', '.join(ccgs)})"
    yield Problem(
        f"the system lists {found}; option 1 has exactly one CCG per ICS", ("ics", "ccgs")
    )
