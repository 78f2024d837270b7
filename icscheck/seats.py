"""Which of an edition's declared seats a system fills, and by whom, on a date.

The seats are those the rules declare (`Seat`, the same declarations `icscheck init` writes its
templates from), so a report's seat map follows whichever edition the file was checked under.
A member fills a seat when every `key: value` field of the seat matches the member."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from enum import Enum

from icscheck.editions import Edition, RuleSetting
from icscheck.model import BoardMember, IntegratedCareSystem, Person, Role, council_key
from icscheck.results import SeatStatus
from icscheck.rules.base import Seat


def seat_summary(
    system: IntegratedCareSystem, edition: Edition, as_of: dt.date
) -> tuple[SeatStatus, ...]:
    """Every seat the edition's rules declare, in the edition's order, with its holders."""
    by_first_field: dict[tuple[str, str, str], list[Person]] = {}
    return tuple(
        status
        for setting in edition.settings
        if setting.rule.seat is not None
        for status in _statuses(setting, setting.rule.seat, system, as_of, by_first_field)
    )


def _statuses(
    setting: RuleSetting,
    seat: Seat,
    system: IntegratedCareSystem,
    as_of: dt.date,
    by_first_field: dict[tuple[str, str, str], list[Person]],
) -> Iterator[SeatStatus]:
    """The seat's statuses. Its first field (the role, mostly) is shared by many seats, so the
    members who match it are found once a run of `seat_summary` and kept in `by_first_field`."""
    for value, needed in seat.wanted(setting.params, system.local_authorities or ()):
        (key, want), *rest = [_field(field.replace("{}", value)) for field in seat.fields]
        if (seat.body, key, want) not in by_first_field:
            test = _matcher(key, want)
            members = system.members_of(seat.body)
            by_first_field[seat.body, key, want] = [m for m in members if test(m)]
        matched = by_first_field[seat.body, key, want]
        for key, want in rest:
            test = _matcher(key, want)
            matched = [m for m in matched if test(m)]
        serving = tuple(m.name for m in matched if _serving(m, as_of))
        lapsed = tuple(m.name for m in matched if not _serving(m, as_of))
        label = f"{setting.rule.name}: {value}" if value else setting.rule.name
        yield SeatStatus(seat.body, setting.rule.id, label, needed, serving, lapsed)


def _field(line: str) -> tuple[str, str]:
    key, _, value = line.partition(":")
    return key.strip(), value.strip().strip('"')


def _matcher(key: str, want: str) -> Callable[[Person], bool]:
    """A test of whether a member's attribute `key` is `want`, read once for all the members.

    An "ordinary member" is any member but the chair and chief executive (Sch. 1B para 3(2)),
    whatever the role they are filed under."""
    test = _value_test(key, want)
    if want == Role.ORDINARY_MEMBER:
        return lambda member: (
            member.is_ordinary_member
            if isinstance(member, BoardMember)
            else test(getattr(member, key, None))
        )
    return lambda member: test(getattr(member, key, None))


def _value_test(key: str, want: str) -> Callable[[object], bool]:
    """Whether a value is `want`: every item of a `[list]`, a council by any of its names, or
    the one value."""
    if want.startswith("[") and want.endswith("]"):
        wanted = {item.strip() for item in want[1:-1].split(",")}
        return lambda have: isinstance(have, tuple) and wanted <= {_text(item) for item in have}
    if key == "local_authority":
        council = council_key(want)
        return lambda have: have is not None and council_key(str(have)) == council
    return lambda have: have is not None and _text(have) == want


def _text(value: object) -> str:
    return str(value.value) if isinstance(value, Enum) else str(value)


def _serving(member: Person, as_of: dt.date) -> bool:
    """Partnership members carry no term, so they serve while listed."""
    return not isinstance(member, BoardMember) or member.in_term(as_of)
