"""Find the files to check from the paths a user gave, and read them, boundedly.

Every file icscheck reads (ICS files, standard input, rule packs, settings) goes through
`read_limited`: at most `SIZE_LIMIT` bytes, and only regular files, so that a FIFO, a device such
as `/dev/zero` or a huge file can neither hang a run nor exhaust its memory.
"""

from __future__ import annotations

import os
import stat
import sys
from dataclasses import dataclass
from fnmatch import fnmatch
from pathlib import Path
from typing import BinaryIO

from icscheck.results import STDIN_PATH

PATTERNS = ("*.ics.yaml", "*.ics.yml")
STDIN = "-"
SIZE_LIMIT = 10 * 1024 * 1024
"""The largest file icscheck reads: 10 MiB, far above any real ICS file, pack or settings."""
_KINDS = {
    stat.S_IFDIR: "a folder",
    stat.S_IFIFO: "a FIFO (named pipe)",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFSOCK: "a socket",
}


class InputError(Exception):
    """A path that cannot be checked: missing, unreadable, too large or not a regular file."""


def is_ics_name(name: str) -> bool:
    """Whether `check` finds a file of this name in a folder: it matches one of `PATTERNS`."""
    return any(fnmatch(name, pattern) for pattern in PATTERNS)


def read_limited(path: Path | None) -> bytes:
    """A regular file's bytes (standard input's when `path` is None), up to `SIZE_LIMIT`.

    The file is opened without blocking, so that a FIFO with no writer cannot hang the run, and
    refused unless `fstat` says it is a regular file no larger than the limit. Reads stop at
    the limit plus one byte, so a file that grows after the check, or a pipe on standard input,
    is refused without being held whole in memory. `InputError` says why, without the path
    (callers name the file their own way).
    """
    try:
        if path is None:
            if sys.stdin is None:
                raise InputError("standard input is closed")
            return _bounded(sys.stdin.buffer)
        handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
        with os.fdopen(handle, "rb") as file:
            _check_regular(os.fstat(handle))
            return _bounded(file)
    except OSError as error:
        raise InputError(error.strerror or str(error)) from None


def _check_regular(status: os.stat_result) -> None:
    if not stat.S_ISREG(status.st_mode):
        kind = _KINDS.get(stat.S_IFMT(status.st_mode), "something else")
        hint = "" if stat.S_ISDIR(status.st_mode) else "; to pipe a file in, give - for stdin"
        raise InputError(f"it is {kind}, not a regular file{hint}")
    if status.st_size > SIZE_LIMIT:
        raise InputError(_too_large())


def _bounded(stream: BinaryIO) -> bytes:
    data = stream.read(SIZE_LIMIT + 1)
    if len(data) > SIZE_LIMIT:
        raise InputError(_too_large())
    return data


def _too_large() -> str:
    return f"larger than icscheck's {SIZE_LIMIT // 2**20} MiB limit for a file"


@dataclass(frozen=True, slots=True)
class Input:
    """One file to check, named as the user will see it."""

    display: str
    path: Path | None
    """None for standard input."""

    def read(self) -> bytes:
        """The file's bytes; `InputError` names the file and says why it cannot be read."""
        try:
            return read_limited(self.path)
        except InputError as error:
            raise InputError(f"cannot read {self.display}: {error}") from None


@dataclass(frozen=True, slots=True)
class Found:
    """The files to check, and the paths that could not be searched, each with its reason."""

    inputs: tuple[Input, ...]
    problems: tuple[str, ...]


def discover(paths: list[str]) -> Found:
    """Named files always; in folders, `*.ics.yaml`/`*.ics.yml` outside hidden folders.

    A missing path or an unreadable folder is a problem for the report, not the end of the run:
    every other file is still found and checked.
    """
    found: list[Input] = []
    problems: list[str] = []
    for name in paths or ["."]:
        if name == STDIN:
            found.append(Input(STDIN_PATH, None))
            continue
        path = Path(name)
        try:
            is_folder = stat.S_ISDIR(path.stat().st_mode)
        except FileNotFoundError:
            problems.append(f"{name}: no such file or directory")
            continue
        except OSError as error:
            problems.append(f"cannot read {name}: {error.strerror}")
            continue
        if not is_folder:
            found.append(Input(name, path))
            continue
        before = len(found), len(problems)
        found.extend(Input(str(file), file) for file in _ics_files(path, problems))
        if (len(found), len(problems)) == before:
            problems.append(f"no *.ics.yaml or *.ics.yml files found in {name}")
    unique = {item.display: item for item in found}
    return Found(tuple(unique.values()), tuple(problems))


def _ics_files(folder: Path, problems: list[str]) -> list[Path]:
    """ICS files below `folder`, walked with a stack (a tree of any depth is no recursion).

    Symlinked folders are not followed, so a link loop cannot make the walk endless; a folder
    that cannot be listed is added to `problems` and the walk goes on.
    """
    files: list[Path] = []
    stack = [folder]
    while stack:
        current = stack.pop()
        try:
            with os.scandir(current) as entries:
                for entry in entries:
                    if _is_folder(entry):
                        if not entry.name.startswith("."):
                            stack.append(current / entry.name)
                    elif is_ics_name(entry.name):
                        files.append(current / entry.name)
        except OSError as error:
            problems.append(f"cannot read {current}: {error.strerror}")
    return sorted(files)


def _is_folder(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir(follow_symlinks=False)
    except OSError:
        return False
