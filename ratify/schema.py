"""A declared schema + line-aware YAML (or JSON) data -> the values it holds and every problem in it, worded one way.

A schema is data: key -> Field (its kind, whether it is required, its default, a further check). `read_mapping`
reads a mapping against it and reports every problem at once, never only the first:

    'title' is missing                                  add a line 'title: ...'
    unknown key 'titel'                                 did you mean 'title'?
    'weight' must be a whole number, got "first"
    'date' must be a date like 2013-05-05, got "5 mai"
    'title' is empty

Keys are always in single quotes, texts in double quotes, numbers, true/false and dates bare. A message about a
nested mapping or an entry of a list starts with where it is: "treaty.depositary: 'url' is missing".
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Any, Callable, Collection, Mapping

from ratify.datafile import LineDict
from ratify.errors import SiteError, did_you_mean

Problem = tuple[str, "str | None"]  # (message after the where-prefix, hint)


@dataclass(frozen=True)
class Kind:
    """What a value must be, as a test and as the words that complete "'key' must be ..."."""

    described: str  # "a whole number"
    accepts: Callable[[Any], bool]
    hint: Callable[[Any], str | None] = lambda value: None  # advice for a value of the wrong kind


@dataclass(frozen=True)
class Field:
    """One key of a mapping: what its value must be."""

    kind: Kind
    required: bool = False
    default: Any = None  # the value when the key is absent
    check: Callable[[str, Any], Problem | None] | None = None  # a further rule on a value of the right kind
    fields: Mapping[str, Field] | None = None  # the keys of the mapping, or of each mapping in the list
    label: Callable[[Mapping[str, Any], str], str] | None = None  # an entry of a list -> where it is, for messages


Schema = Mapping[str, Field]


class Values(dict):
    """The values read from one mapping, the key absent when its value was wrong; `ok` when nothing was wrong."""

    source: Mapping[str, Any]  # the mapping as written, for the line of each key
    ok: bool
    where: str  # the prefix of its messages: "treaty.depositary"


def shown(value: Any) -> str:
    """A value as it is written in the file: texts in double quotes, numbers, true/false and dates bare."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "nothing"
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a set of 'key: value' lines"
    return str(value)


def must_be(key: str, described: str, value: Any) -> str:
    """The one wording of a value that breaks a rule: 'dir' must be "ltr" or "rtl", got "sideways"."""
    return f"'{key}' must be {described}, got {shown(value)}"


def line_of(mapping: Any, key: str) -> int | None:
    """The line of `key` in a mapping read from YAML; None for data without lines (JSON)."""
    if isinstance(mapping, LineDict):
        return mapping.line_of(key)
    return None


def _plain_date(value: Any) -> bool:
    # datetime is a date too, but a time of day means someone wrote something other than a day.
    return isinstance(value, datetime.date) and not isinstance(value, datetime.datetime)


def _date_hint(value: Any) -> str | None:
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", value.strip()):
        return "remove the quotes around the date"
    return None


def _code_hint(value: Any) -> str | None:
    return 'write the two-letter code in capitals and quotes, e.g. "DE"'


def _true_false_hint(value: Any) -> str | None:
    """YAML 1.1 took yes and no for true and false; ratify reads YAML 1.2 (ratify/datafile.py), where they are words."""
    if isinstance(value, str) and value.lower() in ("yes", "no", "on", "off"):
        return "write true or false: yes, no, on and off are words here"
    return None


UNKNOWN = "unknown"  # written in place of a date when something happened on a day nobody found

TEXT = Kind("a text", lambda value: isinstance(value, str))
# True is an int in Python, and 1 is no answer to "draft?": booleans and numbers are told apart by their type.
WHOLE_NUMBER = Kind("a whole number", lambda value: type(value) is int)
COUNT = Kind("a whole number above 0", lambda value: type(value) is int and value > 0)
TRUE_FALSE = Kind("true or false", lambda value: type(value) is bool, _true_false_hint)
MAYBE = Kind("true, false or null (not known)", lambda value: value is None or type(value) is bool,
             lambda value: _true_false_hint(value) or "leave the key out while it is not known")
DATE = Kind("a date like 2013-05-05", _plain_date, _date_hint)
DATE_OR_UNKNOWN = Kind(f"a date like 2013-05-05 or {UNKNOWN}", lambda value: _plain_date(value) or value == UNKNOWN,
                       _date_hint)
DATE_OR_WORDS = Kind("a date or words", lambda value: _plain_date(value) or isinstance(value, str))
CODE = Kind('a two-letter code in quotes like "DE"',
            lambda value: isinstance(value, str) and re.fullmatch(r"[A-Z]{2}", value) is not None, _code_hint)
CODES = Kind('a list of two-letter codes in quotes like ["UK"]',
             lambda value: isinstance(value, list) and all(CODE.accepts(code) for code in value))
MAPPING = Kind("a set of 'key: value' lines, indented", lambda value: isinstance(value, dict))
LIST = Kind("a list, each item starting with '- '", lambda value: isinstance(value, list))

_KNOWN_HINTS = {TEXT: "put the text in quotes"}


def text_per_language(codes: Collection[str], check: Callable[[str, str], Problem | None] | None = None,
                      required: Collection[str] | None = None) -> Schema:
    """The schema of a text given per language, one 'en: ...' line each: site.yaml's title, join.route.label and
    organisation.*, a source's title. Every language of `codes` is required unless `required` names those that are;
    a code outside `codes` is an unknown key ("did you mean 'fr'?")."""
    return {code: Field(TEXT, required=required is None or code in required, check=check) for code in codes}


def read_mapping(data: Mapping[str, Any], schema: Schema, path: str, errors: list[SiteError], where: str = "",
                 *, line: int | None = None, elsewhere: Mapping[str, str] | None = None,
                 unknown_keys: bool = False, about: str = "", missing_hint: str | None = None,
                 blank_is_absent: bool = False) -> Values:
    """Read `data` against `schema`, adding every problem to `errors`.

    `where` starts each message ("treaty.depositary", "DE"), after `about`, the part of the file ("front matter");
    `line` is where a missing key is reported
    (the line naming the mapping), else the mapping's first line. `elsewhere` gives, for keys that belong to
    another kind of file, the hint that says so. With `unknown_keys`, keys outside the schema are kept, unchecked.
    `missing_hint` replaces "add a line 'key: ...'" in a file that is not written by hand. With `blank_is_absent`,
    an optional key written without a value (`weight:`, `weight: null`, `slug: ""`) is as if it were left out:
    editors that write every field of their form (Decap CMS) write the ones left blank so.
    """
    values = Values()
    values.source, values.where = data, where
    before = len(errors)

    def add(message: str, at: int | None, hint: str | None = None) -> None:
        errors.append(SiteError("".join(f"{part}: " for part in (about, where) if part) + message, path, at, hint))

    suggested = set()
    for key in data:
        if key in schema:
            continue
        if unknown_keys:
            values[key] = data[key]
            continue
        hint = (elsewhere or {}).get(key) or did_you_mean(str(key), schema)
        if hint and hint.startswith("did you mean"):
            suggested.add(hint)
        add(f"unknown key '{key}'", line_of(data, key), hint or f"known keys: {', '.join(schema)}")
    mapping_line = line if line is not None else (data.line if isinstance(data, LineDict) else None)
    for key, field in schema.items():
        if key not in data or (blank_is_absent and not field.required and data[key] in (None, "")):
            if field.required and f"did you mean '{key}'?" not in suggested:  # the typo's message says it already
                add(f"'{key}' is missing", mapping_line, missing_hint or f"add a line '{key}: ...'")
            elif not field.required:
                values[key] = field.default
            continue
        value = _read_value(data[key], key, field, data, path, errors, where, about, add)
        if value is not _WRONG:
            values[key] = value
    values.ok = len(errors) == before
    return values


_WRONG = object()


def _read_value(value: Any, key: str, field: Field, data: Mapping[str, Any], path: str, errors: list[SiteError],
                where: str, about: str, add: Callable[..., None]) -> Any:
    at = line_of(data, key)
    if value is None and not field.kind.accepts(None):
        add(f"'{key}' has no value", at, f"write its value after '{key}:', or remove the line")
        return _WRONG
    if not field.kind.accepts(value):
        add(must_be(key, field.kind.described, value), at, field.kind.hint(value) or _KNOWN_HINTS.get(field.kind))
        return _WRONG
    if isinstance(value, str) and not value.strip():
        add(f"'{key}' is empty", at)
        return _WRONG
    inner = f"{where}.{key}" if where else key
    if field.kind is MAPPING and field.fields is not None:
        value = read_mapping(value, field.fields, path, errors, inner, line=at, about=about)
    elif field.kind is LIST and field.fields is not None:
        value = _read_entries(value, key, field, at, path, errors, inner, about, add)
    if field.check is not None and value is not _WRONG:
        problem = field.check(key, value)
        if problem is not None:
            add(problem[0], at, problem[1])
            return _WRONG
    return value


def _read_entries(entries: list, key: str, field: Field, at: int | None, path: str, errors: list[SiteError],
                  inner: str, about: str, add: Callable[..., None]) -> list[Values]:
    """Each mapping of a list against the field's schema; anything else listed there is reported once."""
    read = []
    for entry in entries:
        if not isinstance(entry, dict):
            continue
        where = field.label(entry, inner) if field.label else inner
        read.append(read_mapping(entry, field.fields or {}, path, errors, where, about=about))
    if len(read) < len(entries):
        add(f"'{key}' must list only 'key: value' groups, each starting with '- ', got "
            f"{shown(next(entry for entry in entries if not isinstance(entry, dict)))}", at)
    return read
