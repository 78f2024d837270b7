"""Editions: the shipped data against the rules.md Editions table, loading, `extends`, diffs."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from icscheck import editions
from icscheck.citations import Citation, all_sources, confidence
from icscheck.editions import (
    DEFAULT_EDITION,
    EditionError,
    builtin_editions,
    edition_from_file,
    edition_from_text,
    load_edition,
    loading,
)
from icscheck.editions.diff import ChangeKind, RuleChange, diff_editions
from icscheck.model import build_system
from icscheck.results import Severity
from icscheck.rules import ALL_RULES, Context
from tests.helpers import DF21, EDITIONS_OLDEST_FIRST, HCA22, OPT1, OPT2, PLACE_SECTORS, WP21

EDITIONS = EDITIONS_OLDEST_FIRST
# As rules.md writes them: `E` error, `W` warning, `I` info, `-` (here `_`) not in force.
E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO  # noqa: E741
_: Severity | None = None

# reference/rules.md, "Editions", column for column: OPT1, OPT2, WP21, DF21, HCA22.
TABLE: dict[str, tuple[Severity | None, ...]] = {
    "ICB001": (_, E, E, E, E),
    "ICB002": (_, E, E, E, E),
    "ICB008": (_, E, E, E, E),
    "ICB003": (_, _, _, _, E),
    "ICB004": (E, E, E, E, E),
    "ICB005": (E, E, E, E, E),
    "ICB006": (E, E, E, E, E),
    "ICB007": (_, _, _, _, E),
    "ICB010": (_, _, _, _, E),
    "ICB009": (_, _, _, _, W),
    "ICB011": (_, E, _, E, W),
    "ICB012": (_, _, _, E, W),
    "ICB013": (_, _, _, W, W),
    "ICB014": (E, E, E, E, E),
    "ICB015": (W, W, W, W, W),
    "ICB020": (E, _, _, _, _),
    "ICB021": (E, _, _, _, _),
    "ICS001": (E, _, _, _, _),
    "ICP001": (_, _, W, W, E),
    "ICP002": (_, _, _, _, E),
    "ICP003": (_, _, _, _, E),
    "ICP004": (_, _, _, _, E),
    "ICP005": (_, _, I, _, I),
    "PLC001": (E, E, _, _, _),
    # Not in rules.md: icscheck's checks of a file against its reference data on ICBs.
    "ICS002": (_, _, _, _, E),
    "ICS003": (_, _, _, _, W),
    # Not in rules.md either: issue 6's one person listed twice in the partnership (an inference).
    "ICP006": (_, _, _, _, W),
}

EXECUTIVES = ["finance", "medical", "nursing"]
# The parameters the table (and the text under it) gives; other rules take their defaults.
PARAMS: dict[tuple[str, str], dict[str, object]] = {
    ("ICB003", HCA22): {"minimum": 3},
    ("ICB011", OPT2): {"portfolios": ["finance"]},
    ("ICB011", DF21): {"portfolios": EXECUTIVES},
    ("ICB011", HCA22): {"portfolios": EXECUTIVES},
    ("ICB012", DF21): {"minimum": 2},
    ("ICB012", HCA22): {"minimum": 2},
    ("ICP005", WP21): {"sectors": ["healthwatch", "vcse", "social_care", "independent_sector"]},
    ("ICP005", HCA22): {"sectors": ["healthwatch", "vcse", "social_care", "public_health"]},
    ("PLC001", OPT1): {"sectors": PLACE_SECTORS},
    ("PLC001", OPT2): {"sectors": PLACE_SECTORS},
    # rules.md's 2026-11-24 corrections: representatives, not nominees, in the edition's words.
    **{
        (rule_id, edition): {"minimum": 1, "mechanism": "representation", "group": group}
        for edition, groups in {
            WP21: ("NHS trusts", "general practice", "local authorities"),
            OPT2: ("NHS hospitals and other providers", "primary care", "local government"),
        }.items()
        for rule_id, group in zip(("ICB004", "ICB005", "ICB006"), groups, strict=True)
    },
    # Elsewhere the partner members are nominated, as Sch. 1B para 4 provides.
    **{
        (rule_id, edition): {"minimum": 1, "mechanism": "nomination", "group": ""}
        for edition in (OPT1, DF21, HCA22)
        for rule_id in ("ICB004", "ICB005", "ICB006")
    },
}

# The source each edition's rules cite: the document it rests on, save where noted.
RESTS_ON: dict[str, str] = {OPT1: "NHSE-IC20", OPT2: "NHSE-IC20", WP21: "WP21", DF21: "NHSE-DF21"}
CITES_INSTEAD: dict[tuple[str, str], str] = {
    **{("ICB015", edition): "PRACTICE" for edition in EDITIONS},
    # The Design Framework, as reported, says nothing of the partnership: the white paper does.
    ("ICP001", DF21): "WP21",
    ("ICS002", HCA22): "REFDATA",
    ("ICS003", HCA22): "REFDATA",
    **{(rule_id, HCA22): "NHSE-CONST" for rule_id in ("ICB011", "ICB012", "ICB013")},
    **{(f"ICP00{n}", HCA22): "HCA22-ICP" for n in (1, 2, 3, 4, 6)},
    ("ICP005", HCA22): "DHSC-ICP21",
}
DATES = {
    OPT1: "2020-11-26",
    OPT2: "2020-11-26",
    WP21: "2021-02-11",
    DF21: "2021-06-16",
    HCA22: "2022-07-01",
}


def expected_source(rule_id: str, edition_id: str) -> str:
    return CITES_INSTEAD.get((rule_id, edition_id), RESTS_ON.get(edition_id, "HCA22-1B"))


def test_the_table_names_only_rules_in_the_catalogue() -> None:
    # Rules added since the table (reference-data rules) are held to it once it lists them.
    assert set(TABLE) <= {rule.id for rule in ALL_RULES}


def test_the_shipped_editions_are_the_five() -> None:
    assert set(builtin_editions()) == set(EDITIONS)
    assert DEFAULT_EDITION == HCA22


@pytest.mark.parametrize("edition_id", EDITIONS)
def test_edition_puts_in_force_what_the_table_says(edition_id: str) -> None:
    column = EDITIONS.index(edition_id)
    edition = load_edition(edition_id)
    expected = {rule_id: row[column] for rule_id, row in TABLE.items() if row[column]}
    in_force = {s.rule.id: s.severity for s in edition.settings if s.rule.id in TABLE}
    assert in_force == expected


@pytest.mark.parametrize("edition_id", EDITIONS)
def test_edition_sets_the_parameters_the_table_gives(edition_id: str) -> None:
    edition = load_edition(edition_id)
    for setting in edition.settings:
        expected = PARAMS.get((setting.rule.id, edition_id), {})
        assert dict(setting.params) == expected, setting.rule.id
    given = {rule_id for rule_id, edition_with in PARAMS if edition_with == edition_id}
    assert given <= {s.rule.id for s in edition.settings}


@pytest.mark.parametrize("edition_id", EDITIONS)
def test_edition_cites_what_it_rests_on(edition_id: str) -> None:
    edition = load_edition(edition_id)
    for setting in edition.settings:
        citation = setting.citation
        assert citation.source == expected_source(setting.rule.id, edition_id), setting.rule.id
        assert citation.section, f"{setting.rule.id} names no part of {citation.source}"
        assert citation.source in edition.sources, setting.rule.id


def test_each_option_cites_its_own_option() -> None:
    for edition_id, option in ((OPT1, "option 1"), (OPT2, "option 2")):
        for setting in load_edition(edition_id).settings:
            if setting.citation.source == "NHSE-IC20" and setting.rule.id != "PLC001":
                assert setting.citation.section.startswith(option), setting.rule.id


def test_citations_are_no_firmer_than_their_evidence() -> None:
    # The Design Framework is reported, not quoted; option 2's chair, chief executive and
    # finance director are Bevan Brittan's report; so is the origin of option 1's officer.
    for setting in load_edition(DF21).settings:
        if setting.citation.source == "NHSE-DF21":
            assert confidence(setting.citation) == "C", setting.rule.id
    option2 = load_edition(OPT2)
    for rule_id in ("ICB001", "ICB002", "ICB008", "ICB011"):
        assert confidence(_citation(option2, rule_id)) == "C", rule_id
    for rule_id in ("ICB004", "ICB005", "ICB006", "PLC001"):
        assert confidence(_citation(option2, rule_id)) == "Q", rule_id
    assert confidence(_citation(load_edition(OPT1), "ICB020")) == "C"
    assert confidence(_citation(load_edition(HCA22), "ICP005")) == "R"


def _citation(edition: editions.Edition, rule_id: str) -> Citation:
    setting = edition.setting(rule_id)
    assert setting is not None
    return setting.citation


@pytest.mark.parametrize("edition_id", EDITIONS)
def test_edition_describes_itself(edition_id: str) -> None:
    edition = load_edition(edition_id)
    assert edition.id == edition_id
    assert edition.title
    assert edition.date == DATES[edition_id]
    assert dt.date.fromisoformat(edition.date)
    assert len(edition.summary.split()) > 40
    assert edition.sources
    assert set(edition.sources) <= set(all_sources())
    assert {s.citation.source for s in edition.settings} == set(edition.sources)


@pytest.mark.parametrize("edition_id", EDITIONS)
def test_edition_lists_rules_in_catalogue_order(edition_id: str) -> None:
    order = [rule.id for rule in ALL_RULES]
    ids = [s.rule.id for s in load_edition(edition_id).settings]
    assert ids == sorted(ids, key=order.index)


def test_loading_is_cached_and_settings_are_read_only() -> None:
    edition = load_edition(HCA22)
    assert load_edition(HCA22) is edition
    setting = edition.setting("ICB003")
    assert setting is not None
    with pytest.raises(TypeError):
        setting.params["minimum"] = 1  # type: ignore[index]


def test_unknown_edition_is_a_clear_error() -> None:
    with pytest.raises(EditionError, match="unknown edition 'hca2022'; did you mean 'hca-2022'"):
        load_edition("hca2022")


# `extends`: a rule pack is an edition that starts from another.


def test_extends_takes_the_parents_rules_unchanged() -> None:
    pack = edition_from_text("extends: hca-2022\nrules: {}\n", "pack.yaml")
    assert pack.settings == load_edition(HCA22).settings
    assert pack.id == "pack"
    assert (
        pack.title == "Health and Care Act 2022 (the law in force), with rule pack pack (pack.yaml)"
    )
    assert pack.sources == load_edition(HCA22).sources


def test_child_overrides_severity_and_keeps_the_rest() -> None:
    pack = edition_from_text(
        "extends: hca-2022\nrules:\n  ICB011: {severity: error}\n", "pack.yaml"
    )
    parent, child = load_edition(HCA22).setting("ICB011"), pack.setting("ICB011")
    assert parent is not None and child is not None
    assert child.severity is Severity.ERROR
    assert child.params == parent.params
    assert child.citation == Citation("PACK", "pack.yaml")


def test_child_params_override_the_parents_and_severity_stays() -> None:
    pack = edition_from_text(
        "extends: hca-2022\nrules:\n  ICB012:\n    params: {minimum: 4}\n", "pack.yaml"
    )
    setting = pack.setting("ICB012")
    assert setting is not None
    assert setting.params == {"minimum": 4}
    assert setting.severity is Severity.WARNING


def test_params_merge_key_by_key() -> None:
    # No rule has two parameters, so merge the raw entries the loader merges.
    merged = loading._merge(
        {"ICB012": {"severity": "warning", "params": {"minimum": 2, "other": "kept"}}},
        {"ICB012": {"params": {"minimum": 4}}},
    )
    assert merged == {"ICB012": {"severity": "warning", "params": {"minimum": 4, "other": "kept"}}}


def test_off_removes_a_rule_and_a_new_entry_adds_one() -> None:
    pack = edition_from_text(
        "extends: hca-2022\nrules:\n  ICB007: off\n  ICS001: {severity: warning}\n", "pack.yaml"
    )
    assert pack.setting("ICB007") is None
    added = pack.setting("ICS001")
    assert added is not None
    assert added.severity is Severity.WARNING
    assert added.citation == Citation("PACK", "pack.yaml")


def test_a_pack_cites_itself_unless_an_entry_names_a_source() -> None:
    pack = edition_from_text(
        "extends: nhse-2020-option2\nrules:\n  ICB001: {source: WP21}\n", "pack.yaml"
    )
    assert _citation(pack, "ICB001") == Citation("WP21", "", None)
    pack = edition_from_text(
        "extends: nhse-2020-option2\nrules:\n  ICB001: {section: option 2 (as amended)}\n", "p"
    )
    assert _citation(pack, "ICB001") == Citation("PACK", "p: option 2 (as amended)")


def test_a_rule_default_source_brings_the_rules_own_section() -> None:
    pack = edition_from_text(
        "extends: white-paper-2021\nrules:\n  ICB001: {source: HCA22-1B}\n", "pack.yaml"
    )
    assert _citation(pack, "ICB001") == Citation("HCA22-1B", "para 3(1)(a)")


def test_child_identity_and_sources(tmp_path: Path) -> None:
    path = tmp_path / "local.yaml"
    path.write_text(
        "edition: local-2024\ntitle: Our constitution\ndate: '2024-04-01'\n"
        "summary: Local rules.\nextends: hca-2022\nsources: [NHSE-DF21, HCA22-1B]\n"
        "rules:\n  ICB013: {severity: error, source: NHSE-DF21}\n",
        encoding="utf-8",
    )
    pack = edition_from_file(path)
    assert (pack.id, pack.title, pack.date, pack.summary) == (
        "local-2024",
        f"Our constitution, rule pack local-2024 ({path})",
        "2024-04-01",
        "Local rules.",
    )
    assert pack.sources == (*load_edition(HCA22).sources, "NHSE-DF21")


FAKE_EDITIONS = {
    "base": "title: Base\nrules:\n  ICB001: {severity: error}\n  ICB002: {severity: error}\n",
    "middle": (
        "extends: base\ntitle: Middle\nrules:\n  ICB002: off\n  ICB003: {params: {minimum: 3}}\n"
    ),
    "loop-a": "extends: loop-b\nrules: {}\n",
    "loop-b": "extends: loop-a\nrules: {}\n",
    "selfish": "extends: selfish\nrules: {}\n",
}


@pytest.fixture
def fake_builtins(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loading, "_builtin_text", FAKE_EDITIONS.get)


@pytest.mark.usefixtures("fake_builtins")
def test_extends_resolves_through_every_generation() -> None:
    pack = edition_from_text("extends: middle\nrules:\n  ICB001: {severity: info}\n", "p.yaml")
    assert {s.rule.id: s.severity for s in pack.settings} == {"ICB001": I, "ICB003": E}
    assert pack.title == "Middle, with rule pack p (p.yaml)"


@pytest.mark.usefixtures("fake_builtins")
@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "extends: loop-a\nrules: {}\n",
            r"loop-b\.yaml:1:10: .* cycle: loop-a -> loop-b -> loop-a",
        ),
        ("extends: selfish\nrules: {}\n", r"selfish\.yaml:1:10: .* cycle: selfish -> selfish"),
    ],
)
def test_an_extends_cycle_is_a_clear_error(text: str, message: str) -> None:
    with pytest.raises(EditionError, match=message):
        edition_from_text(text, "pack.yaml")


@pytest.mark.usefixtures("fake_builtins")
def test_a_builtin_cycle_is_a_clear_error() -> None:
    with pytest.raises(EditionError, match=r"cycle: loop-a -> loop-b -> loop-a"):
        load_edition("loop-a")


# A rule pack's mistakes are reported as `label:line:col: message`.


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "pack.yaml:1:1: the file is empty"),
        ("rules:\n  ICB001: {severity: error\n", "pack.yaml:3:1: invalid YAML"),
        ("rule: {}\n", "pack.yaml:1:1: unknown key 'rule' in the file; did you mean 'rules'?"),
        ("extends: hca-2022\n", "pack.yaml:1:1: missing required key 'rules'"),
        ("date: 2021-02-30\nrules: {}\n", "pack.yaml:1:7: date '2021-02-30' is not a real date"),
        (
            "rules:\n  ICB001: {severity: fatal}\n",
            "pack.yaml:2:22: severity 'fatal' is not allowed",
        ),
        (
            "rules:\n  ICB001:\n    severty: error\n",
            "pack.yaml:3:5: unknown key 'severty' in 'ICB001'; did you mean 'severity'?",
        ),
        ("rules:\n  ICB001: of\n", "pack.yaml:2:11: ICB001 must be 'off'"),
        ("rules:\n  ICB1: {}\n", "pack.yaml:2:3: a rule ID is three capital letters"),
        ("rules:\n  ICB012: {confidence: X}\n", "pack.yaml:2:24: confidence 'X' is not allowed"),
        ("rules:\n  ICB012: {params: 2}\n", "pack.yaml:2:20: params must be a mapping"),
        ("rules:\n  ICB099: {}\n", "pack.yaml:2:3: unknown rule 'ICB099'; did you mean 'ICB009'?"),
        (
            "rules:\n  ICB012:\n    params: {minimun: 2}\n",
            "pack.yaml:3:14: rule ICB012 has no parameter 'minimun' (its parameters: minimum)",
        ),
        (
            "rules:\n  ICB001:\n    params: {minimum: 2}\n",
            "pack.yaml:3:14: rule ICB001 has no parameter 'minimum' (its parameters: none)",
        ),
        (
            "rules:\n  ICB012:\n    params: {minimum: two}\n",
            "pack.yaml:3:23: rule ICB012 parameter 'minimum' must be a whole number like 2, "
            "not 'two'",
        ),
        (
            "rules:\n  ICB012:\n    params: {minimum: true}\n",
            "pack.yaml:3:23: rule ICB012 parameter 'minimum' must be a whole number",
        ),
        (
            "rules:\n  ICB012:\n    params: {minimum: 2.5}\n",
            "pack.yaml:3:23: rule ICB012 parameter 'minimum' must be a whole number",
        ),
        (
            "rules:\n  ICB011:\n    params: {portfolios: finance}\n",
            "pack.yaml:3:26: rule ICB011 parameter 'portfolios' must be a list of names",
        ),
        (
            "rules:\n  ICB011:\n    params: {portfolios: [1, 2]}\n",
            "pack.yaml:3:26: rule ICB011 parameter 'portfolios' must be a list of names",
        ),
        (
            "rules:\n  ICB011: {source: NHSE-DF22}\n",
            "pack.yaml:2:20: rule ICB011: unknown source 'NHSE-DF22'; did you mean 'NHSE-DF21'?",
        ),
        ("sources: [WP21, WP22]\nrules: {}\n", "pack.yaml:1:17: unknown source 'WP22'"),
        (
            "extends: hca-2023\nrules: {}\n",
            "pack.yaml:1:10: extends unknown edition 'hca-2023'; did you mean 'hca-2022'?",
        ),
    ],
)
def test_rule_pack_mistakes_are_located(text: str, message: str) -> None:
    with pytest.raises(EditionError) as caught:
        edition_from_text(text, "pack.yaml")
    assert str(caught.value).startswith(message)


def test_unreadable_rule_pack_is_an_edition_error(tmp_path: Path) -> None:
    with pytest.raises(EditionError, match=r"missing\.yaml: cannot read the rule pack"):
        edition_from_file(tmp_path / "missing.yaml")
    bad = tmp_path / "latin1.yaml"
    bad.write_bytes(b"title: caf\xe9\nrules: {}\n")
    with pytest.raises(EditionError, match=r"latin1\.yaml:1:11: the file is not UTF-8"):
        edition_from_file(bad)


def test_a_rule_pack_may_stand_alone() -> None:
    pack = edition_from_text("rules:\n  ICB001: {}\n  ICB002: off\n", "local/pack.yaml")
    assert [s.rule.id for s in pack.settings] == ["ICB001"]
    assert (pack.id, pack.title, pack.date, pack.sources) == (
        "pack",
        "rule pack pack (local/pack.yaml)",
        None,
        (),
    )


# diff_editions


def _kinds(changes: list[RuleChange]) -> set[tuple[str, ChangeKind]]:
    return {(change.rule, change.kind) for change in changes}


def _change(changes: list[RuleChange], rule_id: str, kind: ChangeKind) -> RuleChange:
    return next(c for c in changes if c.rule == rule_id and c.kind is kind)


def test_diff_of_an_edition_with_itself_is_empty() -> None:
    for edition_id in EDITIONS:
        assert diff_editions(load_edition(edition_id), load_edition(edition_id)) == []


def test_diff_option1_to_the_act_adds_the_chair_and_drops_the_accountable_officer() -> None:
    option1, act = load_edition(OPT1), load_edition(HCA22)
    changes = diff_editions(option1, act)
    added = _change(changes, "ICB001", ChangeKind.ADDED)
    assert added.name == "board-chair"
    assert added.before is None
    assert added.after == act.setting("ICB001")
    removed = _change(changes, "ICB020", ChangeKind.REMOVED)
    assert removed.before == option1.setting("ICB020")
    assert removed.after is None
    assert {"ICB021", "ICS001", "PLC001"} <= {
        c.rule for c in changes if c.kind is ChangeKind.REMOVED
    }
    citation = _change(changes, "ICB004", ChangeKind.CITATION)
    assert isinstance(citation.before, Citation) and citation.before.source == "NHSE-IC20"
    assert citation.after == Citation("HCA22-1B", "para 8(2)(a)", "C")
    assert ("ICB004", ChangeKind.SEVERITY) not in _kinds(changes)


def test_diff_act_to_design_framework_makes_executives_and_non_executives_errors() -> None:
    changes = diff_editions(load_edition(HCA22), load_edition(DF21))
    for rule_id in ("ICB011", "ICB012"):
        change = _change(changes, rule_id, ChangeKind.SEVERITY)
        assert (change.before, change.after) == (Severity.WARNING, Severity.ERROR)
    assert ("ICB013", ChangeKind.SEVERITY) not in _kinds(changes)
    assert ("ICB011", ChangeKind.PARAMETERS) not in _kinds(changes)
    assert {c.rule for c in changes if c.kind is ChangeKind.REMOVED} == {
        "ICB003",
        "ICB007",
        "ICB009",
        "ICB010",
        "ICP002",
        "ICP003",
        "ICP004",
        "ICP005",
        "ICP006",
        "ICS002",
        "ICS003",
    }
    assert not [c for c in changes if c.kind is ChangeKind.ADDED]


def test_diff_reports_only_the_parameters_that_change() -> None:
    changes = diff_editions(load_edition(OPT2), load_edition(HCA22))
    change = _change(changes, "ICB011", ChangeKind.PARAMETERS)
    assert change.before == {"portfolios": ["finance"]}
    assert change.after == {"portfolios": EXECUTIVES}
    severity = _change(changes, "ICB011", ChangeKind.SEVERITY)
    assert (severity.before, severity.after) == (Severity.ERROR, Severity.WARNING)
    partnership = diff_editions(load_edition(WP21), load_edition(HCA22))
    assert _change(partnership, "ICP005", ChangeKind.PARAMETERS).after == {
        "sectors": ["healthwatch", "vcse", "social_care", "public_health"]
    }
    assert _change(partnership, "ICP001", ChangeKind.SEVERITY).after is Severity.ERROR


def test_diff_is_in_catalogue_order() -> None:
    order = [rule.id for rule in ALL_RULES]
    for a in EDITIONS:
        for b in EDITIONS:
            ids = [c.rule for c in diff_editions(load_edition(a), load_edition(b))]
            assert ids == sorted(ids, key=order.index), (a, b)


def test_diff_runs_both_ways() -> None:
    forward = diff_editions(load_edition(OPT1), load_edition(OPT2))
    backward = diff_editions(load_edition(OPT2), load_edition(OPT1))
    flipped = {ChangeKind.ADDED: ChangeKind.REMOVED, ChangeKind.REMOVED: ChangeKind.ADDED}
    assert [(c.rule, flipped.get(c.kind, c.kind), c.after, c.before) for c in forward] == [
        (c.rule, c.kind, c.before, c.after) for c in backward
    ]


@pytest.mark.parametrize("edition_id", EDITIONS)
def test_every_rule_runs_with_the_editions_parameters(edition_id: str) -> None:
    system = build_system(
        {
            "version": 1,
            "ics": {"name": "Wirral Valley", "ccgs": ["NHS Wirral CCG"]},
            "board": {"members": [{"name": "Amara Okafor", "role": "chair"}]},
            "partnership": {"members": [{"name": "Sam Ellis", "appointed_by": "icb"}]},
            "places": [{"name": "Wirral", "members": [{"name": "Ann Cole"}]}],
        }
    )
    for setting in load_edition(edition_id).settings:
        context = Context(system=system, as_of=dt.date(2024, 1, 1), params=setting.params)
        problems = list(setting.rule.check(context))
        assert all(problem.message for problem in problems), setting.rule.id
