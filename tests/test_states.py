"""Tests for ratify.states: the real data files, one fixture folder per invalid states.yaml, and the figures."""

from __future__ import annotations

import dataclasses
import datetime
from pathlib import Path

import pytest

from ratify.datafile import parse_yaml
from ratify.errors import SiteError, SiteErrors
from ratify.model import State, Tracker
from ratify.states import (
    STATES_FILE,
    UN_STATES_FILE,
    add_months,
    data_gaps,
    entry_into_force,
    entry_into_force_for,
    gap_warnings,
    parse_states,
    parse_un_states,
    read_states,
    state_status,
    status_on,
)
from tests.conftest import bundled_data

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "states"
TODAY = datetime.date(2025, 1, 1)  # a fixed "today": tests must not depend on the clock
day = datetime.date.fromisoformat


@pytest.fixture(scope="module")
def tracker() -> Tracker:
    return read_states(ROOT, TODAY)


@pytest.fixture(scope="module")
def known_codes() -> dict:
    un_states = parse_un_states((ROOT / UN_STATES_FILE).read_text(encoding="utf-8"), UN_STATES_FILE)
    return {state.code: state for state in un_states}


def _state(tracker: Tracker, code: str) -> State:
    return next(state for state in tracker.states if state.code == code)


def _located(error: SiteError | SiteErrors) -> list[str]:
    """Each problem as the person reads it: 'path:line: message'."""
    errors = error.errors if isinstance(error, SiteErrors) else [error]
    return [str(e).split("\n")[0] for e in errors]  # the first line; the hint follows on the next


# The real data. Counts are derived from the file read as plain YAML, so that adding a State breaks no test.

def recorded_states() -> list[dict]:
    return bundled_data("states.yaml")["states"]


def dated(entry: dict, key: str, day: datetime.date) -> bool:
    """The entry records `key` with a date on or before `day` (not 'unknown')."""
    return isinstance(entry.get(key), datetime.date) and entry[key] <= day


def test_real_data_loads(tracker: Tracker) -> None:
    assert len(tracker.states) == len(recorded_states())
    assert [state.code for state in tracker.states] == sorted(state.code for state in tracker.states)
    treaty = tracker.treaty
    assert (treaty.adopted, treaty.adopted_by, treaty.opened_for_signature) == (
        day("2008-12-10"),
        "A/RES/63/117",
        day("2009-09-24"),
    )
    assert (treaty.instruments_for_entry_into_force, treaty.months_after_instrument) == (10, 3)
    assert treaty.depositary.reference == "IV-3-a"
    totals = treaty.depositary_totals
    assert (totals.signatories, totals.parties, totals.as_of_or_later) == (46, 29, day("2023-04-20"))
    assert len(tracker.sources) == len(bundled_data("states.yaml")["sources"])


def test_real_data_has_nothing_after_the_newest_depositary_entry() -> None:
    # Germany acceded on 2023-04-20: on the day before, that date is in the future and must be refused.
    with pytest.raises(SiteErrors) as caught:
        read_states(ROOT, day("2023-04-19"))
    # Messages only: the lines move whenever someone adds a State.
    assert [error.message for error in caught.value.errors] == [
        "treaty: depositary_totals: as_of_or_later 2023-04-20 is after today (2023-04-19)",
        "DE: acceded on 2023-04-20, which is after today (2023-04-19)",
    ]
    read_states(ROOT, day("2023-04-20"))


def test_un_states_are_the_193_members_and_2_observers(tracker: Tracker) -> None:
    assert len(tracker.un_states) == 195
    kinds = [state.kind for state in tracker.un_states]
    assert (kinds.count("member"), kinds.count("observer")) == (193, 2)
    by_code = {state.code: state for state in tracker.un_states}
    assert {code for code, state in by_code.items() if state.kind == "observer"} == {"PS", "VA"}
    assert by_code["NO"].name == "Norway"  # unquoted, YAML would have read NO as false
    assert by_code["GB"].aliases == ("UK",) and by_code["GR"].aliases == ("EL",)


def test_every_code_in_states_yaml_is_a_un_state() -> None:
    # Read both files raw, so this holds even if the loader stopped checking codes.
    states = parse_yaml((ROOT / STATES_FILE).read_text(encoding="utf-8"), STATES_FILE)["states"]
    un = parse_yaml((ROOT / UN_STATES_FILE).read_text(encoding="utf-8"), UN_STATES_FILE)
    un_codes = {entry["code"] for entry in un["member_states"] + un["observer_states"]}
    codes = [entry["code"] for entry in states]
    assert len(codes) == len(set(codes)) == len(recorded_states())
    assert set(codes) <= un_codes


def test_gaps_are_kept_as_gaps(tracker: Tracker) -> None:
    niger, san_marino, portugal, macedonia = (_state(tracker, c) for c in ("NE", "SM", "PT", "MK"))
    assert (niger.party, niger.consent, niger.consent_kind, niger.signatory) == (True, day("2014-11-07"), None, False)
    assert (san_marino.party, san_marino.consent, san_marino.consent_kind) == (True, None, None)
    assert (portugal.signatory, portugal.signed, portugal.consent_kind) == (True, None, "ratification")
    assert (macedonia.signatory, macedonia.signed, macedonia.party) == (True, None, False)
    for state in (niger, san_marino, portugal, macedonia):
        assert state.note, f"{state.code} keeps the note that explains its gap"
    belgium = _state(tracker, "BE")
    assert (belgium.article10, belgium.article11) == (True, True)
    assert {(s.article10, s.article11) for s in tracker.states if s.code != "BE"} == {(None, None)}


# Figures

def test_status_on_1_november_2012(tracker: Tracker) -> None:
    # The campaign said "signed by 41 countries and ratified by 8" that day. The data gives 40 signatories:
    # Portugal had signed before its ratification of 2013-01-28, but nobody found on which day.
    status = status_on(tracker, day("2012-11-01"))
    assert (status.signatories, status.parties, status.ratifications, status.accessions) == (40, 8, 8, 0)
    assert status.parties_of_unknown_kind == 0
    assert (status.in_force, status.in_force_since) == (False, None)


def test_status_when_spain_became_the_third_party(tracker: Tracker) -> None:
    # The reference says 35 signatories that day; the data gives 34 (Portugal's signature has no date).
    status = status_on(tracker, day("2010-09-23"))
    assert (status.signatories, status.parties) == (34, 3)
    assert status_on(tracker, day("2010-09-22")).parties == 2


def test_status_today_counts_only_dated_acts(tracker: Tracker) -> None:
    status = status_on(tracker, TODAY)
    states = recorded_states()
    # Dated signatures, and a ratification whose signature has no date (Portugal): it signed before it ratified.
    # A signature without a date and without a ratification (North Macedonia) is not counted.
    assert status.signatories == sum(1 for entry in states if dated(entry, "signed", TODAY) or (
        entry.get("signed") == "unknown" and dated(entry, "ratified", TODAY)))
    assert {entry["code"] for entry in states if entry.get("signed") == "unknown"} >= {"PT", "MK"}
    # Dated consents only (not San Marino's); of a kind not known, Niger's.
    kinds = [sum(1 for entry in states if dated(entry, key, TODAY)) for key in ("ratified", "acceded",
                                                                                "ratified_or_acceded")]
    assert (status.parties, status.ratifications, status.accessions, status.parties_of_unknown_kind) == (
        sum(kinds), *kinds)
    assert (status.in_force, status.in_force_since) == (True, day("2013-05-05"))


def test_entry_into_force_is_three_months_after_uruguay_the_tenth(tracker: Tracker) -> None:
    assert entry_into_force(tracker) == day("2013-05-05")
    assert status_on(tracker, day("2013-05-04")).in_force is False
    assert status_on(tracker, day("2013-05-05")).in_force is True
    tenth = sorted((s.consent, s.code) for s in tracker.states if s.consent)[9]
    assert tenth == (day("2013-02-05"), "UY")


def test_no_entry_into_force_before_ten_instruments(tracker: Tracker) -> None:
    first_nine = sorted((s for s in tracker.states if s.consent), key=lambda s: s.consent)[:9]
    assert entry_into_force(dataclasses.replace(tracker, states=tuple(first_nine))) is None


def test_entry_into_force_for_each_state(tracker: Tracker) -> None:
    assert entry_into_force_for(_state(tracker, "EC"), tracker) == day("2013-05-05")  # before the general date
    assert entry_into_force_for(_state(tracker, "DE"), tracker) == day("2023-07-20")  # art. 18(2)
    assert entry_into_force_for(_state(tracker, "SM"), tracker) is None  # day unknown
    assert entry_into_force_for(_state(tracker, "CL"), tracker) is None  # not a party


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        ("2013-02-05", 3, "2013-05-05"),
        ("2013-11-30", 3, "2014-02-28"),
        ("2015-11-30", 3, "2016-02-29"),
        ("2012-10-31", 1, "2012-11-30"),
        ("2013-12-15", 1, "2014-01-15"),
    ],
)
def test_add_months(start: str, months: int, expected: str) -> None:
    assert add_months(day(start), months) == day(expected)


@pytest.mark.parametrize(
    ("code", "on", "expected"),
    [
        ("ES", "2009-09-23", "none"),
        ("ES", "2009-09-24", "signatory"),
        ("ES", "2010-09-23", "party"),
        ("DE", "2023-04-19", "none"),
        ("DE", "2023-04-20", "party"),
        ("NE", "2014-11-06", "none"),
        ("NE", "2014-11-07", "party"),
        ("SM", "2025-01-01", "party"),  # a party on a day nobody found: still a party
        ("MK", "2025-01-01", "signatory"),  # signed on a day nobody found
        ("PT", "2013-01-28", "party"),
        ("CY", "2021-01-28", "none"),
        ("CY", "2021-01-29", "signatory"),
    ],
)
def test_state_status(tracker: Tracker, code: str, on: str, expected: str) -> None:
    assert state_status(_state(tracker, code), day(on)) == expected


def test_data_gaps_compare_with_the_depositary(tracker: Tracker) -> None:
    gaps = data_gaps(tracker)
    assert (gaps.recorded_signatories, gaps.depositary.signatories) == (46, 46)
    assert (gaps.recorded_parties, gaps.depositary.parties) == (27, 29)
    assert gaps.depositary.as_of_or_later == day("2023-04-20")
    assert gaps.undated_signatures == ("MK", "PT")
    assert gaps.undated_parties == ("SM",)
    assert gaps.unknown_kind == ("NE", "SM")
    assert gaps.after_depositary == ()
    parties = [entry for entry in recorded_states()
               if {"ratified", "acceded", "ratified_or_acceded"} & set(entry)]
    assert len(gaps.unknown_article10) == sum("article10" not in entry for entry in parties)
    assert len(gaps.unknown_article11) == sum("article11" not in entry for entry in parties)
    assert "BE" not in gaps.unknown_article10
    warnings = gap_warnings(gaps)
    assert warnings[0] == (
        "data/states.yaml: 27 parties recorded, the depositary counts 29 as of 2023-04-20 or later: "
        "2 missing from the data"
    )
    assert "data/states.yaml: signed on a day not known: MK, PT" in warnings
    assert not any("signatories recorded" in warning for warning in warnings)  # 46 = 46


def test_data_gaps_notice_entries_newer_than_the_depositary_totals(tracker: Tracker) -> None:
    kenya = State(
        code="KE", signatory=True, signed=day("2024-09-24"), party=False, consent=None, consent_kind=None,
        article10=None, article11=None, note=None, source="un-mtdsg-en", line=1,
    )
    gaps = data_gaps(dataclasses.replace(tracker, states=tracker.states + (kenya,)))
    assert gaps.after_depositary == ("KE",)
    assert gaps.recorded_signatories == 47
    warnings = gap_warnings(gaps)
    assert (
        "data/states.yaml: 47 signatories recorded, the depositary counts 46 as of 2023-04-20 or later: "
        "1 more than the depositary: check them, or update depositary_totals"
    ) in warnings
    assert any("update depositary_totals: KE" in warning for warning in warnings)


# Invalid files: one folder each, every problem with its file and line

INVALID = {
    "unknown_code": [
        "data/states.yaml:14: 'UK' is not an ISO 3166-1 code of a UN Member or observer State; did you mean 'GB'?",
        "data/states.yaml:17: 'Grmany' is not an ISO 3166-1 code of a UN Member or observer State; "
        "did you mean 'DE' (Germany)?",
        "data/states.yaml:20: 'XX' is not an ISO 3166-1 code of a UN Member or observer State",
    ],
    "code_read_as_false": ["data/states.yaml:14: code must be a two-letter code in quotes, not false"],
    "duplicate_state": ["data/states.yaml:18: 'ES' is listed twice (first on line 14)"],
    "impossible_date": ["data/states.yaml:16: '2013-02-30' is not a real date (day is out of range for month)"],
    "ratified_before_signed": ["data/states.yaml:16: EC: ratified on 2009-09-24, before it signed on 2010-06-11"],
    "signed_and_acceded": ["data/states.yaml:16: DE: both signed and acceded; a State that signed joins by ratifying"],
    "ratified_and_acceded": [
        "data/states.yaml:17: HN: both ratified and acceded; a State does one or the other",
        "data/states.yaml:17: HN: both signed and acceded; a State that signed joins by ratifying",
    ],
    "ratified_or_acceded_and_ratified": [
        "data/states.yaml:17: NE: ratified_or_acceded is for when the kind is not known, but ratified is given too"
    ],
    "ratified_without_signature": ["data/states.yaml:15: PT: ratified without a signature"],
    "future_date": ["data/states.yaml:15: KE: signed on 2031-09-24, which is after today (2025-01-01)"],
    "before_treaty": [
        "data/states.yaml:15: CL: signed on 2009-09-23, before the treaty opened for signature on 2009-09-24",
        "data/states.yaml:18: HN: acceded on 2008-12-09, before the treaty was adopted on 2008-12-10",
    ],
    "unknown_key": ["data/states.yaml:16: MN: unknown key 'ratifed'; did you mean 'ratified'?"],
    "missing_treaty_field": ["data/states.yaml:1: treaty: 'adopted_by' is missing"],
    "wrong_type": [
        "data/states.yaml:17: BE: article10 must be true, false or null (not known), not 'yes please'",
        "data/states.yaml:18: BE: article11 must be true, false or null (not known), not 1",
    ],
    "quoted_date": ["data/states.yaml:15: GH: signed must be a date written YYYY-MM-DD or unknown, not '2009-09-24'"],
    "unknown_source": ["data/states.yaml:16: GT: unknown source 'un-mtdsg'; did you mean 'un-mtdsg-en'?"],
    "several_problems": [
        "data/states.yaml:16: SK: unknown key 'ratifed'; did you mean 'ratified'?",
        "data/states.yaml:18: 'SK' is listed twice (first on line 14)",
        "data/states.yaml:19: SK: signed on 2031-01-01, which is after today (2025-01-01)",
        "data/states.yaml:21: 'uy' is not an ISO 3166-1 code of a UN Member or observer State; did you mean 'UY'?",
        "data/states.yaml:21: uy: 'source' is missing",
    ],
}


@pytest.mark.parametrize("case", sorted(INVALID))
def test_invalid_states_file(case: str, known_codes: dict) -> None:
    text = (FIXTURES / case / "states.yaml").read_text(encoding="utf-8")
    with pytest.raises((SiteError, SiteErrors)) as caught:
        parse_states(text, STATES_FILE, known_codes, TODAY)
    assert _located(caught.value) == INVALID[case]


def test_every_fixture_folder_has_a_case() -> None:
    assert sorted(path.name for path in FIXTURES.iterdir() if path.is_dir()) == sorted(INVALID)


def test_hints_say_what_to_do(known_codes: dict) -> None:
    text = (FIXTURES / "code_read_as_false" / "states.yaml").read_text(encoding="utf-8")
    with pytest.raises(SiteErrors) as caught:
        parse_states(text, STATES_FILE, known_codes, TODAY)
    assert 'write "NO"' in (caught.value.errors[0].hint or "")


def test_un_states_problems_are_reported_together() -> None:
    text = 'member_states:\n  - {code: "FR", name: "France", admitted: 1945}\n  - {code: "FR", name: "Fr"}\n' \
        'observer_states:\n  - {code: va, name: "Holy See", admited: 1}\n'
    with pytest.raises(SiteErrors) as caught:
        parse_un_states(text, UN_STATES_FILE)
    assert _located(caught.value) == [
        "data/un-states.yaml:3: 'FR' is listed twice (first on line 2)",
        "data/un-states.yaml:3: 'admitted' is missing",
        "data/un-states.yaml:5: code must be a two-letter code in quotes, not 'va'",
        "data/un-states.yaml:5: unknown key 'admited'",
    ]


def test_missing_file_names_it(tmp_path: Path) -> None:
    with pytest.raises(SiteError) as caught:
        read_states(tmp_path, TODAY)
    assert _located(caught.value) == ["data/un-states.yaml: file not found"]
