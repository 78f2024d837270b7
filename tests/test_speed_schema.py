"""The compiled schema check and jsonschema agree: findings never depend on which is installed.

The compiled validator (jsonschema-rs) only decides valid or invalid; jsonschema words the
findings of invalid files. These tests hold the compiled verdict to jsonschema's on every sample,
fixture, hostile file, edition, rule pack and generated board file, and on mutations of a sample;
and run the CLI with jsonschema-rs unimportable, as on a platform without its wheel.
"""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator, FormatChecker

from icscheck import loader, schema
from tests.helpers import AS_OF, COMPLIANT_SAMPLE, FIXTURES, REPO, SAMPLES, invoke

pytest.importorskip("jsonschema_rs")

REFERENCE = Draft202012Validator(
    json.loads(schema.schema_text(schema.ICS_SCHEMA)), format_checker=FormatChecker()
)


def _documents(folder: Path) -> list[Any]:
    found = []
    for path in sorted(folder.rglob("*.y*ml")):
        try:
            found.append(loader.load(loader.decode(path.read_bytes())).data)
        except loader.YamlSyntaxError:
            continue
    return found


def _generated(tmp_path: Path) -> list[Any]:
    subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "generate.py"), str(tmp_path), "--count", "150"],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return _documents(tmp_path)


def _agree(data: Any) -> None:
    fast = schema.compiled(schema.ICS_SCHEMA)
    assert fast is not None
    assert fast(data) == REFERENCE.is_valid(data), data


def test_both_agree_on_every_sample_fixture_and_hostile_file() -> None:
    documents = [
        *_documents(SAMPLES),
        *_documents(FIXTURES),
        *_documents(REPO / "tests" / "hostile" / "corpus"),
    ]
    assert len(documents) > 20
    for data in documents:
        _agree(data)


@pytest.mark.slow
def test_both_agree_on_generated_boards(tmp_path: Path) -> None:
    documents = _generated(tmp_path)
    assert len(documents) > 100
    verdicts = set()
    for data in documents:
        _agree(data)
        verdicts.add(REFERENCE.is_valid(data))
    assert verdicts == {True, False}


MUTATIONS = st.sampled_from(
    [
        None,
        0,
        -1,
        2**70,
        1.5,
        True,
        "",
        "x" * 300,
        "2028-02-30",
        "2028-03-31",
        "20280331",
        "chair",
        "QYG",
        [],
        {},
        ["a"],
        {"name": "A"},
    ]
)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.data())
def test_both_agree_when_any_value_of_a_sample_changes(data: st.DataObject) -> None:
    document = copy.deepcopy(_ESSEX)
    node: Any = document
    while isinstance(node, (dict, list)) and node:
        keys = list(node) if isinstance(node, dict) else list(range(len(node)))
        key = data.draw(st.sampled_from(keys))
        if data.draw(st.booleans()) or not isinstance(node[key], (dict, list)):
            node[key] = data.draw(MUTATIONS)
            break
        node = node[key]
    fast = schema.compiled(schema.ICS_SCHEMA)
    assert fast is not None
    try:
        verdict = fast(document)
    except (ValueError, TypeError, OverflowError):
        return  # the checker falls back to jsonschema for what the compiled one cannot take
    assert verdict == REFERENCE.is_valid(document), document


_ESSEX = loader.load((SAMPLES / "essex.ics.yaml").read_text("utf-8")).data


def test_without_the_compiled_validator_the_output_is_the_same(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    args = ("check", SAMPLES, REPO / "tests" / "fixtures" / "schema", "--format", "json")
    with_it = invoke(*args, "--as-of", AS_OF)
    monkeypatch.setattr(schema, "compiled", lambda name: None)
    without = invoke(*args, "--as-of", AS_OF)
    assert (with_it.exit_code, with_it.stdout) == (without.exit_code, without.stdout)
    assert '"rule": "SCHEMA"' in without.stdout


HOSTILE = REPO / "tests" / "hostile" / "corpus"
GENERATOR = REPO / "benchmarks" / "generate.py"
EDITION_FILES = [
    *sorted((REPO / "icscheck" / "data" / "editions").rglob("*.yaml")),
    *sorted((FIXTURES / "packs").glob("*.yaml")),
]
ICS_FILES = [
    *sorted(SAMPLES.glob("*.ics.yaml")),
    *sorted(path for path in FIXTURES.rglob("*.yaml") if "packs" not in path.parts),
    *sorted(HOSTILE.rglob("*.yaml")),
]
WITHOUT_COMPILED = """
import sys
sys.modules["jsonschema_rs"] = None  # `import jsonschema_rs` now raises ImportError
sys.argv = ["icscheck", *sys.argv[1:]]
from icscheck.cli import main
main()
"""


def loaded(path: Path) -> Any:
    """A file's data as the checker sees it, or None when it is not YAML at all."""
    try:
        return loader.load(loader.decode(path.read_bytes())).data
    except loader.YamlSyntaxError:
        return None


def assert_agree(data: Any, name: str = schema.ICS_SCHEMA) -> bool:
    """The compiled verdict is jsonschema's, and the fast path's findings are jsonschema's own."""
    compiled = schema.compiled(name)
    assert compiled is not None, "jsonschema-rs is a dependency and should be installed"
    expected = schema.problems(data, name)
    assert compiled(data) == (not expected)
    assert schema.validate(data, name) == expected
    return not expected


@pytest.mark.parametrize("path", ICS_FILES, ids=lambda path: str(path.relative_to(REPO)))
def test_agree_on_every_sample_fixture_and_hostile_file(path: Path) -> None:
    data = loaded(path)
    if data is not None:
        assert_agree(data)


@pytest.mark.parametrize("path", EDITION_FILES, ids=lambda path: str(path.relative_to(REPO)))
def test_agree_on_every_edition_and_rule_pack(path: Path) -> None:
    data = loaded(path)
    if data is not None:
        assert_agree(data, schema.EDITION_SCHEMA)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """300 benchmark board files, some with YAML errors and some failing the schema."""
    out = tmp_path_factory.mktemp("generated")
    subprocess.run(
        [sys.executable, str(GENERATOR), str(out), "--count", "300", "--seed", "8"],
        check=True,
        capture_output=True,
    )
    return sorted(out.glob("*.ics.yaml"))


def test_agree_on_generated_board_files(generated: list[Path]) -> None:
    kinds = {path: path.read_text("utf-8").partition("\n")[0] for path in generated}
    documents = {path: loaded(path) for path in generated}
    verdicts = {path: assert_agree(data) for path, data in documents.items() if data is not None}
    assert {kinds[path] for path, valid in verdicts.items() if valid} == {"# generated: valid"}
    assert {kinds[path] for path, valid in verdicts.items() if not valid} == {
        "# generated: schema-error"
    }


def test_a_year_0000_date_is_invalid_on_both_paths() -> None:
    """jsonschema-rs's own `format: date` accepts year 0; Python's calendar starts at 1."""
    data = sample_data()
    data["board"]["members"][0]["appointed"] = "0000-01-01"
    assert not assert_agree(data)
    assert "is not a real date" in schema.validate(data)[0].message


def test_a_year_0000_date_is_a_schema_finding_not_an_internal_error(tmp_path: Path) -> None:
    text = COMPLIANT_SAMPLE.read_text("utf-8").replace("appointed: 2022", "appointed: 0000", 1)
    target = tmp_path / "year-zero.ics.yaml"
    target.write_text(text, "utf-8")
    result = invoke("check", target, "--as-of", AS_OF)
    assert result.exit_code == 1, result.output
    assert "SCHEMA error appointed '0000-07-01' is not a real date" in result.stdout


@cache
def _sample() -> Any:
    return loaded(COMPLIANT_SAMPLE)


def sample_data() -> Any:
    """A fresh copy of a valid sample's data, to change."""
    return copy.deepcopy(_sample())


def places(data: Any, path: tuple[str | int, ...] = ()) -> Iterator[tuple[str | int, ...]]:
    """The path to every value in the document, the root last."""
    children = (
        data.items()
        if isinstance(data, dict)
        else enumerate(data)
        if isinstance(data, list)
        else ()
    )
    for key, value in children:
        yield from places(value, (*path, key))
    yield path


PLACES = list(places(_sample()))
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(),
    st.text(max_size=12),
    st.sampled_from(["2022-02-29", "2024-02-29", "0000-01-01", "2022-07-01\n", "QYG\n", "Q1", ""]),
    st.from_regex(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", fullmatch=True),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=6,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(PLACES), VALUES), min_size=1, max_size=3))
@example([(("ics", "icb_code"), "QYG\n")])
@example([(("board", "members", 0, "appointed"), "0000-01-01")])
def test_agree_on_mutated_documents(changes: list[tuple[tuple[str | int, ...], Any]]) -> None:
    """Any value of the sample replaced by any other: jsonschema's findings, on either path.

    One known difference is harmless: a `pattern` checked against text ending in a line break
    (Python's `$` matches before it, Rust's does not), where the compiled validator rejects and
    jsonschema then finds nothing, so the result is jsonschema's.
    """
    data = sample_data()
    for path, value in changes:
        if not path:
            data = value
            continue
        parent = data
        try:
            for key in path[:-1]:
                parent = parent[key]
            parent[path[-1]] = value
        except (KeyError, IndexError, TypeError):
            continue
    if data is None:
        return
    expected = schema.problems(data)
    compiled = schema.compiled(schema.ICS_SCHEMA)
    assert compiled is not None
    try:
        vouched = compiled(data)
    except (ValueError, TypeError, OverflowError):
        vouched = (
            False  # what it cannot take (older releases: an int over 64 bits) goes to jsonschema
        )
    if vouched:
        assert expected == []
    assert schema.validate(data) == expected


def run_cli(*args: str, compiled: bool) -> subprocess.CompletedProcess[str]:
    command = ["-m", "icscheck"] if compiled else ["-c", WITHOUT_COMPILED]
    return subprocess.run(
        [sys.executable, *command, *args], capture_output=True, text=True, cwd=REPO
    )


@pytest.mark.parametrize("output_format", ["json", "text"])
def test_without_jsonschema_rs_the_cli_answers_the_same(
    output_format: str, generated: list[Path]
) -> None:
    """The fallback (no compiled package) gives byte-identical output on samples and errors."""
    args = ["check", str(SAMPLES), *map(str, generated[:40])]
    args += ["--as-of", AS_OF, "--format", output_format]
    fast, fallback = run_cli(*args, compiled=True), run_cli(*args, compiled=False)
    assert "schema" in fast.stdout.lower()
    assert (fallback.returncode, fallback.stdout, fallback.stderr) == (
        fast.returncode,
        fast.stdout,
        fast.stderr,
    )


def test_the_fallback_really_runs_without_jsonschema_rs() -> None:
    probe = "import sys; sys.modules['jsonschema_rs'] = None\n"
    probe += "from icscheck import schema; print(schema.compiled(schema.ICS_SCHEMA))"
    completed = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert completed.stdout == "None\n"


def test_a_valid_file_does_not_load_jsonschema() -> None:
    """jsonschema is only needed to word an invalid file's findings."""
    probe = (
        "import sys\n"
        "from icscheck import loader, schema\n"
        "data = loader.load(open(sys.argv[1], encoding='utf-8').read()).data\n"
        "assert schema.validate(data) == []\n"
        "print('jsonschema' in sys.modules)\n"
    )
    completed = subprocess.run(
        [sys.executable, "-c", probe, str(COMPLIANT_SAMPLE)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert completed.stdout == "False\n"
