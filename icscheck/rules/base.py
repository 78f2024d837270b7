"""What a rule is: a pure function of the model, declared with its ID, docs and citation."""

from __future__ import annotations

import datetime as dt
import inspect
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, Protocol, TypeVar

from icscheck.citations import Citation
from icscheck.model import BoardMember, IntegratedCareSystem
from icscheck.results import Severity

if TYPE_CHECKING:
    from icscheck.loader import Pointer


@dataclass(frozen=True, slots=True)
class Problem:
    """A rule's finding before the engine gives it an ID, severity and position."""

    message: str
    path: Pointer
    """The node the problem is about; the engine turns it into a line and column."""


@dataclass(frozen=True, slots=True)
class Context:
    """Everything a rule may look at."""

    system: IntegratedCareSystem
    as_of: dt.date
    params: Mapping[str, Any] = field(default_factory=dict)

    @property
    def board_members(self) -> tuple[BoardMember, ...]:
        """The board on the as-of date: people out of term are not members then (ICB015)."""
        return tuple(m for m in self.system.board.members if m.in_term(self.as_of))

    @property
    def ordinary_members(self) -> tuple[BoardMember, ...]:
        return tuple(m for m in self.board_members if m.is_ordinary_member)


Check = Callable[[Context], Iterable[Problem]]


class _Named(Protocol):
    @property
    def name(self) -> str: ...


Holder = TypeVar("Holder", bound=_Named)


def exactly_one(
    holders: Sequence[Holder], missing: Problem, second: Callable[[Holder, str], Problem]
) -> Iterator[Problem]:
    """A seat held by exactly one: `missing` when nobody holds it, and for each holder after
    the first, `second(holder, first holder's name)`, located on that holder."""
    if not holders:
        yield missing
    for extra in holders[1:]:
        yield second(extra, holders[0].name)


COUNCILS = "councils"
"""A `Seat.count` of one seat for each responsible council of the area."""


@dataclass(frozen=True, slots=True)
class Seat:
    """The place a rule asks someone to fill, as `icscheck init` offers it: declared with the
    rule, so the starting file follows the rules of whichever edition it is written for."""

    body: Literal["board", "partnership"]
    """Where the member sits."""
    fields: tuple[str, ...]
    """The member's YAML `key: value` lines after `name`, already quoted; `{}` takes the value
    each seat is for (an item of a list parameter, or a council's name)."""
    notes: tuple[str, ...] = ()
    """Paragraphs above the first seat, worded for the rule's own citation: `{id}` is the rule's
    ID, `{unnamed}` what to add when no ICB is named, `{councils}` how many councils there are.
    An edition citing another source gets the rule's summary and that citation instead."""
    count: int | str = 1
    """How many seats: a number; a parameter's name (its number, or one seat per item of its
    list); or `COUNCILS`, one per responsible council."""
    employed: bool = False
    """Whether the member works for the ICB, so its name is filled in as their organisation."""
    dated: bool = True
    """Whether to offer `appointed` and `term_ends` lines (board members have terms)."""

    def wanted(self, params: Mapping[str, Any], councils: Sequence[str]) -> list[tuple[str, int]]:
        """What each seat is for and how many it needs, under an edition's `params`: one a
        council, one an item of a list parameter, or a number of like seats for nothing named."""
        if self.count == COUNCILS:
            return [(council, 1) for council in councils]
        count = params[self.count] if isinstance(self.count, str) else self.count
        if isinstance(count, list):
            return [(str(item), 1) for item in count]
        return [("", int(count))]


@dataclass(frozen=True, slots=True)
class Param:
    """A parameter a rule takes, as the rule declares it: its type and, for text or a list of
    names, the values allowed. Its value comes from each edition, never from the rule."""

    kind: type[int] | type[str] | type[list[str]]
    choices: tuple[str, ...] = ()

    @property
    def described(self) -> str:
        """The type as an edition's author reads it in a message."""
        return {int: "a whole number", str: "text", list: "a list of names"}[self.kind]

    def accepts(self, value: Any) -> bool:
        """Whether `value` (from YAML) is of this type; true and false are not numbers."""
        if isinstance(value, bool):
            return False
        if self.kind is list:
            return isinstance(value, list) and all(isinstance(item, str) for item in value)
        return isinstance(value, self.kind)


@dataclass(frozen=True, slots=True)
class Rule:
    """A rule as declared next to its logic; editions choose severity, citation and params."""

    id: str
    name: str
    summary: str
    """What it requires, in one line (the docstring's first line)."""
    docs: str
    """Why, and what counts (the rest of the docstring)."""
    severity: Severity
    """Its severity where an edition does not say."""
    citation: Citation
    """Its citation where an edition does not say."""
    parameters: Mapping[str, Param]
    """The parameters the rule takes; every edition that puts it in force gives each a value."""
    passing: str
    """A YAML fragment (top-level sections) that satisfies the rule."""
    failing: str
    """A YAML fragment that breaks it."""
    check: Check = field(repr=False)
    seat: Seat | None = None
    """The seat the rule asks to be filled, if it asks for one."""


def rule(
    rule_id: str,
    name: str,
    *,
    citation: Citation,
    passing: str,
    failing: str,
    severity: Severity = Severity.ERROR,
    parameters: Mapping[str, Param] | None = None,
    seat: Seat | None = None,
) -> Callable[[Check], Rule]:
    """Declare a rule; its function's docstring is its documentation."""

    def declare(check: Check) -> Rule:
        doc = inspect.getdoc(check) or ""
        summary, _, docs = doc.partition("\n")
        return Rule(
            id=rule_id,
            name=name,
            summary=summary.strip(),
            docs=docs.strip(),
            severity=severity,
            citation=citation,
            parameters=dict(parameters or {}),
            passing=inspect.cleandoc(passing),
            failing=inspect.cleandoc(failing),
            check=check,
            seat=seat,
        )

    return declare
