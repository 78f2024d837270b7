"""The published schemas in `schemas/` are the package's own, byte for byte."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from tests.helpers import REPO

PUBLISHED = sorted(path.name for path in (REPO / "schemas").glob("*.schema.json"))


def test_every_schema_the_package_ships_is_published() -> None:
    shipped = resources.files("icscheck").joinpath("data", "schemas")
    names = sorted(p.name for p in shipped.iterdir() if p.name.endswith(".schema.json"))
    assert names == PUBLISHED


@pytest.mark.parametrize("name", PUBLISHED)
def test_a_published_schema_equals_the_shipped_one(name: str) -> None:
    shipped = resources.files("icscheck").joinpath("data", "schemas", name).read_bytes()
    assert (REPO / "schemas" / name).read_bytes() == shipped, (
        f"schemas/{name} is stale: cp icscheck/data/schemas/{name} schemas/"
    )


@pytest.mark.parametrize("name", PUBLISHED)
def test_a_published_schema_has_a_stable_id_named_for_its_file(name: str) -> None:
    schema = json.loads((REPO / "schemas" / name).read_text("utf-8"))
    assert schema["$id"] == f"https://icscheck.readthedocs.io/schemas/{name}"
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
