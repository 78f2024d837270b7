"""Issue 6, partnership: one person listed twice, councils' common names, and did-you-mean."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

from icscheck import geography
from icscheck.citations import confidence
from icscheck.editions import load_edition
from icscheck.model import council_key
from icscheck.results import Severity
from tests.helpers import AS_OF, EDITIONS_OLDEST_FIRST, HCA22, QYG_COUNCILS, invoke
from tests.rules.helpers import PARTNERSHIP, appointee, check, council_appointee, document

WIRRAL = "Wirral Metropolitan Borough Council"


def write(
    tmp_path: Path, members: str, *, ics: str = "local_authorities: [Wirral Council]"
) -> Path:
    """An ICS file whose partnership lists `members` (YAML flow mappings, one a line)."""
    path = tmp_path / "wirral.ics.yaml"
    items = "".join(f"    - {line.strip()}\n" for line in members.strip().splitlines())
    path.write_text(
        f"version: 1\nics:\n  name: Wirral Valley\n  {ics}\nboard:\n  members: []\n"
        f"partnership:\n  members:\n{items}",
        encoding="utf-8",
    )
    return path


def findings(path: Path, *rules: str, edition: str = HCA22) -> list[dict[str, Any]]:
    """The findings of `rules` in one file, checked as a user would."""
    result = invoke(
        "check", path, "--as-of", AS_OF, "--edition", edition,
        "--select", ",".join(rules), "--format", "json",
    )  # fmt: skip
    assert result.exit_code in (0, 1), result.output
    (checked,) = json.loads(result.stdout)["files"]
    found: list[dict[str, Any]] = checked["findings"]
    return found


# ICP006 one-member-per-person

ANN_TWICE = """
    {name: Ann Lee, appointed_by: icb}
    {name: Sam Ellis, appointed_by: partnership}
    {name: Ann Lee, appointed_by: local_authority, local_authority: Wirral Council}
"""


def test_a_person_listed_twice_is_a_warning_at_the_second_entry(tmp_path: Path) -> None:
    (finding,) = findings(write(tmp_path, ANN_TWICE), "ICP006")
    assert finding["severity"] == "warning"
    assert finding["name"] == "one-member-per-person"
    assert (finding["line"], finding["pointer"]) == (11, "/partnership/members/2")
    assert finding["message"].startswith(
        "'Ann Lee' is listed twice (partnership members 1 and 3): appointed by the ICB and by "
        "Wirral Council; "
    )
    assert "list each person once" in finding["message"]


def test_the_duplicate_does_not_hide_behind_the_appointment_rules(tmp_path: Path) -> None:
    # ICP002 and ICP003 each see their appointee; only ICP006 says it is one person.
    rules = {f["rule"] for f in findings(write(tmp_path, ANN_TWICE), "ICP002", "ICP003", "ICP006")}
    assert rules == {"ICP006"}


def test_names_are_compared_ignoring_case_and_spacing(tmp_path: Path) -> None:
    members = """
        {name: Ann Lee, appointed_by: icb}
        {name: "  ann   LEE ", appointed_by: partnership}
    """
    (finding,) = findings(write(tmp_path, members), "ICP006")
    assert "appointed by the ICB and by the partnership" in finding["message"]


def test_the_same_appointer_twice_is_a_listing_slip(tmp_path: Path) -> None:
    members = """
        {name: Joe Burns, appointed_by: local_authority, local_authority: Wirral Council}
        {name: Joe Burns, appointed_by: local_authority, local_authority: Wirral MBC}
    """
    (finding,) = findings(write(tmp_path, members), "ICP006")
    assert finding["message"] == (
        "'Joe Burns' is listed twice (partnership members 1 and 2), each time appointed by "
        "Wirral Council; list each member once"
    )


def test_three_entries_are_one_finding_naming_every_appointer(tmp_path: Path) -> None:
    members = """
        {name: Ann Lee, appointed_by: icb}
        {name: Ann Lee, appointed_by: local_authority, local_authority: Wirral Council}
        {name: Ann Lee, appointed_by: partnership}
    """
    (finding,) = findings(write(tmp_path, members), "ICP006")
    assert finding["message"].startswith(
        "'Ann Lee' is listed 3 times (partnership members 1, 2 and 3): appointed by the ICB, by "
        "Wirral Council and by the partnership; "
    )
    assert finding["pointer"] == "/partnership/members/1"


def test_different_people_pass() -> None:
    doc = document(
        partnership={
            "members": [appointee("Ann Lee", "icb"), council_appointee("Anne Lee", "Wirral")]
        }
    )
    assert check("ICP006", doc) == []


def test_only_the_act_makes_it_a_warning_graded_as_an_inference() -> None:
    in_force = {e: load_edition(e).setting("ICP006") for e in EDITIONS_OLDEST_FIRST}
    act = in_force.pop(HCA22)
    assert act is not None and act.severity is Severity.WARNING
    assert (act.citation.source, confidence(act.citation)) == ("HCA22-ICP", "C")
    assert set(in_force.values()) == {None}


def test_earlier_editions_say_nothing_of_it(tmp_path: Path) -> None:
    assert findings(write(tmp_path, ANN_TWICE), "ICP", edition="design-framework-2021") == []


# Council names in their common forms

SAME_COUNCIL = [
    ("Wirral Metropolitan Borough Council", "Wirral MBC"),
    ("Wirral Metropolitan Borough Council", "Wirral Borough"),
    ("Wirral Metropolitan Borough Council", "Wirral Metropolitan Borough"),
    ("Wirral Metropolitan Borough Council", "Borough of Wirral"),
    ("Wirral Metropolitan Borough Council", "Metropolitan Borough of Wirral"),
    ("City of Bradford Metropolitan District Council", "City of Bradford MDC"),
    ("City of Bradford Metropolitan District Council", "Bradford Metropolitan District Council"),
    ("City of Bradford Metropolitan District Council", "Bradford Council"),
    ("Hull City Council", "Kingston upon Hull City Council"),
    ("Hull City Council", "City of Kingston upon Hull"),
    ("Royal Borough of Kensington and Chelsea", "Kensington and Chelsea"),
    ("Royal Borough of Kensington and Chelsea", "RB Kensington & Chelsea"),
    ("London Borough of Camden", "LB Camden"),
    ("London Borough of Camden", "Camden Council"),
    ("London Borough of Camden", "Camden LBC"),
    ("St Helens Borough Council", "St Helens"),
    ("St Helens Borough Council", "St. Helens"),
    ("St Helens Borough Council", "Saint Helens Council"),
    ("Stoke-on-Trent City Council", "Stoke on Trent"),
    ("Herefordshire Council", "County of Herefordshire District Council"),
    ("Bristol City Council", "City and County of Bristol"),
    ("Westminster City Council", "City of Westminster"),
    ("Halton Borough Council", "Halton BC"),
    ("Kent County Council", "Kent CC"),
]


@pytest.mark.parametrize(("listed", "appointing"), SAME_COUNCIL)
def test_common_forms_of_a_council_name_match(listed: str, appointing: str) -> None:
    doc = document(
        ics={"local_authorities": [listed]},
        partnership={"members": [council_appointee("Joe Burns", appointing)]},
    )
    assert check("ICP003", doc) == []
    assert check("ICP004", doc) == []


def test_a_common_form_is_accepted_against_the_reference_data(tmp_path: Path) -> None:
    members = "\n".join(
        f"{{name: Person {n}, appointed_by: local_authority, local_authority: {council}}}"
        for n, council in enumerate(
            ["Cheshire East", "Cheshire West & Chester", "Halton BC", "Knowsley MBC",
             "Liverpool City Council", "Sefton Council", "Saint Helens", "Warrington Borough",
             "Borough of Wirral"]
        )
    )  # fmt: skip
    path = write(tmp_path, members, ics="icb_code: QYG")
    assert findings(path, "ICP003", "ICP004") == []


def _reference_names() -> list[str]:
    return sorted({record.name for record in geography.council_records()})


RENAMED = {
    frozenset({"North Yorkshire County Council", "North Yorkshire Council"}),
    frozenset({"Somerset County Council", "Somerset Council"}),
}
"""The same councils under new names from 1 April 2023 (the structural changes orders kept each
county council as the new unitary council), so one key is right."""


def test_every_council_in_the_reference_data_has_a_key_of_its_own() -> None:
    by_key: dict[str, set[str]] = defaultdict(set)
    for name in _reference_names():
        by_key[council_key(name)].add(name)
    shared = {frozenset(names) for names in by_key.values() if len(names) > 1}
    assert shared == RENAMED


@pytest.mark.parametrize("on", sorted({r.valid_from for r in geography.council_records()}))
def test_councils_in_force_together_never_match(on: Any) -> None:
    in_force = {r.name for r in geography.council_records() if r.in_force(on)}
    assert len({council_key(name) for name in in_force}) == len(in_force)


@pytest.mark.parametrize("name", _reference_names())
def test_each_councils_everyday_forms_match_it_and_no_other(name: str) -> None:
    key = council_key(name)
    others = {council_key(other) for other in _reference_names()} - {key}
    for form in (name.upper(), f"The {name}", f"{key.title()} Council", key.replace(" ", "  ")):
        assert council_key(form) == key, form
        assert council_key(form) not in others, form


# Did you mean: a misspelt council


def test_unknown_council_suggests_the_areas_closest(tmp_path: Path) -> None:
    members = "{name: Joe Burns, appointed_by: local_authority, local_authority: Wiral Council}"
    path = write(tmp_path, members, ics=f"local_authorities: [{WIRRAL}, Cheshire East Council]")
    (finding,) = findings(path, "ICP004")
    assert finding["message"] == (
        f"Wiral Council is not a responsible local authority of this area; did you mean {WIRRAL}?"
        f" (the area's councils: {WIRRAL}, Cheshire East Council)"
    )


def test_the_missing_council_names_the_member_who_may_be_its_appointee(tmp_path: Path) -> None:
    members = "{name: Joe Burns, appointed_by: local_authority, local_authority: Wiral Council}"
    path = write(tmp_path, members, ics=f"local_authorities: [{WIRRAL}, Cheshire East Council]")
    wirral, cheshire_east = findings(path, "ICP003")
    assert wirral["message"] == (
        f"no partnership member is appointed by {WIRRAL}; each responsible local authority of the "
        f"area appoints one; 'Joe Burns' is recorded as appointed by Wiral Council: did you mean "
        f"{WIRRAL}?"
    )
    assert "did you mean" not in cheshire_east["message"]


def test_suggestions_use_the_reference_data_when_the_file_gives_only_its_icb(
    tmp_path: Path,
) -> None:
    members = "{name: Joe Burns, appointed_by: local_authority, local_authority: Sefon MBC}"
    (finding,) = findings(write(tmp_path, members, ics="icb_code: QYG"), "ICP004")
    assert "did you mean Sefton Metropolitan Borough Council?" in finding["message"]
    assert ", ".join(QYG_COUNCILS) in finding["message"]


@pytest.mark.parametrize(
    ("appointing", "why"),
    [
        ("South Tyneside Council", "a real council of another area"),
        ("Flintshire County Council", "nothing like the area's council"),
    ],
)
def test_no_suggestion_for_a_council_that_is_not_a_slip(appointing: str, why: str) -> None:
    doc = document(
        ics={"local_authorities": ["North Tyneside Council"]},
        partnership={"members": [council_appointee("Joe Burns", appointing)]},
    )
    (unknown,) = check("ICP004", doc)
    assert unknown.path == (*PARTNERSHIP, 0, "local_authority")
    assert "did you mean" not in unknown.message, why
    (missing,) = check("ICP003", doc)
    assert "did you mean" not in missing.message, why
