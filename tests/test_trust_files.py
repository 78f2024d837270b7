"""Issue 6, files: `--output` never replaces an input or a non-file, a missing path among many
does not stop the others, reads are bounded, and a settings pack stays inside the project."""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pytest

from tests.helpers import AS_OF, COMPLIANT_SAMPLE, FIXTURES, SAMPLES, invoke, rules_in

SIZE_LIMIT = 10 * 1024 * 1024
"""The documented limit, 10 MiB, written out so that the test pins it."""
ESSEX = SAMPLES / "essex.ics.yaml"
CONSTITUTION = FIXTURES / "packs" / "constitution.yaml"


def copy(source: Path, target: Path) -> Path:
    target.write_bytes(source.read_bytes())
    return target


def leftovers(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir() if path.name.endswith(".tmp"))


# --output


def test_output_naming_the_input_is_refused_and_the_input_kept(in_tmp: Path) -> None:
    ics = copy(ESSEX, in_tmp / "essex.ics.yaml")
    before = ics.read_bytes()
    result = invoke("check", ics, "--as-of", AS_OF, "--output", ics)
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert "is a file this run reads" in result.stderr
    assert ics.read_bytes() == before
    assert leftovers(in_tmp) == []


def test_output_naming_an_input_by_another_name_is_refused(in_tmp: Path) -> None:
    ics = copy(ESSEX, in_tmp / "essex.ics.yaml")
    os.link(ics, in_tmp / "hard-link.txt")
    (in_tmp / "via-link.ics.yaml").symlink_to(ics)
    for given, target in [(ics, "hard-link.txt"), (in_tmp / "via-link.ics.yaml", ics)]:
        result = invoke("check", given, "--as-of", AS_OF, "--output", target)
        assert result.exit_code == 2, (given, target)
        assert "will not be replaced" in result.stderr
    assert ics.read_bytes() == ESSEX.read_bytes()


def test_output_naming_a_file_found_in_a_folder_scan_is_refused(in_tmp: Path) -> None:
    ics = copy(ESSEX, in_tmp / "essex.ics.yaml")
    result = invoke("check", ".", "--as-of", AS_OF, "--output", "./essex.ics.yaml")
    assert result.exit_code == 2
    assert ics.read_bytes() == ESSEX.read_bytes()


def test_output_naming_the_rule_pack_is_refused(in_tmp: Path) -> None:
    pack = copy(CONSTITUTION, in_tmp / "pack.yaml")
    result = invoke("check", COMPLIANT_SAMPLE, "--as-of", AS_OF, "--rules", pack, "-o", pack)
    assert result.exit_code == 2
    assert pack.read_bytes() == CONSTITUTION.read_bytes()


def test_output_never_replaces_a_symlink_or_fifo(in_tmp: Path) -> None:
    precious = in_tmp / "precious.txt"
    precious.write_text("keep me\n", encoding="utf-8")
    (in_tmp / "link.txt").symlink_to(precious)
    os.mkfifo(in_tmp / "pipe.txt")
    for target in ("link.txt", "pipe.txt"):
        result = invoke("check", ESSEX, "--as-of", AS_OF, "--output", target)
        assert result.exit_code == 2
        assert result.stderr == (
            f"icscheck: error: {target} exists and is not a regular file; it will not be replaced\n"
        )
    assert (in_tmp / "link.txt").is_symlink()
    assert stat.S_ISFIFO((in_tmp / "pipe.txt").lstat().st_mode)
    assert precious.read_text(encoding="utf-8") == "keep me\n"
    assert leftovers(in_tmp) == []


def test_output_into_a_folder_is_refused(in_tmp: Path) -> None:
    (in_tmp / "reports").mkdir()
    result = invoke("check", ESSEX, "--as-of", AS_OF, "--output", "reports")
    assert result.exit_code == 2
    assert (in_tmp / "reports").is_dir()


def test_replacing_a_report_keeps_its_permissions(in_tmp: Path) -> None:
    report = in_tmp / "report.txt"
    report.write_text("old\n", encoding="utf-8")
    report.chmod(0o640)
    result = invoke("check", ESSEX, "--as-of", AS_OF, "--output", report)
    assert result.exit_code == 1
    assert "ICB" in report.read_text(encoding="utf-8")
    assert stat.S_IMODE(report.stat().st_mode) == 0o640


def test_init_still_refuses_to_replace_a_file(in_tmp: Path) -> None:
    assert invoke("init", "--icb", "QYG", "--as-of", AS_OF, "mine.ics.yaml").exit_code == 0
    again = invoke("init", "--icb", "QYG", "--as-of", AS_OF, "mine.ics.yaml")
    assert again.exit_code == 2


# Many paths: one missing does not stop the others


def test_a_missing_path_among_many_still_reports_the_others() -> None:
    result = invoke("check", "nowhere.ics.yaml", ESSEX, COMPLIANT_SAMPLE, "--as-of", AS_OF)
    assert result.exit_code == 2
    assert "ICB" in "".join(sorted(rules_in(result.stdout)))
    assert str(ESSEX) in result.stdout
    assert "icscheck: error: nowhere.ics.yaml: no such file or directory\n" in result.stderr
    assert "2 files checked" in result.stderr


def test_a_folder_without_ics_files_among_others_is_named(in_tmp: Path) -> None:
    (in_tmp / "empty").mkdir()
    result = invoke("check", "empty", ESSEX, "--format", "json", "--as-of", AS_OF)
    assert result.exit_code == 2
    assert '"path"' in result.stdout
    assert result.stderr == "icscheck: error: no *.ics.yaml or *.ics.yml files found in empty\n"


def test_only_missing_paths_give_only_their_lines() -> None:
    result = invoke("check", "one.ics.yaml", "two.ics.yaml", "--as-of", AS_OF)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "icscheck: error: one.ics.yaml: no such file or directory",
        "icscheck: error: two.ics.yaml: no such file or directory",
    ]


# Bounded reads


def test_a_file_over_the_size_limit_is_refused_before_reading(in_tmp: Path) -> None:
    huge = in_tmp / "huge.ics.yaml"
    with huge.open("wb") as file:
        file.truncate(SIZE_LIMIT + 1)  # sparse: no 10 MiB written to disk
    result = invoke("check", huge, ESSEX, "--as-of", AS_OF)
    assert result.exit_code == 2
    assert f"cannot read {huge}: larger than" in result.stderr
    assert "10 MiB limit" in result.stderr
    assert str(ESSEX) in result.stdout


def test_a_file_at_the_size_limit_is_read(in_tmp: Path) -> None:
    padded = in_tmp / "padded.ics.yaml"
    text = ESSEX.read_bytes()
    padded.write_bytes(text + b"#" * (SIZE_LIMIT - len(text)))
    result = invoke("check", padded, "--as-of", AS_OF)
    assert result.exit_code == 1
    assert "limit" not in result.stderr


def test_standard_input_over_the_size_limit_is_refused() -> None:
    result = invoke("check", "-", "--as-of", AS_OF, stdin="#" * (SIZE_LIMIT + 1))
    assert result.exit_code == 2
    assert result.stderr == (
        "icscheck: error: cannot read <stdin>: larger than icscheck's 10 MiB limit for a file\n"
    )


def test_a_rule_pack_and_settings_over_the_limit_are_refused(in_tmp: Path) -> None:
    pack = in_tmp / "pack.yaml"
    with pack.open("wb") as file:
        file.truncate(SIZE_LIMIT + 1)
    result = invoke("check", ESSEX, "--as-of", AS_OF, "--rules", pack)
    assert result.exit_code == 2
    assert "10 MiB limit" in result.stderr
    (in_tmp / ".icscheck.yaml").write_bytes(b"#" * (SIZE_LIMIT + 1))
    result = invoke("check", ESSEX, "--as-of", AS_OF)
    assert result.exit_code == 2
    assert ".icscheck.yaml" in result.stderr and "10 MiB limit" in result.stderr


# A settings rule pack stays inside the project


SECRET = "secret-token-do-not-print"


@pytest.mark.parametrize("how", ["parent", "absolute", "symlink"])
def test_a_settings_rule_pack_outside_the_project_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    project = tmp_path / "project"
    project.mkdir()
    outside = tmp_path / "outside.yaml"
    outside.write_text(f"{SECRET}: [\n", encoding="utf-8")
    given = {"parent": "../outside.yaml", "absolute": str(outside), "symlink": "pack.yaml"}[how]
    if how == "symlink":
        (project / "pack.yaml").symlink_to(outside)
    (project / ".icscheck.yaml").write_text(f"rules: {given}\n", encoding="utf-8")
    monkeypatch.chdir(project)
    result = invoke("check", ESSEX, "--as-of", AS_OF)
    assert result.exit_code == 2
    assert result.stderr.startswith("icscheck: error: ")
    assert result.stderr.count("\n") == 1
    assert "the rules setting" in result.stderr
    assert SECRET not in result.output


def test_a_settings_rule_pack_below_the_project_is_used(in_tmp: Path) -> None:
    (in_tmp / "governance").mkdir()
    copy(CONSTITUTION, in_tmp / "governance" / "pack.yaml")
    (in_tmp / ".icscheck.yaml").write_text("rules: governance/pack.yaml\n", encoding="utf-8")
    result = invoke("check", COMPLIANT_SAMPLE, "--as-of", AS_OF)
    assert result.exit_code == 1
    assert rules_in(result.stdout) == {"ICB006"}


def test_output_naming_the_settings_file_is_refused_and_it_kept(in_tmp: Path) -> None:
    settings = in_tmp / ".icscheck.yaml"
    settings.write_text("fail-on: warning\n")
    shutil.copy(COMPLIANT_SAMPLE, in_tmp / "a.ics.yaml")
    result = invoke("check", "a.ics.yaml", "--as-of", AS_OF, "--output", ".icscheck.yaml")
    assert result.exit_code == 2
    assert settings.read_text() == "fail-on: warning\n"
