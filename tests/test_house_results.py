"""Results apart from the checker: reporters read a run's results and the model, nothing else."""

from __future__ import annotations

import datetime as dt
import json
import pickle
import subprocess
import sys

import pytest

from icscheck.reporters import Format, ReportOptions, reporter_for
from icscheck.results import EditionRef, FileReport, Finding, RunReport, Severity

CHECK_FORMATS = [Format.TEXT, Format.JSON, Format.RICH]
CHECKING_SIDE = ("icscheck.rules", "icscheck.schema", "icscheck.editions", "icscheck.checker")


@pytest.mark.parametrize("output_format", CHECK_FORMATS, ids=str)
def test_importing_a_reporter_loads_nothing_of_the_checking_side(output_format: Format) -> None:
    module = f"icscheck.reporters.{output_format.value}_format"
    wanted = f"{CHECKING_SIDE!r}"
    probe = (
        f"import sys, {module}; "
        f"print([m for m in sys.modules if m.startswith({wanted}) or m == 'jsonschema'])"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    ).stdout
    assert loaded.strip() == "[]"


def _hand_built_run() -> RunReport:
    edition = EditionRef("local-pack", "A constitution's own rules", None)
    finding = Finding(
        rule="ICB001",
        name="board-chair",
        severity=Severity.ERROR,
        message="the board has no chair in post; add them with role: chair",
        path="hand.ics.yaml",
        line=3,
        column=5,
        pointer="/board/members",
        source="HCA 2022 Sch. 1B, para 3(1)(a)",
    )
    report = FileReport("hand.ics.yaml", edition, (finding,), None)
    return RunReport(editions=(edition,), as_of=dt.date(2026, 11, 23), files=(report,))


@pytest.mark.parametrize("output_format", CHECK_FORMATS, ids=str)
def test_a_report_built_from_results_alone_renders_in_every_format(output_format: Format) -> None:
    shown = reporter_for(output_format)(_hand_built_run(), ReportOptions(width=100))
    assert "ICB001" in shown
    assert "hand.ics.yaml" in shown
    if output_format is Format.JSON:
        assert json.loads(shown)["files"][0]["findings"][0]["line"] == 3


def test_a_finding_takes_any_text_it_is_given() -> None:
    """A text field given a `StrEnum` member (which `sys.intern` refuses) keeps its text."""
    finding = Finding(
        rule="ICB001",
        name="board-chair",
        severity=Severity.ERROR,
        message=Severity.ERROR,
        path="a.ics.yaml",
        line=1,
        column=1,
        pointer="",
        source="NHS Act 2006 Sch. 1B",
    )
    assert finding.message == "error"
    assert pickle.loads(pickle.dumps(finding)) == finding
