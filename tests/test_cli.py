"""The command line as users and CI meet it: formats, exit codes, options, errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import AS_OF, COMPLIANT_SAMPLE, SAMPLES, TEXT_LINE, invoke, rules_in

ESSEX = SAMPLES / "essex.ics.yaml"
KENT = SAMPLES / "kent-and-medway.ics.yaml"  # warnings only


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_compliant_file_exits_0_with_no_findings() -> None:
    result = invoke("check", COMPLIANT_SAMPLE, "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert "1 compliant" in result.stderr


def test_sample_folder_exits_1_and_every_line_is_located() -> None:
    result = invoke("check", SAMPLES, "--as-of", AS_OF)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines, "expected findings"
    assert all(TEXT_LINE.match(line) for line in lines), lines
    assert "\x1b" not in result.stdout


def test_fail_on_warning_fails_a_file_with_only_warnings() -> None:
    assert invoke("check", KENT, "--as-of", AS_OF).exit_code == 0
    assert invoke("check", KENT, "--as-of", AS_OF, "--fail-on", "warning").exit_code == 1


def test_fail_on_info_counts_infos() -> None:
    north_east_london = SAMPLES / "north-east-london.ics.yaml"
    assert (
        invoke("check", north_east_london, "--as-of", AS_OF, "--fail-on", "warning").exit_code == 0
    )
    assert invoke("check", north_east_london, "--as-of", AS_OF, "--fail-on", "info").exit_code == 1


def test_select_by_prefix_and_ignore_by_id_and_name() -> None:
    assert rules_in(invoke("check", ESSEX, "--as-of", AS_OF, "--select", "ICP").stdout) == {
        "ICP002",
        "ICP004",
    }
    ignored = invoke(
        "check", ESSEX, "--as-of", AS_OF, "--ignore", "ICB00,icb-appointee", "--ignore", "ICB011"
    )
    assert rules_in(ignored.stdout) == {"ICB012", "ICP004"}


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--select", "ICX", "no rule has that ID"),
        ("--ignore", "SCHEMA", "cannot be ignored"),
        ("--as-of", "23/11/2026", "YYYY-MM-DD"),
        ("--as-of", "2026-02-30", "YYYY-MM-DD"),
        ("--edition", "hca-2099", "unknown edition"),
    ],
)
def test_bad_options_exit_2_with_one_clear_message(option: str, value: str, message: str) -> None:
    result = invoke("check", COMPLIANT_SAMPLE, option, value)
    assert result.exit_code == 2
    assert message in result.stderr
    assert result.stderr.startswith("icscheck: error:")
    assert "Traceback" not in result.output


def test_bad_format_is_a_usage_error() -> None:
    result = invoke("check", COMPLIANT_SAMPLE, "--format", "xml")
    assert result.exit_code == 2
    assert "xml" in result.stderr


def test_missing_path_exits_2(in_tmp: Path) -> None:
    result = invoke("check", "nowhere.ics.yaml")
    assert result.exit_code == 2
    assert result.stderr == "icscheck: error: nowhere.ics.yaml: no such file or directory\n"


def test_folder_without_ics_files_exits_2(in_tmp: Path) -> None:
    write(in_tmp, "notes.yaml", "a: 1\n")
    result = invoke("check")
    assert result.exit_code == 2
    assert "no *.ics.yaml" in result.stderr


def test_folder_search_skips_hidden_folders_and_finds_yml(in_tmp: Path) -> None:
    hidden = in_tmp / ".git"
    hidden.mkdir()
    write(hidden, "old.ics.yaml", "version: 1\n")
    write(in_tmp, "ok.ics.yml", COMPLIANT_SAMPLE.read_text("utf-8"))
    result = invoke("check", ".", "--as-of", AS_OF, "--format", "json")
    assert [file["path"] for file in json.loads(result.stdout)["files"]] == ["ok.ics.yml"]
    assert result.exit_code == 0


def test_a_named_file_is_checked_whatever_its_name(in_tmp: Path) -> None:
    path = write(in_tmp, "board.yaml", COMPLIANT_SAMPLE.read_text("utf-8"))
    assert invoke("check", path, "--as-of", AS_OF).exit_code == 0


def test_standard_input_is_read_with_dash() -> None:
    result = invoke("check", "-", "--as-of", AS_OF, stdin=ESSEX.read_text("utf-8"))
    assert result.exit_code == 1
    assert result.stdout.startswith("<stdin>:")


def test_broken_yaml_is_a_located_finding_not_a_crash(in_tmp: Path) -> None:
    path = write(in_tmp, "broken.ics.yaml", "version: 1\nics:\n  name: 'unclosed\nboard: {}\n")
    result = invoke("check", path, "--as-of", AS_OF)
    assert result.exit_code == 1
    match = TEXT_LINE.match(result.stdout.splitlines()[0])
    assert match and match["rule"] == "YAML-SYNTAX"
    assert "Traceback" not in result.output


def test_schema_violations_are_findings_at_the_offending_line(in_tmp: Path) -> None:
    text = COMPLIANT_SAMPLE.read_text("utf-8").replace("role: chair", "role: chiar", 1)
    path = write(in_tmp, "typo.ics.yaml", text)
    result = invoke("check", path, "--as-of", AS_OF)
    assert result.exit_code == 1
    line_number = next(i for i, line in enumerate(text.splitlines(), 1) if "chiar" in line)
    assert f"typo.ics.yaml:{line_number}:" in result.stdout
    assert "SCHEMA error" in result.stdout
    assert "did you mean 'chair'" in result.stdout


def test_as_of_decides_whether_a_term_has_lapsed() -> None:
    assert {"ICB011", "ICB015"} <= rules_in(invoke("check", KENT, "--as-of", AS_OF).stdout)
    before_lapse = rules_in(invoke("check", KENT, "--as-of", "2025-01-01").stdout)
    assert "ICB015" not in before_lapse
    assert "ICB011" not in before_lapse


def test_json_has_the_documented_shape_and_nothing_else() -> None:
    result = invoke("check", SAMPLES, "--as-of", AS_OF, "--format", "json")
    document = json.loads(result.stdout)
    assert set(document) == {"tool", "edition", "as_of", "files", "counts"}
    assert document["tool"]["name"] == "icscheck"
    assert document["edition"] == "hca-2022"
    assert document["as_of"] == AS_OF
    essex = next(file for file in document["files"] if file["path"].endswith("essex.ics.yaml"))
    assert set(essex) == {"path", "edition", "ics", "compliant", "counts", "suppressed", "findings"}
    assert essex["edition"] == "hca-2022"
    assert essex["ics"] == "Essex"
    assert essex["compliant"] is False
    assert essex["counts"] == {"error": 7, "warning": 2, "info": 0}
    finding = essex["findings"][0]
    assert set(finding) == {
        "rule",
        "name",
        "severity",
        "message",
        "path",
        "line",
        "column",
        "pointer",
        "source",
    }
    assert finding["pointer"].startswith("/board")
    totals = document["counts"]
    assert totals["error"] == sum(file["counts"]["error"] for file in document["files"])


def test_output_file_is_written_whole_and_stdout_stays_empty(in_tmp: Path) -> None:
    target = in_tmp / "report.json"
    target.write_text("old report", encoding="utf-8")
    result = invoke("check", ESSEX, "--as-of", AS_OF, "--format", "json", "--output", target)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert json.loads(target.read_text("utf-8"))["files"][0]["ics"] == "Essex"
    assert sorted(path.name for path in in_tmp.iterdir()) == ["report.json"]


def test_output_into_missing_folder_exits_2(in_tmp: Path) -> None:
    result = invoke("check", ESSEX, "--output", in_tmp / "no" / "such" / "report.txt")
    assert result.exit_code == 2
    assert "cannot write" in result.stderr


def test_rich_report_without_a_terminal_has_no_colour_but_the_whole_report() -> None:
    result = invoke("check", ESSEX, "--as-of", AS_OF, "--format", "rich")
    assert "\x1b" not in result.stdout
    for expected in (
        "Essex",
        "Integrated care board",
        "Integrated care partnership",
        "ICB003",
        "Not compliant",
        "NHS Act 2006 Sch. 1B",
        "1 file checked",
    ):
        assert expected in result.stdout


def test_quiet_rich_report_drops_members_and_summary() -> None:
    result = invoke("check", ESSEX, "--as-of", AS_OF, "--format", "rich", "--quiet")
    assert "ICB003" in result.stdout
    assert "Integrated care board" not in result.stdout
    assert "file checked" not in result.stdout


def test_quiet_text_report_has_no_summary() -> None:
    assert invoke("check", ESSEX, "--as-of", AS_OF, "--quiet").stderr == ""


def test_rules_lists_the_edition_with_severity_and_source() -> None:
    result = invoke("rules")
    assert result.exit_code == 0
    row = next(line for line in result.stdout.splitlines() if line.startswith("ICB009"))
    assert "private-healthcare-independence" in row
    assert "warning" in row
    assert "para 4" in row


def test_explain_gives_source_examples_and_accepts_names() -> None:
    result = invoke("explain", "board-chair")
    assert result.exit_code == 0
    for expected in (
        "ICB001 board-chair",
        "para 3(1)(a)",
        "legislation.gov.uk",
        "Passing example:",
        "Failing example:",
        "Confidence Q",
    ):
        assert expected in result.stdout


def test_explain_says_when_a_source_is_only_corroborated() -> None:
    assert "Confidence C" in invoke("explain", "ICB007").stdout


def test_explain_covers_the_built_in_checks_and_rejects_unknown_rules() -> None:
    assert "duplicate keys" in invoke("explain", "yaml-syntax").stdout
    result = invoke("explain", "ICB999")
    assert result.exit_code == 2
    assert "no rule is called 'ICB999'" in result.stderr


def test_schema_command_prints_the_json_schema() -> None:
    result = invoke("schema")
    schema = json.loads(result.stdout)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert "board" in schema["properties"]


def test_version_and_help() -> None:
    assert invoke("--version").stdout.startswith("icscheck ")
    help_text = invoke("check", "--help").stdout
    assert "--fail-on" in help_text
    assert "Exit status" in help_text


def test_an_unexpected_error_is_one_line_asking_for_a_report(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from icscheck import cli, run

    def explode(request: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(run, "run", explode)
    monkeypatch.setattr("sys.argv", ["icscheck", "check", str(ESSEX)])
    with pytest.raises(SystemExit) as stopped:
        cli.main()
    assert stopped.value.code == 2
    error = capsys.readouterr().err
    assert "internal error: RuntimeError: boom" in error
    assert "Traceback" not in error
