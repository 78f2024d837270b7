"""The built wheel carries the schemas, editions, sources and reference data the code reads."""

from __future__ import annotations

import os
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


@pytest.mark.slow
def test_wheel_contains_the_package_data(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    missing = [name for name in REQUIRED if name not in names]
    assert not missing, f"missing from the wheel: {missing}"


@pytest.mark.slow
def test_wheel_holds_every_file_of_the_package(wheel: Path) -> None:
    """Not only the files named above: a module or data file added later is shipped too."""
    names = set(zipfile.ZipFile(wheel).namelist())
    package = [
        path.relative_to(REPO).as_posix()
        for path in (REPO / "icscheck").rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    ]
    missing = sorted(name for name in package if name not in names)
    assert not missing, f"missing from the wheel: {missing}"


@pytest.mark.slow
def test_wheel_declares_the_console_script(wheel: Path) -> None:
    archive = zipfile.ZipFile(wheel)
    entry_points = next(n for n in archive.namelist() if n.endswith("entry_points.txt"))
    assert "icscheck = icscheck.__main__:main" in archive.read(entry_points).decode()


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel installed into a folder of its own, away from the working tree."""
    target = tmp_path_factory.mktemp("site")
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", target, wheel],
        check=True,
        capture_output=True,
    )
    return target


def _run_installed(installed: Path, *args: str | Path) -> subprocess.CompletedProcess[str]:
    """Run the installed copy from a folder outside the repository, so the working tree cannot
    stand in for it: its own folder comes first on the path, before the editable install."""
    return subprocess.run(
        [str(arg) for arg in args],
        cwd=installed.parent,
        env={**os.environ, "PYTHONPATH": str(installed)},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.slow
def test_the_installed_wheel_is_what_runs(installed: Path) -> None:
    shown = _run_installed(
        installed, sys.executable, "-c", "import icscheck; print(icscheck.__file__)"
    )
    assert Path(shown.stdout.strip()).is_relative_to(installed), shown.stdout + shown.stderr


@pytest.mark.slow
def test_the_installed_wheel_checks_a_file_with_its_own_data(installed: Path) -> None:
    sample = installed.parent / "essex.ics.yaml"
    sample.write_bytes((REPO / "sample_configs" / "essex.ics.yaml").read_bytes())
    script = installed / "bin" / "icscheck"
    shown = _run_installed(installed, script, "check", sample.name, "--as-of", "2026-11-23")
    assert shown.returncode in (0, 1), shown.stderr
    assert "checked against hca-2022" in shown.stderr
    listed = _run_installed(installed, script, "icbs", "--format", "json", "--as-of", "2026-11-23")
    assert listed.returncode == 0 and "QYG" in listed.stdout
