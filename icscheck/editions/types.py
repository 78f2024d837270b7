"""What an edition is: a named set of rules in force, each with its severity, citation and
parameters; and the error that says why one cannot be used."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from icscheck.citations import Citation
from icscheck.results import EditionRef, Severity
from icscheck.rules import Rule

DEFAULT_EDITION = "hca-2022"
EDITION_ALIASES = {"white-paper": "white-paper-2021"}
"""Other names a shipped edition answers to, wherever an edition is named."""
ALL_EDITIONS = "all"
"""The name that asks for every shipped edition at once, and that no rule pack may take."""


class EditionError(Exception):
    """An edition or rule pack that cannot be used; the message says where and why."""


@dataclass(frozen=True, slots=True)
class RuleSetting:
    """A rule as one edition puts it in force."""

    rule: Rule
    severity: Severity
    citation: Citation
    params: Mapping[str, Any]
    """Every parameter the rule declares, with the edition's value for each (read-only)."""


@dataclass(frozen=True, slots=True)
class Edition:
    """A set of rules in force, and what it rests on."""

    id: str
    title: str
    date: str | None
    """Publication or commencement date, ``YYYY-MM-DD``."""
    summary: str
    sources: tuple[str, ...]
    """IDs in `citations.yaml` of the documents the edition rests on."""
    settings: tuple[RuleSetting, ...]
    """The rules in force, in catalogue order."""

    def setting(self, rule_id: str) -> RuleSetting | None:
        return next((s for s in self.settings if s.rule.id == rule_id), None)

    @property
    def ref(self) -> EditionRef:
        """The edition as a report names it, without its rules."""
        return EditionRef(self.id, self.title, self.date)
