"""Editions as a package: a typed diff, and a pack's citation carried by the loader."""

from __future__ import annotations

import itertools
import textwrap

import pytest

from icscheck.citations import Citation
from icscheck.editions import (
    EditionError,
    builtin_editions,
    edition_from_text,
    load_edition,
)
from icscheck.editions.diff import (
    Added,
    CitationChanged,
    ParametersChanged,
    Removed,
    SeverityChanged,
    diff_editions,
)
from icscheck.rules import ALL_RULES
from icscheck.rules.base import Param
from tests.helpers import REPO


def test_every_kind_of_change_appears_between_the_shipped_editions() -> None:
    seen = {
        type(change)
        for a, b in itertools.permutations(builtin_editions(), 2)
        for change in diff_editions(load_edition(a), load_edition(b))
    }
    assert seen == {Added, Removed, SeverityChanged, ParametersChanged, CitationChanged}


def test_each_change_carries_the_values_of_its_kind() -> None:
    for change in diff_editions(load_edition("nhse-2020-option1"), load_edition("hca-2022")):
        match change:
            case Added(after=setting) | Removed(before=setting):
                assert setting.rule.id == change.rule
            case SeverityChanged() | CitationChanged() | ParametersChanged():
                assert change.before != change.after


def test_a_packs_own_rules_cite_the_pack_and_inherited_ones_keep_their_source() -> None:
    pack = edition_from_text(
        textwrap.dedent(
            """\
            edition: our-constitution
            extends: hca-2022
            rules:
              ICB012: {params: {minimum: 3}, section: "clause 3.4"}
            """
        ),
        "constitution.yaml",
    )
    own = pack.setting("ICB012")
    inherited = pack.setting("ICB001")
    assert own is not None and inherited is not None
    assert own.citation == Citation("PACK", "constitution.yaml: clause 3.4")
    assert inherited.citation == load_edition("hca-2022").setting("ICB001").citation  # type: ignore[union-attr]


def test_no_private_key_is_injected_into_pack_data() -> None:
    package = REPO / "icscheck" / "editions"
    assert not any("_PACK" in path.read_text("utf-8") for path in package.glob("*.py"))


def test_a_rule_without_a_value_for_its_parameter_is_refused() -> None:
    with pytest.raises(EditionError) as caught:
        edition_from_text("rules:\n  ICB003: {severity: error}\n", "pack.yaml")
    assert str(caught.value) == (
        "pack.yaml: rule ICB003 needs a value for each parameter: minimum (a whole number)"
    )


@pytest.mark.parametrize("edition_id", builtin_editions())
def test_every_shipped_edition_gives_every_parameter_its_rules_declare(edition_id: str) -> None:
    for setting in load_edition(edition_id).settings:
        assert set(setting.params) == set(setting.rule.parameters), setting.rule.id
        for name, value in setting.params.items():
            assert setting.rule.parameters[name].accepts(value), (setting.rule.id, name)


def test_rules_declare_types_not_values() -> None:
    for rule in ALL_RULES:
        assert all(isinstance(param, Param) for param in rule.parameters.values()), rule.id
