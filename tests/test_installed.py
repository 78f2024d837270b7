"""The installed console script and `python -m icscheck`, run as real processes with pipes."""

from __future__ import annotations

import subprocess
import sys

from tests.helpers import AS_OF, COMPLIANT_SAMPLE, SAMPLES, console_script


def test_console_script_reports_samples_through_a_pipe() -> None:
    completed = subprocess.run(
        [console_script(), "check", str(SAMPLES), "--as-of", AS_OF],
        capture_output=True,
        text=True,
    )
    assert completed.returncode == 1
    assert "\x1b" not in completed.stdout
    assert "ICB003 error" in completed.stdout
    assert "checked against hca-2022" in completed.stderr


def test_console_script_passes_a_compliant_file() -> None:
    completed = subprocess.run(
        [console_script(), "check", str(COMPLIANT_SAMPLE), "--as-of", AS_OF],
        capture_output=True,
        text=True,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr


def test_python_dash_m_runs_the_same_cli() -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "icscheck", "--version"], capture_output=True, text=True
    )
    assert completed.returncode == 0
    assert completed.stdout.startswith("icscheck ")


def test_forced_rich_output_in_a_pipe_has_no_ansi_escapes() -> None:
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "icscheck",
            "check",
            str(COMPLIANT_SAMPLE),
            "--as-of",
            AS_OF,
            "--format",
            "rich",
        ],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "TERM": "xterm-256color"},
    )
    assert completed.returncode == 0
    assert "\x1b" not in completed.stdout
    assert "Compliant" in completed.stdout
