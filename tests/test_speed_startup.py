"""Start-up loads only what the command asks for: `--version` almost nothing, a text check
neither pydantic (Typer 0.29 requires it; pyproject bounds Typer below) nor Rich.

Each command runs in a fresh interpreter through the real entry point (`python -m icscheck`),
since the test process has imported everything already.
"""

from __future__ import annotations

import subprocess
import sys

from tests.helpers import AS_OF, SAMPLES

PROBE = """
import runpy, sys
sys.argv = ["icscheck", *sys.argv[1:]]
try:
    runpy.run_module("icscheck", run_name="__main__", alter_sys=True)
except SystemExit:
    pass
sys.stderr.write("\\nLOADED " + " ".join(sorted({name.split(".")[0] for name in sys.modules})))
"""


def top_level_modules(*args: str) -> set[str]:
    """The top-level packages a run of `icscheck ARGS` imported, as its own interpreter saw."""
    completed = subprocess.run(
        [sys.executable, "-c", PROBE, *args], capture_output=True, text=True, check=False
    )
    return set(completed.stderr.rsplit("\nLOADED ", 1)[1].split())


def test_version_loads_no_typer_rich_yaml_or_jsonschema() -> None:
    for flag in ("--version", "-V"):
        loaded = top_level_modules(flag)
        assert not loaded & {"typer", "click", "rich", "yaml", "jsonschema", "pydantic"}, flag


def test_one_file_text_check_loads_no_pydantic_and_no_rich() -> None:
    one_file = str(SAMPLES / "essex.ics.yaml")
    loaded = top_level_modules("check", one_file, "--format", "text", "--as-of", AS_OF)
    assert "typer" in loaded  # the probe saw the real command line run
    assert not loaded & {"pydantic", "pydantic_core", "rich"}


def test_python_x_importtime_agrees() -> None:
    """`python -X importtime`, as the benchmark's readers would check it, names no pydantic."""
    completed = subprocess.run(
        [
            sys.executable,
            "-X",
            "importtime",
            "-m",
            "icscheck",
            "check",
            str(SAMPLES / "essex.ics.yaml"),
            "--format",
            "text",
            "--as-of",
            AS_OF,
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    imported = {
        line.rsplit("|", 1)[1].strip() for line in completed.stderr.splitlines() if "|" in line
    }
    assert "icscheck.cli" in imported
    assert not {name for name in imported if name.split(".")[0] in {"pydantic", "rich"}}
