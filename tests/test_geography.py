"""The bundled reference data and the dated look-ups over it."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from datetime import date, timedelta
from importlib import resources
from itertools import pairwise

import pytest

from icscheck import geography
from icscheck.geography import (
    CAVEAT,
    Dissolved,
    InForce,
    NotYetEstablished,
    UnknownCode,
    council_records,
    councils,
    data_vintage,
    icb_records,
    icbs_in_force,
    lookup,
)
from tests.helpers import REPO

FILES = ("icbs.csv", "icb_local_authorities.csv", "README.md")
ESTABLISHED = date(2022, 7, 1)
LOCAL_GOVERNMENT_CHANGES = date(2023, 4, 1)
MERGERS = date(2026, 4, 1)
AS_OF = date(2026, 11, 23)
CHANGE_DATES = (ESTABLISHED, LOCAL_GOVERNMENT_CHANGES, MERGERS)


def names(records: tuple[geography.CouncilRecord, ...]) -> list[str]:
    return [record.name for record in records]


# --- the files -------------------------------------------------------------------------------


@pytest.mark.parametrize("filename", FILES)
def test_importlib_resources_finds_the_files(filename: str) -> None:
    resource = resources.files("icscheck").joinpath("data", "reference", filename)
    assert resource.is_file()
    assert resource.read_text(encoding="utf-8")


def test_data_folder_is_not_a_python_package() -> None:
    assert not resources.files("icscheck").joinpath("data", "reference", "__init__.py").is_file()


def _shared_digests() -> dict[str, str]:
    """The digests of the shared reference data, recorded in the repository when copied."""
    lines = (REPO / "tests" / "data" / "reference-data.sha256").read_text("utf-8").splitlines()
    return {name: digest for digest, name in (line.split() for line in lines if line[:1] != "#")}


@pytest.mark.parametrize("filename", ["icbs.csv", "icb_local_authorities.csv"])
def test_package_tables_are_byte_identical_to_the_shared_data(filename: str) -> None:
    bundled = resources.files("icscheck").joinpath("data", "reference", filename).read_bytes()
    assert hashlib.sha256(bundled).hexdigest() == _shared_digests()[filename]


def test_package_readme_is_the_shared_one_under_a_provenance_line() -> None:
    bundled = (
        resources.files("icscheck").joinpath("data", "reference", "README.md").read_text("utf-8")
    )
    first_line, _, rest = bundled.partition("\n")
    assert "copied from the project's shared reference data" in first_line.lower()
    digest = hashlib.sha256(rest.lstrip("\n").encode("utf-8")).hexdigest()
    assert digest == _shared_digests()["README.md"]


def test_tables_are_parsed_once() -> None:
    assert icb_records() is icb_records()
    assert council_records() is council_records()


def test_quoted_names_with_commas_are_read_whole() -> None:
    result = lookup("QHG", ESTABLISHED)
    assert isinstance(result, InForce)
    assert result.record.name == "NHS Bedfordshire, Luton and Milton Keynes Integrated Care Board"
    assert result.record.region == "East of England"


# --- ICBs in force ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("on", "count"),
    [
        (date(2022, 6, 30), 0),
        (ESTABLISHED, 42),
        (LOCAL_GOVERNMENT_CHANGES, 42),
        (date(2026, 3, 31), 42),
        (MERGERS, 36),
        (AS_OF, 36),
    ],
)
def test_number_of_icbs_in_force(on: date, count: int) -> None:
    assert len(icbs_in_force(on)) == count


def test_icbs_in_force_are_sorted_by_name_with_one_record_per_code() -> None:
    in_force = icbs_in_force(AS_OF)
    assert [r.name for r in in_force] == sorted(r.name for r in in_force)
    assert len({r.code for r in in_force}) == len(in_force)


def test_validity_is_inclusive_at_both_ends() -> None:
    (sussex,) = (r for r in icb_records() if r.code == "QNX")
    assert not sussex.in_force(date(2022, 6, 30))
    assert sussex.in_force(ESTABLISHED)
    assert sussex.in_force(date(2026, 3, 31))
    assert not sussex.in_force(MERGERS)


# --- lookup ----------------------------------------------------------------------------------


def test_in_force_code_gives_its_record_and_councils() -> None:
    result = lookup("QYG", AS_OF)
    assert isinstance(result, InForce)
    assert result.record.name == "NHS Cheshire and Merseyside Integrated Care Board"
    assert result.record.region_code == "Y62"
    assert result.councils == councils("QYG", AS_OF)


def test_code_is_matched_regardless_of_case_and_space() -> None:
    result = lookup(" qyg ", AS_OF)
    assert isinstance(result, InForce)
    assert result.record.code == "QYG"


def test_dissolved_icb_names_its_successor() -> None:
    result = lookup("QNX", AS_OF)
    assert isinstance(result, Dissolved)
    assert result.record.valid_to == date(2026, 3, 31)
    assert [(s.code, s.name) for s in result.successors] == [
        ("S9B9J", "NHS Surrey and Sussex Integrated Care Board")
    ]


def test_split_icb_names_every_successor_as_established() -> None:
    result = lookup("QNQ", AS_OF)
    assert isinstance(result, Dissolved)
    assert [s.code for s in result.successors] == ["QRL", "S9B9J", "S0E4D"]
    hampshire = result.successors[0]
    assert hampshire.valid_from == MERGERS
    assert hampshire.gss_code == "E54000067"


def test_icb_established_in_2026_is_not_yet_established_in_2025() -> None:
    result = lookup("D7T5G", date(2025, 1, 1))
    assert isinstance(result, NotYetEstablished)
    assert result.record.name == "NHS Essex Integrated Care Board"
    assert result.record.valid_from == MERGERS
    assert result.record.predecessors == ("QH8", "QJG", "QM7")


def test_icb_established_in_2026_is_in_force_from_its_first_day() -> None:
    result = lookup("D7T5G", MERGERS)
    assert isinstance(result, InForce)
    assert names(result.councils) == [
        "Essex County Council",
        "Southend-on-Sea City Council",
        "Thurrock Council",
    ]


def test_no_icb_before_july_2022() -> None:
    result = lookup("QYG", date(2022, 6, 30))
    assert isinstance(result, NotYetEstablished)
    assert result.record.valid_from == ESTABLISHED


def test_unknown_code_suggests_a_close_one() -> None:
    result = lookup("QYH", AS_OF)
    assert isinstance(result, UnknownCode)
    assert result.code == "QYH"
    assert "QYG" in [r.code for r in result.close_matches]


def test_unknown_code_suggests_icbs_by_name() -> None:
    result = lookup("Cheshire and Merseyside", AS_OF)
    assert isinstance(result, UnknownCode)
    assert [r.code for r in result.close_matches] == ["QYG"]


def test_suggestion_of_a_code_with_several_periods_is_the_one_in_force() -> None:
    result = lookup("Hampshire", date(2023, 1, 1))
    assert isinstance(result, UnknownCode)
    (hampshire,) = result.close_matches
    assert hampshire.gss_code == "E54000042"


def test_unknown_code_with_nothing_like_it() -> None:
    result = lookup("XXXXX", AS_OF)
    assert result == UnknownCode("XXXXX", ())


# --- a code with several periods: QRL --------------------------------------------------------


def test_qrl_before_it_absorbed_part_of_frimley() -> None:
    result = lookup("QRL", date(2026, 3, 31))
    assert isinstance(result, InForce)
    assert result.record.gss_code == "E54000042"
    assert result.record.successors == ("QRL",)
    hampshire = next(c for c in result.councils if c.name == "Hampshire County Council")
    assert hampshire.part_of_area_only


def test_qrl_after_it_absorbed_part_of_frimley() -> None:
    result = lookup("QRL", MERGERS)
    assert isinstance(result, InForce)
    assert result.record.gss_code == "E54000067"
    assert result.record.predecessors == ("QNQ", "QRL")
    assert names(result.councils) == [
        "Hampshire County Council",
        "Isle of Wight Council",
        "Portsmouth City Council",
        "Southampton City Council",
    ]
    assert not any(c.part_of_area_only for c in result.councils)


def test_periods_of_one_code_never_overlap() -> None:
    periods: dict[str, list[geography.IntegratedCareBoardRecord]] = defaultdict(list)
    for record in icb_records():
        periods[record.code].append(record)
    assert len(periods["QRL"]) == 2
    for rows in periods.values():
        rows.sort(key=lambda r: r.valid_from)
        for earlier, later in pairwise(rows):
            assert earlier.valid_to is not None
            assert earlier.valid_to < later.valid_from


# --- councils --------------------------------------------------------------------------------


def test_cheshire_and_merseyside_has_nine_councils() -> None:
    for on in (ESTABLISHED, AS_OF):
        found = councils("QYG", on)
        assert len(found) == 9
        assert "Wirral Metropolitan Borough Council" in names(found)
        assert not any(c.part_of_area_only for c in found)


@pytest.mark.parametrize("code", ["QE1", "QHM"])
def test_cumbria_county_council_until_31_march_2023(code: str) -> None:
    found = councils(code, date(2023, 3, 31))
    cumbria = next(c for c in found if c.name == "Cumbria County Council")
    assert cumbria.part_of_area_only
    assert "Westmorland and Furness Council" not in names(found)


def test_lancashire_and_south_cumbria_from_1_april_2023() -> None:
    found = names(councils("QE1", LOCAL_GOVERNMENT_CHANGES))
    assert "Cumbria County Council" not in found
    assert "Westmorland and Furness Council" in found
    # Cumberland's few LSOAs in this ICB are a known gap of the table (see its README).
    assert "Cumberland Council" not in found


def test_north_east_and_north_cumbria_from_1_april_2023() -> None:
    found = {c.name: c.part_of_area_only for c in councils("QHM", LOCAL_GOVERNMENT_CHANGES)}
    assert "Cumbria County Council" not in found
    assert found["Cumberland Council"] is False
    assert found["Westmorland and Furness Council"] is True


def test_north_yorkshire_and_somerset_reorganisation() -> None:
    before, after = date(2023, 3, 31), LOCAL_GOVERNMENT_CHANGES
    assert "North Yorkshire County Council" in names(councils("QOQ", before))
    assert "North Yorkshire Council" in names(councils("QOQ", after))
    assert names(councils("QSL", before)) == ["Somerset County Council"]
    assert names(councils("QSL", after)) == ["Somerset Council"]


def test_councils_of_a_dissolved_or_unknown_icb() -> None:
    assert councils("QNX", AS_OF) == ()
    assert councils("XXXXX", AS_OF) == ()
    assert names(councils("qnx", ESTABLISHED)) == [
        "Brighton and Hove City Council",
        "East Sussex County Council",
        "West Sussex County Council",
    ]


# --- consistency of the two tables ------------------------------------------------------------


def test_every_council_row_names_a_known_icb() -> None:
    codes = {record.code for record in icb_records()}
    assert {council.icb_code for council in council_records()} <= codes


def test_council_rows_fall_within_their_icbs_validity() -> None:
    for council in council_records():
        last_day = council.valid_to or AS_OF
        for day in (council.valid_from, last_day):
            assert isinstance(lookup(council.icb_code, day), InForce), (council, day)


@pytest.mark.parametrize("on", CHANGE_DATES)
def test_every_icb_in_force_has_councils(on: date) -> None:
    for icb in icbs_in_force(on):
        assert councils(icb.code, on), icb.code


@pytest.mark.parametrize(("on", "count"), [(ESTABLISHED, 152), (LOCAL_GOVERNMENT_CHANGES, 153)])
def test_every_english_responsible_authority_is_in_some_icb(on: date, count: int) -> None:
    # England's upper-tier authorities: 152, and 153 once Cumbria became two unitary councils.
    in_force = {c.name for c in council_records() if c.in_force(on)}
    assert len(in_force) == count


@pytest.mark.parametrize("on", CHANGE_DATES)
def test_split_councils_are_marked_part_of_area_only(on: date) -> None:
    icbs_of: dict[str, list[bool]] = defaultdict(list)
    for council in council_records():
        if council.in_force(on):
            icbs_of[council.name].append(council.part_of_area_only)
    for name, flags in icbs_of.items():
        assert flags == [len(flags) > 1] * len(flags), name


def test_succession_is_recorded_on_both_sides() -> None:
    by_code: dict[str, list[geography.IntegratedCareBoardRecord]] = defaultdict(list)
    for record in icb_records():
        by_code[record.code].append(record)
    for record in icb_records():
        for successor in record.successors:
            assert any(record.code in s.predecessors for s in by_code[successor]), record
        for predecessor in record.predecessors:
            assert any(record.code in p.successors for p in by_code[predecessor]), record
        if record.valid_to is not None:
            day_after = record.valid_to + timedelta(days=1)
            result = lookup(record.code, day_after)
            if isinstance(result, Dissolved):
                assert len(result.successors) == len(record.successors)


# --- vintage and caveat ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("on", "phrase"),
    [
        (date(2021, 1, 1), "ICB areas as at 1 July 2022"),
        (ESTABLISHED, "ICB areas as at 1 July 2022"),
        (date(2023, 3, 31), "ICB areas as at 1 July 2022"),
        (LOCAL_GOVERNMENT_CHANGES, "ICB areas as at 1 April 2023"),
        (date(2026, 3, 31), "ICB areas as at 1 April 2023"),
        (MERGERS, "ICB areas as at 1 April 2026"),
        (date(2030, 1, 1), "ICB areas as at 1 April 2026"),
    ],
)
def test_data_vintage(on: date, phrase: str) -> None:
    assert data_vintage(on) == phrase


def test_caveat_says_the_council_table_is_unverified_and_overridable() -> None:
    assert "not verified" in CAVEAT
    assert "ONS" in CAVEAT
    assert "local_authorities" in CAVEAT
