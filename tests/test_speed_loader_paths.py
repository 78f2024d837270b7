"""The loader's one pass gives exactly what its careful path gives, on every input, and takes
exactly the inputs it should (the broader companion of `test_speed_loader.py`).

The careful path (event check, PyYAML's node tree, one walk over it) is the reference; the fast
path must match its data, the position of every key and value, and, by handing over, its errors.
Both parsers run (the `each_loader` fixture): libyaml and PyYAML's own.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from icscheck import loader

_ROOT = Path(__file__).parent.parent
_FILES = sorted(
    path
    for folder in ("sample_configs", "tests/fixtures", "tests/hostile/corpus", "icscheck/data")
    for path in (_ROOT / folder).rglob("*.yaml")
)

_HANDED_OVER = {
    "anchor and alias": "a: &x [1, 2]\nb: *x\n",
    "tag": "a: !!str 12\n",
    "local tag": "a: !thing x\n",
    "tagged mapping": "a: !!map {b: 1}\n",
    "merge key": "base: &b {x: 1}\nother:\n  <<: *b\n",
    "bare merge key": "<<: {x: 1}\n",
    "value key": "a: =\n",
    "duplicate key": "a: 1\nb: 2\na: 3\n",
    "duplicate nested key": "a:\n  - x: 1\n    x: 2\n",
    "list as a key": "? [1, 2]\n: x\n",
    "mapping as a key": "? {a: 1}\n: x\n",
    "two documents": "a: 1\n---\nb: 2\n",
    "syntax error": "a: [1, 2\n",
    "tab": "a:\n\tb: 1\n",
    "control character": "a: b\x07c\n",
    "too deep": "[" * 101 + "]" * 101 + "\n",
    "too deep in block": "".join("  " * i + f"k{i}:\n" for i in range(101)) + "  " * 101 + "x\n",
    "long integer": "a: " + "9" * 101 + "\n",
    "billion laughs": "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 10)}]\n" for i in range(6)
    ),
}
"""Inputs the fast path leaves to the careful path, which refuses most of them."""

_TAKEN = {
    "empty": "",
    "comments only": "# nothing\n",
    "empty document": "---\n",
    "ended document": "a: 1\n...\n",
    "scalar root": "just text\n",
    "flow": "a: {b: [1, 2.5, ~, true, 'x'], c: {}}\n",
    "block scalars": "a: |\n  one\n  two\nb: >\n  folded\n",
    "YAML 1.1 booleans stay text": "a: yes\nb: NO\nc: on\nd: Off\ne: TRUE\n",
    "numbers": "a: 0x1F\nb: 0o17\nc: 1_000\nd: -.inf\ne: .nan\nf: 1:30\ng: 1e3\n",
    "dates stay text": "a: 2028-03-31\nb: 2001-12-14t21:59:43.10-05:00\n",
    "quoted look-alikes": "a: '1'\nb: \"true\"\nc: '~'\nd: '<<'\n'<<x': 1\n",
    "odd keys": "1: a\nnull: b\n~: c\n'': d\ntrue: e\n? x\n",
    "byte-order mark": "\ufeffa: 1\n",
    "deep but allowed": "[" * 100 + "]" * 100 + "\n",
    "YAML directive": "%YAML 1.1\n---\na: 1\n",
}
"""Inputs the fast path reads itself."""


def _outcome(load: Any, text: str) -> tuple[Any, ...]:
    """Everything a load gives: data and every position, or every problem."""
    try:
        document = load(text)
    except loader.YamlSyntaxError as error:
        return ("refused", error.problems)
    return ("loaded", repr(document.data), document.values, document.keys)


def _assert_same(text: str) -> None:
    assert _outcome(loader.load, text) == _outcome(loader._careful, text)


def _takes_fast_path(text: str) -> bool:
    return loader._one_pass(text) is not None


@pytest.mark.usefixtures("each_loader")
@pytest.mark.parametrize("path", _FILES, ids=lambda path: str(path.relative_to(_ROOT)))
def test_every_sample_fixture_and_corpus_file_loads_the_same_both_ways(path: Path) -> None:
    try:
        text = loader.decode(path.read_bytes())
    except loader.YamlSyntaxError:
        return  # not UTF-8: never reaches either path
    _assert_same(text)


def test_the_sample_configs_take_the_fast_path() -> None:
    samples = [path for path in _FILES if path.parts[-2] == "sample_configs"]
    assert samples
    for path in samples:
        assert _takes_fast_path(loader.decode(path.read_bytes())), path


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    folder = tmp_path_factory.mktemp("generated")
    script = _ROOT / "benchmarks" / "generate.py"
    command = [sys.executable, str(script), str(folder), "--count", "300", "--seed", "8"]
    subprocess.run(command, check=True, capture_output=True)
    return [path.read_text() for path in sorted(folder.glob("*.yaml"))]


@pytest.mark.slow
@pytest.mark.usefixtures("each_loader")
def test_generated_files_load_the_same_both_ways(generated: list[str]) -> None:
    assert len(generated) == 300
    for text in generated:
        _assert_same(text)


@pytest.mark.slow
def test_generated_files_take_the_fast_path_unless_their_yaml_is_broken(
    generated: list[str],
) -> None:
    for text in generated:
        assert _takes_fast_path(text) != text.startswith("# generated: syntax-error"), text[:40]


@pytest.mark.usefixtures("each_loader")
@pytest.mark.parametrize("text", _HANDED_OVER.values(), ids=_HANDED_OVER.keys())
def test_unusual_input_is_handed_to_the_careful_path(text: str) -> None:
    assert not _takes_fast_path(text)
    _assert_same(text)


@pytest.mark.slow
@pytest.mark.usefixtures("each_loader")
def test_too_many_values_are_handed_to_the_careful_path() -> None:
    text = "[" + "1," * 200_001 + "1]\n"
    assert not _takes_fast_path(text)
    _assert_same(text)


@pytest.mark.usefixtures("each_loader")
@pytest.mark.parametrize("text", _TAKEN.values(), ids=_TAKEN.keys())
def test_ordinary_input_is_read_by_the_fast_path_as_the_careful_one_reads_it(text: str) -> None:
    assert _takes_fast_path(text)
    _assert_same(text)


def test_the_fast_path_keeps_the_yaml_1_2_booleans_and_text_dates() -> None:
    data = loader.load(_TAKEN["YAML 1.1 booleans stay text"] + "f: 2028-03-31\n").data
    assert data == {"a": "yes", "b": "NO", "c": "on", "d": "Off", "e": True, "f": "2028-03-31"}


_ONCE_PER_PARSER = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
"""`each_loader` chooses the parser once for all of a test's examples, as intended."""

_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.dates().map(str),
    st.sampled_from(["yes", "no", "~", "null", "<<", "=", "0x1F", "1_0", "1:30", "", "a: b", "-"]),
    st.text(max_size=12),
)
_KEYS = st.one_of(st.text(max_size=8), st.sampled_from(["<<", "yes", "1", "~", ""]))
_DATA = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_KEYS, inner, max_size=4),
    max_leaves=20,
)


@pytest.mark.usefixtures("each_loader")
@settings(max_examples=150, deadline=None, suppress_health_check=_ONCE_PER_PARSER)
@given(data=_DATA, flow=st.sampled_from([None, True, False]))
def test_any_dumped_data_loads_the_same_both_ways(data: Any, flow: bool | None) -> None:
    _assert_same(yaml.safe_dump(data, default_flow_style=flow, allow_unicode=True))


_SNIPPET = st.sampled_from(
    [
        *["a", ":", " ", "\n", "- ", "[", "]", "{", "}", ",", "&x ", "*x", "!!str ", "'", '"'],
        *["#", "1", "\t", "? ", "---\n", "|\n", "<<", "yes", "~", "0x", "  ", "k: ", "=", "%"],
        "2028-03-31",
    ]
)


@pytest.mark.usefixtures("each_loader")
@settings(max_examples=300, deadline=None, suppress_health_check=_ONCE_PER_PARSER)
@given(pieces=st.lists(_SNIPPET, max_size=30))
def test_any_text_made_of_yaml_pieces_loads_the_same_both_ways(pieces: list[str]) -> None:
    _assert_same("".join(pieces))
