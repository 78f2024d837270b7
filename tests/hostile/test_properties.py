"""Whatever arrives on standard input, `icscheck check` answers with findings or one line.

Hypothesis feeds arbitrary text and bytes, YAML-shaped data and mutated ICS files through the
real CLI and the library, on any `--as-of` date from 0001 to 9999 and under any editions, and
asserts what DESIGN.md promises: exit 0, 1 or 2 and never an internal error; every finding has a
rule, a line and a column; exit 1 exactly when a finding reaches `--fail-on`; exit 2 only with one
`icscheck: error:` line. Crashes found by running it hard stay covered as `@example`s.

The `hostile` profile keeps the module fast and, in CI (the `CI` variable set), repeatable:
`derandomize` draws the same examples on every run. Hunt for new crashes with, for example,
`ICSCHECK_HYPOTHESIS_EXAMPLES=5000 pytest tests/hostile/test_properties.py`: a hunt skips the
recorded `@example`s, which would otherwise stop each test at the first known crash.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Callable
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st
from typer.testing import Result

from icscheck import checker, geography, schema
from icscheck.editions import EDITION_ALIASES, builtin_editions, load_edition
from icscheck.results import Finding, Severity
from tests.helpers import AS_OF_DATE, invoke, text_findings

pytestmark = pytest.mark.slow
"""A search over generated input: `-m "not slow"` leaves it out of a quick run."""

HUNT = os.environ.get("ICSCHECK_HYPOTHESIS_EXAMPLES")
settings.register_profile(
    "hostile",
    max_examples=int(HUNT or 25),
    deadline=None,
    derandomize="CI" in os.environ,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    phases=[phase for phase in Phase if not (HUNT and phase is Phase.explicit)],
    print_blob=True,
)
HOSTILE = settings.get_profile("hostile")
LIBRARY = settings(HOSTILE, max_examples=HOSTILE.max_examples * 4)
"""The library path is many times faster than the CLI, so it takes more examples."""

_DEFS = json.loads(schema.schema_text())["$defs"]


def _choices(definition: str, field: str | None = None) -> list[str]:
    """The values the schema allows: the real vocabulary, kept in step with it."""
    spec = _DEFS[definition] if field is None else _DEFS[definition]["properties"][field]
    return [value for value in spec["enum"] if value is not None]


ROLES = _choices("board_member", "role")
SECTORS = _choices("sector")
NOMINATORS = _choices("board_member", "nominated_by")
PORTFOLIOS = _choices("board_member", "portfolio")
KINDS = _choices("interest", "kind")
APPOINTERS = _choices("partnership_member", "appointed_by")
ICB_RECORDS = geography.icb_records()
COUNCILS = sorted({record.name for record in geography.council_records()})
EDITIONS = [*builtin_editions(), *EDITION_ALIASES]
FORMATS = ("json", "text")

MIN_DATE, MAX_DATE = dt.date(1, 1, 1), dt.date(9999, 12, 31)
LANDMARK_DATES = sorted(
    {
        MIN_DATE,
        MAX_DATE,
        AS_OF_DATE,
        dt.date(2022, 6, 30),
        dt.date(2022, 7, 1),
        *(record.valid_from for record in ICB_RECORDS),
        *(record.valid_to for record in ICB_RECORDS if record.valid_to),
    }
)
"""The days the law and the reference data change on, and the ends of the calendar."""

ODD_DATES = [
    "2022-02-30",
    "2022-13-01",
    "0000-00-00",
    "0001-01-01",
    "9999-12-31",
    "2022-7-1",
    "20220701",
    "2022",
    "2022-07-01T00:00:00Z",
]
"""Date fields as people mistype them, and the ends of the calendar."""
ODD_TEXT = [
    "",
    " ",
    "\t",
    "\x00",
    "\x07bell",
    "\x1b[31mred\x1b[0m",
    "\x85",
    "\u2028",
    "\u202eevil",
    "\ufeff",
    "a\nb",
    "a\r\nb",
    "'",
    '"',
    "# not a comment",
    "*alias",
    "&anchor",
    "!tag",
    "%",
    "@",
    "`",
    "- item",
    "key: value",
    "NO",
    "yes",
    "null",
    "~",
    ".nan",
    "1e9999",
    "0x1F",
    *ODD_DATES,
    "x" * 20_000,
    "é" * 5_000,
    "🏥" * 1_000,
]
"""Strings that have broken parsers, terminals and messages before."""

RAW_SCALARS = [
    "!!int abc",
    "!!float x",
    "!!bool maybe",
    "!!null x",
    "!!timestamp 2022-13-45",
    "!!binary '!!!'",
    "!!str",
    "!!map {}",
    "!!seq []",
    "!!set {a: null}",
    "!!omap [a: 1]",
    "!!python/object/apply:os.system [ls]",
    "!custom x",
    "&a [*a]",
    "*nowhere",
    "1" * 5000,
    "-" + "9" * 5000,
    "0x" + "f" * 5000,
    "0o" + "7" * 5000,
    "1." + "0" * 5000,
    "1e400",
    "-.inf",
    ".NaN",
    "0b101",
    "1_000",
    "190:20:30",
    "2022-07-01T00:00:00Z",
    "2022-07-01 extra",
    "{a: 1, a: 2}",
    "{<<: {a: 1}}",
    "[1, [2, [3]]]",
    "'unterminated",
    '"\\x"',
    "|",
    "? complex",
    "\t",
]
"""YAML that `yaml.safe_dump` never writes (tags, anchors, huge numbers), spliced in as text."""


def dates() -> st.SearchStrategy[dt.date]:
    return st.one_of(st.sampled_from(LANDMARK_DATES), st.dates(MIN_DATE, MAX_DATE))


def date_texts() -> st.SearchStrategy[str]:
    return st.one_of(dates().map(dt.date.isoformat), st.sampled_from(ODD_DATES))


def names() -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(["Jane Example", "JANE  example", "Dr Nia Evans", "Sam Example"]),
        st.text(min_size=1, max_size=30),
    )


def odd_values() -> st.SearchStrategy[Any]:
    """Wrong types and odd strings, for any field."""
    scalars = st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(),
        st.sampled_from(ODD_TEXT),
        st.text(max_size=40),
    )
    return st.recursive(
        scalars,
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner),
        max_leaves=6,
    )


def yaml_shaped() -> st.SearchStrategy[Any]:
    """Random nested mappings, lists and scalars, as any YAML file might hold."""
    keys = st.one_of(
        st.sampled_from(["version", "ics", "board", "members", "name", "role", "partnership"]),
        st.text(max_size=10),
    )
    return st.recursive(
        odd_values(),
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=4),
        max_leaves=20,
    )


def optional(
    draw: st.DrawFn, mapping: dict[str, Any], key: str, values: st.SearchStrategy[Any]
) -> None:
    """Set `key` on about half the drawn files, so absent keys are tried too."""
    if draw(st.booleans()):
        mapping[key] = draw(values)


@st.composite
def interests(draw: st.DrawFn) -> dict[str, Any]:
    interest: dict[str, Any] = {"organisation": draw(st.sampled_from(COUNCILS) | names())}
    optional(draw, interest, "sector", st.sampled_from(SECTORS))
    optional(draw, interest, "kind", st.sampled_from(KINDS))
    return interest


@st.composite
def board_members(draw: st.DrawFn) -> dict[str, Any]:
    role = draw(st.sampled_from(ROLES))
    member: dict[str, Any] = {"name": draw(names()), "role": role}
    if role == "partner_member" or draw(st.integers(0, 9)) == 0:
        member["nominated_by"] = draw(st.sampled_from(NOMINATORS))
    if role == "executive" or draw(st.integers(0, 9)) == 0:
        member["portfolio"] = draw(st.sampled_from(PORTFOLIOS))
    optional(draw, member, "voting", st.booleans())
    optional(draw, member, "organisation", st.sampled_from(COUNCILS) | names())
    optional(draw, member, "sector", st.sampled_from(SECTORS))
    optional(draw, member, "expertise", st.lists(st.sampled_from(["mental_health", *SECTORS])))
    optional(draw, member, "appointed", date_texts())
    optional(draw, member, "term_ends", date_texts())
    optional(draw, member, "interests", st.lists(interests(), max_size=3))
    return member


@st.composite
def partnership_members(draw: st.DrawFn) -> dict[str, Any]:
    appointer = draw(st.sampled_from(APPOINTERS))
    member: dict[str, Any] = {"name": draw(names()), "appointed_by": appointer}
    if appointer == "local_authority" or draw(st.integers(0, 9)) == 0:
        member["local_authority"] = draw(st.sampled_from(COUNCILS) | names())
    optional(draw, member, "organisation", names())
    optional(draw, member, "sector", st.sampled_from(SECTORS))
    return member


@st.composite
def ics_files(draw: st.DrawFn) -> dict[str, Any]:
    """A valid-looking ICS file from the real vocabulary: roles, sectors, ICB codes, councils."""
    record = draw(st.sampled_from(ICB_RECORDS))
    ics: dict[str, Any] = {"name": draw(st.just(record.name) | names())}
    optional(draw, ics, "icb_code", st.just(record.code) | st.sampled_from(["qyg", "QYG ", "Q"]))
    optional(draw, ics, "local_authorities", st.lists(st.sampled_from(COUNCILS), max_size=6))
    optional(draw, ics, "ccgs", st.lists(names(), max_size=2))
    data: dict[str, Any] = {
        "version": 1,
        "ics": ics,
        "board": {"name": record.name, "members": draw(st.lists(board_members(), max_size=12))},
    }
    if draw(st.booleans()):
        members = draw(st.lists(partnership_members(), max_size=8))
        data["partnership"] = {"name": f"{ics['name']} Partnership", "members": members}
    if draw(st.booleans()):
        place = st.fixed_dictionaries(
            {"name": names()},
            optional={"members": st.lists(st.fixed_dictionaries({"name": names()}), max_size=3)},
        )
        data["places"] = draw(st.lists(place, max_size=2))
    return data


def _containers(data: Any, found: list[Any]) -> list[Any]:
    """Every mapping and list in `data`, outermost first: the places a mutation can act on."""
    if isinstance(data, dict | list):
        found.append(data)
        for child in data.values() if isinstance(data, dict) else data:
            _containers(child, found)
    return found


def _mutate(draw: st.DrawFn, data: Any) -> None:
    """One change that a careless edit could make: drop, retype, add or duplicate an entry."""
    target = draw(st.sampled_from(_containers(data, [])))
    if isinstance(target, dict):
        keys = sorted(target)
        action = draw(st.sampled_from(["drop", "retype", "add"] if keys else ["add"]))
        if action == "add":
            target[draw(st.text(max_size=12))] = draw(odd_values())
            return
        key = draw(st.sampled_from(keys))
        if action == "drop":
            del target[key]
        else:
            target[key] = draw(odd_values())
    elif target:
        index = draw(st.integers(0, len(target) - 1))
        action = draw(st.sampled_from(["duplicate", "retype", "drop"]))
        if action == "duplicate":
            target.insert(index, target[index])
        elif action == "retype":
            target[index] = draw(odd_values())
        else:
            del target[index]
    else:
        target.append(draw(odd_values()))


def _splice(draw: st.DrawFn, text: str) -> str:
    """One change to the text itself: a raw scalar for a value, a repeated or cut line."""
    lines = text.split("\n")
    index = draw(st.integers(0, len(lines) - 1))
    line = lines[index]
    action = draw(st.sampled_from(["scalar", "repeat", "cut", "character"]))
    if action == "scalar" and ": " in line:
        lines[index] = line.split(": ", 1)[0] + ": " + draw(st.sampled_from(RAW_SCALARS))
    elif action == "repeat":
        lines.insert(index, line)
    elif action == "cut":
        lines[index] = line[: draw(st.integers(0, len(line)))]
    else:
        where = draw(st.integers(0, len(line)))
        character = draw(st.sampled_from(["\t", "\x00", "\x1b", "\x7f", "\ufffe", ":", "#", "\r"]))
        lines[index] = line[:where] + character + line[where:]
    return "\n".join(lines)


@st.composite
def mutated_ics_texts(draw: st.DrawFn) -> str:
    """An ICS file after a few careless edits, to its data and then to its text."""
    data = draw(ics_files())
    for _ in range(draw(st.integers(0, 3))):
        _mutate(draw, data)
    text = yaml.safe_dump(data, allow_unicode=draw(st.booleans()), sort_keys=False)
    for _ in range(draw(st.integers(0, 2))):
        text = _splice(draw, text)
    return text


def dumped(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True)


ANY_INPUT: st.SearchStrategy[str | bytes] = st.one_of(
    st.text(),
    st.binary(),
    yaml_shaped().map(dumped),
    mutated_ics_texts(),
)
EDITION_CHOICES = st.one_of(
    st.just(("all",)),
    st.lists(st.sampled_from(EDITIONS), min_size=1, max_size=3, unique=True).map(tuple),
)


def check(
    stdin: str | bytes, *, as_of: dt.date, editions: tuple[str, ...], form: str, fail_on: str
) -> Result:
    """`icscheck check -` on `stdin`, as a user would type it."""
    chosen = [arg for edition in editions for arg in ("--edition", edition)]
    args = ["check", "-", "--format", form, "--as-of", as_of.isoformat(), "--fail-on", fail_on]
    return invoke(*args, *chosen, stdin=stdin)  # type: ignore[arg-type]


def assert_sound(result: Result, *, form: str, fail_on: Severity) -> None:
    """DESIGN.md's promises for one run: exit codes, one-line errors, located findings."""
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    output = result.stdout + result.stderr
    assert "internal error" not in output and "Traceback" not in output, output
    assert result.exit_code in (0, 1, 2), output
    if result.exit_code == 2:
        lines = result.stderr.splitlines()
        assert len(lines) == 1 and lines[0].startswith("icscheck: error: "), result.stderr
        assert result.stdout == "", result.stdout
        return
    severities = _severities(result.stdout, form)
    reached = any(severity.rank >= fail_on.rank for severity in severities)
    assert result.exit_code == int(reached), output


def _severities(stdout: str, form: str) -> list[Severity]:
    """Each finding's severity, having checked that it has a rule, a line and a column."""
    if form == "text":
        return [Severity(match["severity"]) for match in text_findings(stdout)]
    findings = [f for report in json.loads(stdout)["files"] for f in report["findings"]]
    for finding in findings:
        assert finding["rule"] and finding["line"] >= 1 and finding["column"] >= 1, finding
    return [Severity(finding["severity"]) for finding in findings]


def _places(stdout: str, form: str) -> list[tuple[str, int, int, str]]:
    """Each finding's rule, line, column and severity, in report order."""
    if form == "text":
        return [
            (m["rule"], int(m["line"]), int(m["column"]), m["severity"])
            for m in text_findings(stdout)
        ]
    return [
        (f["rule"], f["line"], f["column"], f["severity"])
        for report in json.loads(stdout)["files"]
        for f in report["findings"]
    ]


def assert_located(findings: tuple[Finding, ...]) -> None:
    for finding in findings:
        assert finding.rule and finding.line >= 1 and finding.column >= 1, finding


TINY_ICS = "version: 1\nics: {name: X, icb_code: QYG}\nboard: {members: []}\n"
"""The smallest file that reaches the reference data for its ICB."""


def _twice_named(name: str) -> str:
    """Two chairs called `name`, so the name is quoted in findings' messages."""
    member = f"  - {{name: {name}, role: chair}}\n"
    return f"version: 1\nics: {{name: X}}\nboard:\n  members:\n{member}{member}"


KNOWN_CRASHES = [
    # IndexError in geography.explain: an ICB code on a date before ICBs existed (1 July 2022)
    (TINY_ICS, dt.date(2021, 1, 1)),
    (TINY_ICS, MIN_DATE),
    # ValueError / IndexError from PyYAML's constructors: odd or empty tagged scalars
    ("version: !!int abc\n", AS_OF_DATE),
    ("version: !!float x\n", AS_OF_DATE),
    ("version: !!int\n", AS_OF_DATE),
    ("version: !!float\n", AS_OF_DATE),
    # ValueError: Exceeds the limit (4300 digits), from jsonschema's message about the value
    ("version: " + "1" * 5000 + "\n", AS_OF_DATE),
    ("version: 0x" + "f" * 4000 + "\n", AS_OF_DATE),
    ("version: 1\nics: {name: X}\nboard:\n  members:\n  - {name: Y, role: 0x" + "f" * 4000 + "}\n",
     AS_OF_DATE),
    # A control character or line break in a name splits a text-format finding over two lines
    (_twice_named('"\\x1e"'), AS_OF_DATE),
    (_twice_named('"a\\nb"'), AS_OF_DATE),
    (_twice_named('"\\x85"'), AS_OF_DATE),
]  # fmt: skip
"""Minimal inputs that crashed or broke `check` when this test was written (issue 6)."""


def known_crashes(**fixed: object) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Each known crash as an `@example` of a test, with the test's other arguments `fixed`."""

    def decorate(test: Callable[..., None]) -> Callable[..., None]:
        for stdin, as_of in KNOWN_CRASHES:
            test = example(stdin=stdin, as_of=as_of, **fixed)(test)
        return test

    return decorate


@given(
    stdin=ANY_INPUT,
    as_of=dates(),
    editions=EDITION_CHOICES,
    form=st.sampled_from(FORMATS),
    fail_on=st.sampled_from(list(Severity)),
)
@known_crashes(editions=("hca-2022",), form="text", fail_on=Severity.ERROR)
@example(stdin=TINY_ICS, as_of=MIN_DATE, editions=("all",), form="json", fail_on=Severity.INFO)
@HOSTILE
def test_any_input_gives_findings_or_one_line(
    stdin: str | bytes, as_of: dt.date, editions: tuple[str, ...], form: str, fail_on: Severity
) -> None:
    result = check(stdin, as_of=as_of, editions=editions, form=form, fail_on=fail_on.value)
    assert_sound(result, form=form, fail_on=fail_on)


@given(stdin=mutated_ics_texts(), as_of=dates(), edition=st.sampled_from(EDITIONS))
@known_crashes(edition="hca-2022")
@HOSTILE
def test_mutated_ics_files_give_located_findings_in_both_formats(
    stdin: str, as_of: dt.date, edition: str
) -> None:
    """The text and JSON reports of one run agree on the exit code and on every finding."""
    runs = {
        form: check(stdin, as_of=as_of, editions=(edition,), form=form, fail_on="warning")
        for form in FORMATS
    }
    for form, result in runs.items():
        assert_sound(result, form=form, fail_on=Severity.WARNING)
    assert runs["json"].exit_code == runs["text"].exit_code
    if runs["json"].exit_code != 2:
        assert _places(runs["json"].stdout, "json") == _places(runs["text"].stdout, "text")


@given(stdin=ANY_INPUT, as_of=dates(), edition=st.sampled_from(EDITIONS))
@known_crashes(edition="hca-2022")
@LIBRARY
def test_library_locates_every_finding(stdin: str | bytes, as_of: dt.date, edition: str) -> None:
    """`checker.check_bytes`, the path every caller shares, locates findings for anything."""
    raw = stdin.encode("utf-8") if isinstance(stdin, str) else stdin
    report = checker.check_bytes(raw, "<stdin>", load_edition(edition), as_of=as_of)
    assert_located(report.findings)
