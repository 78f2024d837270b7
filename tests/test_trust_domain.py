"""Issue 6, domain: the law as rules.md's 2026-11-24 audit corrects it, through the real CLI.

ICB010 and secondment (Sch. 1B para 19(4)) and this board's own ICB; representatives, not
nominees, under the white paper and NHS England's 2020 option 2; honest confidence grades, each
Q backed by a quotation in the rule's docs; the corrected dates and paragraphs; ICB020's officer.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from icscheck.citations import CONFIDENCE, all_sources, confidence
from icscheck.editions import builtin_editions, load_edition
from icscheck.rules import ALL_RULES
from tests.helpers import AS_OF, HCA22, OPT1, OPT2, SAMPLES, WP21, invoke, rules_in

SOURCE_QUOTES: dict[str, tuple[str, ...]] = {
    "HCA22-1B": (
        "(a) a chair …, (b) a chief executive …, and (c) at least three other members",
        "ordinary member",
        "the appointment could reasonably be regarded as undermining the independence of the "
        "health service because of the candidate's involvement with the private healthcare "
        "sector or otherwise",
        "only if the person is an employee of the integrated care board",
        "knowledge and experience in connection with services relating to the prevention, "
        "diagnosis and treatment of mental illness",
    ),
    "HCA22-ICP": (
        "An integrated care board and each responsible local authority whose area coincides "
        "with or falls wholly or partly within the board's area must establish a joint "
        "committee for the board's area (an 'integrated care partnership').",
        "The integrated care partnership for an area is to consist of— (a) one member appointed "
        "by the integrated care board, (b) one member appointed by each of the responsible local "
        "authorities, and (c) any members appointed by the integrated care partnership.",
        "An integrated care partnership may determine its own procedure (including quorum).",
    ),
    "NHSE-CONST": (
        "NHS England Policy requires the ICB to appoint the following additional Ordinary "
        "Members: three Executive Members, namely: Director of Finance …; Medical Director; "
        "Director of Nursing. At least two non-executive members.",
        "Individuals with a role in any health and care organisation in a particular area are "
        "not eligible for these independent chair roles",
        "but not the audit committee chair",
    ),
    "WP21": (
        "The board will, as a minimum, include a chair, the CEO, and representatives from NHS "
        "trusts, general practice, and local authorities, and others determined locally.",
        "could include health and wellbeing boards, Healthwatch, voluntary organisations, social "
        "care providers and independent sector partners",
        "Local areas can appoint members and delegate functions to it as they think appropriate.",
    ),
    "NHSE-IC20": (
        "an ICS board would include representatives from NHS hospitals and other providers, "
        "primary care and local government",
        "create a statutory ICS accountable officer and committee that brings together all "
        "commissioners, providers and local authorities",
        "There would be one CCG per ICS.",
        "at a minimum",
        "primary care provider leadership; local authorities, including Director of Public "
        "Health; providers of community and mental health services and local Healthwatch",
    ),
}
"""What rules.md quotes from each source graded Q, word for word."""


def _plain(text: str) -> str:
    return " ".join(text.casefold().split())


def _is_quoted_from(quotation: str, source_id: str) -> bool:
    """Whether every part of the quotation (between ellipses) is in the source's quoted text."""
    parts = [p.strip(" .,;:") for p in re.split(r"…|\.\.\.", _plain(quotation))]
    parts = [p for p in parts if p]
    known = " | ".join(_plain(text) for text in SOURCE_QUOTES.get(source_id, ()))
    return len(" ".join(parts).split()) >= 2 and all(part in known for part in parts)


def _quotations(docs: str) -> list[str]:
    return re.findall(r'"([^"]+)"', " ".join(docs.split()))


# Confidence: nothing graded Q unless the docs show a quotation from that source


def _settings() -> list[tuple[str, str]]:
    return [(e, s.rule.id) for e in builtin_editions() for s in load_edition(e).settings]


@pytest.mark.parametrize(("edition_id", "rule_id"), _settings())
def test_a_quoted_grade_shows_a_quotation_from_its_source(edition_id: str, rule_id: str) -> None:
    setting = load_edition(edition_id).setting(rule_id)
    assert setting is not None
    if confidence(setting.citation) != "Q":
        return
    quoted = [
        q for q in _quotations(setting.rule.docs) if _is_quoted_from(q, setting.citation.source)
    ]
    assert quoted, (
        f"{rule_id} is graded Q in {edition_id} on {setting.citation.source}, but its docs "
        "quote nothing from that source"
    )


@pytest.mark.parametrize("edition_id", builtin_editions())
def test_inferences_are_corroborated_at_most(edition_id: str) -> None:
    for rule_id in ("ICB008", "ICB014"):
        setting = load_edition(edition_id).setting(rule_id)
        if setting is not None:
            assert confidence(setting.citation) in ("C", "R"), (edition_id, rule_id)


def test_practice_and_icschecks_own_format_are_not_law() -> None:
    assert "not law" in CONFIDENCE["N"]
    for source_id in ("PRACTICE", "FORMAT", "YAML", "PACK"):
        assert all_sources()[source_id].confidence == "N", source_id
    result = invoke("explain", "ICB015")
    assert result.exit_code == 0, result.output
    assert "Confidence N: not law" in result.stdout
    assert "Confidence Q" not in result.stdout


def test_every_grade_in_use_is_explained() -> None:
    graded = {source.confidence for source in all_sources().values()}
    graded |= {confidence(s.citation) for e in builtin_editions() for s in load_edition(e).settings}
    assert graded <= set(CONFIDENCE)


def test_icp005_says_sources_suggest() -> None:
    result = invoke("check", SAMPLES / "north-east-london.ics.yaml", "--as-of", AS_OF)
    assert "ICP005" in rules_in(result.stdout)
    assert "sources suggest one" in result.stdout
    assert "guidance expects" not in result.stdout


def test_the_act_summary_carries_the_mental_health_caveat() -> None:
    summary = " ".join(load_edition(HCA22).summary.split())
    assert "Centre for Mental Health and Capsticks" in summary
    assert "unverified" in summary


@pytest.mark.parametrize(
    ("edition_id", "date", "words"),
    [
        (WP21, "2021-02-11", "11 February 2021"),
        ("design-framework-2021", "2021-06-16", "16 June 2021"),
    ],
)
def test_publication_dates(edition_id: str, date: str, words: str) -> None:
    edition = load_edition(edition_id)
    assert edition.date == date
    assert words in " ".join(edition.summary.split())
    source_id = {WP21: "WP21"}.get(edition_id, "NHSE-DF21")
    assert words in all_sources()[source_id].title


def test_the_chair_is_appointed_under_para_5() -> None:
    docs = " ".join(next(r for r in ALL_RULES if r.id == "ICB001").docs.split())
    assert "(para 5; para 6 concerns removal)" in docs
    source = Path(__file__).resolve().parents[1] / "icscheck"
    for path in source.rglob("*.py"):
        assert "paras 5 and 6" not in path.read_text("utf-8"), path


def test_init_notes_the_chair_and_secondment(in_tmp: Path) -> None:
    result = invoke("init", "--icb", "QJ2", "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    (written,) = in_tmp.glob("*.ics.yaml")
    text = " ".join(line.strip(" #") for line in written.read_text("utf-8").splitlines())
    assert "approval (para 5)" in text
    assert "seconded to the ICB" in text
    assert "(para 19(4)): add seconded_from:" in text


# ICB010: secondment, and this board's ICB


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _board(chief: str, *, board_name: str | None = None, icb_code: str | None = None) -> str:
    code = f"  icb_code: {icb_code}\n" if icb_code else ""
    name = f"  name: {board_name}\n" if board_name else ""
    return f"version: 1\nics:\n  name: Example\n{code}board:\n{name}  members:\n{chief}"


def _findings(path: Path, *args: str) -> list[dict[str, Any]]:
    result = invoke("check", path, "--as-of", AS_OF, "--format", "json", *args)
    assert result.exit_code in (0, 1), result.output
    (checked,) = json.loads(result.stdout)["files"]
    findings: list[dict[str, Any]] = checked["findings"]
    return findings


def _messages(findings: list[dict[str, Any]], rule_id: str) -> list[str]:
    return [f["message"] for f in findings if f["rule"] == rule_id]


SECONDED = """\
    - name: Nigel Ashbourne
      role: chief_executive
      organisation: University Hospitals of Derby and Burton NHS Foundation Trust
      seconded_from: University Hospitals of Derby and Burton NHS Foundation Trust
"""


def test_a_seconded_chief_executive_is_lawful(tmp_path: Path) -> None:
    path = _write(tmp_path, "derby.ics.yaml", _board(SECONDED, icb_code="QJ2"))
    findings = _findings(path)
    assert not [f for f in findings if f["rule"] in ("SCHEMA", "ICB010")], findings
    unseconded = _board(SECONDED.replace("seconded_from", "# seconded_from"), icb_code="QJ2")
    messages = _messages(_findings(_write(tmp_path, "trust.ics.yaml", unseconded)), "ICB010")
    assert len(messages) == 1
    assert "seconded_from" in messages[0]


def test_seconded_from_is_a_board_member_field_only(tmp_path: Path) -> None:
    text = _board(SECONDED + "      interests:\n        - {organisation: X, seconded_from: Y}\n")
    findings = _findings(_write(tmp_path, "odd.ics.yaml", text))
    assert [f["rule"] for f in findings if f["rule"] == "SCHEMA"] == ["SCHEMA"]


def test_the_rule_text_cites_secondment() -> None:
    result = invoke("explain", "ICB010")
    assert result.exit_code == 0, result.output
    text = " ".join(result.stdout.split())
    assert "para 7(2), 19(4)" in text
    assert "seconded_from" in text
    assert "cannot verify that the seconding body is one para 19(4) lists" in text


def test_the_derby_sample_is_a_lawful_secondment() -> None:
    derby = SAMPLES / "derby-and-derbyshire.ics.yaml"
    assert "seconded_from:" in derby.read_text("utf-8")
    assert not _messages(_findings(derby), "ICB010")


@pytest.mark.parametrize(
    ("organisation", "board_name", "icb_code", "finding"),
    [
        ("NHS Derby and Derbyshire ICB", None, "QJ2", False),
        ("Derby and Derbyshire ICB", "NHS Derby and Derbyshire Integrated Care Board", None, False),
        ("NHS Nottingham and Nottinghamshire ICB", None, "QJ2", True),
        ("NHS Nottingham and Nottinghamshire ICB", "NHS Derby and Derbyshire ICB", None, True),
        ("NHS Nottingham and Nottinghamshire ICB", None, None, False),
        ("Acme Interim Management Ltd", None, None, True),
    ],
)
def test_the_chief_executive_works_for_this_boards_icb(
    tmp_path: Path, organisation: str, board_name: str | None, icb_code: str | None, finding: bool
) -> None:
    chief = f"    - {{name: Tom Reeves, role: chief_executive, organisation: {organisation}}}\n"
    text = _board(chief, board_name=board_name, icb_code=icb_code)
    messages = _messages(_findings(_write(tmp_path, "x.ics.yaml", text)), "ICB010")
    assert bool(messages) is finding, messages
    if finding and icb_code:
        assert "NHS Derby and Derbyshire Integrated Care Board" in messages[0]


# ICB004-ICB006: representatives under the white paper and option 2

REPRESENTATIVES = """\
    - {name: Amara Okafor, role: chair}
    - {name: Tom Reeves, role: chief_executive}
    - {name: Ruth Adeyemi, role: ordinary_member, sector: nhs_trust}
    - {name: Dr Sam Patel, role: executive, portfolio: medical, sector: primary_care}
    - {name: Cllr Joe Burns, role: ordinary_member, sector: local_authority}
    - {name: Li Wei, role: executive, portfolio: finance}
"""
PARTNERS = ("ICB004", "ICB005", "ICB006")


@pytest.mark.parametrize("edition", [WP21, "white-paper", OPT2])
def test_a_voting_member_from_the_sector_represents_it(tmp_path: Path, edition: str) -> None:
    path = _write(tmp_path, "reps.ics.yaml", _board(REPRESENTATIVES))
    findings = _findings(path, "--edition", edition)
    assert not [f for f in findings if f["rule"] in PARTNERS], findings


@pytest.mark.parametrize("edition", [HCA22, OPT1, "design-framework-2021"])
def test_the_act_and_option_1_keep_nomination(tmp_path: Path, edition: str) -> None:
    path = _write(tmp_path, "reps.ics.yaml", _board(REPRESENTATIVES))
    found = {f["rule"] for f in _findings(path, "--edition", edition)}
    assert set(PARTNERS) <= found


@pytest.mark.parametrize(
    ("edition", "groups"),
    [
        (WP21, ("NHS trusts", "general practice", "local authorities")),
        (OPT2, ("NHS hospitals and other providers", "primary care", "local government")),
    ],
)
def test_messages_use_the_editions_own_words(
    tmp_path: Path, edition: str, groups: tuple[str, ...]
) -> None:
    not_counting = """\
    - {name: Ruth Adeyemi, role: participant, sector: nhs_trust}
    - {name: Dr Sam Patel, role: executive, portfolio: medical, sector: primary_care, voting: false}
    - {name: Cllr Joe Burns, role: ordinary_member, sector: local_authority, term_ends: 2024-06-30}
"""
    findings = _findings(_write(tmp_path, "none.ics.yaml", _board(not_counting)), "-e", edition)
    sectors = ("nhs_trust", "primary_care", "local_authority")
    for rule_id, group, sector in zip(PARTNERS, groups, sectors, strict=True):
        assert _messages(findings, rule_id) == [
            f"the board has no representative from {group}; add a voting member with "
            f"sector: {sector}"
        ]
    assert not any("nominated" in f["message"] for f in findings if f["rule"] in PARTNERS)


def test_a_partner_member_nominated_by_the_group_also_represents_it(tmp_path: Path) -> None:
    nominated = """\
    - {name: Ruth Adeyemi, role: partner_member, nominated_by: nhs_trusts}
    - {name: Dr Sam Patel, role: partner_member, nominated_by: primary_medical_services}
    - {name: Cllr Joe Burns, role: partner_member, nominated_by: local_authorities}
"""
    findings = _findings(_write(tmp_path, "p.ics.yaml", _board(nominated)), "-e", WP21)
    assert not [f for f in findings if f["rule"] in PARTNERS]


def test_white_paper_alias_everywhere(in_tmp: Path) -> None:
    rules = invoke("rules", "--edition", "white-paper")
    assert rules.exit_code == 0, rules.output
    assert "(white-paper-2021)" in rules.stdout
    explained = invoke("explain", "ICB004", "--edition", "white-paper")
    assert explained.exit_code == 0, explained.output
    assert "mechanism = representation; group = NHS trusts" in explained.stdout
    path = _write(in_tmp, "reps.ics.yaml", _board(REPRESENTATIVES))
    _write(in_tmp, ".icscheck.yaml", "edition: white-paper\n")
    result = invoke("check", path, "--as-of", AS_OF, "--format", "json")
    assert result.exit_code in (0, 1), result.output
    assert json.loads(result.stdout)["files"][0]["findings"] is not None
    assert "white-paper-2021" in result.stdout


def test_a_pack_cannot_name_an_unknown_mechanism(tmp_path: Path) -> None:
    pack = _write(
        tmp_path,
        "pack.yaml",
        "extends: hca-2022\nrules:\n  ICB004:\n    params: {mechanism: acclamation}\n",
    )
    result = invoke("check", SAMPLES / "essex.ics.yaml", "--rules", pack, "--as-of", AS_OF)
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("icscheck: error:")
    assert "'acclamation' is not allowed" in result.stderr
    assert "nomination, representation" in result.stderr


# ICB020: an officer from a member organisation needs no second seat


def test_an_officer_from_a_member_kind_needs_no_second_seat(tmp_path: Path) -> None:
    officer = "    - {name: Kate Lund, role: accountable_officer, organisation: NHS Wirral CCG, "
    alone = _board(officer + "sector: ccg}\n")
    assert not _messages(_findings(_write(tmp_path, "a.ics.yaml", alone), "-e", OPT1), "ICB020")
    outside = _board(officer.replace("NHS Wirral CCG", "Acme Health Ltd") + "sector: other}\n")
    messages = _messages(_findings(_write(tmp_path, "b.ics.yaml", outside), "-e", OPT1), "ICB020")
    assert len(messages) == 1
    assert "Acme Health Ltd" in messages[0]


def test_a_pack_may_grade_its_rule_not_law(tmp_path: Path) -> None:
    pack = _write(
        tmp_path,
        "pack.yaml",
        "extends: hca-2022\nrules:\n  ICB015: {severity: error, source: PRACTICE, confidence: N}\n",
    )
    result = invoke("check", SAMPLES / "somerset.ics.yaml", "--rules", pack, "--as-of", AS_OF)
    assert result.exit_code == 1, result.output
    assert "ICB015" in rules_in(result.stdout)
