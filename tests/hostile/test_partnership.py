"""Hostile partnership lists: huge council names and one person listed thousands of times."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.helpers import AS_OF

HEAD = (
    "version: 1\nics:\n  name: Wirral Valley\n"
    "  local_authorities: [Wirral Metropolitan Borough Council]\n"
    "board:\n  members: []\npartnership:\n  members:\n"
)


def check(path: Path) -> list[dict[str, Any]]:
    """The partnership findings of a real `python -m icscheck` run; a hang fails the test."""
    result = subprocess.run(
        [sys.executable, "-m", "icscheck", "check", str(path), "--as-of", AS_OF,
         "--select", "ICP", "--format", "json"],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert result.returncode in (0, 1), result.stderr
    assert "Traceback" not in result.stderr
    (checked,) = json.loads(result.stdout)["files"]
    found: list[dict[str, Any]] = checked["findings"]
    return found


def test_a_council_name_of_a_million_titles_is_read_in_linear_time() -> None:
    # Taking titles off by copying the name was quadratic: a million "the "s never finished.
    # The schema now refuses names over 300 characters, so the key is tested on its own.
    probe = (
        "from icscheck.model import council_key; print(council_key('The ' * 1_000_000 + 'Wiral'))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stdout.strip() == "wiral"


def test_a_huge_council_name_is_a_schema_finding_quoting_only_its_start(tmp_path: Path) -> None:
    path = tmp_path / "long.ics.yaml"
    council = "Wirral" * 700_000
    path.write_text(
        HEAD
        + f"    - {{name: Joe Burns, appointed_by: local_authority, local_authority: {council}}}\n"
    )
    result = subprocess.run(
        [sys.executable, "-m", "icscheck", "check", str(path), "--as-of", AS_OF,
         "--format", "json"],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert result.returncode == 1, result.stderr
    (checked,) = json.loads(result.stdout)["files"]
    assert [f["rule"] for f in checked["findings"]] == ["SCHEMA"]
    assert len(checked["findings"][0]["message"]) < 200


def test_one_person_listed_thousands_of_times_is_one_short_finding(tmp_path: Path) -> None:
    path = tmp_path / "many.ics.yaml"
    entries = "".join(
        f"    - {{name: Ann Lee, appointed_by: local_authority, local_authority: Council {n}}}\n"
        for n in range(2_000)
    )
    path.write_text(HEAD + entries)
    (finding,) = [f for f in check(path) if f["rule"] == "ICP006"]
    assert finding["message"].startswith(
        "'Ann Lee' is listed 2000 times (partnership members 1, 2, 3, 4 and 1996 more): "
        "appointed by Council 0, by Council 1, by Council 2, by Council 3 and 1996 more; "
    )
    assert len(finding["message"]) < 400
