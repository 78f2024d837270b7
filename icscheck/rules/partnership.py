"""Rules about the integrated care partnership (LGPIHA 2007 s.116ZA, inserted by HCA 2022)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import cache

from icscheck import geography
from icscheck.citations import Citation
from icscheck.model import (
    Appointer,
    PartnershipMember,
    Sector,
    council_key,
    person_key,
)
from icscheck.results import Severity
from icscheck.rules.base import COUNCILS, Context, Param, Problem, Seat, exactly_one, rule
from icscheck.wording import closest, joined

MEMBERS = ("partnership", "members")

_APPOINTEES = """
    ics:
      name: Wirral Valley
      local_authorities: [Wirral Council]
    partnership:
      members:
        - {name: Amara Okafor, appointed_by: icb}
        - {name: Cllr Joe Burns, appointed_by: local_authority, local_authority: Wirral Council}
"""


def _provenance(ctx: Context) -> str:
    """Where the area's councils came from, when not from the file itself."""
    vintage = ctx.system.councils_from
    if vintage is None:
        return ""
    return (
        f" (councils from icscheck's reference data, {vintage}: {geography.UNVERIFIED}; "
        "list ics.local_authorities to override)"
    )


_LONGEST_SLIP = 100
"""Characters in the longest council name worth a suggestion (the longest real key has 34)."""


def _closest_council(name: str, councils: Iterable[str]) -> str | None:
    """The council among `councils` that `name` most likely misspells, compared by council key.

    Keys drop the titles, so 'Wiral Council' is compared as 'wiral' with 'wirral'. A council
    that icscheck's reference data knows (South Tyneside, for North Tyneside's area) is from
    elsewhere, not a misspelling, and gets no suggestion; nor does a name far longer than any
    council's, which difflib would take long to compare.
    """
    key = council_key(name)
    if len(key) > _LONGEST_SLIP or key in _reference_council_keys():
        return None
    by_key = {council_key(council): council for council in councils}
    close = closest(key, by_key)
    return by_key[close[0]] if close else None


@cache
def _reference_council_keys() -> frozenset[str]:
    return frozenset(council_key(council.name) for council in geography.council_records())


def _misspellings(
    appointees: dict[str, list[PartnershipMember]], councils: tuple[str, ...]
) -> dict[str, PartnershipMember]:
    """The area's councils that an appointee's council seems to misspell, with that appointee."""
    meant: dict[str, PartnershipMember] = {}
    for key, members in appointees.items():
        close = _closest_council(members[0].local_authority or "", councils)
        if close is not None and council_key(close) != key:
            meant.setdefault(close, members[0])
    return meant


def _meant(council: str, appointee: PartnershipMember | None) -> str:
    """A hint naming the appointee whose misspelt council may be `council`."""
    if appointee is None:
        return ""
    return (
        f"; '{appointee.name}' is recorded as appointed by {appointee.local_authority}: "
        f"did you mean {council}?"
    )


@rule(
    "ICP001",
    "partnership-established",
    citation=Citation("HCA22-ICP", "s.116ZA(1)"),
    passing="""
        partnership:
          name: Wirral Valley Health and Care Partnership
    """,
    failing="""
        ics:
          name: Wirral Valley
    """,
)
def partnership_established(ctx: Context) -> Iterator[Problem]:
    """The integrated care partnership is described in the file.

    "An integrated care board and each responsible local authority whose area coincides with or
    falls wholly or partly within the board's area must establish a joint committee for the
    board's area (an 'integrated care partnership')." Add a `partnership:` section; the rules
    on its membership (ICP002 to ICP006) run only when it is there.
    The 2021 white paper proposed a health and care partnership and left its membership to the
    area: "Local areas can appoint members and delegate functions to it as they think
    appropriate."
    """
    if ctx.system.partnership is None:
        yield Problem(
            "the file does not describe the integrated care partnership; add a partnership: "
            "section with its members",
            (),
        )


@rule(
    "ICP002",
    "icb-appointee",
    citation=Citation("HCA22-ICP", "s.116ZA(2)(a)"),
    passing=_APPOINTEES,
    failing="""
        partnership:
          members:
            - {name: Amara Okafor, appointed_by: icb}
            - {name: Tom Reeves, appointed_by: icb}
    """,
    seat=Seat(
        "partnership",
        ("appointed_by: icb",),
        (
            "Appointed by the ICB ({id}; Local Government and Public Involvement in Health Act "
            "2007 s.116ZA(2)(a)): exactly one member. Any further ICB nominees are appointed by "
            "the partnership itself (appointed_by: partnership).",
        ),
        employed=True,
        dated=False,
    ),
)
def icb_appointee(ctx: Context) -> Iterator[Problem]:
    """The partnership has exactly one member appointed by the integrated care board.

    The partnership consists of "(a) one member appointed by the integrated care board, (b) one
    member appointed by each of the responsible local authorities, and (c) any members appointed
    by the integrated care partnership". Further ICB nominees are appointed by the partnership
    itself: record them with `appointed_by: partnership`.
    """
    if ctx.system.partnership is None:
        return
    yield from exactly_one(
        [m for m in ctx.system.partnership_members if m.appointed_by is Appointer.ICB],
        Problem(
            "no partnership member is appointed by the ICB; the Act gives the ICB one appointee",
            MEMBERS,
        ),
        lambda extra, first: Problem(
            f"'{extra.name}' is a second ICB appointee (after '{first}'); the ICB "
            "appoints one member, and the partnership appoints any others",
            (*extra.path, "appointed_by"),
        ),
    )


@rule(
    "ICP003",
    "local-authority-appointees",
    citation=Citation("HCA22-ICP", "s.116ZA(2)(b), s.103"),
    passing=_APPOINTEES,
    failing="""
        ics:
          name: Wirral Valley
          local_authorities: [Wirral Council, Cheshire West and Chester Council]
        partnership:
          members:
            - {name: Cllr Joe Burns, appointed_by: local_authority, local_authority: Wirral Council}
    """,
    seat=Seat(
        "partnership",
        ("appointed_by: local_authority", "local_authority: {}"),
        (
            "Appointed by each responsible local authority of the area ({id}; s.116ZA(2)(b)): "
            "one member each{councils}",
        ),
        count=COUNCILS,
        dated=False,
    ),
)
def local_authority_appointees(ctx: Context) -> Iterator[Problem]:
    """Each responsible local authority of the area appoints exactly one partnership member.

    The partnership includes "one member appointed by each of the responsible local authorities".
    Responsible local authorities are the upper-tier councils (s.103): county councils, district
    councils where there is no county council, London borough councils, the Council of the Isles
    of Scilly and the Common Council of the City of London. The area's councils come from
    `ics.local_authorities`. Council names match loosely ('Wirral' matches 'Wirral Metropolitan
    Borough Council', 'Wirral MBC' and 'Borough of Wirral'). When an appointee's council is not
    one of the area's but is close to a council without an appointee, the finding says which
    member may have been meant. When the file gives only `icb_code`, the councils come from
    icscheck's reference data for the `--as-of` date, and the finding says so. When nothing says
    which councils they are, the rule still requires at least one council appointee, since every
    ICB area has at least one.
    """
    if ctx.system.partnership is None:
        return
    appointees: dict[str, list[PartnershipMember]] = {}
    for member in ctx.system.partnership_members:
        if member.appointed_by is Appointer.LOCAL_AUTHORITY and member.local_authority:
            appointees.setdefault(council_key(member.local_authority), []).append(member)
    councils = ctx.system.local_authorities
    if not councils:
        if not appointees:
            yield Problem(
                "no partnership member is appointed by a local authority; every responsible "
                "local authority of the area appoints one (list them in ics.local_authorities)",
                MEMBERS,
            )
        return
    misspelt = _misspellings(appointees, councils)
    for council in councils:
        yield from exactly_one(
            appointees.get(council_key(council), []),
            Problem(
                f"no partnership member is appointed by {council}; each responsible local "
                f"authority of the area appoints one{_provenance(ctx)}"
                f"{_meant(council, misspelt.get(council))}",
                MEMBERS,
            ),
            _second_appointee_of(council),
        )


def _second_appointee_of(council: str) -> Callable[[PartnershipMember, str], Problem]:
    def second(extra: PartnershipMember, first: str) -> Problem:
        return Problem(
            f"'{extra.name}' is a second appointee of {council} (after "
            f"'{first}'); each council appoints one member",
            (*extra.path, "local_authority"),
        )

    return second


@rule(
    "ICP004",
    "known-local-authority",
    citation=Citation("HCA22-ICP", "s.116ZA(2)(b), s.103"),
    passing=_APPOINTEES,
    failing="""
        ics:
          name: Wirral Valley
          local_authorities: [Wirral Council]
        partnership:
          members:
            - name: Cllr Ann Lee
              appointed_by: local_authority
              local_authority: Flintshire County Council
    """,
)
def known_local_authority(ctx: Context) -> Iterator[Problem]:
    """A member appointed by a local authority is appointed by a responsible authority of the area.

    The partnership includes "one member appointed by each of the responsible local authorities".
    Only the responsible local authorities of the board's area appoint members under
    s.116ZA(2)(b). A council from elsewhere, or a lower-tier district council in a county area,
    does not; check the spelling, or record the member as `appointed_by: partnership`. A name
    close to one of the area's councils gets a suggestion ('Wiral Council': did you mean Wirral
    Metropolitan Borough Council?).
    """
    councils = ctx.system.local_authorities
    if not councils:
        return
    known = {council_key(council) for council in councils}
    for member in ctx.system.partnership_members:
        if member.appointed_by is not Appointer.LOCAL_AUTHORITY or not member.local_authority:
            continue
        if council_key(member.local_authority) not in known:
            close = _closest_council(member.local_authority, councils)
            yield Problem(
                f"{member.local_authority} is not a responsible local authority of this area"
                f"{'' if close is None else f'; did you mean {close}?'} "
                f"(the area's councils: {', '.join(councils)}){_provenance(ctx)}",
                (*member.path, "local_authority"),
            )


@rule(
    "ICP005",
    "suggested-members",
    severity=Severity.INFO,
    citation=Citation("DHSC-ICP21", "suggested membership"),
    parameters={"sectors": Param(list, tuple(Sector))},
    passing="""
        partnership:
          members:
            - {name: Sam Ellis, appointed_by: partnership, sector: healthwatch}
            - {name: Kay Moss, appointed_by: partnership, sector: vcse}
            - {name: Raj Gill, appointed_by: partnership, sector: social_care}
            - {name: Dr Ife Bello, appointed_by: partnership, sector: public_health}
    """,
    failing="""
        partnership:
          members:
            - {name: Sam Ellis, appointed_by: partnership, sector: healthwatch}
    """,
    seat=Seat(
        "partnership",
        ("appointed_by: partnership", "sector: {}"),
        (
            "Suggested, not required by the Act ({id}, information only): members appointed by "
            "the partnership itself (s.116ZA(2)(c)) from Local Healthwatch, the voluntary, "
            "community and social enterprise sector, social care and public health.",
        ),
        count="sectors",
        dated=False,
    ),
)
def suggested_members(ctx: Context) -> Iterator[Problem]:
    """The partnership has a member from each sector in `sectors`.

    Not a legal requirement: the Act leaves further membership to the partnership. The 2021
    white paper said the partnership "could include health and wellbeing boards, Healthwatch,
    voluntary organisations, social care providers and independent sector partners"; the
    integrated care strategy must involve Local Healthwatch (s.116ZB(4)); DHSC's 2021 guidance on
    partnerships, as reported, expected public health and social care leaders. So this is
    information, not a breach.
    """
    if ctx.system.partnership is None:
        return
    present = {member.sector for member in ctx.system.partnership_members}
    for sector in ctx.params["sectors"]:
        if sector not in present:
            yield Problem(
                f"the partnership has no {Sector(sector).label} member; sources suggest one "
                f"(set sector: {sector})",
                MEMBERS,
            )


@rule(
    "ICP006",
    "one-member-per-person",
    severity=Severity.WARNING,
    citation=Citation("HCA22-ICP", "s.116ZA(2)", confidence="C"),
    passing=_APPOINTEES,
    failing="""
        ics:
          name: Wirral Valley
          local_authorities: [Wirral Council]
        partnership:
          members:
            - {name: Ann Lee, appointed_by: icb}
            - {name: Ann Lee, appointed_by: local_authority, local_authority: Wirral Council}
    """,
)
def one_member_per_person(ctx: Context) -> Iterator[Problem]:
    """Nobody is listed twice in the partnership.

    The partnership consists of "(a) one member appointed by the integrated care board, (b) one
    member appointed by each of the responsible local authorities, and (c) any members appointed
    by the integrated care partnership". One person listed under two appointments makes (a) and
    (b) look met by fewer people than the list suggests. The Act does not say in terms that one
    person cannot be appointed by two appointers, so this is an inference from the text, and a
    warning: list each person once, under the appointment they hold. Names are compared
    ignoring case and spacing; the finding is at the second entry.
    """
    entries: dict[str, list[PartnershipMember]] = {}
    for member in ctx.system.partnership_members:
        entries.setdefault(person_key(member.name), []).append(member)
    for listed in entries.values():
        if len(listed) > 1:
            yield Problem(_listed_again(listed), listed[1].path)


def _listed_again(listed: list[PartnershipMember]) -> str:
    """'Ann Lee' is listed twice, where, and by whom each entry says they were appointed."""
    times = "twice" if len(listed) == 2 else f"{len(listed)} times"
    entries = joined([str(int(member.path[-1]) + 1) for member in listed], most=5)
    said = f"'{listed[0].name}' is listed {times} (partnership members {entries})"
    by_appointer: dict[tuple[Appointer, str], str] = {}
    for member in listed:
        by_appointer.setdefault(_appointer_key(member), member.appointer)
    appointers = [f"by {a}" for a in by_appointer.values()]
    if len(appointers) == 1:
        return f"{said}, each time appointed {appointers[0]}; list each member once"
    return (
        f"{said}: appointed {joined(appointers, most=5)}; one person counted as "
        "two members can make an appointment look made when it is not (list each person once, "
        "under the appointment they hold)"
    )


def _appointer_key(member: PartnershipMember) -> tuple[Appointer, str]:
    """One appointer however its name is written: 'Wirral Council' is 'Wirral MBC'."""
    return member.appointed_by, council_key(member.local_authority or "")
