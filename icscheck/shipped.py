"""The data shipped inside the package: editions, schemas, reference data and citations.

Read from the package's own folder rather than through `importlib.resources`, whose import alone
costs a one-file check 3 ms: icscheck is installed as files (a wheel), never run from a zip.
"""

from __future__ import annotations

from pathlib import Path

FOLDER = Path(__file__).parent / "data"


def shipped_text(*parts: str) -> str:
    """The text of the shipped file at `parts` under `data/`: ``("editions", "hca-2022.yaml")``."""
    return FOLDER.joinpath(*parts).read_text(encoding="utf-8")
