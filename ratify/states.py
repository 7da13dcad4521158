"""data/states.yaml + data/un-states.yaml -> a validated Tracker (treaty, States, sources); figures as of a day."""

from __future__ import annotations

import calendar
import datetime
import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from ratify.datafile import LineDict, parse_yaml
from ratify.errors import SiteError, did_you_mean, raise_all
from ratify.model import (ConsentKind, DataGaps, Depositary, DepositaryTotals, Source, Standing, State, Status,
                          Tracker, Treaty, UNState, UNStateKind)

STATES_FILE = "data/states.yaml"
UN_STATES_FILE = "data/un-states.yaml"
UNKNOWN = "unknown"  # written in place of a date when a State did something on a day nobody found

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


@dataclass
class _Problems:
    """The problems found so far in one file, so that a person sees all of them at once."""

    path: str
    errors: list[SiteError] = field(default_factory=list)

    def add(self, message: str, line: int | None, hint: str | None = None) -> None:
        self.errors.append(SiteError(message, self.path, line, hint))


def parse_states(
    text: str, path: str, known_codes: Mapping[str, UNState], today: datetime.date
) -> Tracker:
    """Validate states.yaml `text` against the UN States `known_codes` (code -> UNState); `today` bounds dates."""
    data = parse_yaml(text, path)
    problems = _Problems(path)
    if not isinstance(data, LineDict):
        raise SiteError("the file must hold treaty:, sources: and states:", path, None)
    _check_keys(problems, data, ("treaty", "sources", "states"), "")
    _require(problems, data, ("treaty", "sources", "states"), "")
    sources = _parse_sources(problems, data)
    source_ids = tuple(source.id for source in sources)
    treaty = _parse_treaty(problems, data, source_ids, today)
    states = _parse_state_list(problems, data, known_codes, source_ids, treaty, today)
    raise_all(problems.errors)
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
    problems = _Problems(path)
    if not isinstance(data, LineDict):
        raise SiteError("the file must hold member_states: and observer_states:", path, None)
    sections: dict[str, UNStateKind] = {"member_states": "member", "observer_states": "observer"}
    _check_keys(problems, data, tuple(sections), "")
    _require(problems, data, tuple(sections), "")
    states: list[UNState] = []
    seen: dict[str, int] = {}
    for key, kind in sections.items():
        for entry in _entries(problems, data, key):
            aliases = entry.get("aliases") if isinstance(entry.get("aliases"), list) else []
            for code in (entry.get("code"), *aliases):
                if isinstance(code, str) and code in seen:
                    problems.add(f"'{code}' is listed twice (first on line {seen[code]})", entry.line)
                elif isinstance(code, str):
                    seen[code] = entry.line
            state = _parse_un_state(problems, entry, kind)
            if state is not None:
                states.append(state)
    raise_all(problems.errors)
    return tuple(sorted(states, key=lambda state: state.code))


def _parse_un_state(problems: _Problems, entry: LineDict, kind: UNStateKind) -> UNState | None:
    keys = ("code", "name", "admitted", "aliases") if kind == "member" else ("code", "name", "aliases")
    required = ("code", "name", "admitted") if kind == "member" else ("code", "name")
    before = len(problems.errors)
    _check_keys(problems, entry, keys, "")
    _require(problems, entry, required, "")
    code = _code_value(problems, entry, "code", "")
    name = _text_value(problems, entry, "name", "")
    admitted = _whole_number(problems, entry, "admitted", "")
    aliases = entry.get("aliases") or []
    if not isinstance(aliases, list):
        problems.add("aliases must be a list of codes, e.g. [\"UK\"]", entry.line_of("aliases"))
        aliases = []
    for alias in aliases:
        if not isinstance(alias, str) or not _CODE.fullmatch(alias):
            problems.add(f"alias {_shown(alias)} is not two capital letters in quotes", entry.line_of("aliases"))
    if len(problems.errors) > before or code is None or name is None:
        return None
    return UNState(code=code, name=name, kind=kind, admitted=admitted, aliases=tuple(aliases))


_CODE = re.compile(r"[A-Z]{2}")


def _code_value(problems: _Problems, entry: LineDict, key: str, prefix: str) -> str | None:
    value = entry.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not _CODE.fullmatch(value):
        hint = _bool_hint(value) or "write the two-letter code in capitals and quotes, e.g. \"DE\""
        message = f"{prefix}{key} must be a two-letter code in quotes, not {_shown(value)}"
        problems.add(message, entry.line_of(key), hint)
        return None
    return value


def _bool_hint(value: Any) -> str | None:
    """YAML 1.1 reads NO (Norway) as false: the commonest way a correct-looking code goes wrong."""
    if isinstance(value, bool):
        return 'YAML reads some codes without quotes as true or false (NO, Norway, as false): write "NO"'
    return None


# states.yaml: sources and treaty

_SOURCE_KEYS = ("id", "title", "url", "as_of")
_TREATY_KEYS = (
    "short_name",
    "name",
    "adopted",
    "adopted_by",
    "opened_for_signature",
    "instruments_for_entry_into_force",
    "months_after_instrument",
    "depositary",
    "depositary_totals",
)
_DEPOSITARY_KEYS = ("reference", "url")
_TOTALS_KEYS = ("signatories", "parties", "as_of_or_later", "source", "note")


def _parse_sources(problems: _Problems, data: LineDict) -> tuple[Source, ...]:
    sources: list[Source] = []
    seen: dict[str, int] = {}
    for entry in _entries(problems, data, "sources"):
        before = len(problems.errors)
        _check_keys(problems, entry, _SOURCE_KEYS, "source: ")
        _require(problems, entry, _SOURCE_KEYS, "source: ")
        source_id = _text_value(problems, entry, "id", "source: ")
        prefix = f"source '{source_id}': " if source_id else "source: "
        title = _text_value(problems, entry, "title", prefix)
        url = _text_value(problems, entry, "url", prefix)
        as_of = entry.get("as_of")
        if isinstance(as_of, datetime.date):  # an unquoted day is as good as text here
            as_of = as_of.isoformat()
        elif as_of is not None and not isinstance(as_of, str):
            problems.add(f"{prefix}as_of must be a date or words, not {_shown(as_of)}", entry.line_of("as_of"))
        if source_id in seen:
            problems.add(f"source '{source_id}' is listed twice (first on line {seen[source_id]})", entry.line_of("id"))
        elif source_id:
            seen[source_id] = entry.line_of("id")
        if len(problems.errors) == before and source_id and title and url and as_of:
            sources.append(Source(id=source_id, title=title, url=url, as_of=as_of))
    return tuple(sources)


def _parse_treaty(
    problems: _Problems, data: LineDict, source_ids: tuple[str, ...], today: datetime.date
) -> Treaty | None:
    treaty = data.get("treaty")
    if treaty is None:
        return None  # already reported as missing
    if not isinstance(treaty, LineDict):
        problems.add("treaty: must hold keys such as adopted: and opened_for_signature:", data.line_of("treaty"))
        return None
    before = len(problems.errors)
    _check_keys(problems, treaty, _TREATY_KEYS, "treaty: ")
    _require(problems, treaty, _TREATY_KEYS, "treaty: ", data.line_of("treaty"))
    adopted = _plain_date(problems, treaty, "adopted", "treaty: ")
    opened = _plain_date(problems, treaty, "opened_for_signature", "treaty: ")
    for key, day in (("adopted", adopted), ("opened_for_signature", opened)):
        if day is not None and day > today:
            problems.add(f"treaty: {key} {day} is after today ({today})", treaty.line_of(key))
    if adopted and opened and opened < adopted:
        problems.add(
            f"treaty: opened for signature on {opened}, before it was adopted on {adopted}",
            treaty.line_of("opened_for_signature"),
        )
    treaty_fields = dict(
        short_name=_text_value(problems, treaty, "short_name", "treaty: "),
        name=_text_value(problems, treaty, "name", "treaty: "),
        adopted=adopted,
        adopted_by=_text_value(problems, treaty, "adopted_by", "treaty: "),
        opened_for_signature=opened,
        instruments_for_entry_into_force=_whole_number(
            problems, treaty, "instruments_for_entry_into_force", "treaty: "
        ),
        months_after_instrument=_whole_number(problems, treaty, "months_after_instrument", "treaty: "),
        depositary=_parse_depositary(problems, treaty),
        depositary_totals=_parse_totals(problems, treaty, source_ids, today),
    )
    if len(problems.errors) > before or any(value is None for value in treaty_fields.values()):
        return None
    return Treaty(**treaty_fields)  # type: ignore[arg-type]


def _parse_depositary(problems: _Problems, treaty: LineDict) -> Depositary | None:
    depositary = _sub_mapping(problems, treaty, "depositary", "treaty: ")
    if depositary is None:
        return None
    prefix = "treaty: depositary: "
    _check_keys(problems, depositary, _DEPOSITARY_KEYS, prefix)
    _require(problems, depositary, _DEPOSITARY_KEYS, prefix, treaty.line_of("depositary"))
    reference = _text_value(problems, depositary, "reference", prefix)
    url = _text_value(problems, depositary, "url", prefix)
    return Depositary(reference=reference, url=url) if reference and url else None


def _parse_totals(
    problems: _Problems, treaty: LineDict, source_ids: tuple[str, ...], today: datetime.date
) -> DepositaryTotals | None:
    totals = _sub_mapping(problems, treaty, "depositary_totals", "treaty: ")
    if totals is None:
        return None
    prefix = "treaty: depositary_totals: "
    _check_keys(problems, totals, _TOTALS_KEYS, prefix)
    required = ("signatories", "parties", "as_of_or_later", "source")
    _require(problems, totals, required, prefix, treaty.line_of("depositary_totals"))
    signatories = _whole_number(problems, totals, "signatories", prefix)
    parties = _whole_number(problems, totals, "parties", prefix)
    as_of = _plain_date(problems, totals, "as_of_or_later", prefix)
    if as_of is not None and as_of > today:
        problems.add(f"{prefix}as_of_or_later {as_of} is after today ({today})", totals.line_of("as_of_or_later"))
    source = _source_value(problems, totals, source_ids, prefix)
    note = _text_value(problems, totals, "note", prefix)
    if signatories is None or parties is None or as_of is None or source is None:
        return None
    return DepositaryTotals(signatories=signatories, parties=parties, as_of_or_later=as_of, source=source, note=note)


# states.yaml: States

_STATE_KEYS = (
    "code",
    "signed",
    "ratified",
    "acceded",
    "ratified_or_acceded",
    "article10",
    "article11",
    "note",
    "source",
)
_CONSENT_KEYS = ("ratified", "acceded", "ratified_or_acceded")
_CONSENT_KINDS: dict[str, ConsentKind] = {"ratified": "ratification", "acceded": "accession"}
_VERBS = {
    "signed": "signed",
    "ratified": "ratified",
    "acceded": "acceded",
    "ratified_or_acceded": "ratified or acceded",
}


def _parse_state_list(
    problems: _Problems,
    data: LineDict,
    known_codes: Mapping[str, UNState],
    source_ids: tuple[str, ...],
    treaty: Treaty | None,
    today: datetime.date,
) -> list[State]:
    states: list[State] = []
    first_line: dict[str, int] = {}
    for entry in _entries(problems, data, "states"):
        code = entry.get("code")
        if isinstance(code, str) and code in first_line:
            problems.add(f"'{code}' is listed twice (first on line {first_line[code]})", entry.line_of("code"))
        elif isinstance(code, str):
            first_line[code] = entry.line_of("code")
        state = _parse_state(problems, entry, known_codes, source_ids, treaty, today)
        if state is not None:
            states.append(state)
    return states


def _parse_state(
    problems: _Problems,
    entry: LineDict,
    known_codes: Mapping[str, UNState],
    source_ids: tuple[str, ...],
    treaty: Treaty | None,
    today: datetime.date,
) -> State | None:
    raw_code = entry.get("code")
    prefix = f"{raw_code}: " if isinstance(raw_code, str) and raw_code else ""
    before = len(problems.errors)
    _check_keys(problems, entry, _STATE_KEYS, prefix)
    code = _known_code(problems, entry, known_codes)
    dates = {key: _event_date(problems, entry, key, prefix) for key in ("signed", *_CONSENT_KEYS)}
    _check_dates(problems, entry, dates, prefix, treaty, today)
    article10 = _true_false_unknown(problems, entry, "article10", prefix)
    article11 = _true_false_unknown(problems, entry, "article11", prefix)
    note = _text_value(problems, entry, "note", prefix)
    if "source" not in entry:
        problems.add(f"{prefix}'source' is missing", entry.line, "name the id of a source listed under sources:")
    source = _source_value(problems, entry, source_ids, prefix)
    if len(problems.errors) > before or code is None or source is None:
        return None
    signed = dates["signed"]
    consent_key = next((key for key in _CONSENT_KEYS if dates[key] is not None), None)
    consent = dates[consent_key] if consent_key else None
    return State(
        code=code,
        signatory=signed is not None,
        signed=signed if isinstance(signed, datetime.date) else None,
        party=consent_key is not None,
        consent=consent if isinstance(consent, datetime.date) else None,
        consent_kind=_CONSENT_KINDS.get(consent_key) if consent_key else None,
        article10=article10,
        article11=article11,
        note=note,
        source=source,
        line=entry.line,
    )


def _known_code(problems: _Problems, entry: LineDict, known_codes: Mapping[str, UNState]) -> str | None:
    value = entry.get("code")
    if value is None:
        problems.add("a State without a code", entry.line, f"add code: with its two-letter code from {UN_STATES_FILE}")
        return None
    if not isinstance(value, str):
        hint = _bool_hint(value) or 'write the code in quotes, e.g. code: "DE"'
        problems.add(f"code must be a two-letter code in quotes, not {_shown(value)}", entry.line_of("code"), hint)
        return None
    if value in known_codes:
        return value
    suggestion = _suggest_code(value, known_codes)
    problems.add(
        f"'{value}' is not an ISO 3166-1 code of a UN Member or observer State"
        + (f"; {suggestion}" if suggestion else ""),
        entry.line_of("code"),
        f"the codes are listed in {UN_STATES_FILE}",
    )
    return None


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


def _check_dates(
    problems: _Problems,
    entry: LineDict,
    dates: dict[str, datetime.date | str | None],
    prefix: str,
    treaty: Treaty | None,
    today: datetime.date,
) -> None:
    """The rules that tie a State's dates together: art. 17 (who signs, ratifies, accedes) and plain time."""
    given = [key for key, value in dates.items() if value is not None]
    signed, ratified, acceded = dates["signed"], dates["ratified"], dates["acceded"]
    if ratified is not None and acceded is not None:
        problems.add(
            f"{prefix}both ratified and acceded; a State does one or the other",
            _later_line(entry, "ratified", "acceded"),
            "keep the one the source gives",
        )
    if dates["ratified_or_acceded"] is not None and (ratified is not None or acceded is not None):
        other = "ratified" if ratified is not None else "acceded"
        problems.add(
            f"{prefix}ratified_or_acceded is for when the kind is not known, but {other} is given too",
            _later_line(entry, other, "ratified_or_acceded"),
            f"keep {other} and remove ratified_or_acceded",
        )
    if signed is not None and acceded is not None:
        problems.add(
            f"{prefix}both signed and acceded; a State that signed joins by ratifying",
            _later_line(entry, "signed", "acceded"),
            "if it signed, write ratified: instead of acceded:; if it never signed, remove signed:",
        )
    if ratified is not None and signed is None:
        problems.add(
            f"{prefix}ratified without a signature",
            entry.line_of("ratified"),
            "a State signs before it ratifies: add signed: with its date, or signed: unknown; "
            "a State that never signed accedes",
        )
    if isinstance(signed, datetime.date) and isinstance(ratified, datetime.date) and ratified < signed:
        problems.add(f"{prefix}ratified on {ratified}, before it signed on {signed}", entry.line_of("ratified"))
    for key in given:
        day = dates[key]
        if not isinstance(day, datetime.date):
            continue
        verb = _VERBS[key]
        if day > today:
            problems.add(
                f"{prefix}{verb} on {day}, which is after today ({today})",
                entry.line_of(key),
                "record only what has happened",
            )
        if treaty is None:
            continue
        if key == "signed" and day < treaty.opened_for_signature:
            problems.add(
                f"{prefix}signed on {day}, before the treaty opened for signature on {treaty.opened_for_signature}",
                entry.line_of(key),
            )
        elif key != "signed" and day < treaty.adopted:
            problems.add(
                f"{prefix}{verb} on {day}, before the treaty was adopted on {treaty.adopted}",
                entry.line_of(key),
            )


def _later_line(entry: LineDict, first: str, second: str) -> int:
    """Point at whichever of two clashing keys comes second: that is where the mistake most likely is."""
    return max(entry.line_of(first), entry.line_of(second))


# Reading one value


def _entries(problems: _Problems, data: LineDict, key: str) -> list[LineDict]:
    """The mappings listed under `key`; anything else listed there is reported."""
    value = data.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        problems.add(f"{key}: must be a list, each item starting with '- '", data.line_of(key))
        return []
    entries = [item for item in value if isinstance(item, LineDict)]
    if len(entries) < len(value):
        problems.add(f"{key}: every item must hold keys and values, like '- code: \"DE\"'", data.line_of(key))
    return entries


def _sub_mapping(problems: _Problems, parent: LineDict, key: str, prefix: str) -> LineDict | None:
    value = parent.get(key)
    if value is None:
        return None  # reported by _require
    if not isinstance(value, LineDict):
        problems.add(f"{prefix}{key} must hold keys and values, not {_shown(value)}", parent.line_of(key))
        return None
    return value


def _check_keys(problems: _Problems, mapping: LineDict, allowed: tuple[str, ...], prefix: str) -> None:
    """Unknown keys are typos: a misspelt `ratifed` would otherwise silently drop a ratification."""
    for key in mapping:
        if key not in allowed:
            suggestion = did_you_mean(str(key), allowed)
            problems.add(
                f"{prefix}unknown key '{key}'" + (f"; {suggestion}" if suggestion else ""),
                mapping.line_of(key),
                "known keys: " + ", ".join(allowed),
            )


def _require(
    problems: _Problems, mapping: LineDict, keys: tuple[str, ...], prefix: str, line: int | None = None
) -> None:
    """Report missing keys at `line`, the line that names the mapping (`treaty:`), or else its first key's."""
    for key in keys:
        if key not in mapping:
            problems.add(f"{prefix}'{key}' is missing", line or mapping.line)
        elif mapping[key] is None:
            problems.add(f"{prefix}'{key}' has no value", mapping.line_of(key))


def _plain_date(problems: _Problems, mapping: LineDict, key: str, prefix: str) -> datetime.date | None:
    value = _date_or_unknown(problems, mapping, key, prefix, unknown_allowed=False)
    return value if isinstance(value, datetime.date) else None


def _event_date(problems: _Problems, mapping: LineDict, key: str, prefix: str) -> datetime.date | str | None:
    return _date_or_unknown(problems, mapping, key, prefix, unknown_allowed=True)


def _date_or_unknown(
    problems: _Problems, mapping: LineDict, key: str, prefix: str, *, unknown_allowed: bool
) -> datetime.date | str | None:
    value = mapping.get(key)
    if value is None:
        return None
    # datetime is a date too, but a time of day means someone wrote something other than a day.
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return value
    if unknown_allowed and value == UNKNOWN:
        return UNKNOWN
    expected = "a date written YYYY-MM-DD" + (" or unknown" if unknown_allowed else "")
    looks_quoted = isinstance(value, str) and re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", value.strip())
    hint = "remove the quotes around the date" if looks_quoted else "for example 2013-05-05"
    problems.add(f"{prefix}{key} must be {expected}, not {_shown(value)}", mapping.line_of(key), hint)
    return None


def _true_false_unknown(problems: _Problems, mapping: LineDict, key: str, prefix: str) -> bool | None:
    value = mapping.get(key)
    if value is None or isinstance(value, bool):
        return value
    problems.add(
        f"{prefix}{key} must be true, false or null (not known), not {_shown(value)}",
        mapping.line_of(key),
        "leave the key out while it is not known",
    )
    return None


def _text_value(problems: _Problems, mapping: LineDict, key: str, prefix: str) -> str | None:
    value = mapping.get(key)
    if value is None or (isinstance(value, str) and value.strip()):
        return value
    problems.add(f"{prefix}{key} must be text, not {_shown(value)}", mapping.line_of(key), "put the text in quotes")
    return None


def _whole_number(problems: _Problems, mapping: LineDict, key: str, prefix: str) -> int | None:
    value = mapping.get(key)
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value
    problems.add(f"{prefix}{key} must be a whole number above 0, not {_shown(value)}", mapping.line_of(key))
    return None


def _source_value(problems: _Problems, mapping: LineDict, source_ids: tuple[str, ...], prefix: str) -> str | None:
    value = mapping.get("source")
    if value is None:
        return None
    if isinstance(value, str) and value in source_ids:
        return value
    suggestion = did_you_mean(str(value), source_ids)
    problems.add(
        f"{prefix}unknown source {_shown(value)}" + (f"; {suggestion}" if suggestion else ""),
        mapping.line_of("source"),
        "the sources are listed under sources:",
    )
    return None


def _shown(value: Any) -> str:
    """A value as the person wrote it in YAML, for messages."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f"'{value}'"
    if isinstance(value, (list, dict)):
        return "a list" if isinstance(value, list) else "a set of keys"
    return str(value)


# Figures


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later; the month's last day when it is shorter (31 Jan + 1 month = 28 or 29 Feb)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return datetime.date(year, month + 1, min(day.day, last))


def entry_into_force(tracker: Tracker) -> datetime.date | None:
    """The day the treaty entered into force under its rule, or None before enough instruments are known.

    Only dated instruments count: one whose day is unknown (San Marino) cannot be placed in the order.
    """
    treaty = tracker.treaty
    days = sorted(state.consent for state in tracker.states if state.consent is not None)
    if len(days) < treaty.instruments_for_entry_into_force:
        return None
    return add_months(days[treaty.instruments_for_entry_into_force - 1], treaty.months_after_instrument)


def entry_into_force_for(state: State, tracker: Tracker) -> datetime.date | None:
    """When the treaty entered into force for `state` (art. 18(2)); None if unknown or not a party."""
    general = entry_into_force(tracker)
    if state.consent is None or general is None:
        return None
    return max(general, add_months(state.consent, tracker.treaty.months_after_instrument))


def status_on(tracker: Tracker, day: datetime.date) -> Status:
    """The figures on `day`, counting only what is known to have happened by then."""
    parties = [state for state in tracker.states if state.consent is not None and state.consent <= day]
    since = entry_into_force(tracker)
    in_force = since is not None and since <= day
    return Status(
        day=day,
        signatories=sum(1 for state in tracker.states if _had_signed(state, day)),
        parties=len(parties),
        ratifications=sum(1 for state in parties if state.consent_kind == "ratification"),
        accessions=sum(1 for state in parties if state.consent_kind == "accession"),
        parties_of_unknown_kind=sum(1 for state in parties if state.consent_kind is None),
        in_force=in_force,
        in_force_since=since if in_force else None,
    )


def _had_signed(state: State, day: datetime.date) -> bool:
    if state.signed is not None:
        return state.signed <= day
    # A ratification follows a signature, so a State that ratified had signed by then even when the
    # signature's own day is unknown (Portugal).
    if state.consent_kind != "ratification" or state.consent is None:
        return False
    return state.consent <= day


def state_status(state: State, day: datetime.date) -> Standing:
    """Where `state` stood on `day`: 'party', 'signatory' or 'none'.

    An act whose day is unknown counts as done: the data records it as having happened, and a State's page
    must not hide that San Marino is a party because nobody found the day. status_on, which gives figures
    for a day, counts only dated acts.
    """
    if state.party and (state.consent is None or state.consent <= day):
        return "party"
    if state.signatory and (state.signed is None or state.signed <= day):
        return "signatory"
    return "none"


def data_gaps(tracker: Tracker) -> DataGaps:
    """What the data does not know, compared with the depositary's own totals."""
    totals = tracker.treaty.depositary_totals
    parties = [state for state in tracker.states if state.party]
    latest = {state.code: max(_known_days(state), default=None) for state in tracker.states}
    return DataGaps(
        recorded_signatories=sum(1 for state in tracker.states if state.signatory),
        recorded_parties=len(parties),
        depositary=totals,
        undated_signatures=tuple(s.code for s in tracker.states if s.signatory and s.signed is None),
        undated_parties=tuple(s.code for s in parties if s.consent is None),
        unknown_kind=tuple(s.code for s in parties if s.consent_kind is None),
        after_depositary=tuple(code for code, day in latest.items() if day and day > totals.as_of_or_later),
        unknown_article10=tuple(s.code for s in parties if s.article10 is None),
        unknown_article11=tuple(s.code for s in parties if s.article11 is None),
    )


def _known_days(state: State) -> list[datetime.date]:
    return [day for day in (state.signed, state.consent) if day is not None]


def gap_warnings(gaps: DataGaps) -> list[str]:
    """The gaps as plain sentences, for `check` to print."""
    as_of = f"as of {gaps.depositary.as_of_or_later} or later"
    warnings = [
        _count_warning("signatories", gaps.recorded_signatories, gaps.depositary.signatories, as_of),
        _count_warning("parties", gaps.recorded_parties, gaps.depositary.parties, as_of),
    ]
    lists = (
        ("signed on a day not known", gaps.undated_signatures),
        ("party since a day not known", gaps.undated_parties),
        ("not known whether it ratified or acceded", gaps.unknown_kind),
        (f"a date after the depositary's totals ({as_of}); update depositary_totals", gaps.after_depositary),
        ("parties whose article 10 declaration is not known", gaps.unknown_article10),
        ("parties whose article 11 declaration is not known", gaps.unknown_article11),
    )
    warnings += [f"{STATES_FILE}: {what}: {', '.join(codes)}" for what, codes in lists if codes]
    return [warning for warning in warnings if warning]


def _count_warning(what: str, recorded: int, depositary: int, as_of: str) -> str:
    if recorded == depositary:
        return ""
    if recorded < depositary:
        gap = f"{depositary - recorded} missing from the data"
    else:
        gap = f"{recorded - depositary} more than the depositary: check them, or update depositary_totals"
    return f"{STATES_FILE}: {recorded} {what} recorded, the depositary counts {depositary} {as_of}: {gap}"
