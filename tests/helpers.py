"""Shared test helpers: the real CLI through Typer's runner, and the bundled samples.

Test modules import these by name; `conftest.py` holds only fixtures."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import sys
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
OPT1, OPT2, WP21, DF21, HCA22 = (
    "nhse-2020-option1",
    "nhse-2020-option2",
    "white-paper-2021",
    "design-framework-2021",
    "hca-2022",
)
EDITIONS_OLDEST_FIRST = (OPT1, OPT2, WP21, DF21, HCA22)
"""The five shipped editions, in the order the reform went through them."""
PLACE_SECTORS = [
    "primary_care",
    "local_authority",
    "public_health",
    "community_services",
    "mental_health",
    "healthwatch",
]
"""PLC001's sectors under NHS England's 2020 proposals, as rules.md lists them."""
QYG_COUNCILS = (
    "Cheshire East Council",
    "Cheshire West and Chester Council",
    "Halton Borough Council",
    "Knowsley Metropolitan Borough Council",
    "Liverpool City Council",
    "Sefton Metropolitan Borough Council",
    "St Helens Borough Council",
    "Warrington Borough Council",
    "Wirral Metropolitan Borough Council",
)
"""The nine responsible councils of Cheshire and Merseyside (QYG) in the reference data."""
TEXT_LINE = re.compile(
    r"^(?P<path>[^:]+):(?P<line>\d+):(?P<column>\d+): (?P<rule>[A-Z0-9-]+) "
    r"(?P<severity>error|warning|info) (?P<message>.+?)(?: \[(?P<edition>[a-z0-9-]+)\])?$"
)
"""One finding of the text format: `path:line:col: RULE severity message [edition]`."""


def text_findings(stdout: str) -> list[re.Match[str]]:
    """Every line of text-format output, parsed; each must be a finding."""
    matches = [TEXT_LINE.match(line) for line in stdout.splitlines()]
    assert all(matches), stdout
    return [match for match in matches if match]


def rules_in(stdout: str) -> set[str]:
    return {match["rule"] for match in text_findings(stdout)}


def invoke(*args: str | Path, stdin: str | None = None) -> Result:
    """Run `icscheck ARGS` in-process, as a user would type it."""
    return CliRunner().invoke(app, [str(arg) for arg in args], input=stdin)


def console_script() -> str:
    """The installed `icscheck` console script, beside this Python or on PATH; skips without."""
    beside_python = Path(sys.executable).parent / "icscheck"
    found = str(beside_python) if beside_python.exists() else shutil.which("icscheck")
    if found is None:
        pytest.skip("the icscheck console script is not installed")
    return found


TEMPLATE_LINE = re.compile(r"^(\s*)# ")
"""A template line of a file `icscheck init` writes: `# ` before what becomes YAML."""


def filled_in(text: str) -> str:
    """The starting file as a user leaves it: every seat uncommented and given a name.

    Template lines start with a single `# `, and lose it; the header (before `version:`),
    notes (`##`) and date lines (`##   appointed:`) stay comments. A `members: []` with no
    template below it (a body the edition asks no seat of) stays empty.
    """
    head, body = text.split("\nversion: 1\n")
    body = re.sub(r"members: \[\](?=\n\n? +#)", "members:", body)
    body = "\n".join(TEMPLATE_LINE.sub(r"\1", line) for line in body.splitlines())
    names = iter(range(1, 1000))
    body = re.sub(r'name: ""', lambda _: f"name: Person {next(names)}", body)
    return f"{head}\nversion: 1\n{body}\n"
