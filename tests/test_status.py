"""Tests for ratify.status: the figures of the real data on given days, entry into force, gaps, the one count."""

from __future__ import annotations

import dataclasses
import datetime
from pathlib import Path

import pytest

from ratify.model import State, Tracker
from ratify.states import read_states
from ratify.status import (COUNTED, FIGURES, add_months, count, data_gaps, entry_into_force, entry_into_force_for,
                           gap_warnings, recorded_counts, state_status, status_on)
from ratify.tracker import make_view

ROOT = Path(__file__).resolve().parent.parent
TODAY = datetime.date(2025, 1, 1)  # a fixed "today": tests must not depend on the clock
day = datetime.date.fromisoformat


@pytest.fixture(scope="module")
def tracker() -> Tracker:
    return read_states(ROOT, TODAY)


def _state(tracker: Tracker, code: str) -> State:
    return next(state for state in tracker.states if state.code == code)


@pytest.mark.bundled
def test_status_on_1_november_2012(tracker: Tracker) -> None:
    # The campaign said "signed by 41 countries and ratified by 8" that day. The data gives 40 signatories:
    # Portugal had signed before its ratification of 2013-01-28, but nobody found on which day.
    status = status_on(tracker, day("2012-11-01"))
    assert (status.signatories, status.parties, status.ratifications, status.accessions) == (40, 8, 8, 0)
    assert status.parties_of_unknown_kind == 0
    assert (status.in_force, status.in_force_since) == (False, None)


@pytest.mark.bundled
def test_status_when_spain_became_the_third_party(tracker: Tracker) -> None:
    # The reference says 35 signatories that day; the data gives 34 (Portugal's signature has no date).
    status = status_on(tracker, day("2010-09-23"))
    assert (status.signatories, status.parties) == (34, 3)
    assert status_on(tracker, day("2010-09-22")).parties == 2


@pytest.mark.bundled
def test_status_today_counts_only_dated_acts(tracker: Tracker) -> None:
    status = status_on(tracker, TODAY)
    # 44 dated signatures + Portugal (signed before it ratified); North Macedonia's has no date.
    assert status.signatories == 45
    # 27 parties recorded, San Marino's day is unknown; Niger's kind is unknown.
    assert (status.parties, status.ratifications, status.accessions, status.parties_of_unknown_kind) == (26, 22, 3, 1)
    assert (status.in_force, status.in_force_since) == (True, day("2013-05-05"))


@pytest.mark.bundled
def test_entry_into_force_is_three_months_after_uruguay_the_tenth(tracker: Tracker) -> None:
    assert entry_into_force(tracker) == day("2013-05-05")
    assert status_on(tracker, day("2013-05-04")).in_force is False
    assert status_on(tracker, day("2013-05-05")).in_force is True
    tenth = sorted((s.consent, s.code) for s in tracker.states if s.consent)[9]
    assert tenth == (day("2013-02-05"), "UY")


@pytest.mark.bundled
def test_no_entry_into_force_before_ten_instruments(tracker: Tracker) -> None:
    first_nine = sorted((s for s in tracker.states if s.consent), key=lambda s: s.consent)[:9]
    assert entry_into_force(dataclasses.replace(tracker, states=tuple(first_nine))) is None


@pytest.mark.bundled
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


@pytest.mark.bundled
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


@pytest.mark.bundled
def test_data_gaps_compare_with_the_depositary(tracker: Tracker) -> None:
    gaps = data_gaps(tracker)
    assert (gaps.recorded_signatories, gaps.depositary.signatories) == (46, 46)
    assert (gaps.recorded_parties, gaps.depositary.parties) == (27, 29)
    assert gaps.depositary.as_of_or_later == day("2023-04-20")
    assert gaps.undated_signatures == ("MK", "PT")
    assert gaps.undated_parties == ("SM",)
    assert gaps.unknown_kind == ("NE", "SM")
    assert gaps.after_depositary == ()
    assert len(gaps.unknown_article10) == len(gaps.unknown_article11) == 26 and "BE" not in gaps.unknown_article10
    warnings = gap_warnings(gaps)
    assert warnings[0] == (
        "data/states.yaml: 27 parties recorded, the depositary counts 29 as of 2023-04-20 or later: "
        "2 missing from the data"
    )
    assert "data/states.yaml: signed on a day not known: MK, PT" in warnings
    assert not any("signatories recorded" in warning for warning in warnings)  # 46 = 46


@pytest.mark.bundled
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


@pytest.mark.bundled
def test_one_count_gives_every_figure(tracker: Tracker) -> None:
    # Recorded, dated or not: parties of unknown kind (Niger) count among the parties only.
    assert recorded_counts(tracker) == {"signatories": 46, "parties": 27, "ratifications": 22, "accessions": 3,
                                        "parties_of_unknown_kind": 2, "signatories_not_parties": 24}
    on = day("2013-05-05")
    status = status_on(tracker, on)
    assert [count(tracker.states, what, on) for what in (*FIGURES, "parties_of_unknown_kind")] == [
        status.signatories, status.parties, status.ratifications, status.accessions, status.parties_of_unknown_kind]
    gaps = data_gaps(tracker)
    assert (gaps.recorded_signatories, gaps.recorded_parties) == (46, 27)
    view = make_view(tracker, "en", "en", "en/states/")
    assert {what: view.recorded(what) for what in COUNTED} == recorded_counts(tracker)
    # the map's legend: the States drawn as signatories, not parties
    assert view.recorded("signatories_not_parties") == sum(1 for row in view.rows if row.status == "signatory")
    with pytest.raises(ValueError, match="'what' must be one of signatories, parties"):  # a typo is no zero
        count(tracker.states, "ratified")
