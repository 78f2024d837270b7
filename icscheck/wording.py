"""Small pieces of wording every part of icscheck shares, so each reads the same everywhere.

Imports only the standard library: anything, reporters included, may use it.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterable, Sequence

_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


CLIP = 80
"""The most characters of any value a message quotes."""


def clip(text: str) -> str:
    """At most the first 80 characters of a value for a message, an ellipsis marking the cut."""
    return text if len(text) <= CLIP else text[: CLIP - 1] + "…"


def closest(word: str, choices: Iterable[str], *, most: int = 1, cutoff: float = 0.6) -> list[str]:
    """The choices `word` most likely misspells, best first: the one did-you-mean of icscheck."""
    return difflib.get_close_matches(word, list(choices), n=most, cutoff=cutoff)


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """``did you mean 'hca-2022'?`` for the closest choice, or '' when nothing is close."""
    close = closest(word, choices)
    return f"did you mean '{close[0]}'?" if close else ""


def plural(count: int, noun: str) -> str:
    """``1 error``, ``2 errors``; ``info`` is a mass noun."""
    return f"{count} {noun}" if count == 1 or noun == "info" else f"{count} {noun}s"


def long_date(on: dt.date) -> str:
    """A date as British prose writes it, whatever the locale: ``1 April 2026``."""
    return f"{on.day} {_MONTHS[on.month - 1]} {on.year}"


def joined(words: Sequence[str], most: int | None = None) -> str:
    """'a', 'a and b', 'a, b and c'; past `most`, 'a, b, c, d and 96 more'."""
    if most is not None and len(words) > most:
        return f"{', '.join(words[: most - 1])} and {len(words) - most + 1} more"
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


def location(path: str, line: int, column: int) -> str:
    """``board.ics.yaml:12:5``: where a finding or a refusal is, as editors and CI jump to it."""
    return f"{path}:{line}:{column}"


def in_force(start: dt.date | None, end: dt.date | None, on: dt.date) -> bool:
    """Whether an interval whose ends are both inclusive (an open end has no limit) covers `on`:
    an ICB's existence, an appointment's term."""
    return (start is None or start <= on) and (end is None or on <= end)
