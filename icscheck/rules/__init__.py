"""The rule catalogue: every rule icscheck knows, in the order reports list them."""

from __future__ import annotations

from icscheck.rules import board, option1, partnership, places, reference
from icscheck.rules.base import Citation, Context, Problem, Rule

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

RULES_BY_ID: dict[str, Rule] = {r.id: r for r in ALL_RULES}

__all__ = ["ALL_RULES", "RULES_BY_ID", "Citation", "Context", "Problem", "Rule"]
