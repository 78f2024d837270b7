"""Editions at the command line: `editions`, `editions diff`, `rules`/`explain --edition`, and
`check --edition` with one edition, several, or all of them side by side."""

from __future__ import annotations

import json
import re

import pytest

from tests.helpers import (
    AS_OF,
    COMPLIANT_SAMPLE,
    DF21,
    EDITIONS_OLDEST_FIRST,
    HCA22,
    OPT1,
    OPT2,
    SAMPLES,
    WP21,
    invoke,
    text_findings,
)

OLDEST_FIRST = list(EDITIONS_OLDEST_FIRST)
BOARD_ONLY = SAMPLES / "gloucestershire.ics.yaml"  # compliant board, no partnership
ESSEX = SAMPLES / "essex.ics.yaml"
KENT = SAMPLES / "kent-and-medway.ics.yaml"  # warnings only under hca-2022
SHROPSHIRE = SAMPLES / "shropshire-telford-and-wrekin.ics.yaml"  # chair is also chief executive


def findings(stdout: str) -> list[tuple[str, str, str | None]]:
    """(rule, severity, edition tag) for each text-format line."""
    return [(m["rule"], m["severity"], m["edition"]) for m in text_findings(stdout)]


def rules_listed(stdout: str) -> set[str]:
    return {line.split()[0] for line in stdout.splitlines() if re.match(r"^[A-Z]{3}\d{3}\s", line)}


def check_json(*args: object) -> dict[str, object]:
    result = invoke("check", *args, "--as-of", AS_OF, "--format", "json")
    assert result.exit_code in (0, 1), result.output
    document: dict[str, object] = json.loads(result.stdout)
    return document


# `icscheck editions` and `icscheck editions diff`


def test_editions_lists_the_five_oldest_first() -> None:
    result = invoke("editions")
    assert result.exit_code == 0, result.output
    headings = [line.split()[0] for line in result.stdout.splitlines() if line[:1].isalpha()]
    assert [h for h in headings if h in OLDEST_FIRST] == OLDEST_FIRST
    assert "Traceback" not in result.output


def test_editions_says_what_changed_since_the_one_before() -> None:
    stdout = invoke("editions").stdout
    since = re.findall(r"^\s+Since (\S+):", stdout, flags=re.MULTILINE)
    assert since == OLDEST_FIRST[:-1]
    last = next(line for line in stdout.splitlines() if f"Since {DF21}:" in line)
    assert "added" in last
    assert "severity changed" in last
    assert "icscheck editions diff" in stdout


def test_diff_from_option1_to_the_act_adds_the_chair_and_removes_the_accountable_officer() -> None:
    result = invoke("editions", "diff", OPT1, HCA22)
    assert result.exit_code == 0, result.output
    rows = {line.split()[0]: line for line in result.stdout.splitlines() if line.startswith("  ")}
    assert "added" in rows["ICB001"]
    assert "removed" in rows["ICB020"]
    assert "NHS Act 2006 Sch. 1B" in rows["ICB001"]


def test_diff_from_the_act_to_the_design_framework_changes_severities() -> None:
    result = invoke("editions", "diff", HCA22, DF21)
    assert result.exit_code == 0, result.output
    severity_rows = [line for line in result.stdout.splitlines() if "severity changed" in line]
    for rule_id in ("ICB011", "ICB012"):
        row = next(line for line in severity_rows if rule_id in line)
        assert "warning -> error" in row


def test_diff_of_an_edition_with_itself_has_no_changes() -> None:
    result = invoke("editions", "diff", HCA22, HCA22)
    assert result.exit_code == 0
    assert "No rule changes" in result.stdout


@pytest.mark.parametrize(
    "args",
    [
        ("editions", "diff", "hca-2099", HCA22),
        ("editions", "diff", OPT1, "option-3"),
        ("rules", "--edition", "hca-2099"),
        ("explain", "ICB001", "--edition", "hca-2099"),
        ("check", str(COMPLIANT_SAMPLE), "--as-of", AS_OF, "--edition", "hca-2099"),
        ("check", str(COMPLIANT_SAMPLE), "--as-of", AS_OF, "-e", HCA22, "-e", "hca-2099"),
    ],
)
def test_unknown_edition_exits_2_with_one_message(args: tuple[str, ...]) -> None:
    result = invoke(*args)
    assert result.exit_code == 2
    assert result.stderr.startswith("icscheck: error: unknown edition")
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.output


def test_unknown_edition_suggests_the_nearest() -> None:
    assert "did you mean 'hca-2022'" in invoke("rules", "--edition", "hca-2021").stderr


# `rules` and `explain` under an edition


def test_rules_under_option1_lists_its_own_rules() -> None:
    result = invoke("rules", "--edition", OPT1)
    assert result.exit_code == 0, result.output
    listed = rules_listed(result.stdout)
    assert {"ICB020", "ICB021", "ICS001", "PLC001"} <= listed
    assert "ICB001" not in listed
    assert OPT1 in result.stdout


def test_rules_default_to_the_act() -> None:
    listed = rules_listed(invoke("rules").stdout)
    assert {"ICB001", "ICP003"} <= listed
    assert "ICB020" not in listed


def test_explain_under_the_white_paper_cites_the_white_paper() -> None:
    result = invoke("explain", "ICB001", "--edition", WP21)
    assert result.exit_code == 0, result.output
    source_line = next(line for line in result.stdout.splitlines() if line.startswith("Source"))
    assert WP21 in source_line
    assert "2021 white paper" in source_line  # its `short` name in citations.yaml
    assert "Sch. 1B" not in source_line


def test_explain_says_which_editions_a_rule_is_in_force_in_and_what_each_cites() -> None:
    stdout = invoke("explain", "ICB001", "--edition", WP21).stdout
    lines = stdout.splitlines()
    start = lines.index("In force:")
    rows = lines[start + 1 : start + 1 + len(OLDEST_FIRST)]
    assert [row.split()[0] for row in rows] == OLDEST_FIRST
    assert rows[0].split()[1:] == ["not", "in", "force"]
    assert "error" in rows[-1]
    assert "NHS Act 2006 Sch. 1B, para 3(1)(a)" in rows[-1]
    assert "2021 white paper" in rows[2]


# `check --edition`: one edition


def test_board_only_file_fails_under_the_act_but_passes_under_the_white_paper() -> None:
    under_act = invoke("check", BOARD_ONLY, "--as-of", AS_OF)
    assert under_act.exit_code == 1
    assert findings(under_act.stdout) == [("ICP001", "error", None)]
    under_white_paper = invoke("check", BOARD_ONLY, "--as-of", AS_OF, "--edition", WP21)
    assert under_white_paper.exit_code == 0
    assert findings(under_white_paper.stdout) == [("ICP001", "warning", None)]
    assert WP21 in under_white_paper.stderr


def test_white_paper_asks_for_no_mental_health_member_or_ordinary_member_count() -> None:
    act = {rule for rule, _, _ in findings(invoke("check", ESSEX, "--as-of", AS_OF).stdout)}
    white_paper = {
        rule for rule, _, _ in findings(invoke("check", ESSEX, "--as-of", AS_OF, "-e", WP21).stdout)
    }
    assert {"ICB003", "ICB007", "ICP002", "ICP004"} <= act
    assert white_paper == {"ICB004", "ICB005", "ICB006", "ICP005"}


def test_design_framework_makes_the_missing_finance_director_an_error() -> None:
    assert invoke("check", KENT, "--as-of", AS_OF).exit_code == 0
    result = invoke("check", KENT, "--as-of", AS_OF, "--edition", DF21)
    assert result.exit_code == 1
    assert ("ICB011", "error", None) in findings(result.stdout)


def test_compliant_sample_fails_option1_for_want_of_an_accountable_officer() -> None:
    result = invoke("check", COMPLIANT_SAMPLE, "--as-of", AS_OF, "--edition", OPT1)
    assert result.exit_code == 1
    assert {rule for rule, _, _ in findings(result.stdout)} == {"ICB020", "ICB021"}


def test_json_names_the_single_edition_as_a_string() -> None:
    document = check_json(COMPLIANT_SAMPLE, "--edition", WP21)
    assert document["edition"] == WP21


# `check --edition`: several editions, or all


def test_edition_all_in_json_lists_every_edition_and_a_verdict_for_each() -> None:
    document = check_json(BOARD_ONLY, COMPLIANT_SAMPLE, "--edition", "all")
    assert document["edition"] == OLDEST_FIRST
    files = document["files"]
    assert isinstance(files, list)
    assert len(files) == 10
    for path in (BOARD_ONLY, COMPLIANT_SAMPLE):
        mine = [entry for entry in files if entry["path"] == str(path)]
        assert [entry["edition"] for entry in mine] == OLDEST_FIRST
    board_only = {entry["edition"]: entry for entry in files if entry["path"] == str(BOARD_ONLY)}
    assert board_only[WP21]["compliant"] is True
    assert board_only[HCA22]["compliant"] is False
    assert board_only[OPT2]["findings"] == []


def test_json_counts_add_up_over_every_verdict() -> None:
    document = check_json(ESSEX, "--edition", "all")
    files = document["files"]
    counts = document["counts"]
    assert isinstance(files, list) and isinstance(counts, dict)
    assert counts["error"] == sum(entry["counts"]["error"] for entry in files)


def test_repeated_edition_checks_each_in_the_order_given() -> None:
    document = check_json(BOARD_ONLY, "--edition", HCA22, "--edition", WP21)
    assert document["edition"] == [HCA22, WP21]
    files = document["files"]
    assert isinstance(files, list)
    assert [entry["edition"] for entry in files] == [HCA22, WP21]


def test_an_edition_named_twice_is_checked_once() -> None:
    document = check_json(BOARD_ONLY, "-e", WP21, "-e", WP21)
    assert document["edition"] == WP21


def test_text_with_several_editions_tags_each_line_with_its_edition() -> None:
    result = invoke("check", BOARD_ONLY, "--as-of", AS_OF, "-e", HCA22, "-e", WP21)
    assert findings(result.stdout) == [("ICP001", "error", HCA22), ("ICP001", "warning", WP21)]
    assert "of 2 verdicts compliant" in result.stderr


def test_text_with_one_edition_has_no_tag() -> None:
    result = invoke("check", BOARD_ONLY, "--as-of", AS_OF, "-e", WP21)
    assert not result.stdout.rstrip().endswith("]")


def test_rich_with_several_editions_shows_verdicts_by_edition() -> None:
    result = invoke("check", BOARD_ONLY, ESSEX, "--as-of", AS_OF, "-e", "all", "--format", "rich")
    assert "\x1b" not in result.stdout
    assert "Verdicts by edition" in result.stdout
    table = result.stdout[result.stdout.index("Verdicts by edition") :]
    header = next(line for line in table.splitlines() if HCA22 in line)
    assert [edition for edition in OLDEST_FIRST if edition in header] == OLDEST_FIRST
    row = next(line for line in table.splitlines() if "Gloucestershire" in line)
    assert "compliant" in row
    assert "error" in row


def test_rich_with_one_edition_has_no_verdicts_table() -> None:
    result = invoke("check", BOARD_ONLY, "--as-of", AS_OF, "--format", "rich")
    assert "Verdicts by edition" not in result.stdout


def test_all_exits_1_when_any_edition_finds_an_error() -> None:
    # Compliant under the Act, but option 1 wants an accountable officer and a CCG member.
    assert invoke("check", COMPLIANT_SAMPLE, "--as-of", AS_OF).exit_code == 0
    assert invoke("check", COMPLIANT_SAMPLE, "--as-of", AS_OF, "-e", "all").exit_code == 1


def test_several_editions_exit_0_when_none_finds_an_error() -> None:
    result = invoke("check", BOARD_ONLY, "--as-of", AS_OF, "-e", WP21, "-e", OPT2, "-e", DF21)
    assert result.exit_code == 0, result.output
    assert (
        invoke(
            "check", BOARD_ONLY, "--as-of", AS_OF, "-e", WP21, "-e", DF21, "--fail-on", "warning"
        ).exit_code
        == 1
    )


def test_select_applies_to_every_edition() -> None:
    result = invoke("check", SHROPSHIRE, "--as-of", AS_OF, "-e", "all", "--select", "ICB008")
    tagged = findings(result.stdout)
    assert {rule for rule, _, _ in tagged} == {"ICB008"}
    assert {edition for _, _, edition in tagged} == {OPT2, WP21, DF21, HCA22}
