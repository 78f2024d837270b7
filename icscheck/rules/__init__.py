"""The rules: each a pure function of the model; `registry` declares them all, with the built-in
checks, and reads the names people give them."""

from __future__ import annotations

from icscheck.rules.base import Context, Problem, Rule
from icscheck.rules.registry import ALL_RULES, RULES_BY_ID

__all__ = ["ALL_RULES", "RULES_BY_ID", "Context", "Problem", "Rule"]
