"""One rule registry: every check declared once, and a rule pattern read the same wherever it is
given: `--select`, `--ignore`, a settings file and a suppression comment."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from icscheck.citations import cite
from icscheck.rules.registry import ALL_RULES, ALWAYS_ON, BUILT_INS, RULES_BY_ID, YAML_SYNTAX
from tests.helpers import AS_OF, SAMPLES, invoke, rules_in, text_findings

ESSEX = SAMPLES / "essex.ics.yaml"  # ICB003 and ICB011 among its findings under hca-2022
NAMES = "icb003, Executive-Members ,,"
"""An ID in lower case and a name in mixed case, comma-separated with spaces and empty items."""
NAMED = {"ICB003", "ICB011"}


def test_every_id_in_the_registry_is_unique() -> None:
    ids = [check.id for check in (*BUILT_INS, *ALL_RULES)]
    assert len(ids) == len(set(ids)) == len(BUILT_INS) + len(RULES_BY_ID)


def test_the_built_in_checks_are_in_the_registry() -> None:
    assert {c.id for c in BUILT_INS} == set(ALWAYS_ON) == {"YAML-SYNTAX", "SCHEMA", "SUPPRESSION"}


def test_explain_and_findings_read_a_built_in_check_from_its_declaration(in_tmp: Path) -> None:
    check = YAML_SYNTAX
    explained = invoke("explain", "Yaml-Syntax").stdout
    assert explained.startswith(f"{check.id} {check.name}\n\n{check.summary}\n\n")
    broken = in_tmp / "broken.yaml"
    broken.write_text("version: 1\nics: [\n", encoding="utf-8")
    result = invoke("check", broken, "--as-of", AS_OF, "--format", "json")
    (finding,) = json.loads(result.stdout)["files"][0]["findings"]
    declared = {
        "rule": check.id,
        "name": check.name,
        "severity": str(check.severity),
        "source": cite(check.citation),
    }
    assert {key: finding[key] for key in declared} == declared


def _error(*args: str | Path) -> str:
    """The one line of a usage error, after `icscheck: error: `."""
    result = invoke("check", *args, "--as-of", AS_OF)
    assert result.exit_code == 2, result.output
    return result.stderr.removeprefix("icscheck: error: ").rstrip("\n")


def _suppression_problem(folder: Path, names: str) -> str:
    """What a suppression comment naming `names` is told, after `cannot use `."""
    path = folder / "suppressed.yaml"
    path.write_text(f"# icscheck: ignore[{names}] reason\n{ESSEX.read_text('utf-8')}", "utf-8")
    result = invoke("check", path, "--as-of", AS_OF)
    (note,) = [m["message"] for m in text_findings(result.stdout) if m["rule"] == "SUPPRESSION"]
    return note.removeprefix("the suppression cannot use ")


def _settings(folder: Path, key: str, names: str) -> Path:
    settings = folder / ".icscheck.yaml"
    settings.write_text(f"{key}: '{names}'\n", encoding="utf-8")
    return settings


def test_an_unknown_pattern_reads_the_same_in_all_four_places(in_tmp: Path) -> None:
    reasons = {
        "select": _error("--select", "ICX9", ESSEX).removeprefix("--select "),
        "ignore": _error("--ignore", "ICX9", ESSEX).removeprefix("--ignore "),
        "suppression": _suppression_problem(in_tmp, "ICX9"),
    }
    settings = _settings(in_tmp, "select", "ICX9")
    reasons["settings"] = _error(ESSEX).removeprefix(f"{settings}: select ")
    assert set(reasons.values()) == {"ICX9: no rule has that ID, prefix or name"}, reasons


def test_a_built_in_check_cannot_be_ignored_in_any_place(in_tmp: Path) -> None:
    reasons = {
        "ignore": _error("--ignore", "schema", ESSEX).removeprefix("--ignore "),
        "suppression": _suppression_problem(in_tmp, "schema"),
    }
    settings = _settings(in_tmp, "ignore", "schema")
    reasons["settings"] = _error(ESSEX).removeprefix(f"{settings}: ignore ")
    settings.unlink()
    reasons["select is allowed"] = str(invoke("check", "--select", "schema", ESSEX).exit_code)
    assert reasons == {
        "ignore": "SCHEMA cannot be ignored: rules only run on valid input",
        "suppression": "SCHEMA cannot be ignored: rules only run on valid input",
        "settings": "SCHEMA cannot be ignored: rules only run on valid input",
        "select is allowed": "0",
    }


def _rules(*args: str | Path) -> set[str]:
    result = invoke("check", *args, "--as-of", AS_OF)
    assert result.exit_code in (0, 1), result.output
    return rules_in(result.stdout)


def test_a_list_of_names_reads_the_same_in_all_four_places(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project, elsewhere = tmp_path / "project", tmp_path / "elsewhere"
    project.mkdir()
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    every = _rules(ESSEX)
    commented = elsewhere / "commented.yaml"
    commented.write_text(f"# icscheck: ignore[{NAMES}] reason\n{ESSEX.read_text('utf-8')}", "utf-8")
    named = {
        "--select": _rules("--select", NAMES, ESSEX),
        "--ignore": every - _rules("--ignore", NAMES, ESSEX),
        "suppression": every - _rules(commented),
    }
    monkeypatch.chdir(project)
    _settings(project, "select", NAMES)
    named["settings select"] = _rules(ESSEX)
    _settings(project, "ignore", NAMES)
    named["settings ignore"] = every - _rules(ESSEX)
    assert named == dict.fromkeys(named, NAMED)


def test_settings_load_neither_the_checker_nor_the_run() -> None:
    script = (
        "import icscheck.settings, sys; "
        "assert 'icscheck.checker' not in sys.modules and 'icscheck.run' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", script], check=True)
