"""Reporters: pure functions from a run's results to text, one module per format.

A format's module is imported only when chosen, so the machine formats never load Rich.
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Protocol

from icscheck.wording import plural

if TYPE_CHECKING:
    from icscheck.results import RunReport


class Format(StrEnum):
    """The output formats `--format` accepts."""

    RICH = "rich"
    TEXT = "text"
    JSON = "json"
    SARIF = "sarif"
    JUNIT = "junit"
    GITHUB = "github"
    GITLAB = "gitlab"
    MARKDOWN = "markdown"
    HTML = "html"

    @property
    def shows_members(self) -> bool:
        """Whether the report lists each system's members, so the run must keep its model."""
        return self in (Format.RICH, Format.HTML)

    @property
    def shows_seats(self) -> bool:
        """Whether the report shows which seats are filled, so the run must work them out."""
        return self in (Format.RICH, Format.MARKDOWN, Format.HTML)


class DiffFormat(StrEnum):
    """The formats `diff --format` accepts (`diff_format` writes them)."""

    RICH = "rich"
    TEXT = "text"
    JSON = "json"
    MARKDOWN = "markdown"


class ForecastFormat(StrEnum):
    """The formats `forecast --format` accepts (`forecast_format` writes them)."""

    RICH = "rich"
    TEXT = "text"
    JSON = "json"
    MARKDOWN = "markdown"
    HTML = "html"


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


def tally(counts: dict[str, int], *, skip_zero: bool = False) -> str:
    """``3 errors, 1 warning, 0 info``: the counts by severity, as both summaries give them."""
    return ", ".join(plural(n, severity) for severity, n in counts.items() if n or not skip_zero)


UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff]")
"""Characters a terminal acts on or reorders, rather than shows: C0 and C1 controls (ESC among
them), DEL, line and paragraph separators, bidirectional marks and overrides, and the lone
surrogates that stand for undecodable bytes in a file's name."""


def printable(text: str) -> str:
    """`text` with each unsafe character shown as an escape, as Python writes it: ``\\x1b``,
    ``\\u202e``. An undecodable byte of a file name shows as itself, ``caf\\xe9.ics.yaml``.

    Names, messages and file names come from files a stranger may have written; shown raw,
    an escape sequence could recolour, retitle or rewrite the user's terminal, and a bidi
    override could make a member's name read as another's.
    """
    return UNSAFE.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    code = ord(match[0])
    if 0xDC80 <= code <= 0xDCFF:
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def markdown_text(text: str) -> str:
    """Text safe in a Markdown table cell or list item: pipes, backticks and markup escaped."""
    escaped = printable(text).replace("\\", "\\\\")
    for mark in "|`*_[]<>#":
        escaped = escaped.replace(mark, f"\\{mark}")
    return escaped
