"""Every check icscheck knows, declared once: the rules and the built-in checks.

Settings, `check`, the listings and suppression comments all name checks the same way, so they
all read names through the one `find`, `matches`, `pattern_problem`, `suppressible` and
`split_names` here: a pattern means the same in `--select`, `--ignore`, a settings file and a
`# icscheck: ignore[...]` comment.
"""

from __future__ import annotations

from dataclasses import dataclass

from icscheck.citations import Citation
from icscheck.results import Severity
from icscheck.rules import board, option1, partnership, places, reference
from icscheck.rules.base import Rule


@dataclass(frozen=True, slots=True)
class BuiltIn:
    """A check made before any rule runs, on the file itself; no selection turns it off."""

    id: str
    name: str
    severity: Severity
    citation: Citation
    summary: str
    """What it requires, in one line."""
    docs: str
    """Why, and what counts."""


YAML_SYNTAX = BuiltIn(
    id="YAML-SYNTAX",
    name="yaml-syntax",
    severity=Severity.ERROR,
    citation=Citation("YAML"),
    summary="The file parses as YAML, with no duplicate keys.",
    docs="A file that is not valid YAML cannot be checked at all, and a duplicate key would let "
    "one value silently replace another (PyYAML keeps the last). Only true and false are "
    "booleans; dates stay as written. Always on, in every edition.",
)
SCHEMA = BuiltIn(
    id="SCHEMA",
    name="schema",
    severity=Severity.ERROR,
    citation=Citation("FORMAT"),
    summary="The file matches the icscheck input format (version 1).",
    docs="Types, required keys, allowed values and unknown keys are checked against the JSON "
    "Schema that `icscheck schema` prints, so a typo such as 'nominted_by' cannot pass "
    "silently. Rules run only on a file that matches it. Always on, in every edition.",
)
SUPPRESSION = BuiltIn(
    id="SUPPRESSION",
    name="suppression",
    severity=Severity.ERROR,
    citation=Citation("FORMAT"),
    summary="A suppression comment names known rules, gives its reason and sets something aside.",
    docs="A comment '# icscheck: ignore[ICB012] recruitment under way, see board paper 2026-09' "
    "sets aside that rule's findings on its own line, or in the whole file when it stands "
    "in the comments before the document starts. It names rules as --ignore does (IDs, "
    "prefixes such as ICP, or names such as board-chair) and must say why, so the file "
    "records each exception; one that does not suppresses nothing and is reported as an "
    "error. A suppression that sets aside no finding under any edition checked is reported "
    "as info, so stale exceptions are removed; rules that did not run are not judged. "
    "YAML-SYNTAX and SCHEMA findings cannot be suppressed.",
)

BUILT_INS: tuple[BuiltIn, ...] = (YAML_SYNTAX, SCHEMA, SUPPRESSION)

ALWAYS_ON = tuple(check.id for check in BUILT_INS)
"""Findings no selection turns off: rules cannot run on a file that is not valid input."""

ALL_RULES: tuple[Rule, ...] = (
    board.board_chair,
    board.board_chief_executive,
    board.ordinary_members,
    board.trust_partner_member,
    board.primary_care_partner_member,
    board.local_authority_partner_member,
    board.mental_health_expertise,
    board.chair_not_chief_executive,
    board.private_healthcare_independence,
    board.chief_executive_employee,
    board.executive_members,
    board.non_executive_members,
    board.non_executive_independence,
    board.one_seat_per_person,
    board.term_in_force,
    option1.system_accountable_officer,
    option1.commissioner_member,
    option1.one_ccg,
    reference.icb_code_in_force,
    reference.councils_match_reference,
    partnership.partnership_established,
    partnership.icb_appointee,
    partnership.local_authority_appointees,
    partnership.known_local_authority,
    partnership.suggested_members,
    partnership.one_member_per_person,
    places.place_minimum_membership,
)
"""Every rule, in the order reports list them."""

RULES_BY_ID: dict[str, Rule] = {r.id: r for r in ALL_RULES}


class UnknownRule(Exception):
    """No rule or built-in check has the ID or name asked for."""


def find(name: str) -> Rule | BuiltIn:
    """The rule or built-in check whose ID or name is `name`, in any case, for `explain`."""
    checks: tuple[Rule | BuiltIn, ...] = (*BUILT_INS, *ALL_RULES)
    for check in checks:
        if name.upper() == check.id or name.lower() == check.name:
            return check
    raise UnknownRule(f"no rule is called '{name}'; `icscheck rules` lists them")


def matches(rule: Rule, pattern: str) -> bool:
    """A pattern names a rule by ID, ID prefix (``ICP``) or name (``board-chair``)."""
    return rule.id.startswith(pattern.upper()) or rule.name == pattern.lower()


def pattern_problem(pattern: str, *, ignoring: bool) -> str | None:
    """Why a `--select`/`--ignore` pattern cannot be used, or None: a typo must not silently
    select or ignore nothing, and the checks that guard valid input cannot be turned off.
    The reason starts with the pattern, for the caller to put after the option's name."""
    if pattern.upper() in ALWAYS_ON:
        reason = "cannot be ignored: rules only run on valid input"
        return f"{pattern.upper()} {reason}" if ignoring else None
    if any(matches(rule, pattern) for rule in ALL_RULES):
        return None
    return f"{pattern}: no rule has that ID, prefix or name"


def suppressible(pattern: str) -> frozenset[str] | str:
    """The rule IDs a suppression comment's `pattern` stands for, read exactly as `--ignore`
    reads it, or why it cannot be used."""
    problem = pattern_problem(pattern, ignoring=True)
    if problem is not None:
        return problem
    return frozenset(rule.id for rule in ALL_RULES if matches(rule, pattern))


def split_names(values: tuple[str, ...]) -> tuple[str, ...]:
    """Names given repeatedly or comma-separated, as `--select ICP,ICB001` or in settings."""
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())
