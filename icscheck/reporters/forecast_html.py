"""The html format of `icscheck forecast`: one self-contained page with a timeline picture.

Inline CSS and SVG only: no script, no font, nothing fetched, so the page can be attached to an
email or kept as a CI artefact and still read the same offline.
"""

from __future__ import annotations

import calendar
import html
from typing import TYPE_CHECKING

from icscheck.reporters import ReportOptions, printable
from icscheck.reporters.forecast_format import summary, trigger
from icscheck.wording import joined, location

if TYPE_CHECKING:
    import datetime as dt

    from icscheck.forecast import Appearance, FileForecast, ForecastReport, Seats
    from icscheck.results import EditionFinding

COLOURS = ("#1d4e89", "#00798c", "#52a675", "#edae49", "#d1495b", "#6a4c93", "#8d6a9f", "#666")
"""One a role, in the order roles are declared; distinct in print and for most colour vision."""
BAR, GAP, LEFT, TOP, PLOT = 26, 6, 44, 34, 160
"""Bar width, gap, left margin (the axis), top margin (marker labels), plot height, in px."""
STYLE = """
body { font: 15px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 72rem; color: #222; }
table { border-collapse: collapse; margin: .5rem 0 1.5rem; }
th, td { border: 1px solid #ccc; padding: .2rem .5rem; text-align: left; vertical-align: top; }
td.n { text-align: right; }
.marker { stroke: #c00; stroke-width: 2; }
svg text { font: 11px system-ui, sans-serif; fill: #222; }
svg text.alert { fill: #c00; font-weight: bold; }
"""


def page(report: ForecastReport, options: ReportOptions) -> str:
    """The whole page: a summary, then per file its picture and its tables."""
    body = [f"<h1>icscheck forecast</h1>\n<p>{_e(summary(report))}</p>"]
    several = len(report.editions) > 1
    for file in report.files:
        body.append(f"<h2>{_e(file.path)}</h2>")
        if file.timeline:
            body.append(_picture(file))
        body.append(_appearances(file, several))
        if file.already and not options.quiet:
            rows = "".join(f"<tr>{_cells(item, several)}</tr>" for item in file.already)
            body.append(
                "<h3>Already present on the first day</h3>\n<table><tr><th>Rule</th>"
                f"<th>Severity</th><th>Where</th><th>Message</th></tr>{rows}</table>"
            )
        if file.timeline and not options.quiet:
            body.append(_seats_table(file.timeline))
    return (
        '<!DOCTYPE html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n'
        f"<title>icscheck forecast</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )


def _e(text: str) -> str:
    return html.escape(printable(text))


def _cells(item: EditionFinding, several: bool) -> str:
    f = item.finding
    rule = f.rule + (f" ({item.edition.id})" if several else "")
    where = location(f.path, f.line, f.column)
    return "".join(f"<td>{_e(cell)}</td>" for cell in (rule, f.severity, where, f.message))


def _appearances(file: FileForecast, several: bool) -> str:
    if not file.appearances:
        return "<p>Nothing new appears within the horizon.</p>"
    rows = "".join(
        f"<tr><td>{a.change.on}</td><td>{_e(trigger(a.change))}</td>{_cells(a.item, several)}</tr>"
        for a in file.appearances
    )
    return (
        "<h3>Findings that appear</h3>\n<table><tr><th>On</th><th>What changed</th>"
        f"<th>Rule</th><th>Severity</th><th>Where</th><th>Message</th></tr>{rows}</table>"
    )


def _seats_table(timeline: tuple[Seats, ...]) -> str:
    roles = [role for role, _ in timeline[0].board]
    head = "".join(f"<th>{_e(role.label)}</th>" for role in roles)
    rows = "".join(
        f"<tr><td>{s.on}</td>"
        + "".join(f'<td class="n">{n}</td>' for _, n in s.board)
        + f'<td class="n">{s.partnership}</td></tr>'
        for s in timeline
    )
    return (
        f"<h3>Members in term</h3>\n<table><tr><th>On</th>{head}<th>partnership</th></tr>"
        f"{rows}</table>"
    )


def _picture(file: FileForecast) -> str:
    """Stacked bars of board members in term, one a month by role, and a red line on each day
    a finding first appears, labelled with its rules."""
    timeline = file.timeline
    tallest = max(1, *(sum(n for _, n in s.board) for s in timeline))
    scale = PLOT / tallest
    width = LEFT + len(timeline) * (BAR + GAP) + 140
    height = TOP + PLOT + 60
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="Board members in term each month, by role">'
    ]
    base = TOP + PLOT
    parts.append(
        f'<line x1="{LEFT - 4}" y1="{base}" x2="{width - 140}" y2="{base}" stroke="#888"/>'
    )
    parts.append(f'<text x="{LEFT - 8}" y="{base}" text-anchor="end">0</text>')
    parts.append(f'<text x="{LEFT - 8}" y="{TOP + 4}" text-anchor="end">{tallest}</text>')
    for index, seats in enumerate(timeline):
        x = LEFT + index * (BAR + GAP)
        y = float(base)
        for colour, (role, count) in zip(COLOURS, seats.board, strict=False):
            if count:
                y -= count * scale
                parts.append(
                    f'<rect x="{x}" y="{y:.1f}" width="{BAR}" height="{count * scale:.1f}" '
                    f'fill="{colour}"><title>{seats.on}: {_e(role.label)} {count}</title>'
                    "</rect>"
                )
        parts.append(
            f'<text x="{x + BAR / 2}" y="{base + 12}" text-anchor="end" '
            f'transform="rotate(-60 {x + BAR / 2} {base + 12})">{seats.on:%Y-%m}</text>'
        )
    parts += _markers(file.appearances, timeline)
    parts += _legend(timeline[0], width - 130)
    parts.append("</svg>")
    return "\n".join(parts)


def _markers(appearances: tuple[Appearance, ...], timeline: tuple[Seats, ...]) -> list[str]:
    by_day: dict[dt.date, list[Appearance]] = {}
    for appearance in appearances:
        by_day.setdefault(appearance.change.on, []).append(appearance)
    marks = []
    for day, items in by_day.items():
        x = _x_of(day, timeline)
        rules = joined(sorted({a.item.finding.rule for a in items}), 4)
        tip = f"on {day} ({trigger(items[0].change)}): {rules}"
        marks.append(
            f'<line class="marker" x1="{x:.1f}" y1="{TOP - 4}" x2="{x:.1f}" '
            f'y2="{TOP + PLOT}"><title>{_e(tip)}</title></line>'
            f'<text class="alert" x="{x + 3:.1f}" y="{TOP - 8}">{day}: {_e(rules)}</text>'
        )
    return marks


def _x_of(day: dt.date, timeline: tuple[Seats, ...]) -> float:
    """Where a day falls: in its month's bar, as far along as it is through the month."""
    index = max(i for i, seats in enumerate(timeline) if seats.on <= day)
    month_days = calendar.monthrange(day.year, day.month)[1]
    along = (day.day - 1) / month_days if timeline[index].on.day == 1 else 0.0
    return LEFT + index * (BAR + GAP) + along * BAR


def _legend(seats: Seats, x: int) -> list[str]:
    return [
        f'<rect x="{x}" y="{TOP + 16 * row}" width="10" height="10" fill="{colour}"/>'
        f'<text x="{x + 14}" y="{TOP + 16 * row + 9}">{_e(role.label)}</text>'
        for row, (colour, (role, _)) in enumerate(zip(COLOURS, seats.board, strict=False))
    ]
