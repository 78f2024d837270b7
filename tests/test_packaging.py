"""The built wheel carries the schemas, editions, sources and reference data the code reads."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.helpers import REPO

REQUIRED = [
    "icscheck/data/schemas/ics-v1.schema.json",
    "icscheck/data/schemas/edition-v1.schema.json",
    "icscheck/data/editions/hca-2022.yaml",
    "icscheck/data/citations.yaml",
    "icscheck/data/reference/icbs.csv",
    "icscheck/data/reference/icb_local_authorities.csv",
    "icscheck/py.typed",
]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("hatchling")
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "build",
            "--wheel",
            "--no-isolation",
            "--outdir",
            str(out),
            str(REPO),
        ],
        check=True,
        capture_output=True,
    )
    return next(out.glob("icscheck-*.whl"))


def test_wheel_contains_the_package_data(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    missing = [name for name in REQUIRED if name not in names]
    assert not missing, f"missing from the wheel: {missing}"


def test_wheel_declares_the_console_script(wheel: Path) -> None:
    archive = zipfile.ZipFile(wheel)
    entry_points = next(n for n in archive.namelist() if n.endswith("entry_points.txt"))
    assert "icscheck = icscheck.__main__:main" in archive.read(entry_points).decode()
