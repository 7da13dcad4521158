"""data/un-names.yaml + the UN States -> the same States with the UN's names in each language, or SiteErrors.

UNTERM writes a short name with its article in brackets at the end ("Argentine (l')", "Bahamas (the)"): a list
shows the name without it, a sentence uses it ("en Argentine", "in the Bahamas"). The file's `forms:` say, per
language, which brackets are articles and what "in" and "of" make of each; nothing about a language is written here.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from types import MappingProxyType
from typing import Any, Mapping

from ratify.datafile import LineDict, parse_yaml
from ratify.errors import SiteError, did_you_mean, raise_all
from ratify.schema import MAPPING, TEXT, Field, Schema, line_of, read_mapping, shown
from ratify.model import FALLBACK_LANGUAGE, StateName, UNState
from ratify.textfile import read_text

UN_NAMES_FILE = "data/un-names.yaml"
NO_ARTICLE = ""  # the key of `forms` for a name without an article
_BRACKETED = re.compile(r"^(?P<name>.+?) \((?P<bracket>[^()]+)\)$")

_ENTRY: Schema = {"short": Field(TEXT, required=True), "formal": Field(TEXT, required=True), "in": Field(TEXT)}
_FILE: Schema = {"forms": Field(MAPPING, required=True), "states": Field(MAPPING, required=True)}
_FORMS: Schema = {"in": Field(MAPPING, required=True), "of": Field(MAPPING, required=True)}


def read_un_names(root: Path, un_states: tuple[UNState, ...]) -> tuple[UNState, ...]:
    """The UN States with their names from data/un-names.yaml under the site root `root`."""
    try:
        text = read_text(root / UN_NAMES_FILE, UN_NAMES_FILE)
    except FileNotFoundError:
        raise SiteError("file not found", UN_NAMES_FILE, None,
                        f"the tracker names States as the UN does: copy {UN_NAMES_FILE} from the engine's "
                        "repository into the site") from None
    return parse_un_names(text, UN_NAMES_FILE, un_states)


def parse_un_names(text: str, path: str, un_states: tuple[UNState, ...]) -> tuple[UNState, ...]:
    """Join the names of un-names.yaml `text` to `un_states`; SiteErrors list every problem of the file at once."""
    data = parse_yaml(text, path)
    if not isinstance(data, LineDict):
        raise SiteError("the file must hold forms: and states:", path, None)
    errors: list[SiteError] = []
    values = read_mapping(data, _FILE, path, errors)
    forms = _forms(values.get("forms") or {}, path, errors)
    known = {state.code: state for state in un_states}
    names: dict[str, dict[str, StateName]] = {}
    states = values.get("states") or {}
    for code, languages in states.items():
        at = line_of(states, code)
        if code not in known:
            errors.append(SiteError(f"states: '{code}' is not one of the UN States of data/un-states.yaml", path, at,
                                    did_you_mean(str(code), known) or "write its ISO code in capitals, as there"))
            continue
        if not isinstance(languages, dict):
            errors.append(SiteError(f"states.{code}: " + f"must be a language code per line, got {shown(languages)}",
                                    path, at))
            continue
        names[code] = _names_of(code, languages, forms, path, errors)
        if FALLBACK_LANGUAGE not in languages:
            errors.append(SiteError(f"states.{code}: no '{FALLBACK_LANGUAGE}' names", path, at,
                                    "English is shown in every language a State lacks: give it for every State"))
    missing = [code for code in known if code not in states]
    if missing and "states" in values:
        errors.append(SiteError(f"states: no names for {', '.join(missing)}", path, data.line_of("states"),
                                "every State of data/un-states.yaml needs its names"))
    raise_all(errors)
    return tuple(replace(state, names=MappingProxyType(names[state.code])) for state in un_states)


def _forms(data: Mapping[str, Any], path: str, errors: list[SiteError]) -> dict[str, Mapping[str, Mapping[str, str]]]:
    """forms.<language>.in / .of: article -> a sentence form with {name}; each needs one for no article."""
    forms = {}
    for language, value in data.items():
        where = f"forms.{language}"
        if not isinstance(value, dict):
            errors.append(SiteError(f"{where}: must hold in: and of:, got {shown(value)}", path,
                                    line_of(data, language)))
            continue
        read = read_mapping(value, _FORMS, path, errors, where, line=line_of(data, language))
        if not read.ok:
            continue
        for which in ("in", "of"):
            table = read[which]
            for article, form in table.items():
                if not isinstance(form, str) or "{name}" not in form:
                    errors.append(SiteError(f"{where}.{which}: the form for '{article}' must be a text with "
                                            f"{{name}}, got {shown(form)}", path, line_of(table, article)))
            if NO_ARTICLE not in table:
                errors.append(SiteError(f"{where}.{which}: no form for a name without an article", path,
                                        line_of(value, which), 'add  "": "... {name}"'))
        forms[language] = {"in": read["in"], "of": read["of"]}
    return forms


def _names_of(code: str, languages: Mapping[str, Any], forms: Mapping[str, Mapping[str, Mapping[str, str]]],
              path: str, errors: list[SiteError]) -> dict[str, StateName]:
    names = {}
    for language, entry in languages.items():
        where = f"states.{code}.{language}"
        if language not in forms:
            errors.append(SiteError(f"{where}: there are no forms for '{language}'", path, line_of(languages, language),
                                    f"add forms.{language}: with in: and of:"))
            continue
        if not isinstance(entry, dict):
            errors.append(SiteError(f"{where}: must be {{short: ..., formal: ...}}, got {shown(entry)}", path,
                                    line_of(languages, language)))
            continue
        read = read_mapping(entry, _ENTRY, path, errors, where, line=line_of(languages, language))
        if read.ok:
            names[language] = state_name(read["short"], read["formal"], read["in"], forms[language])
    return names


def state_name(short: str, formal: str, written_in: str | None, forms: Mapping[str, Mapping[str, str]]) -> StateName:
    """A State's names in one language: the bracketed article of `short` is taken off when `forms` knows it."""
    bracketed = _BRACKETED.match(short)
    article = NO_ARTICLE
    if bracketed and bracketed["bracket"] in forms["in"] and bracketed["bracket"] != NO_ARTICLE:
        short, article = bracketed["name"], bracketed["bracket"]
    first, _, rest = formal.partition(" ")
    of_form = (forms["of"][first].format(name=rest) if rest and first != NO_ARTICLE and first in forms["of"]
               else forms["of"][NO_ARTICLE].format(name=formal))
    in_form = written_in or forms["in"][article].format(name=short)
    # UNTERM writes straight apostrophes; the site shows the typographic one, as its Markdown does ("Côte d’Ivoire").
    return StateName(*(text.replace("'", "\u2019") for text in (short, article, formal, in_form, of_form)))
