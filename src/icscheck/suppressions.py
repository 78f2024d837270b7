"""Suppression comments: `# icscheck: ignore[ICB013] reason`, on a finding's line or file-wide.

A suppression must say why, as a governance record: one without a reason, or naming no known
rule, suppresses nothing and is itself a finding.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from icscheck.source import Position

_COMMENT = re.compile(r"#\s*icscheck:\s*ignore\[(?P<rules>[^\]]*)\](?P<reason>.*)$")


@dataclass(frozen=True, slots=True)
class Suppression:
    """One well-formed suppression comment."""

    rules: frozenset[str]
    position: Position
    file_wide: bool
    """Given in the comments before the document starts, so it covers the whole file."""


@dataclass(frozen=True, slots=True)
class Suppressions:
    """A file's suppression comments, and the malformed ones as problems to report."""

    given: tuple[Suppression, ...]
    problems: tuple[tuple[str, Position], ...]

    def covers(self, rule_id: str, line: int) -> bool:
        return any(
            rule_id in s.rules and (s.file_wide or s.position.line == line) for s in self.given
        )


def read_suppressions(text: str, known_rules: Iterable[str]) -> Suppressions:
    """Every `icscheck: ignore[...]` comment in the text, checked against the rule IDs."""
    known = set(known_rules)
    given: list[Suppression] = []
    problems: list[tuple[str, Position]] = []
    in_header = True
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        in_header = in_header and (not stripped or stripped.startswith("#"))
        match = _COMMENT.search(line)
        if match is None:
            continue
        position = Position(number, match.start() + 1)
        rules = frozenset(
            part.strip().upper() for part in match["rules"].split(",") if part.strip()
        )
        unknown = sorted(rules - known)
        if not rules or unknown:
            named = ", ".join(unknown) or "no rule"
            problems.append(
                (f"the suppression names {named}; name rule IDs, e.g. ICB013", position)
            )
        elif not match["reason"].strip():
            problems.append(
                (
                    "the suppression gives no reason; say why after the brackets, "
                    "e.g. '# icscheck: ignore[ICB012] recruitment under way, board paper 2026-09'",
                    position,
                )
            )
        else:
            given.append(Suppression(rules, position, file_wide=in_header))
    return Suppressions(tuple(given), tuple(problems))
