"""The escape hatch for bug reports: ICSCHECK_DEBUG=1 prints an internal error's traceback."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.helpers import AS_OF, SAMPLES

ESSEX = SAMPLES / "essex.ics.yaml"


@pytest.mark.parametrize(("debug", "traceback_shown"), [(None, False), ("0", False), ("1", True)])
def test_an_internal_error_shows_its_traceback_only_when_asked(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    debug: str | None,
    traceback_shown: bool,
) -> None:
    from icscheck import cli, run

    def explode(request: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(run, "run", explode)
    monkeypatch.setattr("sys.argv", ["icscheck", "check", str(ESSEX)])
    if debug is None:
        monkeypatch.delenv("ICSCHECK_DEBUG", raising=False)
    else:
        monkeypatch.setenv("ICSCHECK_DEBUG", debug)
    with pytest.raises(SystemExit) as stopped:
        cli.main()
    assert stopped.value.code == 2
    error = capsys.readouterr().err
    assert error.rstrip().endswith("ICSCHECK_DEBUG=1 prints.")
    assert ("Traceback (most recent call last)" in error) is traceback_shown
    assert ("RuntimeError: boom" in error.split("icscheck: internal error")[0]) is traceback_shown


BREAK_THE_RUN = """
import sys
from icscheck import __main__, run

def explode(request):
    raise RuntimeError("boom")

run.run = explode
sys.argv = ["icscheck", *sys.argv[1:]]
__main__.main()
"""
"""The console script's own entry point, in a real process, with the check itself broken."""


@pytest.mark.parametrize("debug", ["", "1"])
def test_a_real_process_prints_the_traceback_to_stderr_only_when_asked(debug: str) -> None:
    completed = subprocess.run(
        [sys.executable, "-c", BREAK_THE_RUN, "check", str(ESSEX), "--as-of", AS_OF],
        capture_output=True,
        text=True,
        env={**os.environ, "ICSCHECK_DEBUG": debug},
    )
    assert completed.returncode == 2
    assert completed.stdout == ""
    assert "icscheck: internal error: RuntimeError: boom" in completed.stderr
    assert completed.stderr.rstrip().endswith("ICSCHECK_DEBUG=1 prints.")
    shown = "Traceback (most recent call last)" in completed.stderr
    assert shown is bool(debug)
    if shown:
        assert 'File "<string>"' in completed.stderr and "in explode" in completed.stderr
