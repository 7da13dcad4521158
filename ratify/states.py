"""data/states.yaml + data/un-states.yaml -> a validated Tracker (treaty, States, sources); ratify.status counts."""

from __future__ import annotations

import datetime
import difflib
from pathlib import Path
from typing import Any, Iterator, Mapping

from ratify.datafile import LineDict, parse_yaml
from ratify.errors import SiteError, did_you_mean, raise_all
from ratify.schema import (CODE, CODES, COUNT, DATE, DATE_OR_UNKNOWN, DATE_OR_WORDS, LIST, MAPPING, MAYBE, TEXT,
                           UNKNOWN, Field, Kind, Problem, Schema, Values, must_be, read_mapping)
from ratify.model import (ConsentKind, Depositary, DepositaryTotals, Source, State, Tracker, Treaty, UNState,
                          UNStateKind)

STATES_FILE = "data/states.yaml"
UN_STATES_FILE = "data/un-states.yaml"

# Loading


def read_states(root: Path, today: datetime.date) -> Tracker:
    """Read data/un-states.yaml and data/states.yaml under the site root `root`."""
    un_states = parse_un_states(_read_text(root, UN_STATES_FILE), UN_STATES_FILE)
    known = {state.code: state for state in un_states}
    return parse_states(_read_text(root, STATES_FILE), STATES_FILE, known, today)


def _read_text(root: Path, name: str) -> str:
    try:
        return (root / name).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SiteError("file not found", name, None, f"the site needs {name}") from None


def parse_states(
    text: str, path: str, known_codes: Mapping[str, UNState], today: datetime.date
) -> Tracker:
    """Validate states.yaml `text` against the UN States `known_codes` (code -> UNState); `today` bounds dates."""
    data = parse_yaml(text, path)
    if not isinstance(data, LineDict):
        raise SiteError("the file must hold treaty:, sources: and states:", path, None)
    errors: list[SiteError] = []
    values = read_mapping(data, _states_schema(_source_ids(data), known_codes, today), path, errors)
    sources = _sources(values.get("sources") or [], path, errors)
    treaty = _treaty(values.get("treaty"), path, errors)
    states = _states(values.get("states") or [], treaty, today, path, errors)
    raise_all(errors)
    if treaty is None:  # cannot happen without a problem reported above; say so rather than assert
        raise SiteError("treaty: could not be read", path, data.line_of("treaty"))
    return Tracker(
        treaty=treaty,
        states=tuple(sorted(states, key=lambda state: state.code)),
        un_states=tuple(sorted(known_codes.values(), key=lambda state: state.code)),
        sources=sources,
    )


def parse_un_states(text: str, path: str) -> tuple[UNState, ...]:
    """Validate un-states.yaml `text`: the UN Member and observer States, sorted by code."""
    data = parse_yaml(text, path)
    if not isinstance(data, LineDict):
        raise SiteError("the file must hold member_states: and observer_states:", path, None)
    errors: list[SiteError] = []
    values = read_mapping(data, _UN_STATES, path, errors)
    states: list[UNState] = []
    seen: dict[str, int] = {}
    for key, kind in _UN_STATE_KINDS.items():
        for entry in values.get(key) or ():
            raw = entry.source
            aliases = raw.get("aliases") if isinstance(raw.get("aliases"), list) else []
            for code in (raw.get("code"), *aliases):
                if isinstance(code, str) and code in seen:
                    errors.append(SiteError(f"'{code}' is listed twice (first on line {seen[code]})", path, raw.line))
                elif isinstance(code, str):
                    seen[code] = raw.line
            if entry.ok:
                states.append(UNState(code=entry["code"], name=entry["name"], kind=kind,
                                      admitted=entry.get("admitted"), aliases=tuple(entry["aliases"] or ())))
    raise_all(errors)
    return tuple(sorted(states, key=lambda state: state.code))


def _by_code(entry: Mapping[str, Any], where: str) -> str:
    """An entry of a list of States is named by its code in messages ("FR: 'admitted' is missing"), when it has one."""
    return entry["code"] if CODE.accepts(entry.get("code")) else where


_UN_STATE_KINDS: dict[str, UNStateKind] = {"member_states": "member", "observer_states": "observer"}
_OBSERVER: Schema = {"code": Field(CODE, required=True), "name": Field(TEXT, required=True), "aliases": Field(CODES)}
_MEMBER: Schema = {**_OBSERVER, "admitted": Field(COUNT, required=True)}
_UN_STATES: Schema = {
    "member_states": Field(LIST, required=True, fields=_MEMBER, label=_by_code),
    "observer_states": Field(LIST, required=True, fields=_OBSERVER, label=_by_code),
}


# states.yaml


def _source_ids(data: LineDict) -> tuple[str, ...]:
    """The ids of sources as written, for checking the sources States name while the whole file is read."""
    entries = data.get("sources")
    if not isinstance(entries, list):
        return ()
    return tuple(entry["id"] for entry in entries if isinstance(entry, dict) and isinstance(entry.get("id"), str))


def _states_schema(source_ids: tuple[str, ...], known_codes: Mapping[str, UNState],
                   today: datetime.date) -> Schema:
    """The schema of states.yaml: which sources and codes exist, and which day is today, are part of it."""

    def not_after_today(key: str, day: datetime.date) -> Problem | None:
        return None if day <= today else (f"'{key}' {day} is after today ({today})", "record only what has happened")

    def known_source(key: str, value: str) -> Problem | None:
        if value in source_ids:
            return None
        return (must_be(key, "the id of a source listed under sources:", value),
                did_you_mean(value, source_ids) or f"the sources are {', '.join(source_ids)}")

    def known_code(key: str, value: str) -> Problem | None:
        if value in known_codes:
            return None
        return (must_be(key, "the ISO 3166-1 code of a UN Member or observer State", value),
                _suggest_code(value, known_codes) or f"the codes are listed in {UN_STATES_FILE}")

    source = Field(TEXT, required=True, check=known_source)
    totals = {
        "signatories": Field(COUNT, required=True),
        "parties": Field(COUNT, required=True),
        "as_of_or_later": Field(DATE, required=True, check=not_after_today),
        "source": source,
        "note": Field(TEXT),
    }
    treaty = {
        "short_name": Field(TEXT, required=True),
        "name": Field(TEXT, required=True),
        "adopted": Field(DATE, required=True, check=not_after_today),
        "adopted_by": Field(TEXT, required=True),
        "opened_for_signature": Field(DATE, required=True, check=not_after_today),
        "instruments_for_entry_into_force": Field(COUNT, required=True),
        "months_after_instrument": Field(COUNT, required=True),
        "depositary": Field(MAPPING, required=True, fields={"reference": Field(TEXT, required=True),
                                                            "url": Field(TEXT, required=True)}),
        "depositary_totals": Field(MAPPING, required=True, fields=totals),
    }
    state = {
        "code": Field(_STATE_CODE, required=True, check=known_code),
        **{key: Field(DATE_OR_UNKNOWN) for key in ("signed", *_CONSENT_KEYS)},
        "article10": Field(MAYBE),
        "article11": Field(MAYBE),
        "note": Field(TEXT),
        "source": source,
    }
    return {
        "treaty": Field(MAPPING, required=True, fields=treaty),
        "sources": Field(LIST, required=True, fields=_SOURCE, label=_by_id),
        "states": Field(LIST, required=True, fields=state,
                        label=lambda entry, where: entry["code"] if entry.get("code") in known_codes else where),
    }


# A code is checked against un-states.yaml, which suggests the code meant by "uy", "UK" or "Grmany".
_STATE_CODE = Kind(CODE.described, lambda value: isinstance(value, str), CODE.hint)
_SOURCE: Schema = {
    "id": Field(TEXT, required=True),
    "title": Field(TEXT, required=True),
    "url": Field(TEXT, required=True),
    "as_of": Field(DATE_OR_WORDS, required=True),  # sources rarely give one date: "2023-04-20 or later"
}


def _by_id(entry: Mapping[str, Any], where: str) -> str:
    source_id = entry.get("id")
    return f"source '{source_id}'" if isinstance(source_id, str) and source_id.strip() else "sources"


def _sources(entries: list[Values], path: str, errors: list[SiteError]) -> tuple[Source, ...]:
    sources: list[Source] = []
    seen: dict[str, int] = {}
    for entry in entries:
        source_id, line = entry.get("id"), entry.source.line_of("id")
        if source_id in seen:
            errors.append(SiteError(f"'{source_id}' is listed twice (first on line {seen[source_id]})", path, line))
        elif source_id:
            seen[source_id] = line
        if entry.ok:
            as_of = entry["as_of"]
            sources.append(Source(id=source_id, title=entry["title"], url=entry["url"],
                                  as_of=as_of.isoformat() if isinstance(as_of, datetime.date) else as_of))
    return tuple(sources)


def _treaty(treaty: Values | None, path: str, errors: list[SiteError]) -> Treaty | None:
    if treaty is None:
        return None  # already reported
    adopted, opened = treaty.get("adopted"), treaty.get("opened_for_signature")
    if adopted and opened and opened < adopted:
        errors.append(SiteError(f"treaty: opened for signature on {opened}, before it was adopted on {adopted}",
                                path, treaty.source.line_of("opened_for_signature")))
        return None
    if not (treaty.ok and treaty["depositary"].ok and treaty["depositary_totals"].ok):
        return None
    return Treaty(
        **{key: value for key, value in treaty.items() if key not in ("depositary", "depositary_totals")},
        depositary=Depositary(**treaty["depositary"]),
        depositary_totals=DepositaryTotals(**treaty["depositary_totals"]),
    )


_CONSENT_KEYS = ("ratified", "acceded", "ratified_or_acceded")
_CONSENT_KINDS: dict[str, ConsentKind] = {"ratified": "ratification", "acceded": "accession"}
_VERBS = {
    "signed": "signed",
    "ratified": "ratified",
    "acceded": "acceded",
    "ratified_or_acceded": "ratified or acceded",
}


def _states(entries: list[Values], treaty: Treaty | None, today: datetime.date, path: str,
            errors: list[SiteError]) -> list[State]:
    states: list[State] = []
    first_line: dict[str, int] = {}
    for entry in entries:
        code, line = entry.source.get("code"), entry.source.line_of("code")
        if isinstance(code, str) and code in first_line:
            errors.append(SiteError(f"'{code}' is listed twice (first on line {first_line[code]})", path, line))
        elif isinstance(code, str):
            first_line[code] = line
        dates = {key: entry.get(key) for key in ("signed", *_CONSENT_KEYS)}
        before = len(errors)
        errors.extend(SiteError(f"{entry.where}: {message}", path, at, hint)
                      for message, at, hint in _date_problems(entry.source, dates, treaty, today))
        if entry.ok and len(errors) == before:
            states.append(_state(entry, dates))
    return states


def _state(entry: Values, dates: dict[str, datetime.date | str | None]) -> State:
    signed = dates["signed"]
    consent_key = next((key for key in _CONSENT_KEYS if dates[key] is not None), None)
    consent = dates[consent_key] if consent_key else None
    return State(
        code=entry["code"],
        signatory=signed is not None,
        signed=signed if isinstance(signed, datetime.date) else None,
        party=consent_key is not None,
        consent=consent if isinstance(consent, datetime.date) else None,
        consent_kind=_CONSENT_KINDS.get(consent_key) if consent_key else None,
        article10=entry["article10"],
        article11=entry["article11"],
        note=entry["note"],
        source=entry["source"],
        line=entry.source.line,
    )


def _suggest_code(word: str, known_codes: Mapping[str, UNState]) -> str | None:
    """The code meant by a wrong code, a code in lower case, a non-ISO code such as UK, or an English name."""
    upper = word.strip().upper()
    for state in known_codes.values():
        if upper == state.code or upper in state.aliases:
            return f"did you mean '{state.code}'?"
    # Two-letter codes are too short for fuzzy matching to mean anything, names are not.
    by_name = {state.name.casefold(): state for state in known_codes.values()}
    close = difflib.get_close_matches(word.strip().casefold(), sorted(by_name), n=1, cutoff=0.6)
    if close:
        state = by_name[close[0]]
        return f"did you mean '{state.code}' ({state.name})?"
    return None


def _date_problems(
    entry: LineDict,
    dates: dict[str, datetime.date | str | None],
    treaty: Treaty | None,
    today: datetime.date,
) -> Iterator[tuple[str, int, str | None]]:
    """The rules that tie a State's dates together: art. 17 (who signs, ratifies, accedes) and plain time."""
    signed, ratified, acceded = dates["signed"], dates["ratified"], dates["acceded"]
    if ratified is not None and acceded is not None:
        yield ("both ratified and acceded; a State does one or the other", _later_line(entry, "ratified", "acceded"),
               "keep the one the source gives")
    if dates["ratified_or_acceded"] is not None and (ratified is not None or acceded is not None):
        other = "ratified" if ratified is not None else "acceded"
        yield (f"'ratified_or_acceded' is for when the kind is not known, but '{other}' is given too",
               _later_line(entry, other, "ratified_or_acceded"), f"keep '{other}' and remove 'ratified_or_acceded'")
    if signed is not None and acceded is not None:
        yield ("both signed and acceded; a State that signed joins by ratifying",
               _later_line(entry, "signed", "acceded"),
               "if it signed, write 'ratified:' instead of 'acceded:'; if it never signed, remove 'signed:'")
    if ratified is not None and signed is None:
        yield ("ratified without a signature", entry.line_of("ratified"),
               "a State signs before it ratifies: add 'signed:' with its date, or 'signed: unknown'; "
               "a State that never signed accedes")
    if isinstance(signed, datetime.date) and isinstance(ratified, datetime.date) and ratified < signed:
        yield f"ratified on {ratified}, before it signed on {signed}", entry.line_of("ratified"), None
    for key, day in dates.items():
        if not isinstance(day, datetime.date):
            continue
        verb = _VERBS[key]
        if day > today:
            yield (f"{verb} on {day}, which is after today ({today})", entry.line_of(key),
                   "record only what has happened")
        if treaty is None:
            continue
        if key == "signed" and day < treaty.opened_for_signature:
            yield (f"signed on {day}, before the treaty opened for signature on {treaty.opened_for_signature}",
                   entry.line_of(key), None)
        elif key != "signed" and day < treaty.adopted:
            yield f"{verb} on {day}, before the treaty was adopted on {treaty.adopted}", entry.line_of(key), None


def _later_line(entry: LineDict, first: str, second: str) -> int:
    """Point at whichever of two clashing keys comes second: that is where the mistake most likely is."""
    return max(entry.line_of(first), entry.line_of(second))
