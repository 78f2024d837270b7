"""The rule catalogue as people read it: `icscheck rules` and `icscheck explain`."""

from __future__ import annotations

import textwrap

from icscheck.editions import Edition, builtin_editions, load_edition
from icscheck.rules import ALL_RULES, Rule
from icscheck.sources import CONFIDENCE, all_sources, cite, confidence

BUILT_IN_CHECKS = {
    "YAML-SYNTAX": (
        "yaml-syntax",
        "The file parses as YAML, with no duplicate keys.",
        "A file that is not valid YAML cannot be checked at all, and a duplicate key would let "
        "one value silently replace another (PyYAML keeps the last). Only true and false are "
        "booleans; dates stay as written. Always on, in every edition.",
    ),
    "SCHEMA": (
        "schema",
        "The file matches the icscheck input format (version 1).",
        "Types, required keys, allowed values and unknown keys are checked against the JSON "
        "Schema that `icscheck schema` prints, so a typo such as 'nominted_by' cannot pass "
        "silently. Rules run only on a file that matches it. Always on, in every edition.",
    ),
}


class UnknownRule(Exception):
    """No rule has the ID or name asked for."""


def find_rule(name: str) -> Rule:
    for rule in ALL_RULES:
        if name.upper() == rule.id or name.lower() == rule.name:
            return rule
    raise UnknownRule(f"no rule is called '{name}'; `icscheck rules` lists them")


def rules_table(edition: Edition) -> str:
    """One line a rule in force: ID, name, severity, citation."""
    rows = [("ID", "NAME", "SEVERITY", "SOURCE")]
    rows += [(s.rule.id, s.rule.name, str(s.severity), cite(s.citation)) for s in edition.settings]
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    lines = [f"Rules in force in {edition.title} ({edition.id}):", ""]
    lines += [
        "  ".join(cell.ljust(width) for cell, width in zip(row[:3], widths, strict=True))
        + "  "
        + row[3]
        for row in rows
    ]
    return "\n".join(lines) + "\n"


def explain(name: str, edition: Edition) -> str:
    """A rule's whole documentation, with its citation and parameters in `edition`."""
    if name.upper() in BUILT_IN_CHECKS:
        slug, summary, docs = BUILT_IN_CHECKS[name.upper()]
        return f"{name.upper()} {slug}\n\n{summary}\n\n{_wrap(docs)}\n"
    rule = find_rule(name)
    setting = edition.setting(rule.id)
    citation = setting.citation if setting else rule.citation
    params = setting.params if setting else rule.parameters
    source = all_sources()[citation.source]
    level = confidence(citation)
    lines = [
        f"{rule.id} {rule.name}",
        "",
        rule.summary,
        "",
        _wrap(rule.docs),
        "",
        f"Source ({edition.id}): {cite(citation)}",
        _wrap(f"{source.title}. Confidence {level}: {CONFIDENCE[level]}.", indent="  "),
    ]
    if source.url:
        lines.append(f"  {source.url}")
    lines += ["", "In force: " + _in_force(rule)]
    if params:
        lines += ["", "Parameters: " + "; ".join(f"{k} = {v}" for k, v in params.items())]
    lines += ["", "Passing example:", textwrap.indent(rule.passing, "    ")]
    lines += ["", "Failing example:", textwrap.indent(rule.failing, "    ")]
    return "\n".join(lines) + "\n"


def _in_force(rule: Rule) -> str:
    states = []
    for edition_id in builtin_editions():
        setting = load_edition(edition_id).setting(rule.id)
        states.append(f"{edition_id} ({setting.severity if setting else 'not in force'})")
    return ", ".join(states)


def _wrap(text: str, indent: str = "") -> str:
    paragraphs = [" ".join(p.split()) for p in text.split("\n\n")]
    return "\n\n".join(
        textwrap.fill(p, width=88, initial_indent=indent, subsequent_indent=indent)
        for p in paragraphs
    )
