"""Hostile YAML: huge flat files, alias expansion, and the mistakes a hand-edited file makes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import AS_OF, invoke

CORPUS = Path(__file__).parent / "corpus" / "yaml"
_ITEMS = 5_000_000
_MIB = 1024 * 1024

_MEASURED = """
import resource, subprocess, sys
run = subprocess.run(sys.argv[1:], capture_output=True, text=True)
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(run.returncode, peak, run.stdout, sep="\\n", end="")
"""
"""Runs a command and prints its exit code, its peak memory in KiB (Linux) and its output."""


def _check_measured(path: Path) -> tuple[int, int, dict[str, object]]:
    command = [sys.executable, "-m", "icscheck", "check", str(path), "--as-of", AS_OF]
    run = subprocess.run(
        [sys.executable, "-c", _MEASURED, *command, "--format", "json"],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    code, peak, output = run.stdout.split("\n", 2)
    return int(code), int(peak) * 1024, json.loads(output)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ru_maxrss is in KiB on Linux")
@pytest.mark.parametrize(
    "prefix", ["", "version: 1\nics:\n  local_authorities: "], ids=["bare-list", "in-a-mapping"]
)
def test_a_ten_megabyte_line_of_items_is_refused_while_parsing(tmp_path: Path, prefix: str) -> None:
    path = tmp_path / "huge.ics.yaml"
    path.write_text(prefix + "[" + "1," * (_ITEMS - 1) + "1]\n")
    assert path.stat().st_size >= 10_000_000
    code, peak, report = _check_measured(path)
    assert code == 1
    [finding] = report["files"][0]["findings"]  # type: ignore[index]
    assert finding["rule"] == "YAML-SYNTAX"
    assert "too many values" in finding["message"]
    assert finding["line"] == prefix.count("\n") + 1
    assert finding["column"] > 1
    assert peak < 200 * _MIB


def test_an_alias_counts_as_the_size_of_what_it_repeats(tmp_path: Path) -> None:
    items = ", ".join(["x"] * 120_000)
    path = tmp_path / "twice.ics.yaml"
    path.write_text(f"first: &big [{items}]\nsecond: *big\n")
    result = invoke("check", path, "--as-of", AS_OF)
    assert result.exit_code == 1
    # stopped at the alias that passes the limit, not later inside the expanded tree
    assert f"{path}:2:9: YAML-SYNTAX error" in result.stdout
    assert "counting each alias as the value it repeats" in result.stdout


@pytest.mark.parametrize(
    ("name", "position", "hint"),
    [
        ("tab-indent", "5:1", "indent with spaces, not tabs"),
        ("no-space-after-colon", "3:7", "put a space after the colon in 'name:Wirral'"),
        ("misaligned-item", "7:12", "indented deeper than the key above it"),
        ("deeper-key", "4:13", "indented deeper than the key above it"),
        ("shallower-key", "4:2", "must start in the same column"),
        ("colon-in-value", "3:17", "must be in quotes"),
        ("key-without-colon", "2:1", "missing its colon"),
        (
            "empty-list-then-items",
            "6:5",
            "members: [] is an empty list; remove the [] to give the items below it",
        ),
    ],
)
def test_yaml_mistakes_carry_a_hint_at_the_line_to_fix(name: str, position: str, hint: str) -> None:
    path = CORPUS / f"{name}.ics.yaml"
    result = invoke("check", path, "--as-of", AS_OF)
    assert result.exit_code == 1
    [line] = result.stdout.splitlines()[:1]
    assert line.startswith(f"{path}:{position}: YAML-SYNTAX error invalid YAML: ")
    assert hint in line
