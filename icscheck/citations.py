"""The documents rules cite, read from the shipped `citations.yaml`."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from icscheck.rules.base import Citation

CONFIDENCE = {
    "Q": "quoted from the source",
    "C": "corroborated by two or more secondary sources",
    "R": "recalled, not verified",
    "N": "not law: good practice or icscheck's own format; nothing quoted",
}


@dataclass(frozen=True, slots=True)
class Source:
    """A document a rule rests on."""

    id: str
    title: str
    short: str
    """How findings name it, e.g. ``NHS Act 2006 Sch. 1B``."""
    confidence: str
    url: str | None = None


@cache
def all_sources() -> dict[str, Source]:
    text = resources.files("icscheck").joinpath("data", "citations.yaml").read_text("utf-8")
    return {key: Source(id=key, **fields) for key, fields in yaml.safe_load(text).items()}


def cite(citation: Citation) -> str:
    """The citation as a finding shows it: ``NHS Act 2006 Sch. 1B, para 3(1)(a)``."""
    short = all_sources()[citation.source].short
    return f"{short}, {citation.section}" if citation.section else short


def confidence(citation: Citation) -> str:
    """Q, C, R or N for this citation: its own, or its source's."""
    return citation.confidence or all_sources()[citation.source].confidence
