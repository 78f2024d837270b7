"""What reporters show: control characters escaped in text and rich, exact values in JSON,
and a rich layout that never cuts text, however narrow the terminal."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from icscheck import run
from icscheck.reporters import Format, ReportOptions, printable, reporter_for
from icscheck.results import RunReport
from tests.helpers import AS_OF, AS_OF_DATE, EDITIONS_OLDEST_FIRST, HCA22, SAMPLES, invoke

EVIL_NAME = "Paul \x1b]0;pwned\x07Kirk\u202eland\x9b31m"
"""A member's name that would retitle a terminal, reverse the text after it and (as a C1 CSI)
start a colour sequence, were it printed raw."""
RAW = ("\x1b", "\x07", "\u202e", "\x9b")


def evil_essex(tmp_path: Path) -> Path:
    """Essex, with its second ICB appointee's name hostile: ICP002 quotes it in a message."""
    text = (SAMPLES / "essex.ics.yaml").read_text("utf-8")
    quoted = json.dumps(EVIL_NAME)  # a YAML double-quoted scalar takes JSON's escapes
    path = tmp_path / "essex.ics.yaml"
    path.write_text(text.replace("Paul Kirkland", quoted), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("evil\x1b[31m.ics.yaml", "evil\\x1b[31m.ics.yaml"),
        ("\x1b]0;title\x07", "\\x1b]0;title\\x07"),
        ("tab\tnew\nline\rdel\x7f", "tab\\x09new\\x0aline\\x0ddel\\x7f"),
        ("csi\x9b and nel\x85", "csi\\x9b and nel\\x85"),
        ("abc\u202edef\u2066\u200f\u061c", "abc\\u202edef\\u2066\\u200f\\u061c"),
        ("line\u2028sep", "line\\u2028sep"),
        ("caf\udce9.ics.yaml", "caf\\xe9.ics.yaml"),
        ("Zoë Ó Brádaigh, 東京", "Zoë Ó Brádaigh, 東京"),
    ],
)
def test_printable_shows_each_unsafe_character_as_an_escape(raw: str, shown: str) -> None:
    assert printable(raw) == shown


@pytest.mark.parametrize("output_format", ["text", "rich"])
def test_text_and_rich_show_hostile_names_escaped(tmp_path: Path, output_format: str) -> None:
    result = invoke("check", evil_essex(tmp_path), "--as-of", AS_OF, "-f", output_format)
    assert result.exit_code == 1, result.output
    assert not [c for c in RAW if c in result.stdout]
    for shown in ("\\x1b]0;", "\\x07", "\\u202e", "\\x9b"):
        assert shown in result.stdout


def test_text_keeps_one_finding_a_line_whatever_a_name_holds(tmp_path: Path) -> None:
    text = (SAMPLES / "essex.ics.yaml").read_text("utf-8")
    path = tmp_path / "essex.ics.yaml"
    path.write_text(text.replace("Paul Kirkland", '"Paul\\nKirkland"'), encoding="utf-8")
    result = invoke("check", path, "--as-of", AS_OF, "-f", "text")
    (icp002,) = [line for line in result.stdout.splitlines() if " ICP002 " in line]
    assert "'Paul\\x0aKirkland' is a second ICB appointee" in icp002


def test_json_keeps_the_exact_name_with_no_raw_terminal_controls(tmp_path: Path) -> None:
    result = invoke("check", evil_essex(tmp_path), "--as-of", AS_OF, "-f", "json")
    assert not [c for c in RAW if c in result.stdout]
    findings = json.loads(result.stdout)["files"][0]["findings"]
    (icp002,) = [f for f in findings if f["rule"] == "ICP002"]
    assert f"'{EVIL_NAME}' is a second ICB appointee" in icp002["message"]


FAILING = sorted(
    path
    for path in SAMPLES.glob("*.ics.yaml")
    if path.read_text("utf-8").startswith("# expect: IC")
)
"""Every sample with findings under the law in force."""


def rich_report(width: int, *editions: str) -> tuple[str, RunReport]:
    """The rich report of every failing sample, laid out for a terminal `width` columns wide."""
    request = run.Request(
        paths=[str(path) for path in FAILING],
        as_of=AS_OF_DATE,
        editions=editions or (HCA22,),
    )
    report = run.run(request).report
    return reporter_for(Format.RICH)(report, ReportOptions(width=width)), report


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("width", [40, 60, 80, 120])
def test_rich_output_never_cuts_text(width: int) -> None:
    shown, run = rich_report(width)
    assert FAILING and run.findings
    assert "…" not in shown
    assert all(len(line) <= width for line in shown.splitlines())
    for finding in run.findings:
        for word in [*finding.message.split(), *finding.source.split(), finding.name]:
            assert word in shown, word
    for report in run.files:
        assert report.system is not None
        for member in report.system.board.members:
            for word in [*member.name.split(), *(member.organisation or "").split()]:
                assert word in shown, word


@pytest.mark.parametrize("width", [40, 60, 80])
def test_a_narrow_terminal_gets_one_block_a_finding(width: int) -> None:
    shown, run = rich_report(width)
    text = flat(shown)
    for finding in run.findings:
        where = f"{finding.severity} {finding.rule} {finding.name} {finding.line}:{finding.column}"
        assert f"{where} {flat(finding.message)} source: {flat(finding.source)}" in text


@pytest.mark.parametrize("width", [40, 80])
def test_verdicts_by_edition_are_not_cut_on_a_narrow_terminal(width: int) -> None:
    shown, run = rich_report(width, *EDITIONS_OLDEST_FIRST)
    assert "…" not in shown
    for edition in run.editions:
        assert f"{edition.id}: " in shown
