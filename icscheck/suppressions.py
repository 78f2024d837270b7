"""Suppression comments: `# icscheck: ignore[ICB013] reason`, on a finding's line or file-wide.

A suppression must say why, as a governance record: one without a reason, or naming no known
rule, suppresses nothing and is itself a finding. One that sets nothing aside is reported too,
so stale exceptions do not outlive the problems they excused.

Reading is linear in the text, whatever it holds: the marker is found with possessive
quantifiers (no backtracking), only the first marker on a line is read, and the closing bracket
is found with one `str.find`. Findings are matched through a dict by rule and line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from icscheck.loader import Position
from icscheck.rules.registry import split_names, suppressible

_MARKER = re.compile(r"#\s*+icscheck:\s*+ignore\[")

_MOST_UNUSABLE = 3
"""Names a message quotes before it stops reading a hostile list."""
_NO_REASON = (
    "the suppression gives no reason; say why after the brackets, "
    "e.g. '# icscheck: ignore[ICB012] recruitment under way, board paper 2026-09'"
)


@dataclass(frozen=True, slots=True)
class Suppression:
    """One well-formed suppression comment."""

    named: tuple[tuple[str, frozenset[str]], ...]
    """Each rule as written in the brackets (an ID, prefix or name) and the IDs it stands for."""
    position: Position
    file_wide: bool
    """Given in the comments before the document starts, so it covers the whole file."""
    reason: str = ""
    """Why, as written after the brackets."""

    @property
    def rules(self) -> frozenset[str]:
        return frozenset().union(*(ids for _, ids in self.named))


@dataclass(frozen=True, slots=True)
class Cover:
    """The comment (one a line at most, so its position names it) and the name in its
    brackets that set a finding aside."""

    position: Position
    name: str
    reason: str = ""
    """The comment's reason, which SARIF gives as the suppression's justification."""


@dataclass(frozen=True, slots=True)
class Suppressions:
    """A file's suppression comments, indexed by rule and line, and the malformed ones."""

    given: tuple[Suppression, ...]
    problems: tuple[tuple[str, Position], ...]
    by_line: dict[tuple[str, int], Cover]
    file_wide: dict[str, Cover]

    def covering(self, rule_id: str, line: int) -> Cover | None:
        """What sets a finding of `rule_id` on `line` aside: its own line's comment first."""
        return self.by_line.get((rule_id, line)) or self.file_wide.get(rule_id)

    def unused(self, used: set[Cover], ran: set[str]) -> list[tuple[str, Position]]:
        """A message for each comment naming rules that ran yet set none of their findings
        aside; rules that did not run (not in force, or deselected) are not judged."""
        problems = []
        for suppression in self.given:
            idle = [
                name
                for name, ids in suppression.named
                if ids & ran and Cover(suppression.position, name, suppression.reason) not in used
            ]
            if idle:
                problems.append((_unused_message(suppression, idle), suppression.position))
        return problems


def _unused_message(suppression: Suppression, idle: list[str]) -> str:
    named = " and ".join(idle)
    if len(idle) == len(suppression.named):
        return f"the suppression of {named} sets aside no finding; remove it"
    return f"the suppression of {named} sets aside no finding; remove {named} from the brackets"


def read_suppressions(text: str) -> Suppressions:
    """Every `icscheck: ignore[...]` comment in the text, its names read as `--ignore` reads
    them."""
    given: list[Suppression] = []
    problems: list[tuple[str, Position]] = []
    in_header = True
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        in_header = in_header and (not stripped or stripped.startswith("#"))
        match = _MARKER.search(line)
        if match is None:
            continue
        position = Position(number, match.start() + 1)
        read = _read_comment(line, match.end())
        if isinstance(read, str):
            problems.append((read, position))
        else:
            named, reason = read
            given.append(Suppression(named, position, file_wide=in_header, reason=reason))
    return _indexed(given, problems)


def _read_comment(
    line: str, start: int
) -> tuple[tuple[tuple[str, frozenset[str]], ...], str] | str:
    """The names of the comment whose brackets open at `start`, with the rule IDs each stands
    for, and its reason; or the comment's problem."""
    close = line.find("]", start)
    if close < 0:
        return "the suppression has no closing ']'; write '# icscheck: ignore[ICB012] reason'"
    names = tuple(dict.fromkeys(split_names((line[start:close],))))
    if not names:
        return "the suppression names no rule; name rules as --ignore does, e.g. ICB013"
    named: list[tuple[str, frozenset[str]]] = []
    unusable: list[str] = []
    for number, name in enumerate(names, start=1):
        resolved = suppressible(name)
        if isinstance(resolved, str):
            unusable.append(_shorten(resolved))
            if len(unusable) == _MOST_UNUSABLE and number < len(names):
                unusable.append("perhaps others")
                break
        else:
            named.append((name, resolved))
    if unusable:
        return "the suppression cannot use " + "; ".join(unusable)
    reason = line[close + 1 :].strip()
    if not reason:
        return _NO_REASON
    return tuple(named), reason


def _shorten(text: str, limit: int = 80) -> str:
    """A hostile name is quoted in part, never a whole line of it."""
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _indexed(given: list[Suppression], problems: list[tuple[str, Position]]) -> Suppressions:
    by_line: dict[tuple[str, int], Cover] = {}
    file_wide: dict[str, Cover] = {}
    for suppression in given:
        for name, ids in suppression.named:
            for rule_id in ids:
                cover = Cover(suppression.position, name, suppression.reason)
                if suppression.file_wide:
                    file_wide.setdefault(rule_id, cover)
                else:
                    by_line.setdefault((rule_id, suppression.position.line), cover)
    return Suppressions(tuple(given), tuple(problems), by_line, file_wide)
