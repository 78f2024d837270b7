"""Write a file so that readers see the old one or the new one, never half of either."""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from collections.abc import Iterable
from pathlib import Path


class UnsafeTarget(Exception):
    """A report would replace something it must not: a file read in the run, or not a file."""


def write_atomically(
    path: Path, text: str, *, exclusive: bool = False, inputs: Iterable[Path] = ()
) -> None:
    """Write to a temporary file beside `path`, then give it `path`'s name.

    By default the new file replaces an old report, keeping its permissions; `UnsafeTarget` is
    raised, before anything is written, when `path` is one of `inputs` (by any name) or is not a
    regular file (a device, FIFO, folder or symlink), which must never be replaced. With
    `exclusive`, `os.link` names it, which fails with `FileExistsError` if the name is taken, even
    by a file created a moment ago: a user's file is never replaced, and no one sees half a file.
    """
    mode = None if exclusive else _replaceable_mode(path, inputs)
    temporary = path.parent / f".{path.name}.{secrets.token_hex(6)}.tmp"
    try:
        # Mode 0o666 lets the umask decide permissions, as for any new file.
        handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as file:
            if mode is not None:
                os.fchmod(handle, mode)
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        if exclusive:
            os.link(temporary, path)
        else:
            os.replace(temporary, path)
    finally:
        with contextlib.suppress(OSError):
            temporary.unlink()


def _replaceable_mode(path: Path, inputs: Iterable[Path]) -> int | None:
    """The permissions of the regular file at `path`, None if there is none; else refuse."""
    try:
        status = path.lstat()
    except FileNotFoundError:
        return None
    if not stat.S_ISREG(status.st_mode):
        raise UnsafeTarget(f"{path} exists and is not a regular file; it will not be replaced")
    for source in inputs:
        with contextlib.suppress(OSError):
            if os.path.samestat(status, source.stat()):
                raise UnsafeTarget(f"{path} is a file this run reads; it will not be replaced")
    return stat.S_IMODE(status.st_mode)
