"""Every bundled sample states the rules it expects on its first line, and is held to it."""

from __future__ import annotations

from pathlib import Path

import pytest

from icscheck.editions import load_edition
from icscheck.engine import check_bytes
from tests.conftest import AS_OF_DATE, SAMPLES

SAMPLE_FILES = sorted(SAMPLES.glob("*.ics.yaml"))


def expected_rules(path: Path) -> set[str]:
    first_line = path.read_text("utf-8").splitlines()[0]
    assert first_line.startswith("# expect:"), f"{path.name} must start with '# expect:'"
    listed = first_line.removeprefix("# expect:").strip()
    return set() if listed == "none" else {part.strip() for part in listed.split(",")}


def test_there_are_enough_samples_and_one_is_compliant() -> None:
    assert len(SAMPLE_FILES) >= 5
    assert any(not expected_rules(path) for path in SAMPLE_FILES)


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda path: path.name)
def test_sample_finds_exactly_what_it_expects(path: Path) -> None:
    report = check_bytes(path.read_bytes(), str(path), load_edition("hca-2022"), as_of=AS_OF_DATE)
    assert {finding.rule for finding in report.findings} == expected_rules(path)
