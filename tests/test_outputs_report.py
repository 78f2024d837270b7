"""Report formats for people: Markdown, the HTML seat map, and the Rich seat summary."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import AS_OF, COMPLIANT_SAMPLE, SAMPLES, invoke

FAILING_SAMPLE = SAMPLES / "essex.ics.yaml"


def _check(*args: str | Path) -> str:
    result = invoke("check", *args, "--as-of", AS_OF)
    assert result.exit_code in (0, 1), result.output
    return result.stdout


def test_markdown_failing_sample_has_verdict_seats_and_sourced_findings() -> None:
    text = _check(FAILING_SAMPLE, "--format", "markdown")
    assert "## Essex" in text
    assert "**not compliant**" in text
    assert "| Body | Seat | Rule | State | Filled by |" in text
    assert "| board | board-chair | ICB001 | filled | Harriet Wedderburn |" in text
    assert "| board | trust-partner-member | ICB004 | missing |  |" in text
    assert "| Line | Rule | Severity | Finding | Source |" in text
    assert "NHS Act 2006 Sch. 1B, para 8(2)(a) |" in text
    assert "## Summary" not in text


def test_markdown_compliant_sample_fills_every_statutory_seat() -> None:
    text = _check(COMPLIANT_SAMPLE, "--format", "markdown")
    assert "**compliant**" in text
    assert "| board | mental-health-expertise | ICB007 | filled |" in text
    assert "| missing |" not in text


def test_markdown_folder_starts_with_a_summary_row_per_file() -> None:
    text = _check(SAMPLES, "--format", "markdown")
    summary = text.split("## Summary", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in summary.splitlines() if line.startswith("| ") and "---" not in line]
    files = sorted(SAMPLES.glob("*.ics.yaml"))
    assert len(rows) == 1 + len(files)
    assert text.index("## Summary") < text.index("## Essex")


def test_markdown_escapes_pipes_and_newlines_in_cells(tmp_path: Path) -> None:
    hostile = _hostile(tmp_path)
    text = _check(hostile, "--format", "markdown")
    assert "Pipe \\| Person" in text
    seat_rows = [line for line in text.splitlines() if "board-chair" in line]
    assert seat_rows and all(line.count(" | ") == 4 for line in seat_rows)


def _hostile(tmp_path: Path) -> Path:
    """The compliant sample with its chair renamed to something hostile."""
    text = COMPLIANT_SAMPLE.read_text(encoding="utf-8")
    hostile = text.replace("Eleanor Ashworth", "Pipe | Person <script>alert(1)</script>")
    path = tmp_path / "hostile.ics.yaml"
    path.write_text(hostile, encoding="utf-8")
    return path
