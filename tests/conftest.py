"""Fixtures every test module may ask for by name; the helpers themselves are in `helpers.py`."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from icscheck import loader


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run the test from an empty temporary folder."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


_LOADERS = [pytest.param(yaml.SafeLoader, id="pure-python")]
if hasattr(yaml, "CSafeLoader"):
    _LOADERS.insert(0, pytest.param(yaml.CSafeLoader, id="libyaml"))


@pytest.fixture(params=_LOADERS)
def each_loader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run the test with libyaml and with PyYAML's own parser: libyaml is absent on some systems."""
    monkeypatch.setattr(loader, "_Loader", request.param)
