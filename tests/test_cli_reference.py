"""The reference data at the command line: `icscheck icbs`, and checks that take an area's
councils from `icb_code` (ICP003), compare them with the file's (ICS003), and hold the code to
the ICBs in force on the `--as-of` date (ICS002)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.helpers import AS_OF, QYG_COUNCILS, invoke, text_findings

BEFORE_CUMBRIA_SPLIT = "2023-03-01"
AFTER_CUMBRIA_SPLIT = "2023-06-01"


def ics_file(folder: Path, code: str, councils: list[str] | None = None) -> Path:
    """A minimal valid file naming an ICB by code; the partnership has only the ICB's appointee."""
    listed = "" if councils is None else f"  local_authorities: [{', '.join(councils)}]\n"
    path = folder / f"{code.lower()}.ics.yaml"
    path.write_text(
        "version: 1\n"
        "ics:\n"
        "  name: Example\n"
        f"  icb_code: {code}\n"
        f"{listed}"
        "board:\n"
        "  members:\n"
        "    - {name: Jane Example, role: chair}\n"
        "partnership:\n"
        "  members:\n"
        "    - {name: Sam Example, appointed_by: icb}\n",
        encoding="utf-8",
    )
    return path


def found(path: Path, as_of: str, rule: str) -> list[tuple[str, str]]:
    """(severity, message) of each finding of `rule`."""
    result = invoke("check", path, "--as-of", as_of, "--select", rule)
    assert result.exit_code in (0, 1), result.output
    assert "Traceback" not in result.output
    return [
        (m["severity"], m["message"]) for m in text_findings(result.stdout) if m["rule"] == rule
    ]


# `icscheck icbs`


def test_icbs_after_the_2026_mergers_lists_36_with_the_caveat() -> None:
    result = invoke("icbs", "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("36 integrated care boards in force on 23 November 2026")
    assert "ICB areas as at 1 April 2026" in result.stdout
    assert "not verified against the ONS" in result.stdout
    codes = re.findall(r"^([A-Z0-9]{3,5}) +NHS ", result.stdout, flags=re.MULTILINE)
    assert len(codes) == 36
    assert "S9B9J" in codes
    assert "QNX" not in codes


def test_icbs_on_the_first_day_lists_the_42() -> None:
    result = invoke("icbs", "--as-of", "2022-07-01")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("42 integrated care boards")
    assert "ICB areas as at 1 July 2022" in result.stdout
    codes = re.findall(r"^([A-Z0-9]{3,5}) +NHS ", result.stdout, flags=re.MULTILINE)
    assert len(codes) == 42
    assert "QNX" in codes


def test_icbs_shows_each_boards_councils_and_marks_split_ones() -> None:
    stdout = invoke("icbs", "--as-of", AS_OF).stdout
    assert "Westmorland and Furness Council (part)" in stdout
    assert "Wirral Metropolitan Borough Council" in stdout


def test_icbs_rejects_a_bad_date() -> None:
    result = invoke("icbs", "--as-of", "2026-13-01")
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.stderr


# ICP003 with councils from the reference data


def test_icb_code_alone_gives_an_icp003_finding_for_each_of_the_nine_councils(
    in_tmp: Path,
) -> None:
    path = ics_file(in_tmp, "QYG")
    result = invoke("check", path, "--as-of", AS_OF)
    assert result.exit_code == 1
    icp003 = found(path, AS_OF, "ICP003")
    assert len(icp003) == 9
    for council in QYG_COUNCILS:
        assert any(council in message for _, message in icp003), council
    for severity, message in icp003:
        assert severity == "error"
        assert "reference data" in message
        assert "ICB areas as at 1 April 2026" in message
        assert "not verified" in message


def test_the_vintage_follows_the_as_of_date(in_tmp: Path) -> None:
    path = ics_file(in_tmp, "QYG")
    icp003 = found(path, "2022-08-01", "ICP003")
    assert len(icp003) == 9
    assert all("ICB areas as at 1 July 2022" in message for _, message in icp003)


def test_the_files_own_councils_override_the_reference_data(in_tmp: Path) -> None:
    path = ics_file(in_tmp, "QYG", ["Wirral Metropolitan Borough Council"])
    icp003 = found(path, AS_OF, "ICP003")
    assert len(icp003) == 1
    assert "Wirral" in icp003[0][1]
    assert "reference data" not in icp003[0][1]


# ICS003: the file's councils against the reference data


def test_councils_that_differ_from_the_reference_data_are_a_warning(in_tmp: Path) -> None:
    path = ics_file(in_tmp, "QYG", ["Wirral", "Liverpool City Council"])
    ics003 = found(path, AS_OF, "ICS003")
    assert len(ics003) == 1
    severity, message = ics003[0]
    assert severity == "warning"
    assert "Wirral, Liverpool City Council" in message  # the file's
    for council in QYG_COUNCILS:  # the reference data's
        assert council in message
    assert "ICB areas as at 1 April 2026" in message
    assert invoke("check", path, "--as-of", AS_OF, "--select", "ICS").exit_code == 0


def test_councils_that_agree_loosely_raise_no_warning(in_tmp: Path) -> None:
    short_names = [name.split(" Metropolitan")[0].split(" Borough")[0] for name in QYG_COUNCILS]
    path = ics_file(in_tmp, "QYG", short_names)
    assert found(path, AS_OF, "ICS003") == []


def test_councils_from_the_reference_data_are_not_compared_with_themselves(in_tmp: Path) -> None:
    assert found(ics_file(in_tmp, "QYG"), AS_OF, "ICS003") == []


# ICS002: the code names an ICB in force on the date


def test_dissolved_icb_is_an_error_naming_its_successor(in_tmp: Path) -> None:
    path = ics_file(in_tmp, "QNX")
    ics002 = found(path, AS_OF, "ICS002")
    assert len(ics002) == 1
    severity, message = ics002[0]
    assert severity == "error"
    assert "dissolved" in message
    assert "S9B9J" in message
    assert invoke("check", path, "--as-of", AS_OF, "--select", "ICS").exit_code == 1


def test_the_same_icb_before_its_dissolution_is_fine(in_tmp: Path) -> None:
    path = ics_file(in_tmp, "QNX")
    assert found(path, "2025-11-23", "ICS002") == []
    assert invoke("check", path, "--as-of", "2025-11-23", "--select", "ICS").exit_code == 0


def test_last_day_before_the_mergers_is_still_in_force(in_tmp: Path) -> None:
    path = ics_file(in_tmp, "QNX")
    assert found(path, "2026-03-31", "ICS002") == []
    assert len(found(path, "2026-04-01", "ICS002")) == 1


def test_unknown_code_is_an_error_with_a_suggestion(in_tmp: Path) -> None:
    path = ics_file(in_tmp, "QYX")
    ics002 = found(path, AS_OF, "ICS002")
    assert len(ics002) == 1
    severity, message = ics002[0]
    assert severity == "error"
    assert "'QYX'" in message
    assert "did you mean QYG" in message


def test_code_not_yet_established_is_an_error(in_tmp: Path) -> None:
    path = ics_file(in_tmp, "S9B9J")
    ics002 = found(path, "2025-06-01", "ICS002")
    assert len(ics002) == 1
    assert ics002[0][0] == "error"
    assert "not established until 1 April 2026" in ics002[0][1]
    assert found(path, "2026-06-01", "ICS002") == []


def test_code_is_matched_whatever_its_case(in_tmp: Path) -> None:
    assert found(ics_file(in_tmp, "qyg"), AS_OF, "ICS002") == []


@pytest.mark.parametrize("edition", ["nhse-2020-option1", "nhse-2020-option2", "white-paper-2021"])
def test_earlier_editions_do_not_hold_files_to_the_reference_data(
    in_tmp: Path, edition: str
) -> None:
    result = invoke("check", ics_file(in_tmp, "QYX"), "--as-of", AS_OF, "-e", edition)
    assert "ICS002" not in result.stdout


# Cumbria: the councils change on 1 April 2023


def test_north_east_and_north_cumbria_councils_change_on_1_april_2023(in_tmp: Path) -> None:
    path = ics_file(in_tmp, "QHM")
    before = " ".join(message for _, message in found(path, BEFORE_CUMBRIA_SPLIT, "ICP003"))
    after = " ".join(message for _, message in found(path, AFTER_CUMBRIA_SPLIT, "ICP003"))
    assert "Cumbria County Council" in before
    assert "Cumberland Council" not in before
    assert "Cumbria County Council" not in after
    assert "Cumberland Council" in after
    assert "Westmorland and Furness Council" in after
    assert "ICB areas as at 1 April 2023" in after


def test_lancashire_and_south_cumbria_councils_change_on_1_april_2023(in_tmp: Path) -> None:
    path = ics_file(in_tmp, "QE1")
    before = found(path, BEFORE_CUMBRIA_SPLIT, "ICP003")
    after = found(path, AFTER_CUMBRIA_SPLIT, "ICP003")
    assert len(before) == len(after) == 4
    assert any("Cumbria County Council" in message for _, message in before)
    assert any("Westmorland and Furness Council" in message for _, message in after)
    assert not any("Westmorland" in message for _, message in before)


def test_a_cumbrian_council_appointee_is_unknown_after_the_split(in_tmp: Path) -> None:
    path = ics_file(in_tmp, "QE1")
    text = path.read_text("utf-8") + (
        "    - {name: Cllr Ann Lee, appointed_by: local_authority,"
        " local_authority: Cumbria County Council}\n"
    )
    path.write_text(text, encoding="utf-8")
    assert found(path, BEFORE_CUMBRIA_SPLIT, "ICP004") == []
    icp004 = found(path, AFTER_CUMBRIA_SPLIT, "ICP004")
    assert len(icp004) == 1
    assert "Cumbria County Council is not a responsible local authority" in icp004[0][1]
