"""The reference listings people read: `rules`, `explain`, `editions` and `icbs`."""

from __future__ import annotations

import datetime as dt
import json
import textwrap
from collections.abc import Mapping
from typing import Any

from icscheck import geography
from icscheck.citations import CONFIDENCE, Citation, all_sources, cite, confidence
from icscheck.editions import Edition, RuleSetting, editions_by_date, in_force_in, latest_params
from icscheck.editions.diff import (
    Added,
    ChangeKind,
    CitationChanged,
    ParametersChanged,
    Removed,
    RuleChange,
    SeverityChanged,
    diff_editions,
)
from icscheck.rules import Rule
from icscheck.rules.registry import BuiltIn, find
from icscheck.wording import long_date


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


def rules_json(edition: Edition) -> str:
    """`rules --format json`: the edition and, for each rule in force, its ID, name, severity,
    citation and confidence, in catalogue order."""
    return _json(
        {
            "edition": {"id": edition.id, "title": edition.title},
            "rules": [
                {
                    "id": s.rule.id,
                    "name": s.rule.name,
                    "severity": str(s.severity),
                    "source": cite(s.citation),
                    "confidence": confidence(s.citation),
                }
                for s in edition.settings
            ],
        }
    )


def explain(name: str, edition: Edition) -> str:
    """A rule's whole documentation, with its citation and parameters in `edition`; for a rule
    not in force there, it says so first and cites each edition where it is instead."""
    rule = find(name)
    if isinstance(rule, BuiltIn):
        return f"{rule.id} {rule.name}\n\n{rule.summary}\n\n{_wrap(rule.docs)}\n"
    setting = edition.setting(rule.id)
    params = setting.params if setting else latest_params(rule.id)
    lines = [f"{rule.id} {rule.name}", ""]
    if setting is None:
        lines += [_wrap(_not_in_force(rule, edition)), ""]
    lines += [rule.summary, "", _wrap(rule.docs), ""]
    if setting is not None:
        lines += _source_lines(edition.id, setting.citation)
    else:
        for other, cited in _citations(rule):
            lines += _source_lines(other.id, cited)
    lines += ["", "In force:", *_in_force(rule)]
    if params:
        lines += ["", "Parameters: " + "; ".join(f"{k} = {v}" for k, v in params.items())]
    lines += ["", "Passing example:", textwrap.indent(rule.passing, "    ")]
    lines += ["", "Failing example:", textwrap.indent(rule.failing, "    ")]
    return "\n".join(lines) + "\n"


def _citations(rule: Rule) -> list[tuple[Edition, Citation]]:
    """The editions where `rule` is in force, oldest first, with what each cites for it."""
    return [(e, s.citation) for e in in_force_in(rule.id) if (s := e.setting(rule.id))]


def _not_in_force(rule: Rule, edition: Edition) -> str:
    where = ", ".join(e.id for e in in_force_in(rule.id))
    elsewhere = f"; it is in force in {where}" if where else ""
    return f"{rule.id} is not in force in {edition.id}{elsewhere}."


def _source_lines(edition_id: str, citation: Citation) -> list[str]:
    """What an edition cites for a rule: the citation, the document, its confidence and URL."""
    source = all_sources()[citation.source]
    level = confidence(citation)
    lines = [
        f"Source ({edition_id}): {cite(citation)}",
        _wrap(f"{source.title}. Confidence {level}: {CONFIDENCE[level]}.", indent="  "),
    ]
    return lines + ([f"  {source.url}"] if source.url else [])


def _in_force(rule: Rule) -> list[str]:
    """One line an edition: the rule's severity there, the confidence and the source cited."""
    editions = editions_by_date()
    width = max(len(edition.id) for edition in editions)
    lines = []
    for edition in editions:
        setting = edition.setting(rule.id)
        state = (
            f"{setting.severity:<8} {confidence(setting.citation)}  {cite(setting.citation)}"
            if setting
            else "not in force"
        )
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
            counts = _change_counts(previous, edition)
            described = ", ".join(f"{n} {kind}" for kind, n in counts.items() if n)
            lines.append(f"  Since {previous.id}: {described or 'no change'}")
        lines.append("")
        previous = edition
    lines.append("See one change in full with: icscheck editions diff OLDER NEWER")
    return "\n".join(lines) + "\n"


def _change_counts(a: Edition, b: Edition) -> dict[str, int]:
    """How many rules change in each way from edition `a` to edition `b`, zeros included."""
    changes = diff_editions(a, b)
    return {str(kind): sum(c.kind is kind for c in changes) for kind in ChangeKind}


def editions_json() -> str:
    """`editions --format json`: each edition, oldest first, with the number of rules in force
    and the count of each kind of change since the edition before it (null for the first)."""
    entries: list[dict[str, Any]] = []
    previous: Edition | None = None
    for edition in editions_by_date():
        since = None
        if previous is not None:
            since = {"edition": previous.id, "changes": _change_counts(previous, edition)}
        entries.append(
            {
                "id": edition.id,
                "title": edition.title,
                "date": edition.date,
                "summary": " ".join(edition.summary.split()),
                "rules_in_force": len(edition.settings),
                "since_previous": since,
            }
        )
        previous = edition
    return _json({"editions": entries})


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
    match change:
        case Added(after=after):
            return f"now {_setting_text(after)}"
        case Removed(before=before):
            return f"was {_setting_text(before)}"
        case SeverityChanged(before=before, after=after):
            return f"{before} -> {after}"
        case CitationChanged(before=before, after=after):
            return f"{cite(before)} -> {cite(after)}"
        case ParametersChanged(before=before, after=after):
            return f"{_params_text(before)} -> {_params_text(after)}"


def _setting_text(setting: RuleSetting) -> str:
    return f"{setting.severity}, citing {cite(setting.citation)}"


def _params_text(values: Mapping[str, Any]) -> str:
    return "; ".join(f"{name} = {_param(v)}" for name, v in values.items())


def _param(value: object) -> str:
    return ", ".join(map(str, value)) if isinstance(value, list) else str(value)


def icbs_listing(on: dt.date, region: geography.Region | None = None) -> str:
    """The ICBs in force on a date, with their regions and councils, and the data's caveat."""
    if geography.before_icbs(on):
        first = geography.ESTABLISHED.isoformat()
        return (
            f"There were no integrated care boards on {long_date(on)}: "
            f"{geography.ESTABLISHMENT}.\nList them with: icscheck icbs --as-of {first}\n"
        )
    boards = _boards(on, region)
    lines = [
        f"{len(boards)} integrated care boards in force on {long_date(on)} "
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


def _boards(
    on: dt.date, region: geography.Region | None
) -> list[geography.IntegratedCareBoardRecord]:
    boards = geography.icbs_in_force(on)
    return [b for b in boards if region is None or b.region_code == region.code]


def icbs_json(on: dt.date, region: geography.Region | None = None) -> str:
    """`icbs --format json`: the date, the region asked for (or null), the data's vintage and
    caveat, and each ICB in force with its codes, region, dates and councils."""
    return _json(
        {
            "as_of": on.isoformat(),
            "region": None if region is None else {"code": region.code, "name": region.name},
            "data_vintage": geography.data_vintage(on),
            "caveat": geography.CAVEAT,
            "icbs": [_icb_entry(board, on) for board in _boards(on, region)],
        }
    )


def _icb_entry(board: geography.IntegratedCareBoardRecord, on: dt.date) -> dict[str, Any]:
    return {
        "code": board.code,
        "gss_code": board.gss_code,
        "name": board.name,
        "region": {"code": board.region_code, "name": board.region},
        "valid_from": board.valid_from.isoformat(),
        "valid_to": board.valid_to.isoformat() if board.valid_to else None,
        "councils": [
            {"name": council.name, "part_of_area_only": council.part_of_area_only}
            for council in geography.councils(board.code, on)
        ],
    }


def _json(document: dict[str, Any]) -> str:
    """One JSON object, indented, ending in a newline, as the `--format json` listings print."""
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
