"""`--jobs`: files checked in several processes give exactly the output of one."""

from __future__ import annotations

import datetime as dt
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from icscheck import run
from icscheck.settings import Settings
from tests.helpers import AS_OF, REPO, SAMPLES, invoke

pytestmark = pytest.mark.slow
"""Checks folders of generated files several times over: `-m "not slow"` leaves them out."""


@pytest.fixture(scope="module")
def boards(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Generated boards, some broken, with the samples and an unreadable entry among them."""
    folder = tmp_path_factory.mktemp("boards")
    subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "generate.py"), str(folder), "--count", "90"],
        check=True,
        capture_output=True,
        timeout=300,
    )
    for sample in SAMPLES.glob("*.ics.yaml"):
        (folder / sample.name).write_bytes(sample.read_bytes())
    (folder / "gone.ics.yaml").symlink_to(folder / "missing")
    return folder


def _run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "icscheck", "check", *map(str, args), "--as-of", AS_OF],
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.parametrize(
    "options",
    [("--format", "text"), ("--format", "json"), ("--format", "rich"), ("--edition", "all")],
    ids=lambda options: " ".join(options),
)
def test_several_processes_give_the_output_of_one(boards: Path, options: tuple[str, ...]) -> None:
    one = _run(boards, *options, "--jobs", "1")
    several = _run(boards, *options, "--jobs", "2")
    chosen = _run(boards, *options)
    assert one.returncode == 2  # the dangling link is unreadable
    assert (several.returncode, several.stdout, several.stderr) == (
        one.returncode,
        one.stdout,
        one.stderr,
    )
    assert (chosen.returncode, chosen.stdout) == (one.returncode, one.stdout)
    assert "YAML-SYNTAX" in one.stdout and "SCHEMA" in one.stdout


@pytest.mark.parametrize("value", ["0", "-1", "two"])
def test_a_bad_number_of_jobs_is_a_usage_error(value: str) -> None:
    result = invoke("check", SAMPLES, "--jobs", value, "--as-of", AS_OF)
    assert result.exit_code == 2
    assert "--jobs" in result.output


def test_more_jobs_than_files_is_fine() -> None:
    result = invoke("check", SAMPLES / "essex.ics.yaml", "--jobs", "8", "--as-of", AS_OF)
    assert result.exit_code in (0, 1)


def test_findings_from_workers_share_their_texts(boards: Path) -> None:
    """A finding back from a worker is equal to the one sent, and equal texts are one object
    across files, as they are in one process: the parent keeps every finding until the end."""
    request = run.Request.with_settings(
        Settings(),
        paths=[str(boards)],
        as_of=dt.date.fromisoformat(AS_OF),
        editions=(),
        rules=None,
        select=(),
        ignore=(),
        fail_on=None,
        jobs=2,
        keep_models=False,
    )
    findings = [f for report in run.run(request).report.files for f in report.findings]
    assert len({f.path for f in findings}) > 90
    for field in ("rule", "name", "message", "path", "pointer", "source"):
        texts = [getattr(f, field) for f in findings]
        assert len({id(text) for text in texts}) == len(set(texts)), field
    assert [pickle.loads(pickle.dumps(f)) for f in findings] == findings
