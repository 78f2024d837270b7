"""Fixtures for rule tests; the builders are in `tests/rules/helpers.py`."""

from __future__ import annotations

import pytest

from tests.rules.helpers import Doc, fixture_document


@pytest.fixture
def compliant() -> Doc:
    """A whole system that meets every hca-2022 rule (tests/fixtures/rules/compliant.yaml)."""
    return fixture_document("compliant.yaml")
