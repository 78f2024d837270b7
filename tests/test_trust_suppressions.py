"""Suppressions name rules as `--ignore` does, stale ones are reported, and reading is linear."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from icscheck.loader import Position
from icscheck.suppressions import read_suppressions
from tests.helpers import AS_OF, SAMPLES, invoke

ESSEX = SAMPLES / "essex.ics.yaml"
BOARD_LINE = 28
COMMENT_COLUMN = 13
"""The line of Essex's board members, where ICB003 to ICB012 are reported."""


def essex_with(tmp_path: Path, *, header: str = "", board_comment: str = "") -> Path:
    lines = ESSEX.read_text("utf-8").splitlines()
    lines[BOARD_LINE - 1] += board_comment
    path = tmp_path / "essex.ics.yaml"
    path.write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
    return path


def report(path: Path, *options: str) -> list[dict[str, object]]:
    result = invoke("check", path, "--as-of", AS_OF, "--format", "json", *options)
    assert result.exit_code in (0, 1), result.output
    files: list[dict[str, object]] = json.loads(result.stdout)["files"]
    return files


def found(path: Path, *options: str) -> list[dict[str, object]]:
    findings = report(path, *options)[0]["findings"]
    assert isinstance(findings, list)
    return findings


def notes(path: Path, *options: str) -> list[tuple[int, int, str, str]]:
    return [
        (int(str(f["line"])), int(str(f["column"])), str(f["severity"]), str(f["message"]))
        for f in found(path, *options)
        if f["rule"] == "SUPPRESSION"
    ]


@pytest.mark.parametrize(
    ("named", "gone"),
    [
        ("non-executive-members", {"ICB012"}),
        ("Non-Executive-Members", {"ICB012"}),
        ("icb012", {"ICB012"}),
        ("ICB01", {"ICB011", "ICB012"}),
        ("ICB00, executive-members", {"ICB003", "ICB004", "ICB005", "ICB006", "ICB007", "ICB011"}),
    ],
)
def test_suppressions_name_rules_as_ignore_does(tmp_path: Path, named: str, gone: set[str]) -> None:
    plain = {str(f["rule"]) for f in found(essex_with(tmp_path))}
    assert gone <= plain
    path = essex_with(tmp_path, board_comment=f"  # icscheck: ignore[{named}] board paper 2026-09")
    assert {str(f["rule"]) for f in found(path)} == plain - gone
    assert report(path)[0]["suppressed"] == len(gone)


def test_a_name_ignore_refuses_is_refused_with_the_same_reason(tmp_path: Path) -> None:
    refused = invoke("check", ESSEX, "--as-of", AS_OF, "--ignore", "board-chiar")
    assert refused.exit_code == 2
    reason = "board-chiar: no rule has that ID, prefix or name"
    assert reason in refused.stderr
    path = essex_with(tmp_path, board_comment="  # icscheck: ignore[board-chiar] a typo")
    assert notes(path) == [
        (BOARD_LINE, COMMENT_COLUMN, "error", f"the suppression cannot use {reason}")
    ]


def test_checks_that_guard_valid_input_cannot_be_suppressed_by_name(tmp_path: Path) -> None:
    path = essex_with(tmp_path, header="# icscheck: ignore[schema, ICB012] please\n")
    (message,) = [note[3] for note in notes(path)]
    assert "SCHEMA cannot be ignored" in message
    assert "ICB012" in {f["rule"] for f in found(path)}


def test_an_unused_suppression_is_reported_as_info_at_the_comment(tmp_path: Path) -> None:
    path = essex_with(
        tmp_path,
        header="# icscheck: ignore[ICB012] recruitment under way\n"
        "# icscheck: ignore[ICB001] chair appointed in December\n",
    )
    assert notes(path) == [
        (2, 1, "info", "the suppression of ICB001 sets aside no finding; remove it")
    ]
    result = invoke("check", path, "--as-of", AS_OF, "--format", "text", "--select", "ICB001")
    assert result.exit_code == 0, result.output
    assert "2:1: SUPPRESSION info the suppression of ICB001" in result.stdout


def test_a_used_well_formed_suppression_stays_silent(tmp_path: Path) -> None:
    path = essex_with(tmp_path, board_comment="  # icscheck: ignore[ICB012] board paper 2026-09")
    assert notes(path) == []


def test_the_idle_names_of_a_partly_used_suppression_are_named(tmp_path: Path) -> None:
    path = essex_with(
        tmp_path, board_comment="  # icscheck: ignore[ICB012, board-chair, ICB011] reasons"
    )
    assert notes(path) == [
        (
            BOARD_LINE,
            COMMENT_COLUMN,
            "info",
            "the suppression of board-chair sets aside no finding; "
            "remove board-chair from the brackets",
        )
    ]


def test_a_suppression_used_under_any_edition_checked_is_not_reported(tmp_path: Path) -> None:
    path = essex_with(tmp_path, board_comment="  # icscheck: ignore[ICB011] interim board")
    both = report(path, "--edition", "hca-2022", "--edition", "nhse-2020-option2")
    assert [r["suppressed"] for r in both] == [1, 0]
    assert "SUPPRESSION" not in json.dumps(both)
    assert [n[2:] for n in notes(path, "--edition", "nhse-2020-option2")] == [
        ("info", "the suppression of ICB011 sets aside no finding; remove it")
    ]


def test_rules_that_did_not_run_are_not_judged(tmp_path: Path) -> None:
    path = essex_with(tmp_path, header="# icscheck: ignore[ICB001] chair appointed in December\n")
    assert notes(path, "--select", "ICP") == []
    assert notes(path, "--ignore", "board-chair") == []


def test_an_unclosed_bracket_is_reported_not_ignored(tmp_path: Path) -> None:
    path = essex_with(tmp_path, board_comment="  # icscheck: ignore[ICB012 board paper")
    ((line, column, severity, message),) = notes(path)
    assert (line, column, severity) == (BOARD_LINE, COMMENT_COLUMN, "error")
    assert "no closing ']'" in message
    assert "ICB012" in {f["rule"] for f in found(path)}


def test_suppressions_are_indexed_by_rule_and_line() -> None:
    text = "# icscheck: ignore[ICP] interim\nversion: 1\nics: {}  # icscheck: ignore[ICB0] why\n"
    read = read_suppressions(text)
    assert read.covering("ICP002", 99) is not None
    assert read.covering("ICB012", 3) is not None
    assert read.covering("ICB012", 4) is None
    assert read.covering("ICB013", 3) is not None
    assert {key for key in read.by_line if key[1] == 3} == {
        (rule, 3) for rule in read.given[1].rules
    }
    assert read.given[1].position == Position(3, 10)


HOSTILE_LINES = {
    "unclosed brackets, 1 MB": "# icscheck: ignore[" * 55_000,
    "hashes and spaces": "#" + "# " * 50_000 + " " * 100_000,
    "one unclosed bracket and 1 MB": "# icscheck: ignore[ICB012" + " x" * 500_000,
    "markers and spaces": "# icscheck:" + "    # icscheck:   " * 50_000,
    "a long rule name": "# icscheck: ignore[" + "A" * 1_000_000 + "] why",
    "many bad names": "# icscheck: ignore[" + ",".join(f"X{n}" for n in range(150_000)) + "] why",
}


@pytest.mark.parametrize("line", HOSTILE_LINES.values(), ids=HOSTILE_LINES.keys())
def test_hostile_comment_lines_are_read_in_linear_time(tmp_path: Path, line: str) -> None:
    path = essex_with(tmp_path, header=line + "\n")
    result = subprocess.run(
        [sys.executable, "-m", "icscheck", "check", str(path), "--as-of", AS_OF, "-f", "json"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 1, result.stderr
    (found_note,) = [
        f for f in json.loads(result.stdout)["files"][0]["findings"] if f["rule"] == "SUPPRESSION"
    ] or [None]
    if found_note is not None:
        assert len(found_note["message"]) < 300
