"""`icscheck forecast`: the days on which ending terms break the rules, and nothing else."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest

from tests.helpers import AS_OF, COMPLIANT_SAMPLE, SAMPLES, invoke

DORSET = SAMPLES / "dorset-2021.ics.yaml"
"""A sample whose chair and partner members' terms all end on 31 March 2028."""
LA_MEMBER = "Lorraine Hesketh"
"""The compliant sample's only partner member nominated by the local authorities."""


def forecast_json(*args: str | Path) -> tuple[int, dict[str, Any]]:
    result = invoke("forecast", *args, "--format", "json")
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, json.loads(result.stdout)


def with_term(tmp_path: Path, name: str, term_ends: str, extra: str = "") -> Path:
    """The compliant sample with `name`'s term ending on `term_ends`, and `extra` members."""
    text = COMPLIANT_SAMPLE.read_text(encoding="utf-8")
    head, person, tail = text.partition(f"- name: {name}\n")
    before, field, rest = tail.partition("term_ends: ")
    rest = rest.split("\n", 1)[1]
    target = tmp_path / "changing.ics.yaml"
    target.write_text(head + person + before + field + term_ends + "\n" + extra + rest)
    return target


def replacement(appointed: str) -> str:
    """A second local authority partner member, appointed from `appointed`."""
    return (
        "    - name: Priya Sandhu\n"
        "      role: partner_member\n"
        "      nominated_by: local_authorities\n"
        "      voting: true\n"
        f"      appointed: {appointed}\n"
        "      term_ends: 2031-03-31\n"
    )


def appeared(document: dict[str, Any]) -> set[tuple[str, str]]:
    return {(a["on"], a["finding"]["rule"]) for f in document["files"] for a in f["appears"]}


def test_sample_names_the_day_its_terms_end_and_nothing_else() -> None:
    code, document = forecast_json(DORSET, "--months", "24", "--as-of", AS_OF)
    assert code == 1
    rules = {"ICB001", "ICB003", "ICB004", "ICB005", "ICB006", "ICB015"}
    assert appeared(document) == {("2028-04-01", rule) for rule in rules}
    file = document["files"][0]
    assert {item["rule"] for item in file["already"]} == {
        "ICB007",
        "ICB010",
        "ICB011",
        "ICB012",
        "ICP002",
    }
    ended = file["appears"][0]["ended"]
    assert "Philippa Kingsbury" in ended and "Cllr Heather Mappin" in ended


def test_text_says_whose_term_ended_and_when() -> None:
    result = invoke("forecast", DORSET, "--months", "24", "--as-of", AS_OF, "--format", "text")
    assert result.exit_code == 1
    icb006 = [line for line in result.stdout.splitlines() if " ICB006 " in line]
    assert len(icb006) == 1
    assert icb006[0].startswith("on 2028-04-01 (the terms of 'Philippa Kingsbury'")
    assert "'Cllr Heather Mappin' ended on 2028-03-31)" in icb006[0]
    assert sum(line.startswith("already: ") for line in result.stdout.splitlines()) == 6
    assert "10 findings appear, 6 already present" in result.stderr


def test_a_compliant_sample_stays_compliant_within_its_terms() -> None:
    code, document = forecast_json(COMPLIANT_SAMPLE, "--months", "24", "--as-of", AS_OF)
    assert code == 0
    assert appeared(document) == set()
    assert document["until"] == "2028-11-23"


def test_a_term_ending_on_the_last_day_changes_nothing_within_the_horizon(tmp_path: Path) -> None:
    changing = with_term(tmp_path, LA_MEMBER, "2027-03-31")
    code, document = forecast_json(changing, "--as-of", AS_OF, "--until", "2027-03-31")
    assert (code, appeared(document)) == (0, set())
    code, document = forecast_json(changing, "--as-of", AS_OF, "--until", "2027-04-01")
    assert code == 1
    assert appeared(document) == {("2027-04-01", "ICB006"), ("2027-04-01", "ICB015")}
    icb006 = next(a for a in document["files"][0]["appears"] if a["finding"]["rule"] == "ICB006")
    assert (icb006["ended"], icb006["started"]) == ([LA_MEMBER], [])


def test_a_replacement_appointed_the_next_day_keeps_the_seat(tmp_path: Path) -> None:
    changing = with_term(tmp_path, LA_MEMBER, "2027-03-31", replacement("2027-04-01"))
    _, document = forecast_json(changing, "--as-of", AS_OF, "--until", "2027-12-31")
    assert appeared(document) == {("2027-04-01", "ICB015")}


def test_a_gap_of_a_day_before_the_replacement_is_reported(tmp_path: Path) -> None:
    changing = with_term(tmp_path, LA_MEMBER, "2027-03-31", replacement("2027-04-02"))
    _, document = forecast_json(changing, "--as-of", AS_OF, "--until", "2027-12-31")
    assert appeared(document) == {("2027-04-01", "ICB006"), ("2027-04-01", "ICB015")}
    timeline = {s["on"]: s["board"]["partner_member"] for s in document["files"][0]["timeline"]}
    assert (timeline["2027-04-01"], timeline["2027-05-01"]) == (3, 4)


def test_findings_on_the_first_day_are_already_there_not_new(tmp_path: Path) -> None:
    changing = with_term(tmp_path, LA_MEMBER, "2027-03-31")
    code, document = forecast_json(changing, "--as-of", "2027-04-01", "--months", "3")
    assert code == 0
    assert appeared(document) == set()
    assert {i["rule"] for i in document["files"][0]["already"]} == {"ICB006", "ICB015"}


def test_fail_on_and_select_apply_to_what_appears() -> None:
    args = (DORSET, "--as-of", AS_OF, "--months", "24", "--select", "ICB015")
    code, document = forecast_json(*args)
    assert code == 0
    assert {rule for _, rule in appeared(document)} == {"ICB015"}
    assert invoke("forecast", *args, "--fail-on", "warning", "--format", "text").exit_code == 1


def test_months_default_to_twelve_and_the_timeline_is_monthly() -> None:
    _, document = forecast_json(COMPLIANT_SAMPLE, "--as-of", "2027-01-31")
    assert document["until"] == "2028-01-31"
    days = [s["on"] for s in document["files"][0]["timeline"]]
    assert days[:3] == ["2027-01-31", "2027-02-01", "2027-03-01"]
    assert days[-1] == "2028-01-01" and len(days) == 13


def test_markdown_names_the_day_and_the_members() -> None:
    result = invoke("forecast", DORSET, "--as-of", AS_OF, "--months", "24", "-f", "markdown")
    assert result.exit_code == 1
    assert result.stdout.startswith("## icscheck forecast")
    assert "| 2028-04-01 |" in result.stdout
    assert "Philippa Kingsbury" in result.stdout


def test_html_is_one_self_contained_page_with_a_timeline_picture() -> None:
    result = invoke("forecast", DORSET, "--as-of", AS_OF, "--months", "24", "-f", "html")
    assert result.exit_code == 1
    page = result.stdout
    assert page.startswith("<!DOCTYPE html>") and "<svg" in page
    assert "2028-04-01" in page and "ICB006" in page
    assert "http://" not in page.replace("http://www.w3.org/2000/svg", "")
    assert "https://" not in page and "<script" not in page
    picture = page[page.index("<svg") : page.index("</svg>") + len("</svg>")]
    svg = ElementTree.fromstring(picture)
    shapes = [element.tag.rsplit("}", 1)[-1] for element in svg.iter()]
    assert "rect" in shapes and "line" in shapes


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--until", "2027-01-01", "--months", "3"), "--until and --months do not mix"),
        (("--until", "2026-11-22"), "--until 2026-11-22 is before the first day, 2026-11-23"),
        (("--until", "2027-02-30"), "--until must be a real date written YYYY-MM-DD"),
        (("--months", "0"), "--months must be a whole number of months from 1 to 1200"),
        (("--months", "two"), "--months must be a whole number of months from 1 to 1200"),
        (("--months", "1201"), "--months must be a whole number of months from 1 to 1200"),
        (("--edition", "hca-2023"), "hca-2023"),
    ],
)
def test_bad_options_are_one_line_usage_errors(args: tuple[str, ...], message: str) -> None:
    result = invoke("forecast", COMPLIANT_SAMPLE, "--as-of", AS_OF, *args)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"icscheck: error: {message}") or message in result.stderr
    assert result.stderr.count("\n") == 1
    assert result.stdout == ""


def test_a_missing_path_is_named_and_exits_2() -> None:
    result = invoke("forecast", "nowhere.ics.yaml", "--as-of", AS_OF)
    assert result.exit_code == 2
    assert result.stderr == "icscheck: error: nowhere.ics.yaml: no such file or directory\n"


def test_a_suppressed_rule_does_not_appear(tmp_path: Path) -> None:
    changing = with_term(tmp_path, LA_MEMBER, "2027-03-31")
    text = changing.read_text(encoding="utf-8").replace(
        "term_ends: 2027-03-31\n",
        "term_ends: 2027-03-31  # icscheck: ignore[ICB015] reappointment is in hand\n",
    )
    changing.write_text(text)
    _, document = forecast_json(changing, "--as-of", AS_OF, "--until", "2027-12-31")
    assert {rule for _, rule in appeared(document)} == {"ICB006"}


def test_names_from_the_file_cannot_drive_a_page_or_a_terminal(tmp_path: Path) -> None:
    hostile = "<script>alert(1)</script>\u001b[31m"
    changing = with_term(tmp_path, LA_MEMBER, "2027-03-31")
    changing.write_text(
        changing.read_text(encoding="utf-8").replace(LA_MEMBER, json.dumps(hostile))
    )
    args = (changing, "--as-of", AS_OF, "--until", "2027-12-31", "--format")
    page = invoke("forecast", *args, "html").stdout
    assert "<script" not in page and "&lt;script&gt;" in page
    for chosen in ("text", "markdown", "rich"):
        shown = invoke("forecast", *args, chosen).stdout
        assert "\x1b" not in shown and "\\x1b" in shown, chosen


def test_rich_shows_the_appearances_and_the_seats_table() -> None:
    result = invoke("forecast", DORSET, "--as-of", AS_OF, "--months", "24", "-f", "rich")
    assert result.exit_code == 1
    assert "on 2028-04-01" in result.stdout and "Members in term" in result.stdout
    assert "partner member" in result.stdout


def test_quiet_keeps_only_what_appears() -> None:
    args = ("forecast", DORSET, "--as-of", AS_OF, "--months", "24", "-q", "-f", "text")
    lines = invoke(*args).stdout.splitlines()
    assert len(lines) == 10 and all(line.startswith("on 2028-04-01 ") for line in lines)


def test_project_settings_apply(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".icscheck.yaml").write_text("select: [ICB015]\nfail-on: warning\n")
    monkeypatch.chdir(tmp_path)
    code, document = forecast_json(DORSET, "--as-of", AS_OF, "--months", "24")
    assert code == 1
    assert {rule for _, rule in appeared(document)} == {"ICB015"}
