"""One self-contained HTML page: per system a seat map (each seat filled, missing or out of
term), its members and its findings; a sortable summary table when several files were checked.

Everything is inline (CSS, a few lines of JS), nothing is fetched, and every name and message
from a file goes through `html.escape`: a stranger's file must not run script in the reader's
browser."""

from __future__ import annotations

from html import escape

from icscheck.reporters import ReportOptions, tally
from icscheck.results import FileReport, RunReport, SeatStatus

_STYLE = """
body{font:15px/1.4 system-ui,sans-serif;margin:2em;color:#1b1b1b;background:#fff}
table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border:1px solid #bbb;padding:.3em .6em}
th{background:#e8edf3;cursor:pointer}.ok{color:#0a6b2d}.bad{color:#b00020}
.seats{display:flex;flex-wrap:wrap;gap:.5em;margin:.5em 0 1.5em}
.seat{border-radius:.4em;padding:.5em .8em;min-width:11em;border:2px solid}
.filled{background:#d9f2e1;border-color:#0a6b2d}.missing{background:#fde0e3;border-color:#b00020}
.out-of-term{background:#fff1cc;border-color:#a06800}.seat small{display:block;color:#444}
"""

_SORT = """
document.querySelectorAll("table.sortable th").forEach(function(th,i){th.onclick=function(){
var b=th.closest("table").tBodies[0],r=Array.from(b.rows);
var d=th.dataset.d=th.dataset.d==="1"?"-1":"1";
r.sort(function(x,y){return x.cells[i].textContent.localeCompare(y.cells[i].textContent,
undefined,{numeric:true})*d;});r.forEach(function(x){b.appendChild(x);});};});
"""


def render(run: RunReport, options: ReportOptions) -> str:
    """The whole page; `options.quiet` leaves out the seat maps and members."""
    body = [f"<h1>icscheck report</h1><p>Checked as at {run.as_of.isoformat()}.</p>"]
    if len(run.files) > 1:
        body.append(_summary(run))
    body += [_file(index, report, options) for index, report in enumerate(run.files)]
    return (
        '<!DOCTYPE html>\n<html lang="en-GB"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width">'
        f"<title>icscheck report</title><style>{_STYLE}</style></head>"
        f"<body>{''.join(body)}<script>{_SORT}</script></body></html>\n"
    )


def _e(text: str) -> str:
    return escape(text, quote=True)


def _verdict(report: FileReport) -> str:
    if report.compliant:
        return '<strong class="ok">compliant</strong>'
    return '<strong class="bad">not compliant</strong>'


def _table(header: tuple[str, ...], rows: list[list[str]], *, sortable: bool = False) -> str:
    """A table of already-escaped cells."""
    head = "".join(f"<th>{_e(name)}</th>" for name in header)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    kind = ' class="sortable"' if sortable else ""
    return f"<table{kind}><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _summary(run: RunReport) -> str:
    rows = [
        [
            f'<a href="#f{index}">{_e(report.ics or report.path)}</a>',
            _e(report.path),
            _e(report.edition.id),
            _verdict(report),
            _e(tally(report.counts)),
            str(report.seats_unfilled),
        ]
        for index, report in enumerate(run.files)
    ]
    header = ("System", "File", "Edition", "Verdict", "Findings", "Seats unfilled")
    return "<h2>Summary</h2>" + _table(header, rows, sortable=True)


def _file(index: int, report: FileReport, options: ReportOptions) -> str:
    parts = [
        f'<section id="f{index}"><h2>{_e(report.ics or report.path)}</h2>',
        f"<p><code>{_e(report.path)}</code> under {_e(report.edition.title)}: "
        f"{_verdict(report)}; {_e(tally(report.counts))}.</p>",
    ]
    if not options.quiet:
        parts += [_seat_map(report.seats), _members(report)]
    parts += ["<h3>Findings</h3>", _findings(report), "</section>"]
    return "".join(parts)


def _seat_map(seats: tuple[SeatStatus, ...]) -> str:
    if not seats:
        return ""
    cards = "".join(
        f'<div class="seat {seat.state.replace(" ", "-")}"><b>{_e(seat.seat)}</b>'
        f"<small>{_e(seat.body)} · {_e(seat.rule)} · {_e(seat.state)}</small>"
        f"{_e(', '.join(seat.holders or seat.out_of_term))}</div>"
        for seat in seats
    )
    return f'<h3>Seats</h3><div class="seats">{cards}</div>'


def _members(report: FileReport) -> str:
    system = report.system
    if system is None:
        return ""
    rows = [
        ["board", _e(m.name), _e(m.role.value), _e(m.organisation or "")]
        for m in system.board.members
    ]
    if system.partnership is not None:
        rows += [
            ["partnership", _e(m.name), _e(f"appointed by {m.appointer}"), _e(m.organisation or "")]
            for m in system.partnership.members
        ]
    return "<h3>Members</h3>" + _table(("Body", "Name", "Role", "Organisation"), rows)


def _findings(report: FileReport) -> str:
    if not report.findings:
        return "<p>None.</p>"
    rows = [
        [f"{f.line}:{f.column}", _e(f.rule), _e(f.severity.value), _e(f.message), _e(f.source)]
        for f in report.findings
    ]
    return _table(("Line", "Rule", "Severity", "Finding", "Source"), rows)
