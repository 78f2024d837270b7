"""Knowledge kept in one place: the rules declare the seats `icscheck init` offers, for every
edition, and the schema's enums are the model's."""

from __future__ import annotations

import json
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path
from typing import Any

import pytest

from icscheck import model, schema
from icscheck.citations import cite
from icscheck.editions import builtin_editions, load_edition
from tests.helpers import AS_OF, EDITIONS_OLDEST_FIRST, HCA22, WP21, filled_in, invoke

SEAT_COUNTER = "ICB003"
"""Asks for no seat of its own: it counts the ordinary members the other seats add."""
MODEL_ENUMS: dict[str, type[StrEnum]] = {
    "sector": model.Sector,
    "role": model.Role,
    "nominated_by": model.Nominator,
    "portfolio": model.Portfolio,
    "kind": model.InterestKind,
    "appointed_by": model.Appointer,
}
"""Each enum of the input schema, by the name it is defined or used under, and its StrEnum."""


def seat_rules(edition: str) -> list[str]:
    """The rules in force in `edition` that declare a seat, in the edition's order."""
    return [s.rule.id for s in load_edition(edition).settings if s.rule.seat is not None]


def init_text(edition: str, *extra: str) -> str:
    result = invoke("init", "--icb", "QYG", "--as-of", AS_OF, "--edition", edition, *extra, "-")
    assert result.exit_code == 0, result.output
    return result.stdout


def check(path: Path, edition: str) -> tuple[int, list[dict[str, Any]]]:
    result = invoke("check", path, "--as-of", AS_OF, "--edition", edition, "--format", "json")
    assert result.exit_code in (0, 1), result.output
    (checked,) = json.loads(result.stdout)["files"]
    return result.exit_code, checked["findings"]


def notes(text: str) -> str:
    """The notes of the board and partnership, unfolded into one line."""
    body = text.split("\nversion: 1\n")[1]
    lines = (line.strip() for line in body.splitlines())
    return " ".join(line.removeprefix("## ") for line in lines if line.startswith("##"))


@pytest.mark.parametrize("edition", EDITIONS_OLDEST_FIRST)
def test_check_lists_exactly_the_seats_still_to_fill(tmp_path: Path, edition: str) -> None:
    started = tmp_path / "qyg.ics.yaml"
    started.write_text(init_text(edition), "utf-8")
    code, findings = check(started, edition)
    reported = {f["rule"] for f in findings}
    assert code == 1
    assert reported - {SEAT_COUNTER} == set(seat_rules(edition))
    assert not reported & {"SCHEMA", "YAML-SYNTAX"}


@pytest.mark.parametrize("edition", EDITIONS_OLDEST_FIRST)
def test_filling_in_every_seat_satisfies_the_edition(tmp_path: Path, edition: str) -> None:
    filled = tmp_path / "qyg.ics.yaml"
    filled.write_text(filled_in(init_text(edition)), "utf-8")
    assert check(filled, edition) == (0, [])


@pytest.mark.parametrize("edition", EDITIONS_OLDEST_FIRST)
def test_each_seat_cites_its_rule_as_the_edition_cites_it(edition: str) -> None:
    """A proposal's seats cite the proposal; the law's, the provisions of the Act."""
    written = notes(init_text(edition))
    for rule_id in seat_rules(edition):
        assert rule_id in written, rule_id
        setting = load_edition(edition).setting(rule_id)
        assert setting is not None
        if setting.citation != setting.rule.citation:
            assert f"({rule_id}; {cite(setting.citation)})" in written


@pytest.mark.parametrize("edition", EDITIONS_OLDEST_FIRST)
def test_without_an_icb_the_file_is_valid_input_too(tmp_path: Path, edition: str) -> None:
    result = invoke("init", "--as-of", AS_OF, "--edition", edition, "-")
    started = tmp_path / "my-system.ics.yaml"
    started.write_text(result.stdout, "utf-8")
    _, findings = check(started, edition)
    assert set(seat_rules(edition)) <= {f["rule"] for f in findings}
    assert not {f["rule"] for f in findings} & {"SCHEMA", "YAML-SYNTAX"}


def test_the_default_edition_is_the_law_in_force() -> None:
    default = invoke("init", "--icb", "QYG", "--as-of", AS_OF, "-")
    assert default.stdout == init_text(HCA22)
    assert "icscheck check FILE\n" in default.stdout


def test_an_edition_is_named_by_id_or_alias_and_in_the_check_line() -> None:
    text = init_text("white-paper")
    assert text == init_text(WP21)
    assert f"icscheck check FILE --edition {WP21}\n" in text
    assert f"seat that the edition {WP21} asks for" in text.replace("\n# ", " ")


def test_a_body_with_no_seats_is_left_empty() -> None:
    """Option 1 has no statutory partnership, so init offers it no members."""
    text = init_text("nhse-2020-option1")
    assert text.endswith(
        "partnership:\n  name: Cheshire and Merseyside Integrated Care Partnership\n  members: []\n"
    )


def test_an_unknown_edition_is_one_line_and_writes_nothing(in_tmp: Path) -> None:
    result = invoke("init", "--icb", "QYG", "--as-of", AS_OF, "--edition", "hca-2023")
    assert result.exit_code == 2
    assert result.stderr.startswith("icscheck: error: unknown edition 'hca-2023'; did you mean")
    assert result.stderr.count("\n") == 1
    assert list(in_tmp.iterdir()) == []


def test_every_built_in_edition_is_offered() -> None:
    assert sorted(EDITIONS_OLDEST_FIRST) == builtin_editions()


def _enums(node: Any, name: str = "") -> Iterator[tuple[str, list[Any]]]:
    """Every `enum` in the schema, with the name of the definition or property holding it."""
    if isinstance(node, dict):
        if "enum" in node:
            yield name, node["enum"]
        for key, value in node.items():
            yield from _enums(value, key if isinstance(value, dict) else name)
    elif isinstance(node, list):
        for item in node:
            yield from _enums(item, name)


def test_the_schemas_enums_equal_the_models_enums() -> None:
    found = list(_enums(json.loads(schema.schema_text())))
    assert {name for name, _ in found} == MODEL_ENUMS.keys()
    for name, values in found:
        assert {v for v in values if v is not None} == set(MODEL_ENUMS[name]), name
