"""The documented, stable JSON shape of DESIGN.md, for scripts and dashboards."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from icscheck import __version__
from icscheck.engine import RunReport
from icscheck.reporters import ReportOptions


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
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
