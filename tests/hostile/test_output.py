"""Hostile file names reach the terminal escaped, and JSON stays valid UTF-8 whatever the name.

File names go through a real process: argv and folder listings reach Python as bytes, and a
name that is not UTF-8 arrives with lone surrogates (`surrogateescape`).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import AS_OF, SAMPLES

ESSEX = SAMPLES / "essex.ics.yaml"
EVIL = b"evil\x1b[31m\x1b]0;title\x07\xe2\x80\xae.ics.yaml"
"""A colour change, a window-title change and a bidi override, in a file's name."""
NOT_UTF8 = b"caf\xe9.ics.yaml"
"""Latin-1 'café': no UTF-8 decoder takes it."""


def icscheck(cwd: Path, *args: str | bytes) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "icscheck", "check", *args, "--as-of", AS_OF],
        cwd=cwd,
        capture_output=True,
        timeout=120,
        check=False,
        env={**os.environ, "LC_ALL": "C.UTF-8", "COLUMNS": "100"},
    )


@pytest.fixture
def named(tmp_path: Path) -> Path:
    """A folder holding Essex under each hostile name."""
    for name in (EVIL, NOT_UTF8):
        (Path(os.fsdecode(bytes(tmp_path))) / os.fsdecode(name)).write_bytes(ESSEX.read_bytes())
    return tmp_path


@pytest.mark.parametrize("output_format", ["text", "rich"])
@pytest.mark.parametrize("target", [b".", EVIL, NOT_UTF8], ids=["folder", "evil", "not-utf8"])
def test_file_names_reach_the_terminal_escaped(
    named: Path, output_format: str, target: bytes
) -> None:
    result = icscheck(named, target, "--format", output_format)
    assert result.returncode == 1, result.stderr
    shown = result.stdout.decode("utf-8")  # strict: no raw byte of a name gets through
    assert not {"\x1b", "\x07", "\u202e"} & set(shown + result.stderr.decode("utf-8"))
    if target != NOT_UTF8:
        assert "evil\\x1b[31m\\x1b]0;title\\x07\\u202e.ics.yaml" in shown
    if target != EVIL:
        assert "caf\\xe9.ics.yaml" in shown


@pytest.mark.parametrize("target", [b".", NOT_UTF8], ids=["folder", "named"])
def test_json_for_a_name_that_is_not_utf8_encodes_and_parses(named: Path, target: bytes) -> None:
    result = icscheck(named, target, "--format", "json")
    assert result.returncode == 1, result.stderr
    shown = result.stdout.decode("utf-8")
    assert not {"\x1b", "\x07", "\u202e"} & set(shown)
    paths = {report["path"] for report in json.loads(shown)["files"]}
    assert "caf\\xe9.ics.yaml" in {Path(path).name for path in paths}


def test_a_json_report_file_for_such_names_is_written(named: Path) -> None:
    result = icscheck(named, ".", "--format", "json", "--output", "report.json")
    assert result.returncode == 1, result.stderr
    files = json.loads((named / "report.json").read_text("utf-8"))["files"]
    assert {Path(report["path"]).name for report in files} == {
        "caf\\xe9.ics.yaml",
        "evil\x1b[31m\x1b]0;title\x07\u202e.ics.yaml",
    }


def on_a_terminal(cwd: Path, columns: int, *args: str | bytes) -> str:
    """What `icscheck check ARGS` shows on a real (pseudo) terminal `columns` wide."""
    import pty

    controller, terminal = pty.openpty()
    with subprocess.Popen(
        [sys.executable, "-m", "icscheck", "check", *args, "--as-of", AS_OF, "--no-color"],
        cwd=cwd,
        stdout=terminal,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "LC_ALL": "C.UTF-8", "COLUMNS": str(columns)},
    ) as process:
        os.close(terminal)
        chunks = []
        while True:
            try:
                chunk = os.read(controller, 65536)
            except OSError:  # the terminal closed when the process ended
                break
            if not chunk:
                break
            chunks.append(chunk)
        assert process.wait(timeout=120) == 1
    os.close(controller)
    return b"".join(chunks).decode("utf-8")


@pytest.mark.parametrize("columns", [40, 60, 80, 120])
def test_a_real_terminal_of_any_width_sees_whole_escaped_findings(
    named: Path, columns: int
) -> None:
    shown = on_a_terminal(named, columns, ".")
    assert "…" not in shown
    assert not {"\x1b", "\x07", "\u202e"} & set(shown)
    assert "evil\\x1b[31m" in shown
    flat = " ".join(shown.split())
    if columns < 100:
        assert "error ICP002 icb-appointee 82:7 'Paul Kirkland' is a second ICB appointee" in flat
