"""Editions: named selections of rules with severities, parameters and citations, as YAML data.

An edition may `extends:` another and change only what differs, as yamllint's presets do, so a
new edition of the law needs no Python. The same format is the user's rule pack. `types` says
what an edition is, `loading` reads and checks them, `diff` compares two (imported
where it is used, so a check does not load it).
"""

from icscheck.editions.loading import (
    builtin_editions,
    edition_from_file,
    edition_from_text,
    editions_by_date,
    in_force_in,
    latest_params,
    load_edition,
)
from icscheck.editions.types import (
    ALL_EDITIONS,
    DEFAULT_EDITION,
    EDITION_ALIASES,
    Edition,
    EditionError,
    RuleSetting,
)

__all__ = [
    "ALL_EDITIONS",
    "DEFAULT_EDITION",
    "EDITION_ALIASES",
    "Edition",
    "EditionError",
    "RuleSetting",
    "builtin_editions",
    "edition_from_file",
    "edition_from_text",
    "editions_by_date",
    "in_force_in",
    "latest_params",
    "load_edition",
]
