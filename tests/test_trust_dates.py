"""Issue 6, dates, geography and explain: no crash on any `--as-of`, ICBs said plainly to date from
1 July 2022, an edition checked before its own date noted on stderr, `icb_code` in the wrong form
told the form and the code meant, `explain` of a rule not in the edition, and `--select` of rules
not in force."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import Result

from tests.helpers import AS_OF, COMPLIANT_SAMPLE, SAMPLES, invoke, text_findings

ESTABLISHMENT = (
    "ICBs were established on 1 July 2022 (Integrated Care Boards (Establishment) Order 2022)"
)
ANY_DATE = (
    "0001-01-01",
    "1999-12-31",
    "2021-01-01",
    "2022-06-30",
    "2022-07-01",
    "2026-03-31",
    "2026-04-01",
    "9999-12-31",
)
BEFORE_ICBS = ("0001-01-01", "2021-01-01", "2022-06-30")


def ics_file(folder: Path, code: str) -> Path:
    """A small valid file giving `code` as its ICB, quoted as written."""
    path = folder / "example.ics.yaml"
    path.write_text(
        "version: 1\n"
        "ics:\n"
        "  name: Example\n"
        f"  icb_code: {json.dumps(code)}\n"
        "board:\n"
        "  members:\n"
        "    - {name: Jane Example, role: chair}\n",
        encoding="utf-8",
    )
    return path


def ran_cleanly(result: Result) -> bool:
    """No exception escaped: the runner reports one as exit 1, like a finding."""
    return result.exception is None or isinstance(result.exception, SystemExit)


def findings_of(path: Path, *options: str) -> list[tuple[str, str, str, str]]:
    """(line, column, rule, message) of each finding."""
    result = invoke("check", path, *options)
    assert result.exit_code in (0, 1), result.output
    assert ran_cleanly(result), result.exception
    return [(m["line"], m["column"], m["rule"], m["message"]) for m in text_findings(result.stdout)]


# Any date, and the dates before ICBs existed


@pytest.mark.parametrize(
    ("as_of", "output_format"),
    [*((as_of, "text") for as_of in ANY_DATE), ("2021-01-01", "json"), ("2021-01-01", "rich")],
)
def test_checking_every_sample_under_every_edition_on_any_date_never_crashes(
    as_of: str, output_format: str
) -> None:
    result = invoke("check", SAMPLES, "-e", "all", "--as-of", as_of, "-f", output_format)
    assert result.exit_code in (0, 1), result.output
    assert ran_cleanly(result), result.exception
    assert "internal error" not in result.output
    if output_format == "json":
        json.loads(result.stdout)


@pytest.mark.parametrize("as_of", BEFORE_ICBS)
def test_ics002_before_july_2022_says_icbs_were_established_then(as_of: str) -> None:
    found = findings_of(COMPLIANT_SAMPLE, "--as-of", as_of, "--select", "ICS002")
    assert [(line, rule) for line, _, rule, _ in found] == [("15", "ICS002")]
    assert ESTABLISHMENT in found[0][3]
    assert "there were no ICBs on" in found[0][3]
    assert "ICB areas as at" not in found[0][3]


def test_ics002_on_the_day_icbs_were_established_is_silent() -> None:
    assert findings_of(COMPLIANT_SAMPLE, "--as-of", "2022-07-01", "--select", "ICS002") == []


@pytest.mark.parametrize("as_of", BEFORE_ICBS)
def test_init_before_july_2022_refuses_in_one_line(in_tmp: Path, as_of: str) -> None:
    result = invoke("init", "--icb", "QYG", "--as-of", as_of)
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert line.startswith("icscheck: error: there were no ICBs on ")
    assert ESTABLISHMENT in line
    assert "pass --as-of 2022-07-01 or later" in line
    assert list(in_tmp.iterdir()) == []


@pytest.mark.parametrize("as_of", ANY_DATE)
def test_init_without_an_icb_works_on_any_date(in_tmp: Path, as_of: str) -> None:
    result = invoke("init", "--as-of", as_of)
    assert result.exit_code == 0, result.output
    assert ran_cleanly(result), result.exception
    assert (in_tmp / "my-system.ics.yaml").is_file()


@pytest.mark.parametrize("as_of", ["0001-01-01", "2021-01-01", "2022-06-30"])
def test_icbs_before_july_2022_says_there_were_none_and_when_they_began(as_of: str) -> None:
    result = invoke("icbs", "--as-of", as_of)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("There were no integrated care boards on ")
    assert ESTABLISHMENT in result.stdout
    assert "icscheck icbs --as-of 2022-07-01" in result.stdout


@pytest.mark.parametrize("as_of", ["2022-07-01", "9999-12-31"])
def test_icbs_from_july_2022_lists_them(as_of: str) -> None:
    result = invoke("icbs", "--as-of", as_of)
    assert result.exit_code == 0, result.output
    assert " integrated care boards in force on " in result.stdout.splitlines()[0]


# An edition checked before its own date


def test_hca_2022_checked_before_the_act_notes_it_on_stderr_only() -> None:
    result = invoke("check", COMPLIANT_SAMPLE, "--as-of", "2021-01-01", "-f", "json")
    assert result.exit_code == 1, result.output
    json.loads(result.stdout)
    notes = [line for line in result.stderr.splitlines() if line.startswith("icscheck: note: ")]
    assert notes == [
        "icscheck: note: hca-2022 dates from 1 July 2022: on 1 January 2021, the date checked, "
        "its rules were not yet in force or published"
    ]


def test_each_edition_checked_before_its_date_gets_one_note() -> None:
    result = invoke("check", COMPLIANT_SAMPLE, "-e", "all", "--as-of", "2021-01-01", "-q")
    notes = [line for line in result.stderr.splitlines() if line.startswith("icscheck: note: ")]
    assert [note.split()[2] for note in notes] == [
        "white-paper-2021",
        "design-framework-2021",
        "hca-2022",
    ]


def test_no_note_on_or_after_the_editions_date() -> None:
    result = invoke("check", COMPLIANT_SAMPLE, "--as-of", "2022-07-01", "-q")
    assert "icscheck: note:" not in result.stderr


# icb_code in the wrong form, and the code meant


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("qyg", "QYG (NHS Cheshire and Merseyside Integrated Care Board)"),
        ("Q YG", "QYG (NHS Cheshire and Merseyside Integrated Care Board)"),
        ("E54000008", "QYG (NHS Cheshire and Merseyside Integrated Care Board)"),
        ("Cheshire and Merseyside", "QYG (NHS Cheshire and Merseyside Integrated Care Board)"),
        ("NHS Sussex ICB", "QNX (NHS Sussex Integrated Care Board, dissolved 31 March 2026)"),
    ],
)
def test_icb_code_in_the_wrong_form_states_the_form_and_the_code_meant(
    tmp_path: Path, written: str, meant: str
) -> None:
    found = findings_of(ics_file(tmp_path, written), "--as-of", AS_OF)
    (schema,) = [f for f in found if f[2] == "SCHEMA"]
    line, column, _, message = schema
    assert (line, column) == ("4", "13")
    assert "three or five capital letters and digits, e.g. QYG" in message
    assert message.endswith(f"did you mean {meant}?")


def test_a_name_matching_nothing_still_gets_the_form(tmp_path: Path) -> None:
    found = findings_of(ics_file(tmp_path, "Atlantis"), "--as-of", AS_OF)
    (message,) = [f[3] for f in found if f[2] == "SCHEMA"]
    assert "three or five capital letters" in message
    assert "did you mean" not in message


def test_an_unknown_code_suggests_a_dissolved_icb_as_dissolved(tmp_path: Path) -> None:
    found = findings_of(ics_file(tmp_path, "QNY"), "--as-of", AS_OF, "--select", "ICS002")
    (message,) = [f[3] for f in found]
    assert "QNX (NHS Sussex Integrated Care Board, dissolved 31 March 2026)" in message


def test_an_unknown_code_suggests_an_icb_in_force_plainly(tmp_path: Path) -> None:
    found = findings_of(ics_file(tmp_path, "QNY"), "--as-of", "2025-01-01", "--select", "ICS002")
    (message,) = [f[3] for f in found]
    assert "QNX (NHS Sussex Integrated Care Board)" in message
    assert "dissolved" not in message


def test_init_suggests_a_dissolved_icb_as_dissolved(in_tmp: Path) -> None:
    result = invoke("init", "--icb", "NHS Sussex", "--as-of", AS_OF)
    assert result.exit_code == 2, result.output
    (line,) = result.stderr.splitlines()
    assert "did you mean QNX (NHS Sussex Integrated Care Board, dissolved 31 March 2026)?" in line
    assert list(in_tmp.iterdir()) == []


def test_init_finds_the_icb_by_its_ons_code(in_tmp: Path) -> None:
    result = invoke("init", "--icb", "E54000008", "--as-of", AS_OF)
    assert result.exit_code == 2, result.output
    assert "did you mean QYG (NHS Cheshire and Merseyside Integrated Care Board)?" in result.stderr


# explain a rule not in the edition


def test_explain_a_rule_not_in_the_edition_says_so_and_cites_where_it_is() -> None:
    result = invoke("explain", "ICB020")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[2] == "ICB020 is not in force in hca-2022; it is in force in nhse-2020-option1."
    assert "Source (hca-2022)" not in result.stdout
    assert "Source (nhse-2020-option1): NHS England Integrating care 2020" in result.stdout
    assert "Confidence C: corroborated" in result.stdout


def test_explain_a_rule_in_force_shows_only_its_editions_source() -> None:
    result = invoke("explain", "ICB001")
    assert result.exit_code == 0, result.output
    assert "not in force in hca-2022" not in result.stdout
    assert result.stdout.count("Source (") == 1
    assert "Source (hca-2022): NHS Act 2006 Sch. 1B, para 3(1)(a)" in result.stdout


def test_explain_lists_each_editions_confidence() -> None:
    result = invoke("explain", "ICB001")
    in_force = result.stdout.split("In force:\n")[1].split("\n\n")[0].splitlines()
    assert in_force[0].split() == ["nhse-2020-option1", "not", "in", "force"]
    assert in_force[-1].split()[:3] == ["hca-2022", "error", "Q"]


# --select naming only rules not in force


def test_select_of_a_rule_not_in_the_edition_is_a_usage_error() -> None:
    result = invoke("check", SAMPLES, "--select", "ICB020", "--as-of", AS_OF)
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert result.stderr == (
        "icscheck: error: --select ICB020: no rule it names is in force in hca-2022 "
        "(ICB020 is in force in nhse-2020-option1)\n"
    )


def test_select_by_name_of_a_rule_not_in_force_names_every_edition_checked() -> None:
    result = invoke(
        "check", SAMPLES, "--select", "system-accountable-officer", "-e", "hca-2022",
        "-e", "white-paper-2021", "--as-of", AS_OF,
    )  # fmt: skip
    assert result.exit_code == 2, result.output
    assert "no rule it names is in force in hca-2022, white-paper-2021" in result.stderr


def test_select_of_a_rule_in_force_in_one_of_the_editions_runs() -> None:
    result = invoke("check", SAMPLES, "--select", "ICB020", "-e", "all", "--as-of", AS_OF, "-q")
    assert result.exit_code in (0, 1), result.output
    assert {m["rule"] for m in text_findings(result.stdout)} <= {"ICB020"}


def test_select_of_an_always_on_check_is_not_refused() -> None:
    result = invoke("check", COMPLIANT_SAMPLE, "--select", "SCHEMA", "--as-of", AS_OF, "-q")
    assert result.exit_code == 0, result.output


def test_the_reported_command_runs_as_a_real_process() -> None:
    """The issue's own command, through the console entry point that turns a crash into
    'internal error'."""
    result = subprocess.run(
        [sys.executable, "-m", "icscheck", "check", str(SAMPLES), "--as-of", "2021-01-01", "-q"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 1, result.stderr
    assert "internal error" not in result.stderr
    assert ESTABLISHMENT in result.stdout
