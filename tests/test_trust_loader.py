"""Trust in the loader: odd scalars, YAML hints, short quotes, schema wording and rule packs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from icscheck.loader import YamlSyntaxError, load
from icscheck.wording import clip
from tests.helpers import AS_OF, SAMPLES, invoke

SAMPLE = SAMPLES / "essex.ics.yaml"
MINIMAL = "version: {}\nics:\n  name: Essex\nboard:\n  members: []\n"
"""A small ICS file with its version written in the blank."""


ODD_SCALARS = [
    pytest.param("!!int abc", "'abc' is not a whole number", id="int-word"),
    pytest.param("!!float x", "'x' is not a number", id="float-word"),
    pytest.param("!!bool maybe", "'maybe' is not true or false", id="bool-maybe"),
    pytest.param("!!null x", "'x' is not empty", id="null-text"),
    pytest.param("!!binary aGVsbG8=", "unsupported YAML tag", id="binary"),
    pytest.param("1" * 5000, "too long a number (5,000 characters)", id="5000-digits"),
    pytest.param("!!int 0x", "'0x' is not a whole number", id="hex-prefix-alone"),
    pytest.param("!!int 0o", "'0o' is not a whole number", id="octal-prefix-alone"),
    pytest.param("!!int 0xZZ", "'0xZZ' is not a whole number", id="hex-not-hex"),
    pytest.param("!!timestamp soon", "'soon' is not a date like 2028-03-31", id="timestamp-word"),
    pytest.param("!!timestamp 2028", "'2028' is not a date like 2028-03-31", id="timestamp-year"),
]


@pytest.mark.usefixtures("each_loader")
@pytest.mark.parametrize(("written", "message"), ODD_SCALARS)
def test_an_odd_scalar_is_a_problem_at_its_value(written: str, message: str) -> None:
    with pytest.raises(YamlSyntaxError) as caught:
        load(f"a: 1\nb: {written}\n")
    [problem] = caught.value.problems
    assert (problem.position.line, problem.position.column) == (2, 4)
    assert message in problem.message
    assert len(problem.message) < 200


@pytest.mark.parametrize(
    ("written", "value"),
    [("0x1F", 31), ("!!int 0o17", 15), ("!!bool yes", "yes"), ("!!null ~", None), ("~", None)],
)
def test_well_formed_tagged_and_prefixed_scalars_still_read(written: str, value: object) -> None:
    assert load(f"a: {written}\n").data == {"a": value}


@pytest.mark.parametrize("written", [".inf", "-.inf", ".nan", "!!float " + "9" * 5000])
def test_infinite_and_not_a_number_floats_are_schema_findings(tmp_path: Path, written: str) -> None:
    path = tmp_path / "odd.ics.yaml"
    path.write_text(MINIMAL.format(written))
    result = invoke("check", path, "--as-of", AS_OF)
    assert result.exit_code == 1
    assert f"{path}:1:10: SCHEMA error unsupported format version" in result.stdout


@pytest.mark.parametrize(("written", "message"), ODD_SCALARS)
def test_odd_scalars_in_an_ics_file_are_findings(
    tmp_path: Path, written: str, message: str
) -> None:
    path = tmp_path / "odd.ics.yaml"
    path.write_text(MINIMAL.format(written))
    result = invoke("check", path, "--as-of", AS_OF)
    assert result.exit_code == 1, result.output
    [line] = result.stdout.splitlines()
    assert line.startswith(f"{path}:1:10: YAML-SYNTAX error ")
    assert message in line


@pytest.mark.parametrize(("written", "message"), ODD_SCALARS)
def test_odd_scalars_in_a_rule_pack_are_errors_at_their_line(
    tmp_path: Path, written: str, message: str
) -> None:
    pack = tmp_path / "pack.yaml"
    pack.write_text(f"extends: hca-2022\nrules:\n  ICB012:\n    params: {{minimum: {written}}}\n")
    result = invoke("check", SAMPLE, "--rules", pack, "--as-of", AS_OF)
    assert result.exit_code == 2
    [line] = result.stderr.splitlines()
    assert line.startswith(f"icscheck: error: {pack}:4:")
    assert message in line


@pytest.mark.parametrize(("written", "message"), ODD_SCALARS)
def test_odd_scalars_in_settings_are_errors_at_their_line(
    in_tmp: Path, written: str, message: str
) -> None:
    (in_tmp / ".icscheck.yaml").write_text(f"fail-on: {written}\n")
    result = invoke("check", SAMPLE, "--as-of", AS_OF)
    assert result.exit_code == 2
    [line] = result.stderr.splitlines()
    assert line.startswith(f"icscheck: error: {in_tmp / '.icscheck.yaml'}:1:10: ")
    assert message in line


# --- YAML hints, with both parsers ---------------------------------------------------------------


@pytest.mark.usefixtures("each_loader")
@pytest.mark.parametrize(
    ("text", "position", "hint"),
    [
        ("a:\n\tb: 1\n", (2, 1), "indent with spaces, not tabs"),
        ("a:\n  b: 1\n\tc: 2\n", (3, 1), "indent with spaces, not tabs"),
        ("ics:\n  name:value\n  other: 1\n", (2, 7), "put a space after the colon in 'name:value'"),
        ("name:value\nversion: 1\n", (1, 5), "put a space after the colon in 'name:value'"),
        ("members:\n- name: x\n   role: y\n", (3, 8), "indented deeper than the key above it"),
        ("a:\n  b: 1\n    c: 2\n", (3, 6), "indented deeper than the key above it"),
        ("a:\n    b: 1\n  c: 2\n", (3, 3), "must start in the same column"),
        ("members:\n  - name: x\n   role: y\n", (3, 4), "must start in the same column"),
        ("key: value: other\n", (1, 11), "must be in quotes"),
        ("members:\n  - name:Ann\n    role: chair\n", (2, 9), "colon in 'name:Ann'"),
        ("  a: 1\nb: 2\n", (2, 1), "must start in the same column"),
        ("members: - Ann\n", (1, 10), "a list's items go on the lines below its key"),
        ("a: 1\nb\nc: 2\n", (2, 1), "missing its colon"),
        (
            "members: []\n    - name: x\n",
            (2, 5),
            "members: [] is an empty list; remove the [] to give the items below it",
        ),
        (
            "board:\n  members: [ ]  # none yet\n    - name: x\n      role: chair\n",
            (3, 5),
            "members: [] is an empty list; remove the [] to give the items below it",
        ),
    ],
)
def test_indentation_and_colon_mistakes_carry_a_hint(
    text: str, position: tuple[int, int], hint: str
) -> None:
    with pytest.raises(YamlSyntaxError) as caught:
        load(text)
    [problem] = caught.value.problems
    assert (problem.position.line, problem.position.column) == position
    assert hint in problem.message


def test_clip_keeps_short_values_and_cuts_long_ones_with_an_ellipsis() -> None:
    assert clip("Wirral") == "Wirral"
    assert clip("x" * 80) == "x" * 80
    assert clip("x" * 1000) == "x" * 79 + "…"


# --- schema messages -----------------------------------------------------------------------------

BOARD = (
    "version: 1\nics:\n  name: Essex\n{ics}board:\n"
    "  members:\n    - name: Ann Smith\n      role: chair\n{member}"
)
"""A small ICS file with blanks for more `ics` keys and more keys of its one board member."""


def _schema_lines(
    tmp_path: Path, *, ics: str = "", member: str = "", version: str = "1"
) -> list[str]:
    path = tmp_path / "draft.ics.yaml"
    text = BOARD.format(ics=ics, member=member).replace("version: 1", f"version: {version}")
    path.write_text(text)
    result = invoke("check", path, "--as-of", AS_OF)
    assert result.exit_code == 1
    prefix = f"{path}:"
    return [line.removeprefix(prefix) for line in result.stdout.splitlines() if "SCHEMA" in line]


@pytest.mark.parametrize(
    ("ics", "member", "expected"),
    [
        (
            "  local_authorities: [Essex County Council, [Thurrock]]\n",
            "",
            "4:45: SCHEMA error each entry of local_authorities must be text, not a list",
        ),
        ("", "      expertise: [mental_health, 7]\n", "8:34: SCHEMA error each entry of expertise"),
        ("  ccgs: ['']\n", "", "4:10: SCHEMA error each entry of ccgs must not be empty"),
    ],
)
def test_a_wrong_list_entry_says_each_entry_of_the_list(
    tmp_path: Path, ics: str, member: str, expected: str
) -> None:
    [line] = _schema_lines(tmp_path, ics=ics, member=member)
    assert line.startswith(expected)


def test_a_quoted_version_says_write_1_without_quotes(tmp_path: Path) -> None:
    [line] = _schema_lines(tmp_path, version='"1"')
    assert line == "1:10: SCHEMA error version must be the number 1: write 1, without quotes"


@pytest.mark.parametrize("written", ["2028", "2028-03", "31/03/2028", "March 2028", "20280331"])
def test_a_non_date_where_a_date_goes_asks_for_a_date_like_2028_03_31(
    tmp_path: Path, written: str
) -> None:
    [line] = _schema_lines(tmp_path, member=f"      term_ends: {written}\n")
    assert line.startswith("8:18: SCHEMA error term_ends must be a date like 2028-03-31")


@pytest.mark.parametrize(
    ("ics", "member"),
    [
        ("", "      role_x: 1\n"),
        ("", "      portfolio: " + "z" * 5000 + "\n"),
        ("", "      organisation: [" + "y" * 5000 + "]\n"),
        ("", "      term_ends: " + "9" * 5000 + "x\n"),
        ("  icb_code: " + "Q" * 5000 + "\n", ""),
        ("", "      " + "k" * 1000 + ": 1\n"),
    ],
    ids=["short", "enum", "type", "date", "pattern", "key"],
)
def test_schema_messages_quote_at_most_80_characters(tmp_path: Path, ics: str, member: str) -> None:
    [line] = _schema_lines(tmp_path, ics=ics, member=member)
    quoted = [part for part in line.split("'")[1::2]]
    assert all(len(part) <= 80 for part in quoted), line
    assert len(line) < 400


def test_a_megabyte_name_is_refused_quoting_only_its_start(tmp_path: Path) -> None:
    name = "N" * 1_000_000
    path = tmp_path / "long.ics.yaml"
    path.write_text(BOARD.format(ics="", member="").replace("Ann Smith", name))
    result = invoke("check", path, "--as-of", AS_OF)
    assert result.exit_code == 1
    [line] = result.stdout.splitlines()
    assert line.startswith(f"{path}:6:13: SCHEMA error name must be at most 300 characters")
    assert "N" * 79 + "…'" in line and "N" * 80 not in line


def test_yaml_syntax_messages_quote_at_most_80_characters() -> None:
    key = "k" * 1000
    with pytest.raises(YamlSyntaxError) as caught:
        load(f"{key}: 1\n{key}: 2\nx: !{key} 1\n")
    for problem in caught.value.problems:
        assert len(problem.message) < 200


# --- rule packs ----------------------------------------------------------------------------------


@pytest.mark.parametrize("claimed", ["hca-2022", "white-paper-2021", "white-paper", "all"])
def test_a_pack_cannot_claim_a_built_in_edition_id(tmp_path: Path, claimed: str) -> None:
    pack = tmp_path / "pack.yaml"
    pack.write_text(f"extends: hca-2022\nedition: {claimed}\nrules:\n  ICB011: off\n")
    result = invoke("check", SAMPLE, "--rules", pack, "--as-of", AS_OF)
    assert result.exit_code == 2
    [line] = result.stderr.splitlines()
    assert line.startswith(f"icscheck: error: {pack}:2:10: a rule pack cannot be")
    assert f"'{claimed}'" in line


def test_a_pack_whose_file_name_is_a_built_in_edition_id_must_name_itself(tmp_path: Path) -> None:
    pack = tmp_path / "hca-2022.yaml"
    pack.write_text("extends: hca-2022\nrules:\n  ICB011: off\n")
    result = invoke("check", SAMPLE, "--rules", pack, "--as-of", AS_OF)
    assert result.exit_code == 2
    assert f"{pack}:1:1: a rule pack cannot be the edition 'hca-2022'" in result.stderr
    assert "add `edition:`" in result.stderr


def test_a_pack_reports_under_its_own_id_and_file(tmp_path: Path) -> None:
    pack = tmp_path / "constitution-rules.yaml"
    pack.write_text("extends: hca-2022\nrules:\n  ICB006:\n    params: {minimum: 2}\n")
    json_run = invoke("check", SAMPLE, "--rules", pack, "--as-of", AS_OF, "-f", "json")
    document = json.loads(json_run.stdout)
    assert document["edition"] == "constitution-rules"
    assert {entry["edition"] for entry in document["files"]} == {"constitution-rules"}
    text_run = invoke("check", SAMPLE, "--rules", pack, "--as-of", AS_OF)
    assert "checked against constitution-rules as at" in text_run.output
    rich = invoke("check", SAMPLE, "--rules", pack, "--as-of", AS_OF, "-f", "rich")
    flat = " ".join(rich.output.split())
    assert f"with rule pack constitution-rules ({pack})" in flat


def test_a_titled_pack_still_names_its_id_and_file(tmp_path: Path) -> None:
    pack = tmp_path / "ours.yaml"
    pack.write_text("title: Our constitution\nextends: hca-2022\nrules:\n  ICB011: off\n")
    rich = invoke("check", SAMPLE, "--rules", pack, "--as-of", AS_OF, "-f", "rich")
    assert f"Our constitution, rule pack ours ({pack})" in " ".join(rich.output.split())


@pytest.mark.parametrize(
    ("minimum", "why"),
    [("-1", "a negative minimum means nothing"), ("0", "a minimum of 0 never fails")],
)
def test_a_pack_cannot_set_a_minimum_below_one(tmp_path: Path, minimum: str, why: str) -> None:
    pack = tmp_path / "pack.yaml"
    pack.write_text(
        f"extends: hca-2022\nrules:\n  ICB006:\n    params:\n      minimum: {minimum}\n"
    )
    result = invoke("check", SAMPLE, "--rules", pack, "--as-of", AS_OF)
    assert result.exit_code == 2
    [line] = result.stderr.splitlines()
    assert line.startswith(f"icscheck: error: {pack}:5:16: rule ICB006 parameter 'minimum' is")
    assert why in line
    assert "ICB006: off" in line


def test_pack_and_settings_errors_quote_at_most_80_characters(in_tmp: Path) -> None:
    long = "x" * 5000
    pack = in_tmp / "pack.yaml"
    pack.write_text(f"extends: hca-2022\nrules:\n  ICB006:\n    params: {{minimum: '{long}'}}\n")
    result = invoke("check", SAMPLE, "--rules", pack, "--as-of", AS_OF)
    assert result.exit_code == 2
    assert len(result.stderr) < 400
    for setting in ("fail-on", "select", "ignore", long):
        (in_tmp / ".icscheck.yaml").write_text(f"{setting}: {long}\n")
        result = invoke("check", SAMPLE, "--as-of", AS_OF)
        assert result.exit_code == 2
        assert len(result.stderr) < 400, setting[:10]
