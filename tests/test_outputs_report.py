"""Report formats for people: Markdown, the HTML seat map, and the Rich seat summary."""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest

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


def test_html_escapes_hostile_names(tmp_path: Path) -> None:
    page = _check(_hostile(tmp_path), "--format", "html")
    assert "<script>alert(1)</script>" not in page
    assert "Pipe | Person &lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert page.count("<script>") == 1


def test_html_folder_has_a_sortable_summary_row_per_file() -> None:
    page = _check(SAMPLES, "--format", "html")
    summary = page.split('<table class="sortable">', 1)[1].split("</table>", 1)[0]
    assert summary.count("<tr>") == 1 + len(list(SAMPLES.glob("*.ics.yaml")))
    assert 'class="seat missing"' in page and 'class="seat filled"' in page


def test_html_renders_in_headless_chromium_without_the_network(tmp_path: Path) -> None:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        pytest.skip("Chromium is not installed (apt-get install chromium; .ci/run tries to)")
    page = tmp_path / "report.html"
    result = invoke("check", SAMPLES, "--as-of", AS_OF, "--format", "html", "--output", page)
    assert result.exit_code == 1, result.output
    text = page.read_text(encoding="utf-8")
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:|//)""", text)
    assert "@import" not in text and "url(" not in text
    shot = tmp_path / "shot.png"
    flags = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--no-first-run",
        f"--user-data-dir={tmp_path / 'profile'}",
        "--host-resolver-rules=MAP * ~NOTFOUND",
    ]
    subprocess.run(
        [browser, *flags, f"--screenshot={shot}", "--window-size=1200,900", page.as_uri()],
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert shot.exists(), "Chromium wrote no screenshot"
    assert len(_colours(shot.read_bytes())) > 1, "the screenshot is blank"
    dom = subprocess.run(
        [browser, *flags, "--dump-dom", page.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    ).stdout
    assert "Cheshire and Merseyside" in dom


def _colours(png: bytes) -> set[bytes]:
    """The distinct pixels of an 8-bit RGB or RGBA PNG, decoded with the stdlib alone."""
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    chunks: dict[bytes, bytes] = {}
    at = 8
    data = b""
    while at < len(png):
        length, kind = struct.unpack(">I4s", png[at : at + 8])
        body = png[at + 8 : at + 8 + length]
        if kind == b"IDAT":
            data += body
        else:
            chunks.setdefault(kind, body)
        at += 12 + length
    width, height, depth, colour = struct.unpack(">IIBB", chunks[b"IHDR"][:10])
    assert depth == 8 and colour in (2, 6)
    step = 3 if colour == 2 else 4
    raw, stride = zlib.decompress(data), width * step
    previous, seen = bytearray(stride), set[bytes]()
    for row in range(height):
        start = row * (stride + 1)
        line = _unfilter(raw[start], bytearray(raw[start + 1 : start + 1 + stride]), previous, step)
        seen.update(bytes(line[i : i + step]) for i in range(0, stride, step * 7))
        previous = line
    return seen


def _unfilter(kind: int, line: bytearray, previous: bytearray, step: int) -> bytearray:
    for i in range(len(line)):
        left = line[i - step] if i >= step else 0
        up, corner = previous[i], previous[i - step] if i >= step else 0
        if kind == 1:
            line[i] = (line[i] + left) & 0xFF
        elif kind == 2:
            line[i] = (line[i] + up) & 0xFF
        elif kind == 3:
            line[i] = (line[i] + (left + up) // 2) & 0xFF
        elif kind == 4:
            estimate = left + up - corner
            pa, pb, pc = abs(estimate - left), abs(estimate - up), abs(estimate - corner)
            best = left if pa <= pb and pa <= pc else up if pb <= pc else corner
            line[i] = (line[i] + best) & 0xFF
    return line


def test_rich_opens_each_file_with_its_seat_summary() -> None:
    text = _check(FAILING_SAMPLE, "--format", "rich")
    first_lines = " ".join(text.splitlines()[:4])
    assert "Seats: 12 of 18 filled; missing: trust-partner-member" in first_lines
    assert "Files" not in text.split("Integrated care board", 1)[1]


def test_rich_folder_ends_with_a_row_per_file() -> None:
    text = _check(SAMPLES, "--format", "rich")
    table = text.rsplit("Files", 1)[1]
    for sample in SAMPLES.glob("*.ics.yaml"):
        assert sample.name in table
    assert "Seats unfilled" in table


def test_a_seat_whose_holder_is_out_of_term_says_so(tmp_path: Path) -> None:
    text = COMPLIANT_SAMPLE.read_text(encoding="utf-8")
    lapsed = tmp_path / "lapsed.ics.yaml"
    lapsed.write_text(text.replace("term_ends: 2029-06-30", "term_ends: 2025-06-30", 1), "utf-8")
    markdown = _check(lapsed, "--format", "markdown")
    assert "| board-chair | ICB001 | out of term | Eleanor Ashworth (out of term) |" in markdown
    page = _check(lapsed, "--format", "html")
    assert 'class="seat out-of-term"' in page
    assert "out of term: board-chair" in _check(lapsed, "--format", "rich")
