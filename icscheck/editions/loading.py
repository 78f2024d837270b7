"""Loading editions and rule packs: the shipped YAML and users' files, merged along `extends:`
and checked against the schema and the rule catalogue, with every refusal located."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from icscheck import loader, schema
from icscheck.citations import Citation, all_sources
from icscheck.discovery import InputError, read_limited
from icscheck.editions.types import (
    ALL_EDITIONS,
    DEFAULT_EDITION,
    EDITION_ALIASES,
    Edition,
    EditionError,
    RuleSetting,
)
from icscheck.results import Severity
from icscheck.rules import ALL_RULES, RULES_BY_ID, Rule
from icscheck.shipped import FOLDER, shipped_text
from icscheck.wording import clip, did_you_mean, location

_CITATION_KEYS = ("source", "section", "confidence")
"""An entry that names its own source replaces the whole citation it inherits, not just part."""


def builtin_editions() -> list[str]:
    """The IDs of the editions shipped with icscheck."""
    folder = FOLDER / "editions"
    return sorted(
        entry.name.removesuffix(".yaml")
        for entry in folder.iterdir()
        if entry.name.endswith(".yaml")
    )


def editions_by_date() -> list[Edition]:
    """Every shipped edition, oldest first: the order the reform went through them."""
    return sorted((load_edition(name) for name in builtin_editions()), key=lambda e: e.date or "")


def in_force_in(rule_id: str) -> list[Edition]:
    """The shipped editions that put a rule in force, oldest first."""
    return [edition for edition in editions_by_date() if edition.setting(rule_id) is not None]


def latest_params(rule_id: str) -> Mapping[str, Any]:
    """A rule's parameters in the latest shipped edition that puts it in force: a rule has no
    values of its own, so this is what to show or run it with outside any edition."""
    settings = [s for e in in_force_in(rule_id) if (s := e.setting(rule_id))]
    return settings[-1].params if settings else {}


@cache
def load_edition(name: str) -> Edition:
    """A shipped edition by ID (or alias), with everything it extends merged in and checked."""
    name = EDITION_ALIASES.get(name, name)
    text = _builtin_text(name)
    if text is None:
        raise EditionError(f"unknown edition '{name}'; {_choices(name)}")
    return _edition(text, f"{name}.yaml", chain=(name,))


def edition_from_file(path: Path) -> Edition:
    """A rule pack (or edition) from a YAML file, merged with what it extends and checked."""
    try:
        raw = read_limited(path)
    except InputError as error:
        raise EditionError(f"{path}: cannot read the rule pack ({error})") from None
    try:
        text = loader.decode(raw)
    except loader.YamlSyntaxError as error:
        raise EditionError(_where(str(path), error.problems[0].position, error)) from None
    return edition_from_text(text, str(path))


def edition_from_text(text: str, label: str) -> Edition:
    """A rule pack (or edition) from YAML text; `label` names it in errors (``label:line:col``).

    The rules the pack itself sets cite the pack, the constitution or policy they enforce, unless
    an entry names a `source` of its own.
    """
    return _edition(text, label, chain=(), pack=True)


def _edition(text: str, label: str, chain: tuple[str, ...], *, pack: bool = False) -> Edition:
    own = _parse(text, label)
    name = label
    cited: dict[str, Citation] = {}
    if pack:
        _check_pack_id(own, label)
        name = f"rule pack {_edition_id(own.data, label)} ({label})"
        cited = _pack_citations(own.data["rules"], label)
        if "title" in own.data:
            own = _Layer({**own.data, "title": f"{own.data['title']}, {name}"}, own.document)
    return _build(_resolve(own, label, chain, name=name), label, name, cited)


def _check_pack_id(layer: _Layer, label: str) -> None:
    """A pack's reports must not pass for a built-in edition's: its ID must be its own."""
    pack_id = _edition_id(layer.data, label)
    if pack_id not in (*builtin_editions(), *EDITION_ALIASES, ALL_EDITIONS):
        return
    if "edition" in layer.data:
        where, how = layer.document.locate(("edition",)), "give the pack an ID of its own"
    else:
        where, how = layer.document.locate(()), "add `edition:` with an ID of its own"
    message = (
        f"a rule pack cannot be the edition '{pack_id}'; {how} "
        f"(to start from '{pack_id}', write `extends: {pack_id}`)"
        if pack_id != ALL_EDITIONS
        else f"a rule pack cannot be called 'all'; {how}"
    )
    raise EditionError(_where(label, where, message))


def _edition_id(data: dict[str, Any], label: str) -> str:
    """The `edition:` the file gives, or its file name without the extension."""
    return str(data.get("edition", Path(label).stem))


def _pack_citations(rules: dict[str, Any], label: str) -> dict[str, Citation]:
    """The pack's own entries cite the pack (with their section), unless they name a source."""
    return {
        rule_id: Citation("PACK", f"{label}: {entry['section']}" if "section" in entry else label)
        for rule_id, entry in rules.items()
        if isinstance(entry, dict) and "source" not in entry
    }


def _builtin_text(name: str) -> str | None:
    """A shipped edition's YAML, or None when there is no such edition."""
    if name not in builtin_editions():
        return None
    return shipped_text("editions", f"{name}.yaml")


def _choices(name: str) -> str:
    known = builtin_editions()
    hint = did_you_mean(name, known)
    listed = f"choose one of: {', '.join(known)}"
    return f"{hint} ({listed})" if hint else listed


def _where(label: str, position: loader.Position, message: object) -> str:
    return f"{location(label, position.line, position.column)}: {message}"


@dataclass(frozen=True, slots=True)
class _Layer:
    """One file's own data, checked, with where each part of it stands."""

    data: dict[str, Any]
    document: loader.Document


def _parse(text: str, label: str) -> _Layer:
    """The file's data, checked against the schema and the catalogue, or an `EditionError`."""
    try:
        document = loader.load(text)
    except loader.YamlSyntaxError as error:
        problem = error.problems[0]
        raise EditionError(_where(label, problem.position, problem.message)) from None
    problems = schema.validate(document.data, schema.EDITION_SCHEMA)
    if problems:
        first = problems[0]
        position = document.locate(first.pointer, at_key=first.at_key)
        raise EditionError(_where(label, position, first.message))
    layer = _Layer(document.data, document)
    _check(layer, label)
    return layer


def _check(layer: _Layer, label: str) -> None:
    """Rule IDs, parameters and source IDs the schema cannot know, located in the file."""

    def fail(pointer: loader.Pointer, message: str, *, at_key: bool = False) -> EditionError:
        return EditionError(_where(label, layer.document.locate(pointer, at_key=at_key), message))

    sources = all_sources()
    for index, source_id in enumerate(layer.data.get("sources", ())):
        if source_id not in sources:
            raise fail(("sources", index), _unknown_source(source_id))
    for rule_id, entry in layer.data["rules"].items():
        rule = RULES_BY_ID.get(rule_id)
        here = ("rules", rule_id)
        if rule is None:
            hint = did_you_mean(rule_id, RULES_BY_ID)
            hint = f"{hint} " if hint else ""
            raise fail(
                here, f"unknown rule '{rule_id}'; {hint}(`icscheck rules` lists them)", at_key=True
            )
        if not isinstance(entry, dict):
            continue
        if "source" in entry and entry["source"] not in sources:
            raise fail((*here, "source"), f"rule {rule_id}: {_unknown_source(entry['source'])}")
        for name, value in entry.get("params", {}).items():
            problem = _param_problem(rule, name, value, layer)
            if problem is not None:
                below, at_key, message = problem
                raise fail((*here, "params", name, *below), message, at_key=at_key)


def _inherited(layer: _Layer, rule_id: str, name: str) -> Any:
    """The value of a rule's parameter in the shipped edition the layer extends (the law in force
    when it extends none), if it has one: an example of the type that a message can show."""
    parent = layer.data.get("extends", DEFAULT_EDITION)
    if parent not in builtin_editions() or parent == layer.data.get("edition"):
        return None
    setting = load_edition(parent).setting(rule_id)
    return None if setting is None else setting.params.get(name)


def _param_problem(
    rule: Rule, name: str, value: Any, layer: _Layer
) -> tuple[loader.Pointer, bool, str] | None:
    """What is wrong with one parameter of a rule entry: where below the parameter, whether at
    its key, and the message."""
    if name not in rule.parameters:
        allowed = ", ".join(rule.parameters) or "none"
        return (), True, f"rule {rule.id} has no parameter '{name}' (its parameters: {allowed})"
    param = rule.parameters[name]
    if not param.accepts(value):
        inherited = _inherited(layer, rule.id, name)
        like = "" if inherited is None else f" like {inherited!r}"
        wrong = f"must be {param.described}{like}, not {clip(repr(value))}"
        return (), False, f"rule {rule.id} parameter '{name}' {wrong}"
    if param.kind is int and value < 1:
        why = "a negative minimum means nothing" if value < 0 else "a minimum of 0 never fails"
        fix = f"write 1 or more, or turn the rule off ({rule.id}: off)"
        return (), False, f"rule {rule.id} parameter '{name}' is {value}: {why}; {fix}"
    permitted = param.choices
    items = [value] if isinstance(value, str) else value
    for index, item in enumerate(items if permitted else ()):
        if item not in permitted:
            hint = did_you_mean(item, permitted)
            hint = f"{hint} " if hint else ""
            allowed = f"{hint}(allowed: {', '.join(permitted)})"
            return (
                (index,) if isinstance(value, list) else (),
                False,
                f"rule {rule.id} parameter '{name}': '{clip(item)}' is not allowed; " + allowed,
            )
    return None


def _unknown_source(source_id: str) -> str:
    known = list(all_sources())
    hint = did_you_mean(source_id, known)
    hint = f"; {hint}" if hint else ""
    return f"unknown source '{clip(source_id)}'{hint} (known sources: {', '.join(known)})"


def _resolve(layer: _Layer, label: str, chain: tuple[str, ...], *, name: str) -> dict[str, Any]:
    """The layer's data with everything it extends merged beneath it; `name` names the layer in
    the title it gets when it has none of its own."""
    data = layer.data
    parent_name: str | None = data.get("extends")
    if parent_name is None:
        return data
    position = layer.document.locate(("extends",))
    if parent_name in chain:
        cycle = " -> ".join((*chain, parent_name))
        raise EditionError(
            _where(label, position, f"editions extend each other in a cycle: {cycle}")
        )
    text = _builtin_text(parent_name)
    if text is None:
        raise EditionError(
            _where(
                label,
                position,
                f"extends unknown edition '{clip(parent_name)}'; {_choices(parent_name)}",
            )
        )
    parent_label = f"{parent_name}.yaml"
    parent = _resolve(
        _parse(text, parent_label), parent_label, (*chain, parent_name), name=parent_label
    )
    sources = list(dict.fromkeys([*parent.get("sources", ()), *data.get("sources", ())]))
    identity: dict[str, Any] = {
        key: data[key] for key in ("edition", "title", "date", "summary") if key in data
    }
    if "title" not in identity:
        identity["title"] = f"{parent.get('title', parent_name)}, with {name}"
    return {**identity, "sources": sources, "rules": _merge(parent["rules"], data["rules"])}


def _merge(parent: Mapping[str, Any], child: Mapping[str, Any]) -> dict[str, Any]:
    """The parent's rules changed by the child's: `off` removes, entries override field by field."""
    rules = dict(parent)
    for rule_id, entry in child.items():
        inherited = rules.get(rule_id)
        if entry == "off":
            rules.pop(rule_id, None)
        elif isinstance(inherited, dict):
            if "source" in entry:
                inherited = {k: v for k, v in inherited.items() if k not in _CITATION_KEYS}
            params = {**inherited.get("params", {}), **entry.get("params", {})}
            rules[rule_id] = {**inherited, **entry, "params": params}
        else:
            rules[rule_id] = entry
    return rules


def _build(data: dict[str, Any], label: str, name: str, cited: Mapping[str, Citation]) -> Edition:
    """The edition from its merged data; `cited` holds the citations a rule pack gives its own
    entries."""
    entries: dict[str, Any] = data["rules"]
    settings = tuple(
        _setting(rule, entries[rule.id], cited.get(rule.id), label)
        for rule in ALL_RULES
        if isinstance(entries.get(rule.id), dict)
    )
    return Edition(
        id=_edition_id(data, label),
        title=data.get("title", name),
        date=data.get("date"),
        summary=data.get("summary", ""),
        sources=tuple(data.get("sources", ())),
        settings=settings,
    )


def _params(rule: Rule, given: dict[str, Any], label: str) -> dict[str, Any]:
    """The rule's parameters as the edition gives them: a rule takes no value of its own."""
    missing = [name for name in rule.parameters if name not in given]
    if missing:
        needed = ", ".join(f"{n} ({rule.parameters[n].described})" for n in missing)
        raise EditionError(f"{label}: rule {rule.id} needs a value for each parameter: {needed}")
    return given


def _setting(rule: Rule, entry: dict[str, Any], cited: Citation | None, label: str) -> RuleSetting:
    return RuleSetting(
        rule=rule,
        severity=Severity(entry.get("severity", rule.severity)),
        citation=cited or _citation(rule, entry),
        params=MappingProxyType(_params(rule, entry.get("params", {}), label)),
    )


def _citation(rule: Rule, entry: dict[str, Any]) -> Citation:
    """The entry's citation; the rule's own section and confidence go with the rule's source."""
    source_id = entry.get("source", rule.citation.source)
    own = source_id == rule.citation.source
    return Citation(
        source_id,
        entry.get("section", rule.citation.section if own else ""),
        entry.get("confidence", rule.citation.confidence if own else None),
    )
