"""What changes from one edition to another, rule by rule, as typed changes."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, ClassVar, TypeAlias

from icscheck.citations import Citation
from icscheck.editions.types import Edition, RuleSetting
from icscheck.results import Severity
from icscheck.rules import ALL_RULES


class ChangeKind(StrEnum):
    """How a rule differs from one edition to another."""

    ADDED = "added"
    REMOVED = "removed"
    SEVERITY = "severity changed"
    PARAMETERS = "parameters changed"
    CITATION = "citation changed"


@dataclass(frozen=True, slots=True)
class Added:
    """A rule the second edition puts in force and the first does not."""

    rule: str
    """Rule ID, e.g. ``ICB011``."""
    name: str
    """The rule's readable name, e.g. ``executive-members``."""
    after: RuleSetting
    kind: ClassVar[ChangeKind] = ChangeKind.ADDED
    before: ClassVar[None] = None


@dataclass(frozen=True, slots=True)
class Removed:
    """A rule the first edition puts in force and the second does not."""

    rule: str
    name: str
    before: RuleSetting
    kind: ClassVar[ChangeKind] = ChangeKind.REMOVED
    after: ClassVar[None] = None


@dataclass(frozen=True, slots=True)
class SeverityChanged:
    rule: str
    name: str
    before: Severity
    after: Severity
    kind: ClassVar[ChangeKind] = ChangeKind.SEVERITY


@dataclass(frozen=True, slots=True)
class ParametersChanged:
    """The parameters whose values differ, each with its value in that edition."""

    rule: str
    name: str
    before: Mapping[str, Any]
    after: Mapping[str, Any]
    kind: ClassVar[ChangeKind] = ChangeKind.PARAMETERS


@dataclass(frozen=True, slots=True)
class CitationChanged:
    rule: str
    name: str
    before: Citation
    after: Citation
    kind: ClassVar[ChangeKind] = ChangeKind.CITATION


RuleChange: TypeAlias = Added | Removed | SeverityChanged | ParametersChanged | CitationChanged
"""One difference in one rule between two editions."""


def diff_editions(a: Edition, b: Edition) -> list[RuleChange]:
    """What changes from edition `a` to edition `b`, rule by rule in catalogue order."""
    changes: list[RuleChange] = []
    for rule in ALL_RULES:
        before, after = a.setting(rule.id), b.setting(rule.id)
        if before is None and after is not None:
            changes.append(Added(rule.id, rule.name, after))
        elif before is not None and after is None:
            changes.append(Removed(rule.id, rule.name, before))
        elif before is not None and after is not None:
            changes += _changed(before, after)
    return changes


def _changed(before: RuleSetting, after: RuleSetting) -> list[RuleChange]:
    rule = before.rule
    changes: list[RuleChange] = []
    if before.severity is not after.severity:
        changes.append(SeverityChanged(rule.id, rule.name, before.severity, after.severity))
    names = [
        n for n in {**before.params, **after.params} if before.params.get(n) != after.params.get(n)
    ]
    if names:
        changes.append(
            ParametersChanged(
                rule.id,
                rule.name,
                {n: before.params.get(n) for n in names},
                {n: after.params.get(n) for n in names},
            )
        )
    if before.citation != after.citation:
        changes.append(CitationChanged(rule.id, rule.name, before.citation, after.citation))
    return changes
