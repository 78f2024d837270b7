"""The compiled schema check and jsonschema agree: findings never depend on which is installed."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator, FormatChecker

from icscheck import loader, schema
from tests.helpers import AS_OF, FIXTURES, REPO, SAMPLES, invoke

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
