"""The bundled data against the project's reference facts (../shared/reference): every date, status, declaration
and count the site shows must be the reference's. Skipped where the reference is not beside the repository."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
import yaml

from ratify.model import Tracker
from ratify.states import read_states
from ratify.status import count, entry_into_force, public_figure
from ratify.tracker import figure, make_view

REPO = Path(__file__).resolve().parent.parent
REFERENCE = REPO.parent / "shared" / "reference"
TODAY = datetime.date(2027, 1, 1)  # a fixed "today": tests must not depend on the clock

pytestmark = [pytest.mark.bundled,
              pytest.mark.skipif(not REFERENCE.is_dir(), reason=f"the reference facts are not at {REFERENCE}")]


def _reference(name: str) -> dict:
    return yaml.safe_load((REFERENCE / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def tracker() -> Tracker:
    return read_states(REPO, TODAY)


@pytest.fixture(scope="module")
def protocol() -> dict:
    return _reference("op-icescr-status.yaml")


@pytest.fixture(scope="module")
def covenant() -> dict:
    return _reference("icescr-status.yaml")


# San Marino's entry in the reference has no date and no kind: only its comment says it is a party (source 4).
_PARTY_WITHOUT_FIELDS = {"SM"}


def test_the_same_states_signed_and_joined(tracker: Tracker, protocol: dict) -> None:
    assert {state.code for state in tracker.states} == {entry["iso2"] for entry in protocol["states"]}


def test_every_date_status_and_declaration_is_the_references(tracker: Tracker, protocol: dict) -> None:
    ours = {state.code: state for state in tracker.states}
    for entry in protocol["states"]:
        state = ours[entry["iso2"]]
        party = (entry["consent"] is not None or entry["consent_type"] is not None
                 or entry["iso2"] in _PARTY_WITHOUT_FIELDS)
        assert state.party is party, entry["state"]
        assert state.consent == entry["consent"], entry["state"]
        assert state.consent_kind == entry["consent_type"], entry["state"]
        assert state.signed == entry["signed"], entry["state"]
        # A signature of unknown day is kept as one: Portugal ratified (so it signed), North Macedonia signed in 2013.
        if entry["signed"] is None and state.signatory:
            assert entry["iso2"] in ("PT", "MK"), entry["state"]
        assert dict(state.declarations) == {"10": entry["art10"], "11": entry["art11"]}, entry["state"]


def test_the_treaty_dates_and_the_depositary_totals_are_the_references(tracker: Tracker, protocol: dict) -> None:
    treaty, facts = tracker.treaty, protocol["treaty"]
    assert (treaty.adopted, treaty.adopted_by, treaty.opened_for_signature) == (
        facts["adopted"], facts["adopted_by"], facts["opened_for_signature"])
    assert entry_into_force(tracker) == facts["entry_into_force"]
    totals = treaty.depositary_totals
    assert (totals.signatories, totals.parties) == (facts["signatories"], facts["parties"])
    # 29 parties on the page date it to South Sudan's accession, the 29th, or later.
    south_sudan = next(entry for entry in protocol["states"] if entry["iso2"] == "SS")
    assert totals.as_of_or_later == south_sudan["consent"]


def test_the_counts_the_un_reported_are_the_references(tracker: Tracker, protocol: dict) -> None:
    def as_of(value: datetime.date | str) -> str:
        return value.isoformat() if isinstance(value, datetime.date) else value

    reported = [(each.parties, each.as_of.isoformat()[:7] if each.month_only else each.as_of.isoformat())
                for each in tracker.treaty.parties_reported]
    assert reported == [(entry["count"], as_of(entry["as_of"])) for entry in protocol["treaty"]["parties_reported"]]


def test_the_counts_on_the_campaign_s_day_on_the_tenth_instrument_and_today(tracker: Tracker, protocol: dict) -> None:
    view = make_view(tracker, "en", "en/states/")
    # 1 November 2012: the campaign counted 41 signatories and 8 ratifications. The data places 8 parties and 40
    # signatures (Portugal's has no day), and says so: "at least 40".
    assert figure(view, "parties", datetime.date(2012, 11, 1)) == (8, True)
    assert figure(view, "signatories", datetime.date(2012, 11, 1)) == (40, True)
    # 5 February 2013: Uruguay's, the tenth instrument.
    assert count(tracker.states, "parties", protocol["treaty"]["tenth_instrument"]["deposited"]) == 10
    # Today: the depositary's 46 signatories and 29 parties are all named; the UN's newest report says 31.
    assert (view.recorded("signatories"), view.recorded("parties")) == (46, 29)
    newest = public_figure(tracker)
    assert newest is not None
    assert (newest.reported.parties, newest.named, newest.missing) == (
        protocol["treaty"]["parties_reported"][-1]["count"], 29, 2)


def test_every_state_s_covenant_standing_is_the_references(tracker: Tracker, covenant: dict) -> None:
    assert tracker.prerequisite is not None
    ours = tracker.prerequisite.states
    for entry in covenant["states"]:
        state = ours[entry["iso2"]]
        assert state.standing == entry["status"], entry["name"]
        if entry["status"] == "party":
            assert (state.year, state.day) == (entry["year"], entry["date"]), entry["name"]
        else:
            assert (state.year, state.day) == (entry["signed_year"], entry["signed"]), entry["name"]
    for entry in covenant["not_party_or_signatory"]:
        assert ours[entry["iso2"]].standing == "none", entry["name"]
    assert len(ours) == len(covenant["states"]) + len(covenant["not_party_or_signatory"]) == 195
    parties = sum(state.standing == "party" for state in ours.values())
    newest = covenant["treaty"]["counts_reported"][-1]
    assert parties == covenant["treaty"]["parties_in_this_file"] == newest["parties"]
    assert tracker.prerequisite.as_of == newest["as_of"]
