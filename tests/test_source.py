"""Loading YAML: plain data, where each key and value stands, and every reason a file is refused."""

from __future__ import annotations

import itertools
import subprocess
import sys
import textwrap
import time

import pytest

from icscheck import loader
from icscheck.checker import check_bytes, check_text
from icscheck.editions import load_edition
from icscheck.loader import (
    Document,
    Position,
    SyntaxProblem,
    YamlSyntaxError,
    decode,
    load,
    pointer_text,
)
from icscheck.results import Severity
from icscheck.rules.registry import YAML_SYNTAX
from tests.helpers import AS_OF_DATE, FIXTURES

SOURCE_FIXTURES = FIXTURES / "source"


def dedent(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


def problems_of(text: str) -> list[SyntaxProblem]:
    with pytest.raises(YamlSyntaxError) as caught:
        load(text)
    return caught.value.problems


def only_problem(text: str) -> SyntaxProblem:
    problems = problems_of(text)
    assert len(problems) == 1, problems
    return problems[0]


def at(problem: SyntaxProblem) -> tuple[int, int]:
    return (problem.position.line, problem.position.column)


def fixture_document() -> Document:
    return load((SOURCE_FIXTURES / "positions.ics.yaml").read_text("utf-8"))


# --- positions -----------------------------------------------------------------------------------


@pytest.mark.usefixtures("each_loader")
def test_positions_of_top_level_keys_and_values() -> None:
    document = fixture_document()
    # The comment on line 1 is not part of the root mapping, which starts at its first key.
    assert document.values[()] == Position(2, 1)
    assert document.keys[("version",)] == Position(2, 1)
    assert document.values[("version",)] == Position(2, 10)
    assert document.keys[("ics",)] == Position(3, 1)
    assert document.values[("ics",)] == Position(4, 3)
    assert document.keys[("board",)] == Position(8, 1)
    assert document.keys[("partnership",)] == Position(20, 1)


@pytest.mark.usefixtures("each_loader")
def test_positions_of_nested_members_and_list_items() -> None:
    document = fixture_document()
    assert document.keys[("ics", "name")] == Position(4, 3)
    assert document.values[("ics", "name")] == Position(4, 9)
    assert document.values[("ics", "local_authorities")] == Position(6, 5)
    assert document.values[("ics", "local_authorities", 0)] == Position(6, 7)
    assert document.values[("ics", "local_authorities", 1)] == Position(7, 7)
    assert document.values[("board", "members")] == Position(11, 5)
    assert document.values[("board", "members", 0)] == Position(11, 7)
    assert document.values[("board", "members", 1)] == Position(14, 7)
    assert document.keys[("board", "members", 1, "role")] == Position(15, 7)
    assert document.values[("board", "members", 1, "role")] == Position(15, 13)
    interest = ("board", "members", 1, "interests", 0)
    assert document.values[interest] == Position(18, 11)
    assert document.keys[(*interest, "kind")] == Position(19, 11)
    assert document.values[(*interest, "kind")] == Position(19, 17)


@pytest.mark.usefixtures("each_loader")
def test_positions_inside_flow_collections() -> None:
    document = fixture_document()
    member = ("partnership", "members", 0)
    assert document.values[("partnership", "members")] == Position(21, 12)
    assert document.values[member] == Position(21, 13)
    assert document.keys[(*member, "name")] == Position(21, 14)
    assert document.values[(*member, "name")] == Position(21, 20)
    assert document.keys[(*member, "appointed_by")] == Position(21, 36)
    assert document.values[(*member, "local_authority")] == Position(21, 84)


def test_every_value_has_a_position_and_only_mapping_entries_have_keys() -> None:
    document = fixture_document()
    assert document.data["board"]["members"][1]["interests"][0]["kind"] == "directorship"
    assert set(document.keys) <= set(document.values)
    assert () not in document.keys
    assert ("ics", "local_authorities", 0) not in document.keys
    assert ("board", "members", 0) not in document.keys
    assert len(document.values) == 28


@pytest.mark.usefixtures("each_loader")
def test_columns_count_characters_not_bytes() -> None:
    document = load("x: {a: é€, b: 1}\n")
    assert document.keys[("x", "b")] == Position(1, 12)
    assert document.values[("x", "b")] == Position(1, 15)


@pytest.mark.usefixtures("each_loader")
def test_windows_line_endings_do_not_shift_positions() -> None:
    document = load("version: 1\r\nics:\r\n  name: Wirral\r\n")
    assert document.data == {"version": 1, "ics": {"name": "Wirral"}}
    assert document.keys[("ics", "name")] == Position(3, 3)
    assert document.values[("ics", "name")] == Position(3, 9)


@pytest.mark.usefixtures("each_loader")
def test_a_byte_order_mark_in_the_text_is_not_a_column() -> None:
    document = load("\ufeffversion: 1\nics: {name: Wirral}\n")
    assert document.data == {"version": 1, "ics": {"name": "Wirral"}}
    assert document.keys[("version",)] == Position(1, 1)
    assert document.values[("version",)] == Position(1, 10)


def test_locate_a_value_or_its_key() -> None:
    document = fixture_document()
    role = ("board", "members", 0, "role")
    assert document.locate(role) == Position(12, 13)
    assert document.locate(role, at_key=True) == Position(12, 7)


def test_locate_a_missing_key_falls_back_to_the_mapping_that_should_hold_it() -> None:
    document = fixture_document()
    assert document.locate(("board", "members", 0, "nominated_by"), at_key=True) == Position(11, 7)
    assert document.locate(("board", "members", 0, "nominated_by")) == Position(11, 7)
    assert document.locate(("ics", "icb_code"), at_key=True) == Position(4, 3)
    assert document.locate(("places",), at_key=True) == Position(2, 1)


def test_locate_a_missing_path_falls_back_to_its_nearest_existing_ancestor() -> None:
    document = fixture_document()
    assert document.locate(("board", "members", 7, "interests", 0, "kind")) == Position(11, 5)
    assert document.locate(("places", 0, "members", 0, "name"), at_key=True) == Position(2, 1)


def test_locate_a_list_item_at_key_is_the_item_itself() -> None:
    document = fixture_document()
    assert document.locate(("board", "members", 1), at_key=True) == Position(14, 7)
    assert document.locate(("ics", "local_authorities", 1), at_key=True) == Position(7, 7)


def test_locate_in_an_empty_document_is_the_start_of_the_file() -> None:
    document = load("")
    assert document.locate(("version",), at_key=True) == Position(1, 1)
    assert document.locate(()) == Position(1, 1)


def test_an_alias_reads_as_its_anchored_value() -> None:
    document = load("trust: &t Wirral Community Trust\norganisation: *t\n")
    trust = "Wirral Community Trust"
    assert document.data == {"trust": trust, "organisation": trust}
    assert document.keys[("organisation",)] == Position(2, 1)


@pytest.mark.parametrize(
    ("pointer", "text"),
    [
        ((), ""),
        (("board", "members", 0, "role"), "/board/members/0/role"),
        (("a/b", "c~d"), "/a~1b/c~0d"),
        (("",), "/"),
    ],
)
def test_pointer_text_is_a_json_pointer(pointer: loader.Pointer, text: str) -> None:
    assert pointer_text(pointer) == text


# --- duplicate keys ------------------------------------------------------------------------------


@pytest.mark.usefixtures("each_loader")
def test_a_duplicate_key_is_reported_at_the_second_key_naming_the_first() -> None:
    problem = only_problem("version: 1\nics: {name: A}\nversion: 2\n")
    assert at(problem) == (3, 1)
    assert "duplicate key 'version'" in problem.message
    assert "line 1" in problem.message


@pytest.mark.usefixtures("each_loader")
def test_every_duplicate_is_reported_in_file_order() -> None:
    text = (SOURCE_FIXTURES / "duplicates.ics.yaml").read_text("utf-8")
    problems = problems_of(text)
    assert [at(problem) for problem in problems] == [(5, 3), (14, 7), (15, 1)]
    assert "'name'" in problems[0].message and "line 4" in problems[0].message
    assert "'role'" in problems[1].message and "line 12" in problems[1].message
    assert "'version'" in problems[2].message and "line 2" in problems[2].message


@pytest.mark.usefixtures("each_loader")
def test_a_duplicate_inside_a_list_item() -> None:
    text = dedent(
        """
        board:
          members:
            - name: Jane Example
              role: chair
            - name: Sam Example
              role: executive
              portfolio: finance
              role: non_executive
        """
    )
    problem = only_problem(text)
    assert at(problem) == (8, 7)
    assert "duplicate key 'role'" in problem.message
    assert "line 6" in problem.message


@pytest.mark.usefixtures("each_loader")
def test_a_key_given_three_times_is_reported_twice_both_naming_the_first() -> None:
    problems = problems_of("a: 1\nb: 2\na: 3\na: 4\n")
    assert [at(problem) for problem in problems] == [(3, 1), (4, 1)]
    assert all("line 1" in problem.message for problem in problems)


def test_a_quoted_key_duplicates_the_same_plain_key() -> None:
    problem = only_problem("name: A\n'name': B\n")
    assert at(problem) == (2, 1)
    assert "duplicate key 'name'" in problem.message


def test_a_duplicate_whose_value_is_a_mapping_is_reported() -> None:
    problem = only_problem("board:\n  name: A\nboard:\n  name: B\n")
    assert at(problem) == (3, 1)


def test_the_same_key_in_different_mappings_is_no_duplicate() -> None:
    document = load("- {name: A, role: chair}\n- {name: B, role: chair}\n")
    assert document.data == [{"name": "A", "role": "chair"}, {"name": "B", "role": "chair"}]


def test_keys_differing_in_case_are_different_keys() -> None:
    assert load("name: A\nName: B\n").data == {"name": "A", "Name": "B"}


def test_duplicate_keys_are_yaml_syntax_findings_through_the_engine() -> None:
    text = (SOURCE_FIXTURES / "duplicates.ics.yaml").read_text("utf-8")
    report = check_text(text, "dup.ics.yaml", load_edition("hca-2022"), as_of=AS_OF_DATE)
    assert [(f.rule, f.line, f.column) for f in report.findings] == [
        (YAML_SYNTAX.id, 5, 3),
        (YAML_SYNTAX.id, 14, 7),
        (YAML_SYNTAX.id, 15, 1),
    ]
    assert all(f.severity is Severity.ERROR and f.path == "dup.ics.yaml" for f in report.findings)
    assert report.system is None
    assert not report.compliant


# --- scalars -------------------------------------------------------------------------------------


@pytest.mark.usefixtures("each_loader")
def test_dates_and_timestamps_stay_the_strings_they_were_written_as() -> None:
    data = load(
        dedent(
            """
            appointed: 2022-07-01
            term_ends: 2026-06-30
            stamp: 2022-07-01T09:30:00Z
            spaced: 2022-07-01 09:30:00
            loose: 2022-7-1
            """
        )
    ).data
    assert data == {
        "appointed": "2022-07-01",
        "term_ends": "2026-06-30",
        "stamp": "2022-07-01T09:30:00Z",
        "spaced": "2022-07-01 09:30:00",
        "loose": "2022-7-1",
    }


@pytest.mark.usefixtures("each_loader")
@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("true", True),
        ("True", True),
        ("TRUE", True),
        ("false", False),
        ("False", False),
        ("FALSE", False),
    ],
)
def test_only_true_and_false_are_booleans(written: str, value: bool) -> None:
    assert load(f"voting: {written}\n").data["voting"] is value


@pytest.mark.usefixtures("each_loader")
@pytest.mark.parametrize(
    "written", ["yes", "Yes", "YES", "no", "No", "NO", "on", "On", "off", "OFF", "y", "n"]
)
def test_yaml_1_1_booleans_stay_strings(written: str) -> None:
    assert load(f"voting: {written}\n").data["voting"] == written


def test_quoted_scalars_are_always_strings() -> None:
    data = load("a: 'true'\nb: \"1\"\nc: 'null'\nd: '2022-07-01'\ne: !!str 42\n").data
    assert data == {"a": "true", "b": "1", "c": "null", "d": "2022-07-01", "e": "42"}


@pytest.mark.usefixtures("each_loader")
def test_numbers_and_nulls() -> None:
    data = load(
        dedent(
            """
            version: 1
            negative: -3
            grouped: 1_000
            ratio: 1.5
            tilde: ~
            word: null
            capital: Null
            nothing:
            """
        )
    ).data
    assert data == {
        "version": 1,
        "negative": -3,
        "grouped": 1000,
        "ratio": 1.5,
        "tilde": None,
        "word": None,
        "capital": None,
        "nothing": None,
    }
    assert type(data["version"]) is int
    assert type(data["ratio"]) is float


def test_an_ods_code_that_looks_like_a_word_stays_text() -> None:
    assert load("icb_code: NO\n").data == {"icb_code": "NO"}


# --- syntax errors -------------------------------------------------------------------------------


@pytest.mark.usefixtures("each_loader")
def test_bad_indentation() -> None:
    text = dedent(
        """
        version: 1
        ics:
          name: Wirral
         icb_code: QYG
        """
    )
    problem = only_problem(text)
    # the key is too shallow for `ics` and too deep for the file's own mapping, on line 1
    assert at(problem) == (4, 2)
    assert problem.message.startswith("invalid YAML:")
    assert "block mapping at line 1" in problem.message


@pytest.mark.usefixtures("each_loader")
def test_an_unclosed_quote_names_the_line_where_it_opened() -> None:
    text = "version: 1\nics:\n  name: 'Wirral\nboard:\n  members: []\n"
    problem = only_problem(text)
    # The parser only knows the quote is unclosed when the file ends.
    assert at(problem) == (6, 1)
    assert "quoted scalar at line 3" in problem.message


@pytest.mark.usefixtures("each_loader")
def test_tab_indentation_says_to_indent_with_spaces() -> None:
    problem = only_problem("ics:\n\tname: Wirral\n")
    assert at(problem) == (2, 1)
    assert "indent with spaces, not tabs" in problem.message


@pytest.mark.usefixtures("each_loader")
def test_a_tab_among_indented_lines_says_to_indent_with_spaces() -> None:
    problem = only_problem("ics:\n  name: Wirral\n\ticb_code: QYG\n")
    assert at(problem) == (3, 1)
    assert "indent with spaces, not tabs" in problem.message


@pytest.mark.usefixtures("each_loader")
def test_a_character_that_cannot_start_a_value_is_named_without_the_tab_hint() -> None:
    problem = only_problem("name: @wirral\n")
    assert at(problem) == (1, 7)
    assert "'@'" in problem.message
    assert "tabs" not in problem.message


@pytest.mark.usefixtures("each_loader")
def test_a_colon_inside_a_value_hints_at_the_cause() -> None:
    problem = only_problem("ics:\n  name: Wirral: Place\n")
    assert at(problem) == (2, 15)
    assert "colon" in problem.message


@pytest.mark.usefixtures("each_loader")
def test_an_unclosed_flow_list() -> None:
    problem = only_problem("local_authorities: [Wirral, Halton\nversion: 1\n")
    assert problem.position.line == 2
    assert "flow sequence at line 1" in problem.message


@pytest.mark.usefixtures("each_loader")
def test_an_undefined_alias() -> None:
    problem = only_problem("a: 1\nb: *nowhere\n")
    assert at(problem) == (2, 4)
    assert "undefined alias" in problem.message


@pytest.mark.usefixtures("each_loader")
def test_a_second_document_is_refused_where_it_starts() -> None:
    problem = only_problem("version: 1\n---\nversion: 2\n")
    assert at(problem) == (2, 1)
    assert "another document" in problem.message


def test_one_document_with_explicit_markers_is_fine() -> None:
    assert load("---\nversion: 1\n...\n").data == {"version": 1}


@pytest.mark.usefixtures("each_loader")
@pytest.mark.parametrize("text", ["", "\n\n", "# nothing here yet\n", "---\n"])
def test_an_empty_file_has_no_data(text: str) -> None:
    assert load(text).data is None


@pytest.mark.usefixtures("each_loader")
@pytest.mark.parametrize(
    ("text", "code", "position"),
    [
        ("a: 1\n\x00", "U+0000", (2, 1)),
        ("a: é\nb: x\x0cy\n", "U+000C", (2, 5)),
        ("\ufeffa: é\x0b\n", "U+000B", (1, 5)),
    ],
)
def test_a_control_character_is_located_on_one_line(
    text: str, code: str, position: tuple[int, int]
) -> None:
    problem = only_problem(text)
    assert at(problem) == position
    assert code in problem.message and "control character" in problem.message
    assert "\n" not in problem.message


def test_the_exception_says_its_first_problem() -> None:
    with pytest.raises(YamlSyntaxError, match="duplicate key 'a'"):
        load("a: 1\na: 2\nb: 1\nb: 2\n")


def test_syntax_errors_are_findings_not_tracebacks() -> None:
    edition = load_edition("hca-2022")
    report = check_text("ics:\n\tname: x\n", "tab.ics.yaml", edition, as_of=AS_OF_DATE)
    [finding] = report.findings
    assert (finding.rule, finding.name, finding.line, finding.column) == (
        YAML_SYNTAX.id,
        "yaml-syntax",
        2,
        1,
    )
    assert finding.severity is Severity.ERROR
    assert finding.pointer == ""
    assert "tabs" in finding.message
    assert finding.source


# --- bytes ---------------------------------------------------------------------------------------


def test_decode_utf8() -> None:
    assert decode("name: Zoë Bâtard\n".encode()) == "name: Zoë Bâtard\n"


def test_decode_drops_a_byte_order_mark() -> None:
    assert decode(b"\xef\xbb\xbfversion: 1\n") == "version: 1\n"


@pytest.mark.parametrize(
    ("raw", "byte", "position"),
    [
        (b"name: Caf\xe9\n", "0xe9", (1, 10)),
        (b"version: 1\nics:\n  name: Ysbyty Caf\xe9\n", "0xe9", (3, 19)),
        # columns count characters: the two bytes of the e-acute are one column
        (b"a: \xc3\xa9\xff\n", "0xff", (1, 5)),
        # after a byte-order mark: the bad byte is still named and placed right
        (b"\xef\xbb\xbfname: Caf\xe9\n", "0xe9", (1, 10)),
        (b"\xef\xbb\xbfa: 1\nb: \xff\n", "0xff", (2, 4)),
        # a UTF-16 file
        ("a: 1\n".encode("utf-16"), "0xff", (1, 1)),
    ],
)
def test_bytes_that_are_not_utf8_are_a_problem_at_the_bad_byte(
    raw: bytes, byte: str, position: tuple[int, int]
) -> None:
    with pytest.raises(YamlSyntaxError) as caught:
        decode(raw)
    [problem] = caught.value.problems
    assert at(problem) == position
    assert byte in problem.message
    assert "UTF-8" in problem.message


def test_check_bytes_reports_bad_encoding_as_a_syntax_finding() -> None:
    raw = b"version: 1\nics:\n  name: Caf\xe9\n"
    report = check_bytes(raw, "latin1.ics.yaml", load_edition("hca-2022"), as_of=AS_OF_DATE)
    [finding] = report.findings
    assert (finding.rule, finding.line, finding.column) == (YAML_SYNTAX.id, 3, 12)
    assert "UTF-8" in finding.message


def test_check_bytes_accepts_a_byte_order_mark() -> None:
    text = (SOURCE_FIXTURES / "positions.ics.yaml").read_text("utf-8")
    edition = load_edition("hca-2022")
    plain = check_bytes(text.encode(), "a.ics.yaml", edition, as_of=AS_OF_DATE)
    marked = check_bytes(b"\xef\xbb\xbf" + text.encode(), "a.ics.yaml", edition, as_of=AS_OF_DATE)
    assert marked.findings == plain.findings
    assert all(f.rule not in (YAML_SYNTAX.id, "SCHEMA") for f in marked.findings)


# --- structures that are refused -----------------------------------------------------------------


@pytest.mark.usefixtures("each_loader")
def test_merge_keys_are_refused() -> None:
    text = dedent(
        """
        defaults: &defaults
          voting: true
        member:
          <<: *defaults
          name: Jane Example
        """
    )
    problem = only_problem(text)
    assert at(problem) == (4, 3)
    assert "merge keys" in problem.message


@pytest.mark.usefixtures("each_loader")
@pytest.mark.parametrize(
    ("text", "position"),
    [
        ("? [a, b]\n: 1\n", (1, 3)),
        ("{name: x}: 1\n", (1, 1)),
        ("ics:\n  ? {name: x}\n  : 1\n", (2, 5)),
    ],
)
def test_keys_that_are_not_scalars_are_refused(text: str, position: tuple[int, int]) -> None:
    problem = only_problem(text)
    assert at(problem) == position
    assert "plain text" in problem.message


@pytest.mark.usefixtures("each_loader")
@pytest.mark.parametrize(
    ("text", "tag", "position"),
    [
        ("name: !foo Jane\n", "!foo", (1, 7)),
        ("board: !foo\n  members: []\n", "!foo", (1, 8)),
        ("members: !foo [a]\n", "!foo", (1, 10)),
        ("!foo\nversion: 1\n", "!foo", (1, 1)),
        ("data: !!binary aGVsbG8=\n", "binary", (1, 7)),
        ("run: !!python/name:os.system\n", "python/name", (1, 6)),
        ("s: !!set {a}\n", "set", (1, 4)),
        ("o: !!omap [{a: 1}]\n", "omap", (1, 4)),
    ],
)
def test_unknown_tags_are_refused(text: str, tag: str, position: tuple[int, int]) -> None:
    problem = only_problem(text)
    assert at(problem) == position
    assert "unsupported YAML tag" in problem.message and tag in problem.message


def test_standard_collection_tags_are_accepted() -> None:
    assert load("a: !!map {x: 1}\nb: !!seq [1]\n").data == {"a": {"x": 1}, "b": [1]}


def test_problems_of_different_kinds_are_all_reported_in_file_order() -> None:
    text = "a: !foo x\nb: 1\nb: 2\n<<: {c: 1}\n"
    assert [at(problem) for problem in problems_of(text)] == [(1, 4), (3, 1), (4, 1)]


# --- hostile input -------------------------------------------------------------------------------


@pytest.mark.usefixtures("each_loader")
@pytest.mark.parametrize(
    ("text", "position"),
    [
        ("members: &m [*m]\n", (1, 10)),
        ("member: &m\n  name: A\n  self: *m\n", (1, 9)),
        ("- x: &a\n    y: *a\n", (1, 6)),
    ],
)
def test_a_recursive_alias_is_refused(text: str, position: tuple[int, int]) -> None:
    problem = only_problem(text)  # at the anchor of the value that contains itself
    assert at(problem) == position
    assert "alias" in problem.message


def _alias_bomb(levels: int, width: int) -> str:
    names = [f"l{i}" for i in range(levels)]
    lines = [f"{names[0]}: &{names[0]} [{', '.join(['lol'] * width)}]"]
    for previous, name in itertools.pairwise(names):
        lines.append(f"{name}: &{name} [{', '.join([f'*{previous}'] * width)}]")
    return "\n".join(lines) + "\n"


@pytest.mark.usefixtures("each_loader")
def test_a_billion_laughs_is_refused_quickly() -> None:
    text = _alias_bomb(levels=9, width=10)  # 10**9 values once expanded
    started = time.perf_counter()
    problem = only_problem(text)
    assert time.perf_counter() - started < 10
    assert "too many values" in problem.message


def test_modest_reuse_of_anchors_is_fine() -> None:
    data = load(_alias_bomb(levels=3, width=3)).data
    assert data["l2"] == [[["lol"] * 3] * 3] * 3


@pytest.mark.usefixtures("each_loader")
def test_deep_nesting_through_aliases_is_refused() -> None:
    # Each anchor is shallow in the text but holds the one before it: 20 x 60 levels deep.
    lines = ["l0: &l0 " + "[" * 60 + "x" + "]" * 60]
    lines += [f"l{i}: &l{i} " + "[" * 60 + f"*l{i - 1}" + "]" * 60 for i in range(1, 20)]
    problem = only_problem("\n".join(lines) + "\n")
    assert "nested too deeply" in problem.message


@pytest.mark.parametrize(
    "text",
    ["[" * 100_000 + "]" * 100_000, "{a: " * 50_000 + "1" + "}" * 50_000, "[" * 1000 + "]" * 1000],
    ids=["flow-lists", "flow-mappings", "moderate"],
)
def test_deep_nesting_is_refused_without_crashing(text: str) -> None:
    # In a child process: libyaml's composer recurses in C, and a regression would crash pytest.
    script = (
        "import sys\n"
        "from icscheck.loader import YamlSyntaxError, load\n"
        "try:\n"
        "    load(sys.stdin.read())\n"
        "except YamlSyntaxError as error:\n"
        "    problem = error.problems[0]\n"
        "    print(problem.position.line, problem.position.column, problem.message)\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", script],
        input=text,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stderr == ""
    line, column, message = run.stdout.strip().split(" ", 2)
    assert line == "1"
    assert int(column) > 1
    assert "nested too deeply" in message


def test_nesting_as_deep_as_a_real_file_is_fine() -> None:
    assert load("[" * 50 + "]" * 50).data is not None
