"""Every bundled sample states the rules it expects under each edition, and is held to it.

A sample starts with `# expect: RULE, RULE` (or `# expect: none`), the rules that fire under
hca-2022, followed by one `# expect[EDITION]: ...` line for each other edition it is checked
under. Every shipped edition needs a sample that is compliant under it and one that is not, for
a reason of its own.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest

from icscheck.checker import check_bytes
from icscheck.editions import builtin_editions, load_edition
from icscheck.results import FileReport, Severity
from tests.helpers import AS_OF_DATE, SAMPLES

SAMPLE_FILES = sorted(SAMPLES.glob("*.ics.yaml"))
EDITIONS = builtin_editions()
BASE_EDITION = "hca-2022"
"""The edition a plain `# expect:` line is about, and the one the others are told apart from."""

EXPECT = re.compile(r"# expect(?:\[(?P<edition>[^\]]*)\])?:(?P<rules>.*)")


def _rule_ids(listed: str, where: str) -> set[str]:
    listed = listed.strip()
    if listed == "none":
        return set()
    rules = {part.strip() for part in listed.split(",")}
    assert rules and "" not in rules, f"{where}: list rule IDs separated by commas, or 'none'"
    return rules


def expectations(path: Path) -> dict[str, set[str]]:
    """The rules the sample expects, by edition, from the expect lines that open it."""
    lines = path.read_text("utf-8").splitlines()
    first = EXPECT.fullmatch(lines[0]) if lines else None
    assert first is not None, f"{path.name} must start with '# expect:'"
    assert first["edition"] is None, f"{path.name}: the first line is '# expect:' ({BASE_EDITION})"
    expected = {BASE_EDITION: _rule_ids(first["rules"], f"{path.name}:1")}
    for number, line in enumerate(lines[1:], start=2):
        match = EXPECT.fullmatch(line)
        if match is None:
            assert not line.startswith(("# expect:", "# expect[")), (
                f"{path.name}:{number}: write an expect line as '# expect[EDITION]: RULE, RULE' "
                "(or 'none'), directly after the first line"
            )
            continue
        edition = match["edition"]
        assert number == len(expected) + 1, (
            f"{path.name}:{number}: expect lines must directly follow the first line"
        )
        assert edition is not None, f"{path.name}:{number}: only the first line is '# expect:'"
        assert edition in EDITIONS, f"{path.name}:{number}: unknown edition '{edition}'"
        assert edition not in expected, f"{path.name}:{number}: a second line for {edition}" + (
            f" (the first line is {BASE_EDITION}'s)" if edition == BASE_EDITION else ""
        )
        expected[edition] = _rule_ids(match["rules"], f"{path.name}:{number}")
    return expected


def expected_rules(path: Path) -> set[str]:
    """The rules the sample expects under hca-2022 (its first line)."""
    return expectations(path)[BASE_EDITION]


@cache
def report(path: Path, edition: str) -> FileReport:
    return check_bytes(path.read_bytes(), str(path), load_edition(edition), as_of=AS_OF_DATE)


def errors(path: Path, edition: str) -> set[str]:
    """The rules with an error-severity finding on the sample under the edition."""
    return {f.rule for f in report(path, edition).findings if f.severity is Severity.ERROR}


def specific_rules(edition: str) -> set[str]:
    """Rules that make a file non-compliant under this edition for a reason of its own.

    For an earlier edition: a rule that is an error there but not in force, or not an error, in
    hca-2022. For hca-2022: an error rule that no other edition puts in force.
    """
    settings = load_edition(edition).settings
    if edition == BASE_EDITION:
        elsewhere = {
            setting.rule.id
            for other in EDITIONS
            if other != BASE_EDITION
            for setting in load_edition(other).settings
        }
        return {
            s.rule.id
            for s in settings
            if s.severity is Severity.ERROR and s.rule.id not in elsewhere
        }
    base = load_edition(BASE_EDITION)
    return {
        s.rule.id
        for s in settings
        if s.severity is Severity.ERROR
        and ((held := base.setting(s.rule.id)) is None or held.severity is not Severity.ERROR)
    }


CASES = [
    pytest.param(path, edition, id=f"{path.name}:{edition}")
    for path in SAMPLE_FILES
    for edition in expectations(path)
]


def test_there_are_enough_samples_and_one_is_compliant() -> None:
    assert len(SAMPLE_FILES) >= 5
    assert any(not expected_rules(path) for path in SAMPLE_FILES)


@pytest.mark.parametrize(("path", "edition"), CASES)
def test_sample_finds_exactly_what_it_expects(path: Path, edition: str) -> None:
    found = {finding.rule for finding in report(path, edition).findings}
    assert found == expectations(path)[edition]


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_edition_has_a_compliant_sample(edition: str) -> None:
    assert any(report(path, edition).compliant for path in SAMPLE_FILES), (
        f"no sample is compliant under {edition}"
    )


def test_only_the_white_paper_has_no_errors_of_its_own() -> None:
    """white-paper-2021's errors are all errors in hca-2022 too, so whatever fails the white
    paper fails the Act on the same rule; the next test covers every other edition."""
    assert [e for e in EDITIONS if not specific_rules(e)] == ["white-paper-2021"]


@pytest.mark.parametrize("edition", [e for e in EDITIONS if e != "white-paper-2021"])
def test_every_edition_has_a_sample_that_fails_it_for_its_own_reasons(edition: str) -> None:
    specific = specific_rules(edition)
    failing = [path.name for path in SAMPLE_FILES if errors(path, edition) & specific]
    assert failing, (
        f"no sample fails {edition} on a rule of its own ({', '.join(sorted(specific))})"
    )
