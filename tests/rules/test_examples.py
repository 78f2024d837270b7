"""Every rule's own passing and failing examples do what they say, and its metadata is complete."""

from __future__ import annotations

import copy
from collections import Counter
from typing import Any

import pytest

from icscheck.citations import all_sources
from icscheck.loader import load
from icscheck.rules import ALL_RULES, RULES_BY_ID, Rule
from icscheck.rules.registry import BUILT_INS
from tests.rules.helpers import AS_OF, check, schema_valid

BASE: dict[str, Any] = {"version": 1, "ics": {"name": "Example"}, "board": {"members": []}}

CATALOGUE = {
    "ICB001": "board-chair",
    "ICB002": "board-chief-executive",
    "ICB003": "ordinary-members",
    "ICB004": "trust-partner-member",
    "ICB005": "primary-care-partner-member",
    "ICB006": "local-authority-partner-member",
    "ICB007": "mental-health-expertise",
    "ICB008": "chair-not-chief-executive",
    "ICB009": "private-healthcare-independence",
    "ICB010": "chief-executive-employee",
    "ICB011": "executive-members",
    "ICB012": "non-executive-members",
    "ICB013": "non-executive-independence",
    "ICB014": "one-seat-per-person",
    "ICB015": "term-in-force",
    "ICB020": "system-accountable-officer",
    "ICB021": "commissioner-member",
    "ICS001": "one-ccg",
    "ICP001": "partnership-established",
    "ICP002": "icb-appointee",
    "ICP003": "local-authority-appointees",
    "ICP004": "known-local-authority",
    "ICP005": "suggested-members",
    "ICP006": "one-member-per-person",  # issue 6: the partnership's "listed twice", as ICB014
    "PLC001": "place-minimum-membership",
}
"""rules.md's catalogue: the IDs and names users put in --select, suppressions and CI."""
REFERENCE_DATA_RULES = {"ICS002": "icb-code-in-force", "ICS003": "councils-match-reference"}
"""Rules icscheck adds beyond rules.md's catalogue, holding a file to the shipped ICB data."""
BUILT_IN = {"YAML-SYNTAX": "yaml-syntax", "SCHEMA": "schema", "SUPPRESSION": "suppression"}
"""The catalogue's two checks that are not rules of the model."""


def example_document(fragment: str) -> dict[str, Any]:
    """The minimal document with the fragment's top-level sections put in place of its own."""
    sections = load(fragment).data
    assert isinstance(sections, dict) and sections, "an example is a mapping of sections"
    return schema_valid({**copy.deepcopy(BASE), **sections})


@pytest.mark.parametrize("kind", ["passing", "failing"])
@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda rule: rule.id)
def test_rule_examples_pass_and_fail(rule: Rule, kind: str) -> None:
    problems = check(rule.id, example_document(getattr(rule, kind)), as_of=AS_OF)
    if kind == "passing":
        assert problems == []
    else:
        assert problems, f"{rule.id}'s failing example raised nothing"


def test_ids_and_names_are_the_catalogue_of_rules_md() -> None:
    from_rules_md = [rule.id for rule in ALL_RULES if rule.id not in REFERENCE_DATA_RULES]
    assert from_rules_md == list(CATALOGUE)
    assert {rule.id: rule.name for rule in ALL_RULES} == CATALOGUE | REFERENCE_DATA_RULES
    assert {check.id: check.name for check in BUILT_INS} == BUILT_IN


def test_ids_and_names_are_unique() -> None:
    ids = Counter([rule.id for rule in ALL_RULES] + list(BUILT_IN))
    names = Counter([rule.name for rule in ALL_RULES] + list(BUILT_IN.values()))
    assert [rule_id for rule_id, n in ids.items() if n > 1] == []
    assert [name for name, n in names.items() if n > 1] == []
    assert {rule.id: rule for rule in ALL_RULES} == RULES_BY_ID


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda rule: rule.id)
def test_rule_is_documented_and_cited(rule: Rule) -> None:
    assert rule.summary.strip()
    assert rule.docs.strip()
    assert rule.citation.source.strip()
    assert rule.citation.source in all_sources()
    assert rule.passing.strip() and rule.failing.strip()
