"""Find the files to check from the paths a user gave, and read them."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

PATTERNS = ("*.ics.yaml", "*.ics.yml")
STDIN = "-"


class InputError(Exception):
    """A path that cannot be checked: missing, unreadable, or holding no ICS files."""


@dataclass(frozen=True, slots=True)
class Input:
    """One file to check, named as the user will see it."""

    display: str
    path: Path | None
    """None for standard input."""

    def read(self) -> bytes:
        if self.path is None:
            return sys.stdin.buffer.read()
        try:
            return self.path.read_bytes()
        except OSError as error:
            raise InputError(f"cannot read {self.display}: {error.strerror}") from None


def discover(paths: list[str]) -> list[Input]:
    """Named files always; in directories, `*.ics.yaml`/`*.ics.yml` outside hidden folders."""
    found: list[Input] = []
    for name in paths or ["."]:
        if name == STDIN:
            found.append(Input("<stdin>", None))
            continue
        path = Path(name)
        if path.is_dir():
            files = _ics_files(path)
            if not files:
                raise InputError(f"no *.ics.yaml or *.ics.yml files found in {name}")
            found.extend(Input(str(file), file) for file in files)
        elif path.exists():
            found.append(Input(name, path))
        else:
            raise InputError(f"{name}: no such file or directory")
    return list({item.display: item for item in found}.values())


def _ics_files(folder: Path) -> list[Path]:
    files = {
        file
        for pattern in PATTERNS
        for file in folder.rglob(pattern)
        if file.is_file() and not _hidden(file.relative_to(folder))
    }
    return sorted(files)


def _hidden(relative: Path) -> bool:
    return any(part.startswith(".") for part in relative.parts[:-1])
