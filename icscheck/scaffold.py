"""`icscheck init`: write a starting ICS file with a commented-out template for every seat.

The file is valid input as written, so `icscheck check` on it lists exactly the seats still to
fill. Inside the board and partnership, a line starting `# ` is a template line and a line
starting `##` is a note: an editor's toggle-comment on a whole block turns the template lines
into YAML and leaves the notes (and the optional date lines) as comments.
"""

from __future__ import annotations

import json
import os
import re
import textwrap
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from icscheck import discovery, geography
from icscheck.editions import DEFAULT_EDITION, load_edition
from icscheck.output import write_atomically

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


def create(path: Path | None, *, icb_code: str | None, as_of: date) -> Path:
    """Write a starting file for the ICB `icb_code` in force on `as_of`, and return its path.

    Without `path` the file is named after the system, in the current folder. An existing file
    is never replaced: a user's filled-in board is worth more than a fresh template.
    """
    record, councils = (None, ()) if icb_code is None else _in_force(icb_code, as_of)
    target = path if path is not None else default_path(record)
    _check_target(target)
    _write_new(target, starter_text(record, councils, as_of))
    return target


def text_for(icb_code: str | None, as_of: date) -> str:
    """The starting file `create` would write, as text: `icscheck init -` prints it."""
    record, councils = (None, ()) if icb_code is None else _in_force(icb_code, as_of)
    return starter_text(record, councils, as_of)


def found_by_check(path: Path) -> bool:
    """Whether `icscheck check` on a folder holding `path` would find it by its name."""
    return any(path.match(pattern) for pattern in discovery.PATTERNS)


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
class _Seat:
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


def _template(seat: _Seat) -> list[str]:
    """The seat as `# ` lines that become a member item once the `# ` is removed."""
    lines = [""] if seat.notes else []
    lines += [line for note in seat.notes for line in _note(note, _MEMBER)]
    lines.append(f'{_MEMBER}# - name: ""')
    lines += [f"{_MEMBER}#   {field}" for field in seat.fields]
    if seat.dated:
        lines += [f"{_MEMBER}##   {field}" for field in _DATES]
    return lines


def _members(seats: Iterator[_Seat]) -> list[str]:
    """An empty `members` list that passes the schema, then the seats waiting to fill it."""
    return [
        *_note(
            f'Once you uncomment a member below, change {_EMPTY_MEMBERS} to "members:".',
            "  ",
        ),
        "  members: []",
        *(line for seat in seats for line in _template(seat)),
    ]


def starter_text(
    record: geography.IntegratedCareBoardRecord | None,
    councils: Sequence[geography.CouncilRecord],
    as_of: date,
) -> str:
    """The starting file for the ICB `record` (None: no ICB given) with its `councils`."""
    sections = [
        _header(record, as_of),
        ["version: 1"],
        _ics_section(record, councils, as_of),
        _board_section(record),
        _partnership_section(record, councils),
    ]
    return "\n\n".join("\n".join(section) for section in sections) + "\n"


def _header(record: geography.IntegratedCareBoardRecord | None, as_of: date) -> list[str]:
    if record is None:
        origin = (
            "Written by icscheck init without an ICB code: fill in the system's name, its ICB's "
            "code and its councils below, or start again with icscheck init --icb CODE to have "
            "them filled in (icscheck icbs lists the codes)."
        )
    else:
        origin = (
            f"Written by icscheck init for {record.label} on "
            f"{_keep(geography.long_date(as_of))}, "
            f"with the councils of its area from icscheck's reference data "
            f"({_keep(geography.data_vintage(as_of))}). {geography.CAVEAT}"
        )
    how = (
        "Every board and partnership seat that the law or NHS England guidance requires has a "
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
        "# Check it:         icscheck check FILE",
        "# Why a rule:       icscheck explain ICB001",
        f"# The file format:  icscheck schema > {SCHEMA_FILE}  (the first line points your",
        "#                   editor's YAML language server at it, saved beside this file)",
    ]


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


def _board_section(record: geography.IntegratedCareBoardRecord | None) -> list[str]:
    if record is None:
        name = [
            *_note("The ICB's name, e.g. NHS Cheshire and Merseyside Integrated Care Board:", "  "),
            '  # name: ""',
        ]
    else:
        name = [f"  name: {_scalar(record.name)}"]
    return ["board:", *name, *_members(_board_seats(record))]


def _board_seats(record: geography.IntegratedCareBoardRecord | None) -> Iterator[_Seat]:
    """Every seat hca-2022 requires, in the order constitutions list them."""
    employer = () if record is None else (f"organisation: {_scalar(record.name)}",)
    yield _Seat(
        ("role: chair",),
        (
            "Chair (ICB001; NHS Act 2006 Sch. 1B para 3(1)(a)): appointed by NHS England with "
            "the Secretary of State's approval (para 5), and independent of health and care "
            "bodies in the area (ICB013).",
        ),
    )
    yield _Seat(
        ("role: chief_executive", *employer),
        (
            "Chief executive (ICB002; Sch. 1B para 3(1)(b)): appointed by the chair with NHS "
            "England's approval. Must be an employee of the ICB (ICB010; para 7(2)), so their "
            f"organisation is the ICB{'' if record else ': add organisation: with its name'}. "
            "Someone seconded to the ICB, from an NHS trust for example, counts as its employee "
            "(para 19(4)): add seconded_from: with the employer's name.",
        ),
    )
    yield _Seat(
        ("role: partner_member", "nominated_by: nhs_trusts"),
        (
            "Partner members (ICB004 to ICB006; Sch. 1B para 8(2)): one ordinary member "
            "nominated jointly by each group below. The board needs at least three ordinary "
            "members besides the chair and chief executive (ICB003; para 3(1)(c)); partner, "
            "mental health, executive and non-executive members all count.",
            "Nominated by the NHS trusts and foundation trusts providing services in the area "
            "(ICB004; para 8(2)(a)):",
        ),
    )
    yield _Seat(
        ("role: partner_member", "nominated_by: primary_medical_services"),
        ("Nominated by the providers of primary medical services in the area (ICB005):",),
    )
    yield _Seat(
        ("role: partner_member", "nominated_by: local_authorities"),
        (
            "Nominated by the local authorities whose areas coincide with or include any part "
            "of the ICB's area (ICB006):",
        ),
    )
    yield _Seat(
        ("role: ordinary_member", "expertise: [mental_health]"),
        (
            "Mental health member (ICB007; Sch. 1B, paragraph not verified): an ordinary member "
            "with knowledge and experience of mental health services. Or add expertise: "
            "[mental_health] to another ordinary member who has it, and leave this seat out.",
        ),
    )
    executives = (
        "Executive members (ICB011): NHS England's guidance on ICB constitutions requires a "
        "director of finance, a medical director and a director of nursing.",
    )
    for index, portfolio in enumerate(_default_param("ICB011", "portfolios")):
        notes = executives if index == 0 else ()
        yield _Seat(("role: executive", f"portfolio: {portfolio}", *employer), notes)
    yield _Seat(
        ("role: non_executive",),
        (
            "Non-executive members (ICB012): NHS England's guidance requires at least two "
            "besides the chair, independent of health and care bodies in the area (ICB013).",
        ),
    )
    yield _Seat(("role: non_executive",))


def _partnership_section(
    record: geography.IntegratedCareBoardRecord | None,
    councils: Sequence[geography.CouncilRecord],
) -> list[str]:
    name = (
        "Your integrated care partnership"
        if record is None
        else f"{system_name(record)} Integrated Care Partnership"
    )
    return [
        "partnership:",
        f"  name: {_scalar(name)}",
        *_members(_partnership_seats(record, councils)),
    ]


def _partnership_seats(
    record: geography.IntegratedCareBoardRecord | None,
    councils: Sequence[geography.CouncilRecord],
) -> Iterator[_Seat]:
    """The ICB's appointee, one per council, then the members guidance suggests."""
    employer = () if record is None else (f"organisation: {_scalar(record.name)}",)
    yield _Seat(
        ("appointed_by: icb", *employer),
        (
            "Appointed by the ICB (ICP002; Local Government and Public Involvement in Health Act "
            "2007 s.116ZA(2)(a)): exactly one member. Any further ICB nominees are appointed by "
            "the partnership itself (appointed_by: partnership).",
        ),
        dated=False,
    )
    yield from _council_seats(councils)
    suggested = (
        "Suggested, not required by the Act (ICP005, information only): members appointed by "
        "the partnership itself (s.116ZA(2)(c)) from Local Healthwatch, the voluntary, community "
        "and social enterprise sector, social care and public health.",
    )
    for index, sector in enumerate(_default_param("ICP005", "sectors")):
        notes = suggested if index == 0 else ()
        yield _Seat(("appointed_by: partnership", f"sector: {sector}"), notes, dated=False)


def _default_param(rule_id: str, name: str) -> list[str]:
    """A parameter of a rule in the default edition, so the seats follow the edition's data."""
    setting = load_edition(DEFAULT_EDITION).setting(rule_id)
    assert setting is not None, f"{DEFAULT_EDITION} puts {rule_id} in force"
    values: list[str] = setting.params[name]
    return values


def _council_seats(councils: Sequence[geography.CouncilRecord]) -> Iterator[_Seat]:
    """One member appointed by each responsible council (ICP003), its council filled in."""
    rule = (
        "Appointed by each responsible local authority of the area (ICP003; s.116ZA(2)(b)): one "
        "member each"
    )
    if not councils:
        yield _Seat(
            ("appointed_by: local_authority", 'local_authority: ""'),
            (f"{rule}; copy this seat for every council in ics.local_authorities.",),
            dated=False,
        )
        return
    for index, council in enumerate(councils):
        notes = (f"{rule}, {len(councils)} councils in all.",) if index == 0 else ()
        fields = ("appointed_by: local_authority", f"local_authority: {_scalar(council.name)}")
        yield _Seat(fields, notes, dated=False)
