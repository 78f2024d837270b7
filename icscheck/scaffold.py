"""`icscheck init`: write a starting ICS file with a commented-out template for every seat.

The seats are those the rules of the chosen edition declare (`Seat`, beside each rule's logic),
so a new rule or edition needs no change here. The file is valid input as written, so `icscheck
check` on it, under that edition, lists exactly the seats still to fill. Inside the board and
partnership, a line starting `# ` is a template line and a line starting `##` is a note: an
editor's toggle-comment on a whole block turns the template lines into YAML and leaves the notes
(and the optional date lines) as comments.
"""

from __future__ import annotations

import json
import os
import re
import textwrap
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from icscheck import discovery, geography
from icscheck.citations import cite
from icscheck.editions import DEFAULT_EDITION, Edition, EditionError, RuleSetting, load_edition
from icscheck.output import write_atomically
from icscheck.rules.base import COUNCILS, Seat
from icscheck.wording import long_date

DEFAULT_NAME = "my-system.ics.yaml"
"""The file written when no ICB is given, so there is no name to make one from."""

SCHEMA_FILE = "ics-v1.schema.json"
"""Where the first line's editor hint finds the schema: beside the file, saved there by
`icscheck schema > ics-v1.schema.json` (a relative name, so it works offline and never goes
stale against the installed icscheck)."""

PLACEHOLDER_SYSTEM = "Your integrated care system"
"""The system's name when no ICB is given: valid, and obviously there to be replaced."""

_WIDTH = 100
_MEMBER = "    "
"""Indent of a member item under `  members:`."""
_DATES = ("appointed: YYYY-MM-DD", "term_ends: YYYY-MM-DD")
_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9 '.()-]*[A-Za-z0-9.)]")
_YAML_WORDS = frozenset({"y", "n", "yes", "no", "on", "off", "true", "false", "null"})
# Phrases quoted in prose are joined by a no-break space, so folding never splits them.
_NBSP = "\u00a0"
_EMPTY_MEMBERS = f'"members:{_NBSP}[]"'
_COMMENT_MARK = f'"#{_NBSP}"'


class StarterError(Exception):
    """Why `icscheck init` wrote nothing; the command line prints it and exits 2."""


def create(
    path: Path | None,
    *,
    icb_code: str | None,
    as_of: date,
    edition: str = DEFAULT_EDITION,
) -> Path:
    """Write a starting file for the ICB `icb_code` in force on `as_of`, with the seats the
    rules of `edition` ask for, and return its path.

    Without `path` the file is named after the system, in the current folder. An existing file
    is never replaced: a user's filled-in board is worth more than a fresh template.
    """
    record, text = _starting(icb_code, as_of, edition)
    target = path if path is not None else default_path(record)
    _check_target(target)
    _write_new(target, text)
    return target


def text_for(icb_code: str | None, as_of: date, edition: str = DEFAULT_EDITION) -> str:
    """The starting file `create` would write, as text: `icscheck init -` prints it."""
    return _starting(icb_code, as_of, edition)[1]


def _starting(
    icb_code: str | None, as_of: date, edition: str
) -> tuple[geography.IntegratedCareBoardRecord | None, str]:
    """The named ICB's record (None without one) and the starting file's text."""
    chosen = _edition(edition)
    record, councils = (None, ()) if icb_code is None else _in_force(icb_code, as_of)
    return record, starter_text(record, councils, as_of, chosen)


def _edition(name: str) -> Edition:
    """A built-in edition by ID or alias; a StarterError naming the choices otherwise."""
    try:
        return load_edition(name)
    except EditionError as error:
        raise StarterError(str(error)) from None


def found_by_check(path: Path) -> bool:
    """Whether `icscheck check` on a folder holding `path` would find it by its name."""
    return discovery.is_ics_name(path.name)


def system_name(record: geography.IntegratedCareBoardRecord) -> str:
    """The system's everyday name: 'NHS Cheshire and Merseyside Integrated Care Board' gives
    'Cheshire and Merseyside', as the ICS, its partnership and its file are known."""
    return record.name.removeprefix("NHS ").removesuffix(" Integrated Care Board")


def default_path(record: geography.IntegratedCareBoardRecord | None) -> Path:
    """`cheshire-and-merseyside.ics.yaml` for QYG: a name `icscheck check .` finds."""
    if record is None:
        return Path(DEFAULT_NAME)
    ascii_name = unicodedata.normalize("NFKD", system_name(record)).encode("ascii", "ignore")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.decode().casefold()).strip("-")
    return Path(f"{slug}.ics.yaml") if slug else Path(DEFAULT_NAME)


# Looking the ICB up


def _in_force(
    code: str, as_of: date
) -> tuple[geography.IntegratedCareBoardRecord, tuple[geography.CouncilRecord, ...]]:
    """The ICB and its councils on `as_of`; otherwise a StarterError that says which code to
    use instead, since a file for a body not in force would fail ICS002 from its first check."""
    found = geography.lookup(code, as_of)
    if isinstance(found, geography.InForce):
        return found.record, found.councils
    raise StarterError(f"{geography.explain(found, as_of)} ({_what_next(found, as_of)})")


def _what_next(found: geography.Lookup, as_of: date) -> str:
    match found:
        case geography.Dissolved(record=record, successors=(successor,)):
            return f"run icscheck init --icb {successor.code}, or pass --as-of {record.valid_to}"
        case geography.Dissolved(record=record):
            return f"run icscheck init with your area's new ICB, or pass --as-of {record.valid_to}"
        case geography.NotYetEstablished(record=record) if geography.before_icbs(as_of):
            return f"pass --as-of {record.valid_from.isoformat()} or later"
        case geography.NotYetEstablished(record=record):
            return f"pass --as-of {record.valid_from.isoformat()} or later for the new board"
    return f"icscheck icbs --as-of {as_of.isoformat()} lists the ICBs"


# Writing the file


def _exists(path: Path) -> str:
    return f"{path} already exists; icscheck init never overwrites a file (give another FILE)"


def _check_target(path: Path) -> None:
    """Refuse early, with a clear message, what `_write_new` would refuse anyway."""
    if os.path.lexists(path):
        raise StarterError(_exists(path))
    folder = path.parent
    if not folder.is_dir():
        what = "is not a folder" if folder.exists() else "does not exist"
        raise StarterError(f"cannot write {path}: the folder {folder} {what}")


def _write_new(path: Path, text: str) -> None:
    """Write `text` to `path` whole or not at all, and only if nothing is there, even a file
    created since `_check_target` looked."""
    try:
        write_atomically(path, text, exclusive=True)
    except FileExistsError as error:
        raise StarterError(_exists(path)) from error
    except OSError as error:
        raise StarterError(f"cannot write {path}: {error.strerror or error}") from error


# The text


@dataclass(frozen=True, slots=True)
class _Item:
    """One commented-out member: the notes above it and its fields after `name`."""

    fields: tuple[str, ...]
    """YAML `key: value` lines, already quoted."""
    notes: tuple[str, ...] = ()
    """Paragraphs on the rule and provision the seat (or the group it starts) answers to."""
    dated: bool = True
    """Whether to offer `appointed` and `term_ends` lines (board members have terms)."""


def _scalar(text: str) -> str:
    """`text` as a YAML scalar: plain when that is unambiguous, else JSON-quoted (valid YAML).

    Names are plain in the file, as people write them, unless they hold a character YAML could
    read otherwise (a comma, colon or quote) or are a word YAML 1.1 reads as a boolean or null.
    """
    if _PLAIN.fullmatch(text) and text.casefold() not in _YAML_WORDS:
        return text
    return json.dumps(text)


def _fold(text: str, prefix: str) -> list[str]:
    """`text` wrapped under `prefix`, never breaking inside a `_keep()` phrase."""
    lines = textwrap.wrap(text, _WIDTH, initial_indent=prefix, subsequent_indent=prefix)
    return [line.replace(_NBSP, " ") for line in lines]


def _keep(phrase: str) -> str:
    """`phrase` held on one line when folded, so a date is never split over two lines."""
    return phrase.replace(" ", _NBSP)


def _note(text: str, indent: str) -> list[str]:
    """Prose folded into `##` lines, so uncommenting a block leaves it a comment."""
    return _fold(text, f"{indent}## ")


def _comment(text: str) -> list[str]:
    return _fold(text, "# ")


def _template(item: _Item) -> list[str]:
    """The seat as `# ` lines that become a member item once the `# ` is removed."""
    lines = [""] if item.notes else []
    lines += [line for note in item.notes for line in _note(note, _MEMBER)]
    lines.append(f'{_MEMBER}# - name: ""')
    lines += [f"{_MEMBER}#   {field}" for field in item.fields]
    if item.dated:
        lines += [f"{_MEMBER}##   {field}" for field in _DATES]
    return lines


def _members(items: Iterator[_Item]) -> list[str]:
    """An empty `members` list that passes the schema, then the seats waiting to fill it."""
    templates = [line for item in items for line in _template(item)]
    if not templates:
        return ["  members: []"]
    return [
        *_note(
            f'Once you uncomment a member below, change {_EMPTY_MEMBERS} to "members:".',
            "  ",
        ),
        "  members: []",
        *templates,
    ]


def starter_text(
    record: geography.IntegratedCareBoardRecord | None,
    councils: Sequence[geography.CouncilRecord],
    as_of: date,
    edition: Edition | None = None,
) -> str:
    """The starting file for the ICB `record` (None: no ICB given) with its `councils`, and
    the seats of `edition` (by default, the default edition's)."""
    chosen = edition or load_edition(DEFAULT_EDITION)
    sections = [
        _header(record, as_of, chosen),
        ["version: 1"],
        _ics_section(record, councils, as_of),
        _board_section(record, chosen),
        _partnership_section(record, councils, chosen),
    ]
    return "\n\n".join("\n".join(section) for section in sections) + "\n"


def _header(
    record: geography.IntegratedCareBoardRecord | None, as_of: date, edition: Edition
) -> list[str]:
    if record is None:
        origin = (
            "Written by icscheck init without an ICB code: fill in the system's name, its ICB's "
            "code and its councils below, or start again with icscheck init --icb CODE to have "
            "them filled in (icscheck icbs lists the codes)."
        )
    else:
        origin = (
            f"Written by icscheck init for {record.label} on "
            f"{_keep(long_date(as_of))}, "
            f"with the councils of its area from icscheck's reference data "
            f"({_keep(geography.data_vintage(as_of))}). {geography.CAVEAT}"
        )
    how = (
        f"Every board and partnership seat that {_asks(edition)} has a "
        f"commented-out template below. To fill a seat, remove the {_COMMENT_MARK} from the start "
        'of its lines (lines starting "##" are notes and stay comments), write the person\'s '
        f'name between the quotes, and change {_EMPTY_MEMBERS} above it to "members:". '
        "Remove one more # from a date line once you know the date. A name left empty is a "
        "schema error, so a seat cannot pass unfilled."
    )
    return [
        f"# yaml-language-server: $schema={SCHEMA_FILE}",
        *_comment(
            "An integrated care system described for icscheck: its integrated care board (ICB) "
            "and its integrated care partnership."
        ),
        *_comment(origin),
        "#",
        *_comment(how),
        "#",
        f"# Check it:         icscheck check FILE{_edition_option(edition)}",
        "# Why a rule:       icscheck explain ICB001",
        f"# The file format:  icscheck schema > {SCHEMA_FILE}  (the first line points your",
        "#                   editor's YAML language server at it, saved beside this file)",
    ]


def _asks(edition: Edition) -> str:
    """Who asks for the seats: the law and guidance by default, else the edition by its ID."""
    if edition.id == DEFAULT_EDITION:
        return "the law or NHS England guidance requires"
    return f"the edition {edition.id} asks for"


def _edition_option(edition: Edition) -> str:
    """What `icscheck check` needs to hear to check the file by the edition it was written for."""
    return "" if edition.id == DEFAULT_EDITION else f" --edition {edition.id}"


def _ics_section(
    record: geography.IntegratedCareBoardRecord | None,
    councils: Sequence[geography.CouncilRecord],
    as_of: date,
) -> list[str]:
    if record is None:
        return [
            "ics:",
            f"  name: {_scalar(PLACEHOLDER_SYSTEM)}",
            *_note(
                "Also add icb_code, the ICB's ODS code (e.g. QYG), and list the responsible "
                "(upper-tier) councils of its area, one a line:",
                "  ",
            ),
            '  # icb_code: ""',
            "  # local_authorities:",
            '  #   - ""',
        ]
    lines = ["ics:", f"  name: {_scalar(system_name(record))}", f"  icb_code: {record.code}"]
    if not councils:
        return lines
    lines += _note(
        "The responsible (upper-tier) councils of the area, from icscheck's reference data "
        f"({_keep(geography.data_vintage(as_of))}); correct them if they are wrong for your area.",
        "  ",
    )
    lines.append("  local_authorities:")
    for council in councils:
        part = "  # only part of its area is in the ICB's" if council.part_of_area_only else ""
        lines.append(f"    - {_scalar(council.name)}{part}")
    return lines


def _board_section(
    record: geography.IntegratedCareBoardRecord | None, edition: Edition
) -> list[str]:
    if record is None:
        name = [
            *_note("The ICB's name, e.g. NHS Cheshire and Merseyside Integrated Care Board:", "  "),
            '  # name: ""',
        ]
    else:
        name = [f"  name: {_scalar(record.name)}"]
    return ["board:", *name, *_members(_seats(edition, "board", record, ()))]


def _partnership_section(
    record: geography.IntegratedCareBoardRecord | None,
    councils: Sequence[geography.CouncilRecord],
    edition: Edition,
) -> list[str]:
    name = (
        "Your integrated care partnership"
        if record is None
        else f"{system_name(record)} Integrated Care Partnership"
    )
    return [
        "partnership:",
        f"  name: {_scalar(name)}",
        *_members(_seats(edition, "partnership", record, councils)),
    ]


def _seats(
    edition: Edition,
    body: str,
    record: geography.IntegratedCareBoardRecord | None,
    councils: Sequence[geography.CouncilRecord],
) -> Iterator[_Item]:
    """The seats the edition's rules ask for in `body`, in the edition's order."""
    for setting in edition.settings:
        seat = setting.rule.seat
        if seat is not None and seat.body == body:
            yield from _items(setting, seat, record, councils)


def _items(
    setting: RuleSetting,
    seat: Seat,
    record: geography.IntegratedCareBoardRecord | None,
    councils: Sequence[geography.CouncilRecord],
) -> Iterator[_Item]:
    """One item per seat the rule asks for, the notes on the first."""
    employer = (f"organisation: {_scalar(record.name)}",) if seat.employed and record else ()
    values = _values(seat, setting.params, councils)
    notes = _notes(setting, seat, record, len(councils))
    for index, value in enumerate(values):
        fields = tuple(field.replace("{}", value) for field in seat.fields)
        yield _Item((*fields, *employer), notes if index == 0 else (), seat.dated)


def _values(
    seat: Seat, params: Mapping[str, Any], councils: Sequence[geography.CouncilRecord]
) -> list[str]:
    """What each seat is for, a line each: a council's name (quoted, and an empty one to fill in
    when no council is known), an item of a list parameter, or nothing."""
    names = [council.name for council in councils]
    values = [value for value, needed in seat.wanted(params, names) for _ in range(needed)]
    if seat.count == COUNCILS:
        return [_scalar(value) for value in values] or ['""']
    return values


def _notes(
    setting: RuleSetting,
    seat: Seat,
    record: geography.IntegratedCareBoardRecord | None,
    councils: int,
) -> tuple[str, ...]:
    """The seat's own notes where the edition cites the rule as the rule does; otherwise the
    rule's summary with the edition's citation, so a proposal's seat cites the proposal."""
    rule = setting.rule
    notes = seat.notes
    if setting.citation != rule.citation or not notes:
        summary = rule.summary.removesuffix(".")
        end = "{councils}" if seat.count == COUNCILS else "."
        words = f"{summary} ({rule.id}; {cite(setting.citation)})".replace("{", "{{")
        notes = (f"{words.replace('}', '}}')}{end}",)
    if not councils:
        in_all = "; copy this seat for every council in ics.local_authorities."
    else:
        in_all = f", {councils} councils in all."
    unnamed = "" if record else ": add organisation: with its name"
    return tuple(n.format(id=rule.id, unnamed=unnamed, councils=in_all) for n in notes)
