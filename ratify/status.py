"""A Tracker -> its figures: entry into force, each State's standing and the counts on a day, gaps in the data."""

from __future__ import annotations

import datetime
from types import MappingProxyType
from typing import Iterable

from ratify.model import DataGaps, Group, Headline, PublicFigure, Standing, State, Status, Step, Tracker
from ratify.model import add_months  # noqa: F401 (the rules' arithmetic, tested here)
from ratify.states import STATES_FILE


def entry_into_force(tracker: Tracker) -> datetime.date | None:
    """The day the treaty entered into force under its rule, or None before enough instruments are known.

    Only dated instruments count: one whose day is unknown (San Marino) cannot be placed in the order.
    """
    rule = tracker.treaty.entry_into_force_rule
    days = sorted(state.consent for state in tracker.states if state.consent is not None)
    if len(days) < rule.instruments:
        return None
    return rule.after.apply(days[rule.instruments - 1])


def entry_into_force_for(state: State, tracker: Tracker) -> datetime.date | None:
    """When the treaty entered into force for `state` (art. 18(2)); None if unknown or not a party."""
    general = entry_into_force(tracker)
    if state.consent is None or general is None:
        return None
    return max(general, tracker.treaty.entry_into_force_rule.after.apply(state.consent))



FIGURES = ("signatories", "parties", "ratifications", "accessions")  # what a page may show, by the figure shortcode
COUNTED = (*FIGURES, "parties_of_unknown_kind", "signatories_not_parties")  # what count() counts
_KINDS = {"ratifications": "ratification", "accessions": "accession", "parties_of_unknown_kind": None}


def count(states: Iterable[State], what: str, day: datetime.date | None = None) -> int:
    """The one way States are counted: how many did `what`, one of COUNTED.

    On a `day`, only acts known to have happened by then count: an act of unknown day cannot be placed. With no
    day, every act the data records counts, dated or not.
    """
    if what not in COUNTED:
        raise ValueError(f"'what' must be one of {', '.join(COUNTED)}, got '{what}'")
    return sum(1 for state in states if _has_done(state, what, day))


def _has_done(state: State, what: str, day: datetime.date | None) -> bool:
    signatory = state.signatory if day is None else _had_signed(state, day)
    party = state.party if day is None else state.consent is not None and state.consent <= day
    party = party and not _denounced_by(state, day)
    if what in ("signatories", "signatories_not_parties"):
        return signatory and not (what == "signatories_not_parties" and party)
    return party and (what == "parties" or state.consent_kind == _KINDS[what])


def _denounced_by(state: State, day: datetime.date | None) -> bool:
    """Whether the State's denunciation had taken effect on `day` (with no day: whether the data records one)."""
    if state.denunciation_effective is None:
        return False
    return day is None or state.denunciation_effective <= day


def _had_signed(state: State, day: datetime.date) -> bool:
    if state.signed is not None:
        return state.signed <= day
    # A ratification follows a signature, so a State that ratified had signed by then even when the
    # signature's own day is unknown (Portugal).
    if state.consent_kind != "ratification" or state.consent is None:
        return False
    return state.consent <= day


def recorded_counts(tracker: Tracker) -> dict[str, int]:
    """Each of COUNTED as the data records it, whatever the day."""
    return {what: count(tracker.states, what) for what in COUNTED}


def status_on(tracker: Tracker, day: datetime.date) -> Status:
    """The figures on `day`, counting only what is known to have happened by then."""
    since = entry_into_force(tracker)
    in_force = since is not None and since <= day
    return Status(
        day=day,
        signatories=count(tracker.states, "signatories", day),
        parties=count(tracker.states, "parties", day),
        ratifications=count(tracker.states, "ratifications", day),
        accessions=count(tracker.states, "accessions", day),
        parties_of_unknown_kind=count(tracker.states, "parties_of_unknown_kind", day),
        in_force=in_force,
        in_force_since=since if in_force else None,
    )


def state_status(state: State, day: datetime.date) -> Standing:
    """Where `state` stood on `day`: 'party', 'signatory' or 'none'.

    An act whose day is unknown counts as done: the data records it as having happened, and a State's page
    must not hide that San Marino is a party because nobody found the day. status_on, which gives figures
    for a day, counts only dated acts. Once its denunciation takes effect, a State is bound no more: 'none'.
    """
    if _denounced_by(state, day):
        return "none"  # no longer bound by the treaty
    if state.party and (state.consent is None or state.consent <= day):
        return "party"
    if state.signatory and (state.signed is None or state.signed <= day):
        return "signatory"
    return "none"


def prerequisite_standing(tracker: Tracker, code: str) -> Standing | None:
    """Where the State stands under the treaty's prerequisite (the Covenant); None without one, or when not known."""
    if tracker.prerequisite is None:
        return None
    under = tracker.prerequisite.states.get(code)
    return under.standing if under else None


def next_step(standing: Standing, prerequisite: Standing | None, procedures_accepted: Iterable[bool | None]) -> Step:
    """What a State can really do next (art. 17 of the OP-ICESCR, then its optional procedures).

    `standing` is where it stands under the treaty, `prerequisite` under the treaty it must join first (None: no
    such treaty, or not known: nothing is claimed then), `procedures_accepted` whether each optional procedure
    applies to it. A State may sign once it has signed or joined the prerequisite, and ratify or accede only once
    it is a party to it: a State outside it joins it first, a signatory of it ratifies it first. A party is urged
    to declare only what it is known not to have declared; while the sources say nothing, it is asked whether it
    has, never told it has not.
    """
    if standing == "party":
        accepted = tuple(procedures_accepted)
        if all(accepted):
            return "party"
        return "declare" if False in accepted else "declarations_unknown"
    if prerequisite == "none" and standing == "none":
        return "prerequisite_none"
    if prerequisite in ("none", "signatory"):
        return "prerequisite_signatory"
    return standing


def group(standing: Standing, prerequisite: Standing | None) -> Group:
    """How the map and the table show a State: its standing, or "outside" when it has done nothing and is not a
    party to the prerequisite either (the coalition's map: "not a party to the ICESCR")."""
    if standing == "none" and prerequisite in ("none", "signatory"):
        return "outside"
    return standing


def public_figure(tracker: Tracker) -> PublicFigure | None:
    """The one current figure: the newest count of parties the UN reported, beside how many the data names.

    None when the data records no reported count.
    """
    if not tracker.treaty.parties_reported:
        return None
    newest = max(tracker.treaty.parties_reported, key=lambda reported: reported.as_of)
    return PublicFigure(reported=newest, named=count(tracker.states, "parties"),
                        sources=(tracker.source(newest.source),), last_checked=tracker.treaty.depositary.last_checked)


def headline(tracker: Tracker) -> Headline:
    """The figures the site leads with: the parties and signatories the data records, dated or not; those the chart
    can plot (their day is known); and the UN's newest reported count beside them. Defined here only."""
    states = tracker.states
    unplotted_parties = tuple(state.code for state in states if state.party and state.consent is None)
    unplotted_signatures = tuple(state.code for state in states if state.signatory and state.signed is None)
    parties, signatories = count(states, "parties"), count(states, "signatories")
    return Headline(
        parties=parties, signatories=signatories,
        plotted_parties=parties - len(unplotted_parties), plotted_signatories=signatories - len(unplotted_signatures),
        unplotted_parties=unplotted_parties, unplotted_signatures=unplotted_signatures,
        public_figure=public_figure(tracker))


def data_gaps(tracker: Tracker) -> DataGaps:
    """What the data does not know, compared with the depositary's own totals."""
    totals = tracker.treaty.depositary_totals
    parties = [state for state in tracker.states if state.party]
    latest = {state.code: max(_known_days(state), default=None) for state in tracker.states}
    return DataGaps(
        recorded_signatories=count(tracker.states, "signatories"),
        recorded_parties=count(tracker.states, "parties"),
        depositary=totals,
        undated_signatures=tuple(s.code for s in tracker.states if s.signatory and s.signed is None),
        undated_parties=tuple(s.code for s in parties if s.consent is None),
        unknown_kind=tuple(s.code for s in parties if s.consent_kind is None),
        after_depositary=tuple(code for code, day in latest.items() if day and day > totals.as_of_or_later),
        unknown_declarations=MappingProxyType({
            declaration.article: tuple(s.code for s in parties if s.declarations[declaration.article] is None)
            for declaration in tracker.treaty.declarations}),
        public_figure=public_figure(tracker),
    )


def _known_days(state: State) -> list[datetime.date]:
    return [day for day in (state.signed, state.consent) if day is not None]


def gap_warnings(gaps: DataGaps) -> list[str]:
    """The gaps as plain sentences, for `check` to print."""
    as_of = f"as of {gaps.depositary.as_of_or_later} or later"
    warnings = [_reported_warning(gaps.public_figure) if gaps.public_figure else "",
        _count_warning("signatories", gaps.recorded_signatories, gaps.depositary.signatories, as_of),
        _count_warning("parties", gaps.recorded_parties, gaps.depositary.parties, as_of),
    ]
    lists = (
        ("signed on a day not known", gaps.undated_signatures),
        ("party since a day not known", gaps.undated_parties),
        ("not known whether it ratified or acceded", gaps.unknown_kind),
        (f"a date after the depositary's totals ({as_of}); update depositary_totals", gaps.after_depositary),
    )
    lists += tuple((f"parties whose article {article} declaration is not known", codes)
                   for article, codes in gaps.unknown_declarations.items())
    warnings += [f"{STATES_FILE}: {what}: {', '.join(codes)}" for what, codes in lists if codes]
    return [warning for warning in warnings if warning]


def _reported_warning(figure: PublicFigure) -> str:
    reported = figure.reported
    if figure.missing == 0:
        return ""
    when = reported.as_of.isoformat()[:7] if reported.month_only else reported.as_of.isoformat()
    return (f"{STATES_FILE}: the UN reported {reported.parties} parties ({when}), the data names {figure.named}: "
            f"{figure.missing} not identified yet")


def _count_warning(what: str, recorded: int, depositary: int, as_of: str) -> str:
    if recorded == depositary:
        return ""
    if recorded < depositary:
        gap = f"{depositary - recorded} missing from the data"
    else:
        gap = f"{recorded - depositary} more than the depositary: check them, or update depositary_totals"
    return f"{STATES_FILE}: {recorded} {what} recorded, the depositary counts {depositary} {as_of}: {gap}"
