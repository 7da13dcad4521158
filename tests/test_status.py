"""Tests for ratify.status: the figures of the real data on given days, entry into force, gaps, the one count."""

from __future__ import annotations

import dataclasses
import datetime
from pathlib import Path

import pytest

from ratify.model import Delay, EntryIntoForceRule, OptionalDeclaration, State, Tracker
from ratify.states import parse_states, read_states
from ratify.status import (COUNTED, FIGURES, add_months, count, data_gaps, entry_into_force, entry_into_force_for,
                           gap_warnings, group, next_step, prerequisite_standing, public_figure, recorded_counts,
                           state_status, status_on)
from ratify.tracker import make_view, next_steps
from tests.conftest import bundled_data

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
TODAY = datetime.date(2027, 1, 1)  # a fixed "today": tests must not depend on the clock
day = datetime.date.fromisoformat


@pytest.fixture(scope="module")
def tracker() -> Tracker:
    return read_states(ROOT, TODAY)


def _dated(entry: dict, key: str) -> bool:
    """The entry records `key` with a date on or before TODAY (not 'unknown')."""
    return isinstance(entry.get(key), datetime.date) and entry[key] <= TODAY


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
    states = bundled_data("states.yaml")["states"]
    # Dated signatures, and a ratification whose signature has no date (Portugal): it signed before it ratified.
    # A signature without a date and without a ratification (North Macedonia) is not counted.
    assert status.signatories == sum(1 for entry in states if _dated(entry, "signed") or (
        entry.get("signed") == "unknown" and _dated(entry, "ratified")))
    assert {entry["code"] for entry in states if entry.get("signed") == "unknown"} >= {"PT", "MK"}
    # Dated consents only (not San Marino's); of a kind not known, Niger's.
    kinds = [sum(1 for entry in states if _dated(entry, key)) for key in ("ratified", "acceded", "ratified_or_acceded")]
    assert (status.parties, status.ratifications, status.accessions, status.parties_of_unknown_kind) == (
        sum(kinds), *kinds)
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
    assert (gaps.recorded_parties, gaps.depositary.parties) == (29, 29)
    assert gaps.depositary.as_of_or_later == day("2024-02-05")
    assert gaps.undated_signatures == ("MK", "PT")
    assert gaps.undated_parties == ("AL", "SM")
    assert gaps.unknown_kind == ("NE", "SM")
    assert gaps.after_depositary == ()
    assert list(gaps.unknown_declarations) == ["10", "11"]
    parties = [entry for entry in bundled_data("states.yaml")["states"]
               if {"ratified", "acceded", "ratified_or_acceded"} & set(entry)]
    for article in ("10", "11"):
        assert len(gaps.unknown_declarations[article]) == sum(
            entry.get("declarations", {}).get(article) in (None, "unknown") for entry in parties)
    assert "BE" not in gaps.unknown_declarations["10"] and "DE" not in gaps.unknown_declarations["10"]
    assert ("data/states.yaml: parties whose article 11 declaration is not known: AL, AM, AR, BA, BO, CF, CR, CV, EC, "
            "ES, FI, FR, GA, HN, IT, LU, ME, MN, MV, NE, PT, SK, SM, SS, SV, UY, VE") in gap_warnings(gaps)
    warnings = gap_warnings(gaps)
    # The depositary's 29 match the 29 recorded; the UN's newest report, 31, does not.
    assert warnings[0] == ("data/states.yaml: the UN reported 31 parties (2025-09), the data names 29: "
                           "2 not identified yet")
    assert not any("parties recorded" in warning for warning in warnings)
    assert "data/states.yaml: signed on a day not known: MK, PT" in warnings
    assert not any("signatories recorded" in warning for warning in warnings)  # 46 = 46


@pytest.mark.bundled
def test_data_gaps_notice_entries_newer_than_the_depositary_totals(tracker: Tracker) -> None:
    kenya = State(
        code="KE", signatory=True, signed=day("2024-09-24"), party=False, consent=None, consent_kind=None,
        declarations={"10": None, "11": None}, denounced=None, denunciation_effective=None, note=None,
        source="un-mtdsg-en", line=1,
    )
    gaps = data_gaps(dataclasses.replace(tracker, states=tracker.states + (kenya,)))
    assert gaps.after_depositary == ("KE",)
    assert gaps.recorded_signatories == 47
    warnings = gap_warnings(gaps)
    assert (
        "data/states.yaml: 47 signatories recorded, the depositary counts 46 as of 2024-02-05 or later: "
        "1 more than the depositary: check them, or update depositary_totals"
    ) in warnings
    assert any("update depositary_totals: KE" in warning for warning in warnings)


@pytest.mark.bundled
def test_one_count_gives_every_figure(tracker: Tracker) -> None:
    # Recorded, dated or not: parties of unknown kind (Niger) count among the parties only.
    assert recorded_counts(tracker) == {"signatories": 46, "parties": 29, "ratifications": 22, "accessions": 5,
                                        "parties_of_unknown_kind": 2, "signatories_not_parties": 24}
    on = day("2013-05-05")
    status = status_on(tracker, on)
    assert [count(tracker.states, what, on) for what in (*FIGURES, "parties_of_unknown_kind")] == [
        status.signatories, status.parties, status.ratifications, status.accessions, status.parties_of_unknown_kind]
    gaps = data_gaps(tracker)
    assert (gaps.recorded_signatories, gaps.recorded_parties) == (46, 29)
    view = make_view(tracker, "en", "en/states/")
    assert {what: view.recorded(what) for what in COUNTED} == recorded_counts(tracker)
    # the map's legend: the States drawn as signatories, not parties
    assert view.recorded("signatories_not_parties") == sum(1 for row in view.rows if row.status == "signatory")
    with pytest.raises(ValueError, match="'what' must be one of signatories, parties"):  # a typo is no zero
        count(tracker.states, "ratified")


# The treaty's rules, from its block in states.yaml


def _fixture_tracker(name: str, **replace: str) -> Tracker:
    """A fixture's states.yaml, read with some of its lines replaced."""
    text = (FIXTURES / name / "data" / "states.yaml").read_text(encoding="utf-8")
    for old, new in replace.items():
        assert old in text
        text = text.replace(old, new)
    known = {state.code: state for state in read_states(ROOT, TODAY).un_states}
    return parse_states(text, "data/states.yaml", known, TODAY)


def test_the_rule_can_count_days() -> None:
    # "In force 90 days after the 2nd instrument": Ecuador 2010-06-11 and Argentina 2011-10-24.
    rule = "entry_into_force: {instruments: 2, after: {months: 3}}"
    tracker = _fixture_tracker("tracker", **{rule: "entry_into_force: {instruments: 2, after: {days: 90}}"})
    assert tracker.treaty.entry_into_force_rule == EntryIntoForceRule(2, Delay(90, "days"))
    assert entry_into_force(tracker) == day("2011-10-24") + datetime.timedelta(days=90) == day("2012-01-22")
    uruguay = next(state for state in tracker.states if state.code == "UY")
    assert entry_into_force_for(uruguay, tracker) == day("2013-05-06")  # 5 Feb 2013 + 90 days
    in_months = _fixture_tracker("tracker")
    assert entry_into_force(in_months) == day("2012-01-24")  # 24 Oct 2011 + 3 months
    assert entry_into_force_for(next(s for s in in_months.states if s.code == "UY"), in_months) == day("2013-05-05")


def test_a_denunciation_takes_effect_after_the_treaty_s_delay() -> None:
    tracker = _fixture_tracker("denunciation")
    assert tracker.treaty.denunciation_delay == Delay(6, "months")
    argentina = next(state for state in tracker.states if state.code == "AR")
    assert (argentina.denounced, argentina.denunciation_effective) == (day("2015-03-01"), day("2015-09-01"))
    assert state_status(argentina, day("2015-08-31")) == "party"  # still bound until it takes effect
    assert state_status(argentina, day("2015-09-01")) == "none"
    before, after = (count(tracker.states, "parties", day(on)) for on in ("2015-08-31", "2015-09-01"))
    assert before == after + 1
    assert recorded_counts(tracker)["parties"] == recorded_counts(_fixture_tracker("tracker"))["parties"] - 1
    six_weeks = _fixture_tracker("denunciation", **{"denunciation: {after: {months: 6}}":
                                                    "denunciation: {after: {days: 42}}"})
    assert next(s for s in six_weeks.states if s.code == "AR").denunciation_effective == day("2015-04-12")


def test_an_opt_out_declaration_is_accepted_unless_made() -> None:
    opt_in = OptionalDeclaration(article="10", opt="in", label={"en": "Complaints"})
    opt_out = dataclasses.replace(opt_in, opt="out")
    assert [opt_in.accepted(made) for made in (True, False, None)] == [True, False, None]
    assert [opt_out.accepted(made) for made in (True, False, None)] == [False, True, None]


# Who may join (article 17), and what each State can do next

@pytest.mark.parametrize(("standing", "covenant", "procedures", "expected"), [
    # A party to the Covenant signs and ratifies the Protocol, or ratifies what it signed.
    ("none", "party", (None, None), "none"),
    ("signatory", "party", (None, None), "signatory"),
    # A signatory of the Covenant may sign the Protocol, but ratifies the Covenant before the Protocol.
    ("none", "signatory", (None, None), "prerequisite_signatory"),
    ("signatory", "signatory", (None, None), "prerequisite_signatory"),
    # A State outside the Covenant joins it first.
    ("none", "none", (None, None), "prerequisite_none"),
    # Not known, or no prerequisite: nothing is claimed, the ordinary step.
    ("none", None, (None, None), "none"),
    # A party accepts the optional procedures when they are not known, or not accepted.
    ("party", "party", (True, None), "declarations_unknown"),  # asked, not told: it may have declared
    ("party", "party", (False, None), "declare"),
    ("party", "party", (None, None), "declarations_unknown"),
    ("party", "party", (False, False), "declare"),
    ("party", "party", (True, True), "party"),
])
def test_next_step_follows_article_17(standing: str, covenant: str | None, procedures: tuple, expected: str) -> None:
    assert next_step(standing, covenant, procedures) == expected


@pytest.mark.parametrize(("standing", "covenant", "expected"), [
    ("none", "none", "outside"), ("none", "signatory", "outside"), ("none", "party", "none"), ("none", None, "none"),
    ("signatory", "signatory", "signatory"), ("party", "party", "party"),
])
def test_the_covenant_is_a_fourth_group_only_for_states_that_did_nothing(standing: str, covenant: str | None,
                                                                        expected: str) -> None:
    assert group(standing, covenant) == expected


@pytest.mark.bundled
@pytest.mark.parametrize(("code", "covenant", "step"), [
    ("KE", "party", "none"),  # Kenya: a party to the Covenant, nothing about the Protocol
    ("CL", "party", "signatory"),  # Chile signed the Protocol
    ("US", "signatory", "prerequisite_signatory"),  # the United States signed the Covenant only
    ("AD", "none", "prerequisite_none"),  # Andorra neither signed nor joined the Covenant
    ("DE", "party", "declare"),  # Germany made no declaration under articles 10 and 11
    ("BE", "party", "party"),  # Belgium accepted both procedures
    ("SS", "party", "declarations_unknown"),  # South Sudan: its declarations are not known
    ("PT", "party", "declarations_unknown"),  # Portugal: a declaration whose content nobody has seen
])
def test_every_state_gets_the_step_it_can_really_take(tracker: Tracker, code: str, covenant: str, step: str) -> None:
    assert prerequisite_standing(tracker, code) == covenant
    assert next_steps(tracker)[code] == step


@pytest.mark.bundled
def test_the_public_figure_is_the_uns_newest_count_beside_the_parties_named(tracker: Tracker) -> None:
    figure = public_figure(tracker)
    assert figure is not None
    assert (figure.reported.parties, figure.reported.as_of, figure.reported.month_only) == (31, day("2025-09-01"), True)
    assert (figure.named, figure.missing) == (29, 2)  # computed, never typed
    assert [source.id for source in figure.sources] == ["ungeneva-2025-09"]
    assert figure.last_checked == day("2026-11-30")
    # The counts the UN reported are data, in the order of their days.
    assert [(each.parties, each.as_of) for each in tracker.treaty.parties_reported] == [
        (26, day("2021-10-20")), (29, day("2024-02-12")), (29, day("2024-09-30")), (31, day("2025-09-01"))]
    # Without reported counts there is no public figure, and nothing is made up.
    bare = dataclasses.replace(tracker, treaty=dataclasses.replace(tracker.treaty, parties_reported=()))
    assert public_figure(bare) is None
