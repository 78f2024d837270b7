"""The documented, stable JSON shape of DESIGN.md, for scripts and dashboards."""

from __future__ import annotations

import json
import re
from dataclasses import asdict
from typing import Any

from icscheck import __version__
from icscheck.reporters import UNSAFE, ReportOptions, printable
from icscheck.results import RunReport


def render(run: RunReport, options: ReportOptions) -> str:
    """The documented shape; `edition` is a list of IDs when several were checked at once."""
    edition_ids = [edition.id for edition in run.editions]
    document: dict[str, Any] = {
        "tool": {"name": "icscheck", "version": __version__},
        "edition": edition_ids[0] if len(edition_ids) == 1 else edition_ids,
        "as_of": run.as_of.isoformat(),
        "files": [
            {
                "path": report.path,
                "edition": report.edition.id,
                "ics": report.ics,
                "compliant": report.compliant,
                "counts": report.counts,
                "suppressed": report.suppressed,
                "findings": [asdict(finding) for finding in report.findings],
            }
            for report in run.files
        ],
        "counts": run.counts,
    }
    return dumps(document)


def dumps(document: object) -> str:
    """The document as indented JSON, terminal-safe, ending in a newline (the CI formats too)."""
    return _terminal_safe(json.dumps(document, indent=2, ensure_ascii=False)) + "\n"


def _terminal_safe(text: str) -> str:
    """The JSON with what `json.dumps` leaves raw made safe, as valid UTF-8.

    DEL, C1 controls and bidi marks become JSON escapes, so the parsed value is unchanged. A
    lone surrogate (an undecodable byte of a file name) becomes the text `printable` shows,
    ``caf\\xe9.ics.yaml``: no UTF-8 can carry it, and strict parsers refuse it escaped.
    """
    return UNSAFE.sub(_json_escape, text)


def _json_escape(match: re.Match[str]) -> str:
    character = match[0]
    if character < " ":
        return character  # json.dumps escapes these in strings: a raw one is its own newline
    if 0xD800 <= ord(character) <= 0xDFFF:
        return json.dumps(printable(character))[1:-1]
    return f"\\u{ord(character):04x}"
