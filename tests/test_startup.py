"""Start-up stays light: `--version` loads neither Rich nor jsonschema, machine formats no Rich.

Measured in a fresh interpreter, since the test process has imported everything already.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.helpers import AS_OF, SAMPLES

PROBE = """
import json, sys
sys.argv = ["icscheck", *json.loads(sys.argv[1])]
from icscheck.cli import main
try:
    main()
except SystemExit:
    pass
heavy = sorted({name.split(".")[0] for name in sys.modules} & {"rich", "jsonschema"})
sys.stderr.write("\\nLOADED " + json.dumps(heavy) + "\\n")
"""


def heavy_modules_loaded(*args: str) -> set[str]:
    completed = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(list(args))],
        capture_output=True,
        text=True,
        check=True,
    )
    marker = completed.stderr.rsplit("LOADED ", 1)[1]
    return set(json.loads(marker))


def test_version_loads_neither_rich_nor_jsonschema() -> None:
    assert heavy_modules_loaded("--version") == set()


def test_help_does_not_load_jsonschema() -> None:
    assert "jsonschema" not in heavy_modules_loaded("--help")
    assert "jsonschema" not in heavy_modules_loaded("check", "--help")


@pytest.mark.parametrize("output_format", ["text", "json"])
def test_machine_formats_do_not_load_rich(output_format: str) -> None:
    loaded = heavy_modules_loaded(
        "check", str(SAMPLES), "--as-of", AS_OF, "--format", output_format
    )
    assert loaded <= {"jsonschema"}  # jsonschema only explains invalid files
