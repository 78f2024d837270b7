"""The formats of `icscheck forecast`: rich, text, json, markdown, and html with a timeline.

Pure functions of a `ForecastReport`; Rich is imported only when the rich format is chosen.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import TYPE_CHECKING

from icscheck import __version__
from icscheck.reporters import ForecastFormat, ReportOptions, markdown_text, printable
from icscheck.reporters.diff_format import MARKDOWN_HEADER, finding, finding_json, markdown_row
from icscheck.wording import joined, plural

if TYPE_CHECKING:
    from icscheck.forecast import Change, FileForecast, ForecastReport, Seats


def render(report: ForecastReport, chosen: ForecastFormat, options: ReportOptions) -> str:
    renderers = {
        ForecastFormat.RICH: _rich,
        ForecastFormat.TEXT: _text,
        ForecastFormat.JSON: _json,
        ForecastFormat.MARKDOWN: _markdown,
        ForecastFormat.HTML: _html,
    }
    return renderers[chosen](report, options)


def summary(report: ForecastReport) -> str:
    """One closing line: the horizon and how many findings appear within it."""
    editions = ", ".join(edition.id for edition in report.editions)
    return printable(
        f"{plural(len(report.files), 'file')} forecast against {editions} from {report.start} "
        f"to {report.until}: {plural(report.appearing, 'finding')} appear, "
        f"{report.already} already present"
    )


def trigger(change: Change) -> str:
    """What happened on the day: 'the term of 'A' ended on 2028-03-31; 'B' was appointed'."""
    parts = []
    if change.ended:
        last = change.on - dt.timedelta(days=1)
        terms = "term" if len(change.ended) == 1 else "terms"
        parts.append(f"the {terms} of {_names(change.ended)} ended on {last}")
    if change.started:
        parts.append(
            f"{_names(change.started)} {'was' if len(change.started) == 1 else 'were'} appointed"
        )
    return "; ".join(parts)


def _names(names: tuple[str, ...]) -> str:
    return joined([f"'{name}'" for name in names])


def _seat_counts(seats: Seats) -> str:
    board = ", ".join(f"{role.label} {n}" for role, n in seats.board)
    return f"{board}; partnership {seats.partnership}"


def _lines(file: FileForecast, several: bool, quiet: bool) -> list[str]:
    """The text format's lines for one file: already, then each appearance, then the seats."""
    lines = [] if quiet else [f"already: {finding(i, several)}" for i in file.already]
    lines += [
        f"on {a.change.on} ({trigger(a.change)}): {finding(a.item, several)}"
        for a in file.appearances
    ]
    if not quiet:
        lines += [f"seats {s.on}: {_seat_counts(s)} [{file.path}]" for s in file.timeline]
    return lines


def _text(report: ForecastReport, options: ReportOptions) -> str:
    """One line a finding already present, a finding appearing, and a month of seats."""
    several = len(report.editions) > 1
    lines = [line for file in report.files for line in _lines(file, several, options.quiet)]
    return "".join(printable(line) + "\n" for line in lines)


def _json(report: ForecastReport, options: ReportOptions) -> str:
    document = {
        "tool": {"name": "icscheck", "version": __version__},
        "editions": [edition.id for edition in report.editions],
        "start": report.start.isoformat(),
        "until": report.until.isoformat(),
        "files": [
            {
                "path": file.path,
                "already": [finding_json(i) for i in file.already],
                "appears": [
                    {
                        "on": a.change.on.isoformat(),
                        "started": list(a.change.started),
                        "ended": list(a.change.ended),
                        "finding": finding_json(a.item),
                    }
                    for a in file.appearances
                ],
                "timeline": [
                    {
                        "on": s.on.isoformat(),
                        "board": {role.value: n for role, n in s.board},
                        "partnership": s.partnership,
                    }
                    for s in file.timeline
                ],
            }
            for file in report.files
        ],
        "counts": {
            "appears": report.appearing,
            "already": report.already,
        },
    }
    return json.dumps(document, indent=2, ensure_ascii=True) + "\n"


def _markdown(report: ForecastReport, options: ReportOptions) -> str:
    """For an issue or a pull request: per file, what appears and when, then the seats."""
    several = len(report.editions) > 1
    lines = ["## icscheck forecast", "", markdown_text(summary(report)), ""]
    for file in report.files:
        lines += [f"### {markdown_text(file.path)}", ""]
        if file.appearances:
            lines += ["| On | What changed | Rule | Severity | Where | Message |"]
            lines += ["| --- | --- | --- | --- | --- | --- |"]
            for a in file.appearances:
                when = f"{a.change.on} | {markdown_text(trigger(a.change))}"
                lines.append(f"| {when} | {markdown_row(a.item, several)} |")
        else:
            lines.append("Nothing new appears within the horizon.")
        lines.append("")
        if file.already and not options.quiet:
            lines += ["**Already present**", "", *MARKDOWN_HEADER]
            lines += [f"| {markdown_row(item, several)} |" for item in file.already]
            lines.append("")
        if file.timeline and not options.quiet:
            roles = [role.label for role, _ in file.timeline[0].board]
            lines += ["**Members in term**", ""]
            lines += ["| " + " | ".join(["On", *roles, "partnership"]) + " |"]
            lines += ["| --- |" + " ---: |" * (len(roles) + 1)]
            lines += [
                "| "
                + " | ".join([str(s.on), *(str(n) for _, n in s.board), str(s.partnership)])
                + " |"
                for s in file.timeline
            ]
            lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def _html(report: ForecastReport, options: ReportOptions) -> str:
    from icscheck.reporters.forecast_html import page

    return page(report, options)


def _rich(report: ForecastReport, options: ReportOptions) -> str:
    from rich.table import Table
    from rich.text import Text

    from icscheck.reporters.rich_format import console_for, recorded

    console = console_for(options)
    several = len(report.editions) > 1
    for file in report.files:
        console.print(Text(printable(file.path), style="bold"))
        if not options.quiet:
            for item in file.already:
                console.print(
                    Text.assemble(("  already ", "dim"), printable(finding(item, several)))
                )
        for a in file.appearances:
            console.print(
                Text.assemble(
                    (f"  on {a.change.on} ", "bold red"),
                    printable(f"({trigger(a.change)}): {finding(a.item, several)}"),
                )
            )
        if file.timeline and not options.quiet:
            table = Table(title="Members in term", title_justify="left")
            table.add_column("On")
            roles = [role for role, _ in file.timeline[0].board]
            for role in roles:
                table.add_column(role.label, justify="right")
            table.add_column("partnership", justify="right")
            for s in file.timeline:
                table.add_row(str(s.on), *(str(n) for _, n in s.board), str(s.partnership))
            console.print(table)
        console.print()
    if not options.quiet:
        console.print(Text(summary(report), style="bold"))
    return recorded(console)
