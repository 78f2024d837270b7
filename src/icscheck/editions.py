"""Editions: named selections of rules with severities, parameters and citations, as YAML data.

An edition may `extends:` another and change only what differs, as yamllint's presets do, so a
new edition of the law needs no Python. The same format is the user's rule pack.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any

from icscheck import schema, source
from icscheck.findings import Severity
from icscheck.rules import RULES_BY_ID, Citation, Rule
from icscheck.sources import all_sources

DEFAULT_EDITION = "hca-2022"


class EditionError(Exception):
    """An edition or rule pack that cannot be used; the message says where and why."""


@dataclass(frozen=True, slots=True)
class RuleSetting:
    """A rule as one edition puts it in force."""

    rule: Rule
    severity: Severity
    citation: Citation
    params: Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class Edition:
    """A set of rules in force, and what it rests on."""

    id: str
    title: str
    date: str | None
    summary: str
    sources: tuple[str, ...]
    settings: tuple[RuleSetting, ...]
    """The rules in force, in catalogue order."""

    def setting(self, rule_id: str) -> RuleSetting | None:
        return next((s for s in self.settings if s.rule.id == rule_id), None)


def builtin_editions() -> list[str]:
    """The IDs of the editions shipped with icscheck."""
    folder = resources.files("icscheck").joinpath("editions")
    return sorted(
        entry.name.removesuffix(".yaml")
        for entry in folder.iterdir()
        if entry.name.endswith(".yaml")
    )


def load_edition(name: str) -> Edition:
    """A shipped edition by ID, with everything it extends merged in and checked."""
    raw = _read_builtin(name, chain=())
    return _build(raw, origin=f"edition {name}")


def _read_builtin(name: str, chain: tuple[str, ...]) -> dict[str, Any]:
    if name not in builtin_editions():
        known = ", ".join(builtin_editions())
        raise EditionError(f"unknown edition '{name}'; choose one of: {known}")
    if name in chain:
        raise EditionError(f"edition '{name}' extends itself (via {' -> '.join(chain)})")
    resource = resources.files("icscheck").joinpath("editions", f"{name}.yaml")
    return _resolve(_parse(resource.read_text("utf-8"), f"{name}.yaml"), (*chain, name))


def _parse(text: str, label: str) -> dict[str, Any]:
    """The edition's data, or an `EditionError` naming file, line and column."""
    try:
        document = source.load(text)
    except source.YamlSyntaxError as error:
        problem = error.problems[0]
        where = f"{label}:{problem.position.line}:{problem.position.column}"
        raise EditionError(f"{where}: {problem.message}") from None
    problems = schema.validate(document.data, schema.EDITION_SCHEMA)
    if problems:
        first = problems[0]
        position = document.locate(first.pointer, at_key=first.at_key)
        raise EditionError(f"{label}:{position.line}:{position.column}: {first.message}")
    data: dict[str, Any] = document.data
    return data


def _resolve(data: dict[str, Any], chain: tuple[str, ...]) -> dict[str, Any]:
    """The data with its parent's rules merged beneath it."""
    parent_name = data.get("extends")
    if parent_name is None:
        return data
    parent = _read_builtin(parent_name, chain)
    rules: dict[str, Any] = dict(parent["rules"])
    for rule_id, entry in data["rules"].items():
        if entry == "off":
            rules.pop(rule_id, None)
        elif isinstance(rules.get(rule_id), dict):
            merged_params = {**rules[rule_id].get("params", {}), **entry.get("params", {})}
            rules[rule_id] = {**rules[rule_id], **entry, "params": merged_params}
        else:
            rules[rule_id] = entry
    return {**parent, **data, "rules": rules}


def _build(data: dict[str, Any], origin: str) -> Edition:
    entries: dict[str, Any] = data["rules"]
    for rule_id in entries:
        if rule_id not in RULES_BY_ID:
            raise EditionError(f"{origin}: unknown rule '{rule_id}' (see `icscheck rules`)")
    settings = tuple(
        _setting(rule, entries[rule.id], origin)
        for rule in RULES_BY_ID.values()
        if isinstance(entries.get(rule.id), dict)
    )
    return Edition(
        id=data.get("edition", origin),
        title=data.get("title", origin),
        date=data.get("date"),
        summary=data.get("summary", ""),
        sources=tuple(data.get("sources", ())),
        settings=settings,
    )


def _setting(rule: Rule, entry: dict[str, Any], origin: str) -> RuleSetting:
    source_id = entry.get("source", rule.citation.source)
    if source_id not in all_sources():
        raise EditionError(f"{origin}: rule {rule.id} cites unknown source '{source_id}'")
    if source_id == rule.citation.source:
        default_section, default_confidence = rule.citation.section, rule.citation.confidence
    else:
        default_section, default_confidence = "", None
    citation = Citation(
        source_id,
        entry.get("section", default_section),
        entry.get("confidence", default_confidence),
    )
    return RuleSetting(
        rule=rule,
        severity=Severity(entry.get("severity", rule.severity)),
        citation=citation,
        params=_params(rule, entry.get("params", {}), origin),
    )


def _params(rule: Rule, given: dict[str, Any], origin: str) -> dict[str, Any]:
    """The rule's defaults overridden by `given`, each of the default's type."""
    for name, value in given.items():
        if name not in rule.parameters:
            allowed = ", ".join(rule.parameters) or "none"
            raise EditionError(
                f"{origin}: rule {rule.id} has no parameter '{name}' (its parameters: {allowed})"
            )
        if not _same_type(value, rule.parameters[name]):
            raise EditionError(
                f"{origin}: rule {rule.id} parameter '{name}' must be like "
                f"{rule.parameters[name]!r}, not {value!r}"
            )
    return {**rule.parameters, **given}


def _same_type(value: Any, default: Any) -> bool:
    if isinstance(default, bool) or isinstance(value, bool):
        return type(value) is type(default)
    if isinstance(default, list):
        return isinstance(value, list) and all(isinstance(item, str) for item in value)
    return isinstance(value, type(default))
