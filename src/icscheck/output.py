"""Write a file so that readers see the old one or the new one, never half of either."""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path


def write_atomically(path: Path, text: str, *, exclusive: bool = False) -> None:
    """Write to a temporary file beside `path`, then give it `path`'s name.

    By default the new file replaces any old one (a report). With `exclusive`, `os.link` names
    it, which fails with `FileExistsError` if the name is taken, even by a file created a moment
    ago: a user's file is never replaced, and no one ever sees half a file.
    """
    temporary = path.parent / f".{path.name}.{secrets.token_hex(6)}.tmp"
    try:
        # Mode 0o666 lets the umask decide permissions, as for any new file.
        handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as file:
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
