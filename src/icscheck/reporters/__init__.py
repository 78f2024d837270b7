"""Reporters: pure functions from a run's results to text, one module per format.

A format's module is imported only when chosen, so the machine formats never load Rich.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from icscheck.engine import RunReport


class Format(StrEnum):
    """The output formats `--format` accepts."""

    RICH = "rich"
    TEXT = "text"
    JSON = "json"


@dataclass(frozen=True, slots=True)
class ReportOptions:
    """How to render, as the command line decided it."""

    color: bool = False
    """Whether ANSI colour is wanted: on a terminal, or forced by --color always or FORCE_COLOR."""
    quiet: bool = False
    """Findings only: no members tables, no summary."""
    width: int = 100
    """Columns to lay a table out in."""


class Reporter(Protocol):
    def __call__(self, run: RunReport, options: ReportOptions) -> str: ...


def reporter_for(output_format: Format) -> Reporter:
    """The render function of a format's module, imported now and not before."""
    module = importlib.import_module(f"icscheck.reporters.{output_format.value}_format")
    render: Reporter = module.render
    return render


def plural(count: int, noun: str) -> str:
    """``1 error``, ``2 errors``; ``info`` is a mass noun."""
    return f"{count} {noun}" if count == 1 or noun == "info" else f"{count} {noun}s"


def tally(counts: dict[str, int], *, skip_zero: bool = False) -> str:
    """``3 errors, 1 warning, 0 info``: the counts by severity, as both summaries give them."""
    return ", ".join(plural(n, severity) for severity, n in counts.items() if n or not skip_zero)
