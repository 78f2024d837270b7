"""What a run found: the types every stage produces and every reporter reads.

Reporters import this module and the model, nothing of the checking side: a report names the
edition it was checked under by an `EditionRef`, not the `Edition` with its rules."""

from __future__ import annotations

import datetime as dt
import sys
from collections import Counter
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Iterable

    from icscheck.model import IntegratedCareSystem


STDIN_PATH = "<stdin>"
"""The path a report gives the file read from standard input."""


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

    def __post_init__(self) -> None:
        """Share each text with every equal text before it. A run keeps every finding until its
        report is written, and the same rule, file, pointer, citation and often message recur
        from finding to finding: interned, a run over 2,000 generated files with two workers
        keeps 3.0 KiB a file rather than 4.1. (`str` first: a `StrEnum` member cannot be
        interned, and is its value's text.)"""
        for name in _TEXTS:
            object.__setattr__(self, name, sys.intern(str(getattr(self, name))))

    def __reduce__(self) -> tuple[type[Finding], tuple[Any, ...]]:
        """Pickled as its fields, so that a finding back from a worker process is built, and its
        texts shared, as one made here."""
        return (Finding, tuple(getattr(self, name) for name in self.__slots__))


_TEXTS = ("rule", "name", "message", "path", "pointer", "source")
"""The fields of a `Finding` that hold text."""


def exit_code(findings: Iterable[Finding], fail_on: Severity) -> int:
    """1 when a finding is at or above `fail_on`, else 0: what `check`, `diff` and `forecast`
    exit with, each over the findings that count for it."""
    return int(any(f.severity.rank >= fail_on.rank for f in findings))


@dataclass(frozen=True, slots=True)
class EditionFinding:
    """A finding and the edition it was found under, as `diff` and `forecast` report it."""

    edition: EditionRef
    finding: Finding


def count_by_severity(findings: list[Finding]) -> dict[str, int]:
    """Counts keyed by every severity, zeros included, so output shapes never vary."""
    counts = Counter(f.severity for f in findings)
    return {severity.value: counts.get(severity, 0) for severity in Severity}


@dataclass(frozen=True, slots=True)
class Suppressed:
    """A finding a reasoned `# icscheck: ignore[...]` comment set aside, and the reason given."""

    finding: Finding
    reason: str


@dataclass(frozen=True, slots=True)
class RuleInfo:
    """A check that ran, as an edition puts it in force: what CI formats describe each rule by
    (SARIF's `tool.driver.rules`, JUnit's test cases), so reporters never import the rules."""

    id: str
    name: str
    summary: str
    docs: str
    citation: str
    """The citation as findings give it, e.g. ``NHS Act 2006 Sch. 1B, para 3(1)(a)``."""
    severity: Severity
    url: str | None = None
    """A stable address of the source cited, when it has one."""


@dataclass(frozen=True, slots=True)
class EditionRef:
    """The edition a report was checked under, as reporters name it."""

    id: str
    title: str
    date: str | None
    """When the edition was published or came into force (ISO), if it has a date."""


@dataclass(frozen=True, slots=True)
class SeatStatus:
    """One seat (or group of like seats) a rule of the edition asks for, and who fills it."""

    body: str
    """``board`` or ``partnership``."""
    rule: str
    """The ID of the rule that asks for the seat."""
    seat: str
    """The seat as a reader names it: the rule's name, and what it is for (a portfolio, a
    council), e.g. ``executive-portfolios: finance``."""
    needed: int
    holders: tuple[str, ...]
    """Members who fill it on the as-of date."""
    out_of_term: tuple[str, ...] = ()
    """Members listed for it whose term does not cover the as-of date."""

    @property
    def state(self) -> str:
        """``filled``, ``out of term`` (listed, but not serving on the date) or ``missing``."""
        if len(self.holders) >= self.needed:
            return "filled"
        return "out of term" if self.out_of_term else "missing"


@dataclass(frozen=True, slots=True)
class FileReport:
    """What checking one file under one edition found."""

    path: str
    edition: EditionRef
    findings: tuple[Finding, ...]
    system: IntegratedCareSystem | None
    """The model, when the file was valid enough to build one."""
    set_aside: tuple[Suppressed, ...] = ()
    """Findings a reasoned `# icscheck: ignore[...]` comment set aside, with its reason."""
    ics: str | None = None
    """The system's name, when the file was valid enough to read it; kept when the model is
    dropped to save memory."""
    seats: tuple[SeatStatus, ...] = ()
    """The edition's declared seats and who fills them, when the model could be built."""

    @property
    def compliant(self) -> bool:
        """No error-level finding: the file meets every requirement the edition makes law."""
        return not any(f.severity is Severity.ERROR for f in self.findings)

    @property
    def counts(self) -> dict[str, int]:
        return count_by_severity(list(self.findings))

    @property
    def suppressed(self) -> int:
        """How many findings suppression comments set aside."""
        return len(self.set_aside)

    @property
    def seats_filled(self) -> int:
        """How many of the edition's declared seats are filled on the as-of date."""
        return sum(seat.state == "filled" for seat in self.seats)

    @property
    def seats_unfilled(self) -> int:
        """How many declared seats are missing or held only by members out of term."""
        return len(self.seats) - self.seats_filled


@dataclass(frozen=True, slots=True)
class RunReport:
    """Every file checked in one run, under one or more editions, on one date."""

    editions: tuple[EditionRef, ...]
    as_of: dt.date
    files: tuple[FileReport, ...]
    """One report a file and edition: each file's editions together, in the editions' order."""
    rules: tuple[tuple[RuleInfo, ...], ...] = ()
    """The checks that ran under each edition, in the editions' order and catalogue order."""

    @property
    def findings(self) -> list[Finding]:
        return [finding for report in self.files for finding in report.findings]

    @property
    def counts(self) -> dict[str, int]:
        return count_by_severity(self.findings)

    @property
    def compliant(self) -> int:
        """How many verdicts (one a file and edition) found no error."""
        return sum(report.compliant for report in self.files)

    def rules_of(self, edition: EditionRef) -> tuple[RuleInfo, ...]:
        """The checks that ran under `edition` (none when the run did not record them)."""
        return dict(zip(self.editions, self.rules, strict=False)).get(edition, ())

    def by_file(self) -> list[list[FileReport]]:
        """Each file's reports together, one an edition, in the order the files were checked."""
        grouped: dict[str, list[FileReport]] = {}
        for report in self.files:
            grouped.setdefault(report.path, []).append(report)
        return list(grouped.values())
