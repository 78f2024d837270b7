"""Start-up loads only what the command asks for: `--version` almost nothing, a text check
neither pydantic (Typer 0.29 requires it; pyproject bounds Typer below) nor Rich, nor worker
processes, TOML or the edition diff it does not use; the command line converts only the command
it runs, and the garbage collector, off while modules load, is on when the work starts.

Each command runs in a fresh interpreter through the real entry point (`python -m icscheck`),
since the test process has imported everything already.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer import _click as click

from icscheck import cli
from tests.helpers import AS_OF, SAMPLES

PROBE = """
import runpy, sys
sys.argv = ["icscheck", *sys.argv[1:]]
try:
    runpy.run_module("icscheck", run_name="__main__", alter_sys=True)
except SystemExit:
    pass
import gc
sys.stderr.write(f"\\nGC {gc.isenabled()} LOADED " + " ".join(sorted(sys.modules)))
"""


def probe(*args: str, cwd: Path | None = None) -> tuple[bool, set[str]]:
    """Whether the collector was on after a run of `icscheck ARGS`, and the modules it
    imported, as its own interpreter saw."""
    completed = subprocess.run(
        [sys.executable, "-c", PROBE, *args], capture_output=True, text=True, check=False, cwd=cwd
    )
    gc_state, _, loaded = completed.stderr.rsplit("\nGC ", 1)[1].partition(" LOADED ")
    return gc_state == "True", set(loaded.split())


def top_level_modules(*args: str) -> set[str]:
    """The top-level packages a run of `icscheck ARGS` imported."""
    return {name.split(".")[0] for name in probe(*args)[1]}


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


def test_one_file_check_loads_no_workers_toml_or_edition_diff(tmp_path: Path) -> None:
    one_file = str(SAMPLES / "essex.ics.yaml")
    _, loaded = probe("check", one_file, "--format", "text", "--as-of", AS_OF, cwd=tmp_path)
    assert "icscheck.checker" in loaded
    assert not loaded & {
        "multiprocessing",
        "concurrent.futures",
        "tomllib",
        "icscheck.editions.diff",
    }


@pytest.mark.parametrize(
    "args",
    [
        ["check", "--as-of", AS_OF],
        ["diff", "--as-of", AS_OF, "essex.ics.yaml", "essex.ics.yaml"],
        ["forecast", "--as-of", AS_OF, "essex.ics.yaml"],
    ],
    ids=["check", "diff", "forecast"],
)
def test_the_commands_that_work_through_files_collect_garbage(args: list[str]) -> None:
    enabled, loaded = probe(*args, cwd=SAMPLES)
    assert "icscheck.checker" in loaded
    assert enabled


def test_a_listing_runs_without_the_collector_it_does_not_need() -> None:
    enabled, _ = probe("rules")
    assert not enabled


def _eager_group() -> typer.core.TyperGroup:
    group = typer.main.get_command(cli.app)
    assert isinstance(group, typer.core.TyperGroup)
    return group


def test_the_command_line_converts_only_the_command_it_runs() -> None:
    group = cli.command_line()
    assert isinstance(group, typer.core.TyperGroup)
    with group.make_context("icscheck", ["check"]) as context:
        check = group.get_command(context, "check")
    assert check is not None and check.name == "check"
    assert set(group.commands) == {"check"}


def test_the_deferred_command_line_is_the_one_typer_builds() -> None:
    """Same commands in the same order, each with the same options and help, and the same
    did-you-mean for a mistyped command."""
    lazy, eager = cli.command_line(), _eager_group()
    ours_context = click.Context(lazy, info_name="icscheck")
    theirs_context = click.Context(eager, info_name="icscheck")
    assert lazy.get_help(ours_context) == eager.get_help(theirs_context)
    lazy.get_command(ours_context, "rules")  # looked up out of order, listed in order
    assert lazy.list_commands(ours_context) == eager.list_commands(theirs_context)
    for name in eager.list_commands(theirs_context):
        ours, theirs = lazy.get_command(ours_context, name), eager.get_command(theirs_context, name)
        assert ours is not None and theirs is not None
        assert ours.get_help(click.Context(ours, info_name=name, parent=ours_context)) == (
            theirs.get_help(click.Context(theirs, info_name=name, parent=theirs_context))
        )
    mistyped = []
    for group in (cli.command_line(), eager):
        with pytest.raises(click.exceptions.UsageError) as raised:
            group.resolve_command(click.Context(group, info_name="icscheck"), ["chek"])
        mistyped.append(raised.value.message)
    assert mistyped[0] == mistyped[1]
    assert "Did you mean 'check'" in mistyped[0]


def test_printing_a_schema_loads_no_yaml() -> None:
    """`icscheck schema` prints shipped text: neither PyYAML nor a validator is needed."""
    assert not top_level_modules("schema") & {"yaml", "jsonschema", "jsonschema_rs"}
