"""The shared wording: one did-you-mean, plural, long date, list, location and interval."""

from __future__ import annotations

import datetime as dt
import locale
import re
import subprocess
import sys

import pytest

from icscheck.wording import closest, did_you_mean, in_force, joined, location, long_date, plural
from tests.helpers import REPO, SAMPLES


def test_did_you_mean_offers_the_closest_or_nothing() -> None:
    assert did_you_mean("hca-2021", ["hca-2022", "white-paper-2021"]) == "did you mean 'hca-2022'?"
    assert did_you_mean("zzzz", ["hca-2022"]) == ""
    assert closest("QYH", ["QYG", "QYE", "XXX"], most=3) == ["QYG", "QYE"]


def test_plural_and_info_as_a_mass_noun() -> None:
    assert [plural(1, "error"), plural(2, "error"), plural(3, "info")] == [
        "1 error",
        "2 errors",
        "3 info",
    ]


def test_joined_lists_and_cuts() -> None:
    assert joined(["a"]) == "a"
    assert joined(["a", "b", "c"]) == "a, b and c"
    assert joined([str(n) for n in range(100)], most=5) == "0, 1, 2, 3 and 96 more"


def test_location_and_interval() -> None:
    assert location("board.ics.yaml", 12, 5) == "board.ics.yaml:12:5"
    day = dt.date(2026, 3, 31)
    assert in_force(day, day, day)
    assert in_force(None, None, day)
    assert not in_force(dt.date(2026, 4, 1), None, day)
    assert not in_force(None, dt.date(2026, 3, 30), day)


def test_long_dates_are_english_whatever_the_locale() -> None:
    french = next(
        (name for name in ("fr_FR.UTF-8", "fr_FR.utf8", "de_DE.UTF-8") if _has_locale(name)),
        None,
    )
    if french is None:
        assert long_date(dt.date(2026, 4, 1)) == "1 April 2026"
        return
    shown = subprocess.run(
        [
            sys.executable,
            "-c",
            "import locale, datetime as dt; locale.setlocale(locale.LC_TIME, ''); "
            "from icscheck.wording import long_date; print(long_date(dt.date(2026, 4, 1)))",
        ],
        capture_output=True,
        text=True,
        check=True,
        env={"LC_ALL": french, "PATH": ""},
    ).stdout
    assert shown.strip() == "1 April 2026"


def _has_locale(name: str) -> bool:
    saved = locale.setlocale(locale.LC_TIME)
    try:
        locale.setlocale(locale.LC_TIME, name)
    except locale.Error:
        return False
    finally:
        locale.setlocale(locale.LC_TIME, saved)
    return True


@pytest.mark.parametrize("copy", ["difflib.get_close_matches", "%B", "_MONTHS"])
def test_only_wording_holds_the_shared_pieces(copy: str) -> None:
    holders = [
        path.relative_to(REPO).as_posix()
        for path in sorted((REPO / "icscheck").rglob("*.py"))
        if copy in path.read_text("utf-8")
    ]
    assert holders in ([], ["icscheck/wording.py"]), holders


def test_the_rich_summary_date_is_the_long_date() -> None:
    shown = subprocess.run(
        [
            sys.executable,
            "-m",
            "icscheck",
            "check",
            str(SAMPLES / "essex.ics.yaml"),
            "--format",
            "rich",
            "--as-of",
            "2026-11-23",
        ],
        capture_output=True,
        text=True,
        timeout=60,
    ).stdout
    assert re.search(r"23 November 2026", shown)
