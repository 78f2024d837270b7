"""`icscheck init`: the new file lists exactly the seats to fill, and filled in it is compliant."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from icscheck import geography, scaffold
from tests.helpers import AS_OF, QYG_COUNCILS, filled_in, invoke

QYG_FILE = "cheshire-and-merseyside.ics.yaml"
UNFILLED_QYG = {
    ("ICB001", "error"): 1,
    ("ICB002", "error"): 1,
    ("ICB003", "error"): 1,
    ("ICB004", "error"): 1,
    ("ICB005", "error"): 1,
    ("ICB006", "error"): 1,
    ("ICB007", "error"): 1,
    ("ICB011", "warning"): 3,
    ("ICB012", "warning"): 1,
    ("ICP002", "error"): 1,
    ("ICP003", "error"): 9,
    ("ICP005", "info"): 4,
}


def init(*args: str | Path, as_of: str = AS_OF) -> Any:
    return invoke("init", *args, "--as-of", as_of)


def check_json(path: Path | str, as_of: str = AS_OF) -> tuple[int, list[dict[str, Any]]]:
    """Check one file; the exit code and its findings."""
    result = invoke("check", path, "--as-of", as_of, "--format", "json")
    assert result.exit_code in (0, 1), result.output
    (checked,) = json.loads(result.stdout)["files"]
    return result.exit_code, checked["findings"]


def test_writes_the_icb_file_named_after_the_system(in_tmp: Path) -> None:
    result = init("--icb", "qyg")
    assert result.exit_code == 0, result.output
    assert QYG_FILE in result.stdout
    data = yaml.safe_load((in_tmp / QYG_FILE).read_text("utf-8"))
    assert data["version"] == 1
    assert data["ics"] == {
        "name": "Cheshire and Merseyside",
        "icb_code": "QYG",
        "local_authorities": list(QYG_COUNCILS),
    }
    assert data["board"] == {
        "name": "NHS Cheshire and Merseyside Integrated Care Board",
        "members": [],
    }
    assert data["partnership"] == {
        "name": "Cheshire and Merseyside Integrated Care Partnership",
        "members": [],
    }
    assert [path.name for path in in_tmp.iterdir()] == [QYG_FILE], "no temporary file left"


def test_the_header_names_the_icb_data_vintage_and_caveat(in_tmp: Path) -> None:
    init("--icb", "QYG")
    text = (in_tmp / QYG_FILE).read_text("utf-8")
    header = " ".join(line.removeprefix("# ") for line in text.split("\nversion")[0].splitlines())
    assert "QYG (NHS Cheshire and Merseyside Integrated Care Board)" in header
    assert "ICB areas as at 1 April 2026" in header
    assert geography.CAVEAT in header
    assert "icscheck check" in header
    assert "icscheck explain" in header
    assert all(len(line) <= 100 for line in text.splitlines())


def test_check_reports_exactly_the_unfilled_seats(in_tmp: Path) -> None:
    init("--icb", "QYG")
    code, findings = check_json(QYG_FILE)
    assert code == 1
    assert Counter((f["rule"], f["severity"]) for f in findings) == UNFILLED_QYG
    council_messages = [f["message"] for f in findings if f["rule"] == "ICP003"]
    for council in QYG_COUNCILS:
        assert sum(council in message for message in council_messages) == 1, council


def test_every_seat_cites_its_rule(in_tmp: Path) -> None:
    init("--icb", "QYG")
    text = (in_tmp / QYG_FILE).read_text("utf-8")
    notes = "\n".join(line for line in text.splitlines() if line.lstrip().startswith("##"))
    for rule_id in {rule for rule, _ in UNFILLED_QYG} | {"ICB010"}:
        assert rule_id in notes, rule_id
    assert "para 3(1)(a)" in text
    for council in QYG_COUNCILS:
        assert f"#   local_authority: {council}\n" in text


def test_filling_in_every_seat_gives_a_compliant_file(in_tmp: Path) -> None:
    init("--icb", "QYG")
    filled = in_tmp / "filled.ics.yaml"
    filled.write_text(filled_in((in_tmp / QYG_FILE).read_text("utf-8")), "utf-8")
    code, findings = check_json(filled)
    assert findings == []
    assert code == 0


def test_filling_in_every_seat_of_a_london_file_is_compliant_too(in_tmp: Path) -> None:
    init("--icb", "QMF")
    filled = in_tmp / "filled.ics.yaml"
    filled.write_text(filled_in((in_tmp / "north-east-london.ics.yaml").read_text("utf-8")))
    assert check_json(filled) == (0, [])


def test_a_given_path_is_used(in_tmp: Path) -> None:
    (in_tmp / "systems").mkdir()
    result = init("--icb", "QYG", "systems/cm.ics.yaml")
    assert result.exit_code == 0, result.output
    assert "systems/cm.ics.yaml" in result.stdout.replace("\\", "/")
    assert (in_tmp / "systems" / "cm.ics.yaml").is_file()
    assert not (in_tmp / QYG_FILE).exists()


def test_never_overwrites_a_file(in_tmp: Path) -> None:
    existing = in_tmp / QYG_FILE
    existing.write_text("version: 1  # my board\n", "utf-8")
    result = init("--icb", "QYG")
    assert result.exit_code == 2
    assert "already exists" in result.stderr
    assert "never overwrites" in result.stderr
    assert existing.read_text("utf-8") == "version: 1  # my board\n"
    assert [path.name for path in in_tmp.iterdir()] == [QYG_FILE]


def test_refuses_a_name_taken_after_the_check(
    in_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another process creating the file between the check and the write does not lose it."""
    target = in_tmp / "race.ics.yaml"

    def racing_check(path: Path) -> None:
        target.write_text("theirs\n", "utf-8")

    monkeypatch.setattr(scaffold, "_check_target", racing_check)
    with pytest.raises(scaffold.StarterError, match="already exists"):
        scaffold.create(target, icb_code="QYG", as_of=dt.date.fromisoformat(AS_OF))
    assert target.read_text("utf-8") == "theirs\n"
    assert [path.name for path in in_tmp.iterdir()] == ["race.ics.yaml"]


def test_a_missing_folder_is_a_usage_error(in_tmp: Path) -> None:
    result = init("--icb", "QYG", "nowhere/cm.ics.yaml")
    assert result.exit_code == 2
    assert "does not exist" in result.stderr
    assert list(in_tmp.iterdir()) == []


def test_an_unknown_code_suggests_close_matches(in_tmp: Path) -> None:
    result = init("--icb", "QYH")
    assert result.exit_code == 2
    assert "'QYH' is not the ODS code of any ICB" in result.stderr
    assert "did you mean" in result.stderr
    assert "QYG (NHS Cheshire and Merseyside Integrated Care Board)" in result.stderr
    assert list(in_tmp.iterdir()) == []


def test_a_dissolved_code_names_its_successor(in_tmp: Path) -> None:
    result = init("--icb", "QNX")
    assert result.exit_code == 2
    assert "dissolved on 31 March 2026" in result.stderr
    assert "S9B9J (NHS Surrey and Sussex Integrated Care Board)" in result.stderr
    assert "icscheck init --icb S9B9J" in result.stderr
    assert list(in_tmp.iterdir()) == []


def test_a_dissolved_code_works_on_a_date_it_was_in_force(in_tmp: Path) -> None:
    result = init("--icb", "QNX", as_of="2025-01-01")
    assert result.exit_code == 0, result.output
    data = yaml.safe_load((in_tmp / "sussex.ics.yaml").read_text("utf-8"))
    assert data["ics"]["local_authorities"] == [
        "Brighton and Hove City Council",
        "East Sussex County Council",
        "West Sussex County Council",
    ]
    _, findings = check_json("sussex.ics.yaml", as_of="2025-01-01")
    assert Counter(f["rule"] for f in findings)["ICP003"] == 3
    assert not {f["rule"] for f in findings} & {"SCHEMA", "ICP001", "ICS002", "ICS003"}


def test_a_code_not_yet_established_names_the_boards_before_it(in_tmp: Path) -> None:
    result = init("--icb", "S9B9J", as_of="2025-01-01")
    assert result.exit_code == 2
    assert "not established until 1 April 2026" in result.stderr
    assert "QNX (NHS Sussex Integrated Care Board)" in result.stderr


def test_without_an_icb_writes_my_system_that_passes_the_schema(in_tmp: Path) -> None:
    result = init()
    assert result.exit_code == 0, result.output
    text = (in_tmp / "my-system.ics.yaml").read_text("utf-8")
    assert yaml.safe_load(text)["ics"] == {"name": "Your integrated care system"}
    assert "icb_code" in text
    code, findings = check_json("my-system.ics.yaml")
    rules = {f["rule"] for f in findings}
    assert code == 1
    assert "SCHEMA" not in rules and "ICP001" not in rules
    assert {"ICB001", "ICP002", "ICP003"} <= rules


def test_a_london_icb_includes_the_city_of_london(in_tmp: Path) -> None:
    result = init("--icb", "QMF")
    assert result.exit_code == 0, result.output
    text = (in_tmp / "north-east-london.ics.yaml").read_text("utf-8")
    assert "City of London Corporation" in yaml.safe_load(text)["ics"]["local_authorities"]
    assert "#   local_authority: City of London Corporation\n" in text
    _, findings = check_json("north-east-london.ics.yaml")
    assert Counter(f["rule"] for f in findings)["ICP003"] == 8


@pytest.mark.parametrize("on", ["2022-07-01", "2026-03-31", "2026-04-01", AS_OF])
def test_every_icb_gives_a_file_that_reads_back_as_written(on: str) -> None:
    """Names with commas or other YAML-significant characters are quoted; the rest are plain."""
    day = dt.date.fromisoformat(on)
    for record in geography.icbs_in_force(day):
        councils = geography.councils(record.code, day)
        data = yaml.safe_load(scaffold.starter_text(record, councils, day))
        assert data["board"]["name"] == record.name
        assert data["ics"]["local_authorities"] == [c.name for c in councils]
        expected = yaml.safe_load(filled_in(scaffold.starter_text(record, councils, day)))
        appointees = [m.get("local_authority") for m in expected["partnership"]["members"]]
        assert [a for a in appointees if a is not None] == [c.name for c in councils]


@pytest.mark.parametrize("on", ["2022-07-01", AS_OF])
def test_every_icb_filled_in_is_compliant(tmp_path: Path, on: str) -> None:
    day = dt.date.fromisoformat(on)
    for record in geography.icbs_in_force(day):
        text = scaffold.starter_text(record, geography.councils(record.code, day), day)
        (tmp_path / f"{record.code}.ics.yaml").write_text(filled_in(text), "utf-8")
    result = invoke("check", tmp_path, "--as-of", on, "--format", "json")
    assert result.exit_code == 0, result.stdout
    assert json.loads(result.stdout)["counts"] == {"error": 0, "warning": 0, "info": 0}
