"""Shared test helpers: the real CLI through Typer's runner, and the bundled samples."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from icscheck.cli import app

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "sample_configs"
FIXTURES = REPO / "tests" / "fixtures"
AS_OF = "2026-11-23"
AS_OF_DATE = dt.date.fromisoformat(AS_OF)
COMPLIANT_SAMPLE = SAMPLES / "cheshire-and-merseyside.ics.yaml"


def invoke(*args: str | Path, stdin: str | None = None) -> Result:
    """Run `icscheck ARGS` in-process, as a user would type it."""
    return CliRunner().invoke(app, [str(arg) for arg in args], input=stdin)


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run the test from an empty temporary folder."""
    monkeypatch.chdir(tmp_path)
    return tmp_path
