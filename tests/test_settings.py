"""Project settings through the real CLI: `.icscheck.yaml` and `[tool.icscheck]` in
`pyproject.toml`, found from the current folder upwards; command-line options win; any mistake
in them is one message and exit 2, never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import AS_OF, COMPLIANT_SAMPLE, FIXTURES, SAMPLES, invoke, rules_in

BOARD_ONLY = SAMPLES / "gloucestershire.ics.yaml"  # ICP001: error in the Act, warning before
ESSEX = SAMPLES / "essex.ics.yaml"
KENT = SAMPLES / "kent-and-medway.ics.yaml"  # warnings only under hca-2022
PACK = FIXTURES / "packs" / "constitution.yaml"


@pytest.fixture
def nested(in_tmp: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project folder with the test running two folders below it; returns the project."""
    working = in_tmp / "systems" / "north-west"
    working.mkdir(parents=True)
    monkeypatch.chdir(working)
    return in_tmp


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def json_check(*args: object) -> dict[str, object]:
    result = invoke("check", *args, "--as-of", AS_OF, "--format", "json")
    assert result.exit_code in (0, 1), result.output
    document: dict[str, object] = json.loads(result.stdout)
    return document


def assert_settings_error(*words: str, args: tuple[object, ...] = ()) -> str:
    """Checking fails with exit 2 and one `icscheck: error:` message containing `words`."""
    result = invoke("check", BOARD_ONLY, "--as-of", AS_OF, *args)
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.stdout == ""
    assert result.stderr.startswith("icscheck: error:")
    assert result.stderr.count("icscheck: error:") == 1
    assert "Traceback" not in result.output
    for word in words:
        assert word in result.stderr
    return result.stderr


# Where settings are found


def test_no_settings_means_the_defaults(nested: Path) -> None:
    result = invoke("check", BOARD_ONLY, "--as-of", AS_OF)
    assert result.exit_code == 1
    assert "hca-2022" in result.stderr


def test_icscheck_yaml_in_a_parent_folder_is_found(nested: Path) -> None:
    write(nested / ".icscheck.yaml", "edition: white-paper-2021\n")
    result = invoke("check", BOARD_ONLY, "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    assert "ICP001 warning" in result.stdout
    assert "white-paper-2021" in result.stderr


def test_pyproject_tool_table_in_a_parent_folder_is_found(nested: Path) -> None:
    write(
        nested / "pyproject.toml",
        '[project]\nname = "ics-boards"\n\n[tool.icscheck]\nedition = "white-paper-2021"\n',
    )
    result = invoke("check", BOARD_ONLY, "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    assert "white-paper-2021" in result.stderr


def test_settings_in_the_current_folder_are_found(in_tmp: Path) -> None:
    write(in_tmp / ".icscheck.yaml", "edition: white-paper-2021\n")
    assert invoke("check", BOARD_ONLY, "--as-of", AS_OF).exit_code == 0


def test_the_nearest_settings_win(nested: Path) -> None:
    write(nested / ".icscheck.yaml", "edition: white-paper-2021\n")
    write(nested / "systems" / ".icscheck.yaml", "fail-on: warning\n")
    result = invoke("check", BOARD_ONLY, "--as-of", AS_OF)
    # The nearer file says nothing of the edition, so the default (hca-2022) applies.
    assert "ICP001 error" in result.stdout
    assert result.exit_code == 1
    assert invoke("check", KENT, "--as-of", AS_OF).exit_code == 1  # fail-on: warning


def test_icscheck_yaml_beats_pyproject_in_the_same_folder(nested: Path) -> None:
    write(nested / ".icscheck.yaml", "edition: white-paper-2021\n")
    write(nested / "pyproject.toml", '[tool.icscheck]\nedition = "design-framework-2021"\n')
    result = invoke("check", BOARD_ONLY, "--as-of", AS_OF)
    assert "white-paper-2021" in result.stderr
    assert "design-framework-2021" not in result.stderr


def test_pyproject_without_a_tool_table_is_skipped(nested: Path) -> None:
    write(nested / ".icscheck.yaml", "edition: white-paper-2021\n")
    write(nested / "systems" / "pyproject.toml", '[project]\nname = "boards"\n[tool.ruff]\n')
    result = invoke("check", BOARD_ONLY, "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    assert "white-paper-2021" in result.stderr


def test_pyproject_settings_below_an_icscheck_yaml_win(nested: Path) -> None:
    write(nested / ".icscheck.yaml", "edition: nhse-2020-option1\n")
    write(nested / "systems" / "pyproject.toml", '[tool.icscheck]\nedition = "white-paper-2021"\n')
    assert "white-paper-2021" in invoke("check", BOARD_ONLY, "--as-of", AS_OF).stderr


def test_an_empty_settings_file_means_the_defaults(in_tmp: Path) -> None:
    write(in_tmp / ".icscheck.yaml", "# nothing set yet\n")
    result = invoke("check", BOARD_ONLY, "--as-of", AS_OF)
    assert result.exit_code == 1
    assert "hca-2022" in result.stderr


# What each setting does


def test_edition_setting_takes_a_list(in_tmp: Path) -> None:
    write(in_tmp / ".icscheck.yaml", "edition: [hca-2022, white-paper-2021]\n")
    document = json_check(BOARD_ONLY)
    assert document["edition"] == ["hca-2022", "white-paper-2021"]


def test_edition_setting_all(in_tmp: Path) -> None:
    write(in_tmp / ".icscheck.yaml", "edition: all\n")
    edition = json_check(BOARD_ONLY)["edition"]
    assert isinstance(edition, list)
    assert len(edition) == 5


def test_fail_on_setting(in_tmp: Path) -> None:
    write(in_tmp / "pyproject.toml", '[tool.icscheck]\nfail-on = "warning"\n')
    assert invoke("check", KENT, "--as-of", AS_OF).exit_code == 1


def test_select_setting(in_tmp: Path) -> None:
    write(in_tmp / ".icscheck.yaml", "select: [ICP]\n")
    assert rules_in(invoke("check", ESSEX, "--as-of", AS_OF).stdout) == {"ICP002", "ICP004"}


def test_ignore_setting_takes_ids_prefixes_and_names(in_tmp: Path) -> None:
    write(
        in_tmp / "pyproject.toml",
        '[tool.icscheck]\nignore = ["ICB00", "icb-appointee", "ICB011"]\n',
    )
    assert rules_in(invoke("check", ESSEX, "--as-of", AS_OF).stdout) == {"ICB012", "ICP004"}


def test_select_setting_as_one_comma_separated_string(in_tmp: Path) -> None:
    write(in_tmp / ".icscheck.yaml", "select: ICP002,ICP004\n")
    assert rules_in(invoke("check", ESSEX, "--as-of", AS_OF).stdout) == {"ICP002", "ICP004"}


def test_rules_setting_resolves_against_the_settings_files_folder(nested: Path) -> None:
    write(nested / "governance" / "constitution.yaml", PACK.read_text("utf-8"))
    write(nested / ".icscheck.yaml", "rules: governance/constitution.yaml\n")
    result = invoke("check", COMPLIANT_SAMPLE, "--as-of", AS_OF, "--format", "json")
    assert result.exit_code == 1, result.output
    document = json.loads(result.stdout)
    (finding,) = document["files"][0]["findings"]
    assert finding["rule"] == "ICB006"
    assert "constitution.yaml" in finding["source"]


def test_rules_setting_in_pyproject(nested: Path) -> None:
    write(nested / "packs" / "local.yaml", PACK.read_text("utf-8"))
    write(nested / "pyproject.toml", '[tool.icscheck]\nrules = "packs/local.yaml"\n')
    assert "ICB006" in rules_in(invoke("check", COMPLIANT_SAMPLE, "--as-of", AS_OF).stdout)


def test_a_missing_pack_named_in_settings_exits_2(nested: Path) -> None:
    write(nested / ".icscheck.yaml", "rules: packs/nowhere.yaml\n")
    assert_settings_error("nowhere.yaml")


# The command line wins


def test_edition_option_beats_the_setting(in_tmp: Path) -> None:
    write(in_tmp / ".icscheck.yaml", "edition: white-paper-2021\n")
    result = invoke("check", BOARD_ONLY, "--as-of", AS_OF, "--edition", "hca-2022")
    assert result.exit_code == 1
    assert "ICP001 error" in result.stdout


def test_fail_on_option_beats_the_setting(in_tmp: Path) -> None:
    write(in_tmp / ".icscheck.yaml", "fail-on: warning\n")
    assert invoke("check", KENT, "--as-of", AS_OF).exit_code == 1
    assert invoke("check", KENT, "--as-of", AS_OF, "--fail-on", "error").exit_code == 0


def test_select_and_ignore_options_beat_the_settings(in_tmp: Path) -> None:
    write(in_tmp / ".icscheck.yaml", "select: [ICP]\nignore: [ICP004]\n")
    assert rules_in(invoke("check", ESSEX, "--as-of", AS_OF).stdout) == {"ICP002"}
    selected = invoke("check", ESSEX, "--as-of", AS_OF, "--select", "ICB003")
    assert rules_in(selected.stdout) == {"ICB003"}
    ignored = invoke("check", ESSEX, "--as-of", AS_OF, "--ignore", "ICP002")
    assert rules_in(ignored.stdout) == {"ICP004"}


def test_edition_option_beats_a_pack_in_the_settings(in_tmp: Path) -> None:
    write(in_tmp / "constitution.yaml", PACK.read_text("utf-8"))
    write(in_tmp / ".icscheck.yaml", "rules: constitution.yaml\n")
    result = invoke("check", COMPLIANT_SAMPLE, "--as-of", AS_OF, "--edition", "hca-2022")
    assert result.exit_code == 0, result.output
    assert result.stdout == ""


def test_rules_option_beats_the_edition_setting(in_tmp: Path) -> None:
    write(in_tmp / ".icscheck.yaml", "edition: nhse-2020-option1\n")
    result = invoke("check", COMPLIANT_SAMPLE, "--as-of", AS_OF, "--rules", PACK)
    assert rules_in(result.stdout) == {"ICB006"}


# Mistakes in settings: exit 2, one message, never a traceback


@pytest.mark.parametrize(
    ("name", "text", "words"),
    [
        (".icscheck.yaml", "editon: hca-2022\n", ("unknown setting 'editon'", "'edition'")),
        (".icscheck.yaml", "fail_on: warning\n", ("unknown setting 'fail_on'", "'fail-on'")),
        ("pyproject.toml", '[tool.icscheck]\nignor = ["ICB001"]\n', ("'ignore'",)),
    ],
)
def test_unknown_setting_suggests_the_nearest(
    in_tmp: Path, name: str, text: str, words: tuple[str, ...]
) -> None:
    write(in_tmp / name, text)
    message = assert_settings_error(*words)
    assert "did you mean" in message
    assert name in message


def test_unknown_setting_with_no_near_match_lists_the_settings(in_tmp: Path) -> None:
    write(in_tmp / ".icscheck.yaml", "colour: never\n")
    assert_settings_error("'colour'", "fail-on", "select")


@pytest.mark.parametrize(
    ("name", "text"),
    [
        (".icscheck.yaml", "fail-on: fatal\n"),
        (".icscheck.yaml", "fail-on: 3\n"),
        ("pyproject.toml", '[tool.icscheck]\nfail-on = "ERROR"\n'),
    ],
)
def test_bad_fail_on_exits_2(in_tmp: Path, name: str, text: str) -> None:
    write(in_tmp / name, text)
    assert_settings_error("fail-on", "error, warning or info")


@pytest.mark.parametrize(
    ("name", "text"),
    [
        (".icscheck.yaml", "fail-on: [warning]\n"),
        ("pyproject.toml", '[tool.icscheck]\nfail-on = ["warning"]\n'),
    ],
)
def test_fail_on_given_as_a_list_exits_2(in_tmp: Path, name: str, text: str) -> None:
    write(in_tmp / name, text)
    assert_settings_error("fail-on")


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("edition: 2022\n", ("edition", "a name or a list of names")),
        ("select: [ICP, 3]\n", ("select", "a name or a list of names")),
        ("rules: [a.yaml]\n", ("rules", "path of a rule pack")),
        ("- edition\n", ("mapping",)),
    ],
)
def test_settings_of_the_wrong_type_exit_2(in_tmp: Path, text: str, words: tuple[str, ...]) -> None:
    write(in_tmp / ".icscheck.yaml", text)
    assert_settings_error(".icscheck.yaml", *words)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("edition: hca-2099\n", ("unknown edition 'hca-2099'",)),
        ("select: [ICX]\n", ("ICX", "no rule")),
        ("ignore: SCHEMA\n", ("SCHEMA cannot be ignored",)),
    ],
)
def test_settings_naming_unknown_editions_or_rules_exit_2(
    in_tmp: Path, text: str, words: tuple[str, ...]
) -> None:
    write(in_tmp / ".icscheck.yaml", text)
    assert_settings_error(*words)


def test_malformed_toml_exits_2_naming_the_file(in_tmp: Path) -> None:
    write(in_tmp / "pyproject.toml", '[tool.icscheck\nedition = "hca-2022"\n')
    message = assert_settings_error("pyproject.toml")
    assert message.count("\n") == 1
    assert "line 1" in message


def test_malformed_yaml_exits_2_naming_the_file(in_tmp: Path) -> None:
    write(in_tmp / ".icscheck.yaml", "edition: [hca-2022\n")
    assert_settings_error(".icscheck.yaml")


def test_malformed_yaml_is_one_line_with_its_position(in_tmp: Path) -> None:
    write(in_tmp / ".icscheck.yaml", "edition: [hca-2022\n")
    message = assert_settings_error(".icscheck.yaml")
    assert message.count("\n") == 1
    assert "<unicode string>" not in message
    assert ".icscheck.yaml:2:1:" in message


def test_tool_icscheck_that_is_not_a_table_exits_2(in_tmp: Path) -> None:
    write(in_tmp / "pyproject.toml", '[tool]\nicscheck = "hca-2022"\n')
    assert_settings_error("pyproject.toml", "mapping")


def test_pyproject_whose_tool_is_not_a_table_is_skipped(in_tmp: Path) -> None:
    write(in_tmp / "pyproject.toml", "tool = 3\n")
    result = invoke("check", BOARD_ONLY, "--as-of", AS_OF)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == 1
    assert "hca-2022" in result.stderr


def test_settings_file_that_is_not_utf8_exits_2(in_tmp: Path) -> None:
    (in_tmp / ".icscheck.yaml").write_bytes(b"edition: \xff\xfe\n")
    assert_settings_error(".icscheck.yaml")


def test_broken_settings_far_above_still_stop_the_run(nested: Path) -> None:
    write(nested / "pyproject.toml", "[tool.icscheck]\nedition = \n")
    assert_settings_error("pyproject.toml")


def test_settings_are_read_before_the_paths(nested: Path) -> None:
    write(nested / ".icscheck.yaml", "editon: hca-2022\n")
    result = invoke("check", "nowhere.ics.yaml", "--as-of", AS_OF)
    assert result.exit_code == 2
    assert "unknown setting" in result.stderr


def test_other_commands_ignore_settings(in_tmp: Path) -> None:
    write(in_tmp / ".icscheck.yaml", "editon: hca-2022\n")
    assert invoke("rules").exit_code == 0
    assert invoke("editions").exit_code == 0


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ("select: [ICX]\n", "select ICX: no rule"),
        ("edition: hca-2099\n", "unknown edition 'hca-2099'"),
        ("edition: hca-2022\nrules: pack.yaml\n", "not both"),
    ],
)
def test_bad_settings_values_name_the_settings_file(
    in_tmp: Path, settings: str, message: str
) -> None:
    write(in_tmp / ".icscheck.yaml", settings)
    result = invoke("check", BOARD_ONLY, "--as-of", AS_OF)
    assert result.exit_code == 2
    assert ".icscheck.yaml" in result.stderr
    assert message in result.stderr
