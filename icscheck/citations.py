"""Citations and the documents they name: `Citation`, and the sources read from the shipped
`citations.yaml`, with how a finding cites them and how sure each is."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import yaml

from icscheck.shipped import shipped_text


@dataclass(frozen=True, slots=True)
class Citation:
    """Where a requirement comes from: a source in `citations.yaml` and the part of it."""

    source: str
    """Source ID, e.g. ``HCA22-1B``."""
    section: str = ""
    """The provision within it, e.g. ``para 3(1)(a)``."""
    confidence: str | None = None
    """Q quoted, C corroborated, R recalled, N not law; None takes the source's own."""


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
    """The shipped sources, read with libyaml's parser where PyYAML has it (a third of the time)."""
    text = shipped_text("citations.yaml")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return {key: Source(id=key, **fields) for key, fields in yaml.load(text, loader).items()}


@cache
def cite(citation: Citation) -> str:
    """The citation as a finding shows it: ``NHS Act 2006 Sch. 1B, para 3(1)(a)``; one text a
    citation, however many findings show it."""
    short = all_sources()[citation.source].short
    return f"{short}, {citation.section}" if citation.section else short


def confidence(citation: Citation) -> str:
    """Q, C, R or N for this citation: its own, or its source's."""
    return citation.confidence or all_sources()[citation.source].confidence
