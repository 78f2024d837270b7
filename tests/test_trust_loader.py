"""Trust in the loader: odd scalars, YAML hints, short quotes, schema wording and rule packs."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from icscheck import source
from icscheck.source import YamlSyntaxError, clip, load
from tests.conftest import AS_OF, SAMPLES, invoke

SAMPLE = SAMPLES / "essex.ics.yaml"
MINIMAL = "version: {}\nics:\n  name: Essex\nboard:\n  members: []\n"
"""A small ICS file with its version written in the blank."""

_LOADERS = [pytest.param(yaml.SafeLoader, id="pure-python")]
if hasattr(yaml, "CSafeLoader"):
    _LOADERS.insert(0, pytest.param(yaml.CSafeLoader, id="libyaml"))


@pytest.fixture(params=_LOADERS)
def each_loader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run the test with libyaml and with PyYAML's own parser."""
    monkeypatch.setattr(source, "_Loader", request.param)


ODD_SCALARS = [
    pytest.param("!!int abc", "'abc' is not a whole number", id="int-word"),
    pytest.param("!!float x", "'x' is not a number", id="float-word"),
    pytest.param("!!bool maybe", "'maybe' is not true or false", id="bool-maybe"),
    pytest.param("!!null x", "'x' is not empty", id="null-text"),
    pytest.param("!!binary aGVsbG8=", "unsupported YAML tag", id="binary"),
    pytest.param("1" * 5000, "too long a number (5,000 digits)", id="5000-digits"),
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
