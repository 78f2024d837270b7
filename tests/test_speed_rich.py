"""The rich report of a huge board counts the members past the first 100 instead of listing
them: thousands of rows scroll past unread, and take seconds to lay out."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from icscheck.reporters.rich_format import MOST_MEMBERS
from tests.helpers import AS_OF, REPO, invoke


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
