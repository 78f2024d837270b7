"""What the CI formats share: where a file is in the repository, and a finding's fingerprint."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path, PurePath

from icscheck.reporters import printable
from icscheck.results import STDIN_PATH, Finding


def repo_path(path: str) -> str:
    """The file relative to the working directory (the repository root in CI), with forward
    slashes: CI services match annotations to files by that path. A path outside it stays
    absolute; standard input stays ``<stdin>``."""
    if path == STDIN_PATH:
        return path
    given = Path(path)
    if given.is_absolute():
        try:
            given = given.relative_to(Path.cwd())
        except ValueError:
            return printable(given.as_posix())
    return printable(PurePath(os.path.normpath(given)).as_posix())


def described(finding: Finding) -> str:
    """The finding's message with its source in brackets, as the CI formats show one line."""
    return f"{finding.message} ({finding.source})"


def fingerprint(finding: Finding, *extra: str) -> str:
    """A stable identity for a finding: its rule, file, node and message, never its line, so a
    finding keeps its identity when lines are added above it."""
    parts = (finding.rule, repo_path(finding.path), finding.pointer, finding.message, *extra)
    return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogatepass")).hexdigest()
