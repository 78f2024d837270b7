"""The integrated care system as rules see it: typed, immutable, and located by path.

Built only from data that passed the schema, so construction never has to second-guess types.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from typing import TYPE_CHECKING, Any, TypeVar

from icscheck.wording import in_force

if TYPE_CHECKING:
    from icscheck.loader import Pointer


class Role(StrEnum):
    """The seat a person holds on the board (DESIGN.md's `role`)."""

    CHAIR = "chair"
    CHIEF_EXECUTIVE = "chief_executive"
    PARTNER_MEMBER = "partner_member"
    NON_EXECUTIVE = "non_executive"
    EXECUTIVE = "executive"
    ORDINARY_MEMBER = "ordinary_member"
    ACCOUNTABLE_OFFICER = "accountable_officer"
    PARTICIPANT = "participant"

    @property
    def label(self) -> str:
        """The role as a sentence or a column heading names it: 'non executive'."""
        return self.value.replace("_", " ")


class Sector(StrEnum):
    """The kind of organisation someone works for or represents."""

    NHS_TRUST = "nhs_trust"
    CCG = "ccg"
    PRIMARY_CARE = "primary_care"
    LOCAL_AUTHORITY = "local_authority"
    PUBLIC_HEALTH = "public_health"
    SOCIAL_CARE = "social_care"
    COMMUNITY_SERVICES = "community_services"
    MENTAL_HEALTH = "mental_health"
    HEALTHWATCH = "healthwatch"
    VCSE = "vcse"
    INDEPENDENT_SECTOR = "independent_sector"
    PRIVATE_HEALTHCARE = "private_healthcare"
    HOUSING = "housing"
    EDUCATION = "education"
    NHS_ENGLAND = "nhs_england"
    OTHER = "other"

    @property
    def label(self) -> str:
        """The sector as a sentence names it: 'NHS trust', 'VCSE', 'social care'."""
        special = {
            "nhs_trust": "NHS trust",
            "ccg": "CCG",
            "vcse": "VCSE",
            "nhs_england": "NHS England",
        }
        return special.get(self.value, self.value.replace("_", " "))


class Nominator(StrEnum):
    """Who jointly nominated a partner member (NHS Act 2006 Sch. 1B para 8)."""

    NHS_TRUSTS = "nhs_trusts"
    PRIMARY_MEDICAL_SERVICES = "primary_medical_services"
    LOCAL_AUTHORITIES = "local_authorities"
    CCGS = "ccgs"

    @property
    def label(self) -> str:
        return {"nhs_trusts": "NHS trusts", "ccgs": "CCGs"}.get(
            self.value, self.value.replace("_", " ")
        )


class Appointer(StrEnum):
    """Who appointed a partnership member (LGPIHA 2007 s.116ZA(2))."""

    ICB = "icb"
    LOCAL_AUTHORITY = "local_authority"
    PARTNERSHIP = "partnership"


class Portfolio(StrEnum):
    """An executive member's portfolio (NHS England's guidance on ICB constitutions)."""

    FINANCE = "finance"
    MEDICAL = "medical"
    NURSING = "nursing"
    OTHER = "other"


class InterestKind(StrEnum):
    """What a declared interest is."""

    EMPLOYMENT = "employment"
    DIRECTORSHIP = "directorship"
    SHAREHOLDING = "shareholding"
    CONTRACT = "contract"
    OTHER = "other"


def person_key(name: str) -> str:
    """Identity of a person across bodies: their name, ignoring case and spacing."""
    return " ".join(name.split()).casefold()


@dataclass(frozen=True, slots=True)
class Interest:
    """A declared interest, used by the independence and conflict rules."""

    organisation: str
    sector: Sector | None
    kind: InterestKind | None
    path: Pointer


@dataclass(frozen=True, slots=True)
class BoardMember:
    """A member of (or participant at) the integrated care board."""

    name: str
    role: Role
    voting: bool
    organisation: str | None
    seconded_from: str | None
    """The employer that seconded them to the ICB (Sch. 1B para 19(4)), if they are seconded."""
    sector: Sector | None
    nominated_by: Nominator | None
    portfolio: Portfolio | None
    expertise: tuple[str, ...]
    appointed: dt.date | None
    term_ends: dt.date | None
    interests: tuple[Interest, ...]
    path: Pointer

    @property
    def key(self) -> str:
        return person_key(self.name)

    @property
    def is_ordinary_member(self) -> bool:
        """A member other than the chair or chief executive (Sch. 1B para 3(2))."""
        return self.role not in (Role.CHAIR, Role.CHIEF_EXECUTIVE, Role.PARTICIPANT)

    def in_term(self, on: dt.date) -> bool:
        """Whether the appointment runs on that date; unstated dates are taken as in force."""
        return in_force(self.appointed, self.term_ends, on)


@dataclass(frozen=True, slots=True)
class IntegratedCareBoard:
    """The ICB's board as filed: every person listed, whatever their term."""

    name: str | None
    members: tuple[BoardMember, ...]
    path: Pointer


@dataclass(frozen=True, slots=True)
class PartnershipMember:
    """A member of the integrated care partnership."""

    name: str
    appointed_by: Appointer
    local_authority: str | None
    organisation: str | None
    sector: Sector | None
    path: Pointer

    @property
    def appointer(self) -> str:
        """Who appointed them, as a sentence names them: 'the ICB', 'Wirral Council'."""
        if self.appointed_by is Appointer.LOCAL_AUTHORITY:
            return self.local_authority or "a local authority"
        return "the ICB" if self.appointed_by is Appointer.ICB else "the partnership"


Person = BoardMember | PartnershipMember
"""A member of the board or of the partnership."""


@dataclass(frozen=True, slots=True)
class IntegratedCarePartnership:
    """The joint committee of the ICB and the area's responsible local authorities."""

    name: str | None
    members: tuple[PartnershipMember, ...]
    path: Pointer


@dataclass(frozen=True, slots=True)
class PlaceMember:
    """A member of a place-based partnership."""

    name: str
    organisation: str | None
    sector: Sector | None
    path: Pointer


@dataclass(frozen=True, slots=True)
class Place:
    """A place-based partnership within the system."""

    name: str
    members: tuple[PlaceMember, ...]
    path: Pointer


@dataclass(frozen=True, slots=True)
class IntegratedCareSystem:
    """One ICS file, as the rules see it."""

    name: str
    icb_code: str | None
    local_authorities: tuple[str, ...] | None
    """The responsible local authorities, or None when nothing says which they are."""
    ccgs: tuple[str, ...] | None
    board: IntegratedCareBoard
    partnership: IntegratedCarePartnership | None
    places: tuple[Place, ...]
    councils_from: str | None = None
    """The reference data's vintage when `local_authorities` came from it, not the file."""

    @property
    def partnership_members(self) -> tuple[PartnershipMember, ...]:
        """The partnership's members; none when the file has no partnership."""
        return () if self.partnership is None else self.partnership.members

    def members_of(self, body: str) -> tuple[Person, ...]:
        """The members of a body, as seats and diffs name it: ``board`` or ``partnership``."""
        return self.board.members if body == "board" else self.partnership_members


def build_system(data: dict[str, Any]) -> IntegratedCareSystem:
    """The model of a schema-valid document."""
    ics = data["ics"]
    partnership = data.get("partnership")
    return IntegratedCareSystem(
        name=ics["name"],
        icb_code=ics.get("icb_code"),
        local_authorities=_optional_tuple(ics.get("local_authorities")),
        ccgs=_optional_tuple(ics.get("ccgs")),
        board=IntegratedCareBoard(
            name=data["board"].get("name"),
            members=tuple(
                _board_member(item, ("board", "members", i))
                for i, item in enumerate(data["board"]["members"])
            ),
            path=("board",),
        ),
        partnership=None if partnership is None else _partnership(partnership),
        places=tuple(_place(item, ("places", i)) for i, item in enumerate(data.get("places", []))),
    )


def _optional_tuple(items: list[str] | None) -> tuple[str, ...] | None:
    return None if items is None else tuple(items)


_E = TypeVar("_E", bound=StrEnum)


def _optional(kind: type[_E], value: str | None) -> _E | None:
    """An optional enum field: the schema has already checked the value is one of `kind`."""
    return None if value is None else kind(value)


def _date(value: str | None) -> dt.date | None:
    return None if value is None else dt.date.fromisoformat(value)


def _board_member(item: dict[str, Any], path: Pointer) -> BoardMember:
    role = Role(item["role"])
    return BoardMember(
        name=item["name"],
        role=role,
        voting=item.get("voting", role is not Role.PARTICIPANT),
        organisation=item.get("organisation"),
        seconded_from=item.get("seconded_from"),
        sector=_optional(Sector, item.get("sector")),
        nominated_by=_optional(Nominator, item.get("nominated_by")),
        portfolio=_optional(Portfolio, item.get("portfolio")),
        expertise=tuple(item.get("expertise", ())),
        appointed=_date(item.get("appointed")),
        term_ends=_date(item.get("term_ends")),
        interests=tuple(
            Interest(
                organisation=interest["organisation"],
                sector=_optional(Sector, interest.get("sector")),
                kind=_optional(InterestKind, interest.get("kind")),
                path=(*path, "interests", i),
            )
            for i, interest in enumerate(item.get("interests", ()))
        ),
        path=path,
    )


def _partnership(data: dict[str, Any]) -> IntegratedCarePartnership:
    return IntegratedCarePartnership(
        name=data.get("name"),
        members=tuple(
            PartnershipMember(
                name=item["name"],
                appointed_by=Appointer(item["appointed_by"]),
                local_authority=item.get("local_authority"),
                organisation=item.get("organisation"),
                sector=_optional(Sector, item.get("sector")),
                path=("partnership", "members", i),
            )
            for i, item in enumerate(data.get("members", ()))
        ),
        path=("partnership",),
    )


def _place(data: dict[str, Any], path: Pointer) -> Place:
    return Place(
        name=data["name"],
        members=tuple(
            PlaceMember(
                name=item["name"],
                organisation=item.get("organisation"),
                sector=_optional(Sector, item.get("sector")),
                path=(*path, "members", i),
            )
            for i, item in enumerate(data.get("members", ()))
        ),
        path=path,
    )


_COUNCIL_PREFIXES = tuple(
    tuple(title.split())
    for title in (
        "common council of the",
        "council of the",
        "city and county of",
        "city of",
        "county of",
        "county",
        "london borough of",
        "royal borough of",
        "metropolitan borough of",
        "borough of",
        "the",
        "lb",
        "rb",
    )
)
"""Titles before a council's place name, longest first where they share a first word."""
_PREFIXES_BY_FIRST_WORD = {
    first: tuple(title for title in _COUNCIL_PREFIXES if title[0] == first)
    for first in {title[0] for title in _COUNCIL_PREFIXES}
}
_COUNCIL_SUFFIXES = frozenset(
    {"council", "corporation", "metropolitan", "borough", "district", "county", "city"}
    | {"mbc", "mdc", "lbc", "bc", "cc", "dc"}
)
"""Words after a council's place name, in any order: 'Borough Council', 'MBC'."""
_COUNCIL_PUNCTUATION = str.maketrans(
    {"&": " and ", "'": "", "\u2019": "", ",": " ", ".": " ", "-": " "}
)
"""Punctuation written more than one way: 'Brighton & Hove', 'St. Helens', 'Stoke on Trent'."""
_COUNCIL_WORDS = {"saint": "st"}
"""Words written more than one way: 'Saint Helens' is 'St Helens'."""
_COUNCIL_ALIASES = {"kingston upon hull": "hull"}
"""Places whose everyday name is not their formal name with titles taken off."""


@lru_cache(maxsize=4096)
def council_key(name: str) -> str:
    """A council's identity, so 'Wirral MBC' matches 'Wirral Metropolitan Borough Council'.

    Strips the titles that vary between a council's formal and everyday names, in any
    combination ('City of Bradford MDC', 'Borough of Wirral', 'LB Camden'), and the punctuation
    that varies ('St. Helens', 'Stoke on Trent'): 'City of London Corporation', 'City of London'
    and 'Common Council of the City of London' are one council. Every council in the reference
    data keeps a key of its own (tests/test_trust_partnership.py). Titles are taken off by
    moving an index, never by copying the name, so a hostile name of a million titles costs
    linear time.
    """
    words = [
        _COUNCIL_WORDS.get(word, word)
        for word in name.translate(_COUNCIL_PUNCTUATION).casefold().split()
    ]
    if not words:
        return ""
    start, end = 0, len(words)
    while prefix := _prefix(words, start, end):
        start += len(prefix)
    while end - start > 1 and words[end - 1] in _COUNCIL_SUFFIXES:
        end -= 1
    key = " ".join(words[start:end])
    return _COUNCIL_ALIASES.get(key, key)


def _prefix(words: list[str], start: int, end: int) -> tuple[str, ...]:
    """The title `words[start:end]` begins with, leaving a word after it; () when none."""
    for title in _PREFIXES_BY_FIRST_WORD.get(words[start], ()):
        if end - start > len(title) and tuple(words[start : start + len(title)]) == title:
            return title
    return ()
