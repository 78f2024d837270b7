"""The rich report of a huge board counts the members past the first 100 instead of listing
them: thousands of rows scroll past unread, and take seconds to lay out."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from icscheck.reporters.rich_format import MOST_MEMBERS
from tests.helpers import AS_OF, REPO, SAMPLES, invoke


def test_a_huge_board_is_shown_in_part(tmp_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            str(REPO / "benchmarks" / "generate.py"),
            str(tmp_path),
            "--count",
            "1",
            "--huge-members",
            "300",
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    huge = next(tmp_path.glob("huge-*.ics.yaml"))
    shown = invoke("check", huge, "--format", "rich", "--as-of", AS_OF).stdout
    assert "… and " in shown and " more" in shown
    assert MOST_MEMBERS == 100
    every = invoke("check", huge, "--format", "json", "--as-of", AS_OF).stdout
    assert every.count('"rule"') >= 1


def test_a_folder_of_more_files_than_that_lists_every_verdict(tmp_path: Path) -> None:
    """The cap is the members tables': the table of files lists every file's verdict."""
    sample = (SAMPLES / "essex.ics.yaml").read_bytes()
    for number in range(MOST_MEMBERS + 1):
        (tmp_path / f"essex-{number:03}.ics.yaml").write_bytes(sample)
    shown = invoke("check", tmp_path, "--format", "rich", "--as-of", AS_OF).stdout
    last = f"essex-{MOST_MEMBERS:03}.ics.yaml"
    assert shown.count(last) == 2  # its report's title, and its row in the table of files
    assert "… and " not in shown
