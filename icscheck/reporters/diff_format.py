"""The four formats of `icscheck diff`: rich, text, json and markdown (for a pull request).

Pure functions of a `DiffReport`; Rich is imported only when the rich format is chosen.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from icscheck import __version__
from icscheck.reporters import DiffFormat, ReportOptions, markdown_text, printable
from icscheck.reporters.text_format import finding_line
from icscheck.wording import location, plural

if TYPE_CHECKING:
    from icscheck.diff import DiffReport, FileDiff, Member, MemberChange
    from icscheck.results import EditionFinding

KINDS = ("introduced", "resolved", "unchanged")
"""The findings' groups, in the order every format gives them."""


def render(report: DiffReport, chosen: DiffFormat, options: ReportOptions) -> str:
    renderers = {
        DiffFormat.RICH: _rich,
        DiffFormat.TEXT: _text,
        DiffFormat.JSON: _json,
        DiffFormat.MARKDOWN: _markdown,
    }
    return renderers[chosen](report, options)


def summary(report: DiffReport) -> str:
    """One closing line: how many files changed and what the change did to the findings."""
    changed = sum(not file.empty for file in report.files)
    editions = ", ".join(edition.id for edition in report.editions)
    counts = ", ".join(f"{report.count(kind)} {kind}" for kind in KINDS)
    return printable(
        f"{plural(len(report.files), 'file')} compared against {editions} as at "
        f"{report.as_of}, {changed} changed: findings {counts}"
    )


def _title(file: FileDiff) -> str:
    return f"{file.old or '(none)'} -> {file.new or '(none)'}"


def _member(member: Member) -> str:
    return f"'{member.name}' ({member.seat})"


def _change(change: MemberChange) -> str:
    return f"'{change.name}': {change.field} {change.old or '(none)'} -> {change.new or '(none)'}"


def _member_lines(file: FileDiff) -> list[str]:
    return [
        *(f"joined the {m.body}: {_member(m)}" for m in file.joined),
        *(f"left the {m.body}: {_member(m)}" for m in file.left),
        *(f"changed on the {c.body}: {_change(c)}" for c in file.changed),
    ]


def _kinds(options: ReportOptions) -> tuple[str, ...]:
    """The groups to show: all but the unchanged findings when quiet."""
    return tuple(kind for kind in KINDS if kind != "unchanged") if options.quiet else KINDS


def finding(item: EditionFinding, several: bool) -> str:
    """A finding of `diff` or `forecast` as the text format writes it, with its edition's ID
    when several editions were checked."""
    return finding_line(item.finding, item.edition if several else None)


def finding_json(item: EditionFinding) -> dict[str, Any]:
    """A finding of `diff` or `forecast` in their JSON: its edition, then where and what."""
    f = item.finding
    return {
        "edition": item.edition.id,
        "rule": f.rule,
        "name": f.name,
        "severity": f.severity.value,
        "message": f.message,
        "path": f.path,
        "line": f.line,
        "column": f.column,
        "pointer": f.pointer,
    }


MARKDOWN_HEADER = ["| Rule | Severity | Where | Message |", "| --- | --- | --- | --- |"]
"""The head of a Markdown table of `markdown_row`s."""


def markdown_row(item: EditionFinding, several: bool) -> str:
    """A finding's cells in a Markdown table, between the row's outer pipes."""
    f = item.finding
    edition = f" ({markdown_text(item.edition.id)})" if several else ""
    where = markdown_text(location(f.path, f.line, f.column))
    return f"{f.rule}{edition} | {f.severity} | {where} | {markdown_text(f.message)}"


def _text(report: DiffReport, options: ReportOptions) -> str:
    """Per changed file a heading, then one line a member change and a finding."""
    several = len(report.editions) > 1
    lines: list[str] = []
    for file in report.files:
        if file.empty:
            continue
        lines.append(f"== {_title(file)}")
        lines.extend(_member_lines(file))
        for kind in _kinds(options):
            lines.extend(f"{kind}: {finding(i, several)}" for i in getattr(file, kind))
    return "".join(printable(line) + "\n" for line in lines)


def _json(report: DiffReport, options: ReportOptions) -> str:
    document = {
        "tool": {"name": "icscheck", "version": __version__},
        "editions": [edition.id for edition in report.editions],
        "as_of": report.as_of.isoformat(),
        "files": [
            {
                "old": file.old,
                "new": file.new,
                "members": {
                    "joined": [asdict(m) for m in file.joined],
                    "left": [asdict(m) for m in file.left],
                    "changed": [asdict(c) for c in file.changed],
                },
                **{kind: [finding_json(i) for i in getattr(file, kind)] for kind in KINDS},
            }
            for file in report.files
        ],
        "counts": {kind: report.count(kind) for kind in KINDS},
    }
    return json.dumps(document, indent=2, ensure_ascii=True) + "\n"


def _markdown(report: DiffReport, options: ReportOptions) -> str:
    """A pull-request comment: a heading, then per changed file its members and findings."""
    several = len(report.editions) > 1
    lines = ["## icscheck diff", "", markdown_text(summary(report)), ""]
    for file in report.files:
        if file.empty:
            continue
        lines += [f"### {markdown_text(_title(file))}", ""]
        members = _member_lines(file)
        lines += [f"- {markdown_text(line)}" for line in members]
        lines += [""] if members else []
        for kind in _kinds(options):
            items = getattr(file, kind)
            if not items:
                continue
            lines += [f"**{kind.capitalize()}**", "", *MARKDOWN_HEADER]
            lines += [f"| {markdown_row(item, several)} |" for item in items]
            lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def _rich(report: DiffReport, options: ReportOptions) -> str:
    from rich.text import Text

    from icscheck.reporters.rich_format import console_for, recorded

    styles = {"introduced": "bold red", "resolved": "green", "unchanged": "dim"}
    console = console_for(options)
    several = len(report.editions) > 1
    for file in report.files:
        if file.empty:
            continue
        console.print(Text(printable(_title(file)), style="bold"))
        for line in _member_lines(file):
            console.print(Text(printable(f"  {line}")))
        for kind in _kinds(options):
            for item in getattr(file, kind):
                console.print(
                    Text.assemble(
                        (f"  {kind:<10} ", styles[kind]), printable(finding(item, several))
                    )
                )
        console.print()
    if not options.quiet:
        console.print(Text(summary(report), style="bold"))
    return recorded(console)
