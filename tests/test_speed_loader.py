"""The one-pass reader and the careful one agree: same data, same positions, same refusals."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from icscheck import loader
from tests.helpers import FIXTURES, REPO, SAMPLES

CORPUS = [
    *sorted(SAMPLES.glob("*.yaml")),
    *sorted(FIXTURES.rglob("*.yaml")),
    *sorted((REPO / "tests" / "hostile" / "corpus").rglob("*.yaml")),
    *sorted((REPO / "icscheck" / "data" / "editions").glob("*.yaml")),
]


def _agree(text: str) -> bool:
    """Whether both readers agree on `text`; True when the one-pass reader took it."""
    fast = loader._one_pass(text)
    try:
        careful = loader._careful(text)
    except loader.YamlSyntaxError:
        assert fast is None, text
        return False
    if fast is None:
        return False
    assert (fast.data, fast.values, fast.keys) == (careful.data, careful.values, careful.keys)
    assert type(fast.data) is type(careful.data)
    return True


@pytest.mark.usefixtures("each_loader")
@pytest.mark.parametrize("path", CORPUS, ids=lambda path: path.name)
def test_both_readers_agree_on_every_file_we_have(path: Path) -> None:
    _agree(loader.decode(path.read_bytes()))


@pytest.mark.slow
@pytest.mark.usefixtures("each_loader")
def test_ordinary_files_take_the_one_pass(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "generate.py"), str(tmp_path), "--count", "60"],
        check=True,
        capture_output=True,
        timeout=300,
    )
    taken = [_agree(path.read_text("utf-8")) for path in sorted(tmp_path.glob("*.yaml"))]
    assert sum(taken) >= 50
    assert all(_agree(path.read_text("utf-8")) for path in sorted(SAMPLES.glob("*.yaml")))


SCALARS = st.sampled_from(
    [
        "1", "-3", "0x1F", "0o17", "1_000", "1.5", ".inf", "~", "null", "", "true", "True",
        "yes", "no", "on", "2028-03-31", "2028-02-30", "'quoted'", '"x: y"', "<<", "!!str 1",
        "&a 1", "*a", "[1, 2]", "{a: 1}", "a: b", "- x", "|\n  text", "'", "#c", "12345678901",
    ]
)  # fmt: skip
KEYS = st.sampled_from(["a", "b", "1", "true", "<<", "'a'", "? x", "a b", "null"])


@st.composite
def documents(draw: st.DrawFn) -> str:
    lines = []
    for _ in range(draw(st.integers(1, 6))):
        indent = "  " * draw(st.integers(0, 2))
        item = "- " if draw(st.booleans()) else ""
        lines.append(f"{indent}{item}{draw(KEYS)}: {draw(SCALARS)}")
    return "\n".join(lines) + "\n"


@pytest.mark.usefixtures("each_loader")
@settings(max_examples=300, deadline=None, derandomize=True)
@given(documents())
def test_both_readers_agree_on_generated_yaml(text: str) -> None:
    _agree(text)


def test_both_readers_agree_where_libyaml_is_not_used(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loader, "_Loader", yaml.SafeLoader)
    for path in CORPUS:
        _agree(loader.decode(path.read_bytes()))
