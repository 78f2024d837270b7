"""Local rule packs through `icscheck check --rules FILE`: a pack extends an edition with a
constitution's own requirements, cites itself, and any mistake in it is located and exits 2."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import AS_OF, COMPLIANT_SAMPLE, FIXTURES, SAMPLES, invoke

PACKS = FIXTURES / "packs"
CONSTITUTION = PACKS / "constitution.yaml"
"""extends hca-2022: ICB006 minimum 2 (section 3.4.2), ICP005 error for healthwatch, ICB011 off."""
ESSEX = SAMPLES / "essex.ics.yaml"
SOMERSET = SAMPLES / "somerset.ics.yaml"  # no chair in post
ACT = "NHS Act 2006 Sch. 1B"


def check_json(*args: object) -> tuple[int, dict[str, Any]]:
    result = invoke("check", *args, "--as-of", AS_OF, "--format", "json")
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, json.loads(result.stdout)


def findings_of(document: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """The only file's findings, by rule."""
    (report,) = document["files"]
    by_rule: dict[str, list[dict[str, Any]]] = {}
    for finding in report["findings"]:
        by_rule.setdefault(finding["rule"], []).append(finding)
    return by_rule


def without_healthwatch(folder: Path) -> Path:
    """The compliant sample with its Healthwatch members moved to the voluntary sector."""
    text = COMPLIANT_SAMPLE.read_text("utf-8")
    assert "sector: healthwatch" in text
    path = folder / "no-healthwatch.ics.yaml"
    path.write_text(text.replace("sector: healthwatch", "sector: vcse"), encoding="utf-8")
    return path


# What a pack changes


def test_a_raised_parameter_makes_the_compliant_sample_fail() -> None:
    assert invoke("check", COMPLIANT_SAMPLE, "--as-of", AS_OF).exit_code == 0
    code, document = check_json(COMPLIANT_SAMPLE, "--rules", CONSTITUTION)
    assert code == 1
    found = findings_of(document)
    assert list(found) == ["ICB006"]
    (finding,) = found["ICB006"]
    assert finding["severity"] == "error"
    assert "at least 2" in finding["message"]


def test_a_pack_finding_cites_the_pack_and_its_section() -> None:
    _, document = check_json(COMPLIANT_SAMPLE, "--rules", CONSTITUTION)
    source = findings_of(document)["ICB006"][0]["source"]
    assert "constitution.yaml" in source
    assert "constitution 3.4.2" in source
    assert ACT not in source


def test_a_pack_raises_a_severity_and_changes_a_list_parameter(in_tmp: Path) -> None:
    path = without_healthwatch(in_tmp)
    code, document = check_json(path)
    assert code == 0
    assert {f["severity"] for f in findings_of(document)["ICP005"]} == {"info"}
    code, document = check_json(path, "--rules", CONSTITUTION)
    assert code == 1
    (finding,) = findings_of(document)["ICP005"]  # healthwatch only, not the Act's four
    assert finding["severity"] == "error"
    assert "healthwatch" in finding["message"]
    assert finding["source"].endswith("constitution.yaml")  # no section given


def test_rules_the_pack_leaves_alone_still_cite_the_law() -> None:
    _, document = check_json(ESSEX, "--rules", CONSTITUTION)
    found = findings_of(document)
    assert "constitution.yaml" in found["ICB006"][0]["source"]
    assert found["ICB003"][0]["source"].startswith(ACT)
    assert found["ICB003"][0]["severity"] == "error"
    assert found["ICP002"][0]["source"].startswith("LGPIHA 2007")
    assert found["ICB012"][0]["severity"] == "warning"


def test_off_takes_a_rule_out_of_force() -> None:
    assert "ICB011" in findings_of(check_json(ESSEX)[1])
    assert "ICB011" not in findings_of(check_json(ESSEX, "--rules", CONSTITUTION)[1])


def test_a_pack_is_named_after_its_file_in_json_and_by_its_title_in_rich() -> None:
    _, document = check_json(COMPLIANT_SAMPLE, "--rules", CONSTITUTION)
    assert document["edition"] == "constitution"
    assert document["files"][0]["edition"] == "constitution"
    rich = invoke(
        "check", COMPLIANT_SAMPLE, "--as-of", AS_OF, "--rules", CONSTITUTION, "-f", "rich"
    )
    assert "NHS Example ICB constitution" in rich.stdout


def test_text_report_of_a_pack_has_no_edition_tag() -> None:
    result = invoke("check", COMPLIANT_SAMPLE, "--as-of", AS_OF, "--rules", CONSTITUTION)
    assert result.exit_code == 1
    (line,) = result.stdout.splitlines()
    assert " ICB006 error " in line
    assert not line.endswith("]")
    assert "constitution" in result.stderr


def test_an_entry_naming_a_known_source_cites_it(in_tmp: Path) -> None:
    _, document = check_json(ESSEX, "--rules", PACKS / "own-source.yaml")
    source = findings_of(document)["ICB006"][0]["source"]
    assert source == "NHS England ICB constitution guidance, model constitution 3.4"


def test_a_pack_can_put_in_force_a_rule_its_edition_lacks(in_tmp: Path) -> None:
    path = in_tmp / "with-place.ics.yaml"
    path.write_text(
        COMPLIANT_SAMPLE.read_text("utf-8")
        + "places:\n  - name: Wirral\n    members:\n"
        + "      - {name: Ann Place, organisation: Wirral GP Federation, sector: primary_care}\n",
        encoding="utf-8",
    )
    assert invoke("check", path, "--as-of", AS_OF).exit_code == 0
    code, document = check_json(path, "--rules", PACKS / "own-source.yaml", "--select", "PLC")
    assert code == 1
    (finding,) = findings_of(document)["PLC001"]
    assert "healthwatch" in finding["message"]
    assert "own-source.yaml" in finding["source"]


def test_a_pack_that_extends_nothing_runs_only_its_own_rules() -> None:
    code, document = check_json(SOMERSET, "--rules", PACKS / "standalone.yaml")
    assert code == 1
    assert list(findings_of(document)) == ["ICB001"]
    code, document = check_json(ESSEX, "--rules", PACKS / "standalone.yaml")
    assert code == 0
    assert findings_of(document) == {}


def test_select_and_fail_on_work_with_a_pack(in_tmp: Path) -> None:
    path = without_healthwatch(in_tmp)
    args = ("check", path, "--as-of", AS_OF, "--rules", CONSTITUTION)
    assert invoke(*args).exit_code == 1
    assert invoke(*args, "--ignore", "ICP005,ICB006").exit_code == 0
    assert invoke(*args, "--select", "ICB").exit_code == 1


def test_a_pack_named_in_the_settings_is_used(in_tmp: Path) -> None:
    # A settings file may only name a pack inside its own folder (issue 6), so it sits beside it.
    (in_tmp / "packs").mkdir()
    (in_tmp / "packs" / CONSTITUTION.name).write_bytes(CONSTITUTION.read_bytes())
    (in_tmp / ".icscheck.yaml").write_text(f"rules: packs/{CONSTITUTION.name}\n", "utf-8")
    code, document = check_json(COMPLIANT_SAMPLE)
    assert code == 1
    assert document["edition"] == "constitution"
    assert list(findings_of(document)) == ["ICB006"]


# Mistakes in a pack: exit 2, one message, `file:line:col:`


@pytest.mark.parametrize(
    ("pack", "where", "words"),
    [
        ("unknown-rule.yaml", "4:3", ("unknown rule 'ICB099'", "did you mean 'ICB009'")),
        ("unknown-parameter.yaml", "5:7", ("no parameter 'minimun'", "minimum")),
        ("wrong-type.yaml", "5:16", ("'minimum'", "whole number", "'two'")),
        ("misspelt-key.yaml", "4:5", ("'severty'", "did you mean 'severity'")),
        ("broken-syntax.yaml", "4:9", ("invalid YAML",)),
        ("duplicate-rule.yaml", "4:3", ("duplicate key 'ICB006'",)),
        ("extends-unknown.yaml", "1:10", ("unknown edition 'hca-2023'", "hca-2022")),
        ("unknown-source.yaml", "4:13", ("unknown source 'NHSE-CONSTT'", "NHSE-CONST")),
        ("bad-severity.yaml", "4:15", ("'fatal'", "error, warning, info")),
    ],
)
def test_pack_mistakes_are_located_and_exit_2(
    pack: str, where: str, words: tuple[str, ...]
) -> None:
    result = invoke("check", COMPLIANT_SAMPLE, "--as-of", AS_OF, "--rules", PACKS / pack)
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert result.stderr.startswith(f"icscheck: error: {PACKS / pack}:{where}: ")
    assert result.stderr.count("\n") == 1
    for word in words:
        assert word in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", ("empty",)),
        ("- ICB001\n", ("mapping",)),
        ("extends: hca-2022\n", ("rules",)),
        ("rules:\n  ICB001: on\n", ("ICB001",)),
        ("rules:\n  icb001: {}\n", ("ICB001",)),
    ],
)
def test_packs_of_the_wrong_shape_exit_2_with_a_position(
    in_tmp: Path, text: str, words: tuple[str, ...]
) -> None:
    (in_tmp / "pack.yaml").write_text(text, encoding="utf-8")
    result = invoke("check", COMPLIANT_SAMPLE, "--as-of", AS_OF, "--rules", "pack.yaml")
    assert result.exit_code == 2, result.output
    assert re.match(r"icscheck: error: pack\.yaml:\d+:\d+: ", result.stderr), result.stderr
    for word in words:
        assert word in result.stderr
    assert "Traceback" not in result.output


def test_missing_pack_exits_2(in_tmp: Path) -> None:
    result = invoke("check", COMPLIANT_SAMPLE, "--as-of", AS_OF, "--rules", "nowhere.yaml")
    assert result.exit_code == 2
    assert result.stderr.startswith("icscheck: error: nowhere.yaml")
    assert "cannot read the rule pack" in result.stderr


def test_a_folder_is_not_a_pack(in_tmp: Path) -> None:
    result = invoke("check", COMPLIANT_SAMPLE, "--as-of", AS_OF, "--rules", in_tmp)
    assert result.exit_code == 2
    assert "directory" in result.stderr


def test_pack_that_is_not_utf8_exits_2(in_tmp: Path) -> None:
    (in_tmp / "pack.yaml").write_bytes(b"extends: hca-2022\nrules:\n  ICB001: {section: \xff}\n")
    result = invoke("check", COMPLIANT_SAMPLE, "--as-of", AS_OF, "--rules", "pack.yaml")
    assert result.exit_code == 2
    assert result.stderr.startswith("icscheck: error: pack.yaml:")
    assert "Traceback" not in result.output


@pytest.mark.parametrize("edition", ["hca-2022", "all"])
def test_rules_and_edition_do_not_mix(edition: str) -> None:
    result = invoke(
        "check", COMPLIANT_SAMPLE, "--as-of", AS_OF, "--rules", CONSTITUTION, "--edition", edition
    )
    assert result.exit_code == 2
    assert "--rules" in result.stderr
    assert "--edition" in result.stderr
    assert result.stdout == ""
