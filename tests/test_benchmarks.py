"""The benchmark generator keeps writing what it promises: valid files pass the schema, and the
files it breaks on purpose are reported as YAML or schema errors, through the real CLI.

No timing here: speed is measured by benchmarks/compare.py, not by tests.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.helpers import AS_OF, REPO, console_script, invoke, text_findings

GENERATE = REPO / "benchmarks" / "generate.py"


def generate(out: Path, *args: str) -> list[Path]:
    subprocess.run(
        [sys.executable, str(GENERATE), str(out), "--icscheck", console_script(), *args],
        capture_output=True,
        check=True,
    )
    return sorted(out.glob("*.ics.yaml"))


def kind_of(path: Path) -> str:
    """What the generator says it wrote, from the file's first line."""
    return path.read_text(encoding="utf-8").splitlines()[0].removeprefix("# generated: ")


def test_generated_files_pass_or_fail_the_schema_as_labelled(tmp_path: Path) -> None:
    files = generate(tmp_path, "--count", "8", "--syntax-errors", "0.25", "--schema-errors", "0.25")
    kinds = {path.name: kind_of(path) for path in files}
    assert sorted(kinds.values()) == ["schema-error"] * 2 + ["syntax-error"] * 2 + ["valid"] * 4

    result = invoke("check", tmp_path, "--format", "text", "--as-of", AS_OF, "--quiet")
    broken = {
        Path(match["path"]).name: match["rule"]
        for match in text_findings(result.stdout)
        if match["rule"] in ("YAML-SYNTAX", "SCHEMA")
    }
    assert broken == {
        name: "YAML-SYNTAX" if kind == "syntax-error" else "SCHEMA"
        for name, kind in kinds.items()
        if kind != "valid"
    }


def test_the_same_seed_writes_the_same_bytes(tmp_path: Path) -> None:
    first = generate(tmp_path / "a", "--count", "3", "--seed", "7")
    second = generate(tmp_path / "b", "--count", "3", "--seed", "7")
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]


def test_the_huge_file_is_valid_and_has_the_members_asked_for(tmp_path: Path) -> None:
    (huge,) = generate(tmp_path, "--count", "0", "--huge-members", "200")
    assert kind_of(huge) == "valid"
    assert huge.read_text(encoding="utf-8").count("- name:") >= 200
    result = invoke("check", huge, "--format", "text", "--as-of", AS_OF, "--quiet")
    assert not {match["rule"] for match in text_findings(result.stdout)} & {"YAML-SYNTAX", "SCHEMA"}
