"""data/states.yaml + data/un-states.yaml (+ the prerequisite treaty's file) -> a validated Tracker; ratify.status
counts."""

from __future__ import annotations

import dataclasses
import datetime
import difflib
import re
import string
from pathlib import Path
from types import MappingProxyType
from typing import Any, Callable, Collection, Iterable, Iterator, Mapping

from ratify import urls
from ratify.datafile import LineDict, parse_yaml
from ratify.errors import SiteError, did_you_mean, raise_all
from ratify.names import read_un_names
from ratify.schema import (CODE, CODES, COUNT, DATE, DATE_OR_UNKNOWN, DATE_OR_WORDS, LIST, MAPPING, TEXT, UNKNOWN,
                           Field, Kind, Problem, Schema, Values, must_be, read_mapping, shown, text_per_language)
from ratify.model import (FALLBACK_LANGUAGE, STATUSES, ConsentKind, Delay, Depositary, DepositaryTotals, EntryIntoForceRule,
                          OptionalDeclaration, Prerequisite, PrerequisiteState, PrerequisiteStatus, ReportedCount,
                          Source, State, Tracker, Treaty, UNState, UNStateKind)
from ratify.textfile import read_text

STATES_FILE = "data/states.yaml"
UN_STATES_FILE = "data/un-states.yaml"

# Loading


def read_states(root: Path, today: datetime.date) -> Tracker:
    """Read data/un-states.yaml, data/un-names.yaml and data/states.yaml under the site root `root`, and the file of
    the treaty's prerequisite (treaty.prerequisite.data) when it has one."""
    un_states = read_un_names(root, parse_un_states(_read_text(root, UN_STATES_FILE), UN_STATES_FILE))
    known = {state.code: state for state in un_states}
    tracker = parse_states(_read_text(root, STATES_FILE), STATES_FILE, known, today)
    rule = tracker.treaty.prerequisite
    if rule is None:
        return tracker
    prerequisite = parse_prerequisite(_read_text(root, rule.data), rule.data, known, today,
                                      languages=tracker.treaty.languages)
    raise_all(list(prerequisite_problems(tracker, prerequisite, STATES_FILE)))
    return dataclasses.replace(tracker, prerequisite=prerequisite)


def _read_text(root: Path, name: str) -> str:
    try:
        return read_text(root / name, name)
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
    values = read_mapping(data, _states_schema(_source_ids(data), _declared_articles(data), known_codes, today),
                          path, errors)
    languages = _treaty_languages(data)  # as written: sources and notes are checked even when treaty: has problems
    sources = _sources(values.get("sources") or [], languages, path, errors)
    treaty = _treaty(values.get("treaty"), path, errors)
    states = _states(values.get("states") or [], treaty, languages, today, path, errors)
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


def _states_schema(source_ids: tuple[str, ...], articles: tuple[str, ...], known_codes: Mapping[str, UNState],
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
    reported = {
        "parties": Field(COUNT, required=True),
        "as_of": Field(DAY_OR_MONTH, required=True, check=lambda key, value: not_after_today(key, _first_day(value))),
        "source": source,
    }
    totals = {
        "signatories": Field(COUNT, required=True),
        "parties": Field(COUNT, required=True),
        "as_of_or_later": Field(DATE, required=True, check=not_after_today),
        "source": source,
        "note": Field(TEXT),
    }
    treaty = {
        "name": Field(WORDS, required=True),
        "short_name": Field(WORDS, required=True),
        "adopted": Field(DATE, required=True, check=not_after_today),
        "adopted_by": Field(MAPPING, required=True, fields={"resolution": Field(TEXT, required=True),
                                                            "body": Field(WORDS, required=True)}),
        "opened_for_signature": Field(DATE, required=True, check=not_after_today),
        "monitoring_body": Field(WORDS, required=True),
        "hashtag": Field(TEXT, required=True, check=_hashtag),
        "articles": Field(MAPPING, fields={role: Field(TEXT) for role in ARTICLE_ROLES}),
        "entry_into_force": Field(MAPPING, required=True, fields={"instruments": Field(COUNT, required=True),
                                                                  "after": _DELAY}),
        "denunciation": Field(MAPPING, fields={"after": _DELAY}),
        "declarations": Field(LIST, fields=_DECLARATION, label=_by_article),
        "wording": Field(MAPPING, required=True, fields=_WORDING),
        "depositary": Field(MAPPING, required=True, fields={"reference": Field(TEXT, required=True),
                                                            "url": Field(TEXT, required=True,
                                                                         check=_published_address),
                                                            "last_checked": Field(DATE, check=not_after_today)}),
        "depositary_totals": Field(MAPPING, required=True, fields=totals),
        "parties_reported": Field(LIST, fields=reported, label=lambda entry, where: f"{where} ({entry.get('as_of')})"),
        "prerequisite": Field(MAPPING, fields={"name": Field(WORDS, required=True),
                                               "short_name": Field(WORDS, required=True),
                                               "data": Field(TEXT, required=True, check=_data_file)}),
    }

    def declared_article(key: str, value: dict) -> Problem | None:
        for article, declared in value.items():
            if article not in articles:
                known = ", ".join(f'"{known}"' for known in articles) or "none"
                return (f"'{key}' names article {shown(article)}, which is not one of treaty.declarations",
                        did_you_mean(str(article), articles) or f"the treaty's declarations are: {known}")
            if not (type(declared) is bool or declared == UNKNOWN or declared in _CHOSEN_IN_THE_EDITOR):
                return (must_be(f"{key}.{article}", f"true, false or {UNKNOWN}", declared),
                        f"true: the State made the declaration; false: a source says it did not; {UNKNOWN}: "
                        "not known")
        return None

    state = {
        "code": Field(_STATE_CODE, required=True, check=known_code),
        **{key: Field(DATE_OR_UNKNOWN) for key in ("signed", *_CONSENT_KEYS)},
        "declarations": Field(MAPPING, check=declared_article),
        "denounced": Field(DATE),
        "note": Field(_TEXT_PER_LANGUAGE),
        "source": source,
    }
    return {
        "treaty": Field(MAPPING, required=True, fields=treaty),
        "sources": Field(LIST, required=True, fields=_SOURCE, label=_by_id),
        "states": Field(LIST, required=True, fields=state,
                        label=lambda entry, where: entry["code"] if entry.get("code") in known_codes else where),
    }


# The treaty's texts are given in each language: `name` says which languages, every other text has the same ones.
WORDS = Kind("a text in each language, one 'en: ...' line each",
             lambda value: isinstance(value, dict) and bool(value)
             and all(isinstance(text, str) and text.strip() for text in value.values()),
             lambda value: 'for example:  en: "the Committee"  (one indented line per language)')
ARTICLE_ROLES = ("who_may_join", "entry_into_force", "denunciation")  # the articles the site may name
# A count reported for a month ("2025-09", in quotes) when the report gives no day, or for a day.
DAY_OR_MONTH = Kind('a date like 2013-05-05, or a month in quotes like "2025-09"',
                    lambda value: DATE.accepts(value)
                    or (isinstance(value, str) and re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", value) is not None))
# The sentences of treaty.wording the templates show, and the placeholders each may use besides the treaty's own.
WORDING: dict[str, tuple[str, ...]] = {
    "status_title": (), "description": (),
    "party": (), "in_force_for": ("day",), "enters_into_force_for": ("day",), "signatory": (), "none": (),
    "step_none": (), "ask_none": (), "step_signatory": (), "ask_signatory": (),
    "step_declare": (), "ask_declare": (), "step_party": (), "ask_party": (),
    "what_it_means": (), "letter_subject": (), "letter_opening": ("adopted",),
    "table_caption": ("count",), "feed_subtitle": (),
}
# The sentences for a State that must join the prerequisite treaty first: required when the treaty has one.
PREREQUISITE_WORDING: dict[str, tuple[str, ...]] = {
    f"{kind}_prerequisite_{standing}": ("prerequisite",)
    for standing in ("none", "signatory") for kind in ("step", "ask")}
# The sentences for a party whose declarations the sources do not give: required when the treaty has declarations.
DECLARATIONS_UNKNOWN_WORDING: dict[str, tuple[str, ...]] = {
    "step_declarations_unknown": (), "ask_declarations_unknown": ()}
TREATY_PLACEHOLDERS = ("name", "short_name", "adopting_body", "monitoring_body", "resolution", "hashtag")


def _placeholders(sentence: str) -> tuple[str, ...]:
    """The placeholders a sentence may use: the treaty's own and the sentence's."""
    return (*TREATY_PLACEHOLDERS, *{**WORDING, **PREREQUISITE_WORDING, **DECLARATIONS_UNKNOWN_WORDING}[sentence])


def _known_placeholders(sentence: str) -> Callable[[str, dict], Problem | None]:
    def check(key: str, texts: dict) -> Problem | None:
        allowed = _placeholders(sentence)
        for language, text in texts.items():
            try:
                used = [name for _, name, _, _ in string.Formatter().parse(text) if name is not None]
            except ValueError as error:
                return (f"'{key}.{language}' has a brace out of place ({error})",
                        "write a placeholder as {name}, and a brace of the text itself as {{ or }}")
            for name in used:
                if name not in allowed:
                    return (f"'{key}.{language}' uses the placeholder {{{name}}}, which this sentence does not have",
                            f"its placeholders are {', '.join('{' + each + '}' for each in allowed)}")
        return None
    return check


_WORDING: Schema = {
    **{sentence: Field(WORDS, required=True, check=_known_placeholders(sentence)) for sentence in WORDING},
    **{sentence: Field(WORDS, check=_known_placeholders(sentence))
       for sentence in (*PREREQUISITE_WORDING, *DECLARATIONS_UNKNOWN_WORDING)},
}


def _first_day(value: datetime.date | str) -> datetime.date:
    """The day a DAY_OR_MONTH value stands for: itself, or the first day of its month."""
    return value if isinstance(value, datetime.date) else datetime.date.fromisoformat(f"{value}-01")


def _data_file(key: str, value: str) -> Problem | None:
    if re.fullmatch(r"data/[\w.-]+\.yaml", value) and value not in (STATES_FILE, UN_STATES_FILE):
        return None
    return must_be(key, "a file of data/ of its own, like data/covenant.yaml", value), None


def _one_unit(key: str, value: Values) -> Problem | None:
    units = [unit for unit in ("days", "months") if value.get(unit) is not None]
    if len(units) == 1:
        return None
    return (f"'{key}' must give either days or months, got {' and '.join(units) or 'neither'}",
            "for example  after: {months: 3}  or  after: {days: 90}")


_DELAY = Field(MAPPING, required=True, fields={"days": Field(COUNT), "months": Field(COUNT)}, check=_one_unit)
_DECLARATION: Schema = {
    "article": Field(TEXT, required=True),
    "opt": Field(TEXT, required=True, check=lambda key, value: None if value in ("in", "out") else (
        must_be(key, '"in" or "out"', value),
        "in: the procedure applies to a State once it declares it accepts it; out: unless it declares it does not")),
    "label": Field(WORDS, required=True),
}


def _by_article(entry: Mapping[str, Any], where: str) -> str:
    article = entry.get("article")
    return f"{where} (article {article})" if isinstance(article, str) and article.strip() else where


def _hashtag(key: str, value: str) -> Problem | None:
    if re.fullmatch(r"\w+", value):
        return None
    return must_be(key, "a hashtag without the #, like OPICESCR", value), "letters and digits only"


def _published_address(key: str, value: str) -> Problem | None:
    """A source is cited at the address its publisher gives it, not at a test copy or a placeholder."""
    if not re.match(r"^https?://[^/\s]+", value):
        return must_be(key, "an http(s) address", value), None
    if urls.is_test_copy(value):
        return (must_be(key, "the address of the published page, not of a test copy or a placeholder", value),
                "cite the page on its publisher's own host (www.ohchr.org, not web.test.ohchr.un-icc.cloud)")
    return None


def _treaty_languages(data: LineDict) -> tuple[str, ...]:
    """The languages of treaty.name as written, in which a source's title may be given too."""
    treaty = data.get("treaty")
    names = treaty.get("name") if isinstance(treaty, dict) else None
    return tuple(code for code in names if isinstance(code, str)) if isinstance(names, dict) else ()


def _declared_articles(data: LineDict) -> tuple[str, ...]:
    """The articles of the treaty's optional declarations as written, for checking what States declared."""
    treaty = data.get("treaty")
    entries = treaty.get("declarations") if isinstance(treaty, dict) else None
    if not isinstance(entries, list):
        return ()
    return tuple(entry["article"] for entry in entries
                 if isinstance(entry, dict) and isinstance(entry.get("article"), str))


# A source's title and a State's note: one text, in English, or one per language ({en: ..., fr: ...}), read by
# _per_language.
_TEXT_PER_LANGUAGE = Kind("a text, or one text per language, one 'en: ...' line each",
                          lambda value: isinstance(value, (str, dict)))
# A code is checked against un-states.yaml, which suggests the code meant by "uy", "UK" or "Grmany".
_STATE_CODE = Kind(CODE.described, lambda value: isinstance(value, str), CODE.hint)
_SOURCE: Schema = {
    "id": Field(TEXT, required=True),
    "title": Field(_TEXT_PER_LANGUAGE, required=True),
    # null when the copy that was read gave no address: the gap is written, not left out by mistake
    "url": Field(Kind("a text, or null when the address is not known",
                      lambda value: value is None or isinstance(value, str)), required=True,
                 check=lambda key, value: _published_address(key, value) if value is not None else None),
    "as_of": Field(DATE_OR_WORDS, required=True),  # sources rarely give one date: "2023-04-20 or later"
}


def _by_id(entry: Mapping[str, Any], where: str) -> str:
    source_id = entry.get("id")
    return f"source '{source_id}'" if isinstance(source_id, str) and source_id.strip() else "sources"


def _sources(entries: list[Values], languages: Collection[str], path: str,
             errors: list[SiteError]) -> tuple[Source, ...]:
    """The sources of a data file; a title given per language may be in `languages` (the treaty's) and English."""
    sources: list[Source] = []
    seen: dict[str, int] = {}
    for entry in entries:
        source_id, line = entry.get("id"), entry.source.line_of("id")
        if source_id in seen:
            errors.append(SiteError(f"'{source_id}' is listed twice (first on line {seen[source_id]})", path, line))
        elif source_id:
            seen[source_id] = line
        titles = _per_language(entry, "title", languages, path, errors) if entry.ok else None
        if titles is not None:
            as_of = entry["as_of"]
            sources.append(Source(id=source_id, title=titles[FALLBACK_LANGUAGE], url=entry["url"],
                                  as_of=as_of.isoformat() if isinstance(as_of, datetime.date) else as_of,
                                  titles=_frozen(titles)))
    return tuple(sources)


def _per_language(entry: Values, key: str, languages: Collection[str], path: str, errors: list[SiteError],
                  english_required: bool = True) -> Mapping[str, str] | None:
    """A source's title or a State's note (`key`) by language; None when it is wrong (reported at its line). A
    title has its English (shown where a language has none); a note may lack it, as the editor in the browser
    saves a note written in French alone: the translation report lists it, as any note not translated."""
    text = entry[key]
    if isinstance(text, str):
        return {FALLBACK_LANGUAGE: text}
    codes = (FALLBACK_LANGUAGE, *(code for code in languages if code != FALLBACK_LANGUAGE))
    # Two-letter codes are too short for guessing typos ("fe" is as near "fr" as "es"): say which codes are known,
    # or the code in small letters ("FR").
    elsewhere = {code: f"did you mean '{str(code).lower()}'?" if str(code).lower() in codes else
                 f"a {key} is given in English and the languages of treaty.name: {', '.join(codes)}"
                 for code in text if code not in codes}
    read = read_mapping(text, text_per_language(codes, required=(FALLBACK_LANGUAGE,) if english_required else ()),
                        path, errors, key, line=entry.source.line_of(key), about=entry.where, elsewhere=elsewhere,
                        missing_hint=f"add a line '{FALLBACK_LANGUAGE}: ...': the English {key} is shown where a "
                                     "language has none")
    if read.ok and not any(read.get(code) for code in codes):
        errors.append(SiteError(f"{entry.where}: {key}: no text in any language", path, entry.source.line_of(key),
                                f"write it in English at least ('{FALLBACK_LANGUAGE}: ...'), or leave '{key}' out"))
        return None
    return {code: value for code, value in read.items() if value is not None} if read.ok else None


def _treaty(treaty: Values | None, path: str, errors: list[SiteError]) -> Treaty | None:
    if treaty is None:
        return None  # already reported
    adopted, opened = treaty.get("adopted"), treaty.get("opened_for_signature")
    if adopted and opened and opened < adopted:
        errors.append(SiteError(f"treaty: opened for signature on {opened}, before it was adopted on {adopted}",
                                path, treaty.source.line_of("opened_for_signature")))
        return None
    nested = ("adopted_by", "entry_into_force", "wording", "depositary", "depositary_totals")
    if not (treaty.ok and all(treaty[key].ok for key in nested)):
        return None
    before = len(errors)
    errors.extend(_language_problems(treaty, path))
    errors.extend(_prerequisite_wording_problems(treaty, path))
    errors.extend(_declarations_wording_problems(treaty, path))
    if len(errors) > before:
        return None
    rule = treaty["entry_into_force"]
    denunciation = treaty["denunciation"]
    articles = treaty["articles"] or {}
    return Treaty(
        name=_frozen(treaty["name"]),
        short_name=_frozen(treaty["short_name"]),
        adopted=adopted,
        adopted_by=treaty["adopted_by"]["resolution"],
        adopting_body=_frozen(treaty["adopted_by"]["body"]),
        opened_for_signature=opened,
        monitoring_body=_frozen(treaty["monitoring_body"]),
        hashtag=treaty["hashtag"],
        articles=MappingProxyType({role: article for role, article in articles.items() if article is not None}),
        entry_into_force_rule=EntryIntoForceRule(instruments=rule["instruments"], after=_delay(rule["after"])),
        denunciation_delay=_delay(denunciation["after"]) if denunciation else None,
        declarations=tuple(OptionalDeclaration(article=entry["article"], opt=entry["opt"],
                                               label=_frozen(entry["label"]))
                           for entry in treaty["declarations"] or ()),
        wording=MappingProxyType({sentence: _frozen(texts) for sentence, texts in treaty["wording"].items()
                                  if texts is not None}),
        languages=tuple(treaty["name"]),
        depositary=Depositary(**treaty["depositary"]),
        depositary_totals=DepositaryTotals(**treaty["depositary_totals"]),
        line=treaty.source.line if isinstance(treaty.source, LineDict) else 0,
        parties_reported=tuple(sorted(
            (ReportedCount(parties=entry["parties"], as_of=_first_day(entry["as_of"]),
                           month_only=not isinstance(entry["as_of"], datetime.date), source=entry["source"])
             for entry in treaty["parties_reported"] or ()), key=lambda reported: reported.as_of)),
        prerequisite=(Prerequisite(name=_frozen(treaty["prerequisite"]["name"]),
                                   short_name=_frozen(treaty["prerequisite"]["short_name"]),
                                   data=treaty["prerequisite"]["data"])
                      if treaty["prerequisite"] else None),
    )


def _prerequisite_wording_problems(treaty: Values, path: str) -> Iterator[SiteError]:
    """A treaty with a prerequisite says, in its wording, what a State outside the prerequisite can do."""
    if treaty["prerequisite"]:
        yield from _missing_wording(treaty, path, PREREQUISITE_WORDING,
                                    "a treaty with a prerequisite says what a State that has not joined it can do",
                                    ", which may use {prerequisite}")


def _declarations_wording_problems(treaty: Values, path: str) -> Iterator[SiteError]:
    """A treaty with declarations says, in its wording, what to ask a party whose declarations are not known."""
    if treaty["declarations"]:
        yield from _missing_wording(treaty, path, DECLARATIONS_UNKNOWN_WORDING,
                                    "a treaty with declarations says what to ask a party whose declarations the "
                                    "sources do not give (whether it has made them)", "")


def _missing_wording(treaty: Values, path: str, sentences: Iterable[str], why: str, placeholders: str
                     ) -> Iterator[SiteError]:
    """Each of `sentences` missing from treaty.wording, with `why` the treaty needs it."""
    for sentence in sentences:
        if treaty["wording"].get(sentence) is None:
            yield SiteError(f"treaty.wording: '{sentence}' is missing", path, treaty.source.line_of("wording"),
                            f"{why}: add '{sentence}:' with a text in each language{placeholders}")


def _frozen(texts: Mapping[str, str]) -> Mapping[str, str]:
    return MappingProxyType(dict(texts))


def _delay(after: Mapping[str, int | None]) -> Delay:
    unit = "days" if after.get("days") is not None else "months"
    return Delay(amount=after[unit], unit=unit)  # type: ignore[arg-type]


def _language_problems(treaty: Values, path: str) -> Iterator[SiteError]:
    """Every text of the treaty in the languages of its `name`: a sentence missing in one language is a gap."""
    languages = list(treaty["name"])
    texts = [("treaty.short_name", treaty.source, "short_name", treaty["short_name"]),
             ("treaty.adopted_by.body", treaty["adopted_by"].source, "body", treaty["adopted_by"]["body"]),
             ("treaty.monitoring_body", treaty.source, "monitoring_body", treaty["monitoring_body"])]
    texts += [(f"treaty.declarations (article {entry['article']}).label", entry.source, "label", entry["label"])
              for entry in treaty["declarations"] or ()]
    texts += [(f"treaty.wording.{sentence}", treaty["wording"].source, sentence, words)
              for sentence, words in treaty["wording"].items() if words is not None]
    if treaty["prerequisite"]:
        texts += [(f"treaty.prerequisite.{key}", treaty["prerequisite"].source, key, treaty["prerequisite"][key])
                  for key in ("name", "short_name")]
    for where, mapping, key, words in texts:
        line = mapping.line_of(key) if isinstance(mapping, LineDict) else None
        missing = [language for language in languages if language not in words]
        extra = [language for language in words if language not in languages]
        if missing:
            yield SiteError(f"{where}: no text in {', '.join(repr(language) for language in missing)}", path, line,
                            f"every text of the treaty is given in the languages of treaty.name: "
                            f"{', '.join(languages)}")
        if extra:
            yield SiteError(f"{where}: {', '.join(repr(language) for language in extra)} is not a language of "
                            f"treaty.name ({', '.join(languages)})", path, line,
                            "add the language to treaty.name, or remove the line")


_CONSENT_KEYS = ("ratified", "acceded", "ratified_or_acceded")
_CONSENT_KINDS: dict[str, ConsentKind] = {"ratified": "ratification", "acceded": "accession"}
_VERBS = {
    "signed": "signed",
    "ratified": "ratified",
    "acceded": "acceded",
    "ratified_or_acceded": "ratified or acceded",
}


def _states(entries: list[Values], treaty: Treaty | None, languages: Collection[str], today: datetime.date,
            path: str, errors: list[SiteError]) -> list[State]:
    """Each State's entry; a note given per language may be in `languages` (the treaty's) and English."""
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
        errors.extend(SiteError(f"{entry.where}: {message}", path, at, hint)
                      for message, at, hint in _denunciation_problems(entry, dates, treaty, today))
        notes = (_per_language(entry, "note", languages, path, errors, english_required=False)
                 if entry.ok and entry["note"] is not None else {})
        if entry.ok and len(errors) == before and treaty is not None and notes is not None:
            states.append(_state(entry, dates, treaty, notes))
    return states


# The editor in the browser chooses true, false or unknown from a list, whose choices are texts: it writes
# "10": "true" in quotes, which means what a bare true means.
_CHOSEN_IN_THE_EDITOR = {"true": True, "false": False}


def _declared(declarations: Mapping[str, bool | str] | None, article: str) -> bool | None:
    value = (declarations or {}).get(article)
    if isinstance(value, str):
        return _CHOSEN_IN_THE_EDITOR.get(value)  # `unknown` is None
    return value  # true, false, or None when left out


def _state(entry: Values, dates: dict[str, datetime.date | str | None], treaty: Treaty,
           notes: Mapping[str, str]) -> State:
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
        declarations=MappingProxyType({declaration.article: _declared(entry["declarations"], declaration.article)
                                       for declaration in treaty.declarations}),
        denounced=entry["denounced"],
        denunciation_effective=(treaty.denunciation_delay.apply(entry["denounced"])
                                if entry["denounced"] and treaty.denunciation_delay else None),
        note=notes.get(FALLBACK_LANGUAGE),
        source=entry["source"],
        line=entry.source.line,
        notes=_frozen(notes),
        note_per_language=isinstance(entry["note"], dict),
    )


def _suggest_code(word: str, known_codes: Mapping[str, UNState]) -> str | None:
    """The code meant by a wrong code, a code in lower case, a non-ISO code such as UK, or a name: a common English
    one ("Russia") or one the UN writes in any of the site's languages ("Fédération de Russie")."""
    upper = word.strip().upper()
    for state in known_codes.values():
        if upper == state.code or upper in state.aliases:
            return f"did you mean '{state.code}'?"
    # Two-letter codes are too short for fuzzy matching to mean anything, names are not.
    by_name = {name.casefold(): state for state in known_codes.values()
               for name in (state.name, *(form for names in state.names.values()
                                          for form in (names.short, names.formal)))}
    close = difflib.get_close_matches(word.strip().casefold(), sorted(by_name), n=1, cutoff=0.6)
    if close:
        state = by_name[close[0]]
        shown_name = state.names[FALLBACK_LANGUAGE].short if FALLBACK_LANGUAGE in state.names else state.name
        return f"did you mean '{state.code}' ({shown_name})?"
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


def _denunciation_problems(entry: Values, dates: dict[str, datetime.date | str | None], treaty: Treaty | None,
                           today: datetime.date) -> Iterator[tuple[str, int, str | None]]:
    """A State denounces a treaty it is a party to, after joining it, on a day that has come."""
    denounced = entry.get("denounced")
    if denounced is None:
        return
    line = entry.source.line_of("denounced")
    consent = next((dates[key] for key in _CONSENT_KEYS if dates[key] is not None), None)
    if consent is None:
        yield "denounced without being a party", line, "only a party can denounce: add the day it joined"
    elif isinstance(consent, datetime.date) and denounced < consent:
        yield f"denounced on {denounced}, before it joined on {consent}", line, None
    if denounced > today:
        yield f"denounced on {denounced}, which is after today ({today})", line, "record only what has happened"
    if treaty is not None and treaty.denunciation_delay is None:
        yield ("denounced, but the treaty says nothing of denunciation", line,
               "add treaty.denunciation, for example  denunciation: {after: {months: 6}}")


def _later_line(entry: LineDict, first: str, second: str) -> int:
    """Point at whichever of two clashing keys comes second: that is where the mistake most likely is."""
    return max(entry.line_of(first), entry.line_of(second))


# The prerequisite treaty's file (data/covenant.yaml): each State's standing under it, with sources and an as-of day.

_PREREQUISITE_STATE: Schema = {
    "code": Field(CODE, required=True),
    "status": Field(TEXT, required=True, check=lambda key, value: None if value in STATUSES else (
        must_be(key, '"party", "signatory" or "none"', value),
        "party: it ratified, acceded or succeeded; signatory: it signed only; none: neither, per the source")),
    "year": Field(COUNT),
    "date": Field(DATE),
    "kind": Field(TEXT, check=lambda key, value: None if value in ("ratification", "accession", "succession") else (
        must_be(key, '"ratification", "accession" or "succession"', value), "leave it out when not known")),
    "source": Field(TEXT, required=True),
    "note": Field(TEXT),
}


def parse_prerequisite(text: str, path: str, known_codes: Mapping[str, UNState], today: datetime.date,
                       languages: Collection[str] = (FALLBACK_LANGUAGE,)) -> PrerequisiteStatus:
    """Validate the prerequisite treaty's file `text`: as_of, sources, and each State's standing under it; a source's
    title may be given in `languages` (the treaty's)."""
    data = parse_yaml(text, path)
    if not isinstance(data, LineDict):
        raise SiteError("the file must hold as_of:, sources: and states:", path, None)
    errors: list[SiteError] = []
    source_ids = _source_ids(data)

    def known(key: str, value: str) -> Problem | None:
        if key == "code" and value not in known_codes:
            return (must_be(key, "the ISO 3166-1 code of a UN Member or observer State", value),
                    _suggest_code(value, known_codes) or f"the codes are listed in {UN_STATES_FILE}")
        if key == "source" and value not in source_ids:
            return (must_be(key, "the id of a source listed under sources:", value),
                    did_you_mean(value, source_ids) or f"the sources are {', '.join(source_ids)}")
        return None

    entry = {**_PREREQUISITE_STATE, "code": Field(CODE, required=True, check=known),
             "source": Field(TEXT, required=True, check=known)}
    values = read_mapping(data, {
        "as_of": Field(DATE, required=True, check=lambda key, day: None if day <= today else (
            f"'{key}' {day} is after today ({today})", "record only what has happened")),
        "sources": Field(LIST, required=True, fields=_SOURCE, label=_by_id),
        "states": Field(LIST, required=True, fields=entry, label=_by_code),
    }, path, errors)
    sources = _sources(values.get("sources") or [], languages, path, errors)
    states: dict[str, PrerequisiteState] = {}
    for state in values.get("states") or ():
        line = state.source.line
        if state.get("code") in states:
            errors.append(SiteError(f"'{state['code']}' is listed twice (first on line "
                                    f"{states[state['code']].line})", path, line))
        elif state.ok:
            states[state["code"]] = PrerequisiteState(code=state["code"], standing=state["status"],
                                                      year=state["year"], day=state["date"], source=state["source"],
                                                      line=line)
    raise_all(errors)
    return PrerequisiteStatus(as_of=values["as_of"], sources=sources,
                              states=MappingProxyType(dict(sorted(states.items()))))


def prerequisite_problems(tracker: Tracker, prerequisite: PrerequisiteStatus, path: str) -> Iterator[SiteError]:
    """What the treaty's data says against its prerequisite's (art. 17 of the OP-ICESCR): a State signs only once it
    has signed or joined the prerequisite, and joins only once it is a party to it, not before."""
    rule = tracker.treaty.prerequisite
    if rule is None:
        return
    name = rule.short_name.get("en") or next(iter(rule.short_name.values()))
    for state in tracker.states:
        if not (state.party or state.signatory):
            continue
        under = prerequisite.states.get(state.code)
        if under is None:
            yield SiteError(f"{state.code}: it signed or joined the treaty, but {rule.data} does not say whether it "
                            f"signed or joined the {name}", path, state.line,
                            f"add '{state.code}' to {rule.data}, with the source that says it")
        elif state.party and under.standing != "party":
            yield SiteError(f"{state.code}: recorded as a party, but {rule.data} line {under.line} says it is "
                            f"{_not_party(under.standing)} the {name}", path, state.line,
                            f"a State joins only once it is a party to the {name}: check both files' sources")
        elif state.signatory and under.standing == "none":
            yield SiteError(f"{state.code}: recorded as a signatory, but {rule.data} line {under.line} says it has "
                            f"neither signed nor joined the {name}", path, state.line,
                            f"a State signs only once it has signed or joined the {name}: check both files' sources")
        elif state.party and state.consent and under.year and state.consent.year < under.year:
            yield SiteError(f"{state.code}: joined on {state.consent}, before it became a party to the {name} in "
                            f"{under.year} ({rule.data} line {under.line})", path, state.line, None)


def _not_party(standing: str) -> str:
    return "only a signatory of" if standing == "signatory" else "neither a signatory of nor a party to"
