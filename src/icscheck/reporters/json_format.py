"""The documented, stable JSON shape of DESIGN.md, for scripts and dashboards."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from icscheck import __version__
from icscheck.engine import RunReport
from icscheck.reporters import ReportOptions


def render(run: RunReport, options: ReportOptions) -> str:
    document: dict[str, Any] = {
        "tool": {"name": "icscheck", "version": __version__},
        "edition": run.edition.id,
        "as_of": run.as_of.isoformat(),
        "files": [
            {
                "path": report.path,
                "ics": report.ics,
                "compliant": report.compliant,
                "counts": report.counts,
                "findings": [asdict(finding) for finding in report.findings],
            }
            for report in run.files
        ],
        "counts": run.counts,
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
