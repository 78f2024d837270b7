"""Suppression comments: reasoned, by rule ID, on a finding's line or for the whole file."""

from __future__ import annotations

import json
from pathlib import Path

from icscheck.loader import Position
from icscheck.suppressions import read_suppressions
from tests.helpers import AS_OF, SAMPLES, invoke

ESSEX = SAMPLES / "essex.ics.yaml"


def findings(path: Path) -> list[dict[str, object]]:
    result = invoke("check", path, "--as-of", AS_OF, "--format", "json")
    document = json.loads(result.stdout)
    return list(document["files"][0]["findings"])


def essex_with(tmp_path: Path, edit: tuple[str, str] | None = None, header: str = "") -> Path:
    text = ESSEX.read_text("utf-8")
    if edit is not None:
        assert edit[0] in text
        text = text.replace(edit[0], edit[1], 1)
    path = tmp_path / "essex.ics.yaml"
    path.write_text(header + text, encoding="utf-8")
    return path


def line_of(path: Path, rule: str) -> int:
    return next(int(str(f["line"])) for f in findings(path) if f["rule"] == rule)


def test_a_reasoned_comment_on_the_line_suppresses_that_rule_there(tmp_path: Path) -> None:
    original = essex_with(tmp_path)
    line = line_of(original, "ICB012")
    lines = original.read_text("utf-8").splitlines()
    lines[line - 1] += "  # icscheck: ignore[ICB012] two NEDs start in January, board paper 2026-09"
    original.write_text("\n".join(lines) + "\n", encoding="utf-8")
    rules = [f["rule"] for f in findings(original)]
    assert "ICB012" not in rules
    assert "ICB011" in rules  # on the same line, but not named
    result = invoke("check", original, "--as-of", AS_OF, "--format", "json")
    assert json.loads(result.stdout)["files"][0]["suppressed"] == 1


def test_a_comment_in_the_header_covers_the_whole_file(tmp_path: Path) -> None:
    path = essex_with(tmp_path, header="# icscheck: ignore[ICP002, ICB012] interim arrangements\n")
    rules = {f["rule"] for f in findings(path)}
    assert not rules & {"ICP002", "ICB012"}
    assert "ICP004" in rules


def test_a_comment_below_the_header_covers_only_its_own_line(tmp_path: Path) -> None:
    path = essex_with(
        tmp_path,
        edit=("version: 1", "version: 1\n# icscheck: ignore[ICP002] not the right line"),
    )
    assert "ICP002" in {f["rule"] for f in findings(path)}


def test_a_suppression_without_a_reason_suppresses_nothing_and_is_reported(
    tmp_path: Path,
) -> None:
    path = essex_with(tmp_path, header="# icscheck: ignore[ICP002]\n")
    found = findings(path)
    assert "ICP002" in {f["rule"] for f in found}
    problem = next(f for f in found if f["rule"] == "SUPPRESSION")
    assert (problem["line"], problem["severity"]) == (1, "error")
    assert "no reason" in str(problem["message"])


def test_unknown_rule_ids_in_a_suppression_are_reported(tmp_path: Path) -> None:
    path = essex_with(tmp_path, header="# icscheck: ignore[ICB999] a typo\n")
    problem = next(f for f in findings(path) if f["rule"] == "SUPPRESSION")
    assert "ICB999" in str(problem["message"])


def test_suppressions_cannot_hide_schema_errors(tmp_path: Path) -> None:
    path = essex_with(
        tmp_path,
        edit=("version: 1", "version: 1\nunknown_key: 1  # icscheck: ignore[SCHEMA] please"),
    )
    assert "SCHEMA" in {f["rule"] for f in findings(path)}


def test_reader_locates_comments_and_tells_header_from_body() -> None:
    text = "# icscheck: ignore[icb013] lower case IDs are fine\nversion: 1\n" + (
        "ics: {name: X}  # icscheck: ignore[ICB012] reason\n"
    )
    read = read_suppressions(text)
    assert [(s.rules, s.position, s.file_wide) for s in read.given] == [
        (frozenset({"ICB013"}), Position(1, 1), True),
        (frozenset({"ICB012"}), Position(3, 17), False),
    ]
    assert read.covering("ICB013", 40)
    assert read.covering("ICB012", 3)
    assert not read.covering("ICB012", 4)
    assert read.problems == ()
