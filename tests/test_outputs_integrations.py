"""Published schemas and the integrations that run icscheck for others: `icscheck schema
--kind`, the JSON report's schema, the pre-commit hook, the GitHub Action and the GitLab job."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import subprocess
import sys
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator, FormatChecker

from tests.helpers import AS_OF, COMPLIANT_SAMPLE, FIXTURES, HCA22, OPT1, REPO, SAMPLES, invoke

SAMPLE_FILES = sorted(SAMPLES.glob("*.ics.yaml"))


@cache
def _report_validator() -> Draft202012Validator:
    schema = json.loads(invoke("schema", "--kind", "report").stdout)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=FormatChecker())


def _json_report(*args: str | Path) -> dict[str, Any]:
    """The JSON report of `icscheck check ARGS`, valid against the published report schema."""
    result = invoke("check", *args, "--format", "json", "--as-of", AS_OF)
    assert result.exit_code in (0, 1), result.output
    report: dict[str, Any] = json.loads(result.stdout)
    errors = [error.message for error in _report_validator().iter_errors(report)]
    assert not errors, errors
    return report


@pytest.mark.parametrize(
    ("kind", "name"),
    [("ics", "ics-v1"), ("rules", "edition-v1"), ("report", "report-v1")],
)
def test_schema_kind_prints_the_published_schema(kind: str, name: str) -> None:
    result = invoke("schema", "--kind", kind)
    assert result.exit_code == 0, result.output
    assert result.stdout == (REPO / "schemas" / f"{name}.schema.json").read_text("utf-8")


def test_schema_without_kind_prints_the_ics_schema_as_before() -> None:
    assert invoke("schema").stdout == invoke("schema", "--kind", "ics").stdout


def test_an_unknown_schema_kind_is_a_usage_error() -> None:
    result = invoke("schema", "--kind", "sarif")
    assert result.exit_code == 2
    assert "'sarif' is not one of 'ics', 'rules', 'report'" in result.output


def test_schema_help_teaches_every_kind() -> None:
    text = invoke("schema", "--help").stdout
    assert "--kind" in text
    assert all(kind in text for kind in ("ics", "rules", "report"))
    assert "icscheck schema --kind report" in text


@pytest.mark.parametrize(
    "pack",
    [
        *sorted((REPO / "icscheck" / "data" / "editions").glob("*.yaml")),
        FIXTURES / "packs" / "standalone.yaml",
    ],
    ids=lambda path: path.name,
)
def test_the_rules_schema_accepts_every_shipped_edition_and_a_pack(pack: Path) -> None:
    schema = json.loads(invoke("schema", "--kind", "rules").stdout)
    assert not list(Draft202012Validator(schema).iter_errors(yaml.safe_load(pack.read_bytes())))


@pytest.mark.parametrize("sample", SAMPLE_FILES, ids=lambda path: path.name)
def test_the_json_report_of_every_sample_meets_the_report_schema(sample: Path) -> None:
    report = _json_report(sample)
    assert [entry["path"] for entry in report["files"]] == [str(sample)]


def test_the_json_report_of_a_folder_meets_the_report_schema() -> None:
    report = _json_report(SAMPLES)
    assert len(report["files"]) == len(SAMPLE_FILES)
    assert report["counts"]["error"] > 0


def test_the_json_report_of_several_editions_meets_the_report_schema() -> None:
    report = _json_report(SAMPLE_FILES[0], "--edition", OPT1, "--edition", HCA22)
    assert report["edition"] == [OPT1, HCA22]
    assert [entry["edition"] for entry in report["files"]] == [OPT1, HCA22]


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("version: 1\nics: [unclosed\n", "YAML-SYNTAX"),
        ("version: 1\nics: Nowhere\nboard: {chair: 7}\n", "SCHEMA"),
    ],
    ids=["yaml-syntax", "schema"],
)
def test_the_json_report_of_a_broken_file_meets_the_report_schema(
    tmp_path: Path, text: str, rule: str
) -> None:
    broken = tmp_path / "broken.ics.yaml"
    broken.write_text(text, "utf-8")
    report = _json_report(broken)
    (entry,) = report["files"]
    assert entry["compliant"] is False
    assert rule in {finding["rule"] for finding in entry["findings"]}


def test_the_json_report_of_standard_input_with_a_rule_pack_meets_the_report_schema() -> None:
    result = invoke(
        "check",
        "-",
        "--format",
        "json",
        "--as-of",
        AS_OF,
        "--rules",
        FIXTURES / "packs" / "constitution.yaml",
        stdin=SAMPLE_FILES[0].read_text("utf-8"),
    )
    assert result.exit_code in (0, 1), result.output
    assert not list(_report_validator().iter_errors(json.loads(result.stdout)))


def _git(*args: str, cwd: Path) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, timeout=60)


def _try_hook(repo: Path, home: Path, *selection: str) -> subprocess.CompletedProcess[str]:
    """`pre-commit try-repo` of this checkout's hook in `repo`, as a user's commit would run it."""
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(REPO), "icscheck", *selection],
        cwd=repo,
        env={**os.environ, "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never"},
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


@pytest.mark.slow
def test_the_pre_commit_hook_fails_a_broken_file_and_passes_a_good_one(tmp_path: Path) -> None:
    if importlib.util.find_spec("pre_commit") is None:
        pytest.skip("pre-commit is not installed: pip install -e '.[test]' installs it")
    repo = tmp_path / "governance"
    repo.mkdir()
    _git("init", "-q", cwd=repo)
    undated = "".join(
        line
        for line in COMPLIANT_SAMPLE.read_text("utf-8").splitlines(keepends=True)
        if "term_ends:" not in line
    )  # compliant whatever today's date, since the hook cannot be given --as-of
    (repo / "good.ics.yaml").write_text(undated, "utf-8")
    (repo / "bad.ics.yml").write_text("version: 1\nics: [unclosed\n", "utf-8")
    (repo / "notes.yaml").write_text("not: [an ics file\n", "utf-8")
    _git("add", ".", cwd=repo)

    result = _try_hook(repo, tmp_path / "cache", "--all-files")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "bad.ics.yml:3:1: YAML-SYNTAX error" in result.stdout
    assert "good.ics.yaml:" not in result.stdout
    assert "notes.yaml" not in result.stdout
    assert "2 files checked against hca-2022" in result.stdout
    assert "1 compliant; 1 error, 0 warnings, 0 info" in result.stdout


def _action() -> dict[str, Any]:
    action: dict[str, Any] = yaml.safe_load((REPO / "action.yml").read_text("utf-8"))
    return action


def test_the_action_is_a_composite_action_with_the_documented_inputs() -> None:
    action = _action()
    assert {"name", "description", "inputs", "runs"} <= action.keys()
    assert set(action["inputs"]) == {"paths", "edition", "fail-on", "sarif", "version"}
    assert all(
        {"description", "required", "default"} <= spec.keys() for spec in action["inputs"].values()
    )
    assert action["runs"]["using"] == "composite"
    steps = action["runs"]["steps"]
    assert all("shell" in step for step in steps if "run" in step)
    assert all(("run" in step) != ("uses" in step) for step in steps)


def test_every_input_the_action_reads_is_declared_and_every_declared_one_is_read() -> None:
    text = (REPO / "action.yml").read_text("utf-8")
    read = set(re.findall(r"\$\{\{[^}]*?\binputs\.([A-Za-z0-9_-]+)", text))
    assert read == set(_action()["inputs"])


def test_the_action_annotates_summarises_uploads_sarif_and_passes_the_exit_status_on() -> None:
    steps = _action()["runs"]["steps"]
    uses = [step["uses"].split("@")[0] for step in steps if "uses" in step]
    assert uses == ["actions/setup-python", "github/codeql-action/upload-sarif"]
    (check,) = [step for step in steps if step.get("id") == "check"]
    script = check["run"]
    assert "--format github" in script
    assert '--format markdown >> "$GITHUB_STEP_SUMMARY"' in script
    assert "--format sarif --output" in script
    (upload,) = [step for step in steps if "upload-sarif" in step.get("uses", "")]
    assert upload["if"] == "${{ inputs.sarif == 'true' }}"
    assert steps[-1]["run"] == 'exit "$STATUS"'
    assert steps[-1]["env"]["STATUS"] == "${{ steps.check.outputs.exit-code }}"


def test_the_action_passes_inputs_to_scripts_through_the_environment_only() -> None:
    """An input spliced into a script is a script injection; the environment is not."""
    for step in _action()["runs"]["steps"]:
        assert "${{" not in step.get("run", "")


def test_the_gitlab_job_reports_code_quality_and_junit() -> None:
    document = yaml.safe_load((REPO / "docs" / "gitlab-ci.yml").read_text("utf-8"))
    job = document["icscheck"]
    script = " ".join(job["script"])
    assert "icscheck check . --format gitlab --output gl-code-quality.json" in script
    assert "--format junit --output icscheck-junit.xml" in script
    assert job["artifacts"]["reports"] == {
        "codequality": "gl-code-quality.json",
        "junit": "icscheck-junit.xml",
    }
    assert job["artifacts"]["when"] == "always"


def test_the_pre_commit_hook_runs_check_on_ics_files() -> None:
    (hook,) = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text("utf-8"))
    assert hook["id"] == "icscheck"
    assert hook["entry"] == "icscheck check"
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is True
    matches = re.compile(hook["files"]).search
    assert matches("a/b.ics.yaml") and matches("b.ics.yml")
    assert not matches("b.yaml") and not matches("b.ics.yaml.bak")


def test_every_action_script_is_valid_bash() -> None:
    for step in _action()["runs"]["steps"]:
        if "run" in step:
            subprocess.run(["bash", "-n"], input=step["run"], text=True, check=True, timeout=30)


def test_the_action_check_step_runs_and_passes_the_status_on(tmp_path: Path) -> None:
    """The check step's own script, run as the runner would with the action's environment."""
    from icscheck.reporters import Format

    missing = {"github", "markdown", "sarif"} - {str(member) for member in Format}
    if missing:
        pytest.skip(f"formats not built yet on this branch: {', '.join(sorted(missing))}")
    (check,) = [step for step in _action()["runs"]["steps"] if step.get("id") == "check"]
    broken = tmp_path / "broken.ics.yaml"
    broken.write_text("version: 1\nics: [unclosed\n", "utf-8")
    summary, outputs = tmp_path / "summary.md", tmp_path / "outputs"
    environment = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "PATHS": f"{COMPLIANT_SAMPLE} {broken}",
        "EDITIONS": HCA22,
        "FAIL_ON": "error",
        "SARIF": "true",
        "SARIF_FILE": str(tmp_path / "icscheck.sarif"),
        "GITHUB_STEP_SUMMARY": str(summary),
        "GITHUB_OUTPUT": str(outputs),
    }
    completed = subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", check["run"]],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert "::error " in completed.stdout
    assert "YAML-SYNTAX" in summary.read_text("utf-8")
    assert json.loads((tmp_path / "icscheck.sarif").read_text("utf-8"))["version"] == "2.1.0"
    assert outputs.read_text("utf-8") == "exit-code=1\n"
