"""`icscheck diff`: what a change to an ICS file does to its members and its compliance.

Each side's bytes go through the check pipeline (`checker.check_editions`), so no rule is
implemented twice. Members are matched by name, as DESIGN.md defines a person's identity, and
findings by rule and message, never by line, so moving lines changes nothing.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from icscheck.checker import Selection, check_editions
from icscheck.discovery import SIZE_LIMIT, InputError, is_ics_name, read_limited
from icscheck.editions import Edition
from icscheck.model import BoardMember, IntegratedCareSystem, Person, person_key
from icscheck.results import EditionFinding, EditionRef, FileReport, Finding, Severity, exit_code


class DiffError(Exception):
    """A side cannot be read: a missing file, or git refusing a revision or path (exit 2)."""


@dataclass(frozen=True, slots=True)
class Side:
    """One version of a file: its label (`path` or `REV:PATH`) and bytes, None if absent."""

    label: str
    raw: bytes | None


@dataclass(frozen=True, slots=True)
class Member:
    """A person on the board or the partnership, as a diff names them."""

    body: str
    """``board`` or ``partnership``."""
    name: str
    seat: str
    """What they sit as: the board role and nomination, or who appointed them."""


@dataclass(frozen=True, slots=True)
class MemberChange:
    """One field of one member that differs between the sides."""

    body: str
    name: str
    field: str
    """The YAML key that changed, e.g. ``term_ends``."""
    old: str | None
    new: str | None


@dataclass(frozen=True, slots=True)
class FileDiff:
    """What changed in one file between two versions."""

    old: str | None
    """The old version's label, or None when the file is new."""
    new: str | None
    """The new version's label, or None when the file was deleted."""
    joined: tuple[Member, ...]
    left: tuple[Member, ...]
    changed: tuple[MemberChange, ...]
    introduced: tuple[EditionFinding, ...]
    resolved: tuple[EditionFinding, ...]
    unchanged: tuple[EditionFinding, ...]

    @property
    def empty(self) -> bool:
        """Nothing joined, left, changed, appeared or went: a change of comments or layout."""
        return not (self.joined or self.left or self.changed or self.introduced or self.resolved)


@dataclass(frozen=True, slots=True)
class DiffReport:
    """Every file compared in one run, under one or more editions, on one date."""

    editions: tuple[EditionRef, ...]
    as_of: dt.date
    files: tuple[FileDiff, ...]

    def count(self, kind: str) -> int:
        """How many findings of `kind` (introduced, resolved or unchanged) over every file."""
        return sum(len(getattr(file, kind)) for file in self.files)

    def exit_code(self, fail_on: Severity) -> int:
        """1 when the change introduces a finding at or above `fail_on`; old debt never fails."""
        return exit_code((i.finding for file in self.files for i in file.introduced), fail_on)


def compare(
    old: Side,
    new: Side,
    editions: Sequence[Edition],
    *,
    as_of: dt.date,
    selection: Selection,
) -> FileDiff:
    """Check both sides under every edition and say what differs."""
    before = _reports(old, editions, as_of, selection)
    after = _reports(new, editions, as_of, selection)
    joined, left, changed = _members(_system(before), _system(after))
    introduced: list[EditionFinding] = []
    resolved: list[EditionFinding] = []
    unchanged: list[EditionFinding] = []
    for edition, old_findings, new_findings in zip(
        (e.ref for e in editions),
        _findings(before, editions),
        _findings(after, editions),
        strict=True,
    ):
        gone, came, kept = _match(old_findings, new_findings)
        resolved.extend(EditionFinding(edition, f) for f in gone)
        introduced.extend(EditionFinding(edition, f) for f in came)
        unchanged.extend(EditionFinding(edition, f) for f in kept)
    return FileDiff(
        old=None if old.raw is None else old.label,
        new=None if new.raw is None else new.label,
        joined=joined,
        left=left,
        changed=changed,
        introduced=tuple(introduced),
        resolved=tuple(resolved),
        unchanged=tuple(unchanged),
    )


def diff_paths(
    named: Sequence[str],
    git: str | None,
    editions: Sequence[Edition],
    *,
    as_of: dt.date,
    selection: Selection,
) -> DiffReport:
    """The report of `icscheck diff`: two versions named OLD NEW, or with `git` a revision,
    every ICS file under the `named` paths that differs between it and the working tree. Every
    side is read, or a `DiffError` raised, before any is compared."""
    pairs = (
        changed_files(git, named)
        if git is not None
        else [(read_side(named[0]), read_side(named[1]))]
    )
    return DiffReport(
        editions=tuple(e.ref for e in editions),
        as_of=as_of,
        files=tuple(
            compare(old, new, editions, as_of=as_of, selection=selection) for old, new in pairs
        ),
    )


def read_side(spec: str) -> Side:
    """A file the user named, or `REV:PATH` read from git when no such file exists."""
    if ":" in spec and not Path(spec).exists():
        revision, _, path = spec.partition(":")
        return Side(spec, _git_show(revision, path))
    return Side(spec, _read_tree(Path(spec), spec))


def changed_files(revision: str, paths: Sequence[str]) -> list[tuple[Side, Side]]:
    """Both sides of every ICS file that differs between `revision` and the working tree.

    Renames count as a deletion and an addition, so each side is read from its own name.
    """
    _check_revision(revision)
    top = Path(_git("rev-parse", "--show-toplevel").decode().strip())
    listing = _git("diff", "--name-status", "--no-renames", "-z", revision, "--", *paths)
    fields = listing.decode("utf-8", "surrogateescape").split("\0")[:-1]
    pairs = []
    for status, name in zip(fields[0::2], fields[1::2], strict=True):
        if not is_ics_name(Path(name).name):
            continue
        shown = os.path.relpath(top / name)
        old = Side(f"{revision}:{name}", None if status == "A" else _git_show(revision, name))
        new = Side(shown, None if status == "D" else _read_tree(top / name, shown))
        pairs.append((old, new))
    return pairs


def _read_tree(path: Path, shown: str) -> bytes:
    try:
        return read_limited(path)
    except InputError as error:
        raise DiffError(f"{shown}: {error}") from None


def _git_show(revision: str, path: str) -> bytes:
    _check_revision(revision)
    raw = _git("show", f"{revision}:{path}")
    if len(raw) > SIZE_LIMIT:
        raise DiffError(f"{revision}:{path}: larger than {SIZE_LIMIT // (1024 * 1024)} MiB")
    return raw


def _check_revision(revision: str) -> None:
    """A revision git would read as an option (`--output=FILE`) is refused, never passed on."""
    if not revision or revision.startswith("-"):
        raise DiffError(f"'{revision}' is not a git revision")


def _git(*args: str) -> bytes:
    """git's standard output; its complaint, in one line, as a `DiffError` if it fails."""
    try:
        done = subprocess.run(["git", *args], capture_output=True, check=False)
    except OSError as error:
        raise DiffError(f"cannot run git: {error.strerror or error}") from None
    if done.returncode != 0:
        lines = done.stderr.decode("utf-8", "replace").strip().splitlines() or ["failed"]
        raise DiffError(f"git {args[0]}: {lines[0].removeprefix('fatal: ')}")
    return done.stdout


def _reports(
    side: Side, editions: Sequence[Edition], as_of: dt.date, selection: Selection
) -> tuple[FileReport, ...]:
    if side.raw is None:
        return ()
    return check_editions(side.raw, side.label, editions, as_of=as_of, selection=selection)


def _system(reports: tuple[FileReport, ...]) -> IntegratedCareSystem | None:
    return reports[0].system if reports else None


def _findings(
    reports: tuple[FileReport, ...], editions: Sequence[Edition]
) -> Iterable[tuple[Finding, ...]]:
    """Each edition's findings, in the editions' order; none for a side that does not exist."""
    return [r.findings for r in reports] if reports else [() for _ in editions]


def _match(
    old: tuple[Finding, ...], new: tuple[Finding, ...]
) -> tuple[list[Finding], list[Finding], list[Finding]]:
    """Resolved, introduced and unchanged findings, matched by rule and message, not position."""
    remaining = Counter(_key(f) for f in old)
    introduced, unchanged = [], []
    for finding in new:
        if remaining[_key(finding)] > 0:
            remaining[_key(finding)] -= 1
            unchanged.append(finding)
        else:
            introduced.append(finding)
    resolved = []
    for finding in reversed(old):
        if remaining[_key(finding)] > 0:
            remaining[_key(finding)] -= 1
            resolved.append(finding)
    return resolved[::-1], introduced, unchanged


def _key(finding: Finding) -> tuple[str, str]:
    return finding.rule, finding.message


def _members(
    old: IntegratedCareSystem | None, new: IntegratedCareSystem | None
) -> tuple[tuple[Member, ...], tuple[Member, ...], tuple[MemberChange, ...]]:
    """Who joined, who left and what changed, board first, then the partnership."""
    joined: list[Member] = []
    left: list[Member] = []
    changed: list[MemberChange] = []
    for body in ("board", "partnership"):
        before, after = _people(old, body), _people(new, body)
        joined.extend(_member(body, after[key]) for key in after if key not in before)
        left.extend(_member(body, before[key]) for key in before if key not in after)
        for key in after.keys() & before.keys():
            was, now = _fields(before[key]), _fields(after[key])
            changed.extend(
                MemberChange(body, after[key].name, field, was[field], now[field])
                for field in now
                if was[field] != now[field]
            )
    changed.sort(key=lambda c: (c.body != "board", person_key(c.name)))
    return tuple(joined), tuple(left), tuple(changed)


def _people(system: IntegratedCareSystem | None, body: str) -> dict[str, Person]:
    """The body's members by identity; the first listing of a name stands for the person."""
    if system is None:
        return {}
    people: dict[str, Person] = {}
    for member in system.members_of(body):
        people.setdefault(person_key(member.name), member)
    return people


def _fields(member: Person) -> dict[str, str | None]:
    """The fields a diff compares, keyed as the YAML names them, as text."""
    if isinstance(member, BoardMember):
        values: dict[str, object] = {
            "role": member.role,
            "nominated_by": member.nominated_by,
            "sector": member.sector,
            "appointed": member.appointed,
            "term_ends": member.term_ends,
        }
    else:
        values = {
            "appointed_by": member.appointed_by,
            "local_authority": member.local_authority,
            "sector": member.sector,
        }
    return {key: None if value is None else str(value) for key, value in values.items()}


def _member(body: str, member: Person) -> Member:
    if isinstance(member, BoardMember):
        nominated = member.nominated_by
        seat = member.role.label + (f", nominated by the {nominated.label}" if nominated else "")
    else:
        seat = f"appointed by {member.appointer}"
    return Member(body, member.name, seat)
