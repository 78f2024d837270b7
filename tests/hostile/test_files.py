"""Issue 6, hostile files and faults, through a real `python -m icscheck` process.

FIFOs, devices, unreadable and very deep folders, closed or full standard streams, an ASCII-only
terminal, a deleted current folder and Ctrl-C: each ends in one line and a proper exit code,
never a hang or a traceback. Every run has a generous timeout so that a hang fails the test.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from icscheck import INTERRUPTED
from tests.helpers import AS_OF, COMPLIANT_SAMPLE, SAMPLES

ESSEX = SAMPLES / "essex.ics.yaml"
TIMEOUT = 60
NOBODY = 65534


def icscheck(*args: str | Path, **options: Any) -> subprocess.CompletedProcess[str]:
    """`python -m icscheck ARGS` in a subprocess, text out, with a timeout against hangs."""
    if "stdout" not in options and "stderr" not in options:
        options["capture_output"] = True
    return subprocess.run(
        [sys.executable, "-m", "icscheck", *map(str, args)],
        text=True,
        timeout=TIMEOUT,
        **options,
    )


def assert_one_error_line(stderr: str, *words: str) -> None:
    assert stderr.startswith("icscheck: error: "), stderr
    assert stderr.count("\n") == 1, stderr
    assert "Traceback" not in stderr
    for word in words:
        assert word in stderr, stderr


# Devices and FIFOs named as paths: refused at once, the other files still checked


def test_a_fifo_and_devices_named_as_paths_are_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.ics.yaml"
    os.mkfifo(fifo)
    run = icscheck("check", fifo, "/dev/zero", "/dev/null", ESSEX, "--as-of", AS_OF)
    assert run.returncode == 2
    assert str(ESSEX) in run.stdout
    errors = [line for line in run.stderr.splitlines() if line.startswith("icscheck: error:")]
    assert errors == [
        f"icscheck: error: cannot read {fifo}: it is a FIFO (named pipe), not a regular file; "
        "to pipe a file in, give - for stdin",
        "icscheck: error: cannot read /dev/zero: it is a character device, not a regular file; "
        "to pipe a file in, give - for stdin",
        "icscheck: error: cannot read /dev/null: it is a character device, not a regular file; "
        "to pipe a file in, give - for stdin",
    ]


def test_a_fifo_in_a_scanned_folder_is_named_not_waited_on(tmp_path: Path) -> None:
    shutil.copy(ESSEX, tmp_path / "essex.ics.yaml")
    os.mkfifo(tmp_path / "stuck.ics.yaml")
    run = icscheck("check", tmp_path, "--as-of", AS_OF)
    assert run.returncode == 2
    assert "essex.ics.yaml" in run.stdout
    assert "stuck.ics.yaml: it is a FIFO" in run.stderr


def test_dev_zero_as_a_rule_pack_or_settings_is_refused(tmp_path: Path) -> None:
    run = icscheck("check", ESSEX, "--as-of", AS_OF, "--rules", "/dev/zero")
    assert run.returncode == 2
    assert_one_error_line(run.stderr, "/dev/zero", "character device")
    (tmp_path / ".icscheck.yaml").symlink_to("/dev/zero")
    run = icscheck("check", ESSEX, "--as-of", AS_OF, cwd=tmp_path)
    assert run.returncode == 2
    assert_one_error_line(run.stderr, ".icscheck.yaml", "character device")


def test_standard_input_is_the_way_to_pipe_a_file_in() -> None:
    with COMPLIANT_SAMPLE.open("rb") as file:
        run = icscheck("check", "-", "--as-of", AS_OF, stdin=file)
    assert run.returncode == 0
    assert "1 compliant" in run.stderr


# Deep, looping and unreadable folders


def test_a_1500_deep_folder_tree_is_walked(tmp_path: Path) -> None:
    levels = [tmp_path]
    for _ in range(1500):  # Path.mkdir(parents=True) and rmtree would recurse too deep
        levels.append(levels[-1] / "d")
        levels[-1].mkdir()
    shutil.copy(ESSEX, levels[-1] / "deep.ics.yaml")
    try:
        run = icscheck("check", "d", "--as-of", AS_OF, "--format", "json", cwd=tmp_path)
    finally:
        (levels[-1] / "deep.ics.yaml").unlink()
        for level in reversed(levels[1:]):
            level.rmdir()
    assert run.returncode == 1, run.stderr[-500:]
    assert json.loads(run.stdout)["files"][0]["path"] == "d/" * 1500 + "deep.ics.yaml"


def test_a_symlink_loop_in_a_folder_is_not_followed(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    shutil.copy(ESSEX, tmp_path / "sub" / "essex.ics.yaml")
    (tmp_path / "sub" / "loop").symlink_to(tmp_path)
    run = icscheck("check", ".", "--as-of", AS_OF, "--format", "json", cwd=tmp_path)
    assert run.returncode == 1
    assert [f["path"] for f in json.loads(run.stdout)["files"]] == ["sub/essex.ics.yaml"]


NOBODY_PROBE = """
import json, os, sys
import icscheck.reporters.json_format
from typer.testing import CliRunner
from icscheck.cli import app, main
# Load every module while still root (the interpreter lives where nobody may not read).
CliRunner().invoke(app, ["check", sys.argv[1], "--as-of", "2026-11-23"])
os.setgroups([])
os.setgid(65534)
os.setuid(65534)
sys.argv = ["icscheck", *sys.argv[2:]]
main()
"""


@pytest.fixture
def nobody_folder() -> Iterator[Path]:
    """A folder uid 65534 may enter, outside root's private /tmp/pytest-of-root."""
    if os.geteuid() != 0:
        pytest.skip("dropping privileges needs root; as another user chmod 000 is enough")
    folder = Path(tempfile.mkdtemp())
    folder.chmod(0o755)
    yield folder
    shutil.rmtree(folder)  # root may remove what nobody could not read


def as_nobody(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", NOBODY_PROBE, str(COMPLIANT_SAMPLE), *args],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        cwd=folder,
    )


def test_unreadable_folder_and_file_are_named_and_the_rest_checked(nobody_folder: Path) -> None:
    for name in ("a", "locked", "b"):
        (nobody_folder / name).mkdir()
        shutil.copy(ESSEX, nobody_folder / name / f"{name}.ics.yaml")
        (nobody_folder / name / f"{name}.ics.yaml").chmod(0o644)
    (nobody_folder / "b" / "b.ics.yaml").chmod(0o000)
    (nobody_folder / "locked").chmod(0o000)
    run = as_nobody(nobody_folder, "check", ".", "--as-of", AS_OF, "--format", "json")
    assert run.returncode == 2, run.stderr
    assert [f["path"] for f in json.loads(run.stdout)["files"]] == ["a/a.ics.yaml"]
    assert run.stderr.splitlines() == [
        "icscheck: error: cannot read locked: Permission denied",
        "icscheck: error: cannot read b/b.ics.yaml: Permission denied",
    ]


def test_an_unreadable_named_file_says_permission_denied(nobody_folder: Path) -> None:
    shutil.copy(ESSEX, nobody_folder / "secret.ics.yaml")
    (nobody_folder / "secret.ics.yaml").chmod(0o000)
    run = as_nobody(nobody_folder, "check", "secret.ics.yaml", "--as-of", AS_OF)
    assert run.returncode == 2
    assert run.stderr == "icscheck: error: cannot read secret.ics.yaml: Permission denied\n"


# Standard streams, encodings, the current folder and Ctrl-C


def test_a_full_disk_on_stdout_is_one_line_and_exit_2() -> None:
    for args in (["check", ESSEX, "--as-of", AS_OF], ["rules"]):
        with open("/dev/full", "w") as full:
            run = icscheck(*args, stdout=full, stderr=subprocess.PIPE)
        assert run.returncode == 2, args
        assert_one_error_line(run.stderr, "No space left on device")


def test_closed_stdout_says_so_or_exits_quietly(tmp_path: Path) -> None:
    run = icscheck(
        "check",
        ESSEX,
        "--as-of",
        AS_OF,
        stdout=None,
        stderr=subprocess.PIPE,
        capture_output=False,
        preexec_fn=lambda: os.close(1),
    )
    assert run.returncode == 2
    assert_one_error_line(run.stderr, "standard output is closed")
    report = tmp_path / "report.txt"
    run = icscheck(
        "check",
        ESSEX,
        "--as-of",
        AS_OF,
        "-o",
        report,
        stdout=None,
        stderr=subprocess.PIPE,
        capture_output=False,
        preexec_fn=lambda: os.close(1),
    )
    assert run.returncode == 1, run.stderr
    assert "ICB" in report.read_text(encoding="utf-8")
    for listing in (("rules",), ("editions",), ("icbs", "--as-of", AS_OF), ("--version",)):
        run = icscheck(
            *listing,
            stdout=None,
            stderr=subprocess.PIPE,
            capture_output=False,
            preexec_fn=lambda: os.close(1),
        )
        assert run.returncode == 2, listing
        assert_one_error_line(run.stderr, "standard output is closed")


@pytest.mark.parametrize(
    "command",
    [("check", str(SAMPLES), "--as-of", AS_OF, "-f", "json"), ("rules",), ("explain", "ICB001")],
)
def test_a_broken_pipe_exits_2_quietly(command: tuple[str, ...]) -> None:
    # Click alone exits 1 on a broken pipe, which icscheck's exit codes keep for findings.
    process = subprocess.Popen(
        [sys.executable, "-m", "icscheck", *command],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    process.stdout.close()
    _, stderr = process.communicate(timeout=TIMEOUT)
    assert process.returncode == 2
    assert stderr == ""


def test_closed_stdin_is_one_line() -> None:
    run = icscheck("check", "-", "--as-of", AS_OF, preexec_fn=lambda: os.close(0))
    assert run.returncode == 2
    assert_one_error_line(run.stderr, "cannot read <stdin>: standard input is closed")
    empty = icscheck("check", "-", "--as-of", AS_OF, stdin=subprocess.DEVNULL)
    assert empty.returncode in (1, 2)
    assert "Traceback" not in empty.stderr and "internal error" not in empty.stderr


@pytest.mark.parametrize("output_format", ["text", "json", "rich"])
def test_an_ascii_only_stdout_escapes_what_it_cannot_show(
    tmp_path: Path, output_format: str
) -> None:
    text = ESSEX.read_text(encoding="utf-8").replace("Essex", "Éssex ☃", 1)
    (tmp_path / "café ☃.ics.yaml").write_text(text, encoding="utf-8")
    run = icscheck(
        "check",
        ".",
        "--as-of",
        AS_OF,
        "-f",
        output_format,
        cwd=tmp_path,
        env={**os.environ, "PYTHONIOENCODING": "ascii"},
    )
    assert run.returncode == 1, run.stderr
    assert "Traceback" not in run.stderr and "internal error" not in run.stderr
    assert "caf\\u00e9 \\u2603" in run.stdout
    if output_format == "json":
        assert json.loads(run.stdout)["files"][0]["path"] == "café ☃.ics.yaml"


def test_a_deleted_current_folder_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "gone").mkdir()
    command = f"cd gone && rmdir ../gone && exec {sys.executable} -m icscheck check --as-of {AS_OF}"
    run = subprocess.run(
        ["sh", "-c", command], cwd=tmp_path, capture_output=True, text=True, timeout=TIMEOUT
    )
    assert run.returncode == 2
    assert_one_error_line(run.stderr, "current folder no longer exists")


def test_ctrl_c_while_reading_stdin_exits_130_with_one_line() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "icscheck", "check", "-", "--as-of", AS_OF],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdin is not None
    process.stdin.write("version: 1\n")  # a slow writer: a line, then nothing
    process.stdin.flush()
    _wait_until_reading(process)
    process.send_signal(signal.SIGINT)
    stdout, stderr = process.communicate(timeout=TIMEOUT)
    assert process.returncode == 130
    assert stderr == "icscheck: interrupted\n"
    assert stdout == ""


def _wait_until_reading(process: subprocess.Popen[str]) -> None:
    """Poll /proc until the process blocks on a read of its stdin (not a timing assertion)."""
    wchan = Path(f"/proc/{process.pid}/wchan")
    syscall = Path(f"/proc/{process.pid}/syscall")
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        try:
            if syscall.read_text().split()[0:2] == ["0", "0x0"]:  # read(0, ...)
                return
        except (OSError, IndexError):
            if not wchan.exists():
                break
        time.sleep(0.05)
    pytest.fail("icscheck never started reading standard input")


LOADING = """
import os, signal, sys
class CtrlCWhileLoading:
    def find_spec(self, name, path=None, target=None):
        if name == "typer":
            os.kill(os.getpid(), signal.SIGINT)
        return None
sys.meta_path.insert(0, CtrlCWhileLoading())
sys.argv = ["icscheck", "editions"]
from icscheck.__main__ import main
main()
"""
"""The console script's entry point, with Ctrl-C arriving just as Typer starts to load."""


def test_ctrl_c_while_loading_is_one_line_and_130() -> None:
    run = subprocess.run(
        [sys.executable, "-c", LOADING], capture_output=True, text=True, timeout=TIMEOUT
    )
    assert run.returncode == INTERRUPTED
    assert run.stderr == "icscheck: interrupted\n"
    assert run.stdout == ""
