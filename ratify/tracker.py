"""Tracker + one language -> what the public sees of it: rows of every State, acts in order, figures, widgets."""

from __future__ import annotations

import csv
import datetime
import io
import json
import re
import unicodedata
from dataclasses import replace
from typing import Any, Mapping

import babel

from ratify import urls
from ratify.model import (FALLBACK_LANGUAGE, Act, ActKind, Config, Delay, GeneratedPage, Headline, in_english,
                          OptionalDeclaration, ReportedCount, Source, State, StateName, StateRow, Step, Tracker,
                          TrackerView, UNState, without_marks)
from ratify.names import UN_NAMES_FILE
from ratify.states import STATES_FILE
from ratify.status import (FIGURES, count, data_gaps, entry_into_force, entry_into_force_for, group, headline,
                           next_step, prerequisite_standing, public_figure, recorded_counts, state_status, status_on)

STATES_KEY = "states"  # the translation key of the page that lists the States; their pages live under it
STATE_TEMPLATE = "state.html"  # the template of each State's page
_NOT_COUNTRIES = {"EU", "EZ", "QO", "UN", "ZZ"}  # CLDR's two-letter regions that are not countries


def figure(view: TrackerView, what: str, day: datetime.date) -> tuple[int, bool]:
    """(count, is_lower_bound) of `what` on `day`.

    From the newest act on, every act the data records counts, dated or not. Before it, only dated acts
    can be placed, so the count is a lower bound when an act of unknown day may belong before `day`.
    """
    if what not in FIGURES:
        raise ValueError(f"'what' must be one of {', '.join(FIGURES)}, got '{what}'")
    if day >= view.latest:
        return view.recorded(what), False
    return count(view.tracker.states, what, day), _has_undated(view.tracker, what, day)


def collation_key(text: str) -> tuple[str, str]:
    """Sort names as readers expect: accents and case do not move a name (Équateur sits among the E's)."""
    stripped = "".join(char for char in unicodedata.normalize("NFD", text) if not unicodedata.combining(char))
    return stripped.casefold(), text


def make_view(tracker: Tracker, language: str, states_url_path: str, with_state_pages: bool = True,
              build_date: datetime.date = datetime.date.max) -> TrackerView:
    """The tracker seen in one language; `states_url_path` is where that language's list of States lives, and
    each State's page under it when the site has them. An entry into force after `build_date` is one to come."""
    latest = latest_act(tracker)
    by_code = {state.code: state for state in tracker.states}
    rows = []
    steps = next_steps(tracker)
    for un_state in tracker.un_states:
        state = by_code.get(un_state.code)
        status = state_status(state, latest) if state else "none"
        in_force_for = entry_into_force_for(state, tracker) if state else None
        prerequisite = prerequisite_standing(tracker, un_state.code)
        names = un_state_names(un_state, language)
        rows.append(StateRow(
            code=un_state.code,
            name=names.short,
            formal_name=names.formal,
            name_in=names.in_form,
            formal_of=names.of_form,
            status=status,
            state=state,
            in_force_for=in_force_for,
            in_force_later=in_force_for is not None and in_force_for > build_date,
            procedures=_procedures(tracker, state),
            url_path=urls.state_path(states_url_path, un_state.code) if with_state_pages else None,
            prerequisite=prerequisite,
            step=steps[un_state.code],
            group=group(status, prerequisite),
            note_parts=note_parts(state.note_in(language), tracker.sources) if state else (),
            note_sources=(note_sources(state.note_in(state.note_language), tracker.sources, besides=state.source)
                          if state and state.note_language else ()),
            note_language=state.note_language if state and state.note_in(language) is None else None,
        ))
    rows.sort(key=lambda row: collation_key(without_marks(row.name)))
    row_of = {row.code: row for row in rows}
    acts = [Act(day, kind, row_of[state.code]) for state in tracker.states for day, kind in _acts_of(state)]
    acts.sort(key=lambda act: (act.day, act.row.code, act.kind), reverse=True)
    return TrackerView(
        language=language, tracker=tracker, latest=latest, now=status_on(tracker, latest),
        entry_into_force=entry_into_force(tracker), gaps=data_gaps(tracker), rows=tuple(rows), acts=tuple(acts),
        states_url_path=states_url_path, feed_path=urls.feed_path(states_url_path), counts=recorded_counts(tracker),
        public_figure=public_figure(tracker), headline=headline(tracker),
    )


def _procedures(tracker: Tracker, state: State | None) -> tuple[tuple[OptionalDeclaration, bool | None], ...]:
    """Each of the treaty's optional procedures, and whether it applies to `state` (None: not known)."""
    return tuple((declaration, declaration.accepted(state.declarations[declaration.article]) if state else None)
                 for declaration in tracker.treaty.declarations)


def note_parts(note: str | None, sources: tuple[Source, ...]) -> tuple[tuple[str, Source | None], ...]:
    """A State's note cut at each source id it names: ("The ninth State party (", None), ("", FIAN's source), ...
    The text of a source's piece is empty: the page shows the source's title there."""
    if not note:
        return ()
    by_id = {source.id: source for source in sources}
    parts: list[tuple[str, Source | None]] = []
    for piece in _source_ids(sources).split(note):
        if piece in by_id:
            parts.append(("", by_id[piece]))
        elif piece:
            parts.append((piece, None))
    return tuple(parts)


def note_sources(note: str | None, sources: tuple[Source, ...], besides: str) -> tuple[Source, ...]:
    """The sources a State's note names, each once, in the order it names them, but the one with id `besides`
    (the source of its dates, which its page names already)."""
    named = [source for _, source in note_parts(note, sources) if source and source.id != besides]
    return tuple(dict.fromkeys(named))


def _source_ids(sources: tuple[Source, ...]) -> re.Pattern[str]:
    """Any of the source ids as a whole word ("nl-treaty-db", not the "un" of "unknown"), the longest first; in a
    group, so that re.split keeps it."""
    ids = sorted((re.escape(source.id) for source in sources), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(" + "|".join(ids) + r")(?![\w-])")


def next_steps(tracker: Tracker) -> dict[str, Step]:
    """What every UN State can do next, by code, as of the newest act (status.next_step)."""
    latest = latest_act(tracker)
    by_code = {state.code: state for state in tracker.states}
    steps: dict[str, Step] = {}
    for un_state in tracker.un_states:
        state = by_code.get(un_state.code)
        steps[un_state.code] = next_step(state_status(state, latest) if state else "none",
                                         prerequisite_standing(tracker, un_state.code),
                                         (accepted for _, accepted in _procedures(tracker, state)))
    return steps


def un_state_names(un_state: UNState, language: str) -> StateName:
    """The UN's names of a State in `language`; in English, marked as such, while data/un-names.yaml lacks it."""
    if language in un_state.names:
        return un_state.names[language]
    english = un_state.names[FALLBACK_LANGUAGE]
    marked = {key: in_english(getattr(english, key)) for key in ("short", "formal", "in_form", "of_form")}
    return replace(english, **marked)


def names_language_warnings(tracker: Tracker, config: Config) -> list[str]:
    """One line for each site language some States have no UN names in: they are shown in English meanwhile."""
    warnings = []
    for code in config.language_codes:
        lacking = [state.code for state in tracker.un_states if code not in state.names]
        if lacking:
            warnings.append(f"{UN_NAMES_FILE}: {len(lacking)} States have no '{code}' names ({', '.join(lacking[:5])}"
                            f"{', ...' if len(lacking) > 5 else ''}), so they are named in English until they do")
    return warnings


def latest_act(tracker: Tracker) -> datetime.date:
    """The day of the newest dated act in the data (the opening for signature when there is none): the "as of".

    A denunciation counts from the day it takes effect: until then the State is still a party.
    """
    dated = [day for state in tracker.states for day in (state.signed, state.consent, state.denunciation_effective)
             if day is not None]
    return max(dated, default=tracker.treaty.opened_for_signature)


def _acts_of(state: State) -> list[tuple[datetime.date, ActKind]]:
    acts: list[tuple[datetime.date, ActKind]] = []
    if state.signed is not None:
        acts.append((state.signed, "signature"))
    if state.consent is not None:
        acts.append((state.consent, state.consent_kind or "consent"))
    return acts


def _has_undated(tracker: Tracker, what: str, day: datetime.date) -> bool:
    """Whether an act of this kind with an unknown day could have happened by `day`."""
    for state in tracker.states:
        if what == "signatories" and state.signatory and state.signed is None:
            counted_from = state.consent if state.consent_kind == "ratification" else None
            if counted_from is None or counted_from > day:
                return True
        if what in ("parties", "ratifications", "accessions") and state.party and state.consent is None:
            if what == "parties" or state.consent_kind in (None, what[:-1]):
                return True
    return False


def parse_day(value: str, view: TrackerView) -> datetime.date:
    """A shortcode's day: a date like 2012-11-01, or a name of one of the treaty's own days."""
    named = {"today": view.latest, "adoption": view.tracker.treaty.adopted,
             "opening": view.tracker.treaty.opened_for_signature, "entry-into-force": view.entry_into_force}
    if value in named:
        if named[value] is None:
            raise ValueError(f"the treaty has no '{value}' date in the data yet")
        return named[value]  # type: ignore[return-value]
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"'{value}' is not a date like 2012-11-01, nor one of {', '.join(sorted(named))}") from None


def open_data_json(tracker: Tracker, base_url: str | None) -> bytes:
    """states.json: every State in the data, the treaty's facts, the sources and the as-of day, for reuse.

    `base_url` is None when the site's address is a placeholder: "home" is then null, not example.org."""
    as_of = latest_act(tracker)
    treaty = tracker.treaty
    steps = next_steps(tracker)
    un_states = {state.code: state for state in tracker.un_states}
    document = {
        "treaty": {"name": dict(treaty.name), "short_name": dict(treaty.short_name),
                   "adopted": treaty.adopted.isoformat(), "adopted_by": treaty.adopted_by,
                   "opened_for_signature": treaty.opened_for_signature.isoformat(),
                   "monitoring_body": dict(treaty.monitoring_body), "articles": dict(treaty.articles),
                   "entry_into_force_rule": {"instruments": treaty.entry_into_force_rule.instruments,
                                             "after": _delay(treaty.entry_into_force_rule.after)},
                   "denunciation_rule": ({"after": _delay(treaty.denunciation_delay)}
                                         if treaty.denunciation_delay else None),
                   "declarations": [{"article": declaration.article, "opt": declaration.opt,
                                     "label": dict(declaration.label)} for declaration in treaty.declarations],
                   "entry_into_force": _iso(entry_into_force(tracker)),
                   "depositary": {"reference": treaty.depositary.reference, "url": treaty.depositary.url,
                                  "last_checked": _iso(treaty.depositary.last_checked)},
                   "depositary_totals": {"signatories": treaty.depositary_totals.signatories,
                                         "parties": treaty.depositary_totals.parties,
                                         "as_of_or_later": treaty.depositary_totals.as_of_or_later.isoformat(),
                                         "source": treaty.depositary_totals.source},
                   "parties_reported": [_reported(reported) for reported in treaty.parties_reported],
                   "headline": _headline(headline(tracker)),
                   "prerequisite": _prerequisite(tracker)},
        "as_of": as_of.isoformat(),
        "licence_note": "Facts compiled from the sources listed; null means not known.",
        "home": base_url,
        "states": [{**_state_record(state, tracker, steps), "names": _names_record(un_states[state.code])}
                   for state in tracker.states],
        "next_steps": steps,
        "sources": [{"id": source.id, "title": source.title, "url": source.url, "as_of": source.as_of}
                    for source in tracker.sources],
    }
    return (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def csv_columns(tracker: Tracker) -> tuple[str, ...]:
    """states.csv's columns: one `declaration_<article>` column for each of the treaty's optional declarations."""
    declarations = tuple(f"declaration_{declaration.article}" for declaration in tracker.treaty.declarations)
    return ("code", "name", "signatory", "signed", "party", "consent", "consent_kind", *declarations, "denounced",
            "denunciation_effective", "prerequisite_status", "next_step", "note", "source")


def open_data_csv(tracker: Tracker) -> bytes:
    """states.csv: one row per State in the data, the same facts as states.json; empty means not known."""
    names = {state.code: state.names[FALLBACK_LANGUAGE].short for state in tracker.un_states}
    columns = csv_columns(tracker)
    steps = next_steps(tracker)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    for state in tracker.states:
        record = _state_record(state, tracker, steps)
        record["name"] = names[state.code]
        record.update({f"declaration_{article}": declared for article, declared in state.declarations.items()})
        writer.writerow(["" if record.get(column) is None else _csv_value(record[column]) for column in columns])
    return buffer.getvalue().encode("utf-8")


def _csv_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    # A cell starting with = + - @ is run as a formula by spreadsheets: keep it text.
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def _state_record(state: State, tracker: Tracker, steps: Mapping[str, Step]) -> dict[str, Any]:
    return {"code": state.code, "signatory": state.signatory, "signed": _iso(state.signed), "party": state.party,
            "consent": _iso(state.consent), "consent_kind": state.consent_kind,
            "declarations": dict(state.declarations), "denounced": _iso(state.denounced),
            "denunciation_effective": _iso(state.denunciation_effective),
            "prerequisite_status": prerequisite_standing(tracker, state.code), "next_step": steps[state.code],
            "note": state.note, "source": state.source}


def _headline(figures: Headline) -> dict[str, Any]:
    """The figures the site leads with, as every page states them, and the acts the chart cannot place."""
    figure = figures.public_figure
    return {"parties": figures.parties, "signatories": figures.signatories,
            "plotted": {"parties": figures.plotted_parties, "signatories": figures.plotted_signatories},
            "day_not_known": {"parties": list(figures.unplotted_parties),
                              "signatures": list(figures.unplotted_signatures)},
            "newest_reported": _reported(figure.reported) if figure else None}


def _reported(reported: ReportedCount) -> dict[str, Any]:
    """A reported count as open data: its month alone ("2025-09") when the report gives no day."""
    as_of = reported.as_of.isoformat()
    return {"parties": reported.parties, "as_of": as_of[:7] if reported.month_only else as_of,
            "source": reported.source}


def _prerequisite(tracker: Tracker) -> dict[str, Any] | None:
    """The prerequisite treaty, and each State's standing under it with its source, as its file gives them."""
    rule, status = tracker.treaty.prerequisite, tracker.prerequisite
    if rule is None or status is None:
        return None
    return {"name": dict(rule.name), "short_name": dict(rule.short_name), "as_of": status.as_of.isoformat(),
            "states": [{"code": state.code, "status": state.standing, "year": state.year, "date": _iso(state.day),
                        "source": state.source} for state in status.states.values()],
            "sources": [{"id": source.id, "title": source.title, "url": source.url, "as_of": source.as_of}
                        for source in status.sources]}


def _names_record(un_state: UNState) -> dict[str, dict[str, str]]:
    """The UN's short name (without its article), article ("" if none) and formal name in each language."""
    return {language: {"short": names.short, "article": names.article, "formal": names.formal}
            for language, names in sorted(un_state.names.items())}


def _delay(delay: Delay) -> dict[str, int]:
    return {delay.unit: delay.amount}


def _iso(day: datetime.date | None) -> str | None:
    return day.isoformat() if day else None



def state_pages(views: Mapping[str, TrackerView]) -> dict[str, dict[str, GeneratedPage]]:
    """A page for every UN State in every language."""
    generated: dict[str, dict[str, GeneratedPage]] = {}
    for code, view in views.items():
        for row in view.rows:
            generated.setdefault(f"state/{row.code}", {})[code] = GeneratedPage(
                language=code, key=f"state/{row.code}", url_path=row.url_path, template=STATE_TEMPLATE, subject=row)
    return dict(sorted(generated.items()))


def form_countries(views: Mapping[str, TrackerView], config: Config) -> dict[str, tuple[tuple[str, str], ...]]:
    """Per language, the countries a form offers by name in that language: the tracker's UN States, or CLDR's."""
    countries = {}
    for language in config.languages:
        view = views.get(language.code)
        if view is not None:
            countries[language.code] = tuple((row.code, row.name) for row in view.rows)
            continue
        territories = babel.Locale.parse(language.locale).territories
        pairs = [(code, name) for code, name in territories.items()
                 if re.fullmatch(r"[A-Z]{2}", code) and code not in _NOT_COUNTRIES]
        countries[language.code] = tuple(sorted(pairs, key=lambda pair: collation_key(pair[1])))
    return countries


def treaty_language_warnings(tracker: Tracker, config: Config) -> list[str]:
    """One line for each site language the treaty's texts lack: they are shown in English, marked so, meanwhile."""
    return [f"{STATES_FILE}: the treaty's texts have no '{code}', so its pages show them in English until they do "
            f"(add a '{code}:' line to name, short_name, ... and each sentence of wording)"
            for code in config.language_codes if code not in tracker.treaty.languages]
