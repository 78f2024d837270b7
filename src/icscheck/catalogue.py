"""The reference listings people read: `rules`, `explain`, `editions` and `icbs`."""

from __future__ import annotations

import datetime as dt
import textwrap

from icscheck import geography
from icscheck.editions import (
    ChangeKind,
    ChangeValue,
    Edition,
    RuleChange,
    RuleSetting,
    diff_editions,
    editions_by_date,
)
from icscheck.findings import Severity
from icscheck.rules import ALL_RULES, Citation, Rule
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
    "SUPPRESSION": (
        "suppression",
        "A suppression comment names known rules, gives its reason and sets something aside.",
        "A comment '# icscheck: ignore[ICB012] recruitment under way, see board paper 2026-09' "
        "sets aside that rule's findings on its own line, or in the whole file when it stands "
        "in the comments before the document starts. It names rules as --ignore does (IDs, "
        "prefixes such as ICP, or names such as board-chair) and must say why, so the file "
        "records each exception; one that does not suppresses nothing and is reported as an "
        "error. A suppression that sets aside no finding under any edition checked is reported "
        "as info, so stale exceptions are removed; rules that did not run are not judged. "
        "YAML-SYNTAX and SCHEMA findings cannot be suppressed.",
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
    lines += ["", "In force:", *_in_force(rule)]
    if params:
        lines += ["", "Parameters: " + "; ".join(f"{k} = {v}" for k, v in params.items())]
    lines += ["", "Passing example:", textwrap.indent(rule.passing, "    ")]
    lines += ["", "Failing example:", textwrap.indent(rule.failing, "    ")]
    return "\n".join(lines) + "\n"


def _in_force(rule: Rule) -> list[str]:
    """One line an edition: the rule's severity there and the source that edition cites."""
    editions = editions_by_date()
    width = max(len(edition.id) for edition in editions)
    lines = []
    for edition in editions:
        setting = edition.setting(rule.id)
        state = f"{setting.severity:<8} {cite(setting.citation)}" if setting else "not in force"
        lines.append(f"  {edition.id:<{width}}  {state}")
    return lines


def _wrap(text: str, indent: str = "") -> str:
    paragraphs = [" ".join(p.split()) for p in text.split("\n\n")]
    return "\n\n".join(
        textwrap.fill(p, width=88, initial_indent=indent, subsequent_indent=indent)
        for p in paragraphs
    )


def editions_listing() -> str:
    """Each edition with its summary, and how it differs from the one before."""
    lines: list[str] = []
    previous: Edition | None = None
    for edition in editions_by_date():
        lines += [f"{edition.id}  {edition.title} ({edition.date})", _wrap(edition.summary, "  ")]
        lines.append(f"  {len(edition.settings)} rules in force")
        if previous is not None:
            changes = diff_editions(previous, edition)
            counts = {kind: sum(c.kind is kind for c in changes) for kind in ChangeKind}
            described = ", ".join(f"{n} {kind}" for kind, n in counts.items() if n)
            lines.append(f"  Since {previous.id}: {described or 'no change'}")
        lines.append("")
        previous = edition
    lines.append("See one change in full with: icscheck editions diff OLDER NEWER")
    return "\n".join(lines) + "\n"


def diff_listing(a: Edition, b: Edition) -> str:
    """Rule by rule, what changes from edition `a` to edition `b`."""
    changes = diff_editions(a, b)
    lines = [f"From {a.id} ({a.title}) to {b.id} ({b.title}):", ""]
    if not changes:
        lines.append("  No rule changes.")
    width = max((len(f"{c.rule} {c.name}") for c in changes), default=0)
    for change in changes:
        label = f"{change.rule} {change.name}".ljust(width)
        lines.append(f"  {label}  {change.kind.value:<18}  {_change_text(change)}")
    return "\n".join(lines) + "\n"


def _change_text(change: RuleChange) -> str:
    if change.kind is ChangeKind.ADDED:
        return f"now {_value(change.after)}"
    if change.kind is ChangeKind.REMOVED:
        return f"was {_value(change.before)}"
    return f"{_value(change.before)} -> {_value(change.after)}"


def _value(value: ChangeValue) -> str:
    if isinstance(value, RuleSetting):
        return f"{value.severity}, citing {cite(value.citation)}"
    if isinstance(value, Severity):
        return str(value)
    if isinstance(value, Citation):
        return cite(value)
    if value is None:
        return "nothing"
    return "; ".join(f"{name} = {_param(v)}" for name, v in value.items())


def _param(value: object) -> str:
    return ", ".join(map(str, value)) if isinstance(value, list) else str(value)


def icbs_listing(on: dt.date) -> str:
    """The ICBs in force on a date, with their regions and councils, and the data's caveat."""
    boards = geography.icbs_in_force(on)
    lines = [
        f"{len(boards)} integrated care boards in force on {geography.long_date(on)} "
        f"({geography.data_vintage(on)}):",
        "",
    ]
    for board in boards:
        councils = geography.councils(board.code, on)
        lines.append(f"{board.code:<6} {board.name} ({board.region})")
        named = ", ".join(c.name + (" (part)" if c.part_of_area_only else "") for c in councils)
        lines.append(_wrap(f"councils: {named}", "       "))
    lines += ["", _wrap(geography.CAVEAT)]
    return "\n".join(lines) + "\n"
