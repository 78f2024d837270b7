"""The one finding type every stage produces and every reporter reads."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    """How much a finding matters; `--fail-on` compares against this order."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """Higher is more severe, so `finding.severity.rank >= threshold.rank` reads naturally."""
        return {"info": 0, "warning": 1, "error": 2}[self.value]


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing to fix (or to know) in one file, located at a line and column."""

    rule: str
    """Stable rule ID, e.g. ``ICB001``, ``SCHEMA`` or ``YAML-SYNTAX``."""
    name: str
    """The rule's readable name, e.g. ``board-chair``."""
    severity: Severity
    message: str
    """What is wrong and what to do about it, in the statute's own terms."""
    path: str
    """The file as the user named it (``<stdin>`` for standard input)."""
    line: int
    """1-based line of the node the finding is about."""
    column: int
    """1-based column of that node."""
    pointer: str
    """JSON Pointer into the document, e.g. ``/board/members/2/role``."""
    source: str
    """Where the requirement comes from: the citation the edition gives."""

    @property
    def sort_key(self) -> tuple[int, int, str]:
        return (self.line, self.column, self.rule)


def count_by_severity(findings: list[Finding]) -> dict[str, int]:
    """Counts keyed by every severity, zeros included, so output shapes never vary."""
    counts = Counter(f.severity for f in findings)
    return {severity.value: counts.get(severity, 0) for severity in Severity}
