"""Issue 6's command line: `init -`, JSON listings, regions, colour, completion, help, LICENSE."""

from __future__ import annotations

import itertools
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from icscheck import geography
from icscheck.scaffold import SCHEMA_FILE
from tests.helpers import (
    AS_OF,
    AS_OF_DATE,
    COMPLIANT_SAMPLE,
    EDITIONS_OLDEST_FIRST,
    REPO,
    SAMPLES,
    console_script,
    invoke,
)

COMMANDS = [
    (),
    ("check",),
    ("init",),
    ("rules",),
    ("explain",),
    ("schema",),
    ("icbs",),
    ("editions",),
    ("editions", "diff"),
]
"""Every command and group, as its help is asked for."""
HELP_WIDTH = 80
ESCAPE = "\x1b["


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`python -m icscheck ARGS` in a real process, with `env` over a colour-neutral one."""
    base = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    return subprocess.run(
        [sys.executable, "-m", "icscheck", *args],
        capture_output=True,
        text=True,
        env={**base, **(env or {})},
        timeout=120,
        check=False,
    )


# init: standard output, the schema line, names check will not find


def test_init_dash_writes_the_file_to_stdout_and_nothing_else(in_tmp: Path) -> None:
    result = invoke("init", "--icb", "QYG", "-", "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    assert list(in_tmp.iterdir()) == []
    assert "Wrote" not in result.stdout
    assert yaml.safe_load(result.stdout)["ics"]["icb_code"] == "QYG"
    written = in_tmp / "from-stdout.ics.yaml"
    written.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == _init_file(in_tmp, "QYG").read_text(encoding="utf-8")
    assert _check_rules(written) <= _seat_rules()


def test_init_dash_with_an_unknown_icb_prints_nothing_and_exits_2(in_tmp: Path) -> None:
    result = invoke("init", "--icb", "QZZ", "-", "--as-of", AS_OF)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("icscheck: error: ")


def test_init_file_starts_with_the_schema_line_and_stays_checkable(in_tmp: Path) -> None:
    path = _init_file(in_tmp, "QYG")
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first == f"# yaml-language-server: $schema={SCHEMA_FILE}"
    assert SCHEMA_FILE in invoke("schema", "--help").stdout
    assert _check_rules(path) <= _seat_rules()


def test_init_without_an_icb_also_writes_the_schema_line(in_tmp: Path) -> None:
    result = invoke("init", "-", "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# yaml-language-server: $schema=")


@pytest.mark.parametrize("name", ["board.yaml", "board.ics.txt", "board.ICS.YAML"])
def test_init_warns_of_a_name_a_folder_check_will_not_find(in_tmp: Path, name: str) -> None:
    result = invoke("init", "--icb", "QYG", name, "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    assert (in_tmp / name).is_file()
    assert result.stderr.startswith("icscheck: warning: ")
    assert name in result.stderr
    found = invoke("check", ".", "--as-of", AS_OF, "--format", "json")
    assert found.exit_code == 2


@pytest.mark.parametrize("name", ["board.ics.yaml", "board.ics.yml"])
def test_init_does_not_warn_of_a_name_check_finds(in_tmp: Path, name: str) -> None:
    result = invoke("init", "--icb", "QYG", name, "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    assert "warning" not in result.stderr


def test_init_warns_only_when_it_writes(in_tmp: Path) -> None:
    (in_tmp / "board.yaml").write_text("kept\n", encoding="utf-8")
    result = invoke("init", "--icb", "QYG", "board.yaml", "--as-of", AS_OF)
    assert result.exit_code == 2
    assert "warning" not in result.stderr
    assert (in_tmp / "board.yaml").read_text(encoding="utf-8") == "kept\n"


def _init_file(folder: Path, code: str) -> Path:
    path = folder / f"{code.lower()}.ics.yaml"
    result = invoke("init", "--icb", code, path, "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    return path


def _check_rules(path: Path) -> set[str]:
    result = invoke("check", path, "--as-of", AS_OF, "--format", "json")
    assert result.exit_code in (0, 1), result.output
    (checked,) = json.loads(result.stdout)["files"]
    return {finding["rule"] for finding in checked["findings"]}


def _seat_rules() -> set[str]:
    """What an unfilled starting file may be told: seats to fill, never a broken file."""
    return {f"ICB{n:03}" for n in range(1, 30)} | {f"ICP{n:03}" for n in range(1, 30)}


# JSON listings and regions


def listing_json(*args: str) -> Any:
    result = invoke(*args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.mark.parametrize("edition", EDITIONS_OLDEST_FIRST)
def test_rules_json_lists_the_rules_the_text_lists(edition: str) -> None:
    document = listing_json("rules", "--edition", edition)
    assert set(document) == {"edition", "rules"}
    assert document["edition"]["id"] == edition
    text = invoke("rules", "--edition", edition).stdout
    listed = [line.split()[0] for line in text.splitlines()[3:] if line.strip()]
    assert [rule["id"] for rule in document["rules"]] == listed
    for rule in document["rules"]:
        assert set(rule) == {"id", "name", "severity", "source", "confidence"}
        assert rule["severity"] in {"error", "warning", "info"}
        assert rule["confidence"] in {"Q", "C", "R", "N"}


def test_rules_json_for_an_unknown_edition_is_a_usage_error() -> None:
    result = invoke("rules", "--edition", "no-such-edition", "--format", "json")
    assert result.exit_code == 2
    assert result.stdout == ""


def test_editions_json_lists_every_edition_oldest_first() -> None:
    entries = listing_json("editions")["editions"]
    assert [entry["id"] for entry in entries] == list(EDITIONS_OLDEST_FIRST)
    assert entries[0]["since_previous"] is None
    for before, entry in itertools.pairwise(entries):
        assert entry["since_previous"]["edition"] == before["id"]
        assert set(entry["since_previous"]["changes"]) == {
            "added",
            "removed",
            "severity changed",
            "parameters changed",
            "citation changed",
        }
        assert entry["rules_in_force"] > 0


def test_editions_diff_refuses_json() -> None:
    result = invoke("editions", "--format", "json", "diff", EDITIONS_OLDEST_FIRST[0], "hca-2022")
    assert result.exit_code == 2
    assert result.stderr.startswith("icscheck: error: ")


def test_icbs_json_lists_every_board_in_force_with_its_councils() -> None:
    document = listing_json("icbs", "--as-of", AS_OF)
    assert document["as_of"] == AS_OF
    assert document["region"] is None
    codes = [board["code"] for board in document["icbs"]]
    assert codes == [board.code for board in geography.icbs_in_force(AS_OF_DATE)]
    qyg = next(board for board in document["icbs"] if board["code"] == "QYG")
    assert qyg["region"] == {"code": "Y62", "name": "North West"}
    assert qyg["valid_to"] is None
    assert len(qyg["councils"]) == 9


@pytest.mark.parametrize("region", ["North West", "north west", "Y62", "y62", " North  West "])
def test_icbs_region_accepts_a_name_or_code_in_any_case(region: str) -> None:
    document = listing_json("icbs", "--as-of", AS_OF, "--region", region)
    assert document["region"] == {"code": "Y62", "name": "North West"}
    regions = {board["region"]["code"] for board in document["icbs"]}
    assert regions == {"Y62"}
    assert "QYG" in {board["code"] for board in document["icbs"]}


def test_icbs_region_filters_the_text_listing_too() -> None:
    result = invoke("icbs", "--as-of", AS_OF, "--region", "London")
    assert result.exit_code == 0, result.output
    listed = re.findall(r"^(\S+) +NHS .*\(London\)$", result.stdout, flags=re.MULTILINE)
    london = [b.code for b in geography.icbs_in_force(AS_OF_DATE) if b.region == "London"]
    assert listed == london
    assert f"{len(london)} integrated care boards" in result.stdout


def test_icbs_unknown_region_is_a_usage_error_that_lists_the_regions() -> None:
    result = invoke("icbs", "--as-of", AS_OF, "--region", "Wessex")
    assert result.exit_code == 2
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert line.startswith("icscheck: error: ")
    assert "North West (Y62)" in line
    assert "London (Y56)" in line


# --version, colour, completion


def test_dash_capital_v_is_the_version() -> None:
    short = invoke("-V")
    assert short.exit_code == 0
    assert short.stdout == invoke("--version").stdout
    assert short.stdout.startswith("icscheck ")


@pytest.mark.parametrize(
    ("args", "env", "colored"),
    [
        (("--color", "always"), {}, True),
        (("--color", "never"), {"FORCE_COLOR": "1"}, False),
        (("--no-color",), {"FORCE_COLOR": "1"}, False),
        ((), {"FORCE_COLOR": "1"}, True),
        ((), {"FORCE_COLOR": ""}, False),
        ((), {"NO_COLOR": "1", "FORCE_COLOR": "1"}, False),
        (("--color", "always"), {"NO_COLOR": "1"}, True),
        ((), {}, False),
    ],
)
def test_colour_can_be_forced_or_refused_in_a_pipe(
    args: tuple[str, ...], env: dict[str, str], colored: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("NO_COLOR", "FORCE_COLOR"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    result = invoke("check", COMPLIANT_SAMPLE, "--as-of", AS_OF, "--format", "rich", *args)
    assert result.exit_code == 0, result.output
    assert (ESCAPE in result.stdout) is colored


def test_forced_colour_chooses_the_rich_report_when_no_format_is_given() -> None:
    completed = run_cli("check", str(COMPLIANT_SAMPLE), "--as-of", AS_OF, "--color", "always")
    assert completed.returncode == 0, completed.stderr
    assert ESCAPE in completed.stdout
    assert "ICB" in completed.stdout


def test_an_unknown_colour_mode_is_a_usage_error() -> None:
    result = invoke("check", COMPLIANT_SAMPLE, "--as-of", AS_OF, "--color", "sometimes")
    assert result.exit_code == 2


def test_shell_completion_answers_through_the_console_script() -> None:
    env = {
        **os.environ,
        "_ICSCHECK_COMPLETE": "complete_bash",
        "COMP_WORDS": "icscheck ch",
        "COMP_CWORD": "1",
    }
    completed = subprocess.run(
        [console_script()], capture_output=True, text=True, env=env, timeout=60, check=False
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.split() == ["check"]


def test_shell_completion_completes_options_too() -> None:
    env = {
        **os.environ,
        "_ICSCHECK_COMPLETE": "complete_bash",
        "COMP_WORDS": "icscheck check --col",
        "COMP_CWORD": "2",
    }
    completed = subprocess.run(
        [console_script()], capture_output=True, text=True, env=env, timeout=60, check=False
    )
    assert completed.stdout.split() == ["--color"]


def test_completion_can_be_installed() -> None:
    shown = invoke("--help").stdout
    assert "--install-completion" in shown
    assert "--show-completion" in shown


# --help


@pytest.fixture(scope="module")
def helps() -> dict[tuple[str, ...], str]:
    """Each command's help as a user sees it on an 80-column terminal (Rich reads COLUMNS)."""
    texts = {}
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("COLUMNS", str(HELP_WIDTH))
        for command in COMMANDS:
            result = invoke(*command, "--help")
            assert result.exit_code == 0, result.output
            texts[command] = result.stdout
    return texts


def test_help_reads_the_same_from_the_console_script(helps: dict[tuple[str, ...], str]) -> None:
    completed = subprocess.run(
        [console_script(), "check", "--help"],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": str(HELP_WIDTH)},
        timeout=60,
        check=False,
    )
    assert completed.stdout == helps[("check",)]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "icscheck")
def test_help_shows_placeholders_never_python_types(
    helps: dict[tuple[str, ...], str], command: tuple[str, ...]
) -> None:
    text = helps[command]
    assert not re.search(r"<[a-z|\[\]]+>", text), text
    assert "[default: None]" not in text
    assert "\b" not in text


def test_help_placeholders_are_the_shared_ones() -> None:
    """Every value an option or argument takes is named by one of a few shared placeholders."""
    import typer.main

    from icscheck.cli import app

    def commands(command: Any) -> Any:
        yield command
        for sub in getattr(command, "commands", {}).values():
            yield from commands(sub)

    placeholders = {
        param.metavar
        for command in commands(typer.main.get_command(app))
        for param in command.params
        if not getattr(param, "is_flag", False)
    }
    assert placeholders == {
        "PATH",
        "FILE",
        "EDITION",
        "RULES",
        "RULE",
        "YYYY-MM-DD",
        "FORMAT",
        "SEVERITY",
        "WHEN",
        "CODE",
        "REGION",
        "OLDER",
        "N",
        "NEWER",
        "REV",
        "KIND",
    }


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "icscheck")
def test_help_prose_is_wrapped_by_the_terminal_not_the_docstring(
    helps: dict[tuple[str, ...], str], command: tuple[str, ...]
) -> None:
    """A prose line ends early only where its paragraph ends: the next word would not fit."""
    lines = [line.rstrip() for line in helps[command].splitlines()]
    for line, after in itertools.pairwise(lines):
        if not _prose(line) or not _prose(after):
            continue
        room = HELP_WIDTH - 2 - len(line.strip())
        assert len(after.split()[0]) >= room, f"broken sentence:\n{line}\n{after}"


def _prose(line: str) -> bool:
    """A line of the description above the panels: one space in, not a heading or example."""
    return line.startswith(" ") and not line.startswith("  ") and not line.endswith(":")


def test_help_examples_run_as_written_from_the_repository_root(
    helps: dict[tuple[str, ...], str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every `icscheck ...` example line, split as the shell would and run in a copy of the
    repository's sample files and rule-pack fixtures (`> FILE` writes standard output there).
    Time is an input, so a command that takes --as-of and whose example does not give it gets
    the tests' fixed AS_OF."""
    shutil.copytree(SAMPLES, tmp_path / SAMPLES.name)
    packs = REPO / "tests" / "fixtures" / "packs"
    shutil.copytree(packs, tmp_path / packs.relative_to(REPO))
    monkeypatch.chdir(tmp_path)
    examples = [
        line.strip()
        for text in helps.values()
        for line in text.splitlines()
        if re.match(r"^\s{3,}icscheck ", line)
    ]
    assert len(examples) >= 15, examples
    assert all(len(example) <= HELP_WIDTH - 4 for example in examples), examples
    failures = []
    for example in dict.fromkeys(examples):
        words, _, redirect = example.partition(" > ")
        args = shlex.split(words)[1:]
        if args[0] in {"check", "init", "icbs"} and "--as-of" not in args:
            args += ["--as-of", AS_OF]
        result = invoke(*args)
        if redirect:
            Path(redirect.strip()).write_text(result.stdout, encoding="utf-8")
        crashed = result.exception is not None and not isinstance(result.exception, SystemExit)
        if result.exit_code not in (0, 1) or crashed:
            failures.append(f"{example}: exit {result.exit_code}: {result.output}")
    assert not failures, "\n".join(failures)
    assert (tmp_path / "report.json").is_file()
    assert (tmp_path / SCHEMA_FILE).is_file()


# LICENSE


def test_the_licence_pyproject_names_is_there() -> None:
    text = (REPO / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License\n")
    assert "Copyright (c) 2026 icscheck developers" in text
    assert 'license = "MIT"' in (REPO / "pyproject.toml").read_text(encoding="utf-8")


def test_init_dot_slash_dash_writes_a_file_named_dash(in_tmp: Path) -> None:
    result = invoke("init", "--icb", "QYG", "./-", "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    assert (in_tmp / "-").read_text().startswith("# yaml-language-server:")
    assert not result.stdout.startswith("#")


def test_usage_errors_show_a_hostile_path_escaped(in_tmp: Path) -> None:
    result = invoke("check", "missing\x1b[31m.ics.yaml", "--as-of", AS_OF)
    assert result.exit_code == 2
    assert "\x1b" not in result.stderr
    assert "missing\\x1b[31m.ics.yaml" in result.stderr
