"""Rules about the integrated care board's membership (NHS Act 2006 Schedule 1B and guidance)."""

from __future__ import annotations

from collections.abc import Iterator

from icscheck import geography
from icscheck.citations import Citation
from icscheck.model import BoardMember, Nominator, Role, Sector, person_key
from icscheck.results import Severity
from icscheck.rules.base import Context, Param, Problem, Seat, exactly_one, rule

MEMBERS = ("board", "members")

_CHAIR_AND_CE = """
    board:
      members:
        - {name: Amara Okafor, role: chair}
        - {name: Tom Reeves, role: chief_executive}
"""


def _holding(ctx: Context, role: Role) -> list[BoardMember]:
    return [member for member in ctx.board_members if member.role is role]


def _exactly_one(ctx: Context, role: Role, title: str) -> Iterator[Problem]:
    return exactly_one(
        _holding(ctx, role),
        Problem(f"the board has no {title} in post; add them with role: {role.value}", MEMBERS),
        lambda extra, first: Problem(
            f"'{extra.name}' is a second {title} (after '{first}'); the board has exactly one",
            extra.path,
        ),
    )


@rule(
    "ICB001",
    "board-chair",
    citation=Citation("HCA22-1B", "para 3(1)(a)"),
    passing=_CHAIR_AND_CE,
    failing="""
        board:
          members:
            - {name: Tom Reeves, role: chief_executive}
    """,
    seat=Seat(
        "board",
        ("role: chair",),
        (
            "Chair ({id}; NHS Act 2006 Sch. 1B para 3(1)(a)): appointed by NHS England with "
            "the Secretary of State's approval (para 5), and independent of health and care "
            "bodies in the area (ICB013).",
        ),
    ),
)
def board_chair(ctx: Context) -> Iterator[Problem]:
    """The board has exactly one chair.

    The constitution must provide for the ICB to consist of "(a) a chair …, (b) a chief
    executive …, and (c) at least three other members" (para 3(1)). The chair is appointed by
    NHS England with the approval of the Secretary of State (para 5; para 6 concerns removal).
    Under the 2021 white paper "The board will, as a minimum, include a chair, the CEO, and
    representatives from NHS trusts, general practice, and local authorities, and others
    determined locally." A chair whose term has ended, or not yet begun, on the `--as-of` date
    does not count.
    """
    yield from _exactly_one(ctx, Role.CHAIR, "chair")


@rule(
    "ICB002",
    "board-chief-executive",
    citation=Citation("HCA22-1B", "para 3(1)(b)"),
    passing=_CHAIR_AND_CE,
    failing="""
        board:
          members:
            - {name: Amara Okafor, role: chair}
    """,
    seat=Seat(
        "board",
        ("role: chief_executive",),
        (
            "Chief executive ({id}; Sch. 1B para 3(1)(b)): appointed by the chair with NHS "
            "England's approval. Must be an employee of the ICB (ICB010; para 7(2)), so their "
            "organisation is the ICB{unnamed}. Someone seconded to the ICB, from an NHS trust "
            "for example, counts as its employee (para 19(4)): add seconded_from: with the "
            "employer's name.",
        ),
        employed=True,
    ),
)
def board_chief_executive(ctx: Context) -> Iterator[Problem]:
    """The board has exactly one chief executive.

    The constitution must provide for the ICB to consist of "(a) a chair …, (b) a chief
    executive …, and (c) at least three other members" (para 3(1)). The chief executive is
    appointed by the chair with NHS England's approval (para 7). Under the 2021 white paper the
    board's minimum also included "the CEO".
    """
    yield from _exactly_one(ctx, Role.CHIEF_EXECUTIVE, "chief executive")


@rule(
    "ICB003",
    "ordinary-members",
    citation=Citation("HCA22-1B", "para 3(1)(c), 3(2)"),
    parameters={"minimum": Param(int)},
    passing="""
        board:
          members:
            - {name: Amara Okafor, role: chair}
            - {name: Tom Reeves, role: chief_executive}
            - {name: Ruth Adeyemi, role: partner_member, nominated_by: nhs_trusts}
            - {name: Li Wei, role: executive, portfolio: finance}
            - {name: Owen Price, role: non_executive}
    """,
    failing="""
        board:
          members:
            - {name: Amara Okafor, role: chair}
            - {name: Tom Reeves, role: chief_executive}
            - {name: Li Wei, role: executive, portfolio: finance}
            - {name: Hannah Ross, role: participant}
    """,
)
def ordinary_members(ctx: Context) -> Iterator[Problem]:
    """The board has at least `minimum` ordinary members besides the chair and chief executive.

    The constitution must provide for the ICB to consist of "(a) a chair …, (b) a chief
    executive …, and (c) at least three other members" (para 3(1)). An "ordinary member" is any
    member other than the chair or the chief executive (para 3(2)): partner members, executive
    and non-executive members and any other member the constitution adds. Participants attend
    but are not members, and people out of term do not count.
    """
    minimum: int = ctx.params["minimum"]
    count = len({member.key for member in ctx.ordinary_members})
    if count < minimum:
        yield Problem(
            f"the board has {count} ordinary member{'s' * (count != 1)} in post; "
            f"it needs at least {minimum} besides the chair and chief executive",
            MEMBERS,
        )


_NOMINATORS = {
    Nominator.NHS_TRUSTS: "the NHS trusts and foundation trusts that provide services in the area",
    Nominator.PRIMARY_MEDICAL_SERVICES: "the providers of primary medical services in the area",
    Nominator.LOCAL_AUTHORITIES: "the local authorities whose areas coincide with or include "
    "any part of the ICB's area",
    Nominator.CCGS: "the clinical commissioning groups",
}


_REPRESENTED = {
    Nominator.NHS_TRUSTS: Sector.NHS_TRUST,
    Nominator.PRIMARY_MEDICAL_SERVICES: Sector.PRIMARY_CARE,
    Nominator.LOCAL_AUTHORITIES: Sector.LOCAL_AUTHORITY,
}
_PARTNER_PARAMETERS = {
    "minimum": Param(int),
    "mechanism": Param(str, ("nomination", "representation")),
    "group": Param(str),
}


def _partner_member(ctx: Context, nominator: Nominator) -> Iterator[Problem]:
    """At least `minimum` members for this group, by the edition's `mechanism`."""
    if ctx.params["mechanism"] == "representation":
        yield from _representatives(ctx, nominator)
        return
    minimum: int = ctx.params["minimum"]
    count = len(
        {
            m.key
            for m in ctx.board_members
            if m.role is Role.PARTNER_MEMBER and m.nominated_by is nominator
        }
    )
    if count == 0:
        yield Problem(
            f"no partner member nominated by {_NOMINATORS[nominator]}; add a member with "
            f"role: partner_member and nominated_by: {nominator.value}",
            MEMBERS,
        )
    elif count < minimum:
        yield Problem(
            f"the board has {count} partner member{'s' * (count != 1)} nominated by "
            f"{_NOMINATORS[nominator]}; at least {minimum} are required",
            MEMBERS,
        )


def _representatives(ctx: Context, nominator: Nominator) -> Iterator[Problem]:
    """Proposals that asked for representatives, not nominees: a voting member from the sector
    (or a partner member the group nominated) counts, named in the edition's own words."""
    minimum: int = ctx.params["minimum"]
    group: str = ctx.params["group"] or nominator.label
    sector = _REPRESENTED[nominator]
    count = len({m.key for m in ctx.board_members if _represents(m, sector, nominator)})
    if count == 0:
        yield Problem(
            f"the board has no representative from {group}; add a voting member with "
            f"sector: {sector.value}",
            MEMBERS,
        )
    elif count < minimum:
        yield Problem(
            f"the board has {count} representative{'s' * (count != 1)} from {group}; "
            f"at least {minimum} are required",
            MEMBERS,
        )


def _represents(member: BoardMember, sector: Sector, nominator: Nominator) -> bool:
    """A voting member from the sector, or a partner member the group nominated."""
    if not member.voting or member.role is Role.PARTICIPANT:
        return False
    nominated = member.role is Role.PARTNER_MEMBER and member.nominated_by is nominator
    return member.sector is sector or nominated


def _partner_example(nominator: Nominator) -> str:
    return f"""
        board:
          members:
            - {{name: Ruth Adeyemi, role: partner_member, nominated_by: {nominator.value}}}
    """


_PARTNER_FAILING = """
    board:
      members:
        - {name: Ruth Adeyemi, role: ordinary_member}
"""


@rule(
    "ICB004",
    "trust-partner-member",
    citation=Citation("HCA22-1B", "para 8(2)(a)", "C"),
    parameters=_PARTNER_PARAMETERS,
    passing=_partner_example(Nominator.NHS_TRUSTS),
    failing=_PARTNER_FAILING,
    seat=Seat(
        "board",
        ("role: partner_member", "nominated_by: nhs_trusts"),
        (
            "Partner members (ICB004 to ICB006; Sch. 1B para 8(2)): one ordinary member "
            "nominated jointly by each group below. The board needs at least three ordinary "
            "members besides the chair and chief executive (ICB003; para 3(1)(c)); partner, "
            "mental health, executive and non-executive members all count.",
            "Nominated by the NHS trusts and foundation trusts providing services in the area "
            "({id}; para 8(2)(a)):",
        ),
    ),
)
def trust_partner_member(ctx: Context) -> Iterator[Problem]:
    """An ordinary member is nominated by the NHS trusts and foundation trusts of the area.

    The constitution must provide for at least one ordinary member appointed from persons
    nominated jointly by the NHS trusts and foundation trusts that provide services in the area.
    Corroborated rather than quoted: S.I. 2024/1205 names para 8(2)(a), and the three nominating
    groups appear in every ICB constitution.

    Earlier proposals asked for representatives, with no nomination step: the 2021 white paper's
    board was to include "representatives from NHS trusts, general practice, and local
    authorities", and NHS England's 2020 option 2 board "representatives from NHS hospitals and
    other providers, primary care and local government". Those editions set `mechanism:
    representation`: any voting member with `sector: nhs_trust` (or a partner member the trusts
    nominated) counts, and findings name the group in the edition's words (`group`). Under
    option 1 the committee "brings together all commissioners, providers and local authorities",
    and a nominated partner member records that.
    """
    yield from _partner_member(ctx, Nominator.NHS_TRUSTS)


@rule(
    "ICB005",
    "primary-care-partner-member",
    citation=Citation("HCA22-1B", "para 8(2)(b)", "C"),
    parameters=_PARTNER_PARAMETERS,
    passing=_partner_example(Nominator.PRIMARY_MEDICAL_SERVICES),
    failing=_PARTNER_FAILING,
    seat=Seat(
        "board",
        ("role: partner_member", "nominated_by: primary_medical_services"),
        ("Nominated by the providers of primary medical services in the area ({id}):",),
    ),
)
def primary_care_partner_member(ctx: Context) -> Iterator[Problem]:
    """An ordinary member is nominated by the providers of primary medical services in the area.

    The GP "partner member". Corroborated rather than quoted: the three nominating groups of
    para 8(2) appear in every ICB constitution (e.g. Hertfordshire and West Essex, s.2.1.6).

    Under the white paper ("representatives from NHS trusts, general practice, and local
    authorities") and 2020 option 2 ("representatives from NHS hospitals and other providers,
    primary care and local government") any voting member with `sector: primary_care` counts,
    as ICB004 explains; option 1's committee "brings together all commissioners, providers and
    local authorities".
    """
    yield from _partner_member(ctx, Nominator.PRIMARY_MEDICAL_SERVICES)


@rule(
    "ICB006",
    "local-authority-partner-member",
    citation=Citation("HCA22-1B", "para 8(2)(c)", "C"),
    parameters=_PARTNER_PARAMETERS,
    passing=_partner_example(Nominator.LOCAL_AUTHORITIES),
    failing=_PARTNER_FAILING,
    seat=Seat(
        "board",
        ("role: partner_member", "nominated_by: local_authorities"),
        (
            "Nominated by the local authorities whose areas coincide with or include any part "
            "of the ICB's area ({id}):",
        ),
    ),
)
def local_authority_partner_member(ctx: Context) -> Iterator[Problem]:
    """An ordinary member is nominated by the local authorities of the area.

    Nominated jointly by the local authorities whose areas coincide with or include any part of
    the ICB's area. Corroborated rather than quoted, as for ICB004 and ICB005.

    Under the white paper ("representatives from NHS trusts, general practice, and local
    authorities") and 2020 option 2 ("representatives from NHS hospitals and other providers,
    primary care and local government") any voting member with `sector: local_authority`
    counts, as ICB004 explains; option 1's committee "brings together all commissioners,
    providers and local authorities".
    """
    yield from _partner_member(ctx, Nominator.LOCAL_AUTHORITIES)


@rule(
    "ICB007",
    "mental-health-expertise",
    citation=Citation("HCA22-1B", "mental health member (paragraph unverified)", "C"),
    passing="""
        board:
          members:
            - {name: Dr Nia Evans, role: ordinary_member, expertise: [mental_health]}
    """,
    failing="""
        board:
          members:
            - {name: Amara Okafor, role: chair, expertise: [mental_health]}
            - {name: Dr Nia Evans, role: ordinary_member}
    """,
    seat=Seat(
        "board",
        ("role: ordinary_member", "expertise: [mental_health]"),
        (
            "Mental health member ({id}; Sch. 1B, paragraph not verified): an ordinary member "
            "with knowledge and experience of mental health services. Or add expertise: "
            "[mental_health] to another ordinary member who has it, and leave this seat out.",
        ),
    ),
)
def mental_health_expertise(ctx: Context) -> Iterator[Problem]:
    """An ordinary member has knowledge and experience of mental health services.

    The Act requires at least one ordinary member with "knowledge and experience in connection
    with services relating to the prevention, diagnosis and treatment of mental illness". This
    was a government amendment in 2022, as reported by the Centre for Mental Health and
    Capsticks; the exact paragraph number is not verified. Mark the member with
    `expertise: [mental_health]`. The chair and chief executive do not count: they are not
    ordinary members.
    """
    if not any("mental_health" in member.expertise for member in ctx.ordinary_members):
        yield Problem(
            "no ordinary member is marked with mental health knowledge and experience; "
            "add expertise: [mental_health] to the member who has it",
            MEMBERS,
        )


@rule(
    "ICB008",
    "chair-not-chief-executive",
    citation=Citation("HCA22-1B", "paras 3 and 7", "C"),
    passing=_CHAIR_AND_CE,
    failing="""
        board:
          members:
            - {name: Amara Okafor, role: chair}
            - {name: Amara Okafor, role: chief_executive}
    """,
)
def chair_not_chief_executive(ctx: Context) -> Iterator[Problem]:
    """The chair and the chief executive are different people.

    Schedule 1B provides for a chair and a chief executive as separate members, appointed in
    different ways: the chair by NHS England, the chief executive by the chair. People are the
    same when their names match, ignoring case and spacing.
    """
    chairs = {member.key for member in _holding(ctx, Role.CHAIR)}
    for chief in _holding(ctx, Role.CHIEF_EXECUTIVE):
        if chief.key in chairs:
            yield Problem(
                f"'{chief.name}' is both chair and chief executive; the two are separate offices",
                chief.path,
            )


_PRIVATE = (Sector.PRIVATE_HEALTHCARE, Sector.INDEPENDENT_SECTOR)


@rule(
    "ICB009",
    "private-healthcare-independence",
    severity=Severity.WARNING,
    citation=Citation("HCA22-1B", "para 4"),
    passing="""
        board:
          members:
            - name: Owen Price
              role: non_executive
              interests:
                - {organisation: Wirral Food Bank, sector: vcse, kind: directorship}
    """,
    failing="""
        board:
          members:
            - name: Owen Price
              role: non_executive
              interests:
                - organisation: Example Clinics Ltd
                  sector: private_healthcare
                  kind: shareholding
    """,
)
def private_healthcare_independence(ctx: Context) -> Iterator[Problem]:
    """A member involved with private healthcare is flagged for the para 4 independence test.

    The constitution must prohibit appointing anyone whose appointment "could reasonably be
    regarded as undermining the independence of the health service because of the candidate's
    involvement with the private healthcare sector or otherwise". Whether it does is a judgement
    for the ICB, so this is a warning: it lists members whose own sector, or a declared
    interest, is in private healthcare or the independent sector, so the judgement is recorded.
    """
    for member in ctx.board_members:
        if member.sector in _PRIVATE:
            yield Problem(
                f"'{member.name}' works in the {member.sector.label}; record how the "
                "appointment passes the para 4 independence test",
                (*member.path, "sector"),
            )
        for interest in member.interests:
            if interest.sector in _PRIVATE:
                yield Problem(
                    f"'{member.name}' declares an interest in {interest.organisation} "
                    f"({interest.sector.label}); record how the appointment passes "
                    "the para 4 independence test",
                    interest.path,
                )


@rule(
    "ICB010",
    "chief-executive-employee",
    citation=Citation("HCA22-1B", "para 7(2), 19(4)"),
    passing="""
        board:
          name: NHS Wirral Valley Integrated Care Board
          members:
            - name: Tom Reeves
              role: chief_executive
              organisation: NHS Wirral Valley ICB
              seconded_from: Wirral University Teaching Hospital NHS Foundation Trust
    """,
    failing="""
        board:
          name: NHS Wirral Valley Integrated Care Board
          members:
            - name: Tom Reeves
              role: chief_executive
              organisation: Wirral University Teaching Hospital NHS Foundation Trust
    """,
)
def chief_executive_employee(ctx: Context) -> Iterator[Problem]:
    """The chief executive is an employee of this integrated care board, or seconded to it.

    A person is eligible for appointment as chief executive "only if the person is an employee
    of the integrated care board" (para 7(2)). Para 19(4) counts people seconded to the ICB as
    its employees for that purpose: civil servants and employees of the bodies it lists, such as
    NHS trusts and foundation trusts. Record a secondment with `seconded_from:` and the
    employer's name. icscheck cannot verify that the seconding body is one para 19(4) lists, so
    check that yourself: a secondment from a body it does not list does not make the person an
    employee of the ICB. Para 19(4) is paraphrased here, not quoted.

    Otherwise the rule reads the chief executive's `organisation`: it passes when that is this
    board, by the board's `name` or the reference-data name of the file's `icb_code` ('NHS X
    Integrated Care Board', 'NHS X ICB' and 'X ICB' are one board). Another ICB's name is a
    finding. An unstated organisation is unknown, not a breach, and so is one that looks like
    an ICB when the file gives neither the board's name nor its code.
    """
    names = _board_names(ctx)
    for chief in _holding(ctx, Role.CHIEF_EXECUTIVE):
        employer = chief.organisation
        if chief.seconded_from is not None or employer is None:
            continue
        icb = _icb_key(employer)
        if icb is None:
            if person_key(employer) not in {person_key(name) for name in names}:
                yield Problem(
                    f"the chief executive's organisation is '{employer}'; the chief executive "
                    "must be an employee of the ICB, or seconded to it (record the employer "
                    "with seconded_from:)",
                    (*chief.path, "organisation"),
                )
        elif names and icb not in {_icb_key(name) for name in names}:
            yield Problem(
                f"the chief executive's organisation, '{employer}', is another ICB, not this "
                f"one ({' or '.join(names)}); the chief executive must be an employee of this "
                "ICB, or seconded to it",
                (*chief.path, "organisation"),
            )


def _board_names(ctx: Context) -> tuple[str, ...]:
    """This board's names: its own `name`, and the reference data's name for its `icb_code`."""
    names = [ctx.system.board.name] if ctx.system.board.name else []
    if ctx.system.icb_code is not None:
        found = geography.lookup(ctx.system.icb_code, ctx.as_of)
        if not isinstance(found, geography.UnknownCode):
            names.append(found.record.name)
    return tuple(dict.fromkeys(names))


def _icb_key(name: str) -> str | None:
    """The place an ICB's name names ('NHS X Integrated Care Board', 'NHS X ICB', 'X ICB' all
    give 'x'), or None when the name is not an ICB's."""
    text = " ".join(name.casefold().replace("&", " and ").replace(",", " ").split())
    words = text.replace("integrated care board", "icb").split()
    if "icb" not in words:
        return None
    return " ".join(word for word in words if word not in ("nhs", "icb", "the"))


_EXECUTIVES = """
    board:
      members:
        - {name: Li Wei, role: executive, portfolio: finance}
        - {name: Dr Sam Patel, role: executive, portfolio: medical}
        - {name: Grace Mensah, role: executive, portfolio: nursing}
"""


@rule(
    "ICB011",
    "executive-members",
    severity=Severity.WARNING,
    citation=Citation("NHSE-CONST", "additional ordinary members"),
    parameters={"portfolios": Param(list, ("finance", "medical", "nursing", "other"))},
    passing=_EXECUTIVES,
    failing="""
        board:
          members:
            - {name: Li Wei, role: executive, portfolio: finance}
            - {name: Grace Mensah, role: executive, portfolio: other}
    """,
    seat=Seat(
        "board",
        ("role: executive", "portfolio: {}"),
        (
            "Executive members ({id}): NHS England's guidance on ICB constitutions requires a "
            "director of finance, a medical director and a director of nursing.",
        ),
        count="portfolios",
        employed=True,
    ),
)
def executive_members(ctx: Context) -> Iterator[Problem]:
    """The board has executive members for each portfolio in `portfolios`.

    As ICB constitutions quote it, "NHS England Policy requires the ICB to appoint the following
    additional Ordinary Members: three Executive Members, namely: Director of Finance …; Medical
    Director; Director of Nursing." Under the 2021 Design Framework these
    were mandatory members; under the 2020 option 2 proposal the board included a finance
    director. Mark each with `role: executive` and its `portfolio`.
    """
    held = {member.portfolio for member in _holding(ctx, Role.EXECUTIVE)}
    for portfolio in ctx.params["portfolios"]:
        if portfolio not in held:
            yield Problem(
                f"no executive member holds the {portfolio} portfolio; add a member with "
                f"role: executive and portfolio: {portfolio}",
                MEMBERS,
            )


@rule(
    "ICB012",
    "non-executive-members",
    severity=Severity.WARNING,
    citation=Citation("NHSE-CONST", "additional ordinary members"),
    parameters={"minimum": Param(int)},
    passing="""
        board:
          members:
            - {name: Owen Price, role: non_executive}
            - {name: Beth Hughes, role: non_executive}
    """,
    failing="""
        board:
          members:
            - {name: Amara Okafor, role: chair}
            - {name: Owen Price, role: non_executive}
    """,
    seat=Seat(
        "board",
        ("role: non_executive",),
        (
            "Non-executive members ({id}): NHS England's guidance requires at least two "
            "besides the chair, independent of health and care bodies in the area (ICB013).",
        ),
        count="minimum",
    ),
)
def non_executive_members(ctx: Context) -> Iterator[Problem]:
    """The board has at least `minimum` non-executive members besides the chair.

    NHS England policy requires "at least two non-executive members"; the 2021 Design Framework
    asked for a chair and at least two other independent non-executives.
    """
    minimum: int = ctx.params["minimum"]
    count = len({member.key for member in _holding(ctx, Role.NON_EXECUTIVE)})
    if count < minimum:
        yield Problem(
            f"the board has {count} non-executive member{'s' * (count != 1)} besides the chair; "
            f"it needs at least {minimum}",
            MEMBERS,
        )


HEALTH_AND_CARE = frozenset(
    {
        Sector.NHS_TRUST,
        Sector.CCG,
        Sector.PRIMARY_CARE,
        Sector.LOCAL_AUTHORITY,
        Sector.PUBLIC_HEALTH,
        Sector.SOCIAL_CARE,
        Sector.COMMUNITY_SERVICES,
        Sector.MENTAL_HEALTH,
        Sector.INDEPENDENT_SECTOR,
        Sector.PRIVATE_HEALTHCARE,
    }
)
_ROLE_INTERESTS = ("employment", "directorship")


@rule(
    "ICB013",
    "non-executive-independence",
    severity=Severity.WARNING,
    citation=Citation("NHSE-CONST", "HL6183; eligibility of chair and non-executives"),
    passing="""
        board:
          members:
            - {name: Owen Price, role: non_executive, organisation: Retired, sector: other}
    """,
    failing="""
        board:
          members:
            - name: Owen Price
              role: non_executive
              interests:
                - organisation: Wirral Community Health and Care NHS Foundation Trust
                  sector: nhs_trust
                  kind: directorship
    """,
)
def non_executive_independence(ctx: Context) -> Iterator[Problem]:
    """The chair and non-executives hold no role in a health or care organisation in the area.

    "Individuals with a role in any health and care organisation in a particular area are not
    eligible for these independent chair roles" (Parliamentary answer HL6183, February 2022);
    the 2021 Design Framework said independent non-executives "will normally not hold positions
    or offices in other health and care organisations within the ICS footprint". The rule reads
    the member's own `sector` and interests of kind employment or directorship. It cannot tell
    whether the organisation is inside the area, so it is a warning.
    """
    for member in ctx.board_members:
        if member.role not in (Role.CHAIR, Role.NON_EXECUTIVE):
            continue
        if member.sector in HEALTH_AND_CARE:
            yield Problem(
                f"'{member.name}' ({_role_words(member)}) works in the "
                f"{member.sector.label} sector; independent members should hold no "
                "role in a health or care organisation in the area",
                (*member.path, "sector"),
            )
        for interest in member.interests:
            if interest.sector in HEALTH_AND_CARE and interest.kind in _ROLE_INTERESTS:
                yield Problem(
                    f"'{member.name}' ({_role_words(member)}) declares "
                    f"{_article(interest.kind)} with {interest.organisation}; independent "
                    "members should hold no role in a health or care organisation in the area",
                    interest.path,
                )


def _article(noun: str) -> str:
    return f"{'an' if noun[0] in 'aeiou' else 'a'} {noun}"


def _role_words(member: BoardMember) -> str:
    return str(member.role).replace("_", "-")


@rule(
    "ICB014",
    "one-seat-per-person",
    citation=Citation("HCA22-1B", "para 3", "C"),
    passing=_CHAIR_AND_CE,
    failing="""
        board:
          members:
            - {name: Li Wei, role: executive, portfolio: finance}
            - {name: li  wei, role: partner_member, nominated_by: nhs_trusts}
    """,
)
def one_seat_per_person(ctx: Context) -> Iterator[Problem]:
    """Nobody holds two seats on the board.

    Schedule 1B counts distinct members: a chair, a chief executive and at least three others.
    One person listed twice would make the board look larger than it is. Names are compared
    ignoring case and spacing; participants are not members and are left out.
    """
    first_seat: dict[str, BoardMember] = {}
    for member in ctx.board_members:
        if member.role is Role.PARTICIPANT:
            continue
        earlier = first_seat.setdefault(member.key, member)
        if earlier is not member:
            yield Problem(
                f"'{member.name}' already sits on the board as {_role_words(earlier)}; "
                "one person holds one seat",
                member.path,
            )


@rule(
    "ICB015",
    "term-in-force",
    severity=Severity.WARNING,
    citation=Citation("PRACTICE", "terms of appointment"),
    passing="""
        board:
          members:
            - {name: Owen Price, role: non_executive, appointed: 2022-07-01, term_ends: 2099-06-30}
    """,
    failing="""
        board:
          members:
            - {name: Owen Price, role: non_executive, appointed: 2022-07-01, term_ends: 2024-06-30}
    """,
)
def term_in_force(ctx: Context) -> Iterator[Problem]:
    """Every listed member's term is in force on the `--as-of` date.

    Not a statutory requirement: good practice for keeping the register true. A member whose
    `appointed` date is after the as-of date, or whose `term_ends` is before it, is not a member
    on that date, and no other rule counts them. Unstated dates are taken as in force.
    """
    for member in ctx.system.board.members:
        if member.appointed and member.term_ends and member.term_ends < member.appointed:
            yield Problem(
                f"'{member.name}' has a term that ends ({member.term_ends}) before it begins "
                f"({member.appointed})",
                (*member.path, "term_ends"),
            )
        elif member.term_ends and member.term_ends < ctx.as_of:
            yield Problem(
                f"the term of '{member.name}' ended on {member.term_ends}; record the "
                "reappointment or remove them (they are not counted as a member)",
                (*member.path, "term_ends"),
            )
        elif member.appointed and ctx.as_of < member.appointed:
            yield Problem(
                f"'{member.name}' is not appointed until {member.appointed}; they are not counted "
                f"as a member on {ctx.as_of}",
                (*member.path, "appointed"),
            )
